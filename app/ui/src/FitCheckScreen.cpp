#include "ui/FitCheckScreen.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "ui/FormWidgets.h"
#include "ui/TopBar.h"

namespace ui {
namespace {

bool choice(const ScreenView& view, const std::string& id, const std::string& label, const Rect& r, bool on) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool tapped = ImGui::InvisibleButton("c", ImVec2(r.w, r.h));
    const bool down = ImGui::IsItemActive();
    ImGui::PopID();
    const auto& pal = view.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), down ? pal.cardPressed : on ? pal.accent : pal.card,
                        16 * view.scale);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), on ? pal.accent : pal.cardBorder, 16 * view.scale);
    const auto lines = wrapText(view.fonts.small, label, r.w - 16 * view.scale);
    const float lh = view.fonts.small->FontSize * 1.15f;
    float y = r.centerY() - lh * static_cast<float>(lines.size()) * 0.5f;
    for (size_t k = 0; k < lines.size(); ++k, y += lh)
        drawTextIn(draw, view.fonts.small, {r.x + 8 * view.scale, y, r.w - 16 * view.scale, 0},
                   on && !down ? pal.accentText : pal.text, lines[k], view.audit, "fit." + id + "#" + std::to_string(k),
                   Align::Center);
    if (view.hits) view.hits->add(id, r);
    return tapped;
}

std::string fmt(const char* pattern, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, pattern, v);
    return buf;
}

// The questions, in a column from `top`: where the car parks, the property's consent (where it
// is needed), the building's supply, the wallbox and the cable run.
void drawQuestions(const ScreenView& view, const FitCheckView& fv, float top, float colW, bool& changed) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    auto& a = fv.answers;
    const float x = sizes.margin;
    float y = top;
    auto row = [&](const std::string& titleKey, const std::vector<std::pair<std::string, std::string>>& options,
                   const std::string& current, const std::string& prefix) -> std::optional<std::string> {
        text(view.fonts.body, {x, y, colW, 0}, pal.text, c.ui(titleKey, lang), "fit." + titleKey);
        y += view.fonts.body->FontSize * 1.4f;
        std::optional<std::string> picked;
        const float bw = (colW - static_cast<float>(options.size() - 1) * 12 * s) / static_cast<float>(options.size());
        for (size_t i = 0; i < options.size(); ++i)
            if (choice(view, prefix + options[i].first, options[i].second,
                       {x + static_cast<float>(i) * (bw + sizes.spacing), y, bw, 92 * s}, options[i].first == current))
                picked = options[i].first;
        y += 92 * s + 24 * s;
        return picked;
    };
    std::vector<std::pair<std::string, std::string>> parking, supplies, boxes;
    for (const auto& p : fv.content.parking) parking.emplace_back(p.id, p.name.get(lang));
    for (const auto& p : fv.content.supplies) supplies.emplace_back(p.id, p.name.get(lang));
    for (const auto& w : fv.content.wallboxes) boxes.emplace_back(w.id, w.name.get(lang));
    if (auto v = row("fit.parking", parking, a.parking, "parking:")) a.parking = *v, changed = true;
    const auto* situation = [&]() -> const core::charging::ParkingSituation* {
        for (const auto& p : fv.content.parking)
            if (p.id == a.parking) return &p;
        return nullptr;
    }();
    if (situation && situation->propertyConsent) {
        const std::string cur = core::charging::toString(a.propertyConsent);
        if (auto v = row("fit.consent", {{"yes", c.ui("fit.yes", lang)}, {"no", c.ui("fit.no", lang)},
                                         {"not_asked", c.ui("fit.not_asked", lang)}},
                         cur, "consent:")) {
            a.propertyConsent = *core::charging::propertyConsentFromString(*v);
            changed = true;
        }
    }
    if (auto v = row("fit.supply", supplies, a.supply, "supply:")) a.supply = *v, changed = true;
    if (auto v = row("fit.wallbox", boxes, a.wallbox, "wallbox:")) a.wallbox = *v, changed = true;
    text(view.fonts.body, {x, y, colW, 0}, pal.text,
         fillTemplate(c.ui("fit.distance", lang), "m", std::to_string(a.distanceFromMeterM)), "fit.distance");
    y += view.fonts.body->FontSize * 1.4f;
    const float bw = (colW - 3 * 12 * s) / 4;
    for (int i = 0; i < 4; ++i) {
        const int metres = std::array<int, 4>{5, 15, 40, 120}[static_cast<size_t>(i)];
        if (choice(view, "distance:" + std::to_string(metres), std::to_string(metres) + " m",
                   {x + static_cast<float>(i) * (bw + sizes.spacing), y, bw, 92 * s}, a.distanceFromMeterM == metres)) {
            a.distanceFromMeterM = metres;
            changed = true;
        }
    }
}

// The answer in its card: the verdict, charging times, notes and steps, the site survey to book
// wherever an installation is possible, and always the public-charging picture.
void drawAnswer(const ScreenView& view, const FitCheckView& fv, const Rect& card, Intent& intent) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    draw->AddRectFilled(ImVec2(card.x, card.y), ImVec2(card.x + card.w, card.y + card.h), pal.card, 24 * s);
    const float pad = 28 * s;
    const float x = card.x + pad, w = card.w - 2 * pad;
    float y = card.y + pad;
    if (!fv.answer) {
        text(view.fonts.body, {x, y, w, 0}, pal.textMuted, fv.error.empty() ? c.ui("fit.answer_prompt", lang) : fv.error,
             "fit.prompt");
        return;
    }
    const auto& ans = *fv.answer;
    const core::NumberFormat nf = core::numberFormat(c.market.currency, lang);
    const bool possible = ans.verdict != core::charging::Verdict::NotPossible;
    const char* verdictKey = ans.verdict == core::charging::Verdict::Possible      ? "fit.possible"
                             : ans.verdict == core::charging::Verdict::Conditional ? "fit.conditional"
                                                                                   : "fit.not_possible";
    text(view.fonts.large, {x, y, w, 0}, possible ? pal.accent : pal.text, c.ui(verdictKey, lang), "fit.verdict");
    y += view.fonts.large->FontSize * 1.5f;
    if (possible) {
        y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text,
                             fillTemplate(fillTemplate(c.ui("fit.charge_time", lang), "kw", core::formatNumber(ans.carAcKw, 1, nf)),
                                          "h", core::formatNumber(ans.hours0To100, 1, nf)),
                             view.audit, "fit.time");
        y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text,
                             fillTemplate(c.ui("fit.daily", lang), "h", core::formatNumber(ans.hoursForDailyKm, 1, nf)), view.audit,
                             "fit.daily") + 8 * s;
    }
    for (size_t i = 0; i < ans.notes.size() && i < 3; ++i)
        y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, ans.notes[i].blocking ? 0xFF2020C0 : pal.textMuted,
                             "· " + ans.notes[i].text.get(lang), view.audit, "fit.note" + std::to_string(i));
    y += sizes.spacing;
    if (possible) {
        text(view.fonts.body, {x, y, w, 0}, pal.text, c.ui("fit.steps", lang), "fit.steps");
        y += view.fonts.body->FontSize * 1.3f;
        for (size_t i = 0; i < ans.steps.size() && y < card.y + card.h - 330 * s; ++i)
            y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, pal.textMuted,
                                 std::to_string(i + 1) + ". " + ans.steps[i].text.get(lang), view.audit,
                                 "fit.step" + std::to_string(i));
        // A site survey is the next step wherever an installation is possible.
        const Rect book{x, card.y + card.h - 170 * s - 126 * s, w, 110 * s};
        ImGui::SetCursorScreenPos(ImVec2(book.x, book.y));
        if (ImGui::InvisibleButton("survey", ImVec2(book.w, book.h))) intent.openSurvey = true;
        draw->AddRectFilled(ImVec2(book.x, book.y), ImVec2(book.x + book.w, book.y + book.h),
                            ImGui::IsItemActive() ? pal.cardPressed : pal.accent, 20 * s);
        text(view.fonts.large, book, pal.accentText, c.ui("survey.open", lang), "fit.survey", Align::Center);
        if (view.hits) view.hits->add("survey", book);
    }
    // Public charging, always: it is the whole answer when home is not possible.
    y = std::max(y + sizes.spacing, card.y + card.h - 170 * s);
    const auto& pub = ans.publicCharging;
    y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, pal.text,
                         fillTemplate(fillTemplate(fillTemplate(c.ui("fit.public", lang), "n", std::to_string(pub.dcStationCount)),
                                                   "kw", fmt("%.0f", pub.typicalDcKw)),
                                      "min", fmt("%.0f", pub.dc10To80Min)),
                         view.audit, "fit.public");
    drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, pal.text,
                    fillTemplate(c.ui("fit.public_cost", lang), "cost",
                                 core::formatMoney(pub.costPerWeekMinor, c.market.currency, lang)),
                    view.audit, "fit.public_cost");
}

}  // namespace

Intent FitCheckScreen::draw(const ScreenView& view, const FitCheckView& fv, bool& changed) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float barY = view.access.lowReach ? reachTop(view.height, true) : sizes.margin * 0.5f;
    if (choice(view, "back", "‹ " + c.ui("booking.back", lang), {sizes.margin, barY, sizes.backW, sizes.barH}, false)) intent.back = true;
    const float titleX = sizes.margin + 290 * s, titleEnd = view.width - sizes.margin - sizes.topBarW - sizes.barH - 44 * s;
    drawBarTitle(view, {titleX, barY, titleEnd - titleX, sizes.barH}, c.ui("fit.title", lang), "fit.title");
    drawTopBar(view, {view.width - sizes.margin - sizes.topBarW, barY, sizes.topBarW, sizes.barH}, intent);
    const float top = barY + sizes.barH + sizes.gapWide, colW = (view.width - 2 * sizes.margin - sizes.gapWide) / 2;
    drawQuestions(view, fv, top, colW, changed);
    drawAnswer(view, fv, {sizes.margin + colW + sizes.gapWide, top, colW, view.height - top - sizes.margin * 0.5f}, intent);
    return intent;
}

}  // namespace ui
