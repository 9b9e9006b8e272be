#include "ui/BookingScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/booking/BookingSettings.h"

#include "ui/FormWidgets.h"
#include "ui/TopBar.h"

namespace ui {

namespace {

// The "when" column: the day and the slot, or the event queue's wait.
void drawWhen(const ScreenView& view, const BookingView& bv, BookingIntent& out, const Rect& column) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    BookingUiState& st = bv.state;
    const float leftW = column.w;
    float y = column.y;
    if (st.queueMode) {
        text(view.fonts.large, {sizes.margin, y, leftW, 0}, pal.text, c.ui("booking.queue_title", lang), "booking.queue_title");
        y += 80 * s;
        text(view.fonts.body, {sizes.margin, y, leftW, 0}, pal.textMuted,
             fillTemplate(c.ui("booking.queue_wait", lang), "min", std::to_string(bv.queueWaitMinutes)), "booking.queue_wait");
    } else {
        text(view.fonts.large, {sizes.margin, y, leftW, 0}, pal.text, c.ui("booking.when", lang), "booking.when");
        y += 76 * s;
        const float dayW = (leftW - 2 * 12 * s) / 3;
        for (size_t d = 0; d < bv.dayLabels.size() && d < 3; ++d) {
            const Rect r{sizes.margin + static_cast<float>(d) * (dayW + sizes.spacing), y, dayW, sizes.rowH};
            const bool on = static_cast<int>(d) == st.dayOffset;
            if (tapArea(view, "day:" + std::to_string(d), r, on ? pal.accent : pal.card, on ? pal.accent : pal.cardBorder)) {
                st.dayOffset = static_cast<int>(d);
                st.slot.clear();
                out.dayChanged = true;
            }
            ImFont* font = textWidth(view.fonts.body, bv.dayLabels[d]) <= r.w - sizes.spacing ? view.fonts.body : view.fonts.small;
            text(font, {r.x + 6 * s, r.y, r.w - sizes.spacing, r.h}, on ? pal.accentText : pal.text, bv.dayLabels[d],
                 "booking.day" + std::to_string(d), Align::Center);
        }
        y += sizes.rowH + sizes.gap;
        const int cols = 3;
        const float sw = (leftW - static_cast<float>(cols - 1) * 12 * s) / cols, sh = sizes.rowH;
        const float bottom = column.y + column.h;
        if (bv.slots.empty()) text(view.fonts.body, {sizes.margin, y, leftW, 0}, pal.textMuted, c.ui("booking.closed", lang), "booking.closed");
        for (size_t i = 0; i < bv.slots.size(); ++i) {
            const SlotChoice& sl = bv.slots[i];
            const Rect r{sizes.margin + static_cast<float>(i % cols) * (sw + sizes.spacing), y + static_cast<float>(i / cols) * (sh + sizes.spacing), sw, sh};
            if (r.y + r.h > bottom) break;
            const bool on = sl.slot == st.slot, full = sl.seatsLeft <= 0;
            if (tapArea(view, "slot:" + sl.slot.substr(11), r, on ? pal.accent : full ? pal.background : pal.card,
                        on ? pal.accent : pal.cardBorder) &&
                !full)
                st.slot = sl.slot;
            const std::string label = sl.slot.substr(11) + (full ? "  " + c.ui("booking.full", lang) : "");
            text(view.fonts.body, {r.x + 6 * s, r.y, r.w - sizes.spacing, r.h}, on ? pal.accentText : full ? pal.textMuted : pal.text, label,
                 "booking.slot" + std::to_string(i), Align::Center);
        }
    }
}

}  // namespace

Intent BookingScreen::draw(const ScreenView& view, const BookingView& bv, BookingIntent& out) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    BookingUiState& st = bv.state;
    auto& form = bv.form;

    const float barY = formHeader(view, c.ui("booking.title", lang) + " · " + bv.model.name.get(lang), "booking", intent);

    const float top = barY + sizes.barH + sizes.gap;
    const bool keyboardOpen = !st.focused.empty();
    float kbH = keyboardOpen ? OnScreenKeyboard::height(fieldKeyboardMode(st.focused, st.keyboard.mode), s) : 0;
    // The keyboard goes along the bottom, or, where there it would cover the fields it types into
    // (a landscape screen in low reach, whose bar comes down to the reach line), in the place of
    // the "when" column beside them, as tall as that leaves.
    const float fieldH = view.fonts.small->FontSize * 1.3f + 102 * s;  // label, field and the space under it
    const bool keyboardBeside = keyboardOpen && view.height - kbH < top + 2 * fieldH;
    const float leftW = (view.width - 2 * sizes.margin - sizes.gap) * (keyboardBeside ? 0.62f : 0.42f);
    const float rightX = sizes.margin + leftW + sizes.gap, rightW = view.width - sizes.margin - rightX;
    const Rect keyboardArea = keyboardBeside ? Rect{sizes.margin, top, leftW, view.height - sizes.margin * 0.5f - top}
                                             : Rect{0, view.height - kbH, view.width, kbH};
    if (keyboardBeside) kbH = 0;  // nothing else is below

    // Left: when (while the keyboard is not there).
    if (!keyboardBeside) drawWhen(view, bv, out, {sizes.margin, top, leftW, view.height - sizes.margin * 0.5f - kbH - top});

    // Right: who, and the consent; the rows scroll above "book" where they do not all fit.
    FormFocus focus{st.focused, st.keyboard, st.errors,
                    [&](const std::string& code) { return bv.settings.message(code, lang); }};
    auto field = [&](FormColumn& col, const std::string& id, const std::string& labelKey, core::session::SecureString& value,
                     bool optional) {
        formField(col, focus, id, c.ui(labelKey, lang) + (optional ? " " + c.ui("booking.optional", lang) : ""), value,
                  id == "name");
    };
    if (keyboardOpen) {
        // Only what fits above the keyboard: name and mobile, or the e-mail alone (the field typed into is always shown).
        FormColumn col{view, "booking", rightX, rightW, top};
        if (st.focused != "email") {
            field(col, "name", "booking.name", form.name, false);
            field(col, "mobile", "booking.mobile", form.mobile, false);
        } else {
            field(col, "email", "booking.email", form.email, true);
        }
    } else {
        const Rect submit{rightX, view.height - sizes.margin * 0.5f - 110 * s, rightW, 110 * s};
        const float noteY = submit.y - 46 * s;
        const float rowsBottom = (bv.online ? submit.y : noteY) - sizes.spacing;
        formRows(view, "booking", {rightX, top, rightW, rowsBottom - top}, st.formScroll, [&](FormColumn& col) {
            field(col, "name", "booking.name", form.name, false);
            field(col, "mobile", "booking.mobile", form.mobile, false);
            field(col, "email", "booking.email", form.email, true);
            formCheck(col, focus, "licence", bv.settings.consent.licence.get(lang), form.licenceConfirmed, true);
            formCheck(col, focus, "consent", bv.settings.consent.purpose.get(lang), form.consentBooking, true);
            formCheck(col, focus, "contact", bv.settings.consent.contact.get(lang), form.consentContact, false);
        });
        const bool ready = (st.queueMode || !st.slot.empty()) && !form.name.empty() && !form.mobile.empty() &&
                           form.licenceConfirmed && form.consentBooking;
        if (tapArea(view, "submit", submit, ready ? pal.accent : pal.background, pal.accent, 3.0f) && ready) out.submit = true;
        text(view.fonts.large, submit, ready ? pal.accentText : pal.textMuted,
             c.ui(st.queueMode ? "booking.submit_queue" : "booking.submit", lang), "booking.submit", Align::Center);
        if (!bv.online)
            text(view.fonts.small, {rightX, noteY, rightW, 0}, pal.textMuted, c.ui("booking.offline_note", lang), "booking.offline");
    }

    // The keyboard for the focused field, along the bottom.
    if (keyboardOpen) {
        core::session::SecureString& target = st.focused == "name" ? form.name : st.focused == "mobile" ? form.mobile : form.email;
        formKeyboard(view, focus, bv.pinyin, target, st.focused == "name", keyboardArea);
    }
    return intent;
}

std::string formatSlotTime(const core::Catalog& c, const std::string& slot, const std::string& lang) {
    const auto at = core::parseLocalDateTime(slot);
    if (!at) return slot;
    const auto& [date, minute] = *at;
    // Month names: one content string of twelve, comma separated.
    std::vector<std::string> months;
    const std::string names = c.ui("date.months", lang);
    for (size_t start = 0; start <= names.size();) {
        const size_t comma = std::min(names.find(',', start), names.size());
        months.push_back(names.substr(start, comma - start));
        start = comma + 1;
    }
    char time[32];
    std::snprintf(time, sizeof time, "%02d:%02d", minute / 60, minute % 60);
    std::string out = c.ui("confirm.slot", lang);
    out = fillTemplate(out, "year", std::to_string(date.year));
    out = fillTemplate(out, "month", std::to_string(date.month));
    out = fillTemplate(out, "day", std::to_string(date.day));
    out = fillTemplate(out, "month_name", date.month >= 1 && static_cast<size_t>(date.month) <= months.size()
                                              ? months[static_cast<size_t>(date.month - 1)] : std::to_string(date.month));
    out = fillTemplate(out, "weekday", c.ui("weekday." + std::to_string(date.weekday()), lang));
    return fillTemplate(out, "time", time);
}

Intent ConfirmationScreen::draw(const ScreenView& view, const ConfirmationView& cv) const {
    Intent intent;
    const Pen text(view, Align::Center);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const float w = view.width - 2 * sizes.margin;
    // Everything flows down from here, each line wrapped to the screen's width.
    float y = view.height * (view.access.lowReach ? 0.06f : 0.12f);
    auto lines = [&](ImFont* font, std::uint32_t colour, const std::string& words, const std::string& id, float width) {
        for (const auto& line : wrapText(font, words, width)) {
            text(font, {sizes.margin, y, w, 0}, colour, line, id);
            y += font->FontSize * 1.3f;
        }
    };
    const char* titleKey = cv.survey ? "survey.requested" : cv.confirmed ? "confirm.booked" : "confirm.requested";
    lines(view.fonts.title, cv.confirmed || cv.survey ? pal.accent : pal.text, c.ui(titleKey, lang), "confirm.title", w);
    y += sizes.gap;
    const std::string when = cv.survey  ? cv.surveyWhen
                             : cv.queue ? fillTemplate(fillTemplate(c.ui("confirm.queue", lang), "place", std::to_string(cv.queuePlace)),
                                                       "min", std::to_string(cv.waitMinutes))
                                        : formatSlotTime(c, cv.slot, lang);
    lines(view.fonts.large, pal.text, cv.model->name.get(lang) + "  ·  " + when, "confirm.when", w);
    // Where to come, and the reference to give at the desk.
    if (!cv.bookingId.empty())
        lines(view.fonts.body, pal.text, fillTemplate(c.ui("confirm.reference", lang), "id", cv.bookingId), "confirm.reference", w);
    const std::string address = c.showroom.address.get(lang);
    if (!address.empty())
        lines(view.fonts.body, pal.text,
              fillTemplate(fillTemplate(c.ui("confirm.address", lang), "showroom", c.showroom.name.get(lang)), "address", address),
              "confirm.address", w);
    y += sizes.gap;
    // What happens next: a walk-up visitor in the event queue is called by number, not given a time.
    const char* nextKey = cv.survey ? "survey.next" : cv.queue ? "confirm.next_queue" : cv.confirmed ? "confirm.next_booked" : "confirm.next_requested";
    lines(view.fonts.body, pal.textMuted, c.ui(nextKey, lang), "confirm.next", w * 0.8f);
    // The next question after a test drive (charging at home), then "done"; low, within reach.
    const float bw = std::min(600 * s, w), bx = view.width * 0.5f - bw * 0.5f;
    const Rect done{bx, std::max(y + sizes.gap + (cv.survey ? 0 : 110 * s + sizes.gap), view.height * 0.75f), bw, 120 * s};
    if (!cv.survey) {
        const Rect fit{bx, done.y - sizes.gap - 110 * s, bw, 110 * s};
        ImGui::SetCursorScreenPos(ImVec2(fit.x, fit.y));
        if (ImGui::InvisibleButton("fit", ImVec2(fit.w, fit.h))) intent.openFitCheck = true;
        draw->AddRect(ImVec2(fit.x, fit.y), ImVec2(fit.x + fit.w, fit.y + fit.h), pal.accent, 20 * s, 0, 3 * s);
        text(view.fonts.large, fit, pal.accent, c.ui("fit.open", lang), "confirm.fit");
        if (view.hits) view.hits->add("fit", fit);
    }
    ImGui::SetCursorScreenPos(ImVec2(done.x, done.y));
    if (ImGui::InvisibleButton("done", ImVec2(done.w, done.h))) intent.start = true;  // a fresh visit
    draw->AddRectFilled(ImVec2(done.x, done.y), ImVec2(done.x + done.w, done.y + done.h),
                        ImGui::IsItemActive() ? 0xFF4E5609 : pal.accent, 20 * s);
    text(view.fonts.large, done, pal.accentText, c.ui("confirm.done", lang), "confirm.done");
    if (view.hits) view.hits->add("done", done);
    return intent;
}

}  // namespace ui
