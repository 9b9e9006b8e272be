#pragma once
// DeskStore: the advisor desk's bookings. Every read of personal data and every change is
// written to the audit log. The day list shows names and masked mobiles; detail shows one booking
// in full.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/SyncProtocol.h"
#include "hub/store/Types.h"

namespace hub {

struct StoreContext;

class DeskStore {
public:
    explicit DeskStore(StoreContext& ctx) : m_ctx(ctx) {}
    std::vector<DeskBooking> bookingsForDay(const std::string& date, const Principal& who, std::int64_t nowMs);
    std::optional<DeskBooking> bookingDetail(const std::string& bookingId, const Principal& who, std::int64_t nowMs);
    std::vector<AdvisorTask> openTasks();
    // The audit trail of one booking or survey, oldest first.
    std::vector<AuditEntry> auditFor(const std::string& recordId);
    // Actions: check-in, start, complete, no-show, cancel, reschedule (newSlot), withdraw (the
    // customer withdrew consent: personal data erased now, booking cancelled, CRMs told). On
    // success `booking` holds the booking's new state.
    std::optional<ApiError> act(const std::string& bookingId, const std::string& action, const std::string& newSlot,
                                std::int64_t nowMs, core::HubBooking& booking, const Principal& who = {"", "system", ""});

private:
    std::optional<ApiError> actLocked(const std::string& bookingId, const std::string& action,
                                      const std::string& newSlot, std::int64_t nowMs, const Principal& who);
    StoreContext& m_ctx;
};

}  // namespace hub
