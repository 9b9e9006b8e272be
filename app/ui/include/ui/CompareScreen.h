#pragma once
// CompareScreen: two configurations side by side: the car the customer kept for comparison and the
// one on the summary now, with the figures that differ between them.
#include <string>
#include <vector>

#include "ui/Screen.h"

namespace ui {

// One car as the comparison shows it; all figures already computed.
struct CompareColumn {
    std::string title;                   // model and trim
    std::vector<std::string> options;    // chosen paint, wheels, interior, battery, packages
    std::int64_t onTheRoadMinor = 0;
    std::int64_t monthlyMinor = -1;      // -1: no finance offer
    double officialKm = 0, winterKm = 0, highwayKm = 0, dcMinutes = 0;
};

class CompareScreen {
public:
    Intent draw(const ScreenView& view, const CompareColumn& kept, const CompareColumn& now) const;
};

}  // namespace ui
