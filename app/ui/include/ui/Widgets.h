#pragma once
// Small shared pieces of the screens: a touch button and UTF-8 encoding.
#include <string>

#include "ui/Screen.h"

namespace ui {

// A rounded touch button, accent-filled or plain, with a pressed look while the finger is down.
// Records its target as `id`; returns true when tapped (and enabled).
bool touchButton(const ScreenView& view, const std::string& id, const std::string& label, const Rect& r, bool accent,
                 bool enabled = true);

// Appends one Unicode code point to `out` as UTF-8.
void appendUtf8(std::string& out, char32_t c);

}  // namespace ui
