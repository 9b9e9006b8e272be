#include "ui/ModelChooserScreen.h"

#include <imgui.h>

#include <cmath>

#include "ui/CarSilhouette.h"

namespace ui {
namespace {

void textAt(ImDrawList* draw, ImFont* font, ImVec2 pos, std::uint32_t color, const std::string& s) {
    draw->AddText(font, font->FontSize, pos, color, s.c_str());
}

float textWidth(ImFont* font, const std::string& s) {
    return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, s.c_str()).x;
}

}  // namespace

std::string formatRangeSpan(const core::Model& model) {
    const auto [lo, hi] = model.cltcRangeSpanKm();
    const long a = std::lround(lo), b = std::lround(hi);
    if (a == b) return std::to_string(a);
    return std::to_string(a) + "–" + std::to_string(b);
}

bool drawLanguageSwitch(const ScreenView& view, const Rect& r) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushFont(view.fonts.body);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(view.palette.accentText));
    const bool tapped = ImGui::Button(view.catalog.ui("lang.switch", view.language).c_str(), ImVec2(r.w, r.h));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (view.hits) view.hits->add("lang", r);
    return tapped;
}

Intent ModelChooserScreen::draw(const ScreenView& view) const {
    Intent intent;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& pal = view.palette;
    const ChooserLayout layout = computeChooserLayout(view.width, view.height, static_cast<int>(c.models.size()));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float s = view.scale;

    textAt(draw, view.fonts.body, ImVec2(layout.header.x, layout.header.y + 8 * s), pal.accent, c.brand.name.get(lang));
    textAt(draw, view.fonts.title, ImVec2(layout.header.x, layout.header.y + 70 * s), pal.text, c.ui("chooser.title", lang));
    textAt(draw, view.fonts.body, ImVec2(layout.header.x, layout.header.y + 150 * s), pal.textMuted,
           c.ui("chooser.subtitle", lang));
    if (drawLanguageSwitch(view, layout.languageSwitch)) intent.switchLanguage = true;

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

        const bool portrait = view.height > view.width;
        const Rect picture = portrait ? Rect{r.x + 24 * s, r.y + 16 * s, r.w * 0.5f - 48 * s, r.h - 32 * s}
                                      : Rect{r.x + 24 * s, r.y + 24 * s, r.w - 48 * s, r.h * 0.5f - 48 * s};
        drawCarSilhouette(draw, picture, m, showcasePaint(c, m, pal), pal);

        const Rect& name = layout.cardNames[i];
        float y = name.y;
        textAt(draw, view.fonts.large, ImVec2(name.x, y), pal.text, m.name.get(lang));
        y += 64 * s;
        textAt(draw, view.fonts.small, ImVec2(name.x, y), pal.textMuted,
               c.ui("body." + m.bodyStyle, lang) + " · " + fillTemplate(c.ui("chooser.seats", lang), "n", std::to_string(m.seats)));
        y += 56 * s;
        textAt(draw, view.fonts.small, ImVec2(name.x, y), pal.textMuted, c.ui("chooser.from", lang));
        textAt(draw, view.fonts.body, ImVec2(name.x, y + 110 * s), pal.accent, m.tagline.get(lang));
        textAt(draw, view.fonts.large, ImVec2(name.x, y + 34 * s), pal.text,
               core::formatMoney(m.fromPriceMinor(), c.market.currency, lang));
        const float col2 = name.x + std::max(name.w * 0.5f, textWidth(view.fonts.large, "¥000,000") + 40 * s);
        textAt(draw, view.fonts.small, ImVec2(col2, y), pal.textMuted, c.ui("chooser.range", lang));
        textAt(draw, view.fonts.large, ImVec2(col2, y + 34 * s), pal.text,
               formatRangeSpan(m) + " " + c.ui("unit.km", lang));
    }
    textAt(draw, view.fonts.small, ImVec2(layout.footer.x, layout.footer.y + 20 * s), pal.textMuted,
           c.ui("chooser.price_note", lang));
    return intent;
}

}  // namespace ui
