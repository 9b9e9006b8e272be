#include "HubJson.h"

namespace hub {
namespace {

using Json = nlohmann::json;

Json bookingCommon(const DeskBooking& b) {
    Json j = {{"booking_id", b.bookingId}, {"kiosk_id", b.kioskId}, {"model", b.model},   {"trim", b.trim},
              {"mode", b.mode},            {"status", b.status},    {"name", b.name},
              {"contact_permission", b.contactPermission}};
    if (!b.slot.empty()) j["slot"] = b.slot;
    if (!b.queueDate.empty()) j["queue_date"] = b.queueDate;
    if (b.queuePlace > 0) j["queue_place"] = b.queuePlace;
    if (!b.configCode.empty()) j["config_code"] = b.configCode;
    if (!b.alternativeSlot.empty()) j["alternative_slot"] = b.alternativeSlot;
    if (b.waitlistPlace > 0) j["waitlist_place"] = b.waitlistPlace;
    return j;
}

Json surveyCommon(const DeskSurvey& s) {
    Json j = {{"survey_id", s.surveyId},
              {"kiosk_id", s.kioskId},
              {"status", s.status},
              {"preferred_date", s.preferredDate},
              {"period", s.period},
              {"parking", s.parking},
              {"supply", s.supply},
              {"property_consent", s.propertyConsent},
              {"distance_from_meter_m", s.distanceFromMeterM},
              {"wallbox", s.wallbox},
              {"model", s.model},
              {"name", s.name},
              {"contact_permission", s.contactPermission}};
    if (!s.trim.empty()) j["trim"] = s.trim;
    if (!s.testDriveId.empty()) j["test_drive_id"] = s.testDriveId;
    if (!s.district.empty()) j["district"] = s.district;
    return j;
}

// The personal fields of a booking or survey: the masked mobile in a day list; in a detail the
// mobile, the consent version and whether the personal data was erased.
template <class Row>
Json withPersonal(Json j, const Row& r, bool detail) {
    if (!detail) {
        j["mobile_masked"] = r.mobileMasked;
        return j;
    }
    j["mobile"] = r.mobile;
    j["consent_version"] = r.consentVersion;
    j["personal_data_erased"] = r.personalDataErased;
    return j;
}

}  // namespace

Json bookingListJson(const DeskBooking& b) { return withPersonal(bookingCommon(b), b, false); }

Json bookingDetailJson(const DeskBooking& b) {
    Json j = withPersonal(bookingCommon(b), b, true);
    if (!b.email.empty()) j["email"] = b.email;
    return j;
}

Json surveyListJson(const DeskSurvey& s) { return withPersonal(surveyCommon(s), s, false); }

Json surveyDetailJson(const DeskSurvey& s) {
    Json j = withPersonal(surveyCommon(s), s, true);
    j["consent_withdrawn"] = s.consentWithdrawn;
    return j;
}

Json toJson(const AdvisorTask& t) {
    return {{"id", t.id}, {"booking_id", t.recordId}, {"kind", t.kind}, {"detail", t.detail}, {"created_ms", t.createdMs}};
}

Json toJson(const AuditEntry& e) {
    return {{"at_ms", e.atMs}, {"actor", e.actor}, {"device_id", e.deviceId}, {"action", e.action}, {"detail", e.detail}};
}

}  // namespace hub
