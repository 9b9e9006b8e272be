#pragma once
// BookingSettings: the showroom's booking rules from content/booking/showroom.json: opening hours,
// slot length and buffers, event-queue figures, consent texts and versions, retention, seat
// allocations. Plus the pure slot and queue arithmetic built on them. Values; any thread.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ContentError.h"
#include "core/Text.h"
#include "core/TimeZone.h"

namespace core {

struct Catalog;

struct OpeningHours {
    bool open = false;
    int openMinute = 0;   // minutes after local midnight
    int closeMinute = 0;
};

struct Advisor {
    std::string id;
    Text name;
};

struct ConsentTexts {
    std::string version;                        // the current text's version, stored with each booking
    std::vector<std::string> acceptedVersions;  // current plus earlier versions the hub still accepts
    Text purpose;                               // what the data is used for and how long it is kept
    Text contact;                               // the separate, never pre-ticked contact permission
    Text licence;                               // "I hold a valid driving licence"
};

// How the market's mobile numbers are written (booking content "phone"): the country code, the
// trunk prefix dialled before a national number, and the national mobile number without it.
// The defaults are mainland China's: 11 digits starting 13-19, no trunk prefix.
struct PhoneRules {
    std::string countryCode = "86";
    std::string trunkPrefix;
    std::string mobilePattern = "^1[3-9][0-9]{9}$";  // ECMAScript regex over digits
};

struct BookingSettings {
    std::array<OpeningHours, 7> hours{};  // index 0 = Monday ... 6 = Sunday
    TimeZone zone;                        // showroom local time: the market's time zone (Market::timeZone)
    int slotMinutes = 45;                 // a test drive's slot
    int bufferMinutes = 15;               // between slots: handover, charging, cleaning
    int horizonDays = 30;                 // how far ahead customers may book
    int averageDriveMinutes = 25;         // event queue: one walk-up drive including handover
    int maxQueuePerModel = 300;
    int retentionDays = 30;               // personal data kept this long after the hub acknowledged
    int seatsPerKiosk = 1;                // seats per slot a kiosk asks the hub to escrow for offline use
    int allocationHorizonDays = 2;        // days ahead the allocations cover
    int onlineConfirmTimeoutMs = 1500;    // wait for the hub's confirmation before offline rules apply
    ConsentTexts consent;
    PhoneRules phone;
    std::vector<Advisor> advisors;
    std::map<std::string, Text> messages;  // FieldError code -> customer-facing text
    std::string sourceFile;

    // Customer text for a validation code; the code itself when the content lacks it.
    std::string message(const std::string& code, const std::string& language) const;
};

struct BookingSettingsResult {
    std::optional<BookingSettings> settings;
    ContentErrors errors;
};

// Reads and validates the booking content file; texts must exist in every market language.
BookingSettingsResult loadBookingSettings(const std::string& file, const Catalog& catalog);
// The file named by the catalog's "booking" module, or an error when it is not registered.
BookingSettingsResult loadBookingSettings(const Catalog& catalog);

// ---- dates and slots (showroom local time) ----------------------------------------------

struct LocalDate {
    int year = 1970, month = 1, day = 1;
    std::string toString() const;  // "YYYY-MM-DD"
    int weekday() const;           // 0 = Monday
    LocalDate plusDays(int days) const;
    bool operator==(const LocalDate&) const = default;
};
std::optional<LocalDate> parseLocalDate(const std::string& s);
// "YYYY-MM-DDTHH:MM" -> date and minute of the day.
std::optional<std::pair<LocalDate, int>> parseLocalDateTime(const std::string& s);
std::string formatLocalDateTime(const LocalDate& date, int minuteOfDay);
// The showroom-local date and minute for a UTC millisecond time: at a fixed offset east of UTC,
// or in a time zone (with its daylight-saving changes).
std::pair<LocalDate, int> localFromUtcMs(std::int64_t utcMs, int utcOffsetMinutes);
std::pair<LocalDate, int> localFromUtcMs(std::int64_t utcMs, const TimeZone& zone);

// Slot start times ("YYYY-MM-DDTHH:MM") of one day: from opening, every slot+buffer minutes,
// each slot ending by closing. Empty when closed.
std::vector<std::string> slotsForDay(const BookingSettings& settings, const LocalDate& date);
bool isSlotStart(const BookingSettings& settings, const std::string& slot);

// Test drives one slot can take for a model: its demo vehicles in the showroom's fleet.
int slotCapacity(const Catalog& catalog, const std::string& model);

// The key the hub and kiosks share for one model's slot: "heron@2026-11-20T10:00".
std::string slotKey(const std::string& model, const std::string& slot);
std::optional<std::pair<std::string, std::string>> parseSlotKey(const std::string& key);

// Event queue: estimated minutes until the person at `place` (1 = next) starts driving, with
// `vehicles` demo cars of the model cycling drives of averageDriveMinutes.
int estimatedQueueWaitMinutes(const BookingSettings& settings, int place, int vehicles);

}  // namespace core
