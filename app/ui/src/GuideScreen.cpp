#include "ui/GuideScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/recommend/GuideInsight.h"
#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace ui {
namespace {

using core::recommend::Answers;
using core::recommend::Priority;

// One answer button: its target name after the question's prefix, and its label.
struct Choice {
    std::string id, label;
};

// One question of a step: its words, its answer buttons, which one is the answer now, and what
// tapping one does.
struct Question {
    std::string key, prefix;
    std::vector<Choice> choices;
    std::optional<size_t> current;
    size_t perLine = 5;  // answers to a line at most
    std::function<void(size_t)> pick;
};

// Where a step's questions go: in one column, or side by side when one column would not leave
// room for them above the skip and next buttons (a landscape screen in low reach), with answer
// buttons as tall as the room allows.
class QuestionGrid {
public:
    QuestionGrid(const ScreenView& view, const std::vector<Question>& questions, const Rect& area)
        : m_view(view), m_pen(view), m_questions(questions) {
        const float s = m_pen.s;
        const size_t n = std::max<size_t>(1, questions.size());
        // The fewest columns, with the tallest buttons, whose tallest column fits the area.
        for (size_t cols = 1; cols <= n && !m_fits; ++cols)
            for (float bh : {104 * s, m_pen.sizes.rowH}) {
                m_cols = cols, m_buttonH = bh;
                m_colW = cols == 1 ? std::min(area.w, 1400 * s) : (area.w - static_cast<float>(cols - 1) * m_pen.sizes.gapWide) / static_cast<float>(cols);
                m_x = cols == 1 ? area.x + (area.w - m_colW) / 2 : area.x;
                if (tallestColumn() <= area.h) {
                    m_fits = true;
                    break;
                }
            }
        m_y = area.y;
    }

    // The left edge of the first column (the step number goes above it).
    float left() const { return m_x; }
    bool fits() const { return m_fits; }

    // Draws every question with its answers; calls each question's `pick` with the answer tapped.
    void draw() const {
        const size_t perCol = (m_questions.size() + m_cols - 1) / m_cols;
        for (size_t i = 0; i < m_questions.size(); ++i) {
            const size_t col = i / perCol;
            float y = m_y;
            for (size_t k = col * perCol; k < i; ++k) y += height(m_questions[k]);
            const float x = m_x + static_cast<float>(col) * (m_colW + m_pen.sizes.gapWide);
            if (auto tapped = ask(m_questions[i], x, y)) m_questions[i].pick(*tapped);
        }
    }

private:
    size_t columnsFor(const Question& q) const {
        const float s = m_pen.s;
        auto fits = [&](size_t cols) {
            const float w = buttonW(cols);
            return std::all_of(q.choices.begin(), q.choices.end(),
                               [&](const Choice& ch) { return textWidth(m_view.fonts.body, ch.label) <= w - 24 * s; });
        };
        size_t cols = std::max<size_t>(1, std::min(q.choices.size(), q.perLine));
        while (cols > 1 && !fits(cols)) --cols;
        return cols;
    }
    float buttonW(size_t cols) const {
        return (m_colW - static_cast<float>(cols - 1) * m_pen.sizes.spacing) / static_cast<float>(cols);
    }
    float buttonH(const Question& q) const { return q.perLine == 1 ? std::min(m_buttonH, m_pen.sizes.rowH) : m_buttonH; }
    float titleH(const Question& q) const {
        const ImFont* font = m_view.fonts.body;
        return static_cast<float>(wrapText(m_view.fonts.body, m_pen.c.ui(q.key, m_pen.lang), m_colW).size()) * font->FontSize * 1.2f;
    }
    float height(const Question& q) const {
        const size_t cols = columnsFor(q), rows = (q.choices.size() + cols - 1) / cols;
        return titleH(q) + m_pen.sizes.spacing + static_cast<float>(rows) * (buttonH(q) + m_pen.sizes.spacing) + m_pen.sizes.gap;
    }
    float tallestColumn() const {
        const size_t perCol = (m_questions.size() + m_cols - 1) / m_cols;
        float tallest = 0, h = 0;
        for (size_t i = 0; i < m_questions.size(); ++i) {
            if (i % perCol == 0) h = 0;
            h += height(m_questions[i]);
            tallest = std::max(tallest, h);
        }
        return tallest;
    }
    std::optional<size_t> ask(const Question& q, float x, float y) const {
        y += drawTextWrapped(m_pen.draw, m_view.fonts.body, {x, y, m_colW, 0}, m_pen.pal.text, m_pen.c.ui(q.key, m_pen.lang),
                             m_view.audit, q.key) + m_pen.sizes.spacing;
        std::optional<size_t> tapped;
        const size_t cols = columnsFor(q);
        const float gap = m_pen.sizes.spacing, bw = buttonW(cols), bh = buttonH(q);
        for (size_t i = 0; i < q.choices.size(); ++i) {
            const Rect r{x + static_cast<float>(i % cols) * (bw + gap), y + static_cast<float>(i / cols) * (bh + gap), bw, bh};
            if (touchButton(m_view, q.prefix + ":" + q.choices[i].id, q.choices[i].label, r, q.current == i)) tapped = i;
        }
        return tapped;
    }

    const ScreenView& m_view;
    Pen m_pen;
    const std::vector<Question>& m_questions;
    size_t m_cols = 1;
    float m_buttonH = 0, m_colW = 0, m_x = 0, m_y = 0;
    bool m_fits = false;
};

// The answer buttons for a list of values, and which one is the current answer.
template <class T, class Label>
std::vector<Choice> choicesOf(const std::vector<T>& values, Label label) {
    std::vector<Choice> out;
    for (const T& v : values) out.push_back({core::recommend::choiceId(static_cast<double>(v)), label(v)});
    return out;
}

template <class T>
std::optional<size_t> indexOf(const std::vector<T>& values, const std::optional<T>& v) {
    if (!v) return std::nullopt;
    for (size_t i = 0; i < values.size(); ++i)
        if (std::abs(static_cast<double>(values[i]) - static_cast<double>(*v)) < 1e-9) return i;
    return std::nullopt;
}

template <class Items, class Id, class Name>
std::vector<Choice> namedChoices(const Items& items, Id id, Name name) {
    std::vector<Choice> out;
    for (const auto& item : items) out.push_back({id(item), name(item)});
    return out;
}

template <class Items, class Id>
std::optional<size_t> indexOfId(const Items& items, Id id, const std::string& current) {
    for (size_t i = 0; i < items.size(); ++i)
        if (id(items[i]) == current) return i;
    return std::nullopt;
}

}  // namespace

Intent GuideScreen::draw(const ScreenView& view, const GuideView& g, GuideIntent& out) const {
    Intent intent;
    const Pen pen(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = pen;
    const bool results = g.step >= kGuideQuestions;
    // Low reach: the bar comes down to the reach line; on the results it goes to the very bottom,
    // so that the cars' text can use the upper part and their buttons stay low.
    const bool barAtBottom = results && view.access.lowReach;
    const float barY = barAtBottom             ? view.height - sizes.margin * 0.5f - sizes.barH
                       : view.access.lowReach ? reachTop(view.height, true)
                                              : sizes.margin * 0.5f;
    if (touchButton(view, "back", "‹ " + c.ui("booking.back", lang), {sizes.margin, barY, sizes.backW, sizes.barH}, false)) {
        if (g.step == 0) intent.back = true;
        else out.goToStep = std::min(g.step, kGuideQuestions) - 1;
    }
    const Rect sw{view.width - sizes.margin - sizes.topBarW, barY, sizes.topBarW, sizes.barH};
    drawTopBar(view, sw, intent);
    // The title beside the back button, or on a line of its own on a narrow screen.
    const std::string title = c.ui("guide.title", lang);
    const float titleX = sizes.margin + sizes.backW + 30 * s, titleEnd = sw.x - sizes.barH - 44 * s;
    // In low reach the headings stay in the upper part, where nothing is to be reached.
    const bool headingsAtTop = view.access.lowReach;
    float headY = sizes.margin * 0.5f, top = barAtBottom ? headY : barY + sizes.barH + sizes.gap;
    if (!headingsAtTop && textWidth(view.fonts.large, title) <= titleEnd - titleX) {
        pen(view.fonts.large, {titleX, barY, titleEnd - titleX, sizes.barH}, pal.text, title, "guide.title");
    } else {
        float& y = headingsAtTop ? headY : top;
        pen(view.fonts.large, {sizes.margin, y, view.width - 2 * sizes.margin, 0}, pal.text, title, "guide.title");
        y += view.fonts.large->FontSize * 1.2f + sizes.spacing;
    }
    if (barAtBottom) top = headY;
    top += sizes.gapWide - sizes.gap;
    const float bottom = (barAtBottom ? barY - sizes.gap : view.height - sizes.margin * 0.5f);
    if (!results) {
        // The questions in a readable column, under the question's number.
        const float colW = std::min(view.width - 2 * sizes.margin, 1400 * s), x = (view.width - colW) / 2;
        float& y = headingsAtTop ? headY : top;
        pen(view.fonts.body, {headingsAtTop ? sizes.margin : x, y, colW, 0}, pal.textMuted,
            fillTemplate(fillTemplate(c.ui("guide.step", lang), "n", std::to_string(g.step + 1)), "total", std::to_string(kGuideQuestions)),
            "guide.step");
        y += view.fonts.body->FontSize * 1.8f;
        // The whole width: the questions take a readable column of it, or sit side by side.
        drawQuestion(view, g, out, {sizes.margin, top, view.width - 2 * sizes.margin, bottom - top});
        return intent;
    }
    // The cars across the whole width; "change my answers" under them, or in the bar at the bottom.
    const float rowH = 104 * s, full = view.width - 2 * sizes.margin;
    const Rect row = barAtBottom ? Rect{sizes.margin + sizes.backW + sizes.spacing, barY, sw.x - sizes.barH - 24 * s - sizes.spacing -
                                                                                          (sizes.margin + sizes.backW + sizes.spacing) - sizes.spacing,
                                        sizes.barH}
                                 : Rect{sizes.margin, bottom - rowH, full, rowH};
    const float cardsBottom = barAtBottom ? bottom : row.y - sizes.gap;
    drawResults(view, g, out, {sizes.margin, top, full, cardsBottom - top}, row);
    return intent;
}

namespace {

// The questions of the guide's step `g.step`, each with what tapping an answer does.
std::vector<Question> questionsOf(const ScreenView& view, const GuideView& g, GuideIntent& out) {
    const auto& c = view.catalog;
    const std::string& lang = view.language;
    const auto& k = g.content;
    const auto& ch = k.choices;
    Answers& a = g.answers;
    auto text = [&](const char* key, const std::string& name, const std::string& value) { return fillTemplate(c.ui(key, lang), name, value); };
    auto km = [&](double v) { return text("guide.km", "n", std::to_string(std::llround(v))); };
    auto money = [&](std::int64_t v) { return core::formatMoney(v, c.market.currency, lang); };
    // An answer from a list of values: tapping one sets the field.
    auto set = [&out](auto& field, const auto& values) {
        return [&field, &values, &out](size_t i) {
            field = values[i];
            out.changed = true;
        };
    };
    auto named = [&out](std::string& field, std::vector<std::string> ids) {
        return [&field, ids = std::move(ids), &out](size_t i) {
            field = ids[i];
            out.changed = true;
        };
    };
    auto ids = [](const auto& items) {
        std::vector<std::string> out;
        for (const auto& item : items) out.push_back(item.id);
        return out;
    };
    switch (g.step) {
        case 0:
            return {{"guide.q.daily", "daily", choicesOf(ch.dailyKm, km), indexOf(ch.dailyKm, a.dailyKm), 5, set(a.dailyKm, ch.dailyKm)},
                    {"guide.q.highway", "highway",
                     choicesOf(ch.highwayShare, [&](double v) { return text("guide.percent", "n", std::to_string(std::lround(v * 100))); }),
                     indexOf(ch.highwayShare, a.highwayShare), 5, set(a.highwayShare, ch.highwayShare)}};
        case 1:
            return {{"guide.q.longest", "longest", choicesOf(ch.longestKm, km), indexOf(ch.longestKm, a.longestKm), 5,
                     set(a.longestKm, ch.longestKm)}};
        case 2: {
            auto id = [](const core::recommend::LuggageLevel& l) { return l.id; };
            return {{"guide.q.seats", "seats", choicesOf(ch.seats, [&](int v) { return text("guide.people", "n", std::to_string(v)); }),
                     indexOf(ch.seats, a.seats), 5, set(a.seats, ch.seats)},
                    {"guide.q.child", "child", choicesOf(ch.childSeats, [](int v) { return std::to_string(v); }),
                     indexOf(ch.childSeats, a.childSeats), 5, set(a.childSeats, ch.childSeats)},
                    {"guide.q.luggage", "luggage", namedChoices(k.luggage, id, [&](const auto& l) { return l.name.get(lang); }),
                     indexOfId(k.luggage, id, a.luggage), 5, named(a.luggage, ids(k.luggage))}};
        }
        case 3: {
            static const std::vector<bool> kYesNo{true, false};
            return {{"guide.q.home", "home", {{"yes", c.ui("guide.yes", lang)}, {"no", c.ui("guide.no", lang)}}, indexOf(kYesNo, a.homeCharging),
                     2, set(a.homeCharging, kYesNo)}};
        }
        case 4: {
            auto id = [](const core::recommend::ClimateRegion& r) { return r.id; };
            return {{"guide.q.climate", "climate", namedChoices(k.climates, id, [&](const auto& r) { return r.name.get(lang); }),
                     indexOfId(k.climates, id, a.climate), 1, named(a.climate, ids(k.climates))}};
        }
        case 5:
            // A monthly budget or a price ceiling: choosing one forgets the other.
            return {{"guide.q.monthly", "monthly",
                     choicesOf(ch.budgetMonthlyMinor, [&](std::int64_t v) { return text("guide.per_month", "money", money(v)); }),
                     indexOf(ch.budgetMonthlyMinor, a.budgetMonthlyMinor), 5,
                     [&a, &ch, &out](size_t i) {
                         a.budgetMonthlyMinor = ch.budgetMonthlyMinor[i], a.maxPriceMinor.reset(), out.changed = true;
                     }},
                    {"guide.q.max_price", "ceiling", choicesOf(ch.maxPriceMinor, money), indexOf(ch.maxPriceMinor, a.maxPriceMinor), 5,
                     [&a, &ch, &out](size_t i) {
                         a.maxPriceMinor = ch.maxPriceMinor[i], a.budgetMonthlyMinor.reset(), out.changed = true;
                     }}};
        default: {
            auto id = [](const std::pair<std::string, core::Text>& p) { return p.first; };
            return {{"guide.q.priority", "priority", namedChoices(k.priorities, id, [&](const auto& p) { return p.second.get(lang); }),
                     indexOfId(k.priorities, id, core::recommend::priorityName(a.priority)), 3, [&a, &k, &out](size_t i) {
                         a.priority = core::recommend::priorityFromName(k.priorities[i].first).value_or(Priority::None);
                         out.changed = true;
                     }}};
        }
    }
}

}  // namespace

void GuideScreen::drawQuestion(const ScreenView& view, const GuideView& g, GuideIntent& out, const Rect& area) const {
    const Pen pen(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = pen;
    // Skip (forget this question's answers) and next, at the bottom, within reach; the questions above them.
    const float bw = 360 * s;
    float bh = 112 * s, by = area.y + area.h - bh - sizes.margin * 0.5f;
    const std::vector<Question> qs = questionsOf(view, g, out);
    std::optional<QuestionGrid> grid(std::in_place, view, qs, Rect{area.x, area.y, area.w, by - sizes.gap - area.y});
    if (!grid->fits()) {
        // Short of room: the two buttons a touch row high, below the questions' columns.
        bh = sizes.rowH, by = area.y + area.h - bh - sizes.margin * 0.5f;
        grid.emplace(view, qs, Rect{area.x, area.y, area.w, by - sizes.gap - area.y});
    }
    grid->draw();
    const float buttonsX = std::max(area.x, grid->left());
    const float buttonsEnd = area.x + area.w - (buttonsX - area.x);
    if (touchButton(view, "skip", c.ui("guide.skip", lang), {buttonsX, by, bw, bh}, false)) {
        clearStep(g.answers, g.step);
        out.changed = true;
        out.goToStep = g.step + 1;
    }
    const std::string next = g.step + 1 == kGuideQuestions ? c.ui("guide.show", lang) : c.ui("guide.next", lang);
    if (touchButton(view, "next", next, {buttonsEnd - bw, by, bw, bh}, true)) out.goToStep = g.step + 1;
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

void GuideScreen::drawResults(const ScreenView& view, const GuideView& g, GuideIntent& out, const Rect& area,
                              const Rect& row) const {
    const Pen pen(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = pen;
    const bool any = g.result && !g.result->recommendations.empty();
    const bool comparable = g.advisor && any && g.result->recommendations.size() >= 2;
    const float bw = std::min(420 * s, comparable ? (row.w - sizes.spacing) / 2 : row.w);
    if (touchButton(view, "change", c.ui("guide.change", lang), {row.x, row.y, bw, row.h}, false)) out.goToStep = 0;
    if (comparable &&
        touchButton(view, "compare", c.ui("guide.compare", lang), {row.x + row.w - bw, row.y, bw, row.h}, true))
        out.compare = true;
    const float bottom = area.y + area.h;
    if (!any) {
        // Never an empty screen: which answer rules everything out, and what relaxing it gives.
        float y = area.y;
        y += drawTextWrapped(draw, view.fonts.large, {area.x, y, area.w, 0}, pal.text, c.ui("guide.none", lang), audit, "guide.none");
        y += sizes.gap;
        const auto& blockers = g.result ? g.result->blockers : std::vector<core::recommend::Blocker>{};
        for (size_t i = 0; i < blockers.size() && y < bottom; ++i)
            y += drawTextWrapped(draw, view.fonts.body, {area.x, y, area.w, 0}, pal.text, "· " + blockers[i].text.get(lang), audit,
                                 "guide.blocker" + std::to_string(i)) + sizes.spacing;
        if (blockers.empty() && g.result)
            for (size_t i = 0; i < g.result->errors.size() && y < bottom; ++i)
                y += drawTextWrapped(draw, view.fonts.small, {area.x, y, area.w, 0}, pal.textMuted, g.result->errors[i], audit,
                                     "guide.error" + std::to_string(i));
        return;
    }
    const auto& recs = g.result->recommendations;
    // Stacked on a portrait screen, side by side otherwise and in low reach (their buttons low).
    const bool portrait = view.height > view.width && !view.access.lowReach;
    const size_t n = recs.size();
    const float gap = sizes.gap, nf = static_cast<float>(n);
    const float cw = portrait ? area.w : (area.w - (nf - 1) * gap) / nf;
    const float ch = portrait ? (bottom - area.y - (nf - 1) * gap) / nf : bottom - area.y;
    for (size_t i = 0; i < n; ++i) {
        const float fi = static_cast<float>(i);
        drawCard(view, recs[i], i, {portrait ? area.x : area.x + fi * (cw + gap), portrait ? area.y + fi * (ch + gap) : area.y, cw, ch}, out);
    }
}

void GuideScreen::drawCard(const ScreenView& view, const core::recommend::Recommendation& r, size_t i, const Rect& card,
                           GuideIntent& out) const {
    const Pen pen(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = pen;
    draw->AddRectFilled(ImVec2(card.x, card.y), ImVec2(card.x + card.w, card.y + card.h), pal.card, 24 * s);
    draw->AddRect(ImVec2(card.x, card.y), ImVec2(card.x + card.w, card.y + card.h), i == 0 ? pal.accent : pal.cardBorder, 24 * s, 0, 3 * s);
    // A portrait card is wide and low: its button goes to the right of the text, else below it.
    const bool wide = card.w > 2.2f * card.h;
    const float pad = sizes.gap, bh = sizes.barH, bw = wide ? 340 * s : card.w - 2 * pad;
    const Rect open{card.x + card.w - pad - bw, card.y + card.h - pad - bh, bw, bh};
    const float x = card.x + pad, w = (wide ? open.x - sizes.gap : card.x + card.w - pad) - x;
    const float textBottom = wide ? card.y + card.h - pad : open.y - sizes.spacing;
    const std::string id = "guide.rec" + std::to_string(i);
    const core::Model* model = c.findModel(r.config.model);
    const core::Trim* trim = model ? model->findTrim(r.config.trim) : nullptr;
    float y = card.y + pad;
    auto line = [&](ImFont* font, std::uint32_t color, const std::string& text, const std::string& key) {
        // Only whole sentences: one that would not fit is left out with the ones after it.
        if (y + static_cast<float>(wrapText(font, text, w).size()) * font->FontSize * 1.2f > textBottom) return false;
        y += drawTextWrapped(draw, font, {x, y, w, 0}, color, text, audit, id + "." + key);
        return true;
    };
    line(view.fonts.large, pal.text, (model ? model->name.get(lang) : r.config.model) + " " + (trim ? trim->name.get(lang) : r.config.trim), "name");
    std::string price = fillTemplate(c.ui("guide.total", lang), "money", core::formatMoney(r.totalMinor, c.market.currency, lang));
    if (r.finance.monthlyMinor >= 0)
        price += " · " + fillTemplate(c.ui("guide.monthly", lang), "money", core::formatMoney(r.finance.monthlyMinor, c.market.currency, lang));
    line(view.fonts.body, pal.accent, price, "price");
    line(view.fonts.body, pal.text, fillTemplate(c.ui("guide.winter", lang), "km", std::to_string(std::lround(r.winterKm))), "winter");
    y += sizes.spacing;
    for (size_t k = 0; k < r.reasons.size(); ++k)
        if (!line(view.fonts.small, pal.text, "· " + r.reasons[k].second.get(lang), "reason" + std::to_string(k))) break;
    for (size_t k = 0; k < r.givesUp.size(); ++k)
        if (!line(view.fonts.small, pal.textMuted, "− " + r.givesUp[k].second.get(lang), "gives_up" + std::to_string(k))) break;
    if (touchButton(view, "open:" + std::to_string(i), c.ui("guide.open_car", lang), open, i == 0)) out.open = i;
}

}  // namespace ui
