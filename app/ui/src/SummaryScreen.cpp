#include "ui/SummaryScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

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
    const float cardW = qrSide + 96 * s, cardH = qrSide + 220 * s;
    const float cx = (view.width - cardW) * 0.5f, cy = (view.height - cardH) * 0.5f;
    draw->AddRectFilled(ImVec2(cx, cy), ImVec2(cx + cardW, cy + cardH), pal.card, 28 * s);
    drawTextIn(draw, view.fonts.large, {cx, cy + 24 * s, cardW, 0}, pal.text, view.catalog.ui("summary.qr_scan", view.language),
               view.audit, "summary.qr_scan", Align::Center);
    drawQr(draw, sv, cx + 48 * s, cy + 96 * s, module);
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
void drawPriceColumn(const ScreenView& view, const SummaryView& sv, const Rect& col) {
    const Pen text(view);
    const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    auto money = [&](std::int64_t minor) { return core::formatMoney(minor, c.market.currency, lang); };
    const float pad = 28 * s, x = col.x + pad, w = col.w - 2 * pad;
    const float lineH = view.fonts.body->FontSize * 1.35f, smallH = view.fonts.small->FontSize * 1.3f;
    float y = col.y + pad;
    text(view.fonts.large, {x, y, w, 0}, pal.text, c.ui("summary.price", lang), "summary.price_title");
    y += view.fonts.large->FontSize * 1.4f;

    const bool later = sv.price.totalMinor != sv.price.dueAtPurchaseMinor;
    const float footH = lineH * 1.6f + smallH * (later ? 2.4f : 1.2f) + 16 * s;
    const float totalY = col.y + col.h - pad - footH;
    const Rect viewport{x, y, w, std::max(0.0f, totalY - 12 * s - y)};

    // Measure first: the list's height decides how far it scrolls.
    const float amountW = w * 0.36f, labelW = w - amountW - 16 * s - 8 * s;
    static const std::vector<PriceRow> kNone;
    const std::vector<PriceRow>& rows = sv.rows ? *sv.rows : kNone;
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

    draw->AddLine(ImVec2(x, totalY), ImVec2(x + w, totalY), pal.cardBorder, 2 * s);
    float fy = totalY + 10 * s;
    shown.dueText = money(sv.price.dueAtPurchaseMinor);
    text(view.fonts.body, {x, fy, w * 0.5f, lineH * 1.3f}, pal.text, c.ui("summary.on_road", lang), "summary.due_label");
    text(view.fonts.large, {x + w * 0.5f, fy, w * 0.5f, lineH * 1.3f}, pal.text, shown.dueText, "summary.due", Align::Right);
    fy += lineH * 1.5f;
    if (later) {
        shown.totalText = money(sv.price.totalMinor);
        text(view.fonts.small, {x, fy, w, smallH}, pal.textMuted, "* " + c.ui("summary.after_subsidy", lang) + " " + shown.totalText,
             "summary.after");
        fy += smallH * 1.2f;
    }
    text(view.fonts.small, {x, fy, w, smallH}, pal.textMuted,
         fillTemplate(c.ui("summary.valid_until", lang), "date", sv.price.validUntil.format(core::numberFormat(c.market.currency, lang).date)),
         "summary.valid");
    if (sv.shown) *sv.shown = std::move(shown);
}

}  // namespace

Intent SummaryScreen::draw(const ScreenView& view, const SummaryView& sv, SummaryIntent& changes) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const auto& cur = c.market.currency;
    auto money = [&](std::int64_t minor) { return core::formatMoney(minor, cur, lang); };
    const core::NumberFormat nf = core::numberFormat(cur, lang);
    const float lineH = view.fonts.body->FontSize * 1.35f, smallH = view.fonts.small->FontSize * 1.3f;

    const float barY = view.access.lowReach ? reachTop(view.height, true) : sizes.margin * 0.5f;
    if (touchButton(view, "back", "‹ " + c.ui("summary.back", lang), {sizes.margin, barY, sizes.backW, sizes.barH}, false)) intent.back = true;
    const float fitW = 280 * s, fitX = view.width - sizes.margin - sizes.topBarW - sizes.barH - 44 * s - fitW;
    if (touchButton(view, "fit", c.ui("fit.open", lang), {fitX, barY, fitW, sizes.barH}, false)) intent.openFitCheck = true;
    const float cmpW = 280 * s, cmpX = fitX - 20 * s - cmpW;
    if (touchButton(view, "compare", c.ui(sv.hasKeptCar ? "compare.open" : "compare.keep", lang), {cmpX, barY, cmpW, sizes.barH},
                    false))
        intent.compare = true;
    const float titleX = sizes.margin + 290 * s, titleEnd = cmpX - 20 * s;
    const core::Trim* trim = sv.model.findTrim(sv.configuration.trim);
    text(view.fonts.large, {titleX, barY, titleEnd - titleX, sizes.barH}, pal.text,
         sv.model.name.get(lang) + " · " + (trim ? trim->name.get(lang) : sv.configuration.trim), "summary.title");
    drawTopBar(view, {view.width - sizes.margin - sizes.topBarW, barY, sizes.topBarW, sizes.barH}, intent);

    const float top = barY + sizes.barH + sizes.gapWide;
    // The price gets the widest column: it is what the customer reads line by line.
    const float avail = view.width - 2 * sizes.margin - 2 * sizes.gapWide;
    const float w1 = avail * 0.38f, w2 = avail * 0.30f, w3 = avail * 0.32f;
    const float bottom = view.height - sizes.margin * 0.5f;
    const Rect col1{sizes.margin, top, w1, bottom - top}, col2{sizes.margin + w1 + sizes.gapWide, top, w2, bottom - top},
        col3{sizes.margin + w1 + w2 + 2 * sizes.gapWide, top, w3, bottom - top};
    for (const Rect& r : {col1, col2, col3})
        draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.card, 24 * s);
    const float pad = 28 * s;

    // 1. The price, line by line, each with where it comes from: every line, in a list that scrolls.
    drawPriceColumn(view, sv, col1);

    // 2. Financing, live.
    float x = col2.x + pad, w = col2.w - 2 * pad, y = col2.y + pad;
    text(view.fonts.large, {x, y, w, 0}, pal.text, c.ui("summary.finance", lang), "summary.finance_title");
    y += view.fonts.large->FontSize * 1.4f;
    if (!sv.finance.offer) {
        text(view.fonts.body, {x, y, w, 0}, pal.textMuted, c.ui("summary.no_offer", lang), "summary.no_offer");
    } else {
        const auto& offer = *sv.finance.offer;
        text(view.fonts.body, {x, y, w, 0}, pal.accent, offer.label.get(lang), "summary.offer");
        y += lineH;
        text(view.fonts.small, {x, y, w, 0}, pal.textMuted,
             fillTemplate(c.ui("summary.apr", lang), "apr", core::formatPercent(static_cast<double>(offer.aprBp) / 100.0, 2, nf)),
             "summary.apr");
        y += smallH + 10 * s;
        text(view.fonts.body, {x, y, w, 0}, pal.text,
             fillTemplate(c.ui("summary.down", lang), "pct", core::formatPercent(sv.finance.downPercent, 0, nf)), "summary.down");
        y += lineH;
        int down = sv.finance.downPercent;
        const int lo = static_cast<int>((offer.minDownBp + 99) / 100), hi = static_cast<int>(offer.maxDownBp / 100);
        if (slider(view, "slider:down", {x, y, w, sizes.rowH}, down, lo, hi, 5)) changes.downPercent = down;
        y += sizes.barH;
        text(view.fonts.body, {x, y, w, 0}, pal.text, c.ui("summary.term", lang), "summary.term_label");
        y += lineH;
        const size_t n = offer.termsMonths.size();
        const float tw = n ? (w - static_cast<float>(n - 1) * 12 * s) / static_cast<float>(n) : w;
        for (size_t i = 0; i < n; ++i) {
            const int months = offer.termsMonths[i];
            const Rect r{x + static_cast<float>(i) * (tw + sizes.spacing), y, tw, sizes.rowH};
            if (touchButton(view, "term:" + std::to_string(months), std::to_string(months), r, months == sv.finance.termMonths))
                changes.termMonths = months;
        }
        y += 100 * s;
        if (sv.finance.quote) {
            const auto& q = *sv.finance.quote;
            text(view.fonts.small, {x, y, w, 0}, pal.textMuted, c.ui("summary.monthly", lang), "summary.monthly_label");
            y += smallH;
            text(view.fonts.title, {x, y, w, 0}, pal.text, money(q.monthlyPaymentMinor), "summary.monthly");
            y += view.fonts.title->FontSize * 1.2f;
            if (q.balloonMinor > 0) {
                text(view.fonts.small, {x, y, w, 0}, pal.textMuted, c.ui("summary.balloon", lang) + " " + money(q.balloonMinor),
                     "summary.balloon");
                y += smallH;
            }
            text(view.fonts.small, {x, y, w, 0}, pal.textMuted, c.ui("summary.interest", lang) + " " + money(q.totalInterestMinor),
                 "summary.interest");
            y += smallH;
            text(view.fonts.small, {x, y, w, 0}, pal.textMuted, c.ui("summary.total_cost", lang) + " " + money(q.totalCostMinor),
                 "summary.total_cost");
        } else if (!sv.finance.error.empty()) {
            text(view.fonts.small, {x, y, w, 0}, pal.accent, sv.finance.error, "summary.finance_error");
        }
    }
    // The QR code: the configuration, to take away. It takes the room the financing leaves (never
    // under it); beside it the words wrap and the code is set in lines of three groups.
    if (sv.qr && sv.qrSize > 0) {
        y += smallH + 16 * s;
        const float room = col2.y + col2.h - pad - y;
        const float qrSide = std::min({(col2.w - 2 * pad) * 0.48f, 250 * s, room});
        const float module = std::max(1.0f, std::floor(qrSide / static_cast<float>(sv.qrSize + 8)));
        const float side = module * static_cast<float>(sv.qrSize + 8);
        const float qx = col2.x + pad, qy = col2.y + col2.h - side - pad;
        drawQr(draw, sv, qx, qy, module);
        ImGui::SetCursorScreenPos(ImVec2(qx, qy));
        if (ImGui::InvisibleButton("qr", ImVec2(side, side))) changes.enlargeQr = true;
        if (view.hits) view.hits->add("qr", {qx, qy, side, side});
        const float tx = qx + side + 16 * s, tw2 = col2.x + col2.w - pad - tx;
        float ty = qy;
        ty += drawTextWrapped(draw, view.fonts.small, {tx, ty, tw2, 0}, pal.textMuted, c.ui("summary.qr", lang), audit, "summary.qr");
        ty += 6 * s;
        std::string line;
        int groups = 0, k = 0;
        for (size_t i = 0; i <= sv.code.size(); ++i) {
            if (i == sv.code.size() || sv.code[i] == '-') {
                if (++groups == 3 || i == sv.code.size()) {
                    text(view.fonts.small, {tx, ty, tw2, 0}, pal.text, line, "summary.code" + std::to_string(++k));
                    ty += smallH;
                    line.clear();
                    groups = 0;
                    continue;
                }
            }
            line += sv.code[i];
        }
        drawTextWrapped(draw, view.fonts.small, {tx, ty + 6 * s, tw2, 0}, pal.accent, c.ui("summary.qr_tap", lang), audit,
                        "summary.qr_tap");
    }

    // 3. Range in the customer's conditions, charging, and the cost against petrol.
    x = col3.x + pad, w = col3.w - 2 * pad, y = col3.y + pad;
    text(view.fonts.large, {x, y, w, 0}, pal.text, c.ui("summary.range", lang), "summary.range_title");
    y += view.fonts.large->FontSize * 1.4f;
    auto row = [&](const std::string& key, const std::string& value, const std::string& id) {
        text(view.fonts.body, {x, y, w * 0.62f, 0}, pal.textMuted, c.ui(key, lang), id + ".label");
        text(view.fonts.body, {x + w * 0.62f, y, w * 0.38f, 0}, pal.text, value, id, Align::Right);
        y += lineH;
    };
    const std::string km = " " + c.ui("unit.km", lang);
    if (sv.typical) {
        row("summary.range_official", fmt("%.0f", sv.typical->official.rangeKm) + km,
            "summary.official");
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
    text(view.fonts.body, {x, y, w, 0}, pal.text,
         fillTemplate(c.ui("summary.week", lang), "km", std::to_string(sv.dailyKm)), "summary.week_label");
    y += lineH;
    int daily = sv.dailyKm;
    if (slider(view, "slider:daily", {x, y, w, sizes.rowH}, daily, 10, 200, 10)) changes.dailyKm = daily;
    y += 92 * s;
    if (sv.week) {
        row("summary.charges", core::formatNumber(sv.week->chargesPerWeek, 1, nf), "summary.charges");
        row("summary.cost_week", money(sv.week->costPerWeekMinor), "summary.cost_week");
    }
    if (sv.tco && sv.tco->petrol) {
        y += 8 * s;
        const std::string years = std::to_string(sv.tco->years);
        y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text,
                             fillTemplate(fillTemplate(c.ui("summary.tco", lang), "years", years), "car",
                                          sv.tco->petrol->label.get(lang)),
                             view.audit, "summary.tco");
        text(view.fonts.large, {x, y, w, 0}, sv.tco->differenceMinor >= 0 ? pal.accent : pal.text,
             (sv.tco->differenceMinor >= 0 ? c.ui("summary.saves", lang) : c.ui("summary.costs_more", lang)) + " " +
                 money(std::llabs(sv.tco->differenceMinor)),
             "summary.tco_value");
        y += view.fonts.large->FontSize * 1.3f;
        text(view.fonts.small, {x, y, w, 0}, pal.textMuted,
             fillTemplate(c.ui("summary.tco_basis", lang), "km", std::to_string(sv.tco->kmPerYear)),
             "summary.tco_basis");
    }
    const Rect book{col3.x + pad, col3.y + col3.h - 104 * s - pad, col3.w - 2 * pad, 104 * s};
    if (touchButton(view, "book", c.ui("config.book", lang), book, true)) intent.openBooking = true;
    return intent;
}

}  // namespace ui
