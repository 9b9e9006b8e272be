#pragma once
// App: owns everything the kiosk runs on, declared in construction order (content, GLFW, window,
// ImGui, the booking store, the desk, insight, the 3D car, the screen controllers, the visit) and
// torn down in reverse; runs the frame loop. Main thread only.
//
// One frame, top to bottom (run()): time and input -> fonts and theme -> synthetic input (script,
// taps) -> background news (sync, insight) -> the current screen's controller draws from the
// visit and acts on what was tapped -> idle timer -> GL: clear, the 3D car, ImGui -> screenshot,
// figures -> swap -> watchdog "alive".
#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "AdvisorDesk.h"
#include "AuditTour.h"
#include "BenchFigures.h"
#include "BookingFlow.h"
#include "CarView.h"
#include "ImGuiLayer.h"
#include "KioskContent.h"
#include "KioskContext.h"
#include "KioskOptions.h"
#include "ScreenId.h"
#include "ScriptRunner.h"
#include "SessionInsight.h"
#include "Visit.h"
#include "Watchdog.h"
#include "Window.h"
#include "contentpack/ContentShelf.h"
#include "core/Catalog.h"
#include "core/pricing/Date.h"
#include "core/session/AdvisorLock.h"
#include "core/session/IdleTimer.h"
#include "core/session/KioskSettings.h"
#include "screens/ScreenController.h"
#include "ui/FontSet.h"
#include "ui/PinyinEngine.h"
#include "ui/Screen.h"
#include "ui/Theme.h"

namespace kiosk {

// The content's life around the App: why it runs on a fallback (for staff; "" = it does not) and
// the shelf of published versions (null: none), where a new version waits for a moment between visits.
struct ContentRuntime {
    std::string notice;
    const contentpack::ContentShelf* shelf = nullptr;
};

class App {
public:
    // run()'s answer when a new content version waits and no visit is on: main switches and starts again.
    static constexpr int kSwitchContent = 75;
    // `started`: when the process started, for the start-up figure.
    App(KioskOptions options, KioskContent content, std::chrono::steady_clock::time_point started = {},
        ContentRuntime contentRuntime = {});
    // Runs the frame loop until the window closes, the screenshot is written or the script ends;
    // returns the exit code.
    int run();

private:
    // The frame's steps, in the order run() calls them.
    void rebuildFonts(float uiScale);
    bool feedInput(int frame, bool& scriptDone);  // false: a script step failed
    void updateUi(int width, int height);
    void drawScreen(int width, int height);
    void applyIntent(ScreenController& drawn, const ui::Intent& intent);
    void renderFrame(int width, int height);
    struct FrameStart {
        std::chrono::steady_clock::time_point time;
        size_t picks = 0;  // option picks applied before this frame
    };
    int afterFrame(int frame, int width, int height, bool scriptDone, const FrameStart& start);  // >= 0: exit code

    ui::ScreenView screenView(int width, int height);
    ScreenController& controller(ScreenId id) { return *m_controllers[static_cast<size_t>(id)]; }
    core::session::IdleContext idleContext() const;
    // A fresh visit: the old one is destroyed with everything personal in it. `timedOut`: the idle
    // timer ended the visit (insight records where).
    void resetVisit(bool timedOut = false);
    void coverGlyphs(const std::string& text);
    void handleCarGestures();
    bool sawInput() const;
    // --audit: stage the next case before a frame (before its fonts are built); after the frame
    // that shows it with settled fonts, audit it.
    void auditBeforeFrame(int width, int height);
    int auditAfterFrame(int width, int height);  // >= 0: exit code
    // Between visits (a fresh visit, or the attract loop untouched): does a new content version wait?
    bool contentWaiting() const;

    KioskOptions m_options;
    KioskContent m_content;
    const core::Catalog& m_catalog = m_content.catalog;
    const core::session::KioskSettings& m_settings = m_content.settings;
    core::pricing::Date m_today;
    GlfwLibrary m_glfw;
    Window m_window;
    std::vector<unsigned char> m_fontFile;  // the font file's bytes, read once; outlives the atlas that points into it
    ImGuiLayer m_imgui;
    ui::FontSet m_fonts;
    float m_fontScale = 0;        // the size the fonts were built for (geometry scale x text size)
    std::string m_fontGlyphs;     // the visit's own glyphs the atlas was built with
    float m_uiScale = 1;          // geometry: 1 at 1080p
    bool m_themeDirty = true;     // re-apply the theme (and rebuild the fonts if their size or glyphs changed) before the next frame
    std::string m_displayText;    // every string the content can show (glyphs in the font atlas)
    // Bookings: the store and sync (null when the store could not open: booking is then refused
    // politely); the advisor desk reads it; anonymous demand insight goes to its outbox.
    std::unique_ptr<BookingFlow> m_bookingFlow;
    std::unique_ptr<kiosksync::SyncWorker> m_storeReporter;  // store failed to open: reports it to the hub
    std::unique_ptr<AdvisorDesk> m_desk;
    std::unique_ptr<SessionInsight> m_insight;
    core::session::AdvisorLock m_advisorLock;  // the PIN check with its lockout, across visits
    ui::PinyinEngine m_pinyin;
    std::unique_ptr<CarView> m_carView;  // null when 3D is off or the renderer could not start
    ui::Rect m_carArea;                  // where this frame's screen wants the car; empty: no car
    float m_lastDt = 0;
    double m_clock = 0;           // seconds; real time, or a fixed step per frame when scripted
    double m_lastInput = 0;
    double m_failureAt = -1;      // when the out-of-order screen came up
    BenchFigures m_bench;         // --bench
    ui::HitMap m_hits;            // what this frame's screens made tappable
    ui::HitMap m_lastHits;        // the previous frame's, for scripted taps by name
    ui::TextAudit m_audit;        // this frame's strings measured against their widgets
    ScriptRunner m_script;
    Watchdog m_watchdog;          // READY and keep-alives to systemd from the frame loop (no-op unmanaged)
    std::unique_ptr<KioskContext> m_context;  // after everything it points to
    std::vector<std::unique_ptr<ScreenController>> m_controllers;  // by ScreenId
    std::unique_ptr<Visit> m_visit;  // the visit now; rebuilt by resetVisit
    bool m_visitOver = false;        // "done" was tapped: a fresh visit after this screen
    std::unique_ptr<AuditTour> m_tour;  // --audit
    bool m_auditStaged = false;         // the current case is set up
    ContentRuntime m_contentRuntime;
    bool m_switchContent = false;       // a new content version waits: run() returns kSwitchContent
    double m_shelfCheckedAt = 0;        // the attract loop looks at the shelf every few seconds
};

}  // namespace kiosk
