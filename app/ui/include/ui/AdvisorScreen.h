#pragma once
// Advisor mode, behind a PIN: the PIN pad (with the lockout shown), and the advisor's screen:
// today's test drives with the desk's steps (check in, start, complete, no-show; through the sales
// hub after the advisor signs in there, or on this kiosk's own store when it runs alone), a list
// that scrolls by drag with momentum, restoring a customer's configuration from its code, a dealer
// discount up to the limit in content, and saving the quote document. Text is typed on the
// kiosk's keyboard (or a physical one).
#include <optional>
#include <string>
#include <vector>

#include "core/session/SecureString.h"
#include "ui/OnScreenKeyboard.h"
#include "ui/Scroll.h"
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
    std::string bookingId;  // what a desk step acts on (never the row's position: the list refreshes)
    std::string time;     // "09:30" or "#3" (queue place)
    std::string model;    // display name
    std::string name;     // the visitor's name (advisors need it at the desk)
    std::string status;   // "confirmed", "requested", ...
    std::vector<std::string> actions;  // desk steps allowed now: "check-in", "start", "complete", "no-show"
};

// The advisor screen's own state: which field has the keyboard, and the list's scroll.
struct AdvisorUiState {
    std::string focused;  // "code", "advisor_id", "password" or ""
    KeyboardState keyboard;
    ScrollState scroll;
    void wipe() {
        focused.clear();
        keyboard.wipe();
        scroll.reset();
    }
};

struct AdvisorView {
    const std::vector<AdvisorBookingRow>& today;
    // The sales hub: whether the list comes from it, whether the advisor has signed in there, a
    // request in flight, and what went wrong last (customer-facing text, "" = nothing).
    bool viaHub = false;
    bool signedIn = false;
    bool busy = false;
    std::string advisorId;
    std::string deskError;
    const std::string& signInIdTyped;
    size_t passwordLength = 0;
    size_t pendingSync = 0;
    bool syncing = false;                 // a hub is configured (embedded kiosks have nothing to sync)
    const std::string& codeTyped;
    const std::string& message;           // result of the last action
    bool hasCar = false;                  // a configuration is open: discount and quote apply
    std::int64_t discountMinor = 0;
    std::int64_t discountLimitMinor = 0;
    std::int64_t discountStepMinor = 100000;
    // This kiosk's booking store is failing: why (English, for staff and support; "" = healthy).
    // Shown as a banner above the list; `listFailed`: the kiosk's own list could not be read, so
    // an empty list is not "no bookings today".
    std::string storeProblem{};
    bool listFailed = false;
};

struct AdvisorIntent {
    // Typing into a field: which one (the focus may close in the same frame), what, and deletions.
    std::string field;
    std::string append;
    int backspaces = 0;
    std::optional<std::pair<std::string, std::string>> deskStep;  // booking id, action
    bool signIn = false;
    bool signOut = false;
    bool restoreCode = false;
    std::optional<std::int64_t> discountMinor;
    bool saveQuote = false;
    bool lock = false;
};

// Where the advisor screen puts its parts. Side by side (today's list left, the customer's car
// right) where each column gets at least kAdvisorMinColumnW (at 1080p scale); stacked on a narrow
// (portrait) screen. The title has a line of its own when it does not fit between the buttons.
// Sizes measured before drawing: the title (large font), the guide button's words (body font), and
// the customer column's height when stacked.
constexpr float kAdvisorMinColumnW = 560;
struct AdvisorLayout {
    Rect lock, guide, title;
    Rect bookings, customer;
    bool stacked = false;
};
AdvisorLayout computeAdvisorLayout(float width, float height, float scale, float titleWidthPx, float guideLabelWidthPx,
                                   float customerHeightPx);

class AdvisorScreen {
public:
    Intent draw(const ScreenView& view, const AdvisorView& advisor, AdvisorUiState& state, AdvisorIntent& out) const;
};

}  // namespace ui
