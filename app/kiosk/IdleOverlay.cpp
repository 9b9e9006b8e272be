#include "IdleOverlay.h"

#include <imgui.h>

#include <cmath>
#include <string>

#include "ui/Widgets.h"

namespace kiosk {

void drawIdleOverlay(const ui::ScreenView& view, double secondsLeft) {
    const float w = view.width, h = view.height, s = view.scale;
    const ui::Palette& pal = view.palette;
    const ui::FontSet& fonts = view.fonts;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::Begin("idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(w, h), 0x99000000);
    const ui::Rect box{w * 0.5f - 420 * s, h * 0.5f - 200 * s, 840 * s, 400 * s};
    draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.x + box.w, box.y + box.h), pal.card, 32 * s);
    const std::string& lang = view.language;
    const std::string seconds = std::to_string(static_cast<int>(std::ceil(secondsLeft)));
    const float innerW = box.w - 112 * s;
    ui::drawTextIn(draw, fonts.title, {box.x + 56 * s, box.y + 48 * s, innerW, 0}, pal.text,
                   view.catalog.ui("idle.title", lang), view.audit, "idle.title");
    ui::drawTextIn(draw, fonts.body, {box.x + 56 * s, box.y + 150 * s, innerW, 0}, pal.textMuted,
                   ui::fillTemplate(view.catalog.ui("idle.body", lang), "n", seconds), view.audit, "idle.body");
    ImGui::SetCursorScreenPos(ImVec2(box.x + 56 * s, box.y + box.h - 150 * s));
    ImGui::PushFont(fonts.large);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.accentText));
    ImGui::Button(view.catalog.ui("idle.continue", lang).c_str(), ImVec2(box.w - 112 * s, 110 * s));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    view.hits->add("idle:continue", {box.x + 56 * s, box.y + box.h - 150 * s, box.w - 112 * s, 110 * s});
    ImGui::End();
}

}  // namespace kiosk
