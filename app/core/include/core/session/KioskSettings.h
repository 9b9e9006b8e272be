#pragma once
// KioskSettings: how the kiosk behaves, from content (content.json "modules": {"kiosk": ...}):
// idle timeouts, advisor access, touch sizes. Read once at start; immutable after.
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "core/ContentError.h"

namespace core::session {

struct KioskSettings {
    double idleBrowseSeconds = 60;     // no touch while browsing, before the countdown shows
    double idleFormSeconds = 150;      // longer while filling in a form
    double countdownSeconds = 15;      // the visible "touch to continue" countdown
    double advisorIdleSeconds = 300;   // advisor mode locks itself after this
    std::string advisorPinHash;        // libsodium crypto_pwhash_str (Argon2id) of the advisor PIN
    int advisorMaxAttempts = 5;        // wrong PINs before a lockout
    double advisorLockoutSeconds = 300;
    std::int64_t maxDealerDiscountMinor = 0;     // the most an advisor may take off a car at this kiosk
    std::int64_t dealerDiscountStepMinor = 100000;
    double minTouchTargetMm = 10;      // smallest touch target on the physical screen
    double attractTurntableDegPerSecond = 12;
};

struct KioskSettingsResult {
    std::optional<KioskSettings> settings;
    ContentErrors errors;
};

// Reads catalog.moduleFiles["kiosk"]; defaults when the manifest names none.
KioskSettingsResult loadKioskSettings(const Catalog& catalog);

}  // namespace core::session
