#include "App.h"

#include <GLFW/glfw3.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "Screenshot.h"
#include "ui/Layout.h"
#include "ui/Screen.h"

namespace kiosk {
namespace {

// Synthetic taps start after the first frames have laid out the screen, one every few frames:
// hover, press, release, then a frame for the result to show.
constexpr int kFirstTapFrame = 3;
constexpr int kFramesPerTap = 4;

}  // namespace

App::App(KioskOptions options, core::Catalog catalog)
    : m_options(std::move(options)),
      m_catalog(std::move(catalog)),
      m_window(!m_options.windowed, m_options.width, m_options.height, "Showroom kiosk"),
      m_imgui(m_window.handle()) {
    m_session.language = m_catalog.defaultLanguage();
    if (!m_options.language.empty()) {
        const auto& langs = m_catalog.market.languages;
        if (std::find(langs.begin(), langs.end(), m_options.language) == langs.end())
            throw std::runtime_error("--lang \"" + m_options.language + "\" is not a language of this market's content");
        m_session.language = m_options.language;
    }
    m_displayText = ui::collectDisplayText(m_catalog) + "‹";
    std::fprintf(stderr, "kiosk: OpenGL %d.%d core, content %s from %s\n", m_window.glMajor(), m_window.glMinor(),
                 m_catalog.contentVersion.c_str(), m_catalog.directory.c_str());
}

void App::rebuildFonts(float scale) {
    if (scale == m_fontScale) return;
    const std::string path = m_options.fontPath.empty() ? ui::defaultCjkFontPath() : m_options.fontPath;
    m_fonts = ui::FontSet::build(path, m_options.fontPath.empty() ? ui::kNotoSansCjkScIndex : 0, m_displayText, scale);
    if (!m_fonts.warning.empty()) std::fprintf(stderr, "kiosk: warning: %s\n", m_fonts.warning.c_str());
    const auto missing = m_fonts.missingGlyphs(m_displayText);
    if (!missing.empty()) {
        std::fprintf(stderr, "kiosk: warning: %zu characters have no glyph in the font, e.g. U+%04X\n", missing.size(),
                     missing.front());
    }
    ui::applyTheme(scale, m_palette);
    m_fontScale = scale;
}

void App::injectTap(int frame) {
    if (m_options.taps.empty() || frame < kFirstTapFrame) return;
    const int index = (frame - kFirstTapFrame) / kFramesPerTap;
    const int phase = (frame - kFirstTapFrame) % kFramesPerTap;
    if (index >= static_cast<int>(m_options.taps.size())) return;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(m_options.taps[static_cast<size_t>(index)].x, m_options.taps[static_cast<size_t>(index)].y);
    io.MouseDown[0] = phase == 1;  // press on the second frame, release on the third
}

void App::applyIntent(const ui::Intent& intent) {
    if (intent.switchLanguage) {
        const auto& langs = m_catalog.market.languages;
        auto it = std::find(langs.begin(), langs.end(), m_session.language);
        m_session.language = (it == langs.end() || std::next(it) == langs.end()) ? langs.front() : *std::next(it);
    }
    if (intent.openModel && m_catalog.findModel(*intent.openModel)) {
        m_session.modelId = *intent.openModel;
        m_session.screen = ScreenId::ModelDetail;
    }
    if (intent.back) m_session.screen = ScreenId::Chooser;
}

void App::drawFrame(int width, int height) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
    ImGui::Begin("screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    const ui::ScreenView view{m_catalog, m_session.language, m_fonts, m_palette,
                              static_cast<float>(width), static_cast<float>(height), m_fontScale};
    ui::Intent intent;
    if (m_session.screen == ScreenId::OutOfOrder) {
        const std::string text = "暂停服务，请联系销售顾问  ·  Out of order, please ask an advisor";
        ImGui::GetWindowDrawList()->AddText(m_fonts.large, m_fonts.large->FontSize,
                                            ImVec2(64 * m_fontScale, static_cast<float>(height) * 0.45f), m_palette.text,
                                            text.c_str());
    } else if (const core::Model* m = m_catalog.findModel(m_session.modelId);
               m_session.screen == ScreenId::ModelDetail && m) {
        intent = m_detail.draw(view, *m);
    } else {
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

int App::run() {
    GLFWwindow* w = m_window.handle();
    int frame = 0;
    const bool capture = !m_options.screenshotPath.empty();
    while (!glfwWindowShouldClose(w)) {
        if (capture) glfwPollEvents();
        else glfwWaitEventsTimeout(0.05);  // idle screens need no busy loop
        int width = 0, height = 0;
        m_window.framebufferSize(width, height);
        if (width == 0 || height == 0) continue;  // minimised
        rebuildFonts(std::max(0.5f, static_cast<float>(std::min(width, height)) / 1080.0f));

        m_imgui.beginFrame();
        injectTap(frame);
        ImGui::NewFrame();
        try {
            drawFrame(width, height);
        } catch (const std::exception& e) {
            // Never a dead screen in front of a customer: show "out of order" and log why.
            ImGui::End();
            m_failure = e.what();
            std::fprintf(stderr, "kiosk: error: %s\n", m_failure.c_str());
            m_session = SessionState{m_catalog.defaultLanguage(), ScreenId::OutOfOrder, {}};
        }
        glViewport(0, 0, width, height);
        glClearColor(0.949f, 0.953f, 0.957f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        m_imgui.endFrame();
        ++frame;
        if (capture && frame >= m_options.frames) {
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
