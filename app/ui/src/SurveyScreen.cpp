#include "ui/SurveyScreen.h"

#include <imgui.h>

#include "ui/FormWidgets.h"
#include "ui/TopBar.h"

namespace ui {

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
    text(view.fonts.large, {sizes.margin, y, leftW, 0}, pal.text, c.ui("survey.when", lang), "survey.when");
    y += 76 * s;
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
    for (size_t i = 0; i < periods.size() && !keyboardOpen; ++i) {
        const Rect r{sizes.margin + static_cast<float>(i) * (pw + sizes.spacing), y, pw, sizes.barH};
        const bool on = periods[i].id == st.period;
        if (tapArea(view, "period:" + periods[i].id, r, on ? pal.accent : pal.card, on ? pal.accent : pal.cardBorder))
            st.period = periods[i].id;
        const auto lines = wrapText(view.fonts.small, periods[i].name.get(lang), r.w - 16 * s);
        const float lh = view.fonts.small->FontSize * 1.15f;
        float ly = r.centerY() - lh * static_cast<float>(lines.size()) * 0.5f;
        for (size_t k = 0; k < lines.size(); ++k, ly += lh)
            text(view.fonts.small, {r.x + 8 * s, ly, r.w - 16 * s, 0}, on ? pal.accentText : pal.text, lines[k],
                 "survey.period." + periods[i].id + "#" + std::to_string(k), Align::Center);
    }
    y += sizes.barH + sizes.gap;
    if (!keyboardOpen) {
        y += drawTextWrapped(draw, view.fonts.body, {sizes.margin, y, leftW, 0}, pal.text,
                             fillTemplate(fillTemplate(c.ui("survey.what", lang), "wallbox", sv.wallboxName), "model",
                                          sv.model.name.get(lang)),
                             view.audit, "survey.what");
        drawTextWrapped(draw, view.fonts.small, {sizes.margin, y + 8 * s, leftW, 0}, pal.textMuted, c.ui("survey.how", lang),
                        view.audit, "survey.how");
    }

    // Right: who to call and where, and the consent.
    FormFocus focus{st.focused, st.keyboard, st.errors, sv.message};
    FormColumn col{view, "survey", rightX, rightW, top};
    // With the keyboard open only what fits above it: name and mobile, or the residential area alone.
    if (!keyboardOpen || st.focused != "district") {
        formField(col, focus, "name", c.ui("booking.name", lang), form.name, true);
        formField(col, focus, "mobile", c.ui("booking.mobile", lang), form.mobile, false);
    }
    if (!keyboardOpen || st.focused == "district")
        formField(col, focus, "district", c.ui("survey.district", lang) + " " + c.ui("booking.optional", lang), form.district,
                  true);
    if (!keyboardOpen) {
        formCheck(col, focus, "consent", sv.content.survey.consent.purpose.get(lang), form.consentSurvey, true);
        formCheck(col, focus, "contact", sv.content.survey.consent.contact.get(lang), form.consentContact, false);
        const bool ready = !st.day.empty() && !st.period.empty() && !form.name.empty() && !form.mobile.empty() &&
                           form.consentSurvey;
        const Rect send{rightX, view.height - sizes.margin * 0.5f - 110 * s, rightW, 110 * s};
        if (tapArea(view, "submit", send, ready ? pal.accent : pal.background, pal.accent, 3.0f) && ready) submit = true;
        text(view.fonts.large, send, ready ? pal.accentText : pal.textMuted, c.ui("survey.submit", lang), "survey.submit",
             Align::Center);
        for (const char* field : {"preferred_date", "period", "parking", "property_consent", "wallbox", "model"})
            if (auto e = st.errors.find(field); e != st.errors.end())
                text(view.fonts.small, {rightX, send.y - 46 * s, rightW, 0}, 0xFF2020C0, sv.message(e->second),
                     "survey.error");
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
