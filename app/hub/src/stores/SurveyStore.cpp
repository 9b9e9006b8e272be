#include "hub/store/SurveyStore.h"

#include <algorithm>

#include "stores/Intake.h"
#include "stores/StoreContext.h"

namespace hub {
namespace {

const char* const kSurveyColumns =
    "survey_id, kiosk_id, status, preferred_date, period, parking, supply, property_consent, "
    "distance_from_meter_m, wallbox, model, trim, test_drive_id, name, mobile, district, contact_permission, "
    "consent_version, purged_ms, withdrawn_ms";

DeskSurvey surveyOf(const SqlRow& s, const FieldCipher& cipher) {
    DeskSurvey d;
    s.read(d.surveyId, d.kioskId, d.status, d.preferredDate, d.period, d.parking, d.supply, d.propertyConsent,
           d.distanceFromMeterM, d.wallbox, d.model, d.trim, d.testDriveId, d.name, d.mobile, d.district,
           d.contactPermission, d.consentVersion, d.personalDataErased, d.consentWithdrawn);
    d.name = cipher.open(d.name, d.surveyId, "name");
    d.mobile = cipher.open(d.mobile, d.surveyId, "mobile");
    d.district = cipher.open(d.district, d.surveyId, "district");
    return d;
}

}  // namespace

// The survey half of a sync push (see Intake.h).
core::EventResult applySurveyEvent(StoreContext& ctx, const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs) {
    core::EventResult r;
    r.eventId = e.eventId;
    const core::charging::SurveyBooking& s = *e.survey;
    auto record = [&](const core::EventResult& res) {
        ctx.db->run("INSERT INTO events(event_id, kiosk_id, booking_id, outcome, field, reason, received_ms, type) "
                  "VALUES(?,?,?,?,?,?,?,?)",
                  P{e.eventId, kioskId, s.id, std::string(core::toString(res.outcome)), res.field, res.reason, nowMs,
                    std::string(core::kSurveyCreate)});
    };
    if (!ctx.db->run("SELECT 1 FROM surveys WHERE survey_id = ?", P{s.id}).empty()) {
        // The same survey under another event id: stored once, answered with the first outcome.
        r.outcome = core::EventOutcome::Duplicate;
        r.original = core::EventOutcome::Applied;
        r.survey = ctx.hubSurvey(s.id);
        record(r);
        return r;
    }
    core::FieldErrors errors;
    if (!ctx.charging) {
        errors.push_back({"survey", "no_charging_content", "this hub has no charging content to check surveys against"});
    } else {
        // The kiosk's day when it was booked: a survey that waited offline is still judged by the
        // window the customer was offered.
        const core::LocalDate bookedOn = core::localFromUtcMs(s.createdMs, ctx.settings.zone).first;
        errors = core::charging::validateSurveyBooking(s, ctx.catalog, *ctx.charging, bookedOn);
    }
    if (rejectedBy(r, errors)) {
        record(r);
        return r;
    }
    ctx.db->run(
        "INSERT INTO surveys(survey_id, kiosk_id, status, preferred_date, period, parking, supply, property_consent, "
        "distance_from_meter_m, wallbox, model, trim, test_drive_id, name, mobile, district, consent_version, "
        "contact_permission, created_ms, received_ms, updated_ms) VALUES(?,?,'requested',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        P{s.id, kioskId, s.preferredDate, s.period, s.parking, s.supply, s.propertyConsent,
          std::int64_t{s.distanceFromMeterM}, s.wallbox, s.model, s.trim, s.testDriveId, ctx.cipher.seal(s.name, s.id, "name"),
          ctx.cipher.seal(s.mobile, s.id, "mobile"), ctx.cipher.seal(s.district, s.id, "district"), s.consent.version, flag(s.consent.contactPermission), s.createdMs, nowMs, nowMs});
    // An advisor calls the customer to fix the visit.
    ctx.db->run("INSERT INTO advisor_tasks(booking_id, kind, detail, created_ms) VALUES(?,?,?,?)",
              P{s.id, std::string("survey"), "home-charger site survey requested for " + s.preferredDate + " (" + s.period + ")",
                nowMs});
    r.outcome = core::EventOutcome::Applied;
    r.survey = ctx.hubSurvey(s.id);
    record(r);
    ctx.audit(nowMs, Principal{kioskId, "kiosk", ""}, s.id, "create", "survey");
    return r;
}

std::vector<DeskSurvey> SurveyStore::forDay(const std::string& date, const Principal& who, std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    std::vector<DeskSurvey> out;
    auto r = m_ctx.db->run(std::string("SELECT ") + kSurveyColumns +
                               " FROM surveys WHERE preferred_date = ? ORDER BY period, created_ms, survey_id",
                           P{date});
    for (const auto& row : r.rows) {
        DeskSurvey d = surveyOf(row, m_ctx.cipher);
        // The list shows who and when; the full mobile only through the (audited) detail read.
        d.mobileMasked = maskMobile(d.mobile);
        d.mobile.clear();
        d.consentVersion.clear();
        out.push_back(std::move(d));
    }
    if (!out.empty()) {
        m_ctx.write([&] {
            for (const auto& d : out) m_ctx.audit(nowMs, who, d.surveyId, "list", "surveys " + date);
        });
    }
    return out;
}

std::optional<DeskSurvey> SurveyStore::detail(const std::string& surveyId, const Principal& who, std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    auto r = m_ctx.db->run(std::string("SELECT ") + kSurveyColumns + " FROM surveys WHERE survey_id = ?", P{surveyId});
    if (r.empty()) return std::nullopt;
    m_ctx.write([&] { m_ctx.audit(nowMs, who, surveyId, "read", "survey"); });
    return surveyOf(r.front(), m_ctx.cipher);
}

std::optional<ApiError> SurveyStore::act(const std::string& surveyId, const std::string& action,
                                               const std::string& newDate, std::int64_t nowMs, core::HubSurvey& survey,
                                               const Principal& who) {
    std::lock_guard lock(m_ctx.mutex);
    struct Move {
        const char* action;
        std::vector<std::string> from;
        const char* to;
    };
    static const std::vector<Move> kMoves = {
        {"scheduled", {"requested"}, "scheduled"},
        {"done", {"scheduled"}, "done"},
        {"cancel", {"requested", "scheduled"}, "cancelled"},
        {"withdraw", {"requested", "scheduled", "done", "cancelled"}, "cancelled"},
    };
    const Move* move = nullptr;
    for (const auto& m : kMoves)
        if (action == m.action) move = &m;
    auto result = m_ctx.write([&]() -> std::optional<ApiError> {
        auto r = m_ctx.db->run("SELECT status, withdrawn_ms FROM surveys WHERE survey_id = ?", P{surveyId});
        if (r.empty()) return ApiError{404, "not_found", "no survey with this id"};
        const std::string status = r.front().text(0);
        if (!move) return ApiError{404, "unknown_action", "unknown action"};
        if (!newDate.empty() && action != "scheduled")
            return ApiError{400, "unexpected_date", "only the scheduled action takes a date"};
        if (std::find(move->from.begin(), move->from.end(), status) == move->from.end() ||
            (action == "withdraw" && r.front().integer(1) != 0))
            return ApiError{409, "invalid_transition", "a survey in state " + status + " cannot " + action};
        if (!newDate.empty()) {
            const auto day = core::parseLocalDate(newDate);
            const core::LocalDate today = core::localFromUtcMs(nowMs, m_ctx.settings.zone).first;
            if (!day || day->toString() < today.toString())
                return ApiError{400, "invalid_date", "date must be a YYYY-MM-DD day from today on"};
        }
        // A withdrawal cancels a survey still to come; a past one keeps its outcome.
        const bool open = status == "requested" || status == "scheduled";
        const std::string to = action == "withdraw" && !open ? status : std::string(move->to);
        m_ctx.db->run("UPDATE surveys SET status = ?, updated_ms = ? WHERE survey_id = ?", P{to, nowMs, surveyId});
        if (!newDate.empty())
            m_ctx.db->run("UPDATE surveys SET preferred_date = ? WHERE survey_id = ?", P{newDate, surveyId});
        if (action == "withdraw")
            m_ctx.db->run("UPDATE surveys SET name = '', mobile = '', district = '', purged_ms = ?1, withdrawn_ms = ?1 "
                      "WHERE survey_id = ?2",
                      P{nowMs, surveyId});
        // The task was to arrange the visit: any advisor action settles it.
        m_ctx.db->run("UPDATE advisor_tasks SET done = 1 WHERE booking_id = ? AND kind = 'survey'", P{surveyId});
        m_ctx.audit(nowMs, who, surveyId, action, newDate.empty() ? "survey" : "survey " + newDate);
        m_ctx.recordSurveyChange(surveyId);
        return std::nullopt;
    });
    if (!result) survey = m_ctx.hubSurvey(surveyId);
    return result;
}

}  // namespace hub
