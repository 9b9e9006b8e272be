// KioskStore::deskStep and purgeAfterVisit: an embedded kiosk (no hub) is its own sales system: the
// advisor's steps on its bookings, and the end of their personal data after the visit.
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

size_t KioskStore::purgeAfterVisit(const std::string& cutoffDate, std::int64_t nowMs) {
    Transaction tx(m_db);
    Statement bookings = m_db.prepare(
        "UPDATE bookings SET personal = NULL, purged_ms = ?1 WHERE personal IS NOT NULL AND acked_ms IS NULL "
        "AND substr(CASE WHEN mode = 'queue' THEN queue_date ELSE slot END, 1, 10) < ?2");
    bookings.bindAll(nowMs, cutoffDate);
    bookings.run();
    auto wiped = static_cast<size_t>(m_db.changes());
    Statement surveys = m_db.prepare(
        "UPDATE surveys SET personal = NULL, purged_ms = ?1 WHERE personal IS NOT NULL AND acked_ms IS NULL "
        "AND preferred_date < ?2");
    surveys.bindAll(nowMs, cutoffDate);
    surveys.run();
    wiped += static_cast<size_t>(m_db.changes());
    tx.commit();
    if (wiped > 0) m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");  // no old page images left in the WAL
    return wiped;
}

}  // namespace store
