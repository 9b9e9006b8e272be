#pragma once
// App: owns everything the kiosk runs on, declared in construction order (content, GLFW, window,
// ImGui, fonts, screens) and torn down in reverse. Main thread only.
//
// One frame: poll input -> (scripted input) -> ui draws the current screen from the session and
// returns intents -> the App applies them -> idle timer -> ImGui renders -> swap.
#include <optional>
#include <string>

#include "ImGuiLayer.h"
#include "KioskOptions.h"
#include "Script.h"
#include "Window.h"
#include "core/Catalog.h"
#include "core/session/CustomerSession.h"
#include "core/session/IdleTimer.h"
#include "core/session/KioskSettings.h"
#include "ui/AttractScreen.h"
#include "ui/FontSet.h"
#include "ui/ModelChooserScreen.h"
#include "ui/ModelDetailScreen.h"
#include "ui/Screen.h"
#include "ui/Theme.h"

namespace kiosk {

class App {
public:
    App(KioskOptions options, core::Catalog catalog, core::session::KioskSettings settings);
    // Runs the frame loop until the window closes, the screenshot is written or the script ends;
    // returns the exit code.
    int run();

private:
    void drawFrame(int width, int height);
    void drawIdleOverlay(int width, int height, double secondsLeft);
    void applyIntent(const ui::Intent& intent);
    core::session::IdleContext idleContext() const;
    void resetSession();
    bool sawInput() const;

    // Synthetic input: `--tap` and `--script`. Returns false when a script step failed.
    void injectTaps(int frame);
    bool stepScript(int width, int height, bool& finished);
    void writeLayout(int width, int height) const;
    void writeStateDump(const std::string& path) const;
    void rebuildFonts(float scale);

    KioskOptions m_options;
    core::Catalog m_catalog;
    core::session::KioskSettings m_settings;
    GlfwLibrary m_glfw;
    Window m_window;
    ImGuiLayer m_imgui;
    ui::Palette m_palette;
    ui::FontSet m_fonts;
    float m_fontScale = 0;
    std::string m_displayText;
    core::session::CustomerSession m_session;
    ui::AttractScreen m_attract;
    ui::ModelChooserScreen m_chooser;
    ui::ModelDetailScreen m_detail;
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
