#pragma once
// ConfiguratorScreen: the car large on the left, the option panel by category on the right, the
// running price and range under the car. Greyed-out options stay visible and say why when tapped,
// with the smallest change that allows them and its price effect.
#include <optional>
#include <string>

#include "core/pricing/PriceBreakdown.h"
#include "core/range/Estimate.h"
#include "core/rules/CatalogConfigurator.h"
#include "ui/Screen.h"
#include "ui/Scroll.h"

namespace ui {

struct ConfiguratorView {
    const core::rules::CatalogConfigurator& configurator;
    const std::string& category;                              // the open tab
    const core::pricing::PriceBreakdown* price = nullptr;     // of the current car, when it prices
    const core::range::Estimate* range = nullptr;             // of the current car
    const std::optional<std::string>& explaining;             // the greyed option the customer tapped
    const core::rules::RepairProposal* repair = nullptr;      // for `explaining`
    bool rendererDrawsCar = false;                            // leave the car area to the 3D renderer
    ScrollState* optionScroll = nullptr;  // the option list scrolls by drag when a category has more than fits
    ScrollState* repairScroll = nullptr;  // the repair's changes, when more than the panel shows at once
};

// Where the configurator's parts go: landscape puts the option panel right of the car; portrait
// stacks car, cards and panel; low reach keeps every control below the reach line.
struct ConfiguratorLayout {
    Rect bar;        // back, title, accessibility, language
    Rect car;        // the 3D car (or its picture) with camera buttons
    Rect priceCard, rangeCard;
    Rect tabs, list, actions;
};
// `tabRows`: the rows the category tabs take (more where their labels need wider tabs).
ConfiguratorLayout computeConfiguratorLayout(float width, float height, float scale, bool lowReach, int tabRows = 2);

class ConfiguratorScreen {
public:
    Intent draw(const ScreenView& view, const ConfiguratorView& cfg) const;
    // The "why not, and what would allow it" panel for cfg.explaining; drawn by the App in a
    // window above the screen.
    Intent drawRepair(const ScreenView& view, const ConfiguratorView& cfg) const;
    // The repair panel: as tall as `contentHeight` asks, within the screen.
    static Rect repairArea(float width, float height, float scale, float contentHeight = 0);
    // Where the 3D car goes.
    static Rect carArea(float width, float height, float scale, bool lowReach) {
        return computeConfiguratorLayout(width, height, scale, lowReach).car;
    }
};

}  // namespace ui
