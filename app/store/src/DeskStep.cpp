// KioskStore::deskStep: the advisor's steps on an embedded kiosk's own bookings.
#include "store/KioskStore.h"

namespace store {

std::string KioskStore::deskStep(const std::string& bookingId, const std::string& action, std::int64_t nowMs) {
    (void)nowMs;  // the status is the record; the hub keeps the audit trail where there is one
    Transaction tx(m_db);
    Statement find = m_db.prepare("SELECT status FROM bookings WHERE booking_id = ?");
    find.bindAll(bookingId);
    if (!find.step()) return "not_found";
    const auto from = core::bookingStatusFromString(find.text(0));
    const auto to = from ? core::deskTransition(*from, action) : std::nullopt;
    if (!to) return "invalid_transition";
    Statement set = m_db.prepare("UPDATE bookings SET status = ? WHERE booking_id = ?");
    set.bindAll(std::string(core::toString(*to)), bookingId);
    set.run();
    tx.commit();
    return "";
}

}  // namespace store
