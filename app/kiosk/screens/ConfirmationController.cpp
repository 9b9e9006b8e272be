// The confirmation of a test drive or a survey request; "done" ends the visit.
#include "VisitActions.h"
#include "screens/ScreenController.h"
#include "ui/BookingScreen.h"

namespace kiosk {
namespace {

class ConfirmationController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    bool canShow(const Visit& visit) const override { return visit.confirmation.has_value(); }
    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override {
        ui::Intent intent = m_screen.draw(view, *visit.confirmation);
        if (intent.start) {
            // "Done": the visit is over; the App starts afresh for the next visitor after this screen.
            intent.start = false;
            m_ctx.endVisit();
        }
        return intent;
    }
    void apply(Visit& visit, const ui::Intent& intent) override {
        ScreenController::apply(visit, intent);
        if (intent.openFitCheck) openFitCheck(m_ctx, visit, ScreenId::Confirmation);
    }

private:
    ui::ConfirmationScreen m_screen;
};

}  // namespace

std::unique_ptr<ScreenController> makeConfirmationController(KioskContext& ctx) {
    return std::make_unique<ConfirmationController>(ctx);
}

}  // namespace kiosk
