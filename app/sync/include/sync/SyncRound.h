#pragma once
// One sync round: push the outbox in batches until it is empty, pull changes until caught up,
// optionally refresh seat allocations. Used by the SyncWorker, `kioskctl sync` and the tests.
// Runs on the caller's thread with the caller's store connection and client.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/booking/BookingSettings.h"
#include "store/KioskStore.h"
#include "sync/SyncClient.h"

namespace core {
struct Catalog;
}

namespace kiosksync {

struct RoundOptions {
    size_t batchSize = 200;     // events per push
    size_t pullLimit = 500;     // changes per pull page
    std::vector<core::AllocationAsk> allocationAsks;  // empty = leave allocations alone
};

struct RoundResult {
    bool ok = false;            // everything pushed and pulled
    bool reachedHub = false;    // the hub answered at least once
    bool authFailed = false;    // 401/403: the token is wrong; retrying will not help soon
    std::string error;          // why not ok (no personal data)
    size_t pushed = 0;          // events the hub acknowledged this round
    std::vector<store::BookingUpdate> updates;
};

RoundResult runSyncRound(store::KioskStore& store, SyncClient& client, const RoundOptions& options, std::int64_t nowMs);

// The seats to ask the hub to escrow: settings.seatsPerKiosk for every future slot of every model
// with demo cars, from today through allocationHorizonDays.
std::vector<core::AllocationAsk> allocationAsks(const core::Catalog& catalog, const core::BookingSettings& settings,
                                                std::int64_t nowMs);

// Capped exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^(failures-1))].
class Backoff {
public:
    Backoff(int baseMs, int capMs, std::uint64_t seed) : m_baseMs(baseMs), m_capMs(capMs), m_rng(seed) {}
    int delayMs(int failures);

private:
    int m_baseMs;
    int m_capMs;
    std::mt19937_64 m_rng;
};

}  // namespace kiosksync
