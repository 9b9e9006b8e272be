#pragma once
// App: owns everything the kiosk runs on, declared in construction order (content, GLFW, window,
// ImGui, fonts, screens) and torn down in reverse. Main thread only.
//
// One frame: poll input -> (scripted input) -> ui draws the current screen from the session and
// returns intents -> the App applies them -> idle timer -> ImGui renders -> swap.
#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "ImGuiLayer.h"
#include "KioskOptions.h"
#include "Script.h"
#include "Window.h"
#include "AdvisorDesk.h"
#include "BookingFlow.h"
#include "CarView.h"
#include "KioskContent.h"
#include "SessionInsight.h"
#include "core/Catalog.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Date.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/range/Estimate.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/session/CustomerSession.h"
#include "core/session/IdleTimer.h"
#include "core/session/KioskSettings.h"
#include "ui/AttractScreen.h"
#include "ui/FontSet.h"
#include "ui/ModelChooserScreen.h"
#include "ui/ConfiguratorScreen.h"
#include "core/session/AdvisorLock.h"
#include "ui/AdvisorScreen.h"
#include "ui/BookingScreen.h"
#include "ui/CompareScreen.h"
#include "ui/FitCheckScreen.h"
#include "ui/PinyinEngine.h"
#include "ui/SummaryScreen.h"
#include "ui/SurveyScreen.h"
#include "ui/Screen.h"
#include "ui/Theme.h"

namespace kiosk {

class App {
public:
    // `started`: when the process started, for the start-up figure.
    App(KioskOptions options, KioskContent content, std::chrono::steady_clock::time_point started = {});
    // Runs the frame loop until the window closes, the screenshot is written or the script ends;
    // returns the exit code.
    int run();

private:
    void drawFrame(int width, int height);
    void drawIdleOverlay(int width, int height, double secondsLeft);
    void applyIntent(const ui::Intent& intent);
    core::session::IdleContext idleContext() const;
    // A fresh visit. `timedOut`: the idle timer ended the visit (insight records where).
    void resetSession(bool timedOut = false);
    std::int64_t nowSeconds() const;
    void showAttractCar();
    bool sawInput() const;

    // Synthetic input: `--tap` and `--script`. Returns false when a script step failed.
    void injectTaps(int frame);
    bool stepScript(int width, int height, bool& finished);
    void writeLayout(int width, int height) const;
    void writeStateDump(const std::string& path) const;
    void rebuildFonts(float scale);
    void openModel(const std::string& modelId);
    void refreshCar();  // price and range of the current car, after every change
    void startCarView();
    void refreshSummary();  // scenarios, financing, cost of ownership and the code, for the summary
    void refreshFinance();
    void drawAdvisor(const ui::ScreenView& view, ui::Intent& intent);
    void restoreCode(const std::string& code);
    void saveQuote();
    void setupViewer();  // --model / --config / --trim: the full-window car viewer
    void handleCarGestures();

    KioskOptions m_options;
    KioskContent m_content;
    const core::Catalog& m_catalog = m_content.catalog;
    const core::session::KioskSettings& m_settings = m_content.settings;
    core::pricing::Date m_today;
    GlfwLibrary m_glfw;
    Window m_window;
    ImGuiLayer m_imgui;
    ui::Palette m_palette;
    ui::FontSet m_fonts;
    float m_fontScale = 0;        // the size the fonts were built for (geometry scale x text size)
    float m_uiScale = 1;          // geometry: 1 at 1080p
    ui::Accessibility m_access;   // the visitor's choices; reset with the session
    bool m_themeDirty = true;     // rebuild fonts and theme before the next frame
    std::string m_displayText;   // every string the content can show (glyphs in the font atlas)
    std::string m_visitGlyphs;   // characters typed this visit that the atlas lacked; wiped with the visit
    std::set<unsigned> m_visitCodepoints;  // the code points already asked for this visit
    void coverGlyphs(const std::string& text);
    core::session::CustomerSession m_session;
    ui::AttractScreen m_attract;
    ui::ModelChooserScreen m_chooser;
    ui::ConfiguratorScreen m_configuratorScreen;
    std::unique_ptr<CarView> m_carView;  // null when 3D is off or the renderer could not start
    ui::Rect m_carArea;                  // where this frame's screen wants the car; empty: no car
    float m_lastDt = 0;
    // The car being configured: the rules engine's session, the open tab, a greyed-out option the
    // customer tapped with its proposed repair, and the car's price and range.
    std::unique_ptr<core::rules::CatalogConfigurator> m_configurator;
    std::string m_category = "trim";
    ui::ScrollState m_optionScroll;  // the open category's option list
    std::optional<std::string> m_explaining;
    std::optional<core::rules::RepairProposal> m_repair;
    std::optional<core::pricing::PriceBreakdown> m_price;
    std::optional<core::range::Estimate> m_range;
    // The summary: financing choice, range scenarios, cost of ownership, the code and its QR.
    ui::SummaryScreen m_summaryScreen;
    ui::FinanceChoice m_finance;
    int m_dailyKm = 50;
    std::optional<core::range::Estimate> m_winter, m_highway, m_week;
    std::optional<core::pricing::TcoResult> m_tco;
    std::string m_code;
    int m_qrSize = 0;
    std::vector<bool> m_qr;
    bool m_qrLarge = false;  // the QR code shown large over the summary
    // Bookings: the store and sync (null when the store could not open: booking is then refused
    // politely), the form's UI state, and the confirmation of the last booking.
    std::unique_ptr<BookingFlow> m_bookingFlow;
    // Anonymous demand insight of the visit, written to the store's outbox (after the flow).
    std::optional<SessionInsight> m_insight;
    std::string m_bookingError;
    ui::PinyinEngine m_pinyin;
    ui::BookingScreen m_bookingScreen;
    ui::ConfirmationScreen m_confirmationScreen;
    ui::BookingUiState m_bookingUi;
    std::optional<ui::ConfirmationView> m_confirmation;
    // The store is not read every frame: slots and the advisor's list are refreshed every few
    // seconds, and at once after a booking or a change of day.
    struct SlotCache {
        std::string model;
        int day = -1;
        double at = -1e9;
        std::vector<ui::SlotChoice> slots;
        std::vector<std::string> dayLabels;
        std::string language;
        int queueWait = 0;
    } m_slotCache;
    std::unique_ptr<AdvisorDesk> m_desk;  // after the booking flow it reads
    double m_advisorRowsAt = -1e9;
    ui::AdvisorUiState m_advisorUi;
    std::string m_signInId;                 // the hub sign-in being typed
    core::session::SecureString m_password;
    void lockAdvisor();
    // Advisor mode: the PIN check with its lockout, what is typed, and the advisor's tools.
    core::session::AdvisorLock m_advisorLock;
    ui::PinPadScreen m_pinPad;
    ui::AdvisorScreen m_advisorScreen;
    ui::KeyboardState m_advisorKeys;
    core::session::SecureString m_pinTyped;
    bool m_pinWrong = false;
    bool m_advisorUnlocked = false;
    std::string m_codeTyped;
    std::string m_advisorMessage;
    std::int64_t m_dealerDiscountMinor = 0;
    // Home-charging fit check: the customer's answers and the answer for the current car.
    ui::FitCheckScreen m_fitScreen;
    core::charging::FitAnswers m_fitAnswers;
    std::optional<core::charging::FitAnswer> m_fitAnswer;
    std::string m_fitError;
    std::string m_fitReturn = "summary";  // the screen "back" returns to
    void refreshFit();
    // Site survey: its form's UI state, the days offered, and the test drive booked this visit (the
    // survey names it when both are booked).
    ui::SurveyScreen m_surveyScreen;
    ui::SurveyUiState m_surveyUi;
    std::string m_visitTestDriveId;
    void drawSurvey(const ui::ScreenView& view, ui::Intent& intent);
    // Compare: the car kept for comparison, as the comparison shows it.
    ui::CompareScreen m_compareScreen;
    std::optional<core::Configuration> m_keptCar;
    std::optional<ui::CompareColumn> m_keptColumn;
    ui::CompareColumn columnForCurrentCar() const;
    // --bench figures.
    std::chrono::steady_clock::time_point m_started;
    double m_firstFrameMs = -1;
    double m_firstCarFrameMs = -1;
    std::vector<double> m_pickMs;       // applying a pick: rules, price, range, car restyle
    std::vector<double> m_pickFrameMs;  // the whole frame in which the pick showed
    void printBench() const;
    ui::HitMap m_hits;            // what this frame's screens made tappable
    ui::HitMap m_lastHits;        // the previous frame's, for scripted taps by name
    ui::TextAudit m_audit;        // this frame's strings measured against their widgets

    double m_clock = 0;           // seconds; real time, or a fixed step per frame when scripted
    double m_lastInput = 0;
    double m_failureAt = -1;      // when the out-of-order screen came up
    std::string m_failure;

    std::vector<ScriptStep> m_script;
    size_t m_scriptIndex = 0;
    int m_stepFrame = 0;
    int m_waitFrames = 0;
    std::optional<ui::Rect> m_tapTarget;
    std::string m_pendingScreenshot;
};

}  // namespace kiosk
