#pragma once
// Advisor mode, behind a PIN: the PIN pad (with the lockout shown), and the advisor's screen:
// today's bookings on this kiosk, restoring a customer's configuration from its code, a dealer
// discount up to the limit in content, and saving the quote document.
#include <optional>
#include <string>
#include <vector>

#include "ui/OnScreenKeyboard.h"
#include "ui/Screen.h"

namespace ui {

struct PinPadView {
    const std::string& digitsTyped;   // shown as dots
    double lockedForSeconds = 0;      // > 0: locked out
    int attemptsLeft = 0;
    bool lastWrong = false;
};

struct PinPadIntent {
    std::string append;
    int backspaces = 0;
    bool submit = false;
};

class PinPadScreen {
public:
    Intent draw(const ScreenView& view, const PinPadView& pad, KeyboardState& keyboard, PinPadIntent& out) const;
};

struct AdvisorBookingRow {
    std::string time;     // "09:30" or "queue 3"
    std::string model;    // display name
    std::string name;     // the visitor's name (advisors need it at the desk)
    std::string status;   // "confirmed", "requested", ...
};

struct AdvisorView {
    const std::vector<AdvisorBookingRow>& today;
    size_t pendingSync = 0;
    bool syncing = false;                 // a hub is configured (embedded kiosks have nothing to sync)
    const std::string& codeTyped;
    const std::string& message;           // result of the last action
    bool hasCar = false;                  // a configuration is open: discount and quote apply
    std::int64_t discountMinor = 0;
    std::int64_t discountLimitMinor = 0;
    std::int64_t discountStepMinor = 100000;
};

struct AdvisorIntent {
    std::string appendCode;
    int codeBackspaces = 0;
    bool restoreCode = false;
    std::optional<std::int64_t> discountMinor;
    bool saveQuote = false;
    bool lock = false;
};

class AdvisorScreen {
public:
    Intent draw(const ScreenView& view, const AdvisorView& advisor, KeyboardState& keyboard, AdvisorIntent& out) const;
};

}  // namespace ui
