#include "ui/CompareScreen.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace ui {

Intent CompareScreen::draw(const ScreenView& view, const CompareColumn& a, const CompareColumn& b) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float barY = view.access.lowReach ? reachTop(view.height, true) : sizes.margin * 0.5f;
    if (touchButton(view, "back", "‹ " + c.ui("booking.back", lang), {sizes.margin, barY, sizes.backW, sizes.barH}, false))
        intent.back = true;
    const float titleX = sizes.margin + 290 * s, titleEnd = view.width - sizes.margin - sizes.topBarW - sizes.barH - 44 * s;
    text(view.fonts.large, {titleX, barY, titleEnd - titleX, sizes.barH}, pal.text, c.ui("compare.title", lang), "compare.title");
    drawTopBar(view, {view.width - sizes.margin - sizes.topBarW, barY, sizes.topBarW, sizes.barH}, intent);

    const float top = barY + sizes.barH + sizes.gapWide;
    const float labelW = (view.width - 2 * sizes.margin) * 0.22f;
    const float colW = (view.width - 2 * sizes.margin - labelW - 2 * sizes.gapWide) / 2;
    const float x0 = sizes.margin + labelW + sizes.gapWide, x1 = x0 + colW + sizes.gapWide;
    for (float x : {x0, x1})
        draw->AddRectFilled(ImVec2(x, top), ImVec2(x + colW, view.height - sizes.margin * 0.5f), pal.card, 24 * s);
    const float pad = 24 * s;
    float y = top + pad;
    text(view.fonts.small, {x0 + pad, y, colW - 2 * pad, 0}, pal.textMuted, c.ui("compare.kept", lang), "compare.kept");
    text(view.fonts.small, {x1 + pad, y, colW - 2 * pad, 0}, pal.textMuted, c.ui("compare.now", lang), "compare.now");
    y += view.fonts.small->FontSize * 1.4f;
    y += std::max(drawTextWrapped(draw, view.fonts.large, {x0 + pad, y, colW - 2 * pad, 0}, pal.text, a.title, view.audit,
                                  "compare.a.title"),
                  drawTextWrapped(draw, view.fonts.large, {x1 + pad, y, colW - 2 * pad, 0}, pal.text, b.title, view.audit,
                                  "compare.b.title")) +
         sizes.spacing;
    auto money = [&](std::int64_t m) { return core::formatMoney(m, c.market.currency, lang); };
    auto num = [](double v, const char* unit) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.0f %s", v, unit);
        return std::string(buf);
    };
    const std::string km = c.ui("unit.km", lang), min = c.ui("unit.min", lang);
    struct Row {
        std::string key, va, vb;
        bool betterA, betterB;
    };
    const std::vector<Row> rows = {
        {"summary.on_road", money(a.onTheRoadMinor), money(b.onTheRoadMinor), a.onTheRoadMinor < b.onTheRoadMinor,
         b.onTheRoadMinor < a.onTheRoadMinor},
        {"summary.monthly", a.monthlyMinor < 0 ? "—" : money(a.monthlyMinor), b.monthlyMinor < 0 ? "—" : money(b.monthlyMinor),
         false, false},
        {"summary.range_official", num(a.officialKm, km.c_str()), num(b.officialKm, km.c_str()), a.officialKm > b.officialKm,
         b.officialKm > a.officialKm},
        {"summary.range_winter", num(a.winterKm, km.c_str()), num(b.winterKm, km.c_str()), a.winterKm > b.winterKm,
         b.winterKm > a.winterKm},
        {"summary.range_highway", num(a.highwayKm, km.c_str()), num(b.highwayKm, km.c_str()), a.highwayKm > b.highwayKm,
         b.highwayKm > a.highwayKm},
        {"summary.dc", num(a.dcMinutes, min.c_str()), num(b.dcMinutes, min.c_str()), a.dcMinutes < b.dcMinutes,
         b.dcMinutes < a.dcMinutes},
    };
    const float rowH = view.fonts.body->FontSize * 1.6f;
    int i = 0;
    for (const auto& r : rows) {
        const std::string id = "compare.row" + std::to_string(i++);
        text(view.fonts.body, {sizes.margin, y, labelW, 0}, pal.textMuted, c.ui(r.key, lang), id + ".label");
        text(view.fonts.body, {x0 + pad, y, colW - 2 * pad, 0}, r.betterA ? pal.accent : pal.text, r.va, id + ".a");
        text(view.fonts.body, {x1 + pad, y, colW - 2 * pad, 0}, r.betterB ? pal.accent : pal.text, r.vb, id + ".b");
        y += rowH;
    }
    y += sizes.spacing;
    text(view.fonts.body, {sizes.margin, y, labelW, 0}, pal.textMuted, c.ui("compare.options", lang), "compare.options");
    float ya = y, yb = y;
    for (size_t k = 0; k < a.options.size() && ya < view.height - 120 * s; ++k)
        ya += drawTextWrapped(draw, view.fonts.small, {x0 + pad, ya, colW - 2 * pad, 0}, pal.text, a.options[k], view.audit,
                              "compare.a.opt" + std::to_string(k));
    for (size_t k = 0; k < b.options.size() && yb < view.height - 120 * s; ++k)
        yb += drawTextWrapped(draw, view.fonts.small, {x1 + pad, yb, colW - 2 * pad, 0}, pal.text, b.options[k], view.audit,
                              "compare.b.opt" + std::to_string(k));
    return intent;
}

}  // namespace ui
