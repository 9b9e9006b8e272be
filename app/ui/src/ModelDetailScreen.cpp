#include "ui/ModelDetailScreen.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "ui/CarSilhouette.h"
#include "ui/ModelChooserScreen.h"

namespace ui {

Intent ModelDetailScreen::draw(const ScreenView& view, const core::Model& model) const {
    Intent intent;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& pal = view.palette;
    const float s = view.scale;
    const float margin = 64 * s;
    ImDrawList* draw = ImGui::GetWindowDrawList();

    ImGui::SetCursorScreenPos(ImVec2(margin, margin * 0.5f));
    ImGui::PushFont(view.fonts.body);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(pal.accentText));
    if (ImGui::Button(("‹ " + c.ui("detail.back", lang)).c_str(), ImVec2(220 * s, 96 * s))) intent.back = true;
    if (view.hits) view.hits->add("back", {margin, margin * 0.5f, 220 * s, 96 * s});
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (drawLanguageSwitch(view, {view.width - margin - 180 * s, margin * 0.5f, 180 * s, 96 * s})) intent.switchLanguage = true;

    auto text = [&](ImFont* font, const Rect& box, std::uint32_t color, const std::string& str, const std::string& id,
                    Align align = Align::Left) { drawTextIn(draw, font, box, color, str, view.audit, id, align); };
    const float contentW = view.width - 2 * margin;
    text(view.fonts.title, {margin, 170 * s, contentW, 0}, pal.text, model.name.get(lang), "detail.name");
    text(view.fonts.body, {margin, 250 * s, contentW, 0}, pal.textMuted, model.tagline.get(lang), "detail.tagline");

    const Rect picture{margin, 290 * s, view.width - 2 * margin, view.height * 0.27f};
    drawCarSilhouette(draw, picture, model, showcasePaint(c, model, pal), pal);

    float y = picture.y + picture.h + 30 * s;
    text(view.fonts.large, {margin, y, contentW, 0}, pal.text, c.ui("detail.trims", lang), "detail.trims");
    y += 80 * s;
    const float rowH = 112 * s;
    for (const auto& t : model.trims) {
        draw->AddRectFilled(ImVec2(margin, y), ImVec2(view.width - margin, y + rowH - 16 * s), pal.card, 20 * s);
        const std::string id = "detail." + t.id;
        text(view.fonts.large, {margin + 32 * s, y + 24 * s, view.width * 0.38f - margin - 48 * s, 0}, pal.text,
             t.name.get(lang), id + ".name");
        const std::string price = core::formatMoney(t.basePriceMinor, c.market.currency, lang);
        std::string range;
        for (const auto& o : t.official) {
            if (!range.empty()) range += " / ";
            range += std::to_string(std::lround(o.cltcRangeKm));
        }
        char power[64];
        std::snprintf(power, sizeof power, "%.0f kW", t.physics.motorPowerKw);
        const std::string facts = c.ui("chooser.range", lang) + " " + range + " " + c.ui("unit.km", lang) + "   ·   " +
                                  c.ui("detail.power", lang) + " " + power;
        text(view.fonts.small, {view.width * 0.38f, y + 36 * s, view.width * 0.40f, 0}, pal.textMuted, facts, id + ".facts");
        text(view.fonts.large, {view.width * 0.78f, y + 24 * s, view.width * 0.22f - margin - 32 * s, 0}, pal.text, price,
             id + ".price", Align::Right);
        y += rowH;
    }
    return intent;
}

}  // namespace ui
