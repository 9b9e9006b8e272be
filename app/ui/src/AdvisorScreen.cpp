#include "ui/AdvisorScreen.h"

#include <imgui.h>

#include <algorithm>

#include "ui/Widgets.h"

namespace ui {

Intent PinPadScreen::draw(const ScreenView& view, const PinPadView& pad, KeyboardState& keyboard, PinPadIntent& out) const {
    Intent intent;
    const Pen pen(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = pen;
    if (touchButton(view, "back", "‹ " + c.ui("booking.back", lang), {sizes.margin, sizes.margin * 0.5f, sizes.backW, sizes.barH}, false))
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
    drawTextIn(draw, view.fonts.large, {x, y, w, sizes.barH}, pal.text, shown, nullptr, "", Align::Center);
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
    const Rect area{x, view.height - kbH - sizes.margin * 0.5f, w, kbH};
    OnScreenKeyboard kb;
    KeyboardEdit edit = kb.drawAndType(view, keyboard, nullptr, area, false);
    for (char ch : edit.insert)
        if (ch >= '0' && ch <= '9') out.append += ch;
    out.backspaces = edit.backspaces;
    out.submit = edit.done;
    return intent;
}

namespace {

// A failing booking store, impossible to miss: white on red across the list's column, the
// sentence for staff and the technical reason for support. Returns the height used.
float storeBanner(const ScreenView& view, const Rect& box, const std::string& problem) {
    const float s = view.scale, pad = 16 * s;
    const std::string headline = view.catalog.ui("advisor.store_failing", view.language);
    const float inner = box.w - 2 * pad;
    const float h = static_cast<float>(wrapText(view.fonts.body, headline, inner).size()) * view.fonts.body->FontSize * 1.2f +
                    static_cast<float>(wrapText(view.fonts.small, problem, inner).size()) * view.fonts.small->FontSize * 1.2f +
                    2 * pad + 6 * s;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.x + box.w, box.y + h), 0xFF2020C0, 12 * s);
    float y = box.y + pad;
    y += drawTextWrapped(draw, view.fonts.body, {box.x + pad, y, inner, 0}, 0xFFFFFFFF, headline, view.audit,
                         "advisor.store_failing") + 6 * s;
    drawTextWrapped(draw, view.fonts.small, {box.x + pad, y, inner, 0}, 0xFFFFFFFF, problem, view.audit, "advisor.store_problem");
    return h;
}

}  // namespace

namespace {

// A text field the keyboard types into; tapping it gives it the keyboard.
void textField(const ScreenView& view, AdvisorUiState& st, const std::string& id, const Rect& r, const std::string& shown) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const bool focused = st.focused == id;
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.background, 14 * s);
    // Outlined always: in high contrast the field's fill is the card's white.
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), focused ? pal.accent : pal.cardBorder, 14 * s, 0,
                  (focused ? 4 : 2) * s);
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    if (ImGui::InvisibleButton(("field:" + id).c_str(), ImVec2(r.w, r.h))) {
        st.focused = id;
        st.keyboard.wipe();
        st.keyboard.mode = KeyboardMode::Latin;
    }
    if (view.hits) view.hits->add("field:" + id, r);
    text(view.fonts.body, {r.x + 16 * s, r.y, r.w - 32 * s, r.h}, pal.text, shown + (focused ? "|" : ""), "advisor." + id);
}

// The hub's list needs the advisor's own sign-in; the kiosk's PIN opens only this screen.
// Nothing tappable may lie under the keyboard (`kbTop`): the keys are drawn later and a finger
// on one would also press what is beneath.
void drawSignIn(const ScreenView& view, const AdvisorView& av, AdvisorUiState& st, AdvisorIntent& out, float x, float y, float w,
                float kbTop) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const bool typing = !st.focused.empty();
    if (!typing)
        y += drawTextWrapped(draw, view.fonts.body, {x, y, w, 0}, pal.text, c.ui("advisor.signin_title", lang), view.audit,
                             "advisor.signin_title") + 8 * s;
    // While typing, the two fields share a row so the sign-in button stays above the keyboard.
    const float fw = typing ? (w - 16 * s) / 2 : w;
    const float idX = x, pwX = typing ? x + fw + 16 * s : x;
    text(view.fonts.small, {idX, y, fw, 0}, pal.textMuted, c.ui("advisor.advisor_id", lang), "advisor.advisor_id_label");
    const float labelH = view.fonts.small->FontSize * 1.3f;
    textField(view, st, "advisor_id", {idX, y + labelH, fw, sizes.rowH}, av.signInIdTyped);
    if (!typing) y += labelH + sizes.barH;
    text(view.fonts.small, {pwX, y, fw, 0}, pal.textMuted, c.ui("advisor.password", lang), "advisor.password_label");
    std::string dots;
    for (size_t i = 0; i < av.passwordLength; ++i) dots += "●";
    textField(view, st, "password", {pwX, y + labelH, fw, sizes.rowH}, dots);
    y += labelH + 100 * s;
    const bool ready = !av.signInIdTyped.empty() && av.passwordLength > 0 && !av.busy;
    if (y + 90 * s <= kbTop &&
        touchButton(view, "signin", c.ui(av.busy ? "advisor.working" : "advisor.signin", lang), {x, y, w, 90 * s}, true, ready))
        out.signIn = true;
}

// Today's test drives, a row each with at most two of the desk's steps; the list scrolls.
void drawTodayList(const ScreenView& view, const AdvisorView& av, AdvisorUiState& st, AdvisorIntent& out, const Rect& list,
                   float x, float w) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float rowH = 112 * s, y = list.y;
    if (av.today.empty() && av.listFailed)
        text(view.fonts.body, {x, y, w, 0}, 0xFF2020C0, c.ui("advisor.list_failed", lang), "advisor.list_failed");
    else if (av.today.empty())
        text(view.fonts.body, {x, y, w, 0}, pal.textMuted, c.ui("advisor.none", lang), "advisor.none");
    ScrollArea scroll(view, st.scroll, list, rowH * static_cast<float>(av.today.size()));
    for (size_t i = 0; i < av.today.size(); ++i) {
        const float rowY = list.y + rowH * static_cast<float>(i);
        if (!scroll.visible(rowY, rowH)) continue;
        const float ry = rowY - scroll.offset();
        const auto& b = av.today[i];
        const std::string id = "advisor.row" + std::to_string(i);
        const float textW = w * 0.52f;
        text(view.fonts.body, {x, ry + 8 * s, textW * 0.3f, 0}, pal.text, b.time, id + ".time");
        text(view.fonts.body, {x + textW * 0.32f, ry + 8 * s, textW * 0.68f, 0}, pal.text, b.name, id + ".name");
        text(view.fonts.small, {x, ry + 56 * s, textW, 0}, pal.textMuted, b.model + "  ·  " + c.ui("status." + b.status, lang),
             id + ".status");
        // At most two steps fit beside the row; the most likely come first. The widget's identity
        // is the booking, so a list that refreshes under the finger cannot move a tap to another row.
        const size_t shownSteps = std::min<size_t>(b.actions.size(), 2);
        const float bw = shownSteps ? (w - textW - sizes.spacing * static_cast<float>(shownSteps)) / static_cast<float>(shownSteps) : 0;
        ImGui::PushID(b.bookingId.c_str());
        for (size_t k = 0; k < shownSteps; ++k) {
            const Rect br{x + textW + sizes.spacing + static_cast<float>(k) * (bw + sizes.spacing), ry + 10 * s, bw, rowH - 20 * s};
            const std::string target = "desk:" + std::to_string(i) + ":" + b.actions[k];
            if (touchButton(view, target, c.ui("desk." + b.actions[k], lang), br, k == 0, !av.busy) && scroll.tapsAllowed())
                out.deskStep = std::make_pair(b.bookingId, b.actions[k]);
        }
        ImGui::PopID();
        draw->AddLine(ImVec2(x, ry + rowH - 1), ImVec2(x + w, ry + rowH - 1), pal.cardBorder);
    }
}

// The left column: today's test drives and the desk's steps, or the hub's sign-in.
void drawBookingsColumn(const ScreenView& view, const AdvisorView& av, AdvisorUiState& st, AdvisorIntent& out, const Rect& left,
                        float kbTop) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float pad = 28 * s;
    const float x = left.x + pad, w = left.w - 2 * pad;
    float y = left.y + pad;
    const bool signOut = av.viaHub && av.signedIn;
    text(view.fonts.large, {x, y, signOut ? w * 0.6f : w, 0}, pal.text, c.ui("advisor.today", lang), "advisor.today");
    if (signOut &&
        touchButton(view, "signout", c.ui("advisor.signout", lang), {x + w * 0.62f, y - 8 * s, w * 0.38f, sizes.rowH}, false))
        out.signOut = true;
    y += view.fonts.large->FontSize * 1.4f + sizes.spacing;
    if (av.viaHub && av.signedIn) {
        text(view.fonts.small, {x, y, w, 0}, pal.textMuted,
             fillTemplate(c.ui("advisor.signed_in", lang), "id", av.advisorId) + "  ·  " +
                 fillTemplate(c.ui("advisor.pending", lang), "n", std::to_string(av.pendingSync)),
             "advisor.pending");
        y += view.fonts.small->FontSize * 1.6f;
    } else if (av.syncing && !av.viaHub) {
        text(view.fonts.small, {x, y, w, 0}, pal.textMuted,
             fillTemplate(c.ui("advisor.pending", lang), "n", std::to_string(av.pendingSync)), "advisor.pending");
        y += view.fonts.small->FontSize * 1.6f;
    }
    if (!av.storeProblem.empty()) y += storeBanner(view, {x, y, w, 0}, av.storeProblem) + sizes.spacing;
    if (!av.deskError.empty()) {
        y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, 0xFF2020C0, av.deskError, view.audit, "advisor.desk_error");
        y += 6 * s;
    }
    if (av.viaHub && !av.signedIn) {
        drawSignIn(view, av, st, out, x, y, w, kbTop);
        return;
    }
    const float bottom = std::min(left.y + left.h - pad, kbTop - 8 * s);
    drawTodayList(view, av, st, out, {left.x, y, left.w, std::max(0.0f, bottom - y)}, x, w);
}

// The customer column's height: restoring a code, the last message and the discount row, measured
// as drawCustomerColumn lays them out (with a car open, so the card does not jump when one opens).
// `width`: the column's, padding included.
float customerColumnHeight(const ScreenView& view, const AdvisorView& av, float width) {
    const float s = view.scale, pad = 28 * s;
    const Metrics sizes = metricsFor(s);
    float h = pad + view.fonts.large->FontSize * 1.4f + 100 * s + 106 * s;
    if (!av.message.empty())
        h += static_cast<float>(wrapText(view.fonts.small, av.message, width - 2 * pad).size()) * view.fonts.small->FontSize * 1.2f + 8 * s;
    return h + view.fonts.body->FontSize * 1.5f + sizes.rowH + pad;
}

// The right column: restore a customer's car from its code; discount and quote for the open car.
void drawCustomerColumn(const ScreenView& view, const AdvisorView& av, AdvisorUiState& st, AdvisorIntent& out, const Rect& right,
                        float kbTop) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const auto& cur = c.market.currency;
    const float pad = 28 * s;
    const float x = right.x + pad, w = right.w - 2 * pad;
    float y = right.y + pad;
    text(view.fonts.large, {x, y, w, 0}, pal.text, c.ui("advisor.restore", lang), "advisor.restore");
    y += view.fonts.large->FontSize * 1.4f;
    textField(view, st, "code", {x, y, w, sizes.rowH}, av.codeTyped);
    y += 100 * s;
    if (touchButton(view, "restore", c.ui("advisor.restore_button", lang), {x, y, w, 90 * s}, true, !av.codeTyped.empty()))
        out.restoreCode = true;
    y += 106 * s;
    if (!av.message.empty() && y < kbTop) {
        y += drawTextWrapped(draw, view.fonts.small, {x, y, w, 0}, pal.textMuted, av.message, view.audit, "advisor.message");
        y += 8 * s;
    }
    if (!av.hasCar || !st.focused.empty()) return;
    text(view.fonts.body, {x, y, w, 0}, pal.text,
         c.ui("advisor.discount", lang) + " " + core::formatMoney(av.discountMinor, cur, lang) + " / " +
             core::formatMoney(av.discountLimitMinor, cur, lang),
         "advisor.discount");
    y += view.fonts.body->FontSize * 1.5f;
    const float bw = (w - 24 * s) / 3;
    if (touchButton(view, "discount:less", "−", {x, y, bw, sizes.rowH}, false, av.discountMinor > 0))
        out.discountMinor = std::max<std::int64_t>(0, av.discountMinor - av.discountStepMinor);
    if (touchButton(view, "discount:more", "+", {x + bw + sizes.spacing, y, bw, sizes.rowH}, false, av.discountMinor < av.discountLimitMinor))
        out.discountMinor = std::min(av.discountLimitMinor, av.discountMinor + av.discountStepMinor);
    if (touchButton(view, "quote", c.ui("advisor.save_quote", lang), {x + 2 * (bw + sizes.spacing), y, bw, sizes.rowH}, true))
        out.saveQuote = true;
}

// The keyboard for the focused field, along the bottom; a physical keyboard types there too.
void drawFieldKeyboard(const ScreenView& view, const AdvisorView& av, AdvisorUiState& st, AdvisorIntent& out, float kbH) {
    if (st.focused.empty()) return;
    st.keyboard.mode = KeyboardMode::Latin;
    if (st.focused == "code") st.keyboard.shift = true;  // codes are upper case
    OnScreenKeyboard kb;
    const Rect area{0, view.height - kbH, view.width, kbH};
    KeyboardEdit edit = kb.drawAndType(view, st.keyboard, nullptr, area, false);
    for (char ch : edit.insert) {
        if (st.focused == "code") {
            if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '-')
                out.append += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
        } else if (st.focused == "advisor_id") {
            if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch == '-') out.append += ch;
            else if (ch >= 'A' && ch <= 'Z') out.append += static_cast<char>(ch - 'A' + 'a');  // ids are lower case
        } else if (static_cast<unsigned char>(ch) >= 0x20) {
            out.append += ch;
        }
    }
    out.backspaces = edit.backspaces;
    out.field = st.focused;
    if (edit.done) {
        if (st.focused == "password") out.signIn = !av.signInIdTyped.empty() && !av.busy;
        st.focused.clear();
        st.keyboard.wipe();
    }
}

}  // namespace

AdvisorLayout computeAdvisorLayout(float width, float height, float scale, float titleWidthPx, float guideLabelWidthPx,
                                   float customerHeightPx) {
    const Metrics sizes = metricsFor(scale);
    AdvisorLayout l;
    const float barY = sizes.margin * 0.5f;
    l.lock = {sizes.margin, barY, sizes.backW, sizes.barH};
    // The guide button as wide as its words need (and no wider than at 1080p), so the title has room.
    const float guideW = std::clamp(guideLabelWidthPx + 2 * sizes.margin, sizes.backW, 400 * scale);
    l.guide = {width - sizes.margin - guideW, barY, guideW, sizes.barH};
    const float titleX = l.lock.x + l.lock.w + 40 * scale;
    l.title = {titleX, barY, l.guide.x - sizes.gap - titleX, sizes.barH};
    float top = barY + sizes.barH + sizes.gapWide;
    if (titleWidthPx > l.title.w) {
        // No room between the buttons: the title takes a line of its own under them.
        l.title = {sizes.margin, top, width - 2 * sizes.margin, sizes.barH};
        top += sizes.barH + sizes.gap;
    }
    const float contentW = width - 2 * sizes.margin, bottom = height - sizes.margin * 0.5f;
    const float colW = (contentW - sizes.gapWide) / 2;
    l.stacked = colW < kAdvisorMinColumnW * scale;
    if (!l.stacked) {
        l.bookings = {sizes.margin, top, colW, bottom - top};
        l.customer = {sizes.margin + colW + sizes.gapWide, top, colW, bottom - top};
    } else {
        // A portrait screen: the customer's car on top, as tall as it needs; today's list under it
        // takes the rest and scrolls.
        l.customer = {sizes.margin, top, contentW, std::min(customerHeightPx, (bottom - top) * 0.5f)};
        const float listTop = top + l.customer.h + sizes.gapWide;
        l.bookings = {sizes.margin, listTop, contentW, bottom - listTop};
    }
    return l;
}

Intent AdvisorScreen::draw(const ScreenView& view, const AdvisorView& av, AdvisorUiState& st, AdvisorIntent& out) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const std::string title = c.ui("advisor.title", lang), guide = c.ui("guide.open", lang);
    const AdvisorLayout l = computeAdvisorLayout(view.width, view.height, s, textWidth(view.fonts.large, title),
                                                 textWidth(view.fonts.body, guide),
                                                 customerColumnHeight(view, av, view.width - 2 * sizes.margin));
    if (touchButton(view, "lock", c.ui("advisor.lock", lang), l.lock, true)) out.lock = true;
    // The buying guide, to go through with the customer.
    if (touchButton(view, "guide", guide, l.guide, false)) intent.openGuide = true;
    text(view.fonts.large, l.title, pal.text, title, "advisor.title");
    for (const Rect& r : {l.bookings, l.customer}) draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.card, 24 * s);
    const float kbH = st.focused.empty() ? 0 : OnScreenKeyboard::height(KeyboardMode::Latin, s);
    drawBookingsColumn(view, av, st, out, l.bookings, view.height - kbH);
    drawCustomerColumn(view, av, st, out, l.customer, view.height - kbH);
    drawFieldKeyboard(view, av, st, out, kbH);
    return intent;
}

}  // namespace ui
