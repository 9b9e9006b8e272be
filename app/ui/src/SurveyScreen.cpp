#include "ui/SurveyScreen.h"

#include <imgui.h>

#include <algorithm>

#include "ui/FormWidgets.h"
#include "ui/TopBar.h"

namespace ui {
namespace {

// What is surveyed and how, in `box` below the choices; where it does not fit there in low reach,
// across the top of the screen above the bar (words, no controls, belong above the reach line).
void drawAbout(const ScreenView& view, const SurveyView& sv, Rect box, float barY) {
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    const std::string what = fillTemplate(fillTemplate(c.ui("survey.what", lang), "wallbox", sv.wallboxName), "model",
                                          sv.model.name.get(lang));
    const std::string how = c.ui("survey.how", lang);
    auto height = [&](float w) {
        return static_cast<float>(wrapText(view.fonts.body, what, w).size()) * view.fonts.body->FontSize * 1.2f + 8 * s +
               static_cast<float>(wrapText(view.fonts.small, how, w).size()) * view.fonts.small->FontSize * 1.2f;
    };
    if (height(box.w) > box.h && view.access.lowReach) {
        const float w = view.width - 2 * sizes.margin, h = height(w);
        box = {sizes.margin, std::max(sizes.margin * 0.5f, barY - sizes.gap - h), w, h};
    }
    const float whatH = drawTextWrapped(draw, view.fonts.body, {box.x, box.y, box.w, 0}, pal.text, what, audit, "survey.what");
    drawTextWrapped(draw, view.fonts.small, {box.x, box.y + whatH + 8 * s, box.w, 0}, pal.textMuted, how, audit, "survey.how");
}

}  // namespace

Intent SurveyScreen::draw(const ScreenView& view, const SurveyView& sv, bool& submit) const {
    Intent intent;
    const Pen text(view);
    [[maybe_unused]] const auto& [c, lang, pal, s, sizes, draw, audit, align] = text;
    SurveyUiState& st = sv.state;
    auto& form = sv.form;

    const float barY = formHeader(view, c.ui("survey.title", lang), "survey", intent);

    const float top = barY + sizes.barH + sizes.gap;
    const bool keyboardOpen = !st.focused.empty();
    const float leftW = (view.width - 2 * sizes.margin - sizes.gap) * 0.42f;
    const float rightX = sizes.margin + leftW + sizes.gap, rightW = view.width - sizes.margin - rightX;

    // Left: when, and what is surveyed.
    float y = top;
    y += std::max(76 * s, drawTextWrapped(draw, view.fonts.large, {sizes.margin, y, leftW, 0}, pal.text, c.ui("survey.when", lang),
                                          view.audit, "survey.when") + 20 * s);
    const int cols = 3;
    const float dw = (leftW - static_cast<float>(cols - 1) * 12 * s) / cols, dh = sizes.rowH;
    for (size_t d = 0; d < sv.days.size(); ++d) {
        const Rect r{sizes.margin + static_cast<float>(d % cols) * (dw + sizes.spacing), y + static_cast<float>(d / cols) * (dh + sizes.spacing), dw, dh};
        const bool on = sv.days[d].first == st.day;
        if (tapArea(view, "day:" + std::to_string(d), r, on ? pal.accent : pal.card, on ? pal.accent : pal.cardBorder)) {
            st.day = sv.days[d].first;
            st.errors.erase("preferred_date");
        }
        // The body font, or the small one where a day's label does not fit its button.
        ImFont* font = textWidth(view.fonts.body, sv.days[d].second) <= r.w - sizes.spacing ? view.fonts.body : view.fonts.small;
        text(font, {r.x + 6 * s, r.y, r.w - sizes.spacing, r.h}, on ? pal.accentText : pal.text, sv.days[d].second,
             "survey.day" + std::to_string(d), Align::Center);
    }
    y += static_cast<float>((sv.days.size() + cols - 1) / cols) * (dh + sizes.spacing) + sizes.gap;
    const auto& periods = sv.content.survey.periods;
    const float pw = periods.empty() ? 0 : (leftW - static_cast<float>(periods.size() - 1) * 12 * s) / static_cast<float>(periods.size());
    // While the keyboard is open its candidate bar may reach this high: the periods wait.
    // The buttons are as tall as the longest label needs (measured before drawing), at least a touch button.
    const float lh = view.fonts.small->FontSize * 1.15f;
    float ph = sizes.barH;
    for (const auto& p : periods)
        ph = std::max(ph, static_cast<float>(wrapText(view.fonts.small, p.name.get(lang), pw - 16 * s).size()) * lh + 16 * s);
    for (size_t i = 0; i < periods.size() && !keyboardOpen; ++i) {
        const Rect r{sizes.margin + static_cast<float>(i) * (pw + sizes.spacing), y, pw, ph};
        const bool on = periods[i].id == st.period;
        if (tapArea(view, "period:" + periods[i].id, r, on ? pal.accent : pal.card, on ? pal.accent : pal.cardBorder))
            st.period = periods[i].id;
        const auto lines = wrapText(view.fonts.small, periods[i].name.get(lang), r.w - 16 * s);
        float ly = r.centerY() - lh * static_cast<float>(lines.size()) * 0.5f;
        for (size_t k = 0; k < lines.size(); ++k, ly += lh)
            text(view.fonts.small, {r.x + 8 * s, ly, r.w - 16 * s, 0}, on ? pal.accentText : pal.text, lines[k],
                 "survey.period." + periods[i].id + "#" + std::to_string(k), Align::Center);
    }
    y += ph + sizes.gap;
    if (!keyboardOpen) drawAbout(view, sv, {sizes.margin, y, leftW, view.height - sizes.margin * 0.5f - y}, barY);

    // Right: who to call and where, and the consent; the rows scroll above "send" where they do not all fit.
    FormFocus focus{st.focused, st.keyboard, st.errors, sv.message};
    auto district = [&](FormColumn& col) {
        formField(col, focus, "district", c.ui("survey.district", lang) + " " + c.ui("booking.optional", lang), form.district, true);
    };
    if (keyboardOpen) {
        // With the keyboard open only what fits above it: name and mobile, or the residential area alone.
        FormColumn col{view, "survey", rightX, rightW, top};
        if (st.focused != "district") {
            formField(col, focus, "name", c.ui("booking.name", lang), form.name, true);
            formField(col, focus, "mobile", c.ui("booking.mobile", lang), form.mobile, false);
        } else {
            district(col);
        }
    } else {
        const Rect send{rightX, view.height - sizes.margin * 0.5f - 110 * s, rightW, 110 * s};
        const float errorY = send.y - 46 * s;
        formRows(view, "survey", {rightX, top, rightW, errorY - sizes.spacing - top}, st.formScroll, [&](FormColumn& col) {
            formField(col, focus, "name", c.ui("booking.name", lang), form.name, true);
            formField(col, focus, "mobile", c.ui("booking.mobile", lang), form.mobile, false);
            district(col);
            formCheck(col, focus, "consent", sv.content.survey.consent.purpose.get(lang), form.consentSurvey, true);
            formCheck(col, focus, "contact", sv.content.survey.consent.contact.get(lang), form.consentContact, false);
        });
        const bool ready = !st.day.empty() && !st.period.empty() && !form.name.empty() && !form.mobile.empty() &&
                           form.consentSurvey;
        if (tapArea(view, "submit", send, ready ? pal.accent : pal.background, pal.accent, 3.0f) && ready) submit = true;
        text(view.fonts.large, send, ready ? pal.accentText : pal.textMuted, c.ui("survey.submit", lang), "survey.submit",
             Align::Center);
        for (const char* field : {"preferred_date", "period", "parking", "property_consent", "wallbox", "model"})
            if (auto e = st.errors.find(field); e != st.errors.end())
                text(view.fonts.small, {rightX, errorY, rightW, 0}, 0xFF2020C0, sv.message(e->second), "survey.error");
    }
    if (keyboardOpen) {
        core::session::SecureString& target = st.focused == "name"     ? form.name
                                              : st.focused == "mobile" ? form.mobile
                                                                       : form.district;
        formKeyboard(view, focus, sv.pinyin, target, st.focused != "mobile");
    }
    return intent;
}

}  // namespace ui
