#pragma once
// SurveyBooking: a home-charger site-survey request, the second booking kind next to the test
// drive (core/booking/Booking.h). It has its own fields (preferred day and period, the fit-check
// answers, the wallbox) and its own consent text (ChargingContent::survey.consent), and goes
// through the same local queue, sync and hub as a test drive. The name and mobile follow exactly
// the test drive's rules (the same validation code runs). Plain values; pure functions; any thread.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/booking/Booking.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/ChargingContent.h"

namespace core::charging {

constexpr const char* kSurveyConsentPurpose = "home_charger_survey";
constexpr const char* kSurveyBookingKind = "home_charger_survey";  // next to "test_drive"

struct SurveyBooking {
    std::string id;               // UUIDv7, made on the kiosk; also the hub's key
    std::string name;             // personal, same rules as a test drive
    std::string mobile;           // personal; canonical E.164 once validated
    std::string district;         // personal, optional: residential area or compound ("" = none)
    std::string preferredDate;    // showroom-local "YYYY-MM-DD"
    std::string period;           // ChargingContent survey period id: "morning", "afternoon"
    std::string parking;          // fit-check answers (content ids)
    std::string supply = "unknown";
    std::string propertyConsent = "not_asked";  // "yes", "no", "not_asked"
    int distanceFromMeterM = 0;
    std::string wallbox;          // the wallbox the customer wants surveyed
    std::string model;            // the configured car
    std::string trim;             // optional
    std::string testDriveId;      // optional: the test drive booked in the same visit ("" = instead of one)
    Consent consent{kSurveyConsentPurpose, "", false};
    std::string kioskId;
    std::int64_t createdMs = 0;   // UTC milliseconds
};

// Syntax of every field (ids, UTF-8, control characters, lengths, name, mobile, dates, consent
// purpose); needs no content. FieldError.field names the JSON field.
FieldErrors validateSurveyBookingFields(const SurveyBooking& booking);

// validateSurveyBookingFields plus the content: model and trim exist; parking, supply, wallbox and
// period are in the charging content; the parking allows home charging; property consent was not
// refused; the day lies between today + lead_days and today + horizon_days; a known consent version.
FieldErrors validateSurveyBooking(const SurveyBooking& booking, const Catalog& catalog, const ChargingContent& content,
                                  const LocalDate& today);

// JSON form for the outbox, the sync protocol and the hub. surveyBookingFromJson is strict: a
// missing required field, a wrong type or an unknown key is a FieldError naming it.
nlohmann::json surveyBookingToJson(const SurveyBooking& booking);
std::optional<SurveyBooking> surveyBookingFromJson(const nlohmann::json& j, FieldErrors& errors);

}  // namespace core::charging
