#pragma once
// SyncStore: the kiosk sync protocol's storage. push applies a batch of events in one write
// transaction (bookings here; surveys and analytics through their stores' intake), pull pages
// through the change feed, allocate grants kiosks seats to confirm offline. Every capacity
// decision is a conditional UPDATE backed by a CHECK constraint.
#include <cstdint>
#include <string>
#include <vector>

#include "core/protocol/SyncProtocol.h"

namespace hub {

struct StoreContext;

class SyncStore {
public:
    explicit SyncStore(StoreContext& ctx) : m_ctx(ctx) {}
    core::PushResponse push(const core::PushRequest& request, std::int64_t nowMs);
    core::PullPage pull(const std::string& kioskId, std::int64_t cursor, size_t limit);
    std::vector<core::AllocationGrant> allocate(const std::string& kioskId, const std::vector<core::AllocationAsk>& asks,
                                                std::int64_t nowMs);
    // Confirmed bookings in one slot (tests and operations).
    std::int64_t confirmedInSlot(const std::string& slotKey);

private:
    StoreContext& m_ctx;
};

}  // namespace hub
