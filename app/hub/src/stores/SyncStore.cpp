#include "hub/store/SyncStore.h"

#include <algorithm>

#include "stores/Intake.h"
#include "stores/StoreContext.h"

namespace hub {
namespace {

// An event id seen before: answered with its first outcome (the idempotency key).
std::optional<core::EventResult> seenBefore(StoreContext& ctx, const core::PushEvent& e) {
    auto seen = ctx.db->run("SELECT outcome, field, reason, booking_id, type FROM events WHERE event_id = ?", P{e.eventId});
    if (seen.empty()) return std::nullopt;
    core::EventResult r;
    r.eventId = e.eventId;
    const SqlRow& s = seen.front();
    r.outcome = core::EventOutcome::Duplicate;
    r.original = core::eventOutcomeFromString(s.text(0));
    r.field = s.text(1);
    r.reason = s.text(2);
    if (r.original != core::EventOutcome::Rejected) {
        if (s.text(4) == core::kSurveyCreate) r.survey = ctx.hubSurvey(s.text(3));
        else if (s.text(4) == core::kBookingCreate) r.booking = ctx.hubBooking(s.text(3));
    }
    return r;
}

// Where a new booking sits: its status, the seat it took and, for a full slot, an alternative.
struct Placement {
    std::string status = "confirmed", seat, alternative;
    std::int64_t queuePlace = 0, waitlist = 0;
};

Placement place(StoreContext& ctx, const std::string& kioskId, const core::Booking& b) {
    Placement p;
    if (b.mode == core::BookingMode::Queue) {
        p.queuePlace = ctx.db->run("SELECT count(*) FROM bookings WHERE mode='queue' AND model=? AND queue_date=?",
                                   P{b.model, b.queueDate})
                           .front()
                           .integer(0) +
                       1;
        return p;
    }
    const std::string key = core::slotKey(b.model, b.slot);
    ctx.ensureSlot(key, b.model);
    if (b.viaAllocation) {
        auto take = ctx.db->run("UPDATE allocations SET used = used + 1 WHERE kiosk_id = ? AND slot_key = ? AND used < granted",
                                P{kioskId, key});
        if (take.affected == 1) p.seat = "allocation";
    }
    if (p.seat.empty()) {
        auto take = ctx.db->run("UPDATE slots SET free_confirmed = free_confirmed + 1 "
                                "WHERE slot_key = ? AND free_confirmed + granted_total < capacity",
                                P{key});
        if (take.affected == 1) p.seat = "free";
    }
    if (p.seat.empty()) {
        p.status = "conflict";
        p.alternative = ctx.findAlternative(b.model, b.slot);
        p.waitlist = ctx.db->run("SELECT count(*) FROM bookings WHERE model=? AND slot=? AND mode='slot' AND status='conflict'",
                                 P{b.model, b.slot})
                         .front()
                         .integer(0) +
                     1;
    }
    return p;
}

void insertBooking(StoreContext& ctx, const std::string& kioskId, const core::Booking& b, const Placement& p,
                   std::int64_t nowMs) {
    ctx.db->run(
        "INSERT INTO bookings(booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, seat, "
        "name, mobile, email, licence_confirmed, consent_version, contact_permission, config_code, created_ms, "
        "received_ms, via_allocation, alternative_slot, waitlist_place, updated_ms) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        P{b.id, kioskId, b.model, b.trim, std::string(core::toString(b.mode)), b.slot, b.queueDate, p.queuePlace,
          p.status, p.seat, ctx.cipher.seal(b.name, b.id, "name"), ctx.cipher.seal(b.mobile, b.id, "mobile"),
          ctx.cipher.seal(b.email, b.id, "email"), flag(b.licenceConfirmed), b.consent.version,
          flag(b.consent.contactPermission), b.configCode, b.createdMs, nowMs, flag(b.viaAllocation), p.alternative,
          p.waitlist, nowMs});
    if (p.status == "conflict" || (b.viaAllocation && p.seat != "allocation")) {
        // Nothing is dropped silently: an advisor calls the customer about the alternative.
        const std::string detail =
            p.status == "conflict"
                ? "slot " + b.slot + " was full; offer " + (p.alternative.empty() ? "the waiting list" : p.alternative)
                : "kiosk confirmed beyond its allocation; seat found in free capacity";
        ctx.db->run("INSERT INTO advisor_tasks(booking_id, kind, detail, created_ms) VALUES(?,?,?,?)",
                    P{b.id, std::string(p.status == "conflict" ? "conflict" : "allocation_overrun"), detail, nowMs});
    }
}

core::EventResult applyBookingEvent(StoreContext& ctx, const std::string& kioskId, const core::PushEvent& e,
                                    std::int64_t nowMs) {
    core::EventResult r;
    r.eventId = e.eventId;
    const core::Booking& b = e.booking;
    auto record = [&](const core::EventResult& res) {
        ctx.db->run("INSERT INTO events(event_id, kiosk_id, booking_id, outcome, field, reason, received_ms) "
                    "VALUES(?,?,?,?,?,?,?)",
                    P{e.eventId, kioskId, b.id, std::string(core::toString(res.outcome)), res.field, res.reason, nowMs});
    };
    // The same booking under another event id (a kiosk that rebuilt its outbox): the booking
    // stays single; the answer is the booking's original outcome.
    auto exists = ctx.db->run("SELECT status FROM bookings WHERE booking_id = ?", P{b.id});
    if (!exists.empty()) {
        r.outcome = core::EventOutcome::Duplicate;
        r.original = exists.front().text(0) == "conflict" ? core::EventOutcome::Conflict : core::EventOutcome::Applied;
        r.booking = ctx.hubBooking(b.id);
        record(r);
        return r;
    }
    const core::FieldErrors errors = core::validateBooking(b, ctx.catalog, ctx.settings);
    if (rejectedBy(r, errors)) {
        record(r);
        return r;
    }
    const Placement p = place(ctx, kioskId, b);
    insertBooking(ctx, kioskId, b, p, nowMs);
    r.outcome = p.status == "conflict" ? core::EventOutcome::Conflict : core::EventOutcome::Applied;
    record(r);
    ctx.audit(nowMs, Principal{kioskId, "kiosk", ""}, b.id, "create", p.status);
    ctx.queueCrm(b.id, "lead", nowMs);
    r.booking = ctx.hubBooking(b.id);
    ctx.recordBookingChange(b.id);
    const std::string key = core::slotKey(b.model, b.slot);
    if (b.mode == core::BookingMode::Slot) ctx.recordSlotChange(key);
    if (p.seat == "allocation") ctx.recordAllocationChange(kioskId, key);
    return r;
}

core::EventResult applyEvent(StoreContext& ctx, const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs) {
    if (auto seen = seenBefore(ctx, e)) return *seen;
    if (e.type == core::kSurveyCreate) return applySurveyEvent(ctx, kioskId, e, nowMs);
    if (e.type == core::kAnalyticsEvent) return applyAnalyticsEvent(ctx, kioskId, e, nowMs);
    return applyBookingEvent(ctx, kioskId, e, nowMs);
}

}  // namespace

core::PushResponse SyncStore::push(const core::PushRequest& request, std::int64_t nowMs) {
    core::PushResponse response;
    std::lock_guard lock(m_ctx.mutex);
    // One transaction per push: every result and the events table commit together, so an answer
    // lost on the way back is answered again, identically, as a duplicate.
    m_ctx.write([&] {
        response.results.clear();
        for (const auto& e : request.events) response.results.push_back(applyEvent(m_ctx, request.kioskId, e, nowMs));
    });
    return response;
}

core::PullPage SyncStore::pull(const std::string& kioskId, std::int64_t cursor, size_t limit) {
    std::lock_guard lock(m_ctx.mutex);
    core::PullPage page;
    page.cursor = cursor;
    page.nextCursor = cursor;
    auto r = m_ctx.db->run(
        "SELECT seq, kind, key, data FROM changes WHERE seq > ? AND (audience = '' OR audience = ?) ORDER BY seq LIMIT ?",
        P{cursor, kioskId, static_cast<std::int64_t>(limit)});
    for (const auto& row : r.rows) {
        core::PullChange c;
        c.seq = row.integer(0);
        c.kind = row.text(1);
        c.key = row.text(2);
        c.data = nlohmann::json::parse(row.text(3));
        page.nextCursor = c.seq;
        page.changes.push_back(std::move(c));
    }
    page.more = page.changes.size() == limit;
    return page;
}

std::vector<core::AllocationGrant> SyncStore::allocate(const std::string& kioskId,
                                                      const std::vector<core::AllocationAsk>& asks, std::int64_t) {
    std::vector<core::AllocationGrant> out;
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        out.clear();
        for (const auto& ask : asks) {
            auto parsed = core::parseSlotKey(ask.slotKey);
            if (!parsed || !m_ctx.catalog.findModel(parsed->first) || !core::isSlotStart(m_ctx.settings, parsed->second)) continue;
            m_ctx.ensureSlot(ask.slotKey, parsed->first);
            auto cur = m_ctx.db->run("SELECT granted, used FROM allocations WHERE kiosk_id=? AND slot_key=?", P{kioskId, ask.slotKey});
            std::int64_t granted = 0, used = 0;
            if (!cur.empty()) {
                granted = cur.front().integer(0);
                used = cur.front().integer(1);
            }
            const std::int64_t want = std::max<std::int64_t>(ask.seats, used);
            std::int64_t newGranted = granted;
            if (want > granted) {
                // Grant what free capacity allows, in one conditional UPDATE: the CHECK on slots backs it.
                auto room = m_ctx.db->run("SELECT capacity - free_confirmed - granted_total FROM slots WHERE slot_key = ?",
                                      P{ask.slotKey});
                const std::int64_t extra = std::clamp<std::int64_t>(room.empty() ? 0 : room.front().integer(0), 0, want - granted);
                if (extra > 0) {
                    auto take = m_ctx.db->run(
                        "UPDATE slots SET granted_total = granted_total + ?2 "
                        "WHERE slot_key = ?1 AND free_confirmed + granted_total + ?2 <= capacity",
                        P{ask.slotKey, extra});
                    if (take.affected == 1) newGranted = granted + extra;
                }
            } else if (want < granted) {
                m_ctx.db->run("UPDATE slots SET granted_total = granted_total - ?2 WHERE slot_key = ?1", P{ask.slotKey, granted - want});
                newGranted = want;
            }
            if (newGranted != granted) {
                m_ctx.db->run("INSERT INTO allocations(kiosk_id, slot_key, granted, used) VALUES(?1,?2,?3,0) "
                          "ON CONFLICT(kiosk_id, slot_key) DO UPDATE SET granted = ?3",
                          P{kioskId, ask.slotKey, newGranted});
                m_ctx.recordAllocationChange(kioskId, ask.slotKey);
                m_ctx.recordSlotChange(ask.slotKey);
            }
            out.push_back({ask.slotKey, static_cast<int>(newGranted), static_cast<int>(used)});
        }
    });
    return out;
}

std::int64_t SyncStore::confirmedInSlot(const std::string& key) {
    std::lock_guard lock(m_ctx.mutex);
    return m_ctx.confirmedInSlot(key);
}

}  // namespace hub
