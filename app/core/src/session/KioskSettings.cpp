#include "core/session/KioskSettings.h"

#include "core/JsonReader.h"

namespace core::session {

KioskSettingsResult loadKioskSettings(const Catalog& catalog) {
    KioskSettingsResult result;
    KioskSettings s;
    auto it = catalog.moduleFiles.find("kiosk");
    if (it == catalog.moduleFiles.end()) {
        result.settings = s;
        return result;
    }
    const std::string& file = it->second;
    auto doc = parseJsonFile(file, result.errors);
    if (!doc) return result;
    JsonReader r(file, result.errors, catalog.market.languages);
    if (!r.expectObject(*doc, "")) return result;
    r.allowOnly(*doc, "", {"idle", "advisor", "touch", "attract"});
    if (const Json* idle = r.object(*doc, "", "idle")) {
        r.allowOnly(*idle, "/idle", {"browse_s", "form_s", "countdown_s", "advisor_s"});
        if (auto v = r.number(*idle, "/idle", "browse_s", 10, 3600)) s.idleBrowseSeconds = *v;
        if (auto v = r.number(*idle, "/idle", "form_s", 10, 3600)) s.idleFormSeconds = *v;
        if (auto v = r.number(*idle, "/idle", "countdown_s", 3, 120)) s.countdownSeconds = *v;
        if (auto v = r.number(*idle, "/idle", "advisor_s", 30, 7200)) s.advisorIdleSeconds = *v;
        if (s.idleFormSeconds < s.idleBrowseSeconds)
            r.fail("/idle/form_s", "the form timeout must not be shorter than the browsing timeout");
    }
    if (const Json* adv = r.object(*doc, "", "advisor")) {
        r.allowOnly(*adv, "/advisor", {"pin_hash", "max_attempts", "lockout_s", "max_discount_minor", "discount_step_minor"});
        if (auto v = r.nonEmptyString(*adv, "/advisor", "pin_hash")) {
            if (v->rfind("$argon2", 0) != 0) r.fail("/advisor/pin_hash", "expected an Argon2 hash ($argon2id$...), never a PIN");
            else s.advisorPinHash = *v;
        }
        if (auto v = r.integer(*adv, "/advisor", "max_attempts", 1, 20)) s.advisorMaxAttempts = static_cast<int>(*v);
        if (auto v = r.number(*adv, "/advisor", "lockout_s", 10, 86400)) s.advisorLockoutSeconds = *v;
        if (auto v = r.price(*adv, "/advisor", "max_discount_minor", 100'000'000, false)) s.maxDealerDiscountMinor = *v;
        if (auto v = r.price(*adv, "/advisor", "discount_step_minor", 10'000'000, false)) {
            if (*v == 0) r.fail("/advisor/discount_step_minor", "the discount step must be above zero");
            else s.dealerDiscountStepMinor = *v;
        }
    }
    if (const Json* touch = r.object(*doc, "", "touch")) {
        r.allowOnly(*touch, "/touch", {"min_target_mm"});
        if (auto v = r.number(*touch, "/touch", "min_target_mm", 5, 30)) s.minTouchTargetMm = *v;
    }
    if (const Json* attract = r.object(*doc, "", "attract", false)) {
        r.allowOnly(*attract, "/attract", {"turntable_deg_per_s"});
        if (auto v = r.number(*attract, "/attract", "turntable_deg_per_s", 1, 90)) s.attractTurntableDegPerSecond = *v;
    }
    if (result.errors.empty()) result.settings = s;
    return result;
}

}  // namespace core::session
