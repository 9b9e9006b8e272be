#include "ui/TopBar.h"
#include "ui/Metrics.h"

#include <imgui.h>

namespace ui {
namespace {

bool button(const ScreenView& view, const std::string& id, const std::string& label, const Rect& r, bool on) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool tapped = ImGui::InvisibleButton("b", ImVec2(r.w, r.h));
    const bool down = ImGui::IsItemActive();
    ImGui::PopID();
    const auto& pal = view.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::uint32_t fill = down ? pal.cardPressed : on ? pal.accent : pal.card;
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), fill, 16 * view.scale);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), on ? pal.accent : pal.cardBorder, 16 * view.scale, 0,
                  2 * view.scale);
    drawTextIn(draw, view.fonts.body, {r.x + 12 * view.scale, r.y, r.w - 24 * view.scale, r.h},
               on && !down ? pal.accentText : pal.text, label, view.audit, id, Align::Center);
    if (view.hits) view.hits->add(id, r);
    return tapped;
}

}  // namespace

void drawTopBar(const ScreenView& view, const Rect& sw, Intent& intent) {
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const float s = view.scale;
    if (button(view, "lang", c.ui("lang.switch", lang), sw, true)) intent.switchLanguage = true;
    const Rect access{sw.x - sw.h - 24 * s, sw.y, sw.h, sw.h};
    if (button(view, "access", "Aa", access, view.access.panelOpen)) intent.toggleAccessPanel = true;
}

Rect accessPanelRect(const ScreenView& view, const Rect& anchor) {
    const float s = view.scale;
    const Metrics sizes = metricsFor(view.scale);
    const float w = 420 * s, h = sizes.barH, gap = 16 * s;
    return {anchor.x + anchor.w - w - gap, anchor.y + anchor.h, w + 2 * gap, 3 * (h + gap) + gap};
}

void drawAccessPanel(const ScreenView& view, const Rect& anchor, Intent& intent) {
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const float s = view.scale;
    const Metrics sizes = metricsFor(view.scale);
    const float w = 420 * s, h = sizes.barH, gap = 16 * s;
    const Rect panel = accessPanelRect(view, anchor);
    const float x = panel.x + gap;
    float y = panel.y + gap;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(panel.x, panel.y), ImVec2(panel.x + panel.w, panel.y + panel.h),
                                              view.palette.background, 20 * s);
    if (button(view, "access:large-text", c.ui("access.large_text", lang), {x, y, w, h}, view.access.largeText))
        intent.toggleLargeText = true;
    y += h + gap;
    if (button(view, "access:high-contrast", c.ui("access.high_contrast", lang), {x, y, w, h}, view.access.highContrast))
        intent.toggleHighContrast = true;
    y += h + gap;
    if (button(view, "access:low-reach", c.ui("access.low_reach", lang), {x, y, w, h}, view.access.lowReach))
        intent.toggleLowReach = true;
}

}  // namespace ui
