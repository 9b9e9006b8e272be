#include "hub/store/DeskStore.h"

#include <algorithm>

#include "stores/StoreContext.h"

namespace hub {
namespace {

const char* const kBookingColumns =
    "booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, name, mobile, email, "
    "contact_permission, config_code, alternative_slot, waitlist_place, consent_version, purged_ms";

DeskBooking bookingOf(const SqlRow& s, const FieldCipher& cipher) {
    DeskBooking b;
    s.read(b.bookingId, b.kioskId, b.model, b.trim, b.mode, b.slot, b.queueDate, b.queuePlace, b.status, b.name, b.mobile,
           b.email, b.contactPermission, b.configCode, b.alternativeSlot, b.waitlistPlace, b.consentVersion,
           b.personalDataErased);
    b.name = cipher.open(b.name, b.bookingId, "name");
    b.mobile = cipher.open(b.mobile, b.bookingId, "mobile");
    b.email = cipher.open(b.email, b.bookingId, "email");
    return b;
}

}  // namespace

std::vector<DeskBooking> DeskStore::bookingsForDay(const std::string& date, const Principal& who, std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    std::vector<DeskBooking> out;
    auto r = m_ctx.db->run(std::string("SELECT ") + kBookingColumns +
                               " FROM bookings WHERE substr(slot, 1, 10) = ?1 OR queue_date = ?1 "
                               "ORDER BY slot, queue_place, created_ms",
                           P{date});
    // What an advisor needs to run the day: who, when, which car, the state. The full mobile and
    // e-mail only through the (audited) detail view.
    for (const auto& row : r.rows) {
        DeskBooking b = bookingOf(row, m_ctx.cipher);
        b.mobileMasked = maskMobile(b.mobile);
        b.mobile.clear();
        b.email.clear();
        b.consentVersion.clear();
        out.push_back(std::move(b));
    }
    if (!out.empty()) {
        m_ctx.write([&] {
            for (const auto& b : out) m_ctx.audit(nowMs, who, b.bookingId, "list", date);
        });
    }
    return out;
}

std::optional<DeskBooking> DeskStore::bookingDetail(const std::string& bookingId, const Principal& who,
                                                    std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    auto r = m_ctx.db->run(std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE booking_id = ?", P{bookingId});
    if (r.empty()) return std::nullopt;
    m_ctx.write([&] { m_ctx.audit(nowMs, who, bookingId, "read"); });
    return bookingOf(r.front(), m_ctx.cipher);
}

std::vector<AdvisorTask> DeskStore::openTasks() {
    std::lock_guard lock(m_ctx.mutex);
    std::vector<AdvisorTask> out;
    auto r = m_ctx.db->run("SELECT id, booking_id, kind, detail, created_ms FROM advisor_tasks WHERE done = 0 ORDER BY id");
    for (const auto& s : r.rows) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4)});
    return out;
}

std::vector<AuditEntry> DeskStore::auditFor(const std::string& recordId) {
    std::lock_guard lock(m_ctx.mutex);
    std::vector<AuditEntry> out;
    auto r = m_ctx.db->run("SELECT at_ms, actor, device_id, action, detail FROM audit_log WHERE booking_id = ? ORDER BY id",
                           P{recordId});
    for (const auto& s : r.rows) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    return out;
}

std::optional<ApiError> DeskStore::actLocked(const std::string& bookingId, const std::string& action,
                                             const std::string& newSlot, std::int64_t nowMs, const Principal& who) {
    struct Move {
        const char* action;
        std::vector<std::string> from;
        const char* to;
    };
    static const std::vector<Move> kMoves = {
        {"check-in", {"confirmed"}, "checked_in"},
        {"start", {"checked_in", "confirmed"}, "started"},
        {"complete", {"started"}, "completed"},
        {"no-show", {"confirmed", "checked_in"}, "no_show"},
        {"cancel", {"requested", "confirmed", "conflict", "checked_in"}, "cancelled"},
        {"reschedule", {"requested", "confirmed", "conflict"}, "confirmed"},
        {"withdraw",
         {"requested", "confirmed", "conflict", "checked_in", "started", "completed", "no_show", "cancelled"},
         "cancelled"},
    };
    auto r = m_ctx.db->run("SELECT status, mode, model, slot, withdrawn_ms FROM bookings WHERE booking_id = ?", P{bookingId});
    if (r.empty()) return ApiError{404, "not_found", "no booking with this id"};
    const std::string status = r.front().text(0), mode = r.front().text(1), model = r.front().text(2);
    const Move* move = nullptr;
    for (const auto& m : kMoves)
        if (action == m.action) move = &m;
    if (!move) return ApiError{404, "unknown_action", "unknown action"};
    if (std::find(move->from.begin(), move->from.end(), status) == move->from.end() ||
        (action == "withdraw" && r.front().integer(4) != 0))
        return ApiError{409, "invalid_transition", "a booking in state " + status + " cannot " + action};
    if (action == "reschedule") {
        if (mode != "slot") return ApiError{409, "not_a_slot_booking", "only slot bookings can be rescheduled"};
        if (!core::isSlotStart(m_ctx.settings, newSlot))
            return ApiError{400, "invalid_slot", "slot must be a slot start inside the opening hours"};
        const std::string key = core::slotKey(model, newSlot);
        m_ctx.ensureSlot(key, model);
        auto take = m_ctx.db->run(
            "UPDATE slots SET free_confirmed = free_confirmed + 1 WHERE slot_key = ? AND free_confirmed + granted_total < capacity",
            P{key});
        if (take.affected != 1) return ApiError{409, "slot_full", "the new slot is full"};
        m_ctx.releaseSeat(bookingId);
        m_ctx.db->run("UPDATE bookings SET slot = ?, status = 'confirmed', seat = 'free', alternative_slot = '', "
                  "waitlist_place = 0, updated_ms = ? WHERE booking_id = ?",
                  P{newSlot, nowMs, bookingId});
        m_ctx.recordSlotChange(key);
    } else {
        // A withdrawal cancels a booking still to come; a past one keeps its outcome.
        static const std::vector<std::string> kOpen = {"requested", "confirmed", "conflict", "checked_in"};
        const bool open = std::find(kOpen.begin(), kOpen.end(), status) != kOpen.end();
        if (action == "cancel" || (action == "withdraw" && open)) m_ctx.releaseSeat(bookingId);
        const std::string to = action == "withdraw" && !open ? status : std::string(move->to);
        m_ctx.db->run("UPDATE bookings SET status = ?, updated_ms = ? WHERE booking_id = ?", P{to, nowMs, bookingId});
    }
    if (action == "withdraw") {
        m_ctx.erasePersonal(bookingId, nowMs);
        m_ctx.db->run("UPDATE bookings SET withdrawn_ms = ? WHERE booking_id = ?", P{nowMs, bookingId});
        m_ctx.queueCrm(bookingId, "withdrawal", nowMs);
    }
    if (action == "cancel" || action == "reschedule" || action == "withdraw")
        m_ctx.db->run("UPDATE advisor_tasks SET done = 1 WHERE booking_id = ?", P{bookingId});
    m_ctx.audit(nowMs, who, bookingId, action, action == "reschedule" ? newSlot : "");
    m_ctx.recordBookingChange(bookingId);
    return std::nullopt;
}

std::optional<ApiError> DeskStore::act(const std::string& bookingId, const std::string& action,
                                       const std::string& newSlot, std::int64_t nowMs, core::HubBooking& booking,
                                       const Principal& who) {
    std::lock_guard lock(m_ctx.mutex);
    auto result = m_ctx.write([&] { return actLocked(bookingId, action, newSlot, nowMs, who); });
    if (!result) booking = m_ctx.hubBooking(bookingId);
    return result;
}

}  // namespace hub
