#pragma once
// ModelChooserScreen: the three models as touch-sized cards (name, body style, "from" price,
// CLTC range, seats) and the 中文/EN switch. Stateless: draws from the view each frame.
#include "ui/Layout.h"
#include "ui/Screen.h"

namespace ui {

class ModelChooserScreen {
public:
    Intent draw(const ScreenView& view) const;
};

// The "CLTC range" figure for a card: "420–520" or "600" (no unit).
std::string formatRangeSpan(const core::Model& model);


}  // namespace ui
