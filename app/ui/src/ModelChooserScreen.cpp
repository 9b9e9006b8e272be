#include "ui/ModelChooserScreen.h"

#include <imgui.h>

#include <cmath>

#include "ui/CarSilhouette.h"
#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace ui {

std::string formatRangeSpan(const RangeSpans& spans, const std::string& modelId) {
    const auto it = spans.find(modelId);
    if (it == spans.end()) return "—";
    const auto [lo, hi] = it->second;
    const long a = std::lround(lo), b = std::lround(hi);
    if (a == b) return std::to_string(a);
    return std::to_string(a) + "–" + std::to_string(b);
}

Intent ModelChooserScreen::draw(const ScreenView& view, const RangeSpans& spans) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const ChooserLayout layout = computeChooserLayout(view.width, view.height, static_cast<int>(c.models.size()), view.access.lowReach);

    const Rect& h = layout.header;
    const float headW = layout.languageSwitch.x - h.x - 40 * s;
    text(view.fonts.body, {h.x, h.y + 8 * s, headW, 0}, pal.accent, c.brand.name.get(lang), "chooser.brand");
    text(view.fonts.title, {h.x, h.y + 70 * s, headW, 0}, pal.text, c.ui("chooser.title", lang), "chooser.title");
    // "Help me choose" at the end of the subtitle's line, or beside the top bar's buttons when
    // low reach has brought them down.
    const Rect& sw = layout.languageSwitch;
    const float guideW = 400 * s;
    const Rect guide = view.access.lowReach ? Rect{sw.x - sw.h - 48 * s - guideW, sw.y, guideW, sw.h}
                                            : Rect{h.x + h.w - guideW, h.y + 136 * s, guideW, 84 * s};
    if (touchButton(view, "guide", c.ui("guide.open", lang), guide, false)) intent.openGuide = true;
    const float subW = view.access.lowReach ? headW : guide.x - h.x - 40 * s;
    text(view.fonts.body, {h.x, h.y + 150 * s, subW, 0}, pal.textMuted, c.ui("chooser.subtitle", lang), "chooser.subtitle");
    drawTopBar(view, layout.languageSwitch, intent);

    for (size_t i = 0; i < c.models.size(); ++i) {
        const core::Model& m = c.models[i];
        const Rect& r = layout.cards[i];
        ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
        ImGui::PushID(static_cast<int>(i));
        // A touch is a press and a release on the same card; the pressed look clears when the finger lifts.
        if (ImGui::InvisibleButton("card", ImVec2(r.w, r.h))) intent.openModel = m.id;
        const bool pressed = ImGui::IsItemActive();
        ImGui::PopID();
        if (view.hits) view.hits->add("model:" + m.id, r);

        draw->AddRectFilled(ImVec2(r.x + 4 * s, r.y + 8 * s), ImVec2(r.x + r.w + 4 * s, r.y + r.h + 8 * s), 0x14000000,
                            28 * s);
        draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pressed ? pal.cardPressed : pal.card, 28 * s);
        draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.cardBorder, 28 * s, 0, 2 * s);

        // The words from the name down: on a short card (low reach, a tablet) they move up from
        // the card's foot and the picture takes what is left above them.
        const Rect& name = layout.cardNames[i];
        const std::string id = "chooser." + m.id;
        const float colW = name.w * 0.5f - sizes.spacing;
        const std::string price = core::formatMoney(m.fromPriceMinor(), c.market.currency, lang);
        const std::string range = formatRangeSpan(spans, m.id) + " " + c.ui("unit.km", lang);
        // Price and range side by side in the large font, or the body font where one would not fit.
        ImFont* figures = textWidth(view.fonts.large, price) <= colW && textWidth(view.fonts.large, range) <= colW ? view.fonts.large
                                                                                                                 : view.fonts.body;
        const auto tagline = wrapText(view.fonts.body, m.tagline.get(lang), name.w);
        const float blockH = (64 + 56 + 110) * s + static_cast<float>(tagline.size()) * view.fonts.body->FontSize * 1.2f;
        float y = std::max(r.y + 16 * s, std::min(name.y, r.y + r.h - 16 * s - blockH));
        const bool portrait = view.height > view.width;
        const Rect picture = portrait ? Rect{r.x + 24 * s, r.y + 16 * s, r.w * 0.4f - 48 * s, r.h - 32 * s}
                                      : Rect{r.x + 24 * s, r.y + 24 * s, r.w - 48 * s, std::min(r.h * 0.5f - 48 * s, y - 24 * s - (r.y + 24 * s))};
        if (picture.h > 0) drawCarSilhouette(draw, picture, m, showcasePaint(c, m, pal), pal);

        text(view.fonts.large, {name.x, y, name.w, 0}, pal.text, m.name.get(lang), id + ".name");
        y += 64 * s;
        text(view.fonts.small, {name.x, y, name.w, 0}, pal.textMuted,
             c.ui("body." + m.bodyStyle, lang) + " · " + fillTemplate(c.ui("chooser.seats", lang), "n", std::to_string(m.seats)),
             id + ".body");
        y += 56 * s;
        const float col2 = name.x + name.w * 0.5f;
        text(view.fonts.small, {name.x, y, colW, 0}, pal.textMuted, c.ui("chooser.from", lang), id + ".from");
        text(figures, {name.x, y + 34 * s, colW, 0}, pal.text, price, id + ".price");
        text(view.fonts.small, {col2, y, colW, 0}, pal.textMuted, c.ui("chooser.range", lang), id + ".range_label");
        text(figures, {col2, y + 34 * s, colW, 0}, pal.text, range, id + ".range");
        y += 110 * s;
        for (size_t k = 0; k < tagline.size(); ++k, y += view.fonts.body->FontSize * 1.2f)
            text(view.fonts.body, {name.x, y, name.w, 0}, pal.accent, tagline[k], id + ".tagline#" + std::to_string(k));
    }
    const float advisorW = 200 * s;
    drawTextWrapped(draw, view.fonts.small, {layout.footer.x, layout.footer.y + 8 * s, layout.footer.w - advisorW - 20 * s, 0},
                    pal.textMuted, c.ui("chooser.price_note", lang), view.audit, "chooser.price_note");
    // Advisors reach their mode from here, behind a PIN.
    const Rect adv{layout.footer.x + layout.footer.w - advisorW, layout.footer.y, advisorW, std::max(layout.footer.h, 80 * s)};
    ImGui::SetCursorScreenPos(ImVec2(adv.x, adv.y));
    if (ImGui::InvisibleButton("advisor", ImVec2(adv.w, adv.h))) intent.openAdvisor = true;
    draw->AddRect(ImVec2(adv.x, adv.y), ImVec2(adv.x + adv.w, adv.y + adv.h), pal.cardBorder, 16 * s);
    text(view.fonts.small, {adv.x + 8 * s, adv.y, adv.w - 16 * s, adv.h}, pal.textMuted, c.ui("advisor.enter", lang),
         "chooser.advisor");
    if (view.hits) view.hits->add("advisor", adv);
    return intent;
}

}  // namespace ui
