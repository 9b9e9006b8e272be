#include "core/protocol/SyncProtocol.h"

#include <algorithm>

namespace core {
namespace {

using Json = nlohmann::json;

bool getString(const Json& j, const char* key, std::string& out, bool required, std::string& error) {
    auto it = j.find(key);
    if (it == j.end()) {
        if (required) error = std::string(key) + " is missing";
        return !required;
    }
    if (!it->is_string()) {
        error = std::string(key) + " must be a string";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool getInt(const Json& j, const char* key, std::int64_t& out, bool required, std::string& error) {
    auto it = j.find(key);
    if (it == j.end()) {
        if (required) error = std::string(key) + " is missing";
        return !required;
    }
    if (!it->is_number_integer()) {
        error = std::string(key) + " must be an integer";
        return false;
    }
    out = it->get<std::int64_t>();
    return true;
}

}  // namespace

const char* toString(EventOutcome o) {
    switch (o) {
        case EventOutcome::Applied: return "applied";
        case EventOutcome::Duplicate: return "duplicate";
        case EventOutcome::Conflict: return "conflict";
        case EventOutcome::Rejected: return "rejected";
        case EventOutcome::Retry: return "retry";
    }
    return "retry";
}

std::optional<EventOutcome> eventOutcomeFromString(const std::string& s) {
    for (auto o : {EventOutcome::Applied, EventOutcome::Duplicate, EventOutcome::Conflict, EventOutcome::Rejected,
                   EventOutcome::Retry})
        if (s == toString(o)) return o;
    return std::nullopt;
}

Json toJson(const PushRequest& r) {
    Json events = Json::array();
    for (const auto& e : r.events) {
        Json j = {{"event_id", e.eventId}, {"type", e.type}};
        if (e.type == kSurveyCreate && e.survey) j["survey"] = charging::surveyBookingToJson(*e.survey);
        else if (e.type == kAnalyticsEvent && e.analytics) j["event"] = analytics::eventToJson(*e.analytics);
        else j["booking"] = bookingToJson(e.booking);
        events.push_back(std::move(j));
    }
    return {{"protocol", kSyncProtocolVersion}, {"kiosk_id", r.kioskId}, {"events", events}};
}

Json toJson(const HubBooking& b) {
    Json j = {{"booking_id", b.bookingId}, {"status", toString(b.status)}, {"model", b.model}, {"kiosk_id", b.kioskId}};
    if (!b.slot.empty()) j["slot"] = b.slot;
    if (!b.queueDate.empty()) j["queue_date"] = b.queueDate;
    if (b.queuePlace > 0) j["queue_place"] = b.queuePlace;
    if (!b.alternativeSlot.empty()) j["alternative_slot"] = b.alternativeSlot;
    if (b.waitlistPlace > 0) j["waitlist_place"] = b.waitlistPlace;
    return j;
}

Json toJson(const HubSurvey& s) {
    Json j = {{"survey_id", s.surveyId}, {"status", s.status}, {"kiosk_id", s.kioskId}};
    if (!s.preferredDate.empty()) j["preferred_date"] = s.preferredDate;
    return j;
}

Json toJson(const PushResponse& r) {
    Json results = Json::array();
    for (const auto& e : r.results) {
        Json j = {{"event_id", e.eventId}, {"result", toString(e.outcome)}};
        if (e.original) j["original"] = toString(*e.original);
        if (e.booking) j["booking"] = toJson(*e.booking);
        if (e.survey) j["survey"] = toJson(*e.survey);
        if (!e.field.empty()) j["field"] = e.field;
        if (!e.reason.empty()) j["reason"] = e.reason;
        results.push_back(j);
    }
    return {{"protocol", kSyncProtocolVersion}, {"results", results}};
}

Json toJson(const PullPage& p) {
    Json changes = Json::array();
    for (const auto& c : p.changes) changes.push_back({{"seq", c.seq}, {"kind", c.kind}, {"key", c.key}, {"data", c.data}});
    return {{"protocol", kSyncProtocolVersion},
            {"cursor", p.cursor},
            {"next_cursor", p.nextCursor},
            {"more", p.more},
            {"changes", changes}};
}

std::optional<PushRequest> parsePushRequest(const Json& j, FieldErrors& errors) {
    auto fail = [&](const std::string& field, const std::string& code, const std::string& msg) {
        errors.push_back({field, code, msg});
        return std::nullopt;
    };
    if (!j.is_object()) return fail("", "wrong_type", "the body must be a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "protocol" && it.key() != "kiosk_id" && it.key() != "events")
            return fail(it.key(), "unknown_field", "unknown field at the top level");
    auto p = j.find("protocol");
    if (p == j.end() || !p->is_number_integer()) return fail("protocol", "wrong_type", "protocol must be an integer");
    if (p->get<std::int64_t>() != kSyncProtocolVersion)
        return fail("protocol", "unsupported_protocol", "protocol version " + p->dump() + " is not supported (this hub speaks 1)");
    auto k = j.find("kiosk_id");
    if (k == j.end() || !k->is_string() || !isValidId(k->get<std::string>()))
        return fail("kiosk_id", "invalid_id", "kiosk_id must be a string of 1-48 [a-z0-9-]");
    auto ev = j.find("events");
    if (ev == j.end() || !ev->is_array()) return fail("events", "wrong_type", "events must be an array");
    if (ev->empty()) return fail("events", "empty", "events must hold at least one event");
    if (ev->size() > kMaxPushEvents)
        return fail("events", "too_many", "at most " + std::to_string(kMaxPushEvents) + " events per push");
    PushRequest r;
    r.kioskId = k->get<std::string>();
    for (size_t i = 0; i < ev->size(); ++i) {
        const std::string at = "events[" + std::to_string(i) + "]";
        const Json& e = (*ev)[i];
        if (!e.is_object()) return fail(at, "wrong_type", at + " must be an object");
        for (auto it = e.begin(); it != e.end(); ++it)
            if (it.key() != "event_id" && it.key() != "type" && it.key() != "booking" && it.key() != "survey" &&
                it.key() != "event")
                return fail(at + "." + it.key(), "unknown_field", "unknown field in an event");
        PushEvent pe;
        auto id = e.find("event_id");
        if (id == e.end() || !id->is_string() || !isUuid(id->get<std::string>(), true))
            return fail(at + ".event_id", "invalid_id", "event_id must be a lower-case UUIDv7 string");
        pe.eventId = id->get<std::string>();
        auto type = e.find("type");
        if (type == e.end() || !type->is_string() ||
            (*type != kBookingCreate && *type != kSurveyCreate && *type != kAnalyticsEvent))
            return fail(at + ".type", "unknown_type",
                        "type must be \"booking.create\", \"survey.create\" or \"analytics.event\"");
        pe.type = type->get<std::string>();
        // Exactly the payload of its type: a booking inside a survey event is an unknown field.
        const char* payload = pe.type == kBookingCreate ? "booking" : pe.type == kSurveyCreate ? "survey" : "event";
        for (const char* other : {"booking", "survey", "event"})
            if (std::string(other) != payload && e.contains(other))
                return fail(at + "." + other, "unknown_field", std::string(other) + " does not belong to " + pe.type);
        auto body = e.find(payload);
        if (body == e.end()) return fail(at + "." + payload, "required", std::string(payload) + " is required");
        const std::string where = at + "." + payload;
        if (pe.type == kBookingCreate) {
            FieldErrors fe;
            auto booking = bookingFromJson(*body, fe);
            if (!booking) return fail(where + "." + fe.front().field, fe.front().code, fe.front().message);
            fe = validateBookingFields(*booking);
            if (!fe.empty()) return fail(where + "." + fe.front().field, fe.front().code, fe.front().message);
            if (booking->kioskId != r.kioskId)
                return fail(where + ".kiosk_id", "kiosk_mismatch", "booking.kiosk_id differs from the request's kiosk_id");
            pe.booking = std::move(*booking);
        } else if (pe.type == kSurveyCreate) {
            if (!body->is_object()) return fail(where, "wrong_type", "survey must be an object");
            // Unknown keys are named here (the survey parser names only "survey").
            static const char* const kKnown[] = {"survey_id", "kind", "name", "mobile", "district", "preferred_date",
                                                 "period", "parking", "supply", "property_consent", "distance_from_meter_m",
                                                 "wallbox", "model", "trim", "test_drive_id", "consent", "kiosk_id",
                                                 "created_ms"};
            for (auto it = body->begin(); it != body->end(); ++it)
                if (std::find(std::begin(kKnown), std::end(kKnown), it.key()) == std::end(kKnown))
                    return fail(where + "." + it.key(), "unknown_field", "unknown field in a survey");
            FieldErrors fe;
            auto survey = charging::surveyBookingFromJson(*body, fe);
            if (!survey) {
                const std::string f = fe.empty() || fe.front().field == "survey" ? "" : "." + fe.front().field;
                return fail(where + f, fe.empty() ? "invalid" : fe.front().code,
                            fe.empty() ? "survey is not valid" : fe.front().message);
            }
            fe = charging::validateSurveyBookingFields(*survey);
            if (!fe.empty()) return fail(where + "." + fe.front().field, fe.front().code, fe.front().message);
            if (survey->kioskId != r.kioskId)
                return fail(where + ".kiosk_id", "kiosk_mismatch", "survey.kiosk_id differs from the request's kiosk_id");
            pe.survey = std::move(*survey);
        } else {
            if (!body->is_object()) return fail(where, "wrong_type", "event must be an object");
            static const char* const kKeys[] = {"v", "session", "kiosk", "t", "type", "model", "trim", "category",
                                                "option", "battery", "paint", "wheels", "screen", "kind"};
            for (auto it = body->begin(); it != body->end(); ++it) {
                const std::string f = where + "." + it.key();
                if (std::find(std::begin(kKeys), std::end(kKeys), it.key()) == std::end(kKeys))
                    return fail(f, "unknown_field", "unknown field in an analytics event");
                if (it.key() == "v" || it.key() == "t") {
                    if (!it->is_number_integer()) return fail(f, "wrong_type", it.key() + " must be an integer");
                    continue;
                }
                if (!it->is_string()) return fail(f, "wrong_type", it.key() + " must be a string");
                const std::string& v = it->get_ref<const std::string&>();
                if (v.empty() || v.size() > kMaxAnalyticsIdBytes)
                    return fail(f, "invalid_length", it.key() + " must be 1-" + std::to_string(kMaxAnalyticsIdBytes) + " bytes");
                for (char c : v)
                    if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e || c == '"' || c == '\\')
                        return fail(f, "invalid_characters", it.key() + " must be a plain ASCII id");
            }
            for (const char* required : {"v", "session", "kiosk", "t", "type"})
                if (!body->contains(required)) return fail(where + "." + required, "required", std::string(required) + " is required");
            if ((*body)["v"] != analytics::kEventFormat) return fail(where + ".v", "unsupported_format", "v must be 1");
            if (!analytics::isSessionId((*body)["session"].get<std::string>()))
                return fail(where + ".session", "invalid_session", "session must be 22 letters a-z");
            if ((*body)["kiosk"] != r.kioskId)
                return fail(where + ".kiosk", "kiosk_mismatch", "event.kiosk differs from the request's kiosk_id");
            if (!analytics::isKioskId(r.kioskId))
                return fail(where + ".kiosk", "invalid_kiosk", "kiosk is not an analytics kiosk id");
            if (!analytics::eventTypeFromString((*body)["type"].get<std::string>()))
                return fail(where + ".type", "unknown_type", "type is not an analytics event type");
            const std::string line = body->dump();
            analytics::EventView view;
            std::string error;
            if (!analytics::parseEventLine(line, view, error)) return fail(where, "invalid_event", error);
            pe.analytics = analytics::eventFromView(view);
        }
        r.events.push_back(std::move(pe));
    }
    return r;
}

std::string analyticsProblemField(const std::string& problem) {
    if (problem.rfind("a build", 0) == 0) return "model";
    const auto space = problem.find(' ');
    return problem.substr(0, space);
}

static std::optional<HubBooking> parseHubBookingInto(const Json& j, std::string& error) {
    if (!j.is_object()) {
        error = "booking must be an object";
        return std::nullopt;
    }
    HubBooking b;
    std::string status;
    std::int64_t place = 0, wait = 0;
    if (!getString(j, "booking_id", b.bookingId, true, error) || !getString(j, "status", status, true, error) ||
        !getString(j, "model", b.model, false, error) || !getString(j, "slot", b.slot, false, error) ||
        !getString(j, "queue_date", b.queueDate, false, error) || !getInt(j, "queue_place", place, false, error) ||
        !getString(j, "alternative_slot", b.alternativeSlot, false, error) ||
        !getInt(j, "waitlist_place", wait, false, error) || !getString(j, "kiosk_id", b.kioskId, false, error))
        return std::nullopt;
    auto st = bookingStatusFromString(status);
    if (!st) {
        error = "unknown booking status";
        return std::nullopt;
    }
    b.status = *st;
    b.queuePlace = static_cast<int>(place);
    b.waitlistPlace = static_cast<int>(wait);
    return b;
}

static std::optional<PushResponse> parsePushResponseInto(const Json& j, std::string& error) {
    if (!j.is_object() || !j.contains("results") || !j["results"].is_array()) {
        error = "push response lacks a results array";
        return std::nullopt;
    }
    PushResponse r;
    for (const auto& e : j["results"]) {
        if (!e.is_object()) {
            error = "a push result is not an object";
            return std::nullopt;
        }
        EventResult er;
        std::string outcome, original;
        if (!getString(e, "event_id", er.eventId, true, error) || !getString(e, "result", outcome, true, error) ||
            !getString(e, "original", original, false, error) || !getString(e, "field", er.field, false, error) ||
            !getString(e, "reason", er.reason, false, error))
            return std::nullopt;
        auto o = eventOutcomeFromString(outcome);
        if (!o) {
            error = "unknown push result \"" + outcome + "\"";
            return std::nullopt;
        }
        er.outcome = *o;
        if (!original.empty()) er.original = eventOutcomeFromString(original);
        if (auto b = e.find("booking"); b != e.end()) {
            er.booking = parseHubBookingInto(*b, error);
            if (!er.booking) return std::nullopt;
        }
        if (auto sv = e.find("survey"); sv != e.end()) {
            HubSurvey hs;
            if (!sv->is_object() || !getString(*sv, "survey_id", hs.surveyId, true, error) ||
                !getString(*sv, "status", hs.status, true, error) ||
                !getString(*sv, "preferred_date", hs.preferredDate, false, error) ||
                !getString(*sv, "kiosk_id", hs.kioskId, false, error)) {
                if (error.empty()) error = "survey must be an object";
                return std::nullopt;
            }
            er.survey = std::move(hs);
        }
        r.results.push_back(std::move(er));
    }
    return r;
}

static std::optional<PullPage> parsePullPageInto(const Json& j, std::string& error) {
    if (!j.is_object()) {
        error = "pull response is not an object";
        return std::nullopt;
    }
    PullPage p;
    if (!getInt(j, "cursor", p.cursor, true, error) || !getInt(j, "next_cursor", p.nextCursor, true, error))
        return std::nullopt;
    if (auto m = j.find("more"); m != j.end() && m->is_boolean()) p.more = m->get<bool>();
    auto ch = j.find("changes");
    if (ch == j.end() || !ch->is_array()) {
        error = "pull response lacks a changes array";
        return std::nullopt;
    }
    for (const auto& c : *ch) {
        PullChange pc;
        if (!c.is_object() || !getInt(c, "seq", pc.seq, true, error) || !getString(c, "kind", pc.kind, true, error) ||
            !getString(c, "key", pc.key, true, error)) {
            if (error.empty()) error = "a change is not an object";
            return std::nullopt;
        }
        if (auto d = c.find("data"); d != c.end()) pc.data = *d;
        p.changes.push_back(std::move(pc));
    }
    return p;
}

// The public parsers: one Result each, the reason naming the field.
Result<HubBooking> parseHubBooking(const Json& j) {
    std::string error;
    auto v = parseHubBookingInto(j, error);
    if (!v) return fail(error);
    return std::move(*v);
}

Result<PushResponse> parsePushResponse(const Json& j) {
    std::string error;
    auto v = parsePushResponseInto(j, error);
    if (!v) return fail(error);
    return std::move(*v);
}

Result<PullPage> parsePullPage(const Json& j) {
    std::string error;
    auto v = parsePullPageInto(j, error);
    if (!v) return fail(error);
    return std::move(*v);
}

}  // namespace core
