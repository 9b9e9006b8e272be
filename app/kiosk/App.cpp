#include "App.h"

#include <GLFW/glfw3.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "Screenshot.h"
#include "ui/Layout.h"

namespace kiosk {
namespace {

// Synthetic taps start after the first frames have laid out the screen, one every few frames:
// hover, press, release, then a frame for the result to show.
constexpr int kFirstTapFrame = 3;
constexpr int kFramesPerTap = 4;
// A scripted run advances the clock by one 60 Hz frame per frame, so it replays identically.
constexpr double kScriptFrameSeconds = 1.0 / 60.0;
// After a failure the "out of order" screen stays this long, then a fresh session starts.
constexpr double kOutOfOrderSeconds = 10.0;
// How long a scripted tap waits for its target to be drawn.
constexpr int kTargetWaitFrames = 30;

}  // namespace

App::App(KioskOptions options, core::Catalog catalog, core::session::KioskSettings settings)
    : m_options(std::move(options)),
      m_catalog(std::move(catalog)),
      m_settings(std::move(settings)),
      m_window(!m_options.windowed, m_options.width, m_options.height, "Showroom kiosk"),
      m_imgui(m_window.handle()) {
    m_session.reset(m_catalog.defaultLanguage());
    // Screenshots of a single screen start where a customer would be after touching "start".
    if (!m_options.screenshotPath.empty() && m_options.scriptPath.empty()) m_session.screen = "models";
    if (!m_options.language.empty()) {
        const auto& langs = m_catalog.market.languages;
        if (std::find(langs.begin(), langs.end(), m_options.language) == langs.end())
            throw std::runtime_error("--lang \"" + m_options.language + "\" is not a language of this market's content");
        m_session.language = m_options.language;
    }
    if (!m_options.startScreen.empty()) m_session.screen = m_options.startScreen;
    if (!m_options.scriptPath.empty()) {
        ScriptParse script = parseScript(m_options.scriptPath);
        if (!script.error.empty()) throw std::runtime_error("script: " + script.error);
        m_script = std::move(script.steps);
    }
    m_displayText = ui::collectDisplayText(m_catalog) + "‹›";
    std::fprintf(stderr, "kiosk: OpenGL %d.%d core, content %s from %s\n", m_window.glMajor(), m_window.glMinor(),
                 m_catalog.contentVersion.c_str(), m_catalog.directory.c_str());
}

void App::rebuildFonts(float scale) {
    if (scale == m_fontScale) return;
    const std::string path = m_options.fontPath.empty() ? ui::defaultCjkFontPath() : m_options.fontPath;
    m_fonts = ui::FontSet::build(path, m_options.fontPath.empty() ? ui::kNotoSansCjkScIndex : 0, m_displayText, scale);
    if (!m_fonts.warning.empty()) std::fprintf(stderr, "kiosk: warning: %s\n", m_fonts.warning.c_str());
    const auto missing = m_fonts.missingGlyphs(m_displayText);
    if (!missing.empty())
        std::fprintf(stderr, "kiosk: warning: %zu characters have no glyph in the font, e.g. U+%04X\n", missing.size(),
                     missing.front());
    ui::applyTheme(scale, m_palette);
    m_fontScale = scale;
}

void App::injectTaps(int frame) {
    if (m_options.taps.empty() || frame < kFirstTapFrame) return;
    const int index = (frame - kFirstTapFrame) / kFramesPerTap;
    const int phase = (frame - kFirstTapFrame) % kFramesPerTap;
    if (index >= static_cast<int>(m_options.taps.size())) return;
    ImGuiIO& io = ImGui::GetIO();
    const Tap& t = m_options.taps[static_cast<size_t>(index)];
    io.MousePos = ImVec2(t.x, t.y);
    io.MouseDown[0] = phase == 1;  // press on the second frame, release on the third
}

bool App::stepScript(int width, int height, bool& finished) {
    finished = m_scriptIndex >= m_script.size();
    if (finished) return true;
    ImGuiIO& io = ImGui::GetIO();
    const ScriptStep& step = m_script[m_scriptIndex];
    auto next = [&] {
        ++m_scriptIndex;
        m_waitFrames = 0;
        m_stepFrame = 0;
        m_tapTarget.reset();
    };
    auto where = [&] { return "script step " + std::to_string(m_scriptIndex + 1) + ": "; };
    switch (step.kind) {
        case ScriptStep::Kind::Tap:
        case ScriptStep::Kind::TapAt: {
            if (m_stepFrame == 0) {
                if (step.kind == ScriptStep::Kind::TapAt) {
                    m_tapTarget = ui::Rect{step.x, step.y, 1, 1};
                } else {
                    // The target may appear a few frames late (a screen change, the first frame).
                    m_tapTarget = m_lastHits.find(step.text);
                    if (!m_tapTarget) {
                        if (++m_waitFrames < kTargetWaitFrames) break;
                        std::fprintf(stderr, "kiosk: %snothing named \"%s\" on screen \"%s\"\n", where().c_str(),
                                     step.text.c_str(), m_session.screen.c_str());
                        return false;
                    }
                }
            }
            io.MousePos = ImVec2(m_tapTarget->centerX(), m_tapTarget->centerY());
            io.MouseDown[0] = m_stepFrame == 1;
            if (++m_stepFrame == kFramesPerTap) next();
            break;
        }
        case ScriptStep::Kind::Frames:
            if (++m_stepFrame >= step.frames) next();
            break;
        case ScriptStep::Kind::Advance:
            m_clock += step.seconds;
            next();
            break;
        case ScriptStep::Kind::Type:
            io.AddInputCharactersUTF8(step.text.c_str());
            next();
            break;
        case ScriptStep::Kind::Key:
            // Keys reach the screens the way a physical keyboard's do.
            if (step.text == "backspace") io.AddInputCharacter(0x08);
            else if (step.text == "enter") io.AddInputCharacter('\n');
            else {
                std::fprintf(stderr, "kiosk: %sunknown key \"%s\"\n", where().c_str(), step.text.c_str());
                return false;
            }
            next();
            break;
        case ScriptStep::Kind::Screenshot:
            m_pendingScreenshot = step.text;  // taken after this frame is drawn
            next();
            break;
        case ScriptStep::Kind::Dump:
            writeStateDump(step.text);
            next();
            break;
        case ScriptStep::Kind::Expect:
            if (m_session.screen != step.text) {
                std::fprintf(stderr, "kiosk: %sexpected screen \"%s\", showing \"%s\"\n", where().c_str(),
                             step.text.c_str(), m_session.screen.c_str());
                return false;
            }
            next();
            break;
    }
    (void)width;
    (void)height;
    return true;
}

bool App::sawInput() const {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] || io.MouseDown[1] || io.MouseWheel != 0 || io.InputQueueCharacters.Size > 0) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

core::session::IdleContext App::idleContext() const {
    using core::session::IdleContext;
    const std::string& s = m_session.screen;
    if (s == "attract" || s == "out-of-order") return IdleContext::Attract;
    if (s == "booking") return IdleContext::Form;
    if (s.rfind("advisor", 0) == 0) return IdleContext::Advisor;
    return IdleContext::Browsing;
}

void App::resetSession() {
    m_session.reset(m_catalog.defaultLanguage());
    m_lastInput = m_clock;
}

void App::applyIntent(const ui::Intent& intent) {
    if (intent.switchLanguage) {
        const auto& langs = m_catalog.market.languages;
        auto it = std::find(langs.begin(), langs.end(), m_session.language);
        m_session.language = (it == langs.end() || std::next(it) == langs.end()) ? langs.front() : *std::next(it);
    }
    if (intent.start) {
        m_session.startedAtSeconds = m_clock;
        m_session.screen = "models";
    }
    if (intent.openModel && m_catalog.findModel(*intent.openModel)) {
        m_session.modelId = *intent.openModel;
        m_session.screen = "model";
    }
    if (intent.back) m_session.screen = "models";
}

void App::drawIdleOverlay(int width, int height, double secondsLeft) {
    const float w = static_cast<float>(width), h = static_cast<float>(height), s = m_fontScale;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::Begin("idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(w, h), 0x99000000);
    const ui::Rect box{w * 0.5f - 420 * s, h * 0.5f - 200 * s, 840 * s, 400 * s};
    draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.x + box.w, box.y + box.h), m_palette.card, 32 * s);
    const std::string& lang = m_session.language;
    const std::string seconds = std::to_string(static_cast<int>(std::ceil(secondsLeft)));
    const float innerW = box.w - 112 * s;
    ui::drawTextIn(draw, m_fonts.title, {box.x + 56 * s, box.y + 48 * s, innerW, 0}, m_palette.text,
                   m_catalog.ui("idle.title", lang), &m_audit, "idle.title");
    ui::drawTextIn(draw, m_fonts.body, {box.x + 56 * s, box.y + 150 * s, innerW, 0}, m_palette.textMuted,
                   ui::fillTemplate(m_catalog.ui("idle.body", lang), "n", seconds), &m_audit, "idle.body");
    ImGui::SetCursorScreenPos(ImVec2(box.x + 56 * s, box.y + box.h - 150 * s));
    ImGui::PushFont(m_fonts.large);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(m_palette.accentText));
    ImGui::Button(m_catalog.ui("idle.continue", lang).c_str(), ImVec2(box.w - 112 * s, 110 * s));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    // Any touch on the overlay counts as "still here"; it does not reach the screen beneath.
    m_hits.add("idle:continue", {box.x + 56 * s, box.y + box.h - 150 * s, box.w - 112 * s, 110 * s});
    ImGui::End();
}

void App::drawFrame(int width, int height) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
    ImGui::Begin("screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    const ui::ScreenView view{m_catalog, m_session.language, m_fonts, m_palette, static_cast<float>(width),
                              static_cast<float>(height), m_fontScale, &m_hits, m_clock, &m_audit};
    ui::Intent intent;
    const std::string& screen = m_session.screen;
    if (screen == "out-of-order") {
        std::string text;
        for (const auto& lang : m_catalog.market.languages)
            text += (text.empty() ? "" : "  ·  ") + m_catalog.ui("error.out_of_order", lang);
        ImGui::GetWindowDrawList()->AddText(m_fonts.large, m_fonts.large->FontSize,
                                            ImVec2(64 * m_fontScale, static_cast<float>(height) * 0.45f),
                                            m_palette.text, text.c_str());
    } else if (screen == "attract") {
        intent = m_attract.draw(view, false);
    } else if (const core::Model* m = m_catalog.findModel(m_session.modelId); screen == "model" && m) {
        intent = m_detail.draw(view, *m);
    } else {
        m_session.screen = "models";
        intent = m_chooser.draw(view);
    }
    ImGui::End();
    applyIntent(intent);
}

void App::writeLayout(int width, int height) const {
    const ui::ChooserLayout l = ui::computeChooserLayout(static_cast<float>(width), static_cast<float>(height),
                                                         static_cast<int>(m_catalog.models.size()));
    auto rect = [](const ui::Rect& r) { return nlohmann::json::array({r.x, r.y, r.w, r.h}); };
    nlohmann::json j;
    j["width"] = width;
    j["height"] = height;
    j["language_switch"] = rect(l.languageSwitch);
    j["header"] = rect(l.header);
    for (const auto& c : l.cards) j["cards"].push_back(rect(c));
    for (const auto& c : l.cardNames) j["card_names"].push_back(rect(c));
    for (const auto& m : m_catalog.models) j["models"].push_back(m.id);
    std::ofstream(m_options.layoutDumpPath) << j.dump(2) << "\n";
}

void App::writeStateDump(const std::string& path) const {
    nlohmann::json j;
    j["screen"] = m_session.screen;
    j["language"] = m_session.language;
    j["model"] = m_session.modelId;
    j["configuration"] = {{"model", m_session.configuration.model},
                          {"trim", m_session.configuration.trim},
                          {"options", m_session.configuration.options}};
    const auto& f = m_session.form;
    j["form"] = {{"name", std::string(f.name.view())},
                 {"mobile", std::string(f.mobile.view())},
                 {"email", std::string(f.email.view())},
                 {"licence_confirmed", f.licenceConfirmed},
                 {"consent_booking", f.consentBooking},
                 {"consent_contact", f.consentContact}};
    j["has_personal_data"] = m_session.hasPersonalData();
    j["clock_s"] = m_clock;
    for (const auto& [id, r] : m_hits.entries()) j["targets"][id] = {r.x, r.y, r.w, r.h};
    j["text_checked"] = m_audit.checked();
    j["text_overflows"] = nlohmann::json::array();
    for (const auto& o : m_audit.overflows())
        j["text_overflows"].push_back({{"id", o.id}, {"text", o.text}, {"width_px", o.widthPx}, {"available_px", o.availablePx}});
    j["min_target_mm"] = m_settings.minTouchTargetMm;
    j["pixels_per_mm"] = m_window.pixelsPerMm();
    std::ofstream(path) << j.dump(2) << "\n";
}

int App::run() {
    GLFWwindow* w = m_window.handle();
    int frame = 0;
    const bool scripted = !m_script.empty();
    const bool capture = !m_options.screenshotPath.empty();
    double lastReal = glfwGetTime();
    while (!glfwWindowShouldClose(w)) {
        if (capture || scripted) glfwPollEvents();
        else glfwWaitEventsTimeout(1.0 / 30.0);  // enough for the attract animation; no busy loop
        const double real = glfwGetTime();
        m_clock += scripted || capture ? kScriptFrameSeconds : real - lastReal;
        lastReal = real;
        int width = 0, height = 0;
        m_window.framebufferSize(width, height);
        if (width == 0 || height == 0) continue;  // minimised
        rebuildFonts(std::max(0.5f, static_cast<float>(std::min(width, height)) / 1080.0f));

        m_imgui.beginFrame();
        injectTaps(frame);
        bool scriptDone = false;
        if (scripted && !stepScript(width, height, scriptDone)) return 3;
        if (sawInput()) m_lastInput = m_clock;
        ImGui::NewFrame();
        m_hits.clear();
        m_audit.clear();
        try {
            drawFrame(width, height);
            const auto idle = core::session::idleStatus(m_settings, idleContext(), m_clock - m_lastInput);
            if (idle.phase == core::session::IdlePhase::Countdown) drawIdleOverlay(width, height, idle.secondsLeft);
            if (idle.phase == core::session::IdlePhase::Reset) resetSession();
        } catch (const std::exception& e) {
            // Never a dead screen in front of a customer: show "out of order", log why, start over later.
            m_failure = e.what();
            std::fprintf(stderr, "kiosk: error: %s\n", m_failure.c_str());
            m_session.reset(m_catalog.defaultLanguage());
            m_session.screen = "out-of-order";
            m_failureAt = m_clock;
        }
        if (m_session.screen == "out-of-order" && m_clock - m_failureAt > kOutOfOrderSeconds) resetSession();
        m_lastHits = m_hits;
        glViewport(0, 0, width, height);
        glClearColor(0.949f, 0.953f, 0.957f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        m_imgui.endFrame();
        ++frame;
        if (!m_pendingScreenshot.empty()) {
            const std::string error = saveScreenshot(m_pendingScreenshot, width, height);
            if (!error.empty()) std::fprintf(stderr, "kiosk: %s\n", error.c_str());
            m_pendingScreenshot.clear();
        }
        if (scripted && scriptDone) return 0;
        if (capture && !scripted && frame >= m_options.frames) {
            if (!m_options.layoutDumpPath.empty()) writeLayout(width, height);
            const std::string error = saveScreenshot(m_options.screenshotPath, width, height);
            if (!error.empty()) {
                std::fprintf(stderr, "kiosk: %s\n", error.c_str());
                return 1;
            }
            std::fprintf(stderr, "kiosk: wrote %s (%dx%d)\n", m_options.screenshotPath.c_str(), width, height);
            return 0;
        }
        glfwSwapBuffers(w);
    }
    return 0;
}

}  // namespace kiosk
