#pragma once
// Booking: one test-drive booking as the kiosk records it and the hub stores it, plus the
// field validation both sides run (the kiosk before it commits, the hub before it applies).
// Plain values; pure functions; safe on any thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace core {

struct Catalog;
struct BookingSettings;
struct PhoneRules;

enum class BookingMode { Slot, Queue };

// Where a booking stands. On the kiosk: Confirmed (by the hub, or locally inside an allocation the
// hub granted) or Requested (to be confirmed by the hub later). From the hub: Confirmed, Conflict
// (the slot was full: an alternative and a waiting-list place are offered), Rejected (a permanent
// validation error), and the advisor states CheckedIn, Started, Completed, NoShow, Cancelled.
enum class BookingStatus { Requested, Confirmed, Conflict, Rejected, CheckedIn, Started, Completed, NoShow, Cancelled };

const char* toString(BookingMode mode);
const char* toString(BookingStatus status);
std::optional<BookingMode> bookingModeFromString(const std::string& s);
std::optional<BookingStatus> bookingStatusFromString(const std::string& s);

struct Consent {
    std::string purpose = "test_drive";  // what the data is used for
    std::string version;                 // version of the consent text the customer saw
    bool contactPermission = false;      // marketing contact, asked separately, never pre-ticked
};

struct Booking {
    std::string id;          // UUIDv7, made on the kiosk; also the hub's key
    std::string name;        // personal
    std::string mobile;      // personal; canonical E.164 ("+8613800138000") once validated
    std::string email;       // personal, optional ("" = none)
    std::string model;
    std::string trim;        // optional ("" = any trim of the model)
    BookingMode mode = BookingMode::Slot;
    std::string slot;        // Slot mode: showroom-local start "YYYY-MM-DDTHH:MM"
    std::string queueDate;   // Queue mode: showroom-local day "YYYY-MM-DD"
    int queuePlace = 0;      // Queue mode: place in the walk-up list (the hub's is authoritative)
    bool licenceConfirmed = false;
    Consent consent;
    std::string configCode;  // optional saved configuration code
    std::string kioskId;
    std::int64_t createdMs = 0;  // UTC milliseconds since the epoch
    bool viaAllocation = false;  // confirmed offline inside a seat allocation the hub granted
};

// One problem with one field, for the screen and for the hub's 4xx answers.
struct FieldError {
    std::string field;    // the JSON field name: "name", "mobile", "consent.version", ...
    std::string code;     // stable code the UI maps to a translated message: "too_long", ...
    std::string message;  // English, for logs and API answers; never contains the field's value
};
using FieldErrors = std::vector<FieldError>;

// Limits on field lengths, in Unicode code points.
constexpr size_t kNameMaxChineseChars = 20;
constexpr size_t kNameMaxLatinChars = 64;
constexpr size_t kEmailMaxChars = 254;
constexpr size_t kConfigCodeMaxChars = 96;  // the pricing module's codes: about 44 characters for a typical car

// A mobile number as the customer typed it (spaces and hyphens allowed) -> canonical E.164: a
// national mobile of the market (with or without its trunk prefix, +CC or 00CC) becomes "+CC...";
// +CC followed by anything else is refused (a landline). nullopt when it is neither a national
// mobile nor an international E.164 number. Without rules: mainland China's.
std::optional<std::string> normalizeMobile(const std::string& input, const PhoneRules& rules);
std::optional<std::string> normalizeMobile(const std::string& input);

// Syntax of every field: ids, UTF-8, control characters, lengths, name script, mobile (must
// already be canonical), e-mail, configuration code, times. Needs no content.
FieldErrors validateBookingFields(const Booking& booking);

// validateBookingFields plus the content: model and trim exist, the slot is one of the showroom's
// slots for that day (or the queue day is open), licence confirmed, known consent version.
FieldErrors validateBooking(const Booking& booking, const Catalog& catalog, const BookingSettings& settings);

// True when `s` is a lower-case UUID (8-4-4-4-12 hex); version 7 when `v7` is set.
bool isUuid(const std::string& s, bool v7 = false);
// A UUIDv7 string from a UTC millisecond time and 10 random bytes (the caller owns randomness).
std::string formatUuidV7(std::int64_t unixMs, const unsigned char (&random)[10]);

// Kiosk/advisor ids and content ids: 1-48 of [a-z0-9-], starting with a letter or digit.
bool isValidId(const std::string& s);

// The desk's steps on the day of a test drive ("check-in", "start", "complete", "no-show"): the
// status a booking moves to, or nullopt when the step is not allowed from `from` (or unknown).
// The hub and an embedded kiosk apply the same table.
std::optional<BookingStatus> deskTransition(BookingStatus from, const std::string& action);
// The steps offered for a booking in `status`, most likely first.
std::vector<std::string> deskActions(BookingStatus status);

// JSON form used by the sync protocol and the store's encrypted payloads. bookingFromJson is
// strict: a missing required field, a wrong type or an unknown key is a FieldError naming it.
nlohmann::json bookingToJson(const Booking& booking);
std::optional<Booking> bookingFromJson(const nlohmann::json& j, FieldErrors& errors);

}  // namespace core
