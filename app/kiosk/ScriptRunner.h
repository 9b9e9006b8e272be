#pragma once
// ScriptRunner: replays synthetic input into ImGui, one step per frame or a few frames per step:
// a parsed `--script` (Script.h), the fixed `--bench` visit, or `--tap` pixel taps. Taps by name
// find their target in the previous frame's hit map and wait a few frames for it to appear. It
// owns only the replay's position; the App gives it the frame clock (which `advance_s` moves on),
// the screen's name and where to write state dumps. UI thread only, between the backend's new
// frame and ImGui::NewFrame.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "KioskOptions.h"
#include "Script.h"
#include "ui/Layout.h"
#include "ui/Screen.h"

namespace kiosk {

class ScriptRunner {
public:
    // What a step may read or change in the App.
    struct Host {
        double& clock;                                       // seconds; `advance_s` moves it on
        const ui::HitMap& lastHits;                          // the previous frame's targets
        std::string screen;                                  // the current screen's name
        std::function<void(const std::string& path)> dump;  // writes a state dump
        // Shows the car of a configuration code on the summary; false (said on stderr) when it cannot.
        std::function<bool(const std::string& code, long long discountMinor)> openCode;
    };

    ScriptRunner(std::vector<ScriptStep> steps, std::vector<Tap> taps);
    // The fixed visit `--bench` replays: open the sedan and change paint and wheels back and forth.
    static std::vector<ScriptStep> benchVisit();

    bool scripted() const { return !m_steps.empty(); }
    // Feeds frame `frame`'s synthetic input. False when a step failed (said on stderr): exit 3.
    bool feed(int frame, Host& host);
    // Every step had run when this frame started: the App exits after drawing it.
    bool finished() const { return m_finished; }
    // A screenshot the script asked for, to take after this frame is drawn ("" for none); once.
    std::string takeScreenshot();

private:
    void injectTaps(int frame) const;
    bool step(Host& host);
    bool tap(const ScriptStep& step, Host& host);
    void next();

    std::vector<ScriptStep> m_steps;
    std::vector<Tap> m_taps;
    size_t m_index = 0;
    int m_stepFrame = 0;
    int m_waitFrames = 0;
    bool m_finished = false;
    std::optional<ui::Rect> m_tapTarget;
    std::string m_pendingScreenshot;
};

}  // namespace kiosk
