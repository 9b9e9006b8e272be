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

    draw->AddText(view.fonts.title, view.fonts.title->FontSize, ImVec2(margin, 170 * s), pal.text, model.name.get(lang).c_str());
    draw->AddText(view.fonts.body, view.fonts.body->FontSize, ImVec2(margin, 250 * s), pal.textMuted,
                  model.tagline.get(lang).c_str());

    const Rect picture{margin, 290 * s, view.width - 2 * margin, view.height * 0.27f};
    drawCarSilhouette(draw, picture, model, showcasePaint(c, model, pal), pal);

    float y = picture.y + picture.h + 30 * s;
    draw->AddText(view.fonts.large, view.fonts.large->FontSize, ImVec2(margin, y), pal.text, c.ui("detail.trims", lang).c_str());
    y += 80 * s;
    const float rowH = 112 * s;
    for (const auto& t : model.trims) {
        draw->AddRectFilled(ImVec2(margin, y), ImVec2(view.width - margin, y + rowH - 16 * s), pal.card, 20 * s);
        draw->AddText(view.fonts.large, view.fonts.large->FontSize, ImVec2(margin + 32 * s, y + 24 * s), pal.text,
                      t.name.get(lang).c_str());
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
        draw->AddText(view.fonts.small, view.fonts.small->FontSize, ImVec2(view.width * 0.38f, y + 36 * s), pal.textMuted,
                      facts.c_str());
        const float pw = view.fonts.large->CalcTextSizeA(view.fonts.large->FontSize, 1e9f, 0, price.c_str()).x;
        draw->AddText(view.fonts.large, view.fonts.large->FontSize, ImVec2(view.width - margin - 32 * s - pw, y + 24 * s),
                      pal.text, price.c_str());
        y += rowH;
    }
    return intent;
}

}  // namespace ui
