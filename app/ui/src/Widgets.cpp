#include "ui/Widgets.h"

#include <imgui.h>

namespace ui {

bool touchButton(const ScreenView& view, const std::string& id, const std::string& label, const Rect& r, bool accent,
                 bool enabled) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool tapped = ImGui::InvisibleButton("b", ImVec2(r.w, r.h));
    const bool down = ImGui::IsItemActive();
    ImGui::PopID();
    const auto& pal = view.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::uint32_t fill = !enabled ? pal.background : down ? pal.cardPressed : accent ? pal.accent : pal.card;
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), fill, 16 * view.scale);
    // A two-pixel (at 1080p) outline: a secondary button must read as a button in high contrast too.
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), accent ? pal.accent : pal.cardBorder, 16 * view.scale, 0,
                  2 * view.scale);
    drawTextIn(draw, view.fonts.body, {r.x + 8 * view.scale, r.y, r.w - 16 * view.scale, r.h},
               accent && enabled && !down ? pal.accentText : enabled ? pal.text : pal.textMuted, label, view.audit,
               "button." + id, Align::Center);
    if (view.hits) view.hits->add(id, r);
    return tapped && enabled;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace ui
