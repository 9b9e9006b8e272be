#include "ui/StaffBanner.h"

#include <imgui.h>

#include "ui/FontSet.h"

namespace ui {
namespace {

// Amber, readable in both palettes: staff must not miss it, customers never see it.
constexpr std::uint32_t kBannerFill = 0xFF0B9EF5;  // ABGR: #F59E0B
constexpr std::uint32_t kBannerText = 0xFF1A1A1A;

}  // namespace

void drawStaffBanner(const ScreenView& view, const std::string& text) {
    if (text.empty()) return;
    ImFont* font = view.fonts.body;
    const float pad = 12 * view.scale;
    const float wrap = view.width - 2 * pad;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, wrap, wrap, text.c_str());
    // Along the bottom edge, where advisor mode has no buttons.
    const float top = view.height - size.y - 2 * pad;
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddRectFilled(ImVec2(0, top), ImVec2(view.width, view.height), kBannerFill);
    draw->AddText(font, font->FontSize, ImVec2(pad, top + pad), kBannerText, text.c_str(), nullptr, wrap);
}

}  // namespace ui
