#pragma once
// BookingScreen: a test drive for the configured model: a time (showroom slots) or a place in the
// walk-up queue (events), the visitor's name and mobile typed on the kiosk's own keyboard, the
// driving-licence confirmation and the consent, with the contact permission asked separately
// and never pre-ticked. Also the confirmation that says honestly whether the booking is confirmed
// or only requested.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/booking/BookingSettings.h"
#include "core/session/CustomerSession.h"
#include "ui/OnScreenKeyboard.h"
#include "ui/Screen.h"
#include "ui/Scroll.h"

namespace ui {

struct SlotChoice {
    std::string slot;   // "YYYY-MM-DDTHH:MM"
    int seatsLeft = 0;  // as far as the kiosk knows; 0 = full
    bool confirmable = false;  // the kiosk can confirm it now (hub online, or an offline seat it holds)
};

// The booking form's UI state (personal data itself lives in the session's BookingForm).
struct BookingUiState {
    bool queueMode = false;
    int dayOffset = 0;                       // 0 = today
    std::string slot;                        // chosen slot
    std::string focused;                     // "name", "mobile", "email" or ""
    KeyboardState keyboard;
    std::map<std::string, std::string> errors;  // field -> message code
    ScrollState formScroll;                     // the fields and consents, where they do not all fit
    void wipe() {
        formScroll.reset();
        slot.clear();
        focused.clear();
        keyboard.wipe();
        errors.clear();
        dayOffset = 0;
    }
};

struct BookingView {
    const core::Model& model;
    const core::BookingSettings& settings;
    core::session::BookingForm& form;
    BookingUiState& state;
    const std::vector<SlotChoice>& slots;  // for the chosen day
    std::vector<std::string> dayLabels;    // the days offered, as shown
    int queueWaitMinutes = 0;              // queue mode
    bool online = false;                   // the hub answered recently
    PinyinEngine* pinyin = nullptr;
};

struct BookingIntent {
    bool submit = false;
    bool dayChanged = false;
};

class BookingScreen {
public:
    Intent draw(const ScreenView& view, const BookingView& booking, BookingIntent& out) const;
};

struct ConfirmationView {
    const core::Model* model = nullptr;
    bool confirmed = false;      // false: requested, the hub confirms later
    bool queue = false;
    std::string slot;            // slot mode
    int queuePlace = 0;          // queue mode
    int waitMinutes = 0;
    std::string bookingId;
    // A home-charger site survey instead of a test drive: the day and part of the day asked for.
    bool survey = false;
    std::string surveyWhen;
};

// A slot start ("2026-11-28T14:30") as the visitor reads it, in the showroom's local time:
// "11月28日（周六）14:30", "Sat 28 November 2026, 14:30" (content string confirm.slot). The slot
// itself when it cannot be read.
std::string formatSlotTime(const core::Catalog& catalog, const std::string& slot, const std::string& language);

class ConfirmationScreen {
public:
    Intent draw(const ScreenView& view, const ConfirmationView& confirmation) const;
};

}  // namespace ui
