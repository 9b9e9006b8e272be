#pragma once
// CrmOutbox: one row per lead (or withdrawal) and CRM adapter, claimed under a lease so several
// hub processes sharing a database share the work; each attempt of one row carries the same
// idempotency key.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hub/store/Types.h"

namespace hub {

struct StoreContext;

class CrmOutbox {
public:
    explicit CrmOutbox(StoreContext& ctx) : m_ctx(ctx) {}
    // Leads are queued for these adapters from now on (each stored booking -> one "lead" row each).
    void setAdapters(std::vector<std::string> adapters);
    // Claims up to `limit` due items of one adapter for `leaseMs`. A withdrawal waits until the
    // lead before it is settled.
    std::vector<OutboxItem> claimDue(const std::string& adapter, const std::string& owner, std::int64_t nowMs,
                                     std::int64_t leaseMs, size_t limit);
    void markDelivered(std::int64_t id, std::int64_t nowMs);
    void markFailed(std::int64_t id, const std::string& error, std::int64_t nextAttemptMs);
    std::optional<Lead> lead(const std::string& bookingId);
    std::vector<AdapterStatus> status();
    // All leads created in [fromMs, toMs) for a manual CSV import; audited as an export by `who`.
    std::vector<Lead> leadsBetween(std::int64_t fromMs, std::int64_t toMs, const std::string& who, std::int64_t nowMs);

private:
    StoreContext& m_ctx;
};

}  // namespace hub
