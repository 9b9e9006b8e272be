// The home-charger site survey form, booked from the fit check; its answers travel with it.
#include <algorithm>

#include "VisitActions.h"
#include "screens/ScreenController.h"
#include "ui/SurveyScreen.h"

namespace kiosk {
namespace {

class SurveyController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    bool canShow(const Visit& visit) const override { return visit.car.configurator != nullptr; }
    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override;
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (!intent.back) return;
        visit.session.survey.wipe();  // leaving the form forgets what was typed
        visit.surveyUi.wipe();
        visit.screen = ScreenId::FitCheck;
    }

private:
    void submit(Visit& visit, const std::vector<BookingFlow::SurveyDay>& days);
    ui::SurveyScreen m_screen;
};

ui::Intent SurveyController::draw(Visit& visit, const ui::ScreenView& view) {
    const core::Model& model = visit.car.configurator->model();
    const std::string& lang = visit.session.language;
    const auto days = m_ctx.bookingFlow ? m_ctx.bookingFlow->surveyDays(lang) : std::vector<BookingFlow::SurveyDay>{};
    std::vector<std::pair<std::string, std::string>> labels;
    for (const auto& d : days) labels.emplace_back(d.date, d.label);
    std::string wallbox = visit.fit.answers.wallbox;
    for (const auto& w : m_ctx.content.charging.wallboxes)
        if (w.id == visit.fit.answers.wallbox) wallbox = w.name.get(lang);
    const core::Catalog& catalog = m_ctx.catalog;
    const core::BookingSettings& booking = m_ctx.content.booking;
    const ui::SurveyView sv{model, m_ctx.content.charging, visit.session.survey, visit.surveyUi, labels, wallbox, &m_ctx.pinyin,
                            [&](const std::string& code) {
                                const std::string own = catalog.ui("survey.error." + code, lang);
                                return own != "survey.error." + code ? own : booking.message(code, lang);
                            }};
    bool wantsSubmit = false;
    const ui::Intent intent = m_screen.draw(view, sv, wantsSubmit);
    std::string shown(visit.session.survey.name.view());
    shown += visit.session.survey.district.view();
    for (const auto& cand : visit.surveyUi.keyboard.candidates) shown += cand;
    m_ctx.coverGlyphs(shown);
    std::fill(shown.begin(), shown.end(), '\0');
    if (wantsSubmit) submit(visit, days);
    return intent;
}

void SurveyController::submit(Visit& visit, const std::vector<BookingFlow::SurveyDay>& days) {
    if (!m_ctx.bookingFlow) {
        visit.surveyUi.errors["preferred_date"] = "unavailable";
        return;
    }
    auto outcome = m_ctx.bookingFlow->submitSurvey(visit.car.configurator->model(), visit.session.configuration.trim,
                                                   visit.session.survey, visit.surveyUi, days, visit.fit.answers,
                                                   visit.testDriveId, visit.session.language);
    visit.surveyUi.errors = outcome.errors;
    if (outcome.confirmation) {
        m_ctx.insight.bookingMade(visit.session.configuration, "home_charger_survey", m_ctx.nowSeconds());
        visit.confirmation = outcome.confirmation;
        visit.surveyUi.wipe();
        visit.screen = ScreenId::Confirmation;
    }
}

}  // namespace

std::unique_ptr<ScreenController> makeSurveyController(KioskContext& ctx) { return std::make_unique<SurveyController>(ctx); }

}  // namespace kiosk
