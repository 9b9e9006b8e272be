// The advisor's PIN pad, with the lockout after wrong PINs (the lock outlives visits: it is the
// App's).
#include "screens/ScreenController.h"
#include "ui/AdvisorScreen.h"

namespace kiosk {
namespace {

class AdvisorPinController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override {
        AdvisorState& a = visit.advisor;
        const ui::PinPadView pad{std::string(a.pinTyped.size(), '*'), m_ctx.advisorLock.lockedForSeconds(m_ctx.clock),
                                 m_ctx.advisorLock.attemptsLeft(), a.pinWrong};
        ui::PinPadIntent out;
        ui::Intent intent = m_screen.draw(view, pad, m_keys, out);
        for (int i = 0; i < out.backspaces; ++i) a.pinTyped.popBackCodepoint();
        if (a.pinTyped.size() + out.append.size() <= 12) a.pinTyped.append(out.append);
        if (out.submit && !a.pinTyped.empty()) {
            const auto result = m_ctx.advisorLock.tryPin(a.pinTyped.str(), m_ctx.clock);
            a.pinTyped.wipe();
            a.pinWrong = result == core::session::PinResult::Wrong;
            if (result == core::session::PinResult::Accepted) {
                a.unlocked = true;
                visit.screen = ScreenId::Advisor;
            }
        }
        if (intent.back) {
            intent.back = false;
            a.pinTyped.wipe();
            visit.screen = ScreenId::Models;
        }
        return intent;
    }

private:
    ui::PinPadScreen m_screen;
    ui::KeyboardState m_keys;  // the pad's keyboard (digits only)
};

}  // namespace

std::unique_ptr<ScreenController> makeAdvisorPinController(KioskContext& ctx) {
    return std::make_unique<AdvisorPinController>(ctx);
}

}  // namespace kiosk
