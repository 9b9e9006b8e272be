// The summary's financing and range parts as blocks, measured or drawn by the same code.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "SummaryParts.h"
#include "ui/Widgets.h"

namespace ui::summary {

std::string keepTogether(const std::string& text) {
    std::string out;
    for (char c : text) out += c == ' ' ? std::string("\u00A0") : std::string(1, c);
    return out;
}

float wrappedHeight(ImFont* font, const std::string& words, float width) {
    return font->FontSize * 1.2f * static_cast<float>(wrapText(font, words, width).size());
}

void Flow::wrapped(ImFont* font, std::uint32_t colour, const std::string& words, const std::string& id) {
    y += drawing ? drawTextWrapped(ImGui::GetWindowDrawList(), font, {x, y, w, 0}, colour, words, view.audit, id)
                 : wrappedHeight(font, words, w);
}

void Flow::line(ImFont* font, const Rect& box, std::uint32_t colour, const std::string& text, const std::string& id, Align align) const {
    if (drawing) drawTextIn(ImGui::GetWindowDrawList(), font, box, colour, text, view.audit, id, align);
}

void Flow::row(const std::string& label, const std::string& value, const std::string& id) {
    const float s = view.scale, lineH = view.fonts.body->FontSize * 1.2f;
    const float vw = std::min(w * 0.5f, textWidth(view.fonts.body, value));
    line(view.fonts.body, {x + w - vw, y, vw, 0}, view.palette.text, value, id, Align::Right);
    const Rect labelBox{x, y, w - vw - 12 * s, 0};
    const float h = drawing ? drawTextWrapped(ImGui::GetWindowDrawList(), view.fonts.body, labelBox, view.palette.textMuted, label, view.audit,
                                              id + ".label")
                            : wrappedHeight(view.fonts.body, label, labelBox.w);
    y += std::max(lineH, h) + 4 * s;
}

bool Flow::button(const std::string& id, const std::string& label, const Rect& r, bool accent) const {
    return drawing && touchButton(view, id, label, r, accent);
}

bool Flow::slider(const std::string& id, const Rect& r, int& value, int lo, int hi, int step) const {
    if (!drawing) return false;
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    ImGui::InvisibleButton("s", ImVec2(r.w, r.h));
    const bool active = ImGui::IsItemActive();
    ImGui::PopID();
    bool changed = false;
    const float pad = r.h * 0.5f;
    if (active) {
        const float t = std::clamp((ImGui::GetIO().MousePos.x - r.x - pad) / (r.w - 2 * pad), 0.0f, 1.0f);
        int v = lo + static_cast<int>(std::lround(t * static_cast<float>(hi - lo) / static_cast<float>(step))) * step;
        v = std::clamp(v, lo, hi);
        if (v != value) {
            value = v;
            changed = true;
        }
    }
    const auto& pal = view.palette;
    const float s = view.scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float cy = r.centerY(), x0 = r.x + pad, x1 = r.x + r.w - pad;
    draw->AddRectFilled(ImVec2(x0, cy - 5 * s), ImVec2(x1, cy + 5 * s), pal.cardBorder, 5 * s);
    const float t = hi == lo ? 0 : static_cast<float>(value - lo) / static_cast<float>(hi - lo);
    draw->AddRectFilled(ImVec2(x0, cy - 5 * s), ImVec2(x0 + t * (x1 - x0), cy + 5 * s), pal.accent, 5 * s);
    draw->AddCircleFilled(ImVec2(x0 + t * (x1 - x0), cy), pad * 0.8f, active ? pal.accent : pal.card, 32);
    draw->AddCircle(ImVec2(x0 + t * (x1 - x0), cy), pad * 0.8f, pal.accent, 32, 3 * s);
    if (view.hits) view.hits->add(id, r);
    return changed;
}

namespace {

// An amount never wraps inside ("CNY" over "100,920"): its spaces do not break.
std::string money(const ScreenView& view, std::int64_t minor) {
    return keepTogether(core::formatMoney(minor, view.catalog.market.currency, view.language));
}

// The offer's name with "‹" and "›" either side to step through every offer that runs today, and its rate.
void offerBlock(Flow& f, const SummaryView& sv, SummaryIntent& changes) {
    const ScreenView& view = f.view;
    const Metrics sizes = metricsFor(view.scale);
    const auto& c = view.catalog;
    const auto& offer = *sv.finance.offer;
    const bool several = sv.finance.offerCount > 1;
    const float bw = several ? sizes.rowH : 0, inset = several ? bw + sizes.spacing : 0;
    Flow label{view, f.drawing, f.x + inset, f.y, f.w - 2 * inset};
    label.wrapped(view.fonts.body, view.palette.accent, offer.label.get(view.language), "summary.offer");
    if (several) {
        if (f.button("offer:prev", "‹", {f.x, f.y, bw, sizes.rowH}, false))
            changes.offerIndex = (sv.finance.offerIndex + sv.finance.offerCount - 1) % sv.finance.offerCount;
        if (f.button("offer:next", "›", {f.x + f.w - bw, f.y, bw, sizes.rowH}, false))
            changes.offerIndex = (sv.finance.offerIndex + 1) % sv.finance.offerCount;
        f.y = std::max(label.y, f.y + sizes.rowH) + 4 * view.scale;
    } else {
        f.y = label.y;
    }
    const core::NumberFormat nf = core::numberFormat(c.market.currency, view.language);
    f.wrapped(view.fonts.small, view.palette.textMuted,
              fillTemplate(c.ui("summary.apr", view.language), "apr", core::formatPercent(static_cast<double>(offer.aprBp) / 100.0, 2, nf)),
              "summary.apr");
    f.y += 10 * view.scale;
}

void downBlock(Flow& f, const SummaryView& sv, SummaryIntent& changes) {
    const ScreenView& view = f.view;
    const Metrics sizes = metricsFor(view.scale);
    const auto& offer = *sv.finance.offer;
    const core::NumberFormat nf = core::numberFormat(view.catalog.market.currency, view.language);
    f.wrapped(view.fonts.body, view.palette.text,
              fillTemplate(view.catalog.ui("summary.down", view.language), "pct", core::formatPercent(sv.finance.downPercent, 0, nf)) + " · " +
                  money(view, sv.finance.downMinor),
              "summary.down");
    int down = sv.finance.downPercent;
    const int lo = static_cast<int>((offer.minDownBp + 99) / 100), hi = static_cast<int>(offer.maxDownBp / 100);
    if (f.slider("slider:down", {f.x, f.y, f.w, sizes.rowH}, down, lo, hi, 5)) changes.downPercent = down;
    f.y += sizes.rowH + sizes.spacing;
}

void termBlock(Flow& f, const SummaryView& sv, SummaryIntent& changes) {
    const ScreenView& view = f.view;
    const Metrics sizes = metricsFor(view.scale);
    f.wrapped(view.fonts.body, view.palette.text, view.catalog.ui("summary.term", view.language), "summary.term_label");
    const auto& terms = sv.finance.offer->termsMonths;
    const size_t n = terms.size();
    const float tw = n ? (f.w - static_cast<float>(n - 1) * sizes.spacing) / static_cast<float>(n) : f.w;
    for (size_t i = 0; i < n; ++i) {
        const Rect r{f.x + static_cast<float>(i) * (tw + sizes.spacing), f.y, tw, sizes.rowH};
        if (f.button("term:" + std::to_string(terms[i]), std::to_string(terms[i]), r, terms[i] == sv.finance.termMonths))
            changes.termMonths = terms[i];
    }
    f.y += sizes.rowH + sizes.gap;
}

// The monthly payment, large.
void monthlyBlock(Flow& f, const SummaryView& sv) {
    const ScreenView& view = f.view;
    if (!sv.finance.quote) {
        if (!sv.finance.error.empty()) f.wrapped(view.fonts.small, view.palette.accent, sv.finance.error, "summary.finance_error");
        return;
    }
    f.wrapped(view.fonts.small, view.palette.textMuted, view.catalog.ui("summary.monthly", view.language), "summary.monthly_label");
    f.line(view.fonts.title, {f.x, f.y, f.w, 0}, view.palette.text, money(view, sv.finance.quote->monthlyPaymentMinor), "summary.monthly");
    f.y += view.fonts.title->FontSize * 1.2f;
}

// What the loan costs in all.
void loanBlock(Flow& f, const SummaryView& sv) {
    if (!sv.finance.quote) return;
    const ScreenView& view = f.view;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& q = *sv.finance.quote;
    const auto muted = view.palette.textMuted;
    if (q.balloonMinor > 0) f.wrapped(view.fonts.small, muted, c.ui("summary.balloon", lang) + " " + money(view, q.balloonMinor), "summary.balloon");
    f.wrapped(view.fonts.small, muted, c.ui("summary.interest", lang) + " " + money(view, q.totalInterestMinor), "summary.interest");
    f.wrapped(view.fonts.small, muted, c.ui("summary.total_cost", lang) + " " + money(view, q.totalCostMinor), "summary.total_cost");
    f.y += metricsFor(view.scale).spacing;
}

}  // namespace

Block tradeInBlock(const SummaryView& sv, SummaryIntent& changes) {
    return [&sv, &changes](Flow& f) {
        using core::pricing::TradeIn;
        const ScreenView& view = f.view;
        const Metrics sizes = metricsFor(view.scale);
        const auto& c = view.catalog;
        f.wrapped(view.fonts.small, view.palette.textMuted, c.ui("summary.trade_in", view.language), "summary.trade_in");
        f.y += sizes.spacing;
        const std::pair<TradeIn, const char*> choices[] = {
            {TradeIn::None, "none"}, {TradeIn::Scrappage, "scrappage"}, {TradeIn::Replacement, "replacement"}};
        const float bw = (f.w - 2 * sizes.spacing) / 3;
        for (size_t i = 0; i < 3; ++i) {
            const auto& [value, name] = choices[i];
            const Rect r{f.x + static_cast<float>(i) * (bw + sizes.spacing), f.y, bw, sizes.rowH};
            if (f.button(std::string("trade-in:") + name, c.ui(std::string("summary.trade_in.") + name, view.language), r, sv.tradeIn == value))
                changes.tradeIn = value;
        }
        f.y += sizes.rowH + sizes.spacing;
    };
}

std::vector<Block> financeBlocks(const SummaryView& sv, SummaryIntent& changes, bool tradeIn) {
    std::vector<Block> blocks;
    if (!sv.finance.offer) {
        blocks.push_back([](Flow& f) {
            f.wrapped(f.view.fonts.body, f.view.palette.textMuted, f.view.catalog.ui("summary.no_offer", f.view.language), "summary.no_offer");
        });
    } else {
        blocks.push_back([&sv, &changes](Flow& f) { offerBlock(f, sv, changes); });
        blocks.push_back([&sv, &changes](Flow& f) { downBlock(f, sv, changes); });
        blocks.push_back([&sv, &changes](Flow& f) { termBlock(f, sv, changes); });
        blocks.push_back([&sv](Flow& f) { monthlyBlock(f, sv); });
        blocks.push_back([&sv](Flow& f) { loanBlock(f, sv); });
    }
    if (tradeIn && sv.tradeInOffered) blocks.push_back(tradeInBlock(sv, changes));
    return blocks;
}

namespace {

std::string fmt0(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

void weekBlock(Flow& f, const SummaryView& sv, SummaryIntent& changes) {
    const ScreenView& view = f.view;
    const Metrics sizes = metricsFor(view.scale);
    const auto& c = view.catalog;
    const core::NumberFormat nf = core::numberFormat(c.market.currency, view.language);
    f.wrapped(view.fonts.body, view.palette.text, fillTemplate(c.ui("summary.week", view.language), "km", std::to_string(sv.dailyKm)),
              "summary.week_label");
    int daily = sv.dailyKm;
    if (f.slider("slider:daily", {f.x, f.y, f.w, sizes.rowH}, daily, 10, 200, 10)) changes.dailyKm = daily;
    f.y += sizes.rowH + sizes.spacing;
    if (sv.week) {
        f.row(c.ui("summary.charges", view.language), core::formatNumber(sv.week->chargesPerWeek, 1, nf), "summary.charges");
        f.row(c.ui("summary.cost_week", view.language), money(view, sv.week->costPerWeekMinor), "summary.cost_week");
    }
    f.y += 8 * view.scale;
}

void tcoBlock(Flow& f, const SummaryView& sv) {
    const ScreenView& view = f.view;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& tco = *sv.tco;
    f.wrapped(view.fonts.body, view.palette.text,
              fillTemplate(fillTemplate(c.ui("summary.tco", lang), "years", std::to_string(tco.years)), "car", tco.petrol->label.get(lang)),
              "summary.tco");
    f.wrapped(view.fonts.large, tco.differenceMinor >= 0 ? view.palette.accent : view.palette.text,
              (tco.differenceMinor >= 0 ? c.ui("summary.saves", lang) : c.ui("summary.costs_more", lang)) + " " +
                  money(view, std::llabs(tco.differenceMinor)),
              "summary.tco_value");
    f.wrapped(view.fonts.small, view.palette.textMuted, fillTemplate(c.ui("summary.tco_basis", lang), "km", std::to_string(tco.kmPerYear)),
              "summary.tco_basis");
    f.y += 8 * view.scale;
}

}  // namespace

std::vector<Block> rangeBlocks(const SummaryView& sv, SummaryIntent& changes) {
    std::vector<Block> blocks;
    if (sv.typical || sv.winter || sv.highway)
        blocks.push_back([&sv](Flow& f) {
            const auto& c = f.view.catalog;
            const auto& lang = f.view.language;
            const std::string km = " " + c.ui("unit.km", lang);
            if (sv.typical) {
                f.row(c.ui("summary.range_official", lang), fmt0(sv.typical->official.rangeKm) + km, "summary.official");
                f.row(c.ui("summary.range_typical", lang), fmt0(sv.typical->customerRangeKm) + km, "summary.typical");
            }
            if (sv.winter) f.row(c.ui("summary.range_winter", lang), fmt0(sv.winter->customerRangeKm) + km, "summary.winter");
            if (sv.highway) f.row(c.ui("summary.range_highway", lang), fmt0(sv.highway->customerRangeKm) + km, "summary.highway");
            f.y += 8 * f.view.scale;
        });
    if (sv.typical)
        blocks.push_back([&sv](Flow& f) {
            const auto& c = f.view.catalog;
            const auto& lang = f.view.language;
            const core::NumberFormat nf = core::numberFormat(c.market.currency, lang);
            f.row(c.ui("summary.dc", lang), core::formatQuantity(sv.typical->dc10To80Min, 0, c.ui("unit.min", lang), nf), "summary.dc");
            f.row(c.ui("summary.ac", lang), core::formatQuantity(sv.typical->ac0To100H, 1, c.ui("unit.h", lang), nf), "summary.ac");
            f.y += 8 * f.view.scale;
        });
    blocks.push_back([&sv, &changes](Flow& f) { weekBlock(f, sv, changes); });
    if (sv.tco && sv.tco->petrol) blocks.push_back([&sv](Flow& f) { tcoBlock(f, sv); });
    return blocks;
}

float blocksHeight(const ScreenView& view, const std::vector<Block>& blocks, float w) {
    Flow f{view, false, 0, 0, w};
    for (const auto& b : blocks) b(f);
    return f.y;
}

float drawBlocks(const ScreenView& view, const std::vector<Block>& blocks, const Rect& at) {
    Flow f{view, true, at.x, at.y, at.w};
    for (const auto& b : blocks) b(f);
    return f.y;
}

std::vector<float> blockHeights(const ScreenView& view, const std::vector<Block>& blocks, float w) {
    std::vector<float> out;
    for (const auto& b : blocks) out.push_back(blocksHeight(view, {b}, w));
    return out;
}

std::vector<size_t> flowColumns(const std::vector<float>& heights, float h, size_t columns) {
    std::vector<size_t> starts;
    float y = 0;
    for (size_t i = 0; i < heights.size(); ++i) {
        if (starts.empty() || (y + heights[i] > h + 0.5f && y > 0)) {
            starts.push_back(i);
            y = 0;
        }
        y += heights[i];
        if (starts.size() > columns || y > h + 0.5f) return {};
    }
    return starts;
}

}  // namespace ui::summary
