#include "ui/TextBox.h"

#include <imgui.h>

#include <algorithm>

#include "ui/Glyphs.h"

namespace ui {

void TextAudit::record(const std::string& id, const std::string& text, float width, float available) {
    ++m_checked;
    m_texts[id] = text;
    if (width > available + 0.5f) m_overflows.push_back({id, text, width, available});
}

float textWidth(ImFont* font, const std::string& text) {
    return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text.c_str()).x;
}

void drawTextIn(ImDrawList* draw, ImFont* font, const Rect& box, std::uint32_t color, const std::string& text,
                TextAudit* audit, const std::string& id, Align align) {
    const float width = textWidth(font, text);
    if (audit) {
        audit->record(id, text, width, box.w);
        for (unsigned cp : glyphsMissingIn({font}, text)) audit->missingGlyph(cp);
    }
    // Shrink rather than spill: a long translation stays readable and inside its widget.
    const float size = width > box.w && width > 0 ? font->FontSize * std::max(0.6f, box.w / width) : font->FontSize;
    const float drawnWidth = width * size / font->FontSize;
    float x = box.x;
    if (align == Align::Center) x = box.x + (box.w - drawnWidth) * 0.5f;
    if (align == Align::Right) x = box.x + box.w - drawnWidth;
    const float y = box.h > size ? box.y + (box.h - size) * 0.5f : box.y;
    draw->AddText(font, size, ImVec2(x, y), color, text.c_str());
    if (audit) {
        // What the customer can see of it: the glyphs within the clip rectangle (a scrolled list).
        const ImVec4 clip = draw->_ClipRectStack.Size ? draw->_ClipRectStack.back() : ImVec4(-1e9f, -1e9f, 1e9f, 1e9f);
        const float x0 = std::max(x, clip.x), y0 = std::max(y, clip.y);
        const float x1 = std::min(x + drawnWidth, clip.z), y1 = std::min(y + size, clip.w);
        if (x1 > x0 && y1 > y0 && !text.empty()) audit->drawn({id, text, box, {x0, y0, x1 - x0, y1 - y0}, size - (y1 - y0)});
    }
}

bool closesCjkPhrase(const std::string& cp) {
    static const char* const kClosing[] = {"）", "」", "』", "】", "》", "〉", "〕", "，", "。", "、", "；", "：", "！", "？", "”", "’", "…", "％"};
    return std::any_of(std::begin(kClosing), std::end(kClosing), [&](const char* c) { return cp == c; });
}

namespace {

bool opensCjkPhrase(const std::string& cp) {
    static const char* const kOpening[] = {"（", "「", "『", "【", "《", "〈", "〔", "“", "‘"};
    return std::any_of(std::begin(kOpening), std::end(kOpening), [&](const char* c) { return cp == c; });
}

// Greedy line breaking at the allowed points.
std::vector<std::string> breakLines(ImFont* font, const std::string& text, float width) {
    std::vector<std::string> lines;
    std::string line, previous;
    size_t lastBreak = std::string::npos;  // in `line`: where it may be cut
    size_t i = 0;
    while (i < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        const std::string ch = text.substr(i, n);
        i += n;
        const bool cjk = n >= 3;
        // A break is allowed before a CJK character, unless it closes a phrase or follows an opening bracket.
        const bool breakBefore = cjk && !closesCjkPhrase(ch) && !opensCjkPhrase(previous);
        if (breakBefore) lastBreak = line.size();
        std::string candidate = line + ch;
        if (!line.empty() && textWidth(font, candidate) > width && lastBreak != std::string::npos && lastBreak > 0) {
            std::string head = line.substr(0, lastBreak);
            std::string tail = line.substr(lastBreak);
            while (!head.empty() && head.back() == ' ') head.pop_back();
            while (!tail.empty() && tail.front() == ' ') tail.erase(tail.begin());
            lines.push_back(head);
            line = tail + ch;
            lastBreak = breakBefore && !tail.empty() ? line.size() - ch.size() : std::string::npos;
        } else {
            line = candidate;
        }
        if (ch == " " || ch == "-" || ch == "/" || ch == "·") lastBreak = line.size();
        previous = ch;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

// One or two CJK characters alone on the last line.
bool orphanedLast(const std::vector<std::string>& lines) {
    if (lines.size() < 2) return false;
    size_t visible = 0;
    bool cjk = false;
    const std::string& last = lines.back();
    for (size_t i = 0; i < last.size();) {
        const unsigned char c = static_cast<unsigned char>(last[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (last[i] != ' ') ++visible;
        if (n >= 3) cjk = true;
        i += n;
    }
    return cjk && visible <= 2;
}

}  // namespace

std::vector<std::string> wrapText(ImFont* font, const std::string& text, float width) {
    std::vector<std::string> lines = breakLines(font, text, width);
    if (!orphanedLast(lines)) return lines;
    // The narrowest width that keeps the number of lines gives the last line the most: found by
    // halving between half the width and the width.
    float lo = width * 0.5f, hi = width;
    std::vector<std::string> best = lines;
    for (int step = 0; step < 10 && hi - lo > 1.0f; ++step) {
        const float mid = (lo + hi) * 0.5f;
        auto tried = breakLines(font, text, mid);
        if (tried.size() == lines.size()) {
            hi = mid;
            best = std::move(tried);
        } else {
            lo = mid;
        }
    }
    return best;
}

float drawTextWrapped(ImDrawList* draw, ImFont* font, const Rect& box, std::uint32_t color, const std::string& text,
                      TextAudit* audit, const std::string& id) {
    const float lineH = font->FontSize * 1.2f;
    float y = box.y;
    int k = 0;
    for (const auto& line : wrapText(font, text, box.w)) {
        drawTextIn(draw, font, {box.x, y, box.w, 0}, color, line, audit, id + "#" + std::to_string(k++));
        y += lineH;
    }
    return y - box.y;
}

}  // namespace ui
