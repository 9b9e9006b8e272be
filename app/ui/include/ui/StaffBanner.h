#pragma once
// StaffBanner: a strip along the bottom of an advisor-mode screen that tells staff about a problem the
// customer screens do not show (the kiosk runs on fallback content). Draws from the view only.
#include <string>

#include "ui/Screen.h"

namespace ui {

// Draws `text` in a warning strip over the bottom of the screen (nothing when `text` is empty).
void drawStaffBanner(const ScreenView& view, const std::string& text);

}  // namespace ui
