#include "hub/store/AnalyticsStore.h"

#include "stores/Intake.h"
#include "stores/StoreContext.h"

namespace hub {

// The analytics half of a sync push (see Intake.h).
core::EventResult applyAnalyticsEvent(StoreContext& ctx, const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs) {
    core::EventResult r;
    r.eventId = e.eventId;
    const core::analytics::Event& ev = *e.analytics;
    const auto problems = core::analytics::checkEvent(core::analytics::viewOf(ev), ctx.vocabulary);
    std::optional<std::string> line;
    if (problems.empty()) line = core::analytics::eventToJsonLine(ev, ctx.vocabulary);
    if (!line) {
        // The problem names the field, never the value (it could be what must not be stored).
        r.outcome = core::EventOutcome::Rejected;
        r.field = problems.empty() ? "event" : core::analyticsProblemField(problems.front());
        r.reason = problems.empty() ? "the event fails the analytics checks" : problems.front();
    } else {
        ctx.db->run("INSERT INTO analytics_events(event_id, kiosk_id, time_s, line, received_ms) VALUES(?,?,?,?,?)",
                  P{e.eventId, kioskId, ev.timeS, *line, nowMs});
        r.outcome = core::EventOutcome::Applied;
    }
    ctx.db->run("INSERT INTO events(event_id, kiosk_id, booking_id, outcome, field, reason, received_ms, type) "
              "VALUES(?,?,'',?,?,?,?,?)",
              P{e.eventId, kioskId, std::string(core::toString(r.outcome)), r.field, r.reason, nowMs,
                std::string(core::kAnalyticsEvent)});
    return r;
}

std::vector<std::string> AnalyticsStore::lines() {
    std::lock_guard lock(m_ctx.mutex);
    std::vector<std::string> out;
    auto r = m_ctx.db->run("SELECT line FROM analytics_events ORDER BY time_s, seq");
    out.reserve(r.rows.size());
    for (const auto& row : r.rows) out.push_back(row.text(0));
    return out;
}

}  // namespace hub
