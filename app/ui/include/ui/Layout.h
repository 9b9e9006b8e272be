#pragma once
// Screen layout in window pixels, computed as pure functions of the window size so tests can
// find where things are drawn without a GPU.
#include <vector>

namespace ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
    float centerX() const { return x + w * 0.5f; }
    float centerY() const { return y + h * 0.5f; }
};

// The parts of the model chooser. Landscape puts the cards side by side, portrait stacks them.
struct ChooserLayout {
    Rect header;                // brand name and title
    Rect languageSwitch;        // the 中文/EN button
    std::vector<Rect> cards;    // one per model, in catalog order
    std::vector<Rect> cardNames;  // where each card's model name is drawn
    Rect footer;                // price note
};

// `lowReach` keeps every control in the lower part of the screen (a portrait kiosk reached from a
// wheelchair or by a child): the top stays for headings only.
ChooserLayout computeChooserLayout(float width, float height, int modelCount, bool lowReach = false);

// The top of the region where controls may go.
float reachTop(float height, bool lowReach);

// Pixels per millimetre on the physical screen, from the monitor's reported size; a 32-inch
// 1080p panel (about 0.369 mm per pixel) when the monitor does not report one.
float pixelsPerMm(int widthPx, int widthMm);

}  // namespace ui
