// The home-charging fit check: the customer's answers and the plain answer for the current car;
// from here a site survey can be booked.
#include "VisitActions.h"
#include "screens/ScreenController.h"
#include "ui/FitCheckScreen.h"

namespace kiosk {
namespace {

class FitCheckController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    bool canShow(const Visit& visit) const override { return visit.car.configurator != nullptr; }
    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override {
        FitState& fit = visit.fit;
        bool changed = false;
        const ui::FitCheckView fv{m_ctx.content.charging, fit.answers, fit.answer ? &*fit.answer : nullptr, fit.error,
                                     &fit.questionsScroll, &fit.answerScroll};
        ui::Intent intent = m_screen.draw(view, fv, changed);
        if (changed) refreshFit(m_ctx, visit);
        return intent;
    }
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.back) {
            visit.screen = visit.fit.returnTo;
            return;
        }
        if (intent.openSurvey && visit.car.configurator && visit.fit.answer &&
            visit.fit.answer->verdict != core::charging::Verdict::NotPossible) {
            visit.surveyUi.wipe();
            visit.screen = ScreenId::Survey;
        }
    }

private:
    ui::FitCheckScreen m_screen;
};

}  // namespace

std::unique_ptr<ScreenController> makeFitCheckController(KioskContext& ctx) { return std::make_unique<FitCheckController>(ctx); }

}  // namespace kiosk
