#include "ui/SummaryScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "ui/Scroll.h"
#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace ui {
namespace {

std::string fmt(const char* pattern, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, pattern, v);
    return buf;
}

// A touch slider: drag anywhere on the track; the value follows the finger.
bool slider(const ScreenView& view, const std::string& id, const Rect& r, int& value, int lo, int hi, int step) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    ImGui::InvisibleButton("s", ImVec2(r.w, r.h));
    const bool active = ImGui::IsItemActive();
    ImGui::PopID();
    bool changed = false;
    const float pad = r.h * 0.5f;
    if (active) {
        const float t = std::clamp((ImGui::GetIO().MousePos.x - r.x - pad) / (r.w - 2 * pad), 0.0f, 1.0f);
        int v = lo + static_cast<int>(std::lround(t * static_cast<float>(hi - lo) / static_cast<float>(step))) * step;
        v = std::clamp(v, lo, hi);
        if (v != value) {
            value = v;
            changed = true;
        }
    }
    const auto& pal = view.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float cy = r.centerY(), x0 = r.x + pad, x1 = r.x + r.w - pad;
    draw->AddRectFilled(ImVec2(x0, cy - 5 * view.scale), ImVec2(x1, cy + 5 * view.scale), pal.cardBorder, 5 * view.scale);
    const float t = hi == lo ? 0 : static_cast<float>(value - lo) / static_cast<float>(hi - lo);
    draw->AddRectFilled(ImVec2(x0, cy - 5 * view.scale), ImVec2(x0 + t * (x1 - x0), cy + 5 * view.scale), pal.accent,
                        5 * view.scale);
    draw->AddCircleFilled(ImVec2(x0 + t * (x1 - x0), cy), pad * 0.8f, active ? pal.accent : pal.card, 32);
    draw->AddCircle(ImVec2(x0 + t * (x1 - x0), cy), pad * 0.8f, pal.accent, 32, 3 * view.scale);
    if (view.hits) view.hits->add(id, r);
    return changed;
}

}  // namespace

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

}  // namespace

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

namespace {

// The price column: the title, every line of the breakdown in a list that scrolls when it is
// taller than its window, then the on-the-road total, the total after subsidies and the validity.
// What it drew goes to sv.shown, so the dump, the audit and the tests can check it adds up.
// `tradeInRow` (may be empty) measures (first call, `measure` true) and draws the trade-in control
// under the list.
void drawPriceColumn(const ScreenView& view, const SummaryView& sv, const Rect& col,
                     const std::function<float(const Rect&, bool)>& tradeInRow) {
    const Pen text(view);
    const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    auto money = [&](std::int64_t minor) { return core::formatMoney(minor, c.market.currency, lang); };
    const float pad = 28 * s, x = col.x + pad, w = col.w - 2 * pad;
    const float lineH = view.fonts.body->FontSize * 1.35f, smallH = view.fonts.small->FontSize * 1.3f;
    float y = col.y + pad;
    y += drawTextWrapped(draw, view.fonts.large, {x, y, w, 0}, pal.text, c.ui("summary.price", lang), audit, "summary.price_title");
    y += view.fonts.large->FontSize * 0.2f;

    const bool later = sv.price.totalMinor != sv.price.dueAtPurchaseMinor;
    // The on-the-road label and total side by side, or one over the other in a narrow column.
    const std::string dueLabel = c.ui("summary.on_road", lang), dueText = money(sv.price.dueAtPurchaseMinor);
    const float dueW = textWidth(view.fonts.large, dueText);
    const bool stacked = textWidth(view.fonts.body, dueLabel) + 16 * s + dueW > w;
    const float footH = lineH * (stacked ? 2.6f : 1.6f) + smallH * (later ? 2.4f : 1.2f) + 16 * s;
    const float tradeH = tradeInRow ? tradeInRow({x, col.y + col.h - pad - footH, w, 0}, true) : 0;
    const float totalY = col.y + col.h - pad - footH - tradeH;
    const Rect viewport{x, y, w, std::max(0.0f, totalY - 12 * s - y)};

    // Measure first: the list's height decides how far it scrolls; the amounts' column is as wide
    // as the widest amount.
    static const std::vector<PriceRow> kNone;
    const std::vector<PriceRow>& rows = sv.rows ? *sv.rows : kNone;
    float widest = 0;
    for (const auto& row : rows) widest = std::max(widest, textWidth(view.fonts.body, money(row.amountMinor) + (row.paidLater ? " *" : "")));
    const float amountW = std::min(w * 0.5f, std::max(w * 0.3f, widest + 2 * s)), labelW = w - amountW - 16 * s - 8 * s;
    std::vector<float> heights;
    float contentH = 0;
    for (const auto& row : rows) {
        // drawTextWrapped's line height: 1.2 x the font size.
        const float labelH = view.fonts.body->FontSize * 1.2f *
                             static_cast<float>(std::max<size_t>(1, wrapText(view.fonts.body, row.label, labelW).size()));
        const float sourceH = row.source.empty() ? 0
                              : view.fonts.small->FontSize * 1.2f *
                                    static_cast<float>(wrapText(view.fonts.small, row.source, w - 8 * s).size());
        heights.push_back(labelH + sourceH + 10 * s);
        contentH += heights.back();
    }
    ScrollState fallback;
    ScrollState& state = sv.priceScroll ? *sv.priceScroll : fallback;
    ShownPrice shown;
    {
        ScrollArea scroll(view, state, viewport, contentH);
        float rowY = viewport.y;
        for (size_t i = 0; i < rows.size(); ++i) {
            const PriceRow& row = rows[i];
            const std::string id = "summary.line" + std::to_string(i);
            const std::string amount = money(row.amountMinor) + (row.paidLater ? " *" : "");
            const Rect box{x, rowY, w, heights[i]};
            shown.rows.push_back({row.label, amount, row.amountMinor, row.paidLater, {x, rowY - viewport.y, w, heights[i]},
                                  rowY - viewport.y + heights[i] <= std::max(contentH, viewport.h) + 0.5f});
            if (scroll.visible(box.y, box.h)) {
                const float ry = rowY - scroll.offset();
                const std::uint32_t colour = row.included ? pal.textMuted : pal.text;
                const float labelH = drawTextWrapped(draw, view.fonts.body, {x, ry, labelW, 0}, colour, row.label, audit,
                                                     id + ".label");
                text(view.fonts.body, {x + w - amountW - 8 * s, ry, amountW, 0}, row.amountMinor < 0 ? pal.accent : colour,
                     amount, id + ".amount", Align::Right);
                if (!row.source.empty())
                    drawTextWrapped(draw, view.fonts.small, {x, ry + std::max(labelH, view.fonts.body->FontSize * 1.2f), w - 8 * s, 0},
                                    pal.textMuted, row.source, audit, id + ".source");
            }
            rowY += heights[i];
        }
        shown.scrollOffset = scroll.offset();
    }
    shown.viewport = viewport;
    shown.contentHeight = contentH;

    if (tradeInRow) tradeInRow({x, totalY, w, tradeH}, false);
    draw->AddLine(ImVec2(x, totalY + tradeH), ImVec2(x + w, totalY + tradeH), pal.cardBorder, 2 * s);
    float fy = totalY + tradeH + 10 * s;
    shown.dueText = dueText;
    if (stacked) {
        text(view.fonts.body, {x, fy, w, lineH}, pal.text, dueLabel, "summary.due_label");
        fy += lineH;
        text(view.fonts.large, {x, fy, w, lineH * 1.3f}, pal.text, dueText, "summary.due", Align::Right);
    } else {
        text(view.fonts.body, {x, fy, w - dueW - 16 * s, lineH * 1.3f}, pal.text, dueLabel, "summary.due_label");
        text(view.fonts.large, {x + w - dueW, fy, dueW, lineH * 1.3f}, pal.text, dueText, "summary.due", Align::Right);
    }
    fy += lineH * 1.5f;
    if (later) {
        shown.totalText = money(sv.price.totalMinor);
        fy += drawTextWrapped(draw, view.fonts.small, {x, fy, w, 0}, pal.textMuted,
                              "* " + c.ui("summary.after_subsidy", lang) + " " + shown.totalText, audit, "summary.after");
    }
    text(view.fonts.small, {x, fy, w, smallH}, pal.textMuted,
         fillTemplate(c.ui("summary.valid_until", lang), "date", sv.price.validUntil.format(core::numberFormat(c.market.currency, lang).date)),
         "summary.valid");
    if (sv.shown) *sv.shown = std::move(shown);
}

}  // namespace

// Where the summary's parts go. Landscape: the bar (back, title, compare, fit, Aa, language) over
// three columns. Portrait: back and language on the first row, compare and fit on the second, the
// price list across the width, then financing and range side by side. Low reach brings the bar
// down to the reach line (in portrait the price list, which only scrolls, stays above it).
struct SummaryLayout {
    Rect back, title, compare, fit, book, topBar;
    Rect price, finance, range;
    bool qrWithPrice = true;  // the QR code under the price list (landscape), else under the financing
};

namespace {

SummaryLayout computeSummaryLayout(const ScreenView& view, const Metrics& sizes) {
    SummaryLayout l;
    const float s = view.scale, W = view.width, H = view.height, m = sizes.margin, g = sizes.gapWide;
    const bool portrait = H > W;
    const float barY = view.access.lowReach ? reachTop(H, true) : m * 0.5f;
    l.back = {m, barY, sizes.backW, sizes.barH};
    l.topBar = {W - m - sizes.topBarW, barY, sizes.topBarW, sizes.barH};
    const float accessX = l.topBar.x - sizes.barH - 24 * s;  // the Aa button, left of the language switch
    const float bottom = H - m * 0.5f;
    if (!portrait) {
        const float fitW = 280 * s, fitX = accessX - 20 * s - fitW;
        l.fit = {fitX, barY, fitW, sizes.barH};
        l.compare = {fitX - 20 * s - fitW, barY, fitW, sizes.barH};
        l.title = {l.back.x + l.back.w + 30 * s, barY, l.compare.x - 20 * s - (l.back.x + l.back.w + 30 * s), sizes.barH};
        const float top = barY + sizes.barH + g;
        const float avail = W - 2 * m - 2 * g;
        // The price gets the widest column: it is what the customer reads line by line.
        const float w1 = avail * 0.38f, w2 = avail * 0.30f, w3 = avail * 0.32f;
        l.price = {m, top, w1, bottom - top};
        l.finance = {m + w1 + g, top, w2, bottom - top};
        l.range = {m + w1 + w2 + 2 * g, top, w3, bottom - top};
        const float pad = 28 * s;
        l.book = {l.finance.x + pad, l.finance.y + l.finance.h - 104 * s - pad, l.finance.w - 2 * pad, 104 * s};
        return l;
    }
    l.title = {l.back.x + l.back.w + 24 * s, barY, accessX - 24 * s - (l.back.x + l.back.w + 24 * s), sizes.barH};
    const float row2 = barY + sizes.barH + sizes.spacing, third = (W - 2 * m - 2 * sizes.spacing) / 3;
    l.compare = {m, row2, third, sizes.barH};
    l.fit = {m + third + sizes.spacing, row2, third, sizes.barH};
    l.book = {m + 2 * (third + sizes.spacing), row2, third, sizes.barH};
    l.qrWithPrice = false;
    const float controlsTop = row2 + sizes.barH + g;
    const float avail = W - 2 * m - g, colW = avail / 2;
    // Financing and range need about 1000 px at 1080p (more with large text); the list the rest.
    const float lower = std::min((view.access.largeText ? 1040.0f : 940.0f) * s, (bottom - controlsTop) * 0.7f);
    if (view.access.lowReach) {
        l.price = {m, m * 0.5f, W - 2 * m, barY - g - m * 0.5f};
        l.finance = {m, controlsTop, colW, bottom - controlsTop};
    } else {
        l.price = {m, controlsTop, W - 2 * m, bottom - lower - g - controlsTop};
        l.finance = {m, bottom - lower, colW, lower};
    }
    l.range = {m + colW + g, l.finance.y, colW, l.finance.h};
    return l;
}

// Text in `box`: the largest of the given fonts at which it fits in as many lines as the box
// holds, vertically centred; the smallest font wraps.
void fittedText(const ScreenView& view, const Rect& box, std::uint32_t colour, const std::string& words, const std::string& id,
                std::initializer_list<ImFont*> fonts) {
    ImFont* last = *(fonts.end() - 1);
    for (ImFont* f : fonts) {
        const auto lines = wrapText(f, words, box.w);
        const float h = static_cast<float>(lines.size()) * f->FontSize * 1.2f;
        if (f != last && (lines.size() > 1 || h > box.h)) continue;
        float y = box.y + std::max(0.0f, (box.h - h) * 0.5f);
        for (size_t i = 0; i < lines.size(); ++i, y += f->FontSize * 1.2f)
            drawTextIn(ImGui::GetWindowDrawList(), f, {box.x, y, box.w, 0}, colour, lines[i], view.audit, id + "#" + std::to_string(i));
        return;
    }
}

}  // namespace

namespace {

float tradeInHeight(const ScreenView& view, float w) {
    const Metrics sizes = metricsFor(view.scale);
    const float label = view.fonts.small->FontSize * 1.2f *
                        static_cast<float>(wrapText(view.fonts.small, view.catalog.ui("summary.trade_in", view.language), w).size());
    return label + sizes.spacing + sizes.rowH + sizes.spacing;
}

}  // namespace

float SummaryScreen::drawTradeIn(const ScreenView& view, const SummaryView& sv, const Rect& area, SummaryIntent& changes) const {
    using core::pricing::TradeIn;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    float y = area.y + drawTextWrapped(draw, view.fonts.small, {area.x, area.y, area.w, 0}, pal.textMuted, c.ui("summary.trade_in", lang),
                                       audit, "summary.trade_in") + sizes.spacing;
    const std::pair<TradeIn, const char*> choices[] = {
        {TradeIn::None, "none"}, {TradeIn::Scrappage, "scrappage"}, {TradeIn::Replacement, "replacement"}};
    const float bw = (area.w - 2 * sizes.spacing) / 3;
    for (size_t i = 0; i < 3; ++i) {
        const auto& [value, name] = choices[i];
        const Rect r{area.x + static_cast<float>(i) * (bw + sizes.spacing), y, bw, sizes.rowH};
        if (touchButton(view, std::string("trade-in:") + name, c.ui(std::string("summary.trade_in.") + name, lang), r, sv.tradeIn == value))
            changes.tradeIn = value;
    }
    return y + sizes.rowH + sizes.spacing - area.y;
}

void SummaryScreen::drawHeader(const ScreenView& view, const SummaryView& sv, const SummaryLayout& l, Intent& intent) const {
    const Pen text(view);
    const auto& c = text.c;
    const auto& lang = text.lang;
    if (touchButton(view, "back", "‹ " + c.ui("summary.back", lang), l.back, false)) intent.back = true;
    if (touchButton(view, "fit", c.ui("fit.open", lang), l.fit, false)) intent.openFitCheck = true;
    if (touchButton(view, "compare", c.ui(sv.hasKeptCar ? "compare.open" : "compare.keep", lang), l.compare, false)) intent.compare = true;
    const core::Trim* trim = sv.model.findTrim(sv.configuration.trim);
    fittedText(view, l.title, text.pal.text, sv.model.name.get(lang) + " · " + (trim ? trim->name.get(lang) : sv.configuration.trim),
               "summary.title", {view.fonts.large, view.fonts.body});
    drawTopBar(view, l.topBar, intent);
}

Intent SummaryScreen::draw(const ScreenView& view, const SummaryView& sv, SummaryIntent& changes) const {
    Intent intent;
    const Pen text(view);
    const SummaryLayout l = computeSummaryLayout(view, text.sizes);
    drawHeader(view, sv, l, intent);
    for (const Rect& r : {l.price, l.finance, l.range})
        text.draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), text.pal.card, 24 * text.s);
    // 1. The price, line by line, each with where it comes from: every line, in a list that scrolls.
    // Under the price list: the trade-in control (it changes the list) and the QR code to take away.
    const auto extras = [&](const Rect& r, bool measure) {
        const float tradeH = sv.tradeInOffered ? tradeInHeight(view, r.w) : 0;
        if (measure) return tradeH + (l.qrWithPrice ? qrBlockHeight(view, sv, r.w) : 0);
        if (sv.tradeInOffered) drawTradeIn(view, sv, r, changes);
        if (l.qrWithPrice) drawQrBlock(view, sv, {r.x, r.y + tradeH, r.w, r.h - tradeH}, changes);
        return r.h;
    };
    drawPriceColumn(view, sv, l.price, extras);
    // 2. Financing, live (and the QR code under it on a portrait screen).
    const float financeEnd = drawFinanceColumn(view, sv, l.finance, changes);
    // 3. Range in the customer's conditions, charging and the cost against petrol.
    const float rangeEnd = drawRangeColumn(view, sv, l.range, changes);
    // What goes at a column's foot (the QR code in portrait, "book" in landscape) goes under the
    // column that has the room left for it.
    const float pad = 28 * text.s;
    auto foot = [&](float h) {
        const bool inRange = l.range.y + l.range.h - rangeEnd > l.finance.y + l.finance.h - financeEnd;
        const Rect& col = inRange ? l.range : l.finance;
        // At the column's foot, but never over what the column drew above it.
        const float end = inRange ? rangeEnd : financeEnd;
        return Rect{col.x + pad, std::max(col.y + col.h - pad - h, end + 16 * text.s + 8 * text.s), col.w - 2 * pad, h};
    };
    if (!l.qrWithPrice) {
        const Rect at = foot(qrBlockHeight(view, sv, l.finance.w - 2 * pad));
        drawQrBlock(view, sv, {at.x, at.y - 16 * text.s, at.w, at.h}, changes);
    }
    Rect book = l.book;
    if (l.qrWithPrice) book = foot(104 * text.s);
    if (touchButton(view, "book", text.c.ui("config.book", text.lang), book, true)) intent.openBooking = true;
    return intent;
}

float SummaryScreen::drawFinanceColumn(const ScreenView& view, const SummaryView& sv, const Rect& col, SummaryIntent& changes) const {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    auto money = [&](std::int64_t minor) { return core::formatMoney(minor, c.market.currency, lang); };
    const float pad = 28 * s, x = col.x + pad, w = col.w - 2 * pad;
    float y = col.y + pad;
    auto wrapped = [&](ImFont* font, std::uint32_t colour, const std::string& words, const std::string& id) {
        y += drawTextWrapped(draw, font, {x, y, w, 0}, colour, words, audit, id);
    };
    wrapped(view.fonts.large, pal.text, c.ui("summary.finance", lang), "summary.finance_title");
    y += view.fonts.large->FontSize * 0.2f;
    if (!sv.finance.offer) {
        wrapped(view.fonts.body, pal.textMuted, c.ui("summary.no_offer", lang), "summary.no_offer");
    } else {
        y = drawOffer(view, sv, {x, y, w, col.y + col.h - y}, changes);
        if (sv.finance.quote) {
            const auto& q = *sv.finance.quote;
            wrapped(view.fonts.small, pal.textMuted, c.ui("summary.monthly", lang), "summary.monthly_label");
            text(view.fonts.title, {x, y, w, 0}, pal.text, money(q.monthlyPaymentMinor), "summary.monthly");
            y += view.fonts.title->FontSize * 1.2f;
            if (q.balloonMinor > 0)
                wrapped(view.fonts.small, pal.textMuted, c.ui("summary.balloon", lang) + " " + money(q.balloonMinor), "summary.balloon");
            wrapped(view.fonts.small, pal.textMuted, c.ui("summary.interest", lang) + " " + money(q.totalInterestMinor), "summary.interest");
            wrapped(view.fonts.small, pal.textMuted, c.ui("summary.total_cost", lang) + " " + money(q.totalCostMinor), "summary.total_cost");
        } else if (!sv.finance.error.empty()) {
            wrapped(view.fonts.small, pal.accent, sv.finance.error, "summary.finance_error");
        }
    }
    return y;
}

float SummaryScreen::drawOffer(const ScreenView& view, const SummaryView& sv, const Rect& area, SummaryIntent& changes) const {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const core::NumberFormat nf = core::numberFormat(c.market.currency, lang);
    const float x = area.x, w = area.w;
    float y = area.y;
    const auto& offer = *sv.finance.offer;
    // Every offer that runs today: "‹" and "›" either side of the offer's name step through them.
    const bool several = sv.finance.offerCount > 1;
    const float bw = several ? sizes.rowH : 0, lx = x + (several ? bw + sizes.spacing : 0), lw = w - 2 * (lx - x);
    const float labelH = drawTextWrapped(draw, view.fonts.body, {lx, y, lw, 0}, pal.accent, offer.label.get(lang), audit, "summary.offer");
    if (several) {
        const float rowH = std::max(labelH, sizes.rowH);
        if (touchButton(view, "offer:prev", "‹", {x, y, bw, sizes.rowH}, false))
            changes.offerIndex = (sv.finance.offerIndex + sv.finance.offerCount - 1) % sv.finance.offerCount;
        if (touchButton(view, "offer:next", "›", {x + w - bw, y, bw, sizes.rowH}, false))
            changes.offerIndex = (sv.finance.offerIndex + 1) % sv.finance.offerCount;
        y += rowH + 4 * s;
    } else {
        y += labelH;
    }
    y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, pal.textMuted,
                         fillTemplate(c.ui("summary.apr", lang), "apr", core::formatPercent(static_cast<double>(offer.aprBp) / 100.0, 2, nf)), audit,
                         "summary.apr") + 10 * s;
    y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text,
                         fillTemplate(c.ui("summary.down", lang), "pct", core::formatPercent(sv.finance.downPercent, 0, nf)) + " · " +
                             core::formatMoney(sv.finance.downMinor, c.market.currency, lang),
                         audit, "summary.down");
    int down = sv.finance.downPercent;
    const int lo = static_cast<int>((offer.minDownBp + 99) / 100), hi = static_cast<int>(offer.maxDownBp / 100);
    if (slider(view, "slider:down", {x, y, w, sizes.rowH}, down, lo, hi, 5)) changes.downPercent = down;
    y += sizes.rowH + sizes.spacing;
    y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text, c.ui("summary.term", lang), audit, "summary.term_label");
    const size_t n = offer.termsMonths.size();
    const float tw = n ? (w - static_cast<float>(n - 1) * sizes.spacing) / static_cast<float>(n) : w;
    for (size_t i = 0; i < n; ++i) {
        const int months = offer.termsMonths[i];
        const Rect r{x + static_cast<float>(i) * (tw + sizes.spacing), y, tw, sizes.rowH};
        if (touchButton(view, "term:" + std::to_string(months), std::to_string(months), r, months == sv.finance.termMonths))
            changes.termMonths = months;
    }
    return y + sizes.rowH + sizes.gap;
}

namespace {

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

// The QR block's parts for a column `w` wide: the code's side, and the words beside it.
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

float SummaryScreen::qrBlockHeight(const ScreenView& view, const SummaryView& sv, float width) {
    return qrBlock(view, sv, width).height;
}

void SummaryScreen::drawQrBlock(const ScreenView& view, const SummaryView& sv, const Rect& area, SummaryIntent& changes) const {
    // The QR code: the configuration, to take away; beside it the words wrap and the code is set
    // in lines of three groups. Measured first (qrBlockHeight), so nothing runs past it.
    if (!sv.qr || sv.qrSize <= 0) return;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const QrBlock b = qrBlock(view, sv, area.w);
    const float smallH = view.fonts.small->FontSize * 1.2f;
    const float qx = area.x, qy = area.y + 16 * s, tx = area.x + b.textX, tw = area.x + area.w - tx;
    drawQr(draw, sv, qx, qy, b.module);
    ImGui::SetCursorScreenPos(ImVec2(qx, qy));
    if (ImGui::InvisibleButton("qr", ImVec2(b.side, b.side))) changes.enlargeQr = true;
    if (view.hits) view.hits->add("qr", {qx, qy, b.side, b.side});
    float ty = qy + drawTextWrapped(draw, view.fonts.small, {tx, qy, tw, 0}, pal.textMuted, c.ui("summary.qr", lang), audit, "summary.qr") + 6 * s;
    for (size_t k = 0; k < b.code.size(); ++k, ty += smallH)
        text(view.fonts.small, {tx, ty, tw, 0}, pal.text, b.code[k], "summary.code" + std::to_string(k + 1));
    drawTextWrapped(draw, view.fonts.small, {tx, ty + 6 * s, tw, 0}, pal.accent, c.ui("summary.qr_tap", lang), audit, "summary.qr_tap");
}

float SummaryScreen::drawRangeColumn(const ScreenView& view, const SummaryView& sv, const Rect& col, SummaryIntent& changes) const {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    auto money = [&](std::int64_t minor) { return core::formatMoney(minor, c.market.currency, lang); };
    const core::NumberFormat nf = core::numberFormat(c.market.currency, lang);
    const float pad = 28 * s, x = col.x + pad, w = col.w - 2 * pad, lineH = view.fonts.body->FontSize * 1.2f;
    float y = col.y + pad;
    y += drawTextWrapped(draw, view.fonts.large, {x, y, w, 0}, pal.text, c.ui("summary.range", lang), audit, "summary.range_title");
    y += view.fonts.large->FontSize * 0.2f;
    // A figure right-aligned beside its label; the label wraps in the room the figure leaves.
    auto row = [&](const std::string& key, const std::string& value, const std::string& id) {
        const float vw = std::min(w * 0.5f, textWidth(view.fonts.body, value));
        text(view.fonts.body, {x + w - vw, y, vw, 0}, pal.text, value, id, Align::Right);
        y += std::max(lineH, drawTextWrapped(draw, view.fonts.body, {x, y, w - vw - 12 * s, 0}, pal.textMuted, c.ui(key, lang), audit,
                                             id + ".label")) + 4 * s;
    };
    const std::string km = " " + c.ui("unit.km", lang);
    if (sv.typical) {
        row("summary.range_official", fmt("%.0f", sv.typical->official.rangeKm) + km, "summary.official");
        row("summary.range_typical", fmt("%.0f", sv.typical->customerRangeKm) + km, "summary.typical");
    }
    if (sv.winter) row("summary.range_winter", fmt("%.0f", sv.winter->customerRangeKm) + km, "summary.winter");
    if (sv.highway) row("summary.range_highway", fmt("%.0f", sv.highway->customerRangeKm) + km, "summary.highway");
    if (sv.typical) {
        y += 8 * s;
        row("summary.dc", core::formatQuantity(sv.typical->dc10To80Min, 0, c.ui("unit.min", lang), nf), "summary.dc");
        row("summary.ac", core::formatQuantity(sv.typical->ac0To100H, 1, c.ui("unit.h", lang), nf), "summary.ac");
    }
    y += 8 * s;
    y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text, fillTemplate(c.ui("summary.week", lang), "km", std::to_string(sv.dailyKm)),
                         audit, "summary.week_label");
    int daily = sv.dailyKm;
    if (slider(view, "slider:daily", {x, y, w, sizes.rowH}, daily, 10, 200, 10)) changes.dailyKm = daily;
    y += sizes.rowH + sizes.spacing;
    if (sv.week) {
        row("summary.charges", core::formatNumber(sv.week->chargesPerWeek, 1, nf), "summary.charges");
        row("summary.cost_week", money(sv.week->costPerWeekMinor), "summary.cost_week");
    }
    if (sv.tco && sv.tco->petrol) {
        y += 8 * s;
        const std::string years = std::to_string(sv.tco->years);
        y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text,
                             fillTemplate(fillTemplate(c.ui("summary.tco", lang), "years", years), "car", sv.tco->petrol->label.get(lang)),
                             audit, "summary.tco");
        y += drawTextWrapped(draw, view.fonts.large, {x, y, w, 0}, sv.tco->differenceMinor >= 0 ? pal.accent : pal.text,
                             (sv.tco->differenceMinor >= 0 ? c.ui("summary.saves", lang) : c.ui("summary.costs_more", lang)) + " " +
                                 money(std::llabs(sv.tco->differenceMinor)),
                             audit, "summary.tco_value");
        y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, pal.textMuted,
                        fillTemplate(c.ui("summary.tco_basis", lang), "km", std::to_string(sv.tco->kmPerYear)), audit, "summary.tco_basis");
    }
    return y + sizes.gap;
}

}  // namespace ui
