#pragma once
// Which characters of a text a font can draw (ImGui draws '?' for one it cannot). UI thread.
#include <initializer_list>
#include <string>
#include <vector>

struct ImFont;

namespace ui {

// Code points of `text` (from U+0020) that one of `fonts` has no glyph for.
std::vector<unsigned> glyphsMissingIn(std::initializer_list<ImFont*> fonts, const std::string& text);

}  // namespace ui
