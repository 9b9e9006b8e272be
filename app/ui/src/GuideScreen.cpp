#include "ui/GuideScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace ui {
namespace {

using core::recommend::Answers;
using core::recommend::Priority;

// One row of choice buttons under its question; returns the index tapped.
struct ChoiceRow {
    const ScreenView& view;
    float x, w;
    float& y;

    std::optional<size_t> draw(const std::string& question, const std::string& idPrefix,
                               const std::vector<std::string>& labels, std::optional<size_t> current,
                               int perLine = 5) const {
        const float s = view.scale;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        y += drawTextWrapped(dl, view.fonts.body, {x, y, w, 0}, view.palette.text, question, view.audit, "guide.q." + idPrefix);
        y += 12 * s;
        std::optional<size_t> tapped;
        const size_t n = labels.size();
        const size_t cols = std::min(n, static_cast<size_t>(perLine));
        const float gap = 16 * s, bw = (w - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols), bh = 104 * s;
        for (size_t i = 0; i < n; ++i) {
            const Rect r{x + static_cast<float>(i % cols) * (bw + gap), y + static_cast<float>(i / cols) * (bh + gap), bw, bh};
            if (touchButton(view, idPrefix + ":" + std::to_string(i), labels[i], r, current == i)) tapped = i;
        }
        y += static_cast<float>((n + cols - 1) / cols) * (bh + gap) + 28 * s;
        return tapped;
    }
};

template <class T>
std::optional<size_t> indexOf(const std::vector<T>& values, const std::optional<T>& v) {
    if (!v) return std::nullopt;
    for (size_t i = 0; i < values.size(); ++i)
        if (std::abs(static_cast<double>(values[i]) - static_cast<double>(*v)) < 1e-9) return i;
    return std::nullopt;
}

std::string pick(const core::Catalog& c, const std::string& key, const std::string& lang, const std::string& name,
                 const std::string& value) {
    return fillTemplate(c.ui(key, lang), name, value);
}

}  // namespace

Intent GuideScreen::draw(const ScreenView& view, const GuideView& g, GuideAction& action) const {
    Intent intent;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& pal = view.palette;
    const auto& k = g.content;
    Answers& a = g.answers;
    const float s = view.scale, margin = 64 * s;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float barY = view.access.lowReach ? reachTop(view.height, true) : margin * 0.5f;
    if (touchButton(view, "back", "‹ " + c.ui("booking.back", lang), {margin, barY, 260 * s, 96 * s}, false)) {
        if (g.step == 0) intent.back = true;
        else action.goToStep = g.step - 1;
    }
    const float titleX = margin + 290 * s, titleEnd = view.width - margin - 180 * s - 44 * s;
    drawTextIn(dl, view.fonts.large, {titleX, barY, titleEnd - titleX, 96 * s}, pal.text, c.ui("guide.title", lang), view.audit,
               "guide.title");
    drawTopBar(view, {view.width - margin - 180 * s, barY, 180 * s, 96 * s}, intent);

    const float top = barY + 96 * s + 40 * s;
    const float colW = std::min(view.width - 2 * margin, 1400 * s), x = (view.width - colW) / 2;
    if (g.step >= kGuideQuestions) {
        drawResults(view, g, action, {x, top, colW, view.height - top - margin * 0.5f});
        return intent;
    }
    float y = top;
    drawTextIn(dl, view.fonts.body, {x, y, colW, 0}, pal.textMuted,
               fillTemplate(fillTemplate(c.ui("guide.step", lang), "n", std::to_string(g.step + 1)), "total",
                            std::to_string(kGuideQuestions)),
               view.audit, "guide.step");
    y += view.fonts.body->FontSize * 1.8f;
    const ChoiceRow row{view, x, colW, y};
    auto km = [&](double v) { return pick(c, "guide.km", lang, "n", std::to_string(static_cast<long long>(std::llround(v)))); };
    auto labels = [&](const auto& values, auto f) {
        std::vector<std::string> out;
        for (const auto& v : values) out.push_back(f(v));
        return out;
    };
    auto set = [&](auto& field, const auto& values, std::optional<size_t> i) {
        if (!i) return;
        field = values[*i];
        action.changed = true;
    };
    switch (g.step) {
        case 0:
            set(a.dailyKm, k.choices.dailyKm, row.draw(c.ui("guide.q.daily", lang), "daily", labels(k.choices.dailyKm, km), indexOf(k.choices.dailyKm, a.dailyKm)));
            set(a.highwayShare, k.choices.highwayShare,
                row.draw(c.ui("guide.q.highway", lang), "highway",
                         labels(k.choices.highwayShare, [&](double v) { return pick(c, "guide.percent", lang, "n", std::to_string(std::lround(v * 100))); }),
                         indexOf(k.choices.highwayShare, a.highwayShare)));
            break;
        case 1:
            set(a.longestKm, k.choices.longestKm, row.draw(c.ui("guide.q.longest", lang), "longest", labels(k.choices.longestKm, km), indexOf(k.choices.longestKm, a.longestKm)));
            break;
        case 2: {
            set(a.seats, k.choices.seats,
                row.draw(c.ui("guide.q.seats", lang), "seats",
                         labels(k.choices.seats, [&](int v) { return pick(c, "guide.people", lang, "n", std::to_string(v)); }),
                         indexOf(k.choices.seats, a.seats)));
            set(a.childSeats, k.choices.childSeats,
                row.draw(c.ui("guide.q.child", lang), "child", labels(k.choices.childSeats, [](int v) { return std::to_string(v); }),
                         indexOf(k.choices.childSeats, a.childSeats)));
            std::vector<std::string> names;
            std::optional<size_t> cur;
            for (size_t i = 0; i < k.luggage.size(); ++i) {
                names.push_back(k.luggage[i].name.get(lang));
                if (k.luggage[i].id == a.luggage) cur = i;
            }
            if (auto i = row.draw(c.ui("guide.q.luggage", lang), "luggage", names, cur)) a.luggage = k.luggage[*i].id, action.changed = true;
            break;
        }
        case 3: {
            const std::vector<bool> values = {true, false};
            std::optional<size_t> cur;
            for (size_t i = 0; i < values.size(); ++i)
                if (a.homeCharging == values[i]) cur = i;
            if (auto i = row.draw(c.ui("guide.q.home", lang), "home", {c.ui("guide.yes", lang), c.ui("guide.no", lang)}, cur))
                a.homeCharging = values[*i], action.changed = true;
            break;
        }
        case 4: {
            std::vector<std::string> names;
            std::optional<size_t> cur;
            for (size_t i = 0; i < k.climates.size(); ++i) {
                names.push_back(k.climates[i].name.get(lang));
                if (k.climates[i].id == a.climate) cur = i;
            }
            if (auto i = row.draw(c.ui("guide.q.climate", lang), "climate", names, cur, 2)) a.climate = k.climates[*i].id, action.changed = true;
            break;
        }
        case 5: {
            auto money = [&](std::int64_t v) { return core::formatMoney(v, c.market.currency, lang); };
            if (auto i = row.draw(c.ui("guide.q.monthly", lang), "monthly",
                                  labels(k.choices.budgetMonthlyMinor, [&](std::int64_t v) { return pick(c, "guide.per_month", lang, "money", money(v)); }),
                                  indexOf(k.choices.budgetMonthlyMinor, a.budgetMonthlyMinor))) {
                a.budgetMonthlyMinor = k.choices.budgetMonthlyMinor[*i], a.maxPriceMinor.reset(), action.changed = true;
            }
            if (auto i = row.draw(c.ui("guide.q.max_price", lang), "ceiling", labels(k.choices.maxPriceMinor, money),
                                  indexOf(k.choices.maxPriceMinor, a.maxPriceMinor))) {
                a.maxPriceMinor = k.choices.maxPriceMinor[*i], a.budgetMonthlyMinor.reset(), action.changed = true;
            }
            break;
        }
        default: {
            std::vector<std::string> names;
            std::optional<size_t> cur;
            for (size_t i = 0; i < k.priorities.size(); ++i) {
                names.push_back(k.priorities[i].second.get(lang));
                if (k.priorities[i].first == core::recommend::priorityName(a.priority)) cur = i;
            }
            if (auto i = row.draw(c.ui("guide.q.priority", lang), "priority", names, cur, 3)) {
                a.priority = core::recommend::priorityFromName(k.priorities[*i].first).value_or(Priority::None);
                action.changed = true;
            }
            break;
        }
    }
    // Skip (forget this step's answers) and next, at the bottom within reach.
    const float bw = 360 * s, bh = 112 * s, by = view.height - margin - bh;
    if (touchButton(view, "skip", c.ui("guide.skip", lang), {x, by, bw, bh}, false)) {
        clearStep(a, g.step);
        action.changed = true;
        action.goToStep = g.step + 1;
    }
    const std::string nextLabel = g.step + 1 == kGuideQuestions ? c.ui("guide.show", lang) : c.ui("guide.next", lang);
    if (touchButton(view, "next", nextLabel, {x + colW - bw, by, bw, bh}, true)) action.goToStep = g.step + 1;
    return intent;
}

void GuideScreen::clearStep(Answers& a, int step) {
    switch (step) {
        case 0: a.dailyKm.reset(), a.highwayShare.reset(); break;
        case 1: a.longestKm.reset(); break;
        case 2: a.seats.reset(), a.childSeats.reset(), a.luggage.clear(); break;
        case 3: a.homeCharging.reset(); break;
        case 4: a.climate.clear(); break;
        case 5: a.budgetMonthlyMinor.reset(), a.maxPriceMinor.reset(); break;
        default: a.priority = Priority::None; break;
    }
}

void GuideScreen::drawResults(const ScreenView& view, const GuideView& g, GuideAction& action, const Rect& area) const {
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& pal = view.palette;
    const float s = view.scale;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bh = 104 * s;
    const Rect change{area.x, area.y + area.h - bh, 420 * s, bh};
    if (touchButton(view, "change", c.ui("guide.change", lang), change, false)) action.goToStep = 0;
    const float bottom = change.y - 24 * s;
    if (!g.result || g.result->recommendations.empty()) {
        float y = area.y;
        drawTextIn(dl, view.fonts.large, {area.x, y, area.w, 0}, pal.text, c.ui("guide.none", lang), view.audit, "guide.none");
        y += view.fonts.large->FontSize * 1.6f;
        if (g.result)
            for (size_t i = 0; i < g.result->blockers.size() && y < bottom; ++i)
                y += drawTextWrapped(dl, view.fonts.body, {area.x, y, area.w, 0}, pal.text, "· " + g.result->blockers[i].text.get(lang),
                                     view.audit, "guide.blocker" + std::to_string(i)) + 12 * s;
        return;
    }
    const auto& recs = g.result->recommendations;
    const bool portrait = view.height > view.width;
    const size_t n = recs.size();
    const float gap = 24 * s;
    const float cw = portrait ? area.w : (area.w - static_cast<float>(n - 1) * gap) / static_cast<float>(n);
    const float ch = portrait ? (bottom - area.y - static_cast<float>(n - 1) * gap) / static_cast<float>(n) : bottom - area.y;
    for (size_t i = 0; i < n; ++i) {
        const auto& r = recs[i];
        const Rect card{portrait ? area.x : area.x + static_cast<float>(i) * (cw + gap), portrait ? area.y + static_cast<float>(i) * (ch + gap) : area.y, cw, ch};
        dl->AddRectFilled(ImVec2(card.x, card.y), ImVec2(card.x + card.w, card.y + card.h), pal.card, 24 * s);
        dl->AddRect(ImVec2(card.x, card.y), ImVec2(card.x + card.w, card.y + card.h), i == 0 ? pal.accent : pal.cardBorder, 24 * s, 0, 3 * s);
        const float pad = 24 * s, x = card.x + pad, w = card.w - 2 * pad;
        const std::string id = "guide.rec" + std::to_string(i);
        const core::Model* model = c.findModel(r.config.model);
        const core::Trim* trim = model ? model->findTrim(r.config.trim) : nullptr;
        float y = card.y + pad;
        y += drawTextWrapped(dl, view.fonts.large, {x, y, w, 0}, pal.text,
                             (model ? model->name.get(lang) : r.config.model) + " " + (trim ? trim->name.get(lang) : r.config.trim),
                             view.audit, id + ".name");
        const std::string money = core::formatMoney(r.totalMinor, c.market.currency, lang);
        y += drawTextWrapped(dl, view.fonts.body, {x, y, w, 0}, pal.accent, fillTemplate(c.ui("guide.total", lang), "money", money),
                             view.audit, id + ".total");
        if (r.finance.monthlyMinor >= 0)
            y += drawTextWrapped(dl, view.fonts.body, {x, y, w, 0}, pal.text,
                                 fillTemplate(c.ui("guide.monthly", lang), "money", core::formatMoney(r.finance.monthlyMinor, c.market.currency, lang)),
                                 view.audit, id + ".monthly");
        y += drawTextWrapped(dl, view.fonts.body, {x, y, w, 0}, pal.text,
                             fillTemplate(c.ui("guide.winter", lang), "km", std::to_string(std::lround(r.winterKm))), view.audit, id + ".winter");
        y += 12 * s;
        const Rect open{x, card.y + card.h - pad - bh, w, bh};
        for (size_t k = 0; k < r.reasons.size() && y + view.fonts.small->FontSize * 2.4f < open.y; ++k)
            y += drawTextWrapped(dl, view.fonts.small, {x, y, w, 0}, pal.text, "· " + r.reasons[k].second.get(lang), view.audit,
                                 id + ".reason" + std::to_string(k)) + 6 * s;
        for (size_t k = 0; k < r.givesUp.size() && y + view.fonts.small->FontSize * 2.4f < open.y; ++k)
            y += drawTextWrapped(dl, view.fonts.small, {x, y, w, 0}, pal.textMuted, "– " + r.givesUp[k].second.get(lang), view.audit,
                                 id + ".gives_up" + std::to_string(k)) + 6 * s;
        if (touchButton(view, "open:" + std::to_string(i), c.ui("guide.open_car", lang), open, i == 0)) action.open = i;
    }
}

}  // namespace ui
