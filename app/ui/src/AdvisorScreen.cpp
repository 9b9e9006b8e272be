#include "ui/AdvisorScreen.h"

#include <imgui.h>

#include "ui/Widgets.h"

namespace ui {

Intent PinPadScreen::draw(const ScreenView& view, const PinPadView& pad, KeyboardState& keyboard, PinPadIntent& out) const {
    Intent intent;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& pal = view.palette;
    const float s = view.scale, margin = 64 * s;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (touchButton(view, "back", "‹ " + c.ui("booking.back", lang), {margin, margin * 0.5f, 260 * s, 96 * s}, false))
        intent.back = true;
    const float w = 640 * s, x = view.width * 0.5f - w * 0.5f;
    float y = view.height * 0.12f;
    drawTextIn(draw, view.fonts.title, {x, y, w, 0}, pal.text, c.ui("advisor.pin_title", lang), view.audit, "advisor.pin_title",
               Align::Center);
    y += 110 * s;
    const std::string dots = std::string(pad.digitsTyped.size() * 2, ' ');
    std::string shown;
    for (size_t i = 0; i < pad.digitsTyped.size(); ++i) shown += "●";
    draw->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + 96 * s), pal.card, 16 * s);
    drawTextIn(draw, view.fonts.large, {x, y, w, 96 * s}, pal.text, shown, nullptr, "", Align::Center);
    y += 120 * s;
    std::string note;
    if (pad.lockedForSeconds > 0)
        note = fillTemplate(c.ui("advisor.locked", lang), "s", std::to_string(static_cast<int>(pad.lockedForSeconds + 0.999)));
    else if (pad.lastWrong)
        note = fillTemplate(c.ui("advisor.wrong_pin", lang), "n", std::to_string(pad.attemptsLeft));
    if (!note.empty())
        drawTextIn(draw, view.fonts.body, {x - 200 * s, y, w + 400 * s, 0}, 0xFF2020C0, note, view.audit, "advisor.note",
                   Align::Center);
    keyboard.mode = KeyboardMode::Digits;
    const float kbH = OnScreenKeyboard::height(KeyboardMode::Digits, s);
    const Rect area{x, view.height - kbH - margin * 0.5f, w, kbH};
    OnScreenKeyboard kb;
    KeyboardEdit edit = kb.draw(view, keyboard, nullptr, area, false);
    std::u32string typed;
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) typed += static_cast<char32_t>(ch);
    if (!typed.empty()) {
        KeyboardEdit more = kb.typeCharacters(keyboard, nullptr, typed);
        edit.insert += more.insert;
        edit.backspaces += more.backspaces;
        edit.done = edit.done || more.done;
    }
    for (char ch : edit.insert)
        if (ch >= '0' && ch <= '9') out.append += ch;
    out.backspaces = edit.backspaces;
    out.submit = edit.done;
    return intent;
}

Intent AdvisorScreen::draw(const ScreenView& view, const AdvisorView& av, KeyboardState& keyboard, AdvisorIntent& out) const {
    Intent intent;
    const auto& c = view.catalog;
    const auto& lang = view.language;
    const auto& pal = view.palette;
    const auto& cur = c.market.currency;
    const float s = view.scale, margin = 64 * s, gap = 32 * s;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    auto text = [&](ImFont* f, const Rect& box, std::uint32_t col, const std::string& str, const std::string& id,
                    Align a = Align::Left) { drawTextIn(draw, f, box, col, str, view.audit, id, a); };
    const float barY = margin * 0.5f;
    if (touchButton(view, "lock", c.ui("advisor.lock", lang), {margin, barY, 260 * s, 96 * s}, true)) out.lock = true;
    text(view.fonts.large, {margin + 300 * s, barY, view.width - 2 * margin - 300 * s, 96 * s}, pal.text,
         c.ui("advisor.title", lang), "advisor.title");

    const float top = barY + 96 * s + gap, colW = (view.width - 2 * margin - gap) / 2;
    const Rect left{margin, top, colW, view.height - top - margin * 0.5f};
    const Rect right{margin + colW + gap, top, colW, left.h};
    for (const Rect& r : {left, right}) draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.card, 24 * s);

    // Today's bookings on this kiosk.
    const float pad = 28 * s;
    float x = left.x + pad, w = left.w - 2 * pad, y = left.y + pad;
    text(view.fonts.large, {x, y, w, 0}, pal.text, c.ui("advisor.today", lang), "advisor.today");
    y += view.fonts.large->FontSize * 1.4f;
    if (av.syncing) {
        text(view.fonts.small, {x, y, w, 0}, pal.textMuted,
             fillTemplate(c.ui("advisor.pending", lang), "n", std::to_string(av.pendingSync)), "advisor.pending");
        y += view.fonts.small->FontSize * 1.6f;
    }
    if (av.today.empty()) text(view.fonts.body, {x, y, w, 0}, pal.textMuted, c.ui("advisor.none", lang), "advisor.none");
    int row = 0;
    for (const auto& b : av.today) {
        if (y + 60 * s > left.y + left.h - pad) break;
        const std::string id = "advisor.row" + std::to_string(row++);
        text(view.fonts.body, {x, y, w * 0.18f, 0}, pal.text, b.time, id + ".time");
        text(view.fonts.body, {x + w * 0.2f, y, w * 0.3f, 0}, pal.text, b.name, id + ".name");
        text(view.fonts.body, {x + w * 0.52f, y, w * 0.26f, 0}, pal.textMuted, b.model, id + ".model");
        text(view.fonts.body, {x + w * 0.8f, y, w * 0.2f, 0}, pal.accent, c.ui("status." + b.status, lang), id + ".status",
             Align::Right);
        y += 60 * s;
    }

    // Restore a customer's car from its code; discount and quote for the open car.
    x = right.x + pad, w = right.w - 2 * pad, y = right.y + pad;
    text(view.fonts.large, {x, y, w, 0}, pal.text, c.ui("advisor.restore", lang), "advisor.restore");
    y += view.fonts.large->FontSize * 1.4f;
    draw->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + 84 * s), pal.background, 14 * s);
    text(view.fonts.body, {x + 16 * s, y, w - 32 * s, 84 * s}, pal.text, av.codeTyped + "|", "advisor.code");
    if (view.hits) view.hits->add("field:code", {x, y, w, 84 * s});
    y += 100 * s;
    if (touchButton(view, "restore", c.ui("advisor.restore_button", lang), {x, y, w, 90 * s}, true, !av.codeTyped.empty()))
        out.restoreCode = true;
    y += 106 * s;
    if (!av.message.empty()) {
        y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, pal.textMuted, av.message, view.audit, "advisor.message");
        y += 8 * s;
    }
    if (av.hasCar) {
        text(view.fonts.body, {x, y, w, 0}, pal.text,
             c.ui("advisor.discount", lang) + " " + core::formatMoney(av.discountMinor, cur, lang) + " / " +
                 core::formatMoney(av.discountLimitMinor, cur, lang),
             "advisor.discount");
        y += view.fonts.body->FontSize * 1.5f;
        const float bw = (w - 24 * s) / 3;
        if (touchButton(view, "discount:less", "−", {x, y, bw, 84 * s}, false, av.discountMinor > 0))
            out.discountMinor = std::max<std::int64_t>(0, av.discountMinor - av.discountStepMinor);
        if (touchButton(view, "discount:more", "+", {x + bw + 12 * s, y, bw, 84 * s}, false, av.discountMinor < av.discountLimitMinor))
            out.discountMinor = std::min(av.discountLimitMinor, av.discountMinor + av.discountStepMinor);
        if (touchButton(view, "quote", c.ui("advisor.save_quote", lang), {x + 2 * (bw + 12 * s), y, bw, 84 * s}, true))
            out.saveQuote = true;
    }
    // Letters and digits of a code, typed on the kiosk's keyboard.
    keyboard.mode = KeyboardMode::Latin;
    keyboard.shift = true;
    std::u32string typed;
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) typed += static_cast<char32_t>(ch);
    OnScreenKeyboard kb;
    const KeyboardEdit edit = kb.typeCharacters(keyboard, nullptr, typed);
    for (char ch : edit.insert)
        if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '-')
            out.appendCode += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    out.codeBackspaces = edit.backspaces;
    return intent;
}

}  // namespace ui
