#pragma once
// ModelChooserScreen: the three models as touch-sized cards (name, body style, "from" price,
// official range, seats) and the language switch. Stateless: draws from the view each frame.
#include <map>
#include <string>
#include <utility>

#include "ui/Layout.h"
#include "ui/Screen.h"

namespace ui {

// Each model's lowest and highest official range (core::range::officialRangeSpanKm), by model id.
using RangeSpans = std::map<std::string, std::pair<double, double>>;

class ModelChooserScreen {
public:
    Intent draw(const ScreenView& view, const RangeSpans& spans) const;
};

// The official range figure for a card: "420–520" or "600" (no unit); "—" when unknown.
std::string formatRangeSpan(const RangeSpans& spans, const std::string& modelId);


}  // namespace ui
