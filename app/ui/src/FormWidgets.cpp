#include "ui/FormWidgets.h"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "ui/Layout.h"
#include "ui/TopBar.h"
#include "ui/Metrics.h"

namespace ui {

namespace {

// A tap area whose target is recorded only as far as `shown` (a scrolled viewport) lets it show.
bool tapAreaShown(const ScreenView& view, const std::string& id, const Rect& r, std::uint32_t fill, std::uint32_t border,
                  float borderPx, const Rect* shown) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool tapped = ImGui::InvisibleButton("t", ImVec2(r.w, r.h));
    const bool down = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), down ? view.palette.cardPressed : fill,
                        16 * view.scale);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), border, 16 * view.scale, 0, borderPx * view.scale);
    if (view.hits) {
        Rect t = r;
        if (shown) {
            const float top = std::max(r.y, shown->y), bottom = std::min(r.y + r.h, shown->y + shown->h);
            t.y = top;
            t.h = std::max(0.0f, bottom - top);
        }
        if (t.h > 0.5f) view.hits->add(id, t);
    }
    return tapped;
}

}  // namespace

bool tapArea(const ScreenView& view, const std::string& id, const Rect& r, std::uint32_t fill, std::uint32_t border,
             float borderPx) {
    return tapAreaShown(view, id, r, fill, border, borderPx, nullptr);
}

float formHeader(const ScreenView& view, const std::string& title, const std::string& prefix, Intent& intent) {
    const auto& pal = view.palette;
    const float s = view.scale;
    const Metrics sizes = metricsFor(view.scale);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float barY = view.access.lowReach ? reachTop(view.height, true) : sizes.margin * 0.5f;
    const Rect back{sizes.margin, barY, sizes.backW, sizes.barH};
    if (tapArea(view, "back", back, pal.card, pal.cardBorder)) intent.back = true;
    drawTextIn(draw, view.fonts.body, back, pal.text, "‹ " + view.catalog.ui("booking.back", view.language), view.audit,
               prefix + ".back", Align::Center);
    const float titleX = sizes.margin + 290 * s, titleEnd = view.width - sizes.margin - sizes.topBarW - sizes.barH - 44 * s;
    drawBarTitle(view, {titleX, barY, titleEnd - titleX, sizes.barH}, title, prefix + ".title");
    drawTopBar(view, {view.width - sizes.margin - sizes.topBarW, barY, sizes.topBarW, sizes.barH}, intent);
    return barY;
}

void drawBarTitle(const ScreenView& view, const Rect& box, const std::string& title, const std::string& id) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (textWidth(view.fonts.large, title) <= box.w) {
        drawTextIn(draw, view.fonts.large, box, view.palette.text, title, view.audit, id);
        return;
    }
    const auto lines = wrapText(view.fonts.body, title, box.w);
    const float lineH = view.fonts.body->FontSize * 1.1f;
    const size_t n = std::min<size_t>(lines.size(), 2);
    float y = box.y + (box.h - lineH * static_cast<float>(n)) * 0.5f;
    for (size_t k = 0; k < lines.size(); ++k, y += lineH) {
        // A third line would not fit the bar: the second takes the rest, shrunk (and audited).
        std::string line = lines[k];
        if (k == 1)
            for (size_t rest = 2; rest < lines.size(); ++rest) line += " " + lines[rest];
        drawTextIn(draw, view.fonts.body, {box.x, y, box.w, 0}, view.palette.text, line, view.audit, id + "#" + std::to_string(k));
        if (k == 1) break;
    }
}

namespace {

constexpr std::uint32_t kErrorColour = 0xFF2020C0;

// The height a field's error message takes under it (wrapped, never shrunk), 0 without one.
float errorHeight(const FormColumn& col, const FormFocus& focus, const std::string& id) {
    auto e = focus.errors.find(id);
    if (e == focus.errors.end()) return 0;
    ImFont* font = col.view.fonts.small;
    const auto lines = wrapText(font, focus.message(e->second), col.w);
    return static_cast<float>(lines.size()) * font->FontSize * 1.2f + 0.1f * font->FontSize;
}

void drawError(const FormColumn& col, const FormFocus& focus, const std::string& id, float y) {
    auto e = focus.errors.find(id);
    if (e == focus.errors.end()) return;
    const ScreenView& view = col.view;
    // A long message wraps under its field rather than shrinking out of sight.
    drawTextWrapped(ImGui::GetWindowDrawList(), view.fonts.small, {col.x, y, col.w, 0}, kErrorColour, focus.message(e->second),
                    view.audit, col.prefix + "." + id + ".error");
}

// Whether a row from `y`, `h` high is drawn: always, unless it lies wholly outside the column's viewport.
bool rowShows(const FormColumn& col, float y, float h) {
    // Half a pixel of rounding where a row ends (or starts) at the viewport's edge is not showing.
    return !col.viewport || (y + h > col.viewport->y + 0.5f && y < col.viewport->y + col.viewport->h - 0.5f);
}

// The value as the field shows it: in the large font, or a smaller one where it is too long, or,
// longer still, its end (where the caret is) after an ellipsis.
std::pair<ImFont*, std::string> fitValue(const ScreenView& view, const std::string& value, float width) {
    for (ImFont* font : {view.fonts.large, view.fonts.body, view.fonts.small})
        if (textWidth(font, value) <= width) return {font, value};
    std::string tail = value;
    while (!tail.empty() && textWidth(view.fonts.small, "…" + tail) > width) {
        size_t cut = 1;
        while (cut < tail.size() && (static_cast<unsigned char>(tail[cut]) & 0xC0) == 0x80) ++cut;  // a whole code point
        tail.erase(0, cut);
    }
    return {view.fonts.small, "…" + tail};
}

}  // namespace

void formField(FormColumn& col, FormFocus& focus, const std::string& id, const std::string& label,
               const core::session::SecureString& value, bool pinyinField) {
    const ScreenView& view = col.view;
    const auto& pal = view.palette;
    const float s = view.scale;
    const float labelH = view.fonts.small->FontSize * 1.3f, fieldH = 88 * s;
    const float errorH = errorHeight(col, focus, id);
    const float rowH = labelH + fieldH + (errorH > 0 ? 4 * s + errorH : 0) + 14 * s;
    const float top = col.y;
    col.y += rowH;
    col.rowEnds.push_back(col.y);
    if (col.measuring || !rowShows(col, top, rowH)) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    drawTextIn(draw, view.fonts.small, {col.x, top, col.w, 0}, pal.textMuted, label, view.audit, col.prefix + "." + id + ".label");
    const Rect r{col.x, top + labelH, col.w, fieldH};
    const bool focused = focus.focused == id;
    if (tapAreaShown(view, "field:" + id, r, pal.card, focused ? pal.accent : pal.cardBorder, focused ? 4.0f : 1.5f, col.viewport) &&
        col.tapsAllowed) {
        // A name field opens in the screen language's mode; tapping it again keeps the visitor's choice.
        if (pinyinField && !focused) focus.keyboard.mode = nameKeyboardMode(view.language);
        focus.focused = id;
        focus.keyboard.pinyin.wipe();
        focus.keyboard.candidates.clear();
    }
    std::string shown(value.view());
    if (focused) shown += std::string(focus.keyboard.pinyin.view()) + "|";
    const Rect box{r.x + 20 * s, r.y, r.w - 40 * s, r.h};
    const auto [font, fitted] = fitValue(view, shown, box.w);
    drawTextIn(draw, font, box, pal.text, fitted, view.audit, col.prefix + "." + id + ".value");
    drawError(col, focus, id, r.y + r.h + 4 * s);
}

void formCheck(FormColumn& col, const FormFocus& focus, const std::string& id, const std::string& label, bool& value,
               bool required) {
    const ScreenView& view = col.view;
    const auto& pal = view.palette;
    const float s = view.scale;
    const Metrics sizes = metricsFor(view.scale);
    const float box = 64 * s;
    const std::vector<std::string> lines = wrapText(view.fonts.small, label, col.w - box - 24 * s);
    const float h = std::max(box, view.fonts.small->FontSize * 1.2f * static_cast<float>(lines.size()));
    // The whole row is the target: at least a touch row high, however short its label.
    const float targetH = std::max(h + 8 * s, sizes.rowH);
    const float errorH = errorHeight(col, focus, id);
    const float rowH = targetH + 12 * s + errorH;
    const float top = col.y;
    col.y += rowH;
    col.rowEnds.push_back(col.y);
    if (col.measuring || !rowShows(col, top, rowH)) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (tapAreaShown(view, "check:" + id, {col.x, top, col.w, targetH}, pal.background, pal.background, 1.5f, col.viewport) &&
        col.tapsAllowed)
        value = !value;
    draw->AddRectFilled(ImVec2(col.x, top), ImVec2(col.x + box, top + box), value ? pal.accent : pal.card, 12 * s);
    draw->AddRect(ImVec2(col.x, top), ImVec2(col.x + box, top + box), pal.accent, 12 * s, 0, 3 * s);
    if (value)
        drawTextIn(draw, view.fonts.large, {col.x, top, box, box}, pal.accentText, "✓", view.audit, col.prefix + ".tick." + id,
                   Align::Center);
    drawTextWrapped(draw, view.fonts.small, {col.x + box + 24 * s, top, col.w - box - 24 * s, 0}, required ? pal.text : pal.textMuted,
                    label, view.audit, col.prefix + ".check." + id);
    drawError(col, focus, id, top + targetH + 12 * s - sizes.spacing);
}

float formRows(const ScreenView& view, const std::string& prefix, const Rect& area, ScrollState& scroll,
               const std::function<void(FormColumn&)>& rows) {
    FormColumn measure{view, prefix, area.x, area.w, 0};
    measure.measuring = true;
    rows(measure);
    if (measure.y <= area.h) {
        scroll.reset();
        FormColumn col{view, prefix, area.x, area.w, area.y};
        rows(col);
        return measure.y;
    }
    // Too tall: the rows scroll, narrower by a gutter for the position bar (measured again at that width).
    const float gutter = 20 * view.scale;
    FormColumn narrow{view, prefix, area.x, area.w - gutter, 0};
    narrow.measuring = true;
    rows(narrow);
    // At rest the viewport shows whole rows only (a sliver of a row would be a target too small to touch).
    float shownH = 0;
    for (float end : narrow.rowEnds)
        if (end <= area.h) shownH = end;
    if (shownH <= 0) shownH = area.h;
    const Rect viewport{area.x, area.y, area.w, shownH};
    ScrollArea list(view, scroll, viewport, narrow.y);
    FormColumn col{view, prefix, area.x, area.w - gutter, area.y - list.offset()};
    col.viewport = &viewport;
    col.tapsAllowed = list.tapsAllowed();
    rows(col);
    return shownH;
}

KeyboardMode fieldKeyboardMode(const std::string& field, KeyboardMode current) {
    if (field == "mobile") return KeyboardMode::Digits;
    if (field == "email") return KeyboardMode::Latin;
    return current;
}

bool formKeyboard(const ScreenView& view, FormFocus& focus, PinyinEngine* pinyin, core::session::SecureString& target,
                  bool allowModeSwitch, const Rect& area) {
    if (focus.focused.empty()) return false;
    KeyboardState& ks = focus.keyboard;
    const KeyboardMode saved = ks.mode;
    ks.mode = fieldKeyboardMode(focus.focused, ks.mode);
    const float kbH = OnScreenKeyboard::height(ks.mode, view.scale);
    const Rect bottom{0, view.height - kbH, view.width, kbH};
    OnScreenKeyboard kb;
    KeyboardEdit edit = kb.drawAndType(view, ks, pinyin, area.w > 0 ? area : bottom, allowModeSwitch);
    if (!allowModeSwitch) ks.mode = saved;  // digits/Latin fields leave the name field's choice alone
    for (int i = 0; i < edit.backspaces; ++i) target.popBackCodepoint();
    // Fields have sane limits; the validation names anything longer.
    if (!edit.insert.empty() && target.size() + edit.insert.size() <= 256) target.append(edit.insert);
    const bool changed = !edit.insert.empty() || edit.backspaces > 0;
    if (changed) focus.errors.erase(focus.focused);
    if (edit.done) {
        focus.focused.clear();
        ks.pinyin.wipe();
        ks.candidates.clear();
    }
    return changed;
}

}  // namespace ui
