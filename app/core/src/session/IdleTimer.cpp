#include "core/session/IdleTimer.h"

namespace core::session {

IdleStatus idleStatus(const KioskSettings& s, IdleContext context, double since) {
    if (context == IdleContext::Attract) return {};
    const double quiet = context == IdleContext::Form      ? s.idleFormSeconds
                         : context == IdleContext::Advisor ? s.advisorIdleSeconds
                                                           : s.idleBrowseSeconds;
    if (since < quiet) return {};
    if (since < quiet + s.countdownSeconds) return {IdlePhase::Countdown, quiet + s.countdownSeconds - since};
    return {IdlePhase::Reset, 0};
}

}  // namespace core::session
