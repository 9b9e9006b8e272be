#pragma once
// The kiosk <-> hub sync protocol, version 1 (docs/sync-protocol.md): the JSON bodies of
// POST /v1/sync/push, GET /v1/sync/pull and POST /v1/sync/allocations as plain values, with strict
// parsers used on both sides. A push carries three kinds of event: test-drive bookings, home-charger
// site surveys and anonymous analytics events. Pure; any thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Result.h"
#include "core/analytics/Event.h"
#include "core/booking/Booking.h"
#include "core/charging/SurveyBooking.h"

namespace core {

constexpr int kSyncProtocolVersion = 1;
constexpr size_t kMaxPushEvents = 500;     // events in one push
constexpr size_t kMaxPullLimit = 1000;     // changes in one pull page

// Push event types.
constexpr const char* kBookingCreate = "booking.create";
constexpr const char* kSurveyCreate = "survey.create";
constexpr const char* kAnalyticsEvent = "analytics.event";

// Analytics event strings are content ids: at most this many bytes.
constexpr size_t kMaxAnalyticsIdBytes = 64;

// One event of a push. `type` says which payload is set: booking.create -> booking,
// survey.create -> survey, analytics.event -> analytics.
struct PushEvent {
    std::string eventId;  // UUIDv7; the idempotency key, unique forever at the hub
    std::string type = kBookingCreate;
    Booking booking;
    std::optional<charging::SurveyBooking> survey{};
    std::optional<analytics::Event> analytics{};
};

struct PushRequest {
    std::string kioskId;
    std::vector<PushEvent> events;
};

enum class EventOutcome { Applied, Duplicate, Conflict, Rejected, Retry };
const char* toString(EventOutcome outcome);
std::optional<EventOutcome> eventOutcomeFromString(const std::string& s);

// The hub's current view of one booking (no personal fields).
struct HubBooking {
    std::string bookingId;
    BookingStatus status = BookingStatus::Requested;
    std::string model;
    std::string slot;              // slot mode
    std::string queueDate;         // queue mode
    int queuePlace = 0;            // queue mode: the hub's place in the walk-up list
    std::string alternativeSlot;   // conflict: the nearest free slot offered instead ("" = none free)
    int waitlistPlace = 0;         // conflict: place on the slot's waiting list
    std::string kioskId;
};

// The hub's current view of one site survey (no personal fields).
struct HubSurvey {
    std::string surveyId;
    std::string status = "requested";  // "requested" until an advisor fixes the visit, then the hub's
    std::string preferredDate;
    std::string kioskId;
};

struct EventResult {
    std::string eventId;
    EventOutcome outcome = EventOutcome::Retry;
    std::optional<EventOutcome> original;  // Duplicate: the outcome of the first delivery
    std::optional<HubBooking> booking;     // booking.create Applied/Duplicate/Conflict: the hub's booking
    std::string field;                     // Rejected: the field at fault
    std::string reason;                    // Rejected/Retry: why, in English
    std::optional<HubSurvey> survey{};     // survey.create Applied/Duplicate: the hub's survey
};

struct PushResponse {
    std::vector<EventResult> results;  // one per event, in request order
};

struct PullChange {
    std::int64_t seq = 0;
    std::string kind;   // "slot", "booking", "fleet", "allocation"
    std::string key;    // slot key, booking id, vehicle id, or slot key (allocation)
    nlohmann::json data;
};

struct PullPage {
    std::int64_t cursor = 0;      // the cursor the page was asked for
    std::int64_t nextCursor = 0;  // pass this next time; equals cursor when nothing changed
    bool more = false;
    std::vector<PullChange> changes;
};

struct AllocationAsk {
    std::string slotKey;
    int seats = 0;  // total seats the kiosk wants to hold for the slot
};

struct AllocationGrant {
    std::string slotKey;
    int granted = 0;  // seats the hub holds for this kiosk (never more than the capacity allows)
    int used = 0;     // of those, used by bookings the hub has applied
};

// Serialisation. Parsers are strict: the first problem is reported as a FieldError whose field is a
// path like "events[3].booking.mobile", "events[0].survey.name" or "events[1].event.session";
// nothing partial is returned. An analytics event is checked for form here (known keys, types,
// plain ASCII ids of at most kMaxAnalyticsIdBytes, a session id, the request's kiosk); whether its
// ids are in the vocabulary is the hub's content verdict (analyticsProblemField).
nlohmann::json toJson(const PushRequest& r);
nlohmann::json toJson(const PushResponse& r);
nlohmann::json toJson(const HubBooking& b);
nlohmann::json toJson(const HubSurvey& s);
nlohmann::json toJson(const PullPage& p);
std::optional<PushRequest> parsePushRequest(const nlohmann::json& j, FieldErrors& errors);
Result<PushResponse> parsePushResponse(const nlohmann::json& j);
Result<HubBooking> parseHubBooking(const nlohmann::json& j);
Result<PullPage> parsePullPage(const nlohmann::json& j);

// The field an analytics::checkEvent problem names ("model is not a known id" -> "model").
std::string analyticsProblemField(const std::string& problem);

}  // namespace core
