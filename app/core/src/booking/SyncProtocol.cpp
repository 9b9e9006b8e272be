#include "core/booking/SyncProtocol.h"

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
    for (const auto& e : r.events)
        events.push_back({{"event_id", e.eventId}, {"type", e.type}, {"booking", bookingToJson(e.booking)}});
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

Json toJson(const PushResponse& r) {
    Json results = Json::array();
    for (const auto& e : r.results) {
        Json j = {{"event_id", e.eventId}, {"result", toString(e.outcome)}};
        if (e.original) j["original"] = toString(*e.original);
        if (e.booking) j["booking"] = toJson(*e.booking);
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
            if (it.key() != "event_id" && it.key() != "type" && it.key() != "booking")
                return fail(at + "." + it.key(), "unknown_field", "unknown field in an event");
        PushEvent pe;
        auto id = e.find("event_id");
        if (id == e.end() || !id->is_string() || !isUuid(id->get<std::string>(), true))
            return fail(at + ".event_id", "invalid_id", "event_id must be a lower-case UUIDv7 string");
        pe.eventId = id->get<std::string>();
        auto type = e.find("type");
        if (type == e.end() || !type->is_string() || type->get<std::string>() != "booking.create")
            return fail(at + ".type", "unknown_type", "type must be \"booking.create\"");
        auto b = e.find("booking");
        if (b == e.end()) return fail(at + ".booking", "required", "booking is required");
        FieldErrors fe;
        auto booking = bookingFromJson(*b, fe);
        if (!booking) return fail(at + ".booking." + fe.front().field, fe.front().code, fe.front().message);
        fe = validateBookingFields(*booking);
        if (!fe.empty()) return fail(at + ".booking." + fe.front().field, fe.front().code, fe.front().message);
        if (booking->kioskId != r.kioskId)
            return fail(at + ".booking.kiosk_id", "kiosk_mismatch", "booking.kiosk_id differs from the request's kiosk_id");
        pe.booking = std::move(*booking);
        r.events.push_back(std::move(pe));
    }
    return r;
}

std::optional<HubBooking> parseHubBooking(const Json& j, std::string& error) {
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

std::optional<PushResponse> parsePushResponse(const Json& j, std::string& error) {
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
            er.booking = parseHubBooking(*b, error);
            if (!er.booking) return std::nullopt;
        }
        r.results.push_back(std::move(er));
    }
    return r;
}

std::optional<PullPage> parsePullPage(const Json& j, std::string& error) {
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

}  // namespace core
