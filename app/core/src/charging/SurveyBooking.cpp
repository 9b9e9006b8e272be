#include "core/charging/SurveyBooking.h"

#include <algorithm>
#include <regex>
#include <set>

#include "core/Catalog.h"
#include "core/charging/FitCheck.h"

namespace core::charging {
namespace {

void add(FieldErrors& errors, const std::string& field, const std::string& code, const std::string& message) {
    errors.push_back({field, code, message});
}

// Code points of strict UTF-8 (no overlongs or surrogates), or -1 when malformed; -2 when a control
// or invisible formatting character is present (they make stored text differ from what is shown).
long countFreeTextChars(const std::string& s) {
    long count = 0;
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (len == 0 || i + static_cast<size_t>(len) > s.size()) return -1;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        for (int k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((cc & 0xc0) != 0x80) return -1;
            cp = (cp << 6) | (cc & 0x3f);
        }
        static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
            (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
            return -2;
        ++count;
        i += static_cast<size_t>(len);
    }
    return count;
}

bool isFixedId(const std::string& s) {
    static const std::regex r("^[a-z][a-z0-9_]{0,31}$");
    return std::regex_match(s, r);
}

}  // namespace

FieldErrors validateSurveyBookingFields(const SurveyBooking& b) {
    FieldErrors errors;
    if (!isUuid(b.id, true)) add(errors, "survey_id", "invalid_id", "survey_id must be a lower-case UUIDv7");
    // Name, mobile, model, trim, kiosk and time follow the test drive's rules exactly: the same code runs
    // on a test drive carrying these fields, and its errors are kept.
    {
        Booking probe;
        probe.id = b.id;
        probe.name = b.name;
        probe.mobile = b.mobile;
        probe.model = b.model;
        probe.trim = b.trim;
        probe.mode = BookingMode::Slot;
        probe.slot = "2026-01-01T10:00";
        probe.consent.purpose = "test_drive";
        probe.consent.version = b.consent.version;
        probe.kioskId = b.kioskId;
        probe.createdMs = b.createdMs;
        for (auto& e : validateBookingFields(probe))
            if (e.field != "booking_id") errors.push_back(std::move(e));
    }
    if (!b.district.empty()) {
        const long n = countFreeTextChars(b.district);
        if (b.district.size() > 800) add(errors, "district", "too_long", "district is longer than 800 bytes");
        else if (n == -1) add(errors, "district", "invalid_utf8", "district is not valid UTF-8");
        else if (n == -2) add(errors, "district", "control_chars", "district contains control or invisible formatting characters");
        else if (n > 200) add(errors, "district", "too_long", "district is longer than 200 characters");
        else if (b.district.front() == ' ' || b.district.back() == ' ')
            add(errors, "district", "invalid_district", "district must not start or end with a space");
    }
    if (!parseLocalDate(b.preferredDate))
        add(errors, "preferred_date", "invalid_date", "preferred_date must be YYYY-MM-DD");
    if (!isFixedId(b.period)) add(errors, "period", "invalid_id", "period must be a content id");
    if (!isFixedId(b.parking)) add(errors, "parking", "invalid_id", "parking must be a content id");
    if (!isFixedId(b.supply)) add(errors, "supply", "invalid_id", "supply must be a content id");
    if (!propertyConsentFromString(b.propertyConsent))
        add(errors, "property_consent", "invalid_value", "property_consent must be \"yes\", \"no\" or \"not_asked\"");
    if (b.distanceFromMeterM < 0 || b.distanceFromMeterM > 10000)
        add(errors, "distance_from_meter_m", "out_of_range", "distance_from_meter_m must be 0..10000");
    if (!isValidId(b.wallbox)) add(errors, "wallbox", "invalid_id", "wallbox must be a content id");
    if (!b.testDriveId.empty() && !isUuid(b.testDriveId, true))
        add(errors, "test_drive_id", "invalid_id", "test_drive_id must be a lower-case UUIDv7");
    if (!b.testDriveId.empty() && b.testDriveId == b.id)
        add(errors, "test_drive_id", "invalid_id", "test_drive_id must not be the survey's own id");
    if (b.consent.purpose != kSurveyConsentPurpose)
        add(errors, "consent.purpose", "invalid_consent", "consent.purpose must be \"home_charger_survey\"");
    return errors;
}

FieldErrors validateSurveyBooking(const SurveyBooking& b, const Catalog& catalog, const ChargingContent& content,
                                  const LocalDate& today) {
    FieldErrors errors = validateSurveyBookingFields(b);
    auto failed = [&](const char* field) {
        return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
    };
    if (!failed("model")) {
        const Model* model = catalog.findModel(b.model);
        if (!model) add(errors, "model", "unknown_model", "model is not in the catalog");
        else if (!failed("trim") && !b.trim.empty() && !model->findTrim(b.trim))
            add(errors, "trim", "unknown_trim", "trim is not offered on this model");
    }
    if (!failed("period") && !content.findPeriod(b.period)) add(errors, "period", "unknown_period", "period is not a survey period");
    if (!failed("supply") && !content.findSupply(b.supply)) add(errors, "supply", "unknown_supply", "supply is not in the charging content");
    if (!failed("wallbox") && !content.findWallbox(b.wallbox))
        add(errors, "wallbox", "unknown_wallbox", "wallbox is not on offer");
    if (!failed("parking")) {
        const ParkingSituation* p = content.findParking(b.parking);
        if (!p) add(errors, "parking", "unknown_parking", "parking is not in the charging content");
        else if (!p->homeCharging)
            add(errors, "parking", "no_home_charging", "a site survey needs a private garage or an own space");
        else if (p->propertyConsent && b.propertyConsent == "no")
            add(errors, "property_consent", "property_refused", "the property management refused: nothing to survey");
    }
    if (!failed("distance_from_meter_m") && b.distanceFromMeterM > content.maxCableM)
        add(errors, "distance_from_meter_m", "too_far_from_meter", "the space is beyond the longest standard cable run");
    if (!failed("district") && countFreeTextChars(b.district) > content.survey.districtMaxChars)
        add(errors, "district", "too_long", "district is longer than the content allows");
    if (auto d = parseLocalDate(b.preferredDate)) {
        // YYYY-MM-DD strings order like the dates they name.
        const std::string day = d->toString();
        if (day < today.plusDays(content.survey.leadDays).toString() || day > today.plusDays(content.survey.horizonDays).toString())
            add(errors, "preferred_date", "outside_window", "preferred_date is outside the days a survey can be booked");
    }
    const auto& versions = content.survey.consent.acceptedVersions;
    if (std::find(versions.begin(), versions.end(), b.consent.version) == versions.end())
        add(errors, "consent.version", "unknown_consent_version", "consent.version is not a known survey consent version");
    return errors;
}

nlohmann::json surveyBookingToJson(const SurveyBooking& b) {
    nlohmann::json j = {{"survey_id", b.id},
                        {"kind", kSurveyBookingKind},
                        {"name", b.name},
                        {"mobile", b.mobile},
                        {"preferred_date", b.preferredDate},
                        {"period", b.period},
                        {"parking", b.parking},
                        {"supply", b.supply},
                        {"property_consent", b.propertyConsent},
                        {"distance_from_meter_m", b.distanceFromMeterM},
                        {"wallbox", b.wallbox},
                        {"model", b.model},
                        {"consent",
                         {{"purpose", b.consent.purpose},
                          {"version", b.consent.version},
                          {"contact_permission", b.consent.contactPermission}}},
                        {"kiosk_id", b.kioskId},
                        {"created_ms", b.createdMs}};
    if (!b.district.empty()) j["district"] = b.district;
    if (!b.trim.empty()) j["trim"] = b.trim;
    if (!b.testDriveId.empty()) j["test_drive_id"] = b.testDriveId;
    return j;
}

std::optional<SurveyBooking> surveyBookingFromJson(const nlohmann::json& j, FieldErrors& errors) {
    const size_t before = errors.size();
    if (!j.is_object()) {
        add(errors, "survey", "wrong_type", "survey must be an object");
        return std::nullopt;
    }
    static const std::set<std::string> kKnown = {"survey_id", "kind", "name", "mobile", "district", "preferred_date", "period",
                                                  "parking", "supply", "property_consent", "distance_from_meter_m", "wallbox",
                                                  "model", "trim", "test_drive_id", "consent", "kiosk_id", "created_ms"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!kKnown.count(it.key()))
            add(errors, "survey", "unknown_field", "survey has an unknown field (only documented fields are accepted)");
    SurveyBooking b;
    auto str = [&](const char* key, std::string& out, bool required) {
        auto it = j.find(key);
        if (it == j.end()) {
            if (required) add(errors, key, "required", std::string(key) + " is required");
            return;
        }
        if (!it->is_string()) {
            add(errors, key, "wrong_type", std::string(key) + " must be a string");
            return;
        }
        out = it->get<std::string>();
    };
    str("survey_id", b.id, true);
    std::string kind;
    str("kind", kind, true);
    if (j.contains("kind") && kind != kSurveyBookingKind) add(errors, "kind", "invalid_kind", "kind must be \"home_charger_survey\"");
    str("name", b.name, true);
    str("mobile", b.mobile, true);
    str("district", b.district, false);
    str("preferred_date", b.preferredDate, true);
    str("period", b.period, true);
    str("parking", b.parking, true);
    str("supply", b.supply, true);
    str("property_consent", b.propertyConsent, true);
    str("wallbox", b.wallbox, true);
    str("model", b.model, true);
    str("trim", b.trim, false);
    str("test_drive_id", b.testDriveId, false);
    str("kiosk_id", b.kioskId, true);
    if (auto it = j.find("distance_from_meter_m"); it == j.end()) add(errors, "distance_from_meter_m", "required", "distance_from_meter_m is required");
    else if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 10000)
        add(errors, "distance_from_meter_m", "wrong_type", "distance_from_meter_m must be an integer 0..10000");
    else b.distanceFromMeterM = static_cast<int>(it->get<std::int64_t>());
    if (auto it = j.find("created_ms"); it == j.end()) add(errors, "created_ms", "required", "created_ms is required");
    else if (!it->is_number_integer()) add(errors, "created_ms", "wrong_type", "created_ms must be an integer");
    else b.createdMs = it->get<std::int64_t>();
    if (auto it = j.find("consent"); it == j.end()) add(errors, "consent", "required", "consent is required");
    else if (!it->is_object()) add(errors, "consent", "wrong_type", "consent must be an object");
    else {
        for (auto c = it->begin(); c != it->end(); ++c)
            if (c.key() != "purpose" && c.key() != "version" && c.key() != "contact_permission")
                add(errors, "consent", "unknown_field", "consent has an unknown field (only documented fields are accepted)");
        const auto& c = *it;
        if (!c.contains("purpose") || !c["purpose"].is_string()) add(errors, "consent.purpose", "required", "consent.purpose must be a string");
        else b.consent.purpose = c["purpose"].get<std::string>();
        if (!c.contains("version") || !c["version"].is_string()) add(errors, "consent.version", "required", "consent.version must be a string");
        else b.consent.version = c["version"].get<std::string>();
        if (!c.contains("contact_permission") || !c["contact_permission"].is_boolean())
            add(errors, "consent.contact_permission", "required", "consent.contact_permission must be true or false");
        else b.consent.contactPermission = c["contact_permission"].get<bool>();
    }
    if (errors.size() != before) return std::nullopt;
    return b;
}

}  // namespace core::charging
