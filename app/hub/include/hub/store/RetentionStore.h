#pragma once
// RetentionStore: the scheduled purge of personal data past the retention period.
#include <cstdint>

namespace hub {

struct StoreContext;

class RetentionStore {
public:
    explicit RetentionStore(StoreContext& ctx) : m_ctx(ctx) {}
    // Erases personal fields of bookings (and site surveys) whose last activity (update, slot,
    // queue or preferred day) is older than the retention period. Returns how many were purged.
    int purgeExpired(std::int64_t nowMs);

private:
    StoreContext& m_ctx;
};

}  // namespace hub
