#include "sync/SyncRound.h"

#include <algorithm>

#include "core/Catalog.h"

namespace kiosksync {
namespace {

bool isAuthError(int status) { return status == 401 || status == 403; }

// The payload prefixes of the three event kinds in a one-event push's 400 field.
constexpr const char* kPayloadPrefixes[] = {"events[0].booking", "events[0].survey", "events[0].event"};

// A 400 that names a field inside the single event's payload (booking, survey or analytics event)
// is a permanent verdict on that event; any other 400 (protocol version, kiosk id) is a
// configuration problem and must never turn a customer's booking into "rejected".
bool isEventRejection(const Reply<core::PushResponse>& r) {
    if (r.status != 400) return false;
    for (const char* p : kPayloadPrefixes)
        if (r.field.rfind(p, 0) == 0) return true;
    return false;
}

// "events[0].survey.name" -> "name"; "events[0].survey" -> "survey".
std::string rejectedField(const std::string& field) {
    for (const std::string p : kPayloadPrefixes)
        if (field.rfind(p, 0) == 0) return field.size() > p.size() + 1 ? field.substr(p.size() + 1) : p.substr(10);
    return field;
}

}  // namespace

int Backoff::delayMs(int failures) {
    if (failures <= 0) return 0;
    const int shift = std::min(failures - 1, 30);
    const std::int64_t ceiling = std::min<std::int64_t>(m_capMs, static_cast<std::int64_t>(m_baseMs) << shift);
    std::uniform_int_distribution<std::int64_t> pick(0, ceiling);
    return static_cast<int>(pick(m_rng));
}

RoundResult runSyncRound(store::KioskStore& store, SyncClient& client, const RoundOptions& options, std::int64_t nowMs) {
    RoundResult result;
    size_t batch = std::max<size_t>(1, std::min(options.batchSize, core::kMaxPushEvents));
    auto fail = [&](const std::string& why, int status) {
        result.error = why;
        result.authFailed = isAuthError(status);
        if (status != 0) result.reachedHub = true;
        return result;
    };
    for (;;) {
        auto events = store.pendingEvents(batch);
        if (events.empty()) break;
        store.noteAttempt(events, nowMs);
        core::PushRequest request{store.kioskId(), events};
        auto reply = client.push(request);
        if (reply.ok()) {
            result.reachedHub = true;
            auto updates = store.applyPushResults(reply.value->results, nowMs);
            result.updates.insert(result.updates.end(), updates.begin(), updates.end());
            size_t retried = 0;
            for (const auto& r : reply.value->results) retried += r.outcome == core::EventOutcome::Retry;
            result.pushed += events.size() - retried;
            if (retried > 0) return fail("the hub asked to retry " + std::to_string(retried) + " events", 200);
            continue;
        }
        if (reply.status == 413 && batch > 1) {
            batch = std::max<size_t>(1, batch / 2);
            result.reachedHub = true;
            continue;
        }
        if (reply.status == 400 && events.size() > 1) {
            // One bad event must not block the others: find it by pushing one at a time.
            batch = 1;
            result.reachedHub = true;
            continue;
        }
        if (isEventRejection(reply)) {
            core::EventResult rejected;
            rejected.eventId = events.front().eventId;
            rejected.outcome = core::EventOutcome::Rejected;
            rejected.field = rejectedField(reply.field);
            rejected.reason = reply.reason;
            auto updates = store.applyPushResults({rejected}, nowMs);
            result.updates.insert(result.updates.end(), updates.begin(), updates.end());
            result.reachedHub = true;
            continue;
        }
        return fail("push failed: " + reply.error, reply.status);
    }
    for (int page = 0; page < 10000; ++page) {
        auto reply = client.pull(store.pullCursor(), options.pullLimit);
        if (!reply.ok()) return fail("pull failed: " + reply.error, reply.status);
        result.reachedHub = true;
        store.applyPullPage(*reply.value, result.updates);
        if (!reply.value->more) break;
    }
    if (!options.allocationAsks.empty()) {
        auto reply = client.allocate(store.kioskId(), options.allocationAsks);
        if (!reply.ok()) return fail("allocation failed: " + reply.error, reply.status);
        store.applyAllocations(*reply.value);
    }
    result.ok = true;
    return result;
}

std::vector<core::AllocationAsk> allocationAsks(const core::Catalog& catalog, const core::BookingSettings& settings,
                                                std::int64_t nowMs) {
    std::vector<core::AllocationAsk> asks;
    if (settings.seatsPerKiosk <= 0) return asks;
    const auto [today, minute] = core::localFromUtcMs(nowMs, settings.zone);
    const std::string now = core::formatLocalDateTime(today, minute);
    for (int day = 0; day <= settings.allocationHorizonDays; ++day)
        for (const auto& model : catalog.models) {
            if (core::slotCapacity(catalog, model.id) == 0) continue;
            for (const auto& slot : core::slotsForDay(settings, today.plusDays(day)))
                if (slot > now) asks.push_back({core::slotKey(model.id, slot), settings.seatsPerKiosk});
        }
    return asks;
}

}  // namespace kiosksync
