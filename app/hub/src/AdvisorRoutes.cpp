// The advisor desk's routes: login and logout from a registered device, the day's bookings and
// site surveys, one record in full and its audit trail, open tasks, and actions on a record.
#include <httplib.h>

#include "HttpSupport.h"
#include "HubJson.h"
#include "hub/HubServer.h"

namespace hub {
namespace {

using Json = nlohmann::json;

// The record id in the path ("booking" or "survey"), or nullopt once a 400 was sent.
std::optional<std::string> recordId(const httplib::Request& req, httplib::Response& res, const std::string& kind) {
    const std::string id = req.matches[1];
    if (core::isUuid(id)) return id;
    sendError(res, 400, "invalid_id", kind + " id must be a UUID", kind + "_id");
    return std::nullopt;
}

// The ?date= of a day list, or nullopt once a 400 was sent.
std::optional<std::string> dayParam(const httplib::Request& req, httplib::Response& res) {
    const std::string date = req.get_param_value("date");
    if (core::parseLocalDate(date)) return date;
    sendError(res, 400, "invalid_date", "date must be YYYY-MM-DD", "date");
    return std::nullopt;
}

}  // namespace

// Advisor login from a registered device (a kiosk in advisor mode or an advisor tablet).
void HubServer::advisorLogin(const Req& req, Res& res, LazyBody& lazy) {
    auto p = authorize(req, res, "device");
    if (!p) return;
    auto body = parseBody(req, lazy, res);
    if (!body) return;
    const Json& j = *body;
    if (!j.is_object() || j.size() != 2 || !j.contains("advisor_id") || !j["advisor_id"].is_string() ||
        !j.contains("password") || !j["password"].is_string() || !core::isValidId(j["advisor_id"].get<std::string>()) ||
        j["password"].get<std::string>().size() > 256) {
        sendError(res, 400, "invalid_login", "body must be {\"advisor_id\": id, \"password\": text}");
        return;
    }
    auto r = m_store.advisors().login(j["advisor_id"], j["password"], p->kioskId, nowMs());
    if (!r.session) {
        if (r.retryAfterS > 0) res.set_header("Retry-After", std::to_string(r.retryAfterS));
        sendError(res, r.error.status, r.error.code, r.error.reason);
        return;
    }
    sendJson(res, {{"session", *r.session}, {"advisor_id", j["advisor_id"]}, {"expires_ms", r.expiresMs}});
}

void HubServer::advisorLogout(const Req& req, Res& res, LazyBody&) {
    if (!authorize(req, res, "advisor")) return;
    m_store.advisors().logout(req.get_header_value("Authorization").substr(7));
    sendJson(res, {{"ok", true}});
}

void HubServer::bookingsForDay(const Req& req, Res& res) {
    auto p = authorize(req, res, "advisor");
    if (!p) return;
    const auto date = dayParam(req, res);
    if (!date) return;
    sendJson(res, {{"date", *date}, {"bookings", jsonArray(m_store.desk().bookingsForDay(*date, *p, nowMs()), bookingListJson)}});
}

void HubServer::surveysForDay(const Req& req, Res& res) {
    auto p = authorize(req, res, "advisor");
    if (!p) return;
    const auto date = dayParam(req, res);
    if (!date) return;
    sendJson(res, {{"date", *date}, {"surveys", jsonArray(m_store.surveys().forDay(*date, *p, nowMs()), surveyListJson)}});
}

void HubServer::bookingDetail(const Req& req, Res& res) {
    auto p = authorize(req, res, "advisor");
    if (!p) return;
    const auto id = recordId(req, res, "booking");
    if (!id) return;
    auto booking = m_store.desk().bookingDetail(*id, *p, nowMs());
    if (!booking) return sendError(res, 404, "not_found", "no booking with this id");
    sendJson(res, {{"booking", bookingDetailJson(*booking)}});
}

void HubServer::surveyDetail(const Req& req, Res& res) {
    auto p = authorize(req, res, "advisor");
    if (!p) return;
    const auto id = recordId(req, res, "survey");
    if (!id) return;
    auto survey = m_store.surveys().detail(*id, *p, nowMs());
    if (!survey) return sendError(res, 404, "not_found", "no survey with this id");
    sendJson(res, {{"survey", surveyDetailJson(*survey)}});
}

void HubServer::bookingAudit(const Req& req, Res& res) {
    if (!authorize(req, res, "advisor")) return;
    const auto id = recordId(req, res, "booking");
    if (!id) return;
    sendJson(res, {{"booking_id", *id}, {"audit", jsonArray(m_store.desk().auditFor(*id), [](const auto& e) { return toJson(e); })}});
}

void HubServer::surveyAudit(const Req& req, Res& res) {
    if (!authorize(req, res, "advisor")) return;
    const auto id = recordId(req, res, "survey");
    if (!id) return;
    sendJson(res, {{"survey_id", *id}, {"audit", jsonArray(m_store.desk().auditFor(*id), [](const auto& e) { return toJson(e); })}});
}

void HubServer::openTasks(const Req& req, Res& res) {
    if (!authorize(req, res, "advisor")) return;
    sendJson(res, {{"tasks", jsonArray(m_store.desk().openTasks(), [](const auto& t) { return toJson(t); })}});
}

void HubServer::bookingAction(const Req& req, Res& res, LazyBody& lazy) {
    auto p = authorize(req, res, "advisor");
    if (!p) return;
    const auto id = recordId(req, res, "booking");
    if (!id) return;
    const std::string action = req.matches[2];
    const auto slot = optionalField(req, lazy, res, "slot", "YYYY-MM-DDTHH:MM");
    if (!slot) return;
    if (action == "reschedule" && slot->empty()) return sendError(res, 400, "required", "reschedule needs a slot", "slot");
    core::HubBooking booking;
    if (auto err = m_store.desk().act(*id, action, *slot, nowMs(), booking, *p))
        return sendError(res, err->status, err->code, err->reason);
    sendJson(res, {{"booking", core::toJson(booking)}});
}

void HubServer::surveyAction(const Req& req, Res& res, LazyBody& lazy) {
    auto p = authorize(req, res, "advisor");
    if (!p) return;
    const auto id = recordId(req, res, "survey");
    if (!id) return;
    const std::string action = req.matches[2];
    const auto date = optionalField(req, lazy, res, "date", "YYYY-MM-DD");
    if (!date) return;
    if (!date->empty() && !core::parseLocalDate(*date)) return sendError(res, 400, "invalid_date", "date must be YYYY-MM-DD", "date");
    core::HubSurvey survey;
    if (auto err = m_store.surveys().act(*id, action, *date, nowMs(), survey, *p))
        return sendError(res, err->status, err->code, err->reason, err->code.find("date") != std::string::npos ? "date" : "");
    sendJson(res, {{"survey", core::toJson(survey)}});
}

}  // namespace hub
