#pragma once
// The controls every screen carries: the 中文/EN switch and the accessibility button ("Aa") with
// its panel of toggles (large text, high contrast, low reach).
#include "ui/Screen.h"

namespace ui {

// `languageSwitch` is where the switch goes; the accessibility button sits to its left and the
// panel opens below them.
void drawTopBar(const ScreenView& view, const Rect& languageSwitch, Intent& intent);

// The accessibility toggles, below `anchor` (the language switch); drawn by the App in a window of
// its own on top of the screen.
void drawAccessPanel(const ScreenView& view, const Rect& anchor, Intent& intent);
Rect accessPanelRect(const ScreenView& view, const Rect& anchor);

}  // namespace ui
