#include "core/session/AdvisorLock.h"

namespace core::session {

PinResult AdvisorLock::tryPin(const std::string& pin, double now) {
    // While locked, a PIN is not even checked: guessing gains nothing.
    if (lockedOut(now)) return PinResult::LockedOut;
    if (m_verify && m_verify(pin)) {
        m_failures = 0;
        return PinResult::Accepted;
    }
    if (++m_failures >= m_settings.advisorMaxAttempts) {
        m_failures = 0;
        m_lockedUntil = now + m_settings.advisorLockoutSeconds;
        return PinResult::LockedOut;
    }
    return PinResult::Wrong;
}

}  // namespace core::session
