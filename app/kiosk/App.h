#pragma once
// App: owns everything the kiosk runs on, declared in construction order (content, GLFW, window,
// ImGui, fonts) and torn down in reverse. Main thread only.
#include <memory>
#include <string>

#include "ImGuiLayer.h"
#include "KioskOptions.h"
#include "Window.h"
#include "core/Catalog.h"
#include "ui/FontSet.h"
#include "ui/ModelChooserScreen.h"
#include "ui/ModelDetailScreen.h"
#include "ui/Theme.h"

namespace kiosk {

enum class ScreenId { Chooser, ModelDetail, OutOfOrder };

// The customer-session state the screens draw from. Reset wipes it.
struct SessionState {
    std::string language;
    ScreenId screen = ScreenId::Chooser;
    std::string modelId;
};

class App {
public:
    App(KioskOptions options, core::Catalog catalog);
    // Runs the frame loop until the window closes or the screenshot is written; returns the exit code.
    int run();

private:
    void drawFrame(int width, int height);
    void applyIntent(const ui::Intent& intent);
    void injectTap(int frame);
    void writeLayout(int width, int height) const;
    void rebuildFonts(float scale);

    KioskOptions m_options;
    core::Catalog m_catalog;
    GlfwLibrary m_glfw;
    Window m_window;
    ImGuiLayer m_imgui;
    ui::Palette m_palette;
    ui::FontSet m_fonts;
    float m_fontScale = 0;
    std::string m_displayText;
    SessionState m_session;
    ui::ModelChooserScreen m_chooser;
    ui::ModelDetailScreen m_detail;
    std::string m_failure;  // why the out-of-order screen is showing
};

}  // namespace kiosk
