// The model chooser: one card per model; a tap opens it in the configurator.
#include "VisitActions.h"
#include "screens/GuideEntry.h"
#include "screens/ScreenController.h"
#include "ui/ModelChooserScreen.h"

namespace kiosk {
namespace {

class ModelsController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    ui::Intent draw(Visit&, const ui::ScreenView& view) override { return m_screen.draw(view); }
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.openModel && m_ctx.catalog.findModel(*intent.openModel)) openModel(m_ctx, visit, *intent.openModel);
        if (intent.openGuide) openGuide(m_ctx, visit, ScreenId::Models);
        ScreenController::apply(visit, intent);
    }

private:
    ui::ModelChooserScreen m_screen;
};

}  // namespace

std::unique_ptr<ScreenController> makeModelsController(KioskContext& ctx) { return std::make_unique<ModelsController>(ctx); }

}  // namespace kiosk
