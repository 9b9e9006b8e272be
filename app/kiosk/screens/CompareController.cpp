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
        ui::CompareColumn kept = *visit.compare.keptColumn;
        if (visit.compare.keptCar) named(kept, *visit.compare.keptCar, visit.session.language);
        return m_screen.draw(view, kept, compareColumn(m_ctx, visit), visit.compare.equipmentScroll);
    }
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.back) {
            visit.screen = ScreenId::Summary;
            visit.compare.equipmentScroll.reset();  // the next comparison opens at the top of the lists
        }
    }

private:
    // The kept car's words in the screen's language now (it may have been kept in another); its
    // figures stay as computed when it was kept.
    void named(ui::CompareColumn& col, const core::Configuration& car, const std::string& lang) const {
        const core::Model* model = m_ctx.catalog.findModel(car.model);
        if (!model) return;
        const core::Trim* trim = model->findTrim(car.trim);
        col.title = model->name.get(lang) + " · " + (trim ? trim->name.get(lang) : "");
        col.options.clear();
        for (const auto& id : car.options)
            if (const core::Option* o = model->findOption(id)) col.options.push_back(o->name.get(lang));
    }
    ui::CompareScreen m_screen;
};

}  // namespace

std::unique_ptr<ScreenController> makeCompareController(KioskContext& ctx) { return std::make_unique<CompareController>(ctx); }

}  // namespace kiosk
