// The summary's QR code: the configuration to take away, in its column (full, with its words and
// the code in lines beside it, or compact, the code alone) and large over the screen to be scanned.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "SummaryParts.h"

namespace ui {
namespace {

// The code's modules with the four-module quiet zone around them, white on the kiosk's background.
void drawQr(ImDrawList* draw, const SummaryView& sv, float x, float y, float module) {
    const float side = module * static_cast<float>(sv.qrSize + 8);
    draw->AddRectFilled(ImVec2(x, y), ImVec2(x + side, y + side), 0xFFFFFFFF);
    for (int my = 0; my < sv.qrSize; ++my)
        for (int mx = 0; mx < sv.qrSize; ++mx)
            if ((*sv.qr)[static_cast<size_t>(my * sv.qrSize + mx)])
                draw->AddRectFilled(ImVec2(x + static_cast<float>(mx + 4) * module, y + static_cast<float>(my + 4) * module),
                                    ImVec2(x + static_cast<float>(mx + 5) * module, y + static_cast<float>(my + 5) * module),
                                    0xFF000000);
}

// The code as a tap target: a tap shows it large.
void qrTarget(const ScreenView& view, const Rect& r, SummaryIntent& changes) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    if (ImGui::InvisibleButton("qr", ImVec2(r.w, r.h))) changes.enlargeQr = true;
    if (view.hits) view.hits->add("qr", r);
}

// The configuration code in lines of three groups ("04D0-P018-BM47", "EG3R-...").
std::vector<std::string> codeLines(const std::string& code) {
    std::vector<std::string> out;
    std::string line;
    int groups = 0;
    for (size_t i = 0; i <= code.size(); ++i) {
        if (i == code.size() || code[i] == '-') {
            if (++groups == 3 || i == code.size()) {
                out.push_back(line);
                line.clear();
                groups = 0;
                continue;
            }
        }
        line += code[i];
    }
    return out;
}

// The full block's parts for a column `w` wide: the code's side, and the words beside it.
struct QrBlock {
    float side = 0, module = 0, textX = 0, height = 0;
    std::vector<std::string> code;
};

QrBlock qrBlock(const ScreenView& view, const SummaryView& sv, float w) {
    QrBlock b;
    if (!sv.qr || sv.qrSize <= 0) return b;
    const float s = view.scale, smallH = view.fonts.small->FontSize * 1.2f, gap = 16 * s;
    b.code = codeLines(sv.code);
    float widest = 0;
    for (const auto& l : b.code) widest = std::max(widest, textWidth(view.fonts.small, l));
    b.module = std::max(1.0f, std::floor(std::min(w - widest - gap, 200 * s) / static_cast<float>(sv.qrSize + 8)));
    b.side = b.module * static_cast<float>(sv.qrSize + 8);
    b.textX = b.side + gap;
    const float tw = w - b.textX;
    const auto& c = view.catalog;
    const float words = static_cast<float>(wrapText(view.fonts.small, c.ui("summary.qr", view.language), tw).size() +
                                           wrapText(view.fonts.small, c.ui("summary.qr_tap", view.language), tw).size()) * smallH;
    b.height = std::max(b.side, words + static_cast<float>(b.code.size()) * smallH + 12 * s) + gap;
    return b;
}

}  // namespace

namespace summary {

float qrBlockHeight(const ScreenView& view, const SummaryView& sv, float width) { return qrBlock(view, sv, width).height; }

void drawQrBlock(const ScreenView& view, const SummaryView& sv, const Rect& area, SummaryIntent& changes) {
    // Beside the code the words wrap and the code is set in lines of three groups; measured first
    // (qrBlockHeight), so nothing runs past it.
    if (!sv.qr || sv.qrSize <= 0) return;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const QrBlock b = qrBlock(view, sv, area.w);
    const float smallH = view.fonts.small->FontSize * 1.2f;
    const float qx = area.x, qy = area.y + 16 * s, tx = area.x + b.textX, tw = area.x + area.w - tx;
    drawQr(draw, sv, qx, qy, b.module);
    qrTarget(view, {qx, qy, b.side, b.side}, changes);
    float ty = qy + drawTextWrapped(draw, view.fonts.small, {tx, qy, tw, 0}, pal.textMuted, c.ui("summary.qr", lang), audit, "summary.qr") + 6 * s;
    for (size_t k = 0; k < b.code.size(); ++k, ty += smallH)
        text(view.fonts.small, {tx, ty, tw, 0}, pal.text, b.code[k], "summary.code" + std::to_string(k + 1));
    drawTextWrapped(draw, view.fonts.small, {tx, ty + 6 * s, tw, 0}, pal.accent, c.ui("summary.qr_tap", lang), audit, "summary.qr_tap");
}

float drawQrSquare(const ScreenView& view, const SummaryView& sv, float x, float y, float side, SummaryIntent& changes) {
    if (!sv.qr || sv.qrSize <= 0) return 0;
    const float module = std::max(1.0f, std::floor(side / static_cast<float>(sv.qrSize + 8)));
    const float drawn = module * static_cast<float>(sv.qrSize + 8);
    drawQr(ImGui::GetWindowDrawList(), sv, x, y, module);
    qrTarget(view, {x, y, drawn, drawn}, changes);
    return drawn;
}

float compactQrHeight(const ScreenView& view, const SummaryView& sv, float side) {
    if (!sv.qr || sv.qrSize <= 0) return 0;
    return side + 8 * view.scale + wrappedHeight(view.fonts.small, view.catalog.ui("summary.qr_tap", view.language), side);
}

void drawCompactQr(const ScreenView& view, const SummaryView& sv, const Rect& area, SummaryIntent& changes) {
    // The code alone, as large as the area allows in whole pixels per module, "tap to enlarge" under it.
    if (!sv.qr || sv.qrSize <= 0) return;
    const float module = std::max(1.0f, std::floor(area.w / static_cast<float>(sv.qrSize + 8)));
    const float side = module * static_cast<float>(sv.qrSize + 8);
    const float x = area.x + (area.w - side) * 0.5f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    drawQr(draw, sv, x, area.y, module);
    qrTarget(view, {x, area.y, side, side}, changes);
    drawTextWrapped(draw, view.fonts.small, {area.x, area.y + area.w + 8 * view.scale, area.w, 0}, view.palette.accent,
                    view.catalog.ui("summary.qr_tap", view.language), view.audit, "summary.qr_tap");
}

}  // namespace summary

bool SummaryScreen::drawLargeQr(const ScreenView& view, const SummaryView& sv) const {
    if (!sv.qr || sv.qrSize <= 0) return true;
    const auto& pal = view.palette;
    const float s = view.scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(view.width, view.height), 0xB0000000);
    const float side = std::min(view.width, view.height) * 0.62f;
    const float module = std::floor(side / static_cast<float>(sv.qrSize + 8));
    const float qrSide = module * static_cast<float>(sv.qrSize + 8);
    // The card is as wide as its caption (a longer share link makes the code's modules, and so the
    // code, smaller), within the screen.
    const std::string caption = view.catalog.ui("summary.qr_scan", view.language);
    const float captionW = std::min(textWidth(view.fonts.large, caption) + 64 * s, view.width - 48 * s);
    const float cardW = std::max(qrSide + 96 * s, captionW), cardH = qrSide + 220 * s;
    const float cx = (view.width - cardW) * 0.5f, cy = (view.height - cardH) * 0.5f;
    draw->AddRectFilled(ImVec2(cx, cy), ImVec2(cx + cardW, cy + cardH), pal.card, 28 * s);
    drawTextIn(draw, view.fonts.large, {cx, cy + 24 * s, cardW, 0}, pal.text, caption, view.audit, "summary.qr_scan", Align::Center);
    drawQr(draw, sv, cx + (cardW - qrSide) * 0.5f, cy + 96 * s, module);
    drawTextIn(draw, view.fonts.body, {cx, cy + 96 * s + qrSide + 24 * s, cardW, 0}, pal.text, sv.code, view.audit,
               "summary.qr_code", Align::Center);
    // Anywhere closes it: a tap on the card as much as beside it.
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    const bool closed = ImGui::InvisibleButton("qr-close", ImVec2(view.width, view.height));
    if (view.hits) view.hits->add("qr:close", {0, 0, view.width, view.height});
    return closed;
}

}  // namespace ui
