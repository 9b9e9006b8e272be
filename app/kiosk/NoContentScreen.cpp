#include "NoContentScreen.h"

#include <GLFW/glfw3.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "ImGuiLayer.h"
#include "Screenshot.h"
#include "Window.h"
#include "ui/FontSet.h"
#include "ui/Theme.h"

namespace kiosk {

std::string noContentText(const std::string& supportPhone) {
    std::string text = "暂停服务  ·  Out of order  ·  Außer Betrieb\n";
    if (supportPhone.empty()) text += "请联系工作人员  ·  Please ask a member of staff  ·  Bitte wenden Sie sich an das Personal";
    else text += "服务电话  ·  Please call  ·  Bitte rufen Sie an:  " + supportPhone;
    return text;
}

int runNoContentScreen(const KioskOptions& options, const std::string& supportPhone, double retrySeconds) {
    GlfwLibrary glfw;
    Window window(!options.windowed, options.width, options.height, "Showroom kiosk");
    ImGuiLayer imgui(window.handle());
    const std::string text = noContentText(supportPhone);
    const ui::Palette palette;
    float builtFor = 0;
    ui::FontSet fonts;
    const double started = glfwGetTime();
    for (int frame = 1; !glfwWindowShouldClose(window.handle()); ++frame) {
        if (options.screenshotPath.empty()) glfwWaitEventsTimeout(1.0);
        else glfwPollEvents();
        int width = 0, height = 0;
        window.framebufferSize(width, height);
        if (width == 0 || height == 0) continue;
        const float scale = std::max(0.5f, static_cast<float>(std::min(width, height)) / 1080.0f);
        if (scale != builtFor) {
            fonts = ui::FontSet::build(options.fontPath.empty() ? ui::defaultCjkFontPath() : options.fontPath,
                                       options.fontPath.empty() ? ui::kNotoSansCjkScIndex : 0, text, scale);
            if (builtFor != 0) imgui.reloadFonts();
            builtFor = scale;
        }
        imgui.beginFrame();
        ImGui::NewFrame();
        ImDrawList* draw = ImGui::GetBackgroundDrawList();
        const ImVec2 size = fonts.large->CalcTextSizeA(fonts.large->FontSize, FLT_MAX, static_cast<float>(width) * 0.9f,
                                                       text.c_str());
        draw->AddText(fonts.large, fonts.large->FontSize,
                      ImVec2((static_cast<float>(width) - size.x) / 2, (static_cast<float>(height) - size.y) / 2),
                      palette.text, text.c_str(), nullptr, static_cast<float>(width) * 0.9f);
        glViewport(0, 0, width, height);
        const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(palette.background);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        imgui.endFrame();
        if (!options.screenshotPath.empty() && frame >= options.frames) {
            if (!options.layoutDumpPath.empty())
                std::ofstream(options.layoutDumpPath)
                    << nlohmann::json{{"screen", "out_of_order"}, {"reason", "no_content"}, {"phone", supportPhone}, {"text", text}}.dump(2);
            const std::string error = saveScreenshot(options.screenshotPath, width, height);
            if (!error.empty()) std::fprintf(stderr, "kiosk: %s\n", error.c_str());
            return error.empty() ? 0 : 1;
        }
        glfwSwapBuffers(window.handle());
        if (options.screenshotPath.empty() && glfwGetTime() - started > retrySeconds) return kRetryContent;
    }
    return 0;
}

}  // namespace kiosk
