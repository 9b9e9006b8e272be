#pragma once
// FleetStore: the kiosks of the showroom as the hub last heard of them. Each sync round ends with
// the kiosk's status (software and content version, outbox backlog, last complete round, health
// of its booking store); the fleet list joins it with the registered kiosks and flags the ones
// that need someone: no complete sync within the stale period (or never), or a failing store.
#include <cstdint>
#include <string>
#include <vector>

#include "core/protocol/KioskStatus.h"

namespace hub {

struct StoreContext;

// One kiosk on the fleet list. Times are UTC ms; 0 = never.
struct FleetKiosk {
    std::string kioskId;
    bool reported = false;          // the hub has had a status from it
    std::string softwareVersion;
    std::string contentVersion;
    std::int64_t outboxBacklog = 0; // -1: the kiosk could not count it (store failing)
    std::int64_t lastSyncMs = 0;    // the kiosk's own clock: its last complete round
    bool lastRoundOk = false;       // the round of its latest report completed
    bool storeOk = true;
    std::string storeProblem;
    std::int64_t reportedMs = 0;    // hub clock: its latest report
    std::int64_t syncedMs = 0;      // hub clock: its latest report of a complete round
    bool stale = false;             // no complete round within the stale period (or never)
    bool storeFailing = false;
};

// The flags of one kiosk at `nowMs` (hub clock): pure, for the list and its tests.
void flagKiosk(FleetKiosk& kiosk, std::int64_t nowMs, std::int64_t staleAfterMs);

class FleetStore {
public:
    explicit FleetStore(StoreContext& ctx) : m_ctx(ctx) {}
    // Keeps the latest status of the kiosk (one row per kiosk).
    void record(const core::KioskStatus& status, std::int64_t nowMs);
    // Every registered kiosk, with or without a status, by id, flagged at `nowMs`.
    std::vector<FleetKiosk> list(std::int64_t nowMs, std::int64_t staleAfterMs);

private:
    StoreContext& m_ctx;
};

}  // namespace hub
