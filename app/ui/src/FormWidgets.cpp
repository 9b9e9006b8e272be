#include "ui/FormWidgets.h"

#include <imgui.h>

#include <algorithm>

#include "ui/Layout.h"
#include "ui/TopBar.h"
#include "ui/Metrics.h"

namespace ui {

bool tapArea(const ScreenView& view, const std::string& id, const Rect& r, std::uint32_t fill, std::uint32_t border,
             float borderPx) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool tapped = ImGui::InvisibleButton("t", ImVec2(r.w, r.h));
    const bool down = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), down ? view.palette.cardPressed : fill,
                        16 * view.scale);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), border, 16 * view.scale, 0, borderPx * view.scale);
    if (view.hits) view.hits->add(id, r);
    return tapped;
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

void drawError(FormColumn& col, const FormFocus& focus, const std::string& id, float lift) {
    auto e = focus.errors.find(id);
    if (e == focus.errors.end()) return;
    const ScreenView& view = col.view;
    // A long message wraps under its field rather than shrinking out of sight.
    col.y += drawTextWrapped(ImGui::GetWindowDrawList(), view.fonts.small, {col.x, col.y + lift, col.w, 0}, kErrorColour,
                             focus.message(e->second), view.audit, col.prefix + "." + id + ".error") + 0.1f * view.fonts.small->FontSize;
}

}  // namespace

void formField(FormColumn& col, FormFocus& focus, const std::string& id, const std::string& label,
               const core::session::SecureString& value, bool pinyinField) {
    const ScreenView& view = col.view;
    const auto& pal = view.palette;
    const float s = view.scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    drawTextIn(draw, view.fonts.small, {col.x, col.y, col.w, 0}, pal.textMuted, label, view.audit,
               col.prefix + "." + id + ".label");
    col.y += view.fonts.small->FontSize * 1.3f;
    const Rect r{col.x, col.y, col.w, 88 * s};
    const bool focused = focus.focused == id;
    if (tapArea(view, "field:" + id, r, pal.card, focused ? pal.accent : pal.cardBorder, focused ? 4.0f : 1.5f)) {
        // A name field opens in the screen language's mode; tapping it again keeps the visitor's choice.
        if (pinyinField && !focused) focus.keyboard.mode = nameKeyboardMode(view.language);
        focus.focused = id;
        focus.keyboard.pinyin.wipe();
        focus.keyboard.candidates.clear();
    }
    std::string shown(value.view());
    if (focused) shown += std::string(focus.keyboard.pinyin.view()) + "|";
    drawTextIn(draw, view.fonts.large, {r.x + 20 * s, r.y, r.w - 40 * s, r.h}, pal.text, shown, view.audit,
               col.prefix + "." + id + ".value");
    col.y += 88 * s;
    drawError(col, focus, id, 4 * s);
    col.y += 14 * s;
}

void formCheck(FormColumn& col, const FormFocus& focus, const std::string& id, const std::string& label, bool& value,
               bool required) {
    const ScreenView& view = col.view;
    const auto& pal = view.palette;
    const float s = view.scale;
    const Metrics sizes = metricsFor(view.scale);
    const float box = 64 * s;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::vector<std::string> lines = wrapText(view.fonts.small, label, col.w - box - 24 * s);
    const float h = std::max(box, view.fonts.small->FontSize * 1.2f * static_cast<float>(lines.size()));
    // The whole row is the target: at least a touch row high, however short its label.
    if (tapArea(view, "check:" + id, {col.x, col.y, col.w, std::max(h + 8 * s, sizes.rowH)}, pal.background, pal.background))
        value = !value;
    draw->AddRectFilled(ImVec2(col.x, col.y), ImVec2(col.x + box, col.y + box), value ? pal.accent : pal.card, 12 * s);
    draw->AddRect(ImVec2(col.x, col.y), ImVec2(col.x + box, col.y + box), pal.accent, 12 * s, 0, 3 * s);
    if (value)
        drawTextIn(draw, view.fonts.large, {col.x, col.y, box, box}, pal.accentText, "✓", view.audit,
                   col.prefix + ".tick." + id, Align::Center);
    drawTextWrapped(draw, view.fonts.small, {col.x + box + 24 * s, col.y, col.w - box - 24 * s, 0},
                    required ? pal.text : pal.textMuted, label, view.audit, col.prefix + ".check." + id);
    col.y += std::max(h + 8 * s, sizes.rowH) + 12 * s;
    drawError(col, focus, id, -sizes.spacing);
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
