#pragma once
// HubStore: the sales hub's database (SQLite) and its rules. Authoritative for slot capacity:
// every capacity decision is a conditional UPDATE inside the push's BEGIN IMMEDIATE transaction,
// never a check followed by an insert. Event ids are unique forever (the idempotency key).
// Thread-safe: one connection behind a mutex (SQLite serialises writers anyway).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Catalog.h"
#include "core/booking/BookingSettings.h"
#include "core/booking/SyncProtocol.h"
#include "store/Sqlite.h"

namespace hub {

struct Principal {
    std::string kioskId;
    std::string role;  // "kiosk" or "advisor"
};

// An advisor-API failure: HTTP status, machine code and English reason.
struct ApiError {
    int status = 400;
    std::string code;
    std::string reason;
};

class HubStore {
public:
    static constexpr int kSchemaVersion = 1;

    HubStore(const std::string& path, core::Catalog catalog, core::BookingSettings settings);

    const std::string& path() const { return m_db.path(); }
    const core::Catalog& catalog() const { return m_catalog; }
    const core::BookingSettings& settings() const { return m_settings; }

    // Registers (or re-keys) a kiosk or advisor device; returns its new bearer token. Only a hash of
    // the token is stored.
    std::string registerDevice(const std::string& id, const std::string& role, std::int64_t nowMs);
    std::optional<Principal> authenticate(const std::string& token);

    core::PushResponse push(const core::PushRequest& request, std::int64_t nowMs);
    core::PullPage pull(const std::string& kioskId, std::int64_t cursor, size_t limit);
    std::vector<core::AllocationGrant> allocate(const std::string& kioskId, const std::vector<core::AllocationAsk>& asks,
                                                std::int64_t nowMs);

    // Advisor API. Actions: check-in, start, complete, no-show, cancel, reschedule (newSlot).
    nlohmann::json bookingsForDay(const std::string& date);
    nlohmann::json openTasks();
    std::optional<ApiError> advisorAction(const std::string& bookingId, const std::string& action,
                                          const std::string& newSlot, std::int64_t nowMs, nlohmann::json& booking);

    // For tests and operations.
    std::int64_t count(const std::string& table);
    std::int64_t confirmedInSlot(const std::string& slotKey);
    std::string integrityCheck();

private:
    void migrate();
    void ensureSlot(const std::string& slotKey, const std::string& model);
    core::HubBooking hubBooking(const std::string& bookingId);
    std::string findAlternative(const std::string& model, const std::string& slot);
    void recordChange(const std::string& kind, const std::string& key, const std::string& audience,
                      const nlohmann::json& data);
    void recordSlotChange(const std::string& slotKey);
    void recordBookingChange(const std::string& bookingId);
    void recordAllocationChange(const std::string& kioskId, const std::string& slotKey);
    core::EventResult applyEvent(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs);
    void releaseSeat(const std::string& bookingId);

    core::Catalog m_catalog;
    core::BookingSettings m_settings;
    std::mutex m_mutex;
    store::Database m_db;
};

}  // namespace hub
