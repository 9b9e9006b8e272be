#pragma once
// Visit: everything one customer's visit puts in the kiosk's memory, in one object. The App
// destroys it and builds a fresh one when the visit ends (the "done" button, the idle timeout, an
// error), so nothing personal can be left behind by a field someone forgot to clear; the
// destructor overwrites what was typed. Each screen's part is its own struct, touched by that
// screen's controller (screens/*Controller.cpp) and by the shared car actions (VisitActions.h).
// UI thread only.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ScreenId.h"
#include "core/Configuration.h"
#include "core/charging/FitCheck.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/range/Estimate.h"
#include "core/recommend/Recommend.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/session/CustomerSession.h"
#include "core/session/SecureString.h"
#include "ui/AdvisorScreen.h"
#include "ui/BookingScreen.h"
#include "ui/CompareScreen.h"
#include "ui/Screen.h"
#include "ui/SummaryScreen.h"
#include "ui/SurveyScreen.h"
#include "ui/Theme.h"

namespace kiosk {

// The car being configured: the rules engine's session, the open tab, a greyed-out option the
// customer tapped with its proposed repair, and the car's price and range.
struct CarState {
    std::unique_ptr<core::rules::CatalogConfigurator> configurator;  // null until a model is opened
    std::string category = "trim";
    ui::ScrollState optionScroll;  // the open category's option list
    std::optional<std::string> explaining;
    std::optional<core::rules::RepairProposal> repair;
    ui::ScrollState repairScroll;  // the repair's list of changes
    std::optional<core::pricing::PriceBreakdown> price;
    std::optional<core::range::Estimate> range;
    std::int64_t dealerDiscountMinor = 0;  // set by the advisor
    core::pricing::TradeIn tradeIn = core::pricing::TradeIn::None;  // the customer trades in a car (summary)
};

// The summary: financing choice, range scenarios, cost of ownership, the code and its QR.
struct SummaryState {
    ui::FinanceChoice finance;
    int dailyKm = 50;
    std::optional<core::range::Estimate> winter, highway, week;
    std::optional<core::pricing::TcoResult> tco;
    std::string code;
    int qrSize = 0;
    std::vector<bool> qr;
    bool qrLarge = false;  // the QR code shown large over the summary
    ui::ScrollState priceScroll;  // the price list, when it is taller than its column
    ui::ShownPrice shown;         // what the summary drew of the price this frame (dump, audit)
    int detailsTab = 0;           // where financing and range share a card: the tab shown
};

// Compare: the car kept for comparison, as the comparison shows it.
struct CompareState {
    std::optional<core::Configuration> keptCar;
    std::optional<ui::CompareColumn> keptColumn;
    ui::ScrollState equipmentScroll;  // the equipment lists, while the comparison shows
};

// Home-charging fit check: the customer's answers and the answer for the current car.
struct FitState {
    core::charging::FitAnswers answers;
    std::optional<core::charging::FitAnswer> answer;
    std::string error;
    ScreenId returnTo = ScreenId::Summary;  // the screen "back" returns to
    ui::ScrollState questionsScroll, answerScroll;  // where the questions or the answer are taller than the screen leaves
};

// The buying guide: the answers (about the customer's week, never personal data), the question
// showing, the recommendations for the answers, and where "back" goes.
struct GuideState {
    core::recommend::Answers answers;
    int step = 0;  // ui::kGuideQuestions: the results
    std::optional<core::recommend::RecommendResult> result;
    ScreenId returnTo = ScreenId::Models;
    size_t missingGlyphs = 0;  // characters of the results the font atlas lacked (added at once)
    std::vector<std::pair<std::string, std::string>> reported;  // answers already sent as insight events
};

// Advisor mode: what is typed into the PIN pad and the advisor's fields, and the last message.
struct AdvisorState {
    bool unlocked = false;
    core::session::SecureString pinTyped;
    bool pinWrong = false;
    std::string codeTyped;
    std::string message;
    std::string signInId;  // the hub sign-in being typed
    core::session::SecureString password;
    ui::AdvisorUiState ui;
};

struct Visit {
    // A fresh visit in the market's default language; `queueMode`: bookings join the walk-up queue.
    Visit(const std::string& language, bool queueMode);
    ~Visit();  // overwrites every typed character
    Visit(const Visit&) = delete;
    Visit& operator=(const Visit&) = delete;

    core::session::CustomerSession session;  // language, the car, and the forms with personal data
    ScreenId screen = ScreenId::Attract;
    ui::Accessibility access;  // the visitor's choices
    ui::Palette palette;       // follows access.highContrast
    CarState car;
    SummaryState summary;
    CompareState compare;
    FitState fit;
    GuideState guide;
    ui::BookingUiState bookingUi;
    ScreenId bookingFrom = ScreenId::Configure;  // where "back" on the booking form returns
    ui::SurveyUiState surveyUi;
    std::optional<ui::ConfirmationView> confirmation;  // of the last booking or survey request
    std::string testDriveId;  // the test drive booked this visit (a survey names it)
    AdvisorState advisor;
    std::string glyphs;              // characters typed this visit that the font atlas lacked
    std::set<unsigned> codepoints;   // the code points already asked for this visit
};

}  // namespace kiosk
