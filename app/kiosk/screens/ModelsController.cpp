// The model chooser: one card per model; a tap opens it in the configurator.
#include "VisitActions.h"
#include "core/range/Estimate.h"
#include "screens/GuideEntry.h"
#include "screens/ScreenController.h"
#include "ui/ModelChooserScreen.h"

namespace kiosk {
namespace {

class ModelsController final : public ScreenController {
public:
    explicit ModelsController(KioskContext& ctx) : ScreenController(ctx) {
        // The same official figures as every other screen, computed once: content never changes in a run.
        for (const auto& m : ctx.catalog.models)
            if (auto span = core::range::officialRangeSpanKm(ctx.content.range, ctx.catalog, m)) m_spans[m.id] = *span;
    }

    ui::Intent draw(Visit&, const ui::ScreenView& view) override { return m_screen.draw(view, m_spans); }
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.openModel && m_ctx.catalog.findModel(*intent.openModel)) openModel(m_ctx, visit, *intent.openModel);
        if (intent.openGuide) openGuide(m_ctx, visit, ScreenId::Models);
        ScreenController::apply(visit, intent);
    }

private:
    ui::ModelChooserScreen m_screen;
    ui::RangeSpans m_spans;
};

}  // namespace

std::unique_ptr<ScreenController> makeModelsController(KioskContext& ctx) { return std::make_unique<ModelsController>(ctx); }

}  // namespace kiosk
