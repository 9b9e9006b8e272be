// The change feed kiosks pull (latest state per record, no personal fields) and the kiosk-facing
// views of bookings and surveys it carries.
#include "stores/StoreContext.h"

namespace hub {

void StoreContext::recordChange(const std::string& kind, const std::string& key, const std::string& audience,
                            const nlohmann::json& data) {
    // One row per (kind, key, audience) holding the latest state: re-inserting gives it a new seq,
    // so every kiosk behind that seq sees it once, and the table never grows with history.
    db->run("DELETE FROM changes WHERE kind=? AND key=? AND audience=?", P{kind, key, audience});
    db->run("INSERT INTO changes(kind, key, audience, data) VALUES(?,?,?,?)", P{kind, key, audience, data.dump()});
}

void StoreContext::recordSlotChange(const std::string& key) {
    auto r = db->run("SELECT capacity, free_confirmed + granted_total FROM slots WHERE slot_key = ?", P{key});
    if (r.empty()) return;
    recordChange("slot", key, "",
                 {{"capacity", r.front().integer(0)}, {"confirmed", confirmedInSlot(key)}, {"held", r.front().integer(1)}});
}

void StoreContext::recordAllocationChange(const std::string& kioskId, const std::string& key) {
    auto r = db->run("SELECT granted, used FROM allocations WHERE kiosk_id=? AND slot_key=?", P{kioskId, key});
    if (r.empty()) return;
    recordChange("allocation", key, kioskId,
                 {{"kiosk_id", kioskId}, {"granted", r.front().integer(0)}, {"used", r.front().integer(1)}});
}

core::HubBooking StoreContext::hubBooking(const std::string& bookingId) {
    auto r = db->run(
        "SELECT booking_id, status, model, slot, queue_date, queue_place, alternative_slot, waitlist_place, kiosk_id "
        "FROM bookings WHERE booking_id = ?",
        P{bookingId});
    core::HubBooking b;
    if (r.empty()) return b;
    const SqlRow& s = r.front();
    b.bookingId = s.text(0);
    b.status = core::bookingStatusFromString(s.text(1)).value_or(core::BookingStatus::Requested);
    b.model = s.text(2);
    b.slot = s.text(3);
    b.queueDate = s.text(4);
    b.queuePlace = static_cast<int>(s.integer(5));
    b.alternativeSlot = s.text(6);
    b.waitlistPlace = static_cast<int>(s.integer(7));
    b.kioskId = s.text(8);
    return b;
}

void StoreContext::recordBookingChange(const std::string& bookingId) {
    // Other kiosks see no personal fields: only what they need for availability and queues.
    recordChange("booking", bookingId, "", core::toJson(hubBooking(bookingId)));
}

core::HubSurvey StoreContext::hubSurvey(const std::string& surveyId) {
    auto r = db->run("SELECT survey_id, status, preferred_date, kiosk_id FROM surveys WHERE survey_id = ?", P{surveyId});
    core::HubSurvey s;
    if (r.empty()) return s;
    s.surveyId = r.front().text(0);
    s.status = r.front().text(1);
    s.preferredDate = r.front().text(2);
    s.kioskId = r.front().text(3);
    return s;
}

void StoreContext::recordSurveyChange(const std::string& surveyId) {
    // Only the kiosk that took the survey hears of it (it affects no one else's availability), and
    // without personal fields.
    const core::HubSurvey s = hubSurvey(surveyId);
    recordChange("survey", surveyId, s.kioskId, core::toJson(s));
}

}  // namespace hub
