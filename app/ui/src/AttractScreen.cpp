#include "ui/AttractScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/CarSilhouette.h"
#include "ui/Widgets.h"

namespace ui {

Rect AttractScreen::heroArea(float width, float height) {
    return {width * 0.08f, height * 0.22f, width * 0.84f, height * 0.52f};
}

Intent AttractScreen::draw(const ScreenView& view, bool rendererDrawsCar) const {
    Intent intent;
    const Pen pen(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = pen;

    // "Help me choose" under the start button, in both languages; drawn first so that it, not
    // the whole-screen start button beneath it, takes its touches.
    std::string cta, guide;
    for (const auto& lang : c.market.languages) {
        cta += (cta.empty() ? "" : "  /  ") + c.ui("attract.start", lang);
        guide += (guide.empty() ? "" : " / ") + c.ui("guide.open", lang);
    }
    const ImVec2 size = view.fonts.title->CalcTextSizeA(view.fonts.title->FontSize, 1e9f, 0, cta.c_str());
    // The start pill sits at 80 % of the height unless the guide button under it would lose its
    // full touch height (large text on a short screen): then both rise together.
    const float padX = 56 * s, padY = 28 * s, guideH = 84 * s;
    const float ctaY = std::min(view.height * 0.80f, view.height - 12 * s - guideH - 20 * s - padY - size.y);
    const ImVec2 pos(view.width * 0.5f - size.x * 0.5f, ctaY);
    const float guideY = pos.y + size.y + padY + 20 * s;
    const float guideW = std::min(view.width - 128 * s, 560 * s);
    if (touchButton(view, "guide", guide, {(view.width - guideW) / 2, guideY, guideW, guideH}, false))
        intent.openGuide = true;

    // The whole screen is the start button: any touch anywhere begins a visit.
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("start", ImVec2(view.width, view.height))) intent.start = true;
    if (view.hits) view.hits->add("start", {0, 0, view.width, view.height});

    // Both languages at once: the visitor has not chosen one yet.
    std::string brand;  // the brand in every language the market offers, in its order
    for (const auto& l : c.market.languages) brand += (brand.empty() ? "" : "  ") + c.brand.name.get(l);
    drawTextIn(draw, view.fonts.large, {64 * s, 56 * s, view.width - 128 * s, 0}, pal.accent, brand, view.audit, "attract.brand");
    std::string slogan;
    for (const auto& lang : c.market.languages) slogan += (slogan.empty() ? "" : "  ·  ") + c.brand.slogan.get(lang);
    drawTextIn(draw, view.fonts.body, {64 * s, 130 * s, view.width - 128 * s, 0}, pal.textMuted, slogan, view.audit,
               "attract.slogan");

    if (!rendererDrawsCar && !c.models.empty()) {
        // Without the 3D car, the models take turns as the hero, a few seconds each.
        const size_t index = static_cast<size_t>(view.timeSeconds / 6.0) % c.models.size();
        const core::Model& hero = c.models[index];
        drawCarSilhouette(draw, heroArea(view.width, view.height), hero, showcasePaint(c, hero, pal), pal);
    }

    const float pulse = 0.75f + 0.25f * static_cast<float>(std::sin(view.timeSeconds * 2.4));
    if (view.audit) view.audit->record("attract.start", cta, textWidth(view.fonts.title, cta), view.width - 240 * s);
    draw->AddRectFilled(ImVec2(pos.x - padX, pos.y - padY), ImVec2(pos.x + size.x + padX, pos.y + size.y + padY),
                        packColor(0.059f, 0.463f, 0.431f, pulse), 60 * s);
    draw->AddText(view.fonts.title, view.fonts.title->FontSize, pos, pal.accentText, cta.c_str());
    return intent;
}

}  // namespace ui
