#pragma once
// CompareScreen: two configurations side by side: the car the customer kept for comparison and the
// one on the summary now, with the figures that differ between them and each car's equipment.
// The layout is measured before anything is drawn: the figures' names sit in a column of their
// own where they fit beside the two cars (landscape), else above each figure inside each car's
// card (portrait, large text); the equipment lists scroll together when they are longer than the
// room left under the figures, so no line is ever dropped.
#include <string>
#include <vector>

#include "ui/Screen.h"
#include "ui/Scroll.h"

namespace ui {

// One car as the comparison shows it; all figures already computed.
struct CompareColumn {
    std::string title;                   // model and trim
    std::vector<std::string> options;    // chosen paint, wheels, interior, battery, packages
    std::int64_t onTheRoadMinor = 0;
    std::int64_t monthlyMinor = -1;      // -1: no finance offer
    double officialKm = 0, winterKm = 0, highwayKm = 0, dcMinutes = 0;
};

// Where the comparison puts its parts, from the window size and the measured words.
struct CompareLayout {
    bool labelsBeside = true;  // a column of figure names left of the cars; false: each name above its figure
    float labelW = 0;          // that column's width (0 when the names are above the figures)
    float x0 = 0, x1 = 0;      // the two cars' cards
    float colW = 0;
};

// `labelWidthPx`: the widest figure name; `valueWidthPx`: the widest figure, both in the body font.
CompareLayout computeCompareLayout(float width, float scale, float labelWidthPx, float valueWidthPx);

class CompareScreen {
public:
    // `equipmentScroll`: the equipment lists' scroll, kept by the caller while the screen shows.
    Intent draw(const ScreenView& view, const CompareColumn& kept, const CompareColumn& now, ScrollState& equipmentScroll) const;
};

}  // namespace ui
