#include "ui/ModelChooserScreen.h"

#include <imgui.h>

#include <algorithm>
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

namespace {

// A card's words and picture. The words from the name down are measured from the fonts before
// anything is drawn: on a short card (low reach, a tablet) they move up from the card's foot and
// the picture takes what is left above them (landscape) or beside them (portrait); where even then
// they would not fit a portrait card, the tagline goes under the picture.
void drawCardWords(const ScreenView& view, const core::Model& m, const Rect& r, const Rect& name, const RangeSpans& spans) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const std::string id = "chooser." + m.id;
    const float colW = name.w * 0.5f - sizes.spacing;
    const std::string price = core::formatMoney(m.fromPriceMinor(), c.market.currency, lang);
    const std::string range = formatRangeSpan(spans, m.id) + " " + c.ui("unit.km", lang);
    // Price and range side by side in the large font, or the body font where one would not fit.
    ImFont* figures = textWidth(view.fonts.large, price) <= colW && textWidth(view.fonts.large, range) <= colW ? view.fonts.large
                                                                                                             : view.fonts.body;
    auto tagline = wrapText(view.fonts.body, m.tagline.get(lang), name.w);
    const float tagLineH = view.fonts.body->FontSize * 1.2f, inset = 16 * s;
    // Roomy spacing where the card has the height for it, else lines as close as the fonts allow.
    const float tightName = view.fonts.large->FontSize * 1.25f, tightBody = view.fonts.small->FontSize * 1.4f;
    const float tightLabel = view.fonts.small->FontSize * 1.3f, tightFigures = figures->FontSize * 1.3f;
    const float roomyName = std::max(64 * s, tightName), roomyBody = std::max(56 * s, tightBody);
    const float roomyLabel = std::max(34 * s, tightLabel), roomyFigures = std::max(76 * s, tightFigures);
    const bool roomy = roomyName + roomyBody + roomyLabel + roomyFigures + static_cast<float>(tagline.size()) * tagLineH <=
                       r.y + r.h - inset - name.y;
    const float nameH = roomy ? roomyName : tightName, bodyH = roomy ? roomyBody : tightBody;
    const float labelH = roomy ? roomyLabel : tightLabel, figuresH = roomy ? roomyFigures : tightFigures;
    const bool portrait = view.height > view.width;
    Rect picture = portrait ? Rect{r.x + 24 * s, r.y + inset, r.w * 0.4f - 48 * s, r.h - 2 * inset} : Rect{};
    const float wordsH = nameH + bodyH + labelH + figuresH;
    const bool tagUnderPicture = portrait && wordsH + static_cast<float>(tagline.size()) * tagLineH > r.h - 2 * inset;
    if (tagUnderPicture) {
        tagline = wrapText(view.fonts.body, m.tagline.get(lang), picture.w);
        picture.h -= static_cast<float>(tagline.size()) * tagLineH + 8 * s;
    }
    const float blockH = wordsH + (tagUnderPicture ? 0 : static_cast<float>(tagline.size()) * tagLineH);
    float y = std::max(r.y + inset, std::min(name.y, r.y + r.h - inset - blockH));
    if (!portrait) picture = {r.x + 24 * s, r.y + 24 * s, r.w - 48 * s, std::min(r.h * 0.5f - 48 * s, y - 24 * s - (r.y + 24 * s))};
    if (picture.h > 0) drawCarSilhouette(draw, picture, m, showcasePaint(c, m, pal), pal);

    text(view.fonts.large, {name.x, y, name.w, 0}, pal.text, m.name.get(lang), id + ".name");
    y += nameH;
    text(view.fonts.small, {name.x, y, name.w, 0}, pal.textMuted,
         c.ui("body." + m.bodyStyle, lang) + " · " + fillTemplate(c.ui("chooser.seats", lang), "n", std::to_string(m.seats)),
         id + ".body");
    y += bodyH;
    const float col2 = name.x + name.w * 0.5f;
    text(view.fonts.small, {name.x, y, colW, 0}, pal.textMuted, c.ui("chooser.from", lang), id + ".from");
    text(figures, {name.x, y + labelH, colW, 0}, pal.text, price, id + ".price");
    text(view.fonts.small, {col2, y, colW, 0}, pal.textMuted, c.ui("chooser.range", lang), id + ".range_label");
    text(figures, {col2, y + labelH, colW, 0}, pal.text, range, id + ".range");
    y += labelH + figuresH;
    const float tagX = tagUnderPicture ? picture.x : name.x, tagW = tagUnderPicture ? picture.w : name.w;
    if (tagUnderPicture) y = picture.y + picture.h + 8 * s;
    for (size_t k = 0; k < tagline.size(); ++k, y += tagLineH)
        text(view.fonts.body, {tagX, y, tagW, 0}, pal.accent, tagline[k], id + ".tagline#" + std::to_string(k));
}

}  // namespace

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

        drawCardWords(view, m, r, layout.cardNames[i], spans);
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
         "chooser.advisor", Align::Center);
    if (view.hits) view.hits->add("advisor", adv);
    return intent;
}

}  // namespace ui
