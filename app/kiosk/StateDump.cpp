#include "StateDump.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

using nlohmann::json;

json visitPart(const Visit& v) {
    json j;
    const auto& session = v.session;
    j["screen"] = screenName(v.screen);
    j["language"] = session.language;
    j["model"] = session.modelId;
    j["configuration"] = {{"model", session.configuration.model},
                          {"trim", session.configuration.trim},
                          {"options", session.configuration.options}};
    const auto& f = session.form;
    j["form"] = {{"name", std::string(f.name.view())},
                 {"mobile", std::string(f.mobile.view())},
                 {"email", std::string(f.email.view())},
                 {"licence_confirmed", f.licenceConfirmed},
                 {"consent_booking", f.consentBooking},
                 {"consent_contact", f.consentContact}};
    j["has_personal_data"] = session.hasPersonalData();
    j["advisor_unlocked"] = v.advisor.unlocked;
    j["advisor_message"] = v.advisor.message;
    j["dealer_discount_minor"] = v.car.dealerDiscountMinor;
    j["trade_in"] = v.car.tradeIn == core::pricing::TradeIn::Scrappage     ? "scrappage"
                    : v.car.tradeIn == core::pricing::TradeIn::Replacement ? "replacement"
                                                                           : "none";
    j["finance_offer"] = v.summary.finance.offer ? v.summary.finance.offer->id : "";
    j["finance_offers_running"] = v.summary.finance.offerCount;
    j["finance_down_minor"] = v.summary.finance.downMinor;
    if (v.fit.answer) j["fit"] = {{"verdict", core::charging::toString(v.fit.answer->verdict)},
                                  {"hours_0_100", v.fit.answer->hours0To100}};
    return j;
}

void carPart(json& j, const Visit& v) {
    const CarState& car = v.car;
    const SummaryState& s = v.summary;
    if (car.configurator) {
        j["picks"] = car.configurator->pickedIds();
        j["complete"] = car.configurator->isComplete();
    }
    if (s.finance.quote) j["finance"] = {{"down_percent", s.finance.downPercent}, {"term_months", s.finance.termMonths},
                                         {"monthly_minor", s.finance.quote->monthlyPaymentMinor}};
    if (s.week) j["week"] = {{"daily_km", s.dailyKm}, {"cost_minor", s.week->costPerWeekMinor}};
    if (!s.code.empty()) j["code"] = s.code;
    if (car.price) {
        j["price"] = {{"vehicle_minor", car.price->vehiclePriceMinor}, {"due_at_purchase_minor", car.price->dueAtPurchaseMinor},
                      {"total_minor", car.price->totalMinor}};
    }
    if (v.screen == ScreenId::Summary) {
        // What the summary drew of the price: tests add the lines up and compare with the total.
        const ui::ShownPrice& shown = s.shown;
        json lines = json::array();
        for (const auto& r : shown.rows)
            lines.push_back({{"label", r.label}, {"amount", r.amountText}, {"amount_minor", r.amountMinor},
                             {"paid_later", r.paidLater}, {"box", {r.box.x, r.box.y, r.box.w, r.box.h}},
                             {"reachable", r.reachable}});
        j["summary_price"] = {{"lines", lines}, {"due", shown.dueText}, {"total", shown.totalText},
                              {"viewport", {shown.viewport.x, shown.viewport.y, shown.viewport.w, shown.viewport.h}},
                              {"content_height", shown.contentHeight}, {"max_scroll", shown.maxScroll},
                              {"scroll_offset", shown.scrollOffset}};
    }
    if (car.range) j["range"] = {{"cltc_km", car.range->cltc.rangeKm}, {"official_km", car.range->official.rangeKm},
                                 {"official_cycle", car.range->official.cycle}, {"customer_km", car.range->customerRangeKm}};
    if (car.explaining) j["explaining"] = *car.explaining;
}

void formsPart(json& j, const Visit& v) {
    const auto& sf = v.session.survey;
    j["survey_form"] = {{"name", std::string(sf.name.view())},
                        {"mobile", std::string(sf.mobile.view())},
                        {"district", std::string(sf.district.view())},
                        {"consent_survey", sf.consentSurvey},
                        {"consent_contact", sf.consentContact},
                        {"day", v.surveyUi.day},
                        {"period", v.surveyUi.period},
                        {"errors", v.surveyUi.errors}};
    j["booking_ui"] = {{"slot", v.bookingUi.slot}, {"focused", v.bookingUi.focused},
                       {"pinyin", std::string(v.bookingUi.keyboard.pinyin.view())}, {"errors", v.bookingUi.errors}};
    if (v.confirmation)
        j["confirmation"] = {{"confirmed", v.confirmation->confirmed}, {"slot", v.confirmation->slot},
                             {"booking_id", v.confirmation->bookingId}, {"survey", v.confirmation->survey}};
}

void storePart(json& j, const Visit& v, const KioskContext& ctx) {
    if (ctx.bookingFlow) {
        j["stored_bookings"] = ctx.bookingFlow->bookings().size();
        j["stored_surveys"] = ctx.bookingFlow->surveys().size();
    }
    const auto& scroll = v.advisor.ui.scroll;
    j["advisor_scroll"] = {{"offset", scroll.offset}, {"velocity", scroll.velocity}};
    j["desk"] = json::array();
    for (const auto& r : ctx.desk.rows()) j["desk"].push_back({{"time", r.time}, {"status", r.status}, {"actions", r.actions}});
    j["desk_error"] = ctx.desk.error();
    j["store_problem"] = ctx.desk.storeProblem();
    j["desk_list_failed"] = ctx.desk.listFailed();
    const SessionInsight& in = ctx.insight;
    j["insight"] = {{"active", in.active()}, {"visit", in.visitLog()}, {"written", in.written()}, {"dropped", in.dropped()}};
    if (const auto& repair = v.car.repair) {
        j["repair"]["possible"] = repair->possible;
        j["repair"]["price_delta_minor"] = repair->priceDeltaMinor;
        for (const auto& ch : repair->changes)
            j["repair"]["changes"].push_back({{"category", ch.category}, {"from", ch.from}, {"to", ch.to}, {"pick", ch.pick},
                                              {"price_delta_minor", ch.priceDeltaMinor}});
    }
    j["access"] = {{"large_text", v.access.largeText}, {"high_contrast", v.access.highContrast},
                   {"low_reach", v.access.lowReach}, {"panel_open", v.access.panelOpen}};
}

// The buying guide: the answers (nothing personal), the question showing and the recommendations.
json guidePart(const GuideState& g) {
    const auto& a = g.answers;
    auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
    json j = {{"step", g.step},
              {"answers", {{"daily_km", opt(a.dailyKm)}, {"longest_km", opt(a.longestKm)}, {"highway_share", opt(a.highwayShare)},
                           {"seats", opt(a.seats)}, {"child_seats", opt(a.childSeats)}, {"luggage", a.luggage},
                           {"home_charging", opt(a.homeCharging)}, {"climate", a.climate},
                           {"budget_monthly_minor", opt(a.budgetMonthlyMinor)}, {"max_price_minor", opt(a.maxPriceMinor)},
                           {"priority", core::recommend::priorityName(a.priority)}}},
              {"missing_glyphs", g.missingGlyphs}};
    if (!g.result) return j;
    j["recommendations"] = json::array();
    for (const auto& r : g.result->recommendations) {
        json reasons = json::array(), givesUp = json::array();
        for (const auto& [id, text] : r.reasons) reasons.push_back(id);
        for (const auto& [id, text] : r.givesUp) givesUp.push_back(id);
        j["recommendations"].push_back({{"code", r.code}, {"model", r.config.model}, {"trim", r.config.trim},
                                        {"options", r.config.options}, {"total_minor", r.totalMinor},
                                        {"monthly_minor", r.finance.monthlyMinor}, {"reasons", reasons}, {"gives_up", givesUp}});
    }
    j["blockers"] = json::array();
    for (const auto& b : g.result->blockers) j["blockers"].push_back(b.answer);
    return j;
}

}  // namespace

void writeStateDump(const std::string& path, const StateSources& s) {
    json j = visitPart(s.visit);
    carPart(j, s.visit);
    formsPart(j, s.visit);
    storePart(j, s.visit, s.ctx);
    j["guide"] = guidePart(s.visit.guide);
    j["clock_s"] = s.clock;
    j["content_version"] = s.ctx.catalog.contentVersion;
    j["content_notice"] = s.ctx.contentNotice;
    for (const auto& [id, r] : s.hits.entries()) j["targets"][id] = {r.x, r.y, r.w, r.h};
    j["text_checked"] = s.audit.checked();
    j["texts"] = s.audit.texts();
    j["missing_glyphs"] = s.audit.missingGlyphs();  // code points drawn as '?' in the last frame
    for (const auto& t : s.audit.drawnTexts()) j["text_boxes"][t.id] = {t.drawn.x, t.drawn.y, t.drawn.w, t.drawn.h};
    j["text_overflows"] = json::array();
    for (const auto& o : s.audit.overflows())
        j["text_overflows"].push_back({{"id", o.id}, {"text", o.text}, {"width_px", o.widthPx}, {"available_px", o.availablePx}});
    j["min_target_mm"] = s.ctx.content.settings.minTouchTargetMm;
    j["pixels_per_mm"] = s.pixelsPerMm;
    std::ofstream(path) << j.dump(2) << "\n";
}

void writeChooserLayout(const std::string& path, const core::Catalog& catalog, int width, int height) {
    const ui::ChooserLayout l = ui::computeChooserLayout(static_cast<float>(width), static_cast<float>(height),
                                                         static_cast<int>(catalog.models.size()));
    auto rect = [](const ui::Rect& r) { return json::array({r.x, r.y, r.w, r.h}); };
    json j;
    j["width"] = width;
    j["height"] = height;
    j["language_switch"] = rect(l.languageSwitch);
    j["header"] = rect(l.header);
    for (const auto& c : l.cards) j["cards"].push_back(rect(c));
    for (const auto& c : l.cardNames) j["card_names"].push_back(rect(c));
    for (const auto& m : catalog.models) j["models"].push_back(m.id);
    std::ofstream(path) << j.dump(2) << "\n";
}

}  // namespace kiosk
