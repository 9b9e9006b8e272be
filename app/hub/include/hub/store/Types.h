#pragma once
// The plain structs the hub's stores return. The server layer (HubJson) alone turns them into
// the wire JSON.
#include <cstdint>
#include <optional>
#include <string>

namespace hub {

struct Principal {
    std::string kioskId;    // the device (kiosk or advisor tablet) that made the request
    std::string role;       // "kiosk", "advisor" (a logged-in advisor session) or "device"
    std::string advisorId;  // set for advisor sessions
};

// An advisor-API failure: HTTP status, machine code and English reason.
struct ApiError {
    int status = 400;
    std::string code;
    std::string reason;
};

// One lead as the CRM adapters render it: the booking with its personal fields (empty once
// purged or withdrawn) and consent.
struct Lead {
    std::string bookingId, kioskId, model, trim, mode, slot, queueDate, status;
    int queuePlace = 0;
    std::string name, mobile, email;  // personal
    bool licenceConfirmed = false;
    std::string consentVersion;
    bool contactPermission = false;
    std::string configCode;
    std::int64_t createdMs = 0;
    std::int64_t withdrawnMs = 0;
    std::int64_t purgedMs = 0;
};

// One CRM delivery due: kind "lead" or "withdrawal". eventId is the idempotency key, the same on
// every attempt; attempts counts this one (1 = first send).
struct OutboxItem {
    std::int64_t id = 0;
    std::string adapter, bookingId, kind, eventId;
    std::int64_t attempts = 0;
    std::int64_t createdMs = 0;
};

struct AdapterStatus {
    std::string adapter;
    std::int64_t pending = 0, delivered = 0, cancelled = 0;
    std::string lastError;
};

struct LoginResult {
    std::optional<std::string> session;  // the session token on success
    std::int64_t expiresMs = 0;
    ApiError error;                      // 401 invalid_credentials or 423 locked
    std::int64_t retryAfterS = 0;        // when locked
};

// A booking as the advisor desk sees it. On the day list `mobile` and `email` are empty and
// `mobileMasked` is set; the (audited) detail read fills them and the consent fields.
struct DeskBooking {
    std::string bookingId, kioskId, model, trim, mode, status, name;
    std::string slot, queueDate, configCode, alternativeSlot;  // "" when none
    std::int64_t queuePlace = 0, waitlistPlace = 0;             // 0 when none
    std::string mobile, mobileMasked, email;
    bool contactPermission = false;
    std::string consentVersion;   // detail only
    bool personalDataErased = false;
};

// A home-charger site survey as the advisor desk sees it (list: masked mobile; detail: in full).
struct DeskSurvey {
    std::string surveyId, kioskId, status, preferredDate, period, parking, supply, propertyConsent;
    std::int64_t distanceFromMeterM = 0;
    std::string wallbox, model, trim, testDriveId, name, district;  // trim, test drive, district: "" when none
    std::string mobile, mobileMasked;
    bool contactPermission = false;
    std::string consentVersion;   // detail only
    bool personalDataErased = false, consentWithdrawn = false;
};

struct AdvisorTask {
    std::int64_t id = 0;
    std::string recordId, kind, detail;  // recordId: a booking or survey id
    std::int64_t createdMs = 0;
};

struct AuditEntry {
    std::int64_t atMs = 0;
    std::string actor, deviceId, action, detail;
};

}  // namespace hub
