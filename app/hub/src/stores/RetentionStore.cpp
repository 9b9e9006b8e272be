#include "hub/store/RetentionStore.h"

#include "stores/StoreContext.h"

namespace hub {

void StoreContext::erasePersonal(const std::string& bookingId, std::int64_t nowMs) {
    db->run("UPDATE bookings SET name = '', mobile = '', email = '', purged_ms = ? WHERE booking_id = ?",
              P{nowMs, bookingId});
    // A lead not yet sent is not sent any more (one being sent right now finishes; the
    // withdrawal, if any, follows it).
    db->run("UPDATE crm_outbox SET state = 'cancelled', last_error = 'personal data erased' "
              "WHERE booking_id = ? AND kind = 'lead' AND state = 'pending' AND lease_until_ms <= ?",
              P{bookingId, nowMs});
}

int RetentionStore::purgeExpired(std::int64_t nowMs) {
    const std::int64_t cutoffMs = nowMs - std::int64_t{m_ctx.hubSettings.retentionDays} * 86400000LL;
    const auto [day, minute] = core::localFromUtcMs(cutoffMs, m_ctx.settings.zone);
    const std::string cutoffLocal = core::formatLocalDateTime(day, minute), cutoffDay = day.toString();
    std::lock_guard lock(m_ctx.mutex);
    return m_ctx.write([&] {
        // Last activity: the later of the last change and the test drive itself.
        auto r = m_ctx.db->run(
            "SELECT booking_id FROM bookings WHERE purged_ms = 0 AND updated_ms < ? "
            "AND (slot = '' OR slot < ?) AND (queue_date = '' OR queue_date < ?)",
            P{cutoffMs, cutoffLocal, cutoffDay});
        for (const auto& row : r.rows) {
            m_ctx.erasePersonal(row.text(0), nowMs);
            m_ctx.audit(nowMs, Principal{"", "system", ""}, row.text(0), "purge",
                  "retention " + std::to_string(m_ctx.hubSettings.retentionDays) + " days");
        }
        auto surveys = m_ctx.db->run("SELECT survey_id FROM surveys WHERE purged_ms = 0 AND updated_ms < ? AND preferred_date < ?",
                                 P{cutoffMs, cutoffDay});
        for (const auto& row : surveys.rows) {
            m_ctx.db->run("UPDATE surveys SET name = '', mobile = '', district = '', purged_ms = ? WHERE survey_id = ?",
                      P{nowMs, row.text(0)});
            m_ctx.audit(nowMs, Principal{"", "system", ""}, row.text(0), "purge",
                  "retention " + std::to_string(m_ctx.hubSettings.retentionDays) + " days");
        }
        return static_cast<int>(r.rows.size() + surveys.rows.size());
    });
}

}  // namespace hub
