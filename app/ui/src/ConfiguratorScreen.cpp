#include "ui/ConfiguratorScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>
#include <cstdio>

#include "ui/CarSilhouette.h"
#include "ui/Scroll.h"
#include "ui/TopBar.h"

namespace ui {
namespace {

// A rounded touch row; returns true when tapped. Pressed look while the finger is down.
bool touchRow(const ScreenView& view, const std::string& id, const Rect& r, bool selected, bool enabled) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool tapped = ImGui::InvisibleButton("row", ImVec2(r.w, r.h));
    const bool down = ImGui::IsItemActive();
    ImGui::PopID();
    const auto& pal = view.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::uint32_t fill = down ? pal.cardPressed : enabled ? pal.card : pal.background;
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), fill, 18 * view.scale);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), selected ? pal.accent : pal.cardBorder, 18 * view.scale,
                  0, (selected ? 4.0f : 1.5f) * view.scale);
    if (view.hits) view.hits->add(id, r);
    return tapped;
}

std::string signedMoney(std::int64_t minor, const core::Catalog& c, const std::string& lang) {
    if (minor > 0) return "+" + core::formatMoney(minor, c.market.currency, lang);
    return core::formatMoney(minor, c.market.currency, lang);
}

// `words` cut at a character boundary with "…" so that it fits `width`.
std::string fitWithEllipsis(ImFont* font, const std::string& words, float width) {
    if (textWidth(font, words) <= width) return words;
    std::string cut = words;
    while (!cut.empty()) {
        size_t n = cut.size() - 1;  // the start of the last character
        while (n > 0 && (static_cast<unsigned char>(cut[n]) & 0xC0) == 0x80) --n;
        cut.erase(n);
        if (textWidth(font, cut + "…") <= width) return cut + "…";
    }
    return "…";
}

std::string idName(const core::Model& m, const std::string& id, const std::string& lang) {
    if (const core::Trim* t = m.findTrim(id)) return t->name.get(lang);
    if (const core::Option* o = m.findOption(id)) return o->name.get(lang);
    return id;
}

}  // namespace

ConfiguratorLayout computeConfiguratorLayout(float width, float height, float s, bool lowReach, int tabRows) {
    ConfiguratorLayout l;
    const Metrics sizes = metricsFor(s);
    const float margin = sizes.margin, gap = sizes.gap;
    const float rows = static_cast<float>(std::max(1, tabRows));
    const float barH = sizes.barH, tabsH = rows * sizes.rowH + (rows - 1) * sizes.spacing, actionsH = 2 * 104 * s + 16 * s;
    const float barY = lowReach ? reachTop(height, true) : margin * 0.5f;
    l.bar = {margin, barY, width - 2 * margin, barH};
    if (width >= height) {
        l.car = {margin, barY + barH + 24 * s, width * 0.62f - 2 * margin, height * 0.56f};
        // The car is not a control: in low reach it stays high, above the bar.
        if (lowReach) l.car = {margin, margin * 0.5f, l.car.w, barY - margin};
        const float cardY = std::max(l.car.y + l.car.h, barY + barH) + gap;
        const float x = width * 0.62f, w = width - margin - x;
        const float top = barY + barH + 24 * s;
        l.tabs = {x, top, w, tabsH};
        // Low reach leaves the panel only the lower part of the screen: the summary and booking
        // buttons go side by side under the cards, and the options keep the panel's height.
        if (lowReach) l.actions = {l.car.x, height - margin * 0.5f - 104 * s, l.car.w, 104 * s};
        else l.actions = {x, height - margin * 0.5f - actionsH, w, actionsH};
        const float cardsEnd = lowReach ? l.actions.y - gap : height - margin * 0.5f;
        const float cardW = (l.car.w - gap) / 2, cardH = std::max(160 * s, cardsEnd - cardY);
        l.priceCard = {l.car.x, cardY, cardW, cardH};
        l.rangeCard = {l.car.x + cardW + gap, cardY, cardW, cardH};
        const float listEnd = lowReach ? height - margin * 0.5f : l.actions.y - gap;
        l.list = {x, top + tabsH + gap, w, listEnd - (top + tabsH + gap)};
        return l;
    }
    // Portrait: everything in one column.
    const float w = width - 2 * margin;
    if (lowReach) l.car = {margin, margin * 0.5f, w, barY - margin};
    else l.car = {margin, barY + barH + gap, w, height * 0.30f};
    float y = std::max(l.car.y + l.car.h, barY + barH) + gap;
    const float cardH = 170 * s, cardW = (w - gap) / 2;
    l.priceCard = {margin, y, cardW, cardH};
    l.rangeCard = {margin + cardW + gap, y, cardW, cardH};
    y += cardH + gap;
    l.tabs = {margin, y, w, tabsH};
    y += tabsH + gap;
    l.actions = {margin, height - margin * 0.5f - actionsH, w, actionsH};
    l.list = {margin, y, w, l.actions.y - gap - y};
    return l;
}

namespace {

// Back to the models, the model's name, the accessibility and language buttons.
void drawHeader(const ScreenView& view, const ConfiguratorLayout& l, const core::Model& model, Intent& intent) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float barY = l.bar.y;
    if (touchRow(view, "back", {sizes.margin, barY, 220 * s, sizes.barH}, false, true)) intent.back = true;
    text(view.fonts.body, {sizes.margin, barY, 220 * s, sizes.barH}, pal.text, "‹ " + c.ui("config.models", lang), "config.back",
         Align::Center);
    // The title runs from the back button to the accessibility button left of the language switch.
    const float titleX = sizes.margin + 250 * s, titleEnd = view.width - sizes.margin - sizes.topBarW - sizes.barH - 24 * s - 20 * s;
    text(view.width >= view.height ? view.fonts.title : view.fonts.large, {titleX, barY + 8 * s, titleEnd - titleX, 80 * s},
         pal.text, model.name.get(lang), "config.model");
    drawTopBar(view, {view.width - sizes.margin - sizes.topBarW, barY, sizes.topBarW, sizes.barH}, intent);
}

// The car in the chosen paint and wheels, or, when the 3D renderer draws it, the camera presets
// and zoom along its bottom (pinch needs multi-touch, which the window system does not give).
void drawCarArea(const ScreenView& view, const ConfiguratorView& cv, const Rect& car,
                 const std::optional<core::Configuration>& configuration, Intent& intent) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const core::Model& model = cv.configurator.model();
    if (!cv.rendererDrawsCar) {
        std::uint32_t paint = pal.rim;
        if (configuration)
            for (const auto& id : configuration->options)
                if (const core::Option* o = model.findOption(id); o && o->paint)
                    paint = packColor(o->paint->baseColorSrgb[0], o->paint->baseColorSrgb[1], o->paint->baseColorSrgb[2]);
        drawCarSilhouette(draw, car, model, paint, pal);
        return;
    }
    static const char* const kPresets[] = {"front-three-quarter", "side", "rear-three-quarter", "top", "interior"};
    const float bh = sizes.rowH, gap = sizes.spacing, zw = sizes.rowH;
    const float bw = (car.w - 2 * zw - 8 * gap) / 5;
    float bx = car.x + gap;
    const float by = car.y + car.h - bh - gap;
    for (const char* preset : kPresets) {
        const Rect r{bx, by, bw, bh};
        if (touchRow(view, std::string("view:") + preset, r, false, true)) intent.cameraPreset = preset;
        text(view.fonts.small, {r.x + 6 * s, r.y, r.w - sizes.spacing, r.h}, pal.text, c.ui(std::string("view.") + preset, lang),
             std::string("config.view.") + preset, Align::Center);
        bx += bw + gap;
    }
    const Rect zin{car.x + car.w - 2 * zw - 2 * gap, by, zw, bh}, zout{car.x + car.w - zw - gap, by, zw, bh};
    if (touchRow(view, "zoom:in", zin, false, true)) intent.zoom = 0.8f;
    text(view.fonts.large, zin, pal.text, "+", "config.zoom_in", Align::Center);
    if (touchRow(view, "zoom:out", zout, false, true)) intent.zoom = 1.25f;
    text(view.fonts.large, zout, pal.text, "−", "config.zoom_out", Align::Center);
}

// The running price and range under the car: they change with every pick.
void drawRunningCards(const ScreenView& view, const ConfiguratorView& cv, const ConfiguratorLayout& l) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    for (const Rect& r : {l.priceCard, l.rangeCard})
        draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.card, 24 * s);
    const float pad = 32 * s, innerW = l.priceCard.w - 2 * pad, cardY = l.priceCard.y - 8 * s;
    const float px = l.priceCard.x + pad;
    text(view.fonts.small, {px, cardY + 24 * s, innerW, 0}, pal.textMuted, c.ui("config.price", lang), "config.price_label");
    if (cv.price) {
        text(view.fonts.title, {px, cardY + 60 * s, innerW, 0}, pal.text,
             core::formatMoney(cv.price->vehiclePriceMinor, c.market.currency, lang), "config.price");
        text(view.fonts.small, {px, cardY + 136 * s, innerW, 0}, pal.textMuted,
             c.ui("config.on_road", lang) + " " + core::formatMoney(cv.price->dueAtPurchaseMinor, c.market.currency, lang),
             "config.on_road");
    }
    const float rx = l.rangeCard.x + pad;
    text(view.fonts.small, {rx, cardY + 24 * s, innerW, 0}, pal.textMuted, c.ui("chooser.range", lang), "config.range_label");
    if (cv.range) {
        char km[32];
        std::snprintf(km, sizeof km, "%.0f ", cv.range->official.rangeKm);
        text(view.fonts.title, {rx, cardY + 60 * s, innerW, 0}, pal.text, km + c.ui("unit.km", lang), "config.range");
        char real[32];
        std::snprintf(real, sizeof real, "%.0f ", cv.range->customerRangeKm);
        text(view.fonts.small, {rx, cardY + 136 * s, innerW, 0}, pal.textMuted,
             c.ui("config.range_mixed", lang) + " " + real + c.ui("unit.km", lang), "config.range_mixed");
    }
}

// How the category tabs are laid out: in two rows when every label fits its tab, else in as few
// more rows as make them fit, in the body font or, failing that, the smaller one.
struct TabGrid {
    int rows = 2;
    ImFont* font = nullptr;
};

std::string tabLabel(const core::Catalog& c, const std::string& id, const std::string& lang) {
    const core::Category* cat = c.findCategory(id);
    return cat ? cat->name.get(lang) : id;
}

TabGrid tabGrid(const ScreenView& view, const ConfiguratorView& cv, float width) {
    const auto& cats = cv.configurator.categories();
    const float s = view.scale, spacing = metricsFor(s).spacing;
    const int n = std::max<int>(1, static_cast<int>(cats.size()));
    for (int rows = std::min(2, n); rows <= n; ++rows) {
        const int perRow = (n + rows - 1) / rows;
        const float room = (width - static_cast<float>(perRow - 1) * spacing) / static_cast<float>(perRow) - 16 * s;
        for (ImFont* font : {view.fonts.body, view.fonts.small})
            if (std::all_of(cats.begin(), cats.end(),
                            [&](const std::string& id) { return textWidth(font, tabLabel(view.catalog, id, view.language)) <= room; }))
                return {rows, font};
    }
    return {n, view.fonts.small};
}

// The category tabs, in the grid `grid` says.
void drawTabs(const ScreenView& view, const ConfiguratorView& cv, const Rect& tabs, const TabGrid& grid, Intent& intent) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const auto& cats = cv.configurator.categories();
    const int perRow = (static_cast<int>(cats.size()) + grid.rows - 1) / grid.rows;
    const float tabW = (tabs.w - static_cast<float>(perRow - 1) * sizes.spacing) / static_cast<float>(perRow);
    for (size_t i = 0; i < cats.size(); ++i) {
        const int row = static_cast<int>(i) / perRow, col = static_cast<int>(i) % perRow;
        const Rect r{tabs.x + static_cast<float>(col) * (tabW + sizes.spacing), tabs.y + static_cast<float>(row) * (sizes.rowH + sizes.spacing),
                     tabW, sizes.rowH};
        const bool on = cats[i] == cv.category;
        if (touchRow(view, "tab:" + cats[i], r, on, true)) intent.category = cats[i];
        if (on) draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.accent, 18 * s);
        text(grid.font, {r.x + 8 * s, r.y, r.w - 16 * s, r.h}, on ? pal.accentText : pal.text, tabLabel(c, cats[i], lang),
             "config.tab." + cats[i], Align::Center);
    }
}

// One choice's words in its row: the name (with a package's description under it, or on two
// lines of the smaller font when long) and its price, or why it is not available.
void drawChoiceText(const ScreenView& view, const ConfiguratorView& cv, const core::rules::ChoiceState& ch, const Rect& r, bool enabled) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const core::Model& model = cv.configurator.model();
    float tx = r.x + 28 * s;
    if (const core::Option* o = model.findOption(ch.id); o && o->paint) {
        const auto& rgb = o->paint->baseColorSrgb;
        draw->AddCircleFilled(ImVec2(tx + 26 * s, r.centerY()), 26 * s, packColor(rgb[0], rgb[1], rgb[2]), 32);
        draw->AddCircle(ImVec2(tx + 26 * s, r.centerY()), 26 * s, pal.cardBorder, 32, 2 * s);
        tx += 72 * s;
    }
    const std::uint32_t col = enabled ? pal.text : pal.textMuted;
    const float priceW = 230 * s;
    const std::string name = idName(model, ch.id, lang);
    const float nameW = r.x + r.w - priceW - tx - 20 * s;
    const core::Option* opt = model.findOption(ch.id);
    const std::string description = opt ? opt->description.get(lang) : std::string();
    const float bodyH = view.fonts.body->FontSize * 1.15f, smallH = view.fonts.small->FontSize * 1.15f;
    if (!description.empty() && textWidth(view.fonts.body, name) <= nameW && bodyH + smallH <= r.h) {
        // A package says what it brings, under its name (cut short with "…" in a narrow row).
        const float ty = r.centerY() - (bodyH + smallH) * 0.5f;
        text(view.fonts.body, {tx, ty, nameW, 0}, col, name, "config.option." + ch.id);
        text(view.fonts.small, {tx, ty + bodyH, nameW, 0}, pal.textMuted, fitWithEllipsis(view.fonts.small, description, nameW),
             "config.description." + ch.id);
    } else if (textWidth(view.fonts.body, name) <= nameW) {
        text(view.fonts.body, {tx, r.y, nameW, r.h}, col, name, "config.option." + ch.id);
    } else {
        const auto lines = wrapText(view.fonts.small, name, nameW);
        const float lh = view.fonts.small->FontSize * 1.15f;
        float ly = r.centerY() - lh * static_cast<float>(lines.size()) * 0.5f;
        for (size_t k = 0; k < lines.size(); ++k, ly += lh)
            text(view.fonts.small, {tx, ly, nameW, 0}, col, lines[k], "config.option." + ch.id + "#" + std::to_string(k));
    }
    std::string price;
    if (const core::Trim* t = model.findTrim(ch.id)) price = core::formatMoney(t->basePriceMinor, c.market.currency, lang);
    else if (ch.selected && !ch.picked && cv.category != "paint" && cv.category != "wheels" && cv.category != "interior" &&
             cv.category != "battery")
        price = c.ui("config.included", lang);
    else if (opt)
        price = opt->priceMinor == 0 ? c.ui("config.standard", lang) : signedMoney(opt->priceMinor, c, lang);
    if (!enabled) price = "ⓘ " + c.ui("config.unavailable", lang);
    text(view.fonts.small, {r.x + r.w - priceW - 20 * s, r.y, priceW, r.h}, enabled ? pal.text : pal.accent, price,
         "config.price." + ch.id, Align::Right);
}

// The choices of the open category. Six rows fit the panel; a category with more scrolls by drag
// (with momentum), so every option stays reachable whatever the content holds.
void drawChoices(const ScreenView& view, const ConfiguratorView& cv, const Rect& panel, Intent& intent) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const auto choices = cv.configurator.choices(cv.category);
    // Rows share the panel six to a height, never lower than a touch row: a short panel shows
    // fewer, and only whole ones (a sliver of a row would be a target too small to touch).
    const float rowH = std::clamp((panel.h - sizes.spacing * 5) / 6, sizes.rowH, 112 * s), step = rowH + sizes.spacing;
    const float whole = std::max(1.0f, std::floor((panel.h + sizes.spacing) / step));
    const Rect list{panel.x, panel.y, panel.w, whole * step - sizes.spacing};
    const float listH = choices.empty() ? 0 : static_cast<float>(choices.size()) * step - sizes.spacing;
    std::optional<ScrollArea> scroll;
    if (cv.optionScroll) scroll.emplace(view, *cv.optionScroll, list, listH);
    for (size_t i = 0; i < choices.size(); ++i) {
        const auto& ch = choices[i];
        const float rowTop = list.y + static_cast<float>(i) * step;
        if (scroll ? !scroll->visible(rowTop, rowH) : rowTop + rowH > list.y + list.h) continue;
        const Rect r{list.x, rowTop - (scroll ? scroll->offset() : 0), list.w, rowH};
        const bool enabled = ch.available || ch.selected;
        if (touchRow(view, "option:" + ch.id, r, ch.selected, enabled) && (!scroll || scroll->tapsAllowed())) {
            if (!enabled) intent.explain = ch.id;
            else if (ch.selected && ch.picked && cv.category != "trim") {
                const core::Category* cat = c.findCategory(cv.category);
                if (cat && !cat->single) intent.unpick = ch.id;
            } else if (!ch.selected) intent.pick = ch.id;
        }
        drawChoiceText(view, cv, ch, r, enabled);
    }
}

// The summary with the full price, and booking a test drive of this model.
void drawActions(const ScreenView& view, const Rect& actions, Intent& intent) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    // One above the other, or side by side in a one-row strip.
    const bool oneRow = actions.h < 2 * 104 * s;
    const float w = oneRow ? (actions.w - sizes.gap) / 2 : actions.w;
    const Rect sum{actions.x, actions.y, w, 104 * s};
    const Rect book = oneRow ? Rect{actions.x + w + sizes.gap, actions.y, w, 104 * s} : Rect{actions.x, actions.y + 120 * s, actions.w, 104 * s};
    if (touchRow(view, "summary", sum, true, true)) intent.openSummary = true;
    draw->AddRectFilled(ImVec2(sum.x, sum.y), ImVec2(sum.x + sum.w, sum.y + sum.h), pal.accent, 18 * s);
    text(view.fonts.large, sum, pal.accentText, c.ui("config.summary", lang) + " ›", "config.summary", Align::Center);
    if (touchRow(view, "book", book, false, true)) intent.openBooking = true;
    text(view.fonts.large, book, pal.text, c.ui("config.book", lang), "config.book", Align::Center);
}

}  // namespace

Intent ConfiguratorScreen::draw(const ScreenView& view, const ConfiguratorView& cv) const {
    Intent intent;
    const float tabsW = computeConfiguratorLayout(view.width, view.height, view.scale, view.access.lowReach).tabs.w;
    const TabGrid tabs = tabGrid(view, cv, tabsW);
    const ConfiguratorLayout l = computeConfiguratorLayout(view.width, view.height, view.scale, view.access.lowReach, tabs.rows);
    drawHeader(view, l, cv.configurator.model(), intent);
    drawCarArea(view, cv, l.car, cv.configurator.toConfiguration(), intent);
    drawRunningCards(view, cv, l);
    drawTabs(view, cv, l.tabs, tabs, intent);
    drawChoices(view, cv, l.list, intent);
    drawActions(view, l.actions, intent);
    return intent;
}

Rect ConfiguratorScreen::repairArea(float width, float height, float scale, float contentHeight) {
    // As tall as its content asks (at least the classic 720 px at 1080p), never past the screen.
    const float w = std::min(width - 80 * scale, 1100 * scale);
    const float h = std::min(height - 80 * scale, std::max(720 * scale, contentHeight));
    return {(width - w) / 2, (height - h) / 2, w, h};
}

namespace {

// One change of a repair as the customer reads it: "A → B  +¥X", "Add B", "Remove A".
std::string repairLine(const core::rules::PickChange& ch, const core::Model& model, const core::Catalog& c,
                       const std::string& lang) {
    std::string line;
    if (ch.to.empty()) line = fillTemplate(c.ui("repair.remove", lang), "option", idName(model, ch.from, lang));
    else if (ch.from.empty()) line = fillTemplate(c.ui("repair.add", lang), "option", idName(model, ch.to, lang));
    else line = idName(model, ch.from, lang) + "  →  " + idName(model, ch.to, lang);
    if (ch.priceDeltaMinor != 0) line += "  " + signedMoney(ch.priceDeltaMinor, c, lang);
    return line;
}

}  // namespace

Intent ConfiguratorScreen::drawRepair(const ScreenView& view, const ConfiguratorView& cv) const {
    Intent intent;
    if (!cv.explaining) return intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const core::Model& model = cv.configurator.model();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(view.width, view.height), 0x88000000);
    // Measure first: the title, the reasons and every change, each wrapped to the panel's width.
    const float pad = 56 * s, maxW = std::min(view.width - 80 * s, 1100 * s), innerW = maxW - 2 * pad;
    const float bodyLine = view.fonts.body->FontSize * 1.2f, lineGap = 16 * s;
    auto linesH = [&](ImFont* f, const std::string& t, float w) {
        return f->FontSize * 1.2f * static_cast<float>(std::max<size_t>(1, wrapText(f, t, w).size()));
    };
    const std::string title = fillTemplate(c.ui("repair.title", lang), "option", idName(model, *cv.explaining, lang));
    std::vector<std::string> reasons, steps;
    if (auto why = cv.configurator.explain(*cv.explaining))
        for (const auto& r : why->reasons) reasons.push_back("· " + r.message.get(lang));
    const core::rules::RepairProposal* rp = cv.repair;
    const bool possible = rp && rp->possible;
    if (possible)
        for (const auto& ch : rp->changes) steps.push_back(repairLine(ch, model, c, lang));
    float headH = linesH(view.fonts.large, title, innerW) + 24 * s;
    for (const auto& r : reasons) headH += linesH(view.fonts.body, r, innerW) + 8 * s;
    headH += 16 * s + bodyLine + lineGap;  // "to choose it, we would change:" (or "no change allows it")
    std::vector<float> stepH;
    float listH = 0;
    for (const auto& st : steps) {
        stepH.push_back(linesH(view.fonts.body, st, innerW - 24 * s) + lineGap);
        listH += stepH.back();
    }
    const float bh = 104 * s, footH = (possible ? bodyLine + 24 * s : 0) + bh + 40 * s;
    const Rect box = repairArea(view.width, view.height, s, 40 * s + headH + listH + footH);
    draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.x + box.w, box.y + box.h), pal.card, 32 * s);
    const float x = box.x + pad;
    float y = box.y + 40 * s;
    y += drawTextWrapped(draw, view.fonts.large, {x, y, innerW, 0}, pal.text, title, audit, "repair.title") + 24 * s;
    // Why: the content's own words for each rule involved.
    for (size_t i = 0; i < reasons.size(); ++i)
        y += drawTextWrapped(draw, view.fonts.body, {x, y, innerW, 0}, pal.textMuted, reasons[i], audit,
                             "repair.reason" + std::to_string(i)) + 8 * s;
    y += 16 * s;
    if (!possible) {
        drawTextWrapped(draw, view.fonts.body, {x, y, innerW, 0}, pal.text, c.ui("repair.none", lang), audit, "repair.none");
    } else {
        text(view.fonts.body, {x, y, innerW, 0}, pal.text, c.ui("repair.change", lang), "repair.change");
        y += bodyLine + lineGap;
        // Every change the repair makes, each with its price: the list scrolls when the panel,
        // grown to the screen's height, still cannot show them all.
        const float priceY = box.y + box.h - footH;
        const Rect viewport{x, y, innerW, std::max(bodyLine, priceY - y)};
        ScrollState fallback;
        ScrollArea scroll(view, cv.repairScroll ? *cv.repairScroll : fallback, viewport, listH);
        float rowY = viewport.y;
        for (size_t i = 0; i < steps.size(); ++i) {
            if (scroll.visible(rowY, stepH[i]))
                drawTextWrapped(draw, view.fonts.body, {x + 24 * s, rowY - scroll.offset(), innerW - 24 * s, 0}, pal.text, steps[i],
                                audit, "repair.step" + std::to_string(i));
            rowY += stepH[i];
        }
    }
    if (possible) {
        const std::string delta = (rp->priceDeltaMinor > 0 ? "+" : "") + core::formatMoney(rp->priceDeltaMinor, c.market.currency, lang);
        text(view.fonts.body, {x, box.y + box.h - footH + 8 * s, innerW, 0}, pal.accent,
             fillTemplate(c.ui("repair.price", lang), "delta", delta), "repair.price");
    }
    const float bw = (innerW - 24 * s) / 2, by = box.y + box.h - bh - 40 * s;
    auto button = [&](const std::string& id, const Rect& r, bool accent, const std::string& label) {
        ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
        const bool tapped = ImGui::InvisibleButton(id.c_str(), ImVec2(r.w, r.h));
        const bool down = ImGui::IsItemActive();
        draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h),
                            down ? pal.cardPressed : accent ? pal.accent : pal.background, 18 * s);
        text(view.fonts.large, r, accent && !down ? pal.accentText : pal.text, label, "repair." + id, Align::Center);
        if (view.hits) view.hits->add(id, r);
        return tapped;
    };
    if (possible) {
        if (button("repair:apply", {x, by, bw, bh}, true, c.ui("repair.apply", lang))) intent.applyRepair = true;
        if (button("repair:cancel", {x + bw + 24 * s, by, bw, bh}, false, c.ui("repair.cancel", lang))) intent.dismissRepair = true;
    } else if (button("repair:cancel", {x, by, innerW, bh}, false, c.ui("repair.cancel", lang))) {
        intent.dismissRepair = true;
    }
    return intent;
}

}  // namespace ui
