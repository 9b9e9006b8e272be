#include "ui/CompareScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace ui {
namespace {

struct Row {
    std::string label, va, vb;
    bool betterA, betterB;
};

std::vector<Row> figureRows(const core::Catalog& c, const std::string& lang, const CompareColumn& a, const CompareColumn& b) {
    auto money = [&](std::int64_t m) { return core::formatMoney(m, c.market.currency, lang); };
    auto num = [](double v, const std::string& unit) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.0f %s", v, unit.c_str());
        return std::string(buf);
    };
    const std::string km = c.ui("unit.km", lang), min = c.ui("unit.min", lang);
    return {
        {c.ui("summary.on_road", lang), money(a.onTheRoadMinor), money(b.onTheRoadMinor), a.onTheRoadMinor < b.onTheRoadMinor,
         b.onTheRoadMinor < a.onTheRoadMinor},
        {c.ui("summary.monthly", lang), a.monthlyMinor < 0 ? "—" : money(a.monthlyMinor), b.monthlyMinor < 0 ? "—" : money(b.monthlyMinor),
         false, false},
        {c.ui("summary.range_official", lang), num(a.officialKm, km), num(b.officialKm, km), a.officialKm > b.officialKm,
         b.officialKm > a.officialKm},
        {c.ui("summary.range_winter", lang), num(a.winterKm, km), num(b.winterKm, km), a.winterKm > b.winterKm, b.winterKm > a.winterKm},
        {c.ui("summary.range_highway", lang), num(a.highwayKm, km), num(b.highwayKm, km), a.highwayKm > b.highwayKm,
         b.highwayKm > a.highwayKm},
        {c.ui("summary.dc", lang), num(a.dcMinutes, min), num(b.dcMinutes, min), a.dcMinutes < b.dcMinutes, b.dcMinutes < a.dcMinutes},
    };
}

// A figure's name: one line when it fits, wrapped when not. Returns the height used.
float label(const ScreenView& view, ImFont* font, const Rect& box, const std::string& text, const std::string& id) {
    if (textWidth(font, text) <= box.w) {
        drawTextIn(ImGui::GetWindowDrawList(), font, box, view.palette.textMuted, text, view.audit, id);
        return font->FontSize * 1.3f;
    }
    return drawTextWrapped(ImGui::GetWindowDrawList(), font, box, view.palette.textMuted, text, view.audit, id);
}

float wrappedHeight(ImFont* font, const std::string& text, float width) {
    return static_cast<float>(wrapText(font, text, width).size()) * font->FontSize * 1.2f;
}

// The figures, a row each; returns the y below them.
float drawFigures(const ScreenView& view, const CompareLayout& l, const std::vector<Row>& rows, float y) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float pad = 24 * s, inner = l.colW - 2 * pad;
    const float rowH = view.fonts.body->FontSize * 1.6f;
    int i = 0;
    for (const auto& r : rows) {
        const std::string id = "compare.row" + std::to_string(i++);
        float valueY = y;
        if (l.labelsBeside) {
            text(view.fonts.body, {sizes.margin, y, l.labelW, 0}, pal.textMuted, r.label, id + ".label");
        } else {
            // The name above the figure in both cards, so each card reads on its own.
            label(view, view.fonts.small, {l.x0 + pad, y, inner, 0}, r.label, id + ".label");
            valueY += label(view, view.fonts.small, {l.x1 + pad, y, inner, 0}, r.label, id + ".label_b");
        }
        text(view.fonts.body, {l.x0 + pad, valueY, inner, 0}, r.betterA ? pal.accent : pal.text, r.va, id + ".a");
        text(view.fonts.body, {l.x1 + pad, valueY, inner, 0}, r.betterB ? pal.accent : pal.text, r.vb, id + ".b");
        y = valueY + rowH;
    }
    return y;
}

// Each car's equipment under the figures; the two lists scroll together within [y, bottom).
void drawEquipment(const ScreenView& view, const CompareLayout& l, const CompareColumn& a, const CompareColumn& b, float y,
                   float bottom, ScrollState& scroll) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float pad = 24 * s, inner = l.colW - 2 * pad;
    const std::string heading = c.ui("compare.options", lang);
    if (l.labelsBeside) {
        text(view.fonts.body, {sizes.margin, y, l.labelW, 0}, pal.textMuted, heading, "compare.options");
    } else {
        label(view, view.fonts.small, {l.x0 + pad, y, inner, 0}, heading, "compare.options");
        y += label(view, view.fonts.small, {l.x1 + pad, y, inner, 0}, heading, "compare.options_b");
    }
    auto listHeight = [&](const CompareColumn& col) {
        float h = 0;
        for (const auto& o : col.options) h += wrappedHeight(view.fonts.small, o, inner);
        return h;
    };
    const float contentH = std::max(listHeight(a), listHeight(b));
    const Rect viewport{l.x0, y, l.x1 + l.colW - l.x0, std::max(0.0f, bottom - y)};
    ScrollArea area(view, scroll, viewport, contentH);
    // The two lists have rows of their own heights, so no offset ends both on whole rows: at rest
    // a row the window's edge would cut is left out (the position bar shows there is more).
    const bool atRest = !scroll.dragging && scroll.velocity == 0;
    for (const auto* col : {&a, &b}) {
        const float x = (col == &a ? l.x0 : l.x1) + pad;
        const std::string id = col == &a ? "compare.a.opt" : "compare.b.opt";
        float oy = y - area.offset();
        for (size_t k = 0; k < col->options.size(); ++k) {
            const float h = wrappedHeight(view.fonts.small, col->options[k], inner);
            const bool whole = oy >= viewport.y - 0.5f && oy + h <= viewport.y + viewport.h + 0.5f;
            if (area.visible(oy + area.offset(), h) && (whole || !atRest))
                drawTextWrapped(draw, view.fonts.small, {x, oy, inner, 0}, pal.text, col->options[k], view.audit, id + std::to_string(k));
            oy += h;
        }
    }
}

}  // namespace

CompareLayout computeCompareLayout(float width, float scale, float labelWidthPx, float valueWidthPx) {
    const Metrics sizes = metricsFor(scale);
    const float contentW = width - 2 * sizes.margin, pad = 24 * scale;
    CompareLayout l;
    l.labelW = std::max(contentW * 0.22f, labelWidthPx + sizes.spacing);
    l.colW = (contentW - l.labelW - 2 * sizes.gapWide) / 2;
    // Beside the cars while the names take at most a quarter of the width and the figures still fit.
    l.labelsBeside = l.labelW <= contentW * 0.25f && valueWidthPx <= l.colW - 2 * pad;
    if (!l.labelsBeside) {
        l.labelW = 0;
        l.colW = (contentW - sizes.gapWide) / 2;
    }
    l.x0 = sizes.margin + (l.labelsBeside ? l.labelW + sizes.gapWide : 0);
    l.x1 = l.x0 + l.colW + sizes.gapWide;
    return l;
}

Intent CompareScreen::draw(const ScreenView& view, const CompareColumn& a, const CompareColumn& b, ScrollState& equipmentScroll) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float barY = view.access.lowReach ? reachTop(view.height, true) : sizes.margin * 0.5f;
    if (touchButton(view, "back", "‹ " + c.ui("booking.back", lang), {sizes.margin, barY, sizes.backW, sizes.barH}, false))
        intent.back = true;
    const float titleX = sizes.margin + sizes.backW + 30 * s, titleEnd = view.width - sizes.margin - sizes.topBarW - sizes.barH - 44 * s;
    text(view.fonts.large, {titleX, barY, titleEnd - titleX, sizes.barH}, pal.text, c.ui("compare.title", lang), "compare.title");
    drawTopBar(view, {view.width - sizes.margin - sizes.topBarW, barY, sizes.topBarW, sizes.barH}, intent);

    const std::vector<Row> rows = figureRows(c, lang, a, b);
    float labelNeed = textWidth(view.fonts.body, c.ui("compare.options", lang)), valueNeed = 0;
    for (const auto& r : rows) {
        labelNeed = std::max(labelNeed, textWidth(view.fonts.body, r.label));
        valueNeed = std::max({valueNeed, textWidth(view.fonts.body, r.va), textWidth(view.fonts.body, r.vb)});
    }
    const CompareLayout l = computeCompareLayout(view.width, s, labelNeed, valueNeed);
    const float top = barY + sizes.barH + sizes.gapWide, bottom = view.height - sizes.margin * 0.5f;
    for (float x : {l.x0, l.x1}) draw->AddRectFilled(ImVec2(x, top), ImVec2(x + l.colW, bottom), pal.card, 24 * s);
    const float pad = 24 * s, inner = l.colW - 2 * pad;
    float y = top + pad;
    text(view.fonts.small, {l.x0 + pad, y, inner, 0}, pal.textMuted, c.ui("compare.kept", lang), "compare.kept");
    text(view.fonts.small, {l.x1 + pad, y, inner, 0}, pal.textMuted, c.ui("compare.now", lang), "compare.now");
    y += view.fonts.small->FontSize * 1.4f;
    y += std::max(drawTextWrapped(draw, view.fonts.large, {l.x0 + pad, y, inner, 0}, pal.text, a.title, view.audit, "compare.a.title"),
                  drawTextWrapped(draw, view.fonts.large, {l.x1 + pad, y, inner, 0}, pal.text, b.title, view.audit, "compare.b.title")) +
         sizes.spacing;
    y = drawFigures(view, l, rows, y) + sizes.spacing;
    drawEquipment(view, l, a, b, y, bottom - pad, equipmentScroll);
    return intent;
}

}  // namespace ui
