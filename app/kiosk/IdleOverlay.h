#pragma once
// The idle countdown over any screen: "are you still there?" with the seconds left and a button;
// any touch on it counts as "still here" and does not reach the screen beneath.
#include "ui/Screen.h"

namespace kiosk {

void drawIdleOverlay(const ui::ScreenView& view, double secondsLeft);

}  // namespace kiosk
