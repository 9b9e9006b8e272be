// Compare: the kept car beside the one on the summary now.
#include "VisitActions.h"
#include "screens/ScreenController.h"
#include "ui/CompareScreen.h"

namespace kiosk {
namespace {

class CompareController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    bool canShow(const Visit& visit) const override {
        return visit.compare.keptColumn && visit.car.configurator && visit.car.price;
    }
    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override {
        return m_screen.draw(view, *visit.compare.keptColumn, compareColumn(m_ctx, visit), visit.compare.equipmentScroll);
    }
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.back) {
            visit.screen = ScreenId::Summary;
            visit.compare.equipmentScroll.reset();  // the next comparison opens at the top of the lists
        }
    }

private:
    ui::CompareScreen m_screen;
};

}  // namespace

std::unique_ptr<ScreenController> makeCompareController(KioskContext& ctx) { return std::make_unique<CompareController>(ctx); }

}  // namespace kiosk
