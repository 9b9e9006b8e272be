#pragma once
// SurveyScreen: the home-charger site survey, booked alongside or instead of a test drive: the
// preferred day and part of the day, who to call and where (typed on the kiosk's keyboard), the
// survey's own consent and a separate, unticked contact choice. The fit-check answers travel with
// it. Its confirmation is the ConfirmationScreen's survey form.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/charging/ChargingContent.h"
#include "core/session/CustomerSession.h"
#include "ui/OnScreenKeyboard.h"
#include "ui/Screen.h"
#include "ui/Scroll.h"

namespace ui {

struct SurveyUiState {
    std::string day;          // the chosen day, "YYYY-MM-DD" ("" = not chosen); a date, not a position,
                              // so the choice stays the same day when the list moves on at midnight
    std::string period;       // content period id
    std::string focused;      // "name", "mobile", "district" or ""
    KeyboardState keyboard;
    std::map<std::string, std::string> errors;  // field -> validation code
    ScrollState formScroll;                     // the fields and consents, where they do not all fit
    void wipe() {
        formScroll.reset();
        day.clear();
        period.clear();
        focused.clear();
        keyboard.wipe();
        errors.clear();
    }
};

struct SurveyView {
    const core::Model& model;
    const core::charging::ChargingContent& content;
    core::session::SurveyForm& form;
    SurveyUiState& state;
    std::vector<std::pair<std::string, std::string>> days;  // the days offered: date, label as shown
    std::string wallboxName;             // the wallbox from the fit check
    PinyinEngine* pinyin = nullptr;
    std::function<std::string(const std::string& code)> message;  // validation code -> customer text
};

class SurveyScreen {
public:
    // `submit` is set when the customer sends a complete request.
    Intent draw(const ScreenView& view, const SurveyView& survey, bool& submit) const;
};

}  // namespace ui
