// The summary's price card: every line of the breakdown in a list that scrolls when it is taller
// than its window (at rest it shows whole lines only, with how many more lie below), then the on-the-road total, the total after subsidies paid later and the
// validity. What it drew goes to sv.shown, so the dump, the audit and the tests can check it adds up.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "SummaryParts.h"
#include "ui/Scroll.h"

namespace ui::summary {
namespace {

std::string plainMoney(const ScreenView& view, std::int64_t minor) {
    return core::formatMoney(minor, view.catalog.market.currency, view.language);
}

std::string amountText(const ScreenView& view, const PriceRow& row) { return plainMoney(view, row.amountMinor) + (row.paidLater ? " *" : ""); }

// Room at the list's right for the scroll's position bar (6 px at 1080p) and a gap before the amounts.
constexpr float kBarRoom = 18;

// The list's rows measured for a list `w` wide: the amounts' column, and each row's height. Where
// the label and its source fit on one line (a wide list) the source follows the label.
struct ListGeometry {
    float amountW = 0, labelW = 0;
    std::vector<float> heights;
    std::vector<bool> sourceInline;
    float contentH = 0;
};

ListGeometry listGeometry(const ScreenView& view, const std::vector<PriceRow>& rows, float w) {
    ListGeometry g;
    const float s = view.scale;
    float widest = 0;
    for (const auto& row : rows) widest = std::max(widest, textWidth(view.fonts.body, amountText(view, row)));
    g.amountW = std::min(w * 0.5f, std::max(w * 0.3f, widest + 2 * s));
    g.labelW = w - g.amountW - 16 * s - kBarRoom * s;
    const float bodyH = view.fonts.body->FontSize * 1.2f;
    for (const auto& row : rows) {
        const bool inline_ = !row.source.empty() && textWidth(view.fonts.body, row.label) + 24 * s + textWidth(view.fonts.small, row.source) <= g.labelW;
        const float labelH = bodyH * static_cast<float>(std::max<size_t>(1, wrapText(view.fonts.body, row.label, g.labelW).size()));
        const float sourceH = row.source.empty() || inline_ ? 0 : wrappedHeight(view.fonts.small, row.source, w - 8 * s);
        g.heights.push_back(labelH + sourceH + 10 * s);
        g.sourceInline.push_back(inline_);
        g.contentH += g.heights.back();
    }
    return g;
}

// The list's window: where the list scrolls, it ends on whole rows at rest and the line under it
// says how many more lie below.
struct ListWindow {
    Rect rows;             // where rows are drawn
    float hintH = 0;       // the "more below" line under them (0: the list fits, or the hint is beside it)
    float lastOffset = 0;  // the furthest scroll: a row's top, so the last page shows whole rows too
};

float hintHeight(const ScreenView& view) { return view.fonts.small->FontSize * 1.2f + 8 * view.scale; }

// `hintUnder`: the hint takes the window's foot (else it goes with the totals beside the list).
ListWindow listWindow(const ScreenView& view, const ListGeometry& list, const Rect& area, bool hintUnder) {
    ListWindow lw{area, 0, 0};
    if (list.contentH <= area.h + 0.5f) return lw;
    lw.hintH = hintUnder ? hintHeight(view) : 0;
    lw.rows.h = std::max(0.0f, area.h - lw.hintH);
    float top = 0;
    for (float h : list.heights) {
        lw.lastOffset = top;
        if (list.contentH - top <= lw.rows.h + 0.5f) break;
        top += h;
    }
    return lw;
}

// The row top nearest `offset`, within the scroll's range.
float nearestRowTop(const ListGeometry& list, const ListWindow& lw, float offset) {
    float best = 0, top = 0;
    for (float h : list.heights) {
        if (top > lw.lastOffset + 0.5f) break;
        if (std::abs(top - offset) < std::abs(best - offset)) best = top;
        top += h;
    }
    return best;
}

const std::vector<PriceRow>& rowsOf(const SummaryView& sv) {
    static const std::vector<PriceRow> kNone;
    return sv.rows ? *sv.rows : kNone;
}

// The on-the-road label and total side by side, or one over the other in a narrow column; the
// total after subsidies paid later; the validity.
void totalsBlock(Flow& f, const SummaryView& sv, ShownPrice* shown) {
    const ScreenView& view = f.view;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& pal = view.palette;
    const float s = view.scale, lineH = view.fonts.body->FontSize * 1.35f;
    const std::string dueLabel = c.ui("summary.on_road", lang), dueText = plainMoney(view, sv.price.dueAtPurchaseMinor);
    const float dueW = std::min(f.w, textWidth(view.fonts.large, dueText));
    f.y += 10 * s;
    if (textWidth(view.fonts.body, dueLabel) + 16 * s + dueW > f.w) {
        f.wrapped(view.fonts.body, pal.text, dueLabel, "summary.due_label");
        f.line(view.fonts.large, {f.x, f.y, f.w, lineH * 1.3f}, pal.text, dueText, "summary.due", Align::Right);
        f.y += lineH * 1.4f;
    } else {
        f.line(view.fonts.body, {f.x, f.y, f.w - dueW - 16 * s, lineH * 1.3f}, pal.text, dueLabel, "summary.due_label");
        f.line(view.fonts.large, {f.x + f.w - dueW, f.y, dueW, lineH * 1.3f}, pal.text, dueText, "summary.due", Align::Right);
        f.y += lineH * 1.5f;
    }
    if (shown) shown->dueText = dueText;
    if (sv.price.totalMinor != sv.price.dueAtPurchaseMinor) {
        const std::string total = plainMoney(view, sv.price.totalMinor);
        if (shown) shown->totalText = total;
        f.wrapped(view.fonts.small, pal.textMuted, "* " + c.ui("summary.after_subsidy", lang) + " " + keepTogether(total), "summary.after");
    }
    f.wrapped(view.fonts.small, pal.textMuted,
              fillTemplate(c.ui("summary.valid_until", lang), "date", sv.price.validUntil.format(core::numberFormat(c.market.currency, lang).date)),
              "summary.valid");
    f.y += 6 * s;
}

// Where the card's parts go.
struct CardGeometry {
    float x = 0, w = 0, titleY = 0;
    Rect list;               // the list's window
    Rect extras;             // the trade-in and the full QR block, under the list
    Rect totals;             // the totals (right of the list in a wide card)
    Rect qr;                 // the compact QR, left of the totals
    float tradeH = 0;
};

CardGeometry cardGeometry(const ScreenView& view, const SummaryView& sv, const Rect& card, const PriceCardParts& parts) {
    CardGeometry g;
    const float s = view.scale, pad = 28 * s, gap = 24 * s;
    g.x = card.x + pad;
    g.w = card.w - 2 * pad;
    g.titleY = card.y + pad;
    const float top = g.titleY + wrappedHeight(view.fonts.large, view.catalog.ui("summary.price", view.language), g.w) +
                      view.fonts.large->FontSize * 0.2f;
    const float bottom = card.y + card.h - pad;
    SummaryIntent none;
    if (parts.wide) {
        const float listW = g.w * 0.62f;
        g.list = {g.x, top, listW, bottom - top};
        g.totals = {g.x + listW + gap, top, g.w - listW - gap, bottom - top};
        return g;
    }
    const float qrW = parts.qrSide > 0 ? parts.qrSide + gap : 0;
    Flow totals{view, false, 0, 0, g.w - qrW};
    totalsBlock(totals, sv, nullptr);
    // Beside the QR code, "tap to enlarge" closes the totals.
    const float tapH = parts.qrSide > 0 ? wrappedHeight(view.fonts.small, view.catalog.ui("summary.qr_tap", view.language), totals.w) : 0;
    const float footH = std::max(totals.y + tapH, parts.qrSide > 0 ? parts.qrSide + 20 * s : 0.0f);
    g.tradeH = parts.tradeIn && sv.tradeInOffered ? blocksHeight(view, {tradeInBlock(sv, none)}, g.w) : 0;
    const float extrasH = g.tradeH + (parts.fullQr ? qrBlockHeight(view, sv, g.w) : 0);
    const float footY = bottom - footH;
    g.extras = {g.x, footY - extrasH, g.w, extrasH};
    g.list = {g.x, top, g.w, std::max(0.0f, g.extras.y - 12 * s - top)};
    g.qr = {g.x, footY + 10 * s, parts.qrSide, footH - 10 * s};
    g.totals = {g.x + qrW, footY, g.w - qrW, footH};
    return g;
}

}  // namespace

std::pair<size_t, size_t> priceLinesShown(const ScreenView& view, const SummaryView& sv, const Rect& card, const PriceCardParts& parts) {
    const CardGeometry g = cardGeometry(view, sv, card, parts);
    const ListGeometry list = listGeometry(view, rowsOf(sv), g.list.w);
    const ListWindow lw = listWindow(view, list, g.list, !parts.wide);
    size_t whole = 0;
    float y = 0;
    for (float h : list.heights) {
        if (y + h > lw.rows.h + 0.5f) break;
        y += h;
        ++whole;
    }
    return {whole, list.heights.size()};
}

float priceCardWidth(const ScreenView& view, const SummaryView& sv, const PriceCardParts& parts) {
    const float s = view.scale, pad = 28 * s, gap = 24 * s;
    float amountW = 0, labelW = 0;
    for (const auto& row : rowsOf(sv)) {
        amountW = std::max(amountW, textWidth(view.fonts.body, amountText(view, row)) + 2 * s);
        labelW = std::max(labelW, textWidth(view.fonts.body, row.label) + (row.source.empty() ? 0 : 24 * s + textWidth(view.fonts.small, row.source)));
    }
    const auto& c = view.catalog;
    const float totals = (parts.qrSide > 0 ? parts.qrSide + gap : 0) + textWidth(view.fonts.body, c.ui("summary.on_road", view.language)) + 16 * s +
                         textWidth(view.fonts.large, plainMoney(view, sv.price.dueAtPurchaseMinor));
    return 2 * pad + std::max(labelW + 24 * s + amountW, totals);
}

void drawPriceCard(const ScreenView& view, const SummaryView& sv, const Rect& card, const PriceCardParts& parts, SummaryIntent& changes) {
    const Pen text(view);
    const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const CardGeometry g = cardGeometry(view, sv, card, parts);
    drawTextWrapped(draw, view.fonts.large, {g.x, g.titleY, g.w, 0}, pal.text, c.ui("summary.price", lang), audit, "summary.price_title");
    const std::vector<PriceRow>& rows = rowsOf(sv);
    const ListGeometry list = listGeometry(view, rows, g.list.w);
    const ListWindow lw = listWindow(view, list, g.list, !parts.wide);
    const Rect& viewport = lw.rows;
    const float x = viewport.x, w = viewport.w, bodyH = view.fonts.body->FontSize * 1.2f;
    ScrollState fallback;
    ScrollState& state = sv.priceScroll ? *sv.priceScroll : fallback;
    // At rest the list settles on a row's top (the glide ends anywhere), so no row is cut at the
    // top; a row the window's foot would cut is left for the next scroll, and the hint counts it.
    const float settle = nearestRowTop(list, lw, state.offset);
    if (!state.dragging && state.velocity == 0 && state.offset != settle) {
        const float dt = state.lastTime < 0 ? 1.0f : static_cast<float>(std::clamp(view.timeSeconds - state.lastTime, 0.0, 0.1));
        state.offset += (settle - state.offset) * std::min(1.0f, dt * 14);
        if (std::abs(settle - state.offset) < 0.5f) state.offset = settle;
    }
    ShownPrice shown;
    size_t below = 0;
    {
        ScrollArea scroll(view, state, viewport, std::max(list.contentH, lw.lastOffset + viewport.h));
        const bool atRest = !state.dragging && state.velocity == 0 && state.offset == settle;
        float rowY = viewport.y;
        for (size_t i = 0; i < rows.size(); ++i) {
            const PriceRow& row = rows[i];
            const std::string id = "summary.line" + std::to_string(i);
            const std::string amount = amountText(view, row);
            const float h = list.heights[i];
            shown.rows.push_back({row.label, amount, row.amountMinor, row.paidLater, {x, rowY - viewport.y, w, h},
                                  rowY - viewport.y <= lw.lastOffset + 0.5f || rowY - viewport.y + h <= lw.lastOffset + viewport.h + 0.5f});
            const float ry = rowY - scroll.offset();
            const bool whole = ry >= viewport.y - 0.5f && ry + h <= viewport.y + viewport.h + 0.5f;
            if (ry + h > viewport.y + viewport.h + 0.5f) ++below;
            if (scroll.visible(rowY, h) && (whole || !atRest)) {
                const std::uint32_t colour = row.included ? pal.textMuted : pal.text;
                const float labelH = drawTextWrapped(draw, view.fonts.body, {x, ry, list.labelW, 0}, colour, row.label, audit, id + ".label");
                text(view.fonts.body, {x + w - list.amountW - kBarRoom * s, ry, list.amountW, 0}, row.amountMinor < 0 ? pal.accent : colour, amount,
                     id + ".amount", Align::Right);
                if (row.source.empty()) {
                } else if (list.sourceInline[i]) {
                    const float lx = x + textWidth(view.fonts.body, row.label) + 24 * s;
                    text(view.fonts.small, {lx, ry + (bodyH - view.fonts.small->FontSize * 1.2f) * 0.5f, x + list.labelW - lx, 0}, pal.textMuted,
                         row.source, id + ".source");
                } else {
                    drawTextWrapped(draw, view.fonts.small, {x, ry + std::max(labelH, bodyH), w - 8 * s, 0}, pal.textMuted, row.source, audit,
                                    id + ".source");
                }
            }
            rowY += h;
        }
        shown.scrollOffset = scroll.offset();
    }
    const std::string more = fillTemplate(c.ui("summary.more_lines", lang), "n", std::to_string(below));
    if (lw.hintH > 0 && below > 0) text(view.fonts.small, {x, viewport.y + viewport.h + 4 * s, w, 0}, pal.accent, more, "summary.more_lines");
    shown.viewport = viewport;
    shown.contentHeight = list.contentH;
    shown.maxScroll = std::max(list.contentH, lw.lastOffset + viewport.h) - viewport.h;
    if (g.tradeH > 0) drawBlocks(view, {tradeInBlock(sv, changes)}, {g.extras.x, g.extras.y, g.extras.w, g.tradeH});
    if (parts.fullQr) drawQrBlock(view, sv, {g.extras.x, g.extras.y + g.tradeH, g.extras.w, g.extras.h - g.tradeH}, changes);
    if (!parts.wide) draw->AddLine(ImVec2(g.x, g.totals.y), ImVec2(g.x + g.w, g.totals.y), pal.cardBorder, 2 * s);
    if (parts.qrSide > 0) drawQrSquare(view, sv, g.qr.x, g.qr.y, parts.qrSide, changes);
    Flow totals{view, true, g.totals.x, g.totals.y, g.totals.w};
    totalsBlock(totals, sv, &shown);
    if (parts.qrSide > 0) totals.wrapped(view.fonts.small, pal.accent, c.ui("summary.qr_tap", lang), "summary.qr_tap");
    if (lw.hintH <= 0 && below > 0) text(view.fonts.small, {totals.x, totals.y, totals.w, 0}, pal.accent, more, "summary.more_lines");
    if (sv.shown) *sv.shown = std::move(shown);
}

}  // namespace ui::summary
