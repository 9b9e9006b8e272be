#include "hub/store/ShareStore.h"

#include "stores/StoreContext.h"

namespace hub {

bool ShareStore::recordCallback(const CallbackRequest& c, std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    return m_ctx.write([&] {
        const std::string day = c.slot.substr(0, 10);
        auto inserted = m_ctx.db->run(
            "INSERT INTO bookings(booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, seat, "
            "name, mobile, email, licence_confirmed, consent_version, contact_permission, config_code, created_ms, "
            "received_ms, via_allocation, alternative_slot, waitlist_place, updated_ms) "
            "VALUES(?,?,?,?,'callback',?,?,0,'requested','',?,?,?,0,?,?,?,?,?,0,'',0,?) ON CONFLICT DO NOTHING",
            P{c.requestId, std::string(kKioskId), c.model, c.trim, c.slot, day, m_ctx.cipher.seal(c.name, c.requestId, "name"),
              m_ctx.cipher.seal(c.mobile, c.requestId, "mobile"), m_ctx.cipher.seal("", c.requestId, "email"), c.consentVersion,
              flag(c.contactPermission), c.code, nowMs, nowMs, nowMs});
        if (inserted.affected != 1) return false;
        m_ctx.audit(nowMs, Principal{kKioskId, "share", ""}, c.requestId, "create", "callback");
        m_ctx.queueCrm(c.requestId, "lead", nowMs);
        return true;
    });
}

void ShareStore::recordEvent(const std::string& eventId, std::int64_t timeS, const std::string& line, std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        m_ctx.db->run("INSERT INTO analytics_events(event_id, kiosk_id, time_s, line, received_ms) VALUES(?,?,?,?,?)",
                      P{eventId, std::string(kKioskId), timeS, line, nowMs});
    });
}

}  // namespace hub
