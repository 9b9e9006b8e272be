#pragma once
// AdvisorLock: who may enter advisor mode. Counts wrong PINs and locks entry for a while after
// too many; the PIN check itself is passed in (the kiosk verifies an Argon2 hash with libsodium),
// so this stays pure and testable with a fake clock.
#include <functional>
#include <string>

#include "core/session/KioskSettings.h"

namespace core::session {

enum class PinResult { Accepted, Wrong, LockedOut };

class AdvisorLock {
public:
    using Verifier = std::function<bool(const std::string& pin)>;
    AdvisorLock(const KioskSettings& settings, Verifier verify) : m_settings(settings), m_verify(std::move(verify)) {}

    PinResult tryPin(const std::string& pin, double nowSeconds);
    bool lockedOut(double nowSeconds) const { return nowSeconds < m_lockedUntil; }
    double lockedForSeconds(double nowSeconds) const { return lockedOut(nowSeconds) ? m_lockedUntil - nowSeconds : 0; }
    int attemptsLeft() const { return m_settings.advisorMaxAttempts - m_failures; }

private:
    KioskSettings m_settings;
    Verifier m_verify;
    int m_failures = 0;
    double m_lockedUntil = -1;
};

}  // namespace core::session
