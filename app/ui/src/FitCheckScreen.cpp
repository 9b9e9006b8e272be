#include "ui/FitCheckScreen.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "ui/FormWidgets.h"
#include "ui/Scroll.h"
#include "ui/TopBar.h"

namespace ui {
namespace {

// A choice button with its label wrapped inside; its target is recorded as far as `shown` lets it show.
bool choice(const ScreenView& view, const std::string& id, const std::string& label, const Rect& r, bool on,
            const Rect* shown = nullptr) {
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
    if (view.hits) {
        Rect t = r;
        if (shown) {
            t.y = std::max(r.y, shown->y);
            t.h = std::min(r.y + r.h, shown->y + shown->h) - t.y;
        }
        if (t.h > 0.5f) view.hits->add(id, t);
    }
    return tapped;
}

std::string fmt(const char* pattern, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, pattern, v);
    return buf;
}

// One question: its title and its choices, laid out for a column's width before anything is drawn.
struct Question {
    std::string titleId, title;
    std::vector<std::pair<std::string, std::string>> options;  // target id, label
    std::string current;                                       // the chosen option's target id
    std::vector<std::string> titleLines;
    int cols = 1;
    float buttonH = 0, height = 0;
};

// Choices share a row where every label fits its button in three lines at most; otherwise they
// take fewer columns (down to one each). Buttons are as tall as their longest label needs.
void layOut(const ScreenView& view, Question& q, float colW) {
    const float s = view.scale, spacing = metricsFor(s).spacing, lh = view.fonts.small->FontSize * 1.15f;
    q.titleLines = wrapText(view.fonts.body, q.title, colW);
    const int n = static_cast<int>(q.options.size());
    size_t lines = 1;
    for (q.cols = std::max(n, 1); q.cols >= 1; --q.cols) {
        const float bw = (colW - static_cast<float>(q.cols - 1) * spacing) / static_cast<float>(q.cols);
        lines = 1;
        for (const auto& o : q.options) lines = std::max(lines, wrapText(view.fonts.small, o.second, bw - 16 * s).size());
        if (lines <= 3) break;
    }
    q.cols = std::max(q.cols, 1);
    q.buttonH = std::max(92 * s, static_cast<float>(lines) * lh + 20 * s);
    const int rows = (n + q.cols - 1) / q.cols;
    q.height = static_cast<float>(q.titleLines.size()) * view.fonts.body->FontSize * 1.2f + view.fonts.body->FontSize * 0.2f +
               static_cast<float>(rows) * (q.buttonH + spacing) - spacing + 24 * s;
}

// The questions: where the car parks, the property's consent (where it is needed), the building's
// supply, the wallbox and the cable run.
std::vector<Question> questions(const ScreenView& view, const FitCheckView& fv) {
    const auto& c = view.catalog;
    const std::string& lang = view.language;
    const auto& a = fv.answers;
    std::vector<Question> qs;
    auto add = [&](const std::string& key, const std::string& prefix, const std::vector<std::pair<std::string, std::string>>& options,
                   const std::string& current) {
        Question q{"fit." + key, c.ui(key, lang), {}, prefix + current, {}, 1, 0, 0};
        for (const auto& [id, label] : options) q.options.emplace_back(prefix + id, label);
        qs.push_back(std::move(q));
    };
    std::vector<std::pair<std::string, std::string>> parking, supplies, boxes;
    for (const auto& p : fv.content.parking) parking.emplace_back(p.id, p.name.get(lang));
    for (const auto& p : fv.content.supplies) supplies.emplace_back(p.id, p.name.get(lang));
    for (const auto& w : fv.content.wallboxes) boxes.emplace_back(w.id, w.name.get(lang));
    add("fit.parking", "parking:", parking, a.parking);
    const auto situation = std::find_if(fv.content.parking.begin(), fv.content.parking.end(),
                                        [&](const core::charging::ParkingSituation& p) { return p.id == a.parking; });
    if (situation != fv.content.parking.end() && situation->propertyConsent)
        add("fit.consent", "consent:",
            {{"yes", c.ui("fit.yes", lang)}, {"no", c.ui("fit.no", lang)}, {"not_asked", c.ui("fit.not_asked", lang)}},
            core::charging::toString(a.propertyConsent));
    add("fit.supply", "supply:", supplies, a.supply);
    add("fit.wallbox", "wallbox:", boxes, a.wallbox);
    std::vector<std::pair<std::string, std::string>> metres;
    for (int m : {5, 15, 40, 120}) metres.emplace_back(std::to_string(m), std::to_string(m) + " m");
    add("fit.distance", "distance:", metres, std::to_string(a.distanceFromMeterM));
    qs.back().title = fillTemplate(c.ui("fit.distance", lang), "m", std::to_string(a.distanceFromMeterM));
    return qs;
}

// An answer picked: the answers change (the App recomputes the verdict).
void pick(const FitCheckView& fv, const std::string& target, bool& changed) {
    auto& a = fv.answers;
    const size_t colon = target.find(':');
    const std::string kind = target.substr(0, colon), value = target.substr(colon + 1);
    if (kind == "parking") a.parking = value;
    else if (kind == "consent") a.propertyConsent = *core::charging::propertyConsentFromString(value);
    else if (kind == "supply") a.supply = value;
    else if (kind == "wallbox") a.wallbox = value;
    else if (kind == "distance") a.distanceFromMeterM = std::stoi(value);
    changed = true;
}

// The questions in `column`, measured first; where they are taller than it, they scroll (whole
// rows of choices at rest, a sliver of a row would be a target too small to touch).
void drawQuestions(const ScreenView& view, const FitCheckView& fv, const Rect& column, bool& changed) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    std::vector<Question> qs = questions(view, fv);
    float contentH = 0;
    for (auto& q : qs) layOut(view, q, column.w), contentH += q.height;
    const bool scrolls = contentH > column.h + 0.5f;
    const float gutter = scrolls ? 20 * s : 0, w = column.w - gutter;
    std::vector<float> rowEnds;  // where each title and each row of choices ends, from the column's top
    if (scrolls) {
        contentH = 0;
        for (auto& q : qs) {
            layOut(view, q, w);
            float y = contentH + static_cast<float>(q.titleLines.size()) * view.fonts.body->FontSize * 1.2f + view.fonts.body->FontSize * 0.2f;
            for (size_t i = 0; i < q.options.size(); i += static_cast<size_t>(q.cols)) rowEnds.push_back(y += q.buttonH + (i ? sizes.spacing : 0));
            contentH += q.height;
        }
    }
    float shownH = column.h;
    if (scrolls) {
        shownH = 0;
        for (float end : rowEnds)
            if (end <= column.h) shownH = end;
        if (shownH <= 0) shownH = column.h;
    }
    const Rect viewport{column.x, column.y, column.w, shownH};
    ScrollState fallback;
    std::optional<ScrollArea> list;
    if (scrolls) list.emplace(view, fv.questionsScroll ? *fv.questionsScroll : fallback, viewport, contentH);
    const float offset = list ? list->offset() : 0;
    // Whether a line or a row, from `top` on screen, shows (half a pixel of rounding at an edge does not).
    auto shows = [&](float top, float h) { return !list || (top + h > viewport.y + 0.5f && top < viewport.y + viewport.h - 0.5f); };
    float y = column.y - offset;
    for (const auto& q : qs) {
        const float lineH = view.fonts.body->FontSize * 1.2f;
        for (size_t k = 0; k < q.titleLines.size(); ++k, y += lineH)
            if (shows(y, lineH))
                text(view.fonts.body, {column.x, y, w, 0}, pal.text, q.titleLines[k], q.titleId + "#" + std::to_string(k));
        y += view.fonts.body->FontSize * 0.2f;
        const float bw = (w - static_cast<float>(q.cols - 1) * sizes.spacing) / static_cast<float>(q.cols);
        for (size_t i = 0; i < q.options.size(); ++i) {
            const Rect r{column.x + static_cast<float>(i % static_cast<size_t>(q.cols)) * (bw + sizes.spacing),
                         y + static_cast<float>(i / static_cast<size_t>(q.cols)) * (q.buttonH + sizes.spacing), bw, q.buttonH};
            if (!shows(r.y, r.h)) continue;
            if (choice(view, q.options[i].first, q.options[i].second, r, q.options[i].first == q.current, list ? &viewport : nullptr) &&
                (!list || list->tapsAllowed()))
                pick(fv, q.options[i].first, changed);
        }
        y += q.height - static_cast<float>(q.titleLines.size()) * lineH - view.fonts.body->FontSize * 0.2f;
    }
}

// One line of the answer, wrapped to the card's width before anything is drawn.
struct AnswerLine {
    ImFont* font;
    std::uint32_t colour;
    std::string text, id;
    float height;
};

// The answer's words above the survey button: the verdict, charging times, notes and steps, each
// paragraph wrapped to `w`.
std::vector<AnswerLine> answerLines(const ScreenView& view, const FitCheckView& fv, float w) {
    const auto& c = view.catalog;
    const std::string& lang = view.language;
    const auto& pal = view.palette;
    const float s = view.scale, spacing = metricsFor(s).spacing;
    const auto& ans = *fv.answer;
    std::vector<AnswerLine> out;
    auto para = [&](ImFont* font, std::uint32_t colour, const std::string& words, const std::string& id, float after = 0) {
        const auto lines = wrapText(font, words, w);
        for (size_t k = 0; k < lines.size(); ++k)
            out.push_back({font, colour, lines[k], id + "#" + std::to_string(k), font->FontSize * 1.2f});
        if (!out.empty()) out.back().height += after;
    };
    const core::NumberFormat nf = core::numberFormat(c.market.currency, lang);
    const bool possible = ans.verdict != core::charging::Verdict::NotPossible;
    const char* verdictKey = ans.verdict == core::charging::Verdict::Possible      ? "fit.possible"
                             : ans.verdict == core::charging::Verdict::Conditional ? "fit.conditional"
                                                                                   : "fit.not_possible";
    para(view.fonts.large, possible ? pal.accent : pal.text, c.ui(verdictKey, lang), "fit.verdict", view.fonts.large->FontSize * 0.3f);
    if (possible) {
        para(view.fonts.body, pal.text,
             fillTemplate(fillTemplate(c.ui("fit.charge_time", lang), "kw", core::formatNumber(ans.carAcKw, 1, nf)), "h",
                          core::formatNumber(ans.hours0To100, 1, nf)),
             "fit.time");
        para(view.fonts.body, pal.text, fillTemplate(c.ui("fit.daily", lang), "h", core::formatNumber(ans.hoursForDailyKm, 1, nf)),
             "fit.daily", 8 * s);
    }
    for (size_t i = 0; i < ans.notes.size() && i < 3; ++i)
        para(view.fonts.small, ans.notes[i].blocking ? 0xFF2020C0 : pal.textMuted, "· " + ans.notes[i].text.get(lang),
             "fit.note" + std::to_string(i));
    if (!out.empty()) out.back().height += spacing;
    if (possible) {
        para(view.fonts.body, pal.text, c.ui("fit.steps", lang), "fit.steps", view.fonts.body->FontSize * 0.1f);
        for (size_t i = 0; i < ans.steps.size(); ++i)
            para(view.fonts.small, pal.textMuted, std::to_string(i + 1) + ". " + ans.steps[i].text.get(lang),
                 "fit.step" + std::to_string(i));
    }
    return out;
}

// The answer in its card: its words (scrolling where they are taller than the card leaves them,
// whole lines at rest), the site survey to book wherever an installation is possible, and always
// the public-charging picture at the foot, each measured before it is drawn.
void drawAnswer(const ScreenView& view, const FitCheckView& fv, const Rect& card, Intent& intent) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    draw->AddRectFilled(ImVec2(card.x, card.y), ImVec2(card.x + card.w, card.y + card.h), pal.card, 24 * s);
    const float pad = 28 * s;
    const float x = card.x + pad, w = card.w - 2 * pad;
    if (!fv.answer) {
        drawTextWrapped(draw, view.fonts.body, {x, card.y + pad, w, 0}, pal.textMuted,
                        fv.error.empty() ? c.ui("fit.answer_prompt", lang) : fv.error, audit, "fit.prompt");
        return;
    }
    const auto& ans = *fv.answer;
    const bool possible = ans.verdict != core::charging::Verdict::NotPossible;
    // Public charging, always, at the foot: it is the whole answer when home is not possible.
    const auto& pub = ans.publicCharging;
    const std::string public1 = fillTemplate(fillTemplate(fillTemplate(c.ui("fit.public", lang), "n", std::to_string(pub.dcStationCount)),
                                                          "kw", fmt("%.0f", pub.typicalDcKw)),
                                             "min", fmt("%.0f", pub.dc10To80Min));
    const std::string public2 = fillTemplate(c.ui("fit.public_cost", lang), "cost", core::formatMoney(pub.costPerWeekMinor, c.market.currency, lang));
    const float smallH = view.fonts.small->FontSize * 1.2f;
    const float publicH = static_cast<float>(wrapText(view.fonts.small, public1, w).size() + wrapText(view.fonts.small, public2, w).size()) * smallH;
    const float publicY = card.y + card.h - pad - publicH;
    // A site survey is the next step wherever an installation is possible.
    const Rect book{x, publicY - sizes.gap - 110 * s, w, 110 * s};
    const Rect words{x, card.y + pad, w, (possible ? book.y : publicY) - sizes.gap - card.y - pad};
    std::vector<AnswerLine> lines = answerLines(view, fv, words.w);
    float contentH = 0;
    for (const auto& l : lines) contentH += l.height;
    const bool scrolls = contentH > words.h + 0.5f;
    float shownH = words.h;
    if (scrolls) {
        lines = answerLines(view, fv, words.w - 20 * s);  // beside the position bar
        contentH = 0, shownH = 0;
        for (const auto& l : lines)
            if ((contentH += l.height) <= words.h) shownH = contentH;
    }
    {
        ScrollState fallback;
        std::optional<ScrollArea> list;
        if (scrolls) list.emplace(view, fv.answerScroll ? *fv.answerScroll : fallback, Rect{words.x, words.y, words.w, shownH}, contentH);
        float y = words.y - (list ? list->offset() : 0);
        for (const auto& l : lines) {
            if (!list || (y + l.font->FontSize * 1.2f > words.y + 0.5f && y < words.y + shownH - 0.5f))
                text(l.font, {x, y, scrolls ? words.w - 20 * s : words.w, 0}, l.colour, l.text, l.id);
            y += l.height;
        }
    }
    if (possible) {
        ImGui::SetCursorScreenPos(ImVec2(book.x, book.y));
        if (ImGui::InvisibleButton("survey", ImVec2(book.w, book.h))) intent.openSurvey = true;
        draw->AddRectFilled(ImVec2(book.x, book.y), ImVec2(book.x + book.w, book.y + book.h),
                            ImGui::IsItemActive() ? pal.cardPressed : pal.accent, 20 * s);
        text(view.fonts.large, book, pal.accentText, c.ui("survey.open", lang), "fit.survey", Align::Center);
        if (view.hits) view.hits->add("survey", book);
    }
    const float used = drawTextWrapped(draw, view.fonts.small, {x, publicY, w, 0}, pal.text, public1, audit, "fit.public");
    drawTextWrapped(draw, view.fonts.small, {x, publicY + used, w, 0}, pal.text, public2, audit, "fit.public_cost");
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
    drawQuestions(view, fv, {sizes.margin, top, colW, view.height - top - sizes.margin * 0.5f}, changed);
    drawAnswer(view, fv, {sizes.margin + colW + sizes.gapWide, top, colW, view.height - top - sizes.margin * 0.5f}, intent);
    return intent;
}

}  // namespace ui
