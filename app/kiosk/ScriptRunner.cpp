#include "ScriptRunner.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace kiosk {
namespace {

// Synthetic taps start after the first frames have laid out the screen, one every few frames:
// hover, press, release, then a frame for the result to show.
constexpr int kFirstTapFrame = 3;
constexpr int kFramesPerTap = 4;
// How long a scripted tap waits for its target to be drawn.
constexpr int kTargetWaitFrames = 30;

}  // namespace

ScriptRunner::ScriptRunner(std::vector<ScriptStep> steps, std::vector<Tap> taps)
    : m_steps(std::move(steps)), m_taps(std::move(taps)) {}

std::vector<ScriptStep> ScriptRunner::benchVisit() {
    std::vector<ScriptStep> script;
    auto tap = [&](const std::string& target) { script.push_back({ScriptStep::Kind::Tap, target}); };
    script.push_back({ScriptStep::Kind::Frames, "", 0, 0, 3});
    tap("start");
    tap("model:heron");
    for (int round = 0; round < 5; ++round) {
        tap("tab:paint");
        for (const char* paint : {"heron-paint-black", "heron-paint-blue", "heron-paint-silver", "heron-paint-white"})
            tap(std::string("option:") + paint);
        tap("tab:wheels");
        tap("option:heron-wheel-20-turbine");
        tap("option:heron-wheel-19-aero");
    }
    return script;
}

std::string ScriptRunner::takeScreenshot() {
    std::string path;
    path.swap(m_pendingScreenshot);
    return path;
}

bool ScriptRunner::feed(int frame, Host& host) {
    injectTaps(frame);
    if (!scripted()) return true;
    m_finished = m_index >= m_steps.size();
    return m_finished || step(host);
}

void ScriptRunner::injectTaps(int frame) const {
    if (m_taps.empty() || frame < kFirstTapFrame) return;
    const int index = (frame - kFirstTapFrame) / kFramesPerTap;
    const int phase = (frame - kFirstTapFrame) % kFramesPerTap;
    if (index >= static_cast<int>(m_taps.size())) return;
    ImGuiIO& io = ImGui::GetIO();
    const Tap& t = m_taps[static_cast<size_t>(index)];
    io.MousePos = ImVec2(t.x, t.y);
    io.MouseDown[0] = phase == 1;  // press on the second frame, release on the third
}

void ScriptRunner::next() {
    ++m_index;
    m_waitFrames = 0;
    m_stepFrame = 0;
    m_tapTarget.reset();
}

bool ScriptRunner::tap(const ScriptStep& step, Host& host) {
    using Kind = ScriptStep::Kind;
    if (m_stepFrame == 0 && step.kind == Kind::TapAt) {
        m_tapTarget = ui::Rect{step.x, step.y, 1, 1};
    } else if (m_stepFrame == 0) {
        // The target may appear a few frames late (a screen change, the first frame).
        const auto& all = host.lastHits.entries();
        if (step.kind == Kind::TapRandom) {
            if (all.empty()) {
                if (++m_waitFrames >= kTargetWaitFrames) next();  // nothing to tap on this screen: move on
                return true;
            }
            m_tapTarget = all[step.seed % all.size()].second;
        } else if (step.kind == Kind::TapFirst) {
            for (const auto& [id, r] : all)
                if (id.rfind(step.text, 0) == 0) {
                    m_tapTarget = r;
                    break;
                }
        } else {
            m_tapTarget = host.lastHits.find(step.text);
        }
        if (!m_tapTarget) {
            if (++m_waitFrames < kTargetWaitFrames) return true;
            if (step.kind == Kind::TapIfShown) {  // a layout without this target: nothing to do
                next();
                return true;
            }
            std::fprintf(stderr, "kiosk: script step %zu: nothing named \"%s\" on screen \"%s\"\n", m_index + 1,
                         step.text.c_str(), host.screen.c_str());
            return false;
        }
    }
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(m_tapTarget->centerX(), m_tapTarget->centerY());
    io.MouseDown[0] = m_stepFrame == 1;
    if (++m_stepFrame == kFramesPerTap) next();
    return true;
}

bool ScriptRunner::step(Host& host) {
    using Kind = ScriptStep::Kind;
    ImGuiIO& io = ImGui::GetIO();
    const ScriptStep& step = m_steps[m_index];
    switch (step.kind) {
        case Kind::Tap:
        case Kind::TapIfShown:
        case Kind::TapRandom:
        case Kind::TapFirst:
        case Kind::TapAt:
            return tap(step, host);
        case Kind::Drag: {
            // Down at `from`, move in equal steps to `to`, lift there.
            const int f = m_stepFrame;
            const float t = std::clamp(static_cast<float>(f - 1) / static_cast<float>(step.frames), 0.0f, 1.0f);
            io.MousePos = ImVec2(step.x + (step.toX - step.x) * t, step.y + (step.toY - step.y) * t);
            io.MouseDown[0] = f >= 1 && f <= step.frames + 1;
            if (++m_stepFrame > step.frames + 2) next();
            return true;
        }
        case Kind::Frames:
            if (++m_stepFrame >= step.frames) next();
            return true;
        case Kind::Advance:
            host.clock += step.seconds;
            break;
        case Kind::Type:
            io.AddInputCharactersUTF8(step.text.c_str());
            break;
        case Kind::Key:
            // Keys reach the screens the way a physical keyboard's do.
            if (step.text == "backspace") io.AddInputCharacter(0x08);
            else if (step.text == "enter") io.AddInputCharacter('\n');
            else {
                std::fprintf(stderr, "kiosk: script step %zu: unknown key \"%s\"\n", m_index + 1, step.text.c_str());
                return false;
            }
            break;
        case Kind::Screenshot:
            m_pendingScreenshot = step.text;  // taken after this frame is drawn
            break;
        case Kind::Dump:
            host.dump(step.text);
            break;
        case Kind::OpenCode:
            if (!host.openCode || !host.openCode(step.text, step.discountMinor)) {
                std::fprintf(stderr, "kiosk: script step %zu: cannot open code \"%s\"\n", m_index + 1, step.text.c_str());
                return false;
            }
            break;
        case Kind::Expect:
            if (host.screen != step.text) {
                std::fprintf(stderr, "kiosk: script step %zu: expected screen \"%s\", showing \"%s\"\n", m_index + 1,
                             step.text.c_str(), host.screen.c_str());
                return false;
            }
            break;
    }
    next();
    return true;
}

}  // namespace kiosk
