#include "ui/TextBox.h"

#include <imgui.h>

#include <algorithm>

namespace ui {

void TextAudit::record(const std::string& id, const std::string& text, float width, float available) {
    ++m_checked;
    if (width > available + 0.5f) m_overflows.push_back({id, text, width, available});
}

float textWidth(ImFont* font, const std::string& text) {
    return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text.c_str()).x;
}

void drawTextIn(ImDrawList* draw, ImFont* font, const Rect& box, std::uint32_t color, const std::string& text,
                TextAudit* audit, const std::string& id, Align align) {
    const float width = textWidth(font, text);
    if (audit) audit->record(id, text, width, box.w);
    // Shrink rather than spill: a long translation stays readable and inside its widget.
    const float size = width > box.w && width > 0 ? font->FontSize * std::max(0.6f, box.w / width) : font->FontSize;
    const float drawnWidth = width * size / font->FontSize;
    float x = box.x;
    if (align == Align::Center) x = box.x + (box.w - drawnWidth) * 0.5f;
    if (align == Align::Right) x = box.x + box.w - drawnWidth;
    const float y = box.h > size ? box.y + (box.h - size) * 0.5f : box.y;
    draw->AddText(font, size, ImVec2(x, y), color, text.c_str());
}

}  // namespace ui
