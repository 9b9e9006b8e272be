#pragma once
// AttractScreen: what an idle kiosk shows: the brand, a hero car, and a bilingual "touch to
// start". No personal data and no prices (an undated price is a promise the kiosk cannot keep).
#include "ui/Screen.h"

namespace ui {

class AttractScreen {
public:
    // `heroArea` is left empty for the 3D renderer when it draws the car; otherwise a picture is drawn.
    Intent draw(const ScreenView& view, bool rendererDrawsCar) const;
    // Where the hero car goes on a screen of this size.
    static Rect heroArea(float width, float height);
};

}  // namespace ui
