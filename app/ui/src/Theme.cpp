#include "ui/Theme.h"

#include <imgui.h>

#include <algorithm>

namespace ui {

std::uint32_t packColor(float r, float g, float b, float a) {
    auto c = [](float v) { return static_cast<std::uint32_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); };
    return (c(a) << 24) | (c(b) << 16) | (c(g) << 8) | c(r);
}

Palette highContrastPalette() {
    Palette p;
    p.background = 0xFFFFFFFF;
    p.card = 0xFFFFFFFF;
    p.cardPressed = 0xFFD0D0D0;
    p.cardBorder = 0xFF000000;
    p.text = 0xFF000000;
    p.textMuted = 0xFF202020;
    p.accent = 0xFF403A00;  // dark teal #003A40
    p.accentText = 0xFFFFFFFF;
    return p;
}

void applyTheme(float scale, const Palette& palette) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FrameRounding = 16;
    style.FramePadding = ImVec2(24, 18);
    style.ItemSpacing = ImVec2(20, 16);
    style.ScrollbarSize = 28;  // wide enough to drag with a finger
    style.GrabMinSize = 40;
    style.TouchExtraPadding = ImVec2(4, 4);
    style.ScaleAllSizes(scale);
    style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(palette.background);
    style.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(palette.text);
    style.Colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(palette.accent);
    style.Colors[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(palette.accent);
    style.Colors[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(0xFF4E5609);
}

}  // namespace ui
