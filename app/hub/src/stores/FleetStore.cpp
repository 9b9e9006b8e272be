#include "hub/store/FleetStore.h"

#include "stores/StoreContext.h"

namespace hub {

void flagKiosk(FleetKiosk& k, std::int64_t nowMs, std::int64_t staleAfterMs) {
    k.stale = k.syncedMs == 0 || nowMs - k.syncedMs > staleAfterMs;
    k.storeFailing = k.reported && !k.storeOk;
}

void FleetStore::record(const core::KioskStatus& s, std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        m_ctx.db->run(
            "INSERT INTO kiosk_status(kiosk_id, software_version, content_version, outbox_backlog, last_sync_ms, "
            "sync_ok, store_ok, store_problem, reported_ms, synced_ms) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) "
            "ON CONFLICT(kiosk_id) DO UPDATE SET software_version=?2, content_version=?3, outbox_backlog=?4, "
            "last_sync_ms=?5, sync_ok=?6, store_ok=?7, store_problem=?8, reported_ms=?9, "
            "synced_ms=CASE WHEN ?6 = 1 THEN ?9 ELSE kiosk_status.synced_ms END",
            P{s.kioskId, s.softwareVersion, s.contentVersion, s.outboxBacklog, s.lastSyncMs, flag(s.syncOk),
              flag(s.store.ok), s.store.problem, nowMs, s.syncOk ? nowMs : std::int64_t{0}});
    });
}

std::vector<FleetKiosk> FleetStore::list(std::int64_t nowMs, std::int64_t staleAfterMs) {
    std::lock_guard lock(m_ctx.mutex);
    auto rows = m_ctx.db->run(
        "SELECT d.device_id, s.kiosk_id, s.software_version, s.content_version, s.outbox_backlog, s.last_sync_ms, "
        "s.sync_ok, s.store_ok, s.store_problem, s.reported_ms, s.synced_ms FROM devices d "
        "LEFT JOIN kiosk_status s ON s.kiosk_id = d.device_id WHERE d.role = 'kiosk' ORDER BY d.device_id");
    std::vector<FleetKiosk> out;
    for (const auto& row : rows.rows) {
        FleetKiosk k;
        std::string reportedId;
        row.read(k.kioskId, reportedId, k.softwareVersion, k.contentVersion, k.outboxBacklog, k.lastSyncMs, k.lastRoundOk,
                 k.storeOk, k.storeProblem, k.reportedMs, k.syncedMs);
        k.reported = !reportedId.empty();
        if (!k.reported) k.storeOk = true;
        flagKiosk(k, nowMs, staleAfterMs);
        out.push_back(std::move(k));
    }
    return out;
}

}  // namespace hub
