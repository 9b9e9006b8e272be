// Slot seats: a slot row per (model, slot) made on first use, the confirmed count, the next slot
// with room, and giving a seat back. Capacity itself is taken by conditional UPDATEs where it is
// decided (SyncStore, DeskStore), never by a check followed by an insert.
#include <map>

#include "stores/StoreContext.h"

namespace hub {

void StoreContext::ensureSlot(const std::string& key, const std::string& model) {
    auto parsed = core::parseSlotKey(key);
    db->run("INSERT INTO slots(slot_key, model, slot, capacity) VALUES(?,?,?,?) ON CONFLICT DO NOTHING",
              P{key, model, parsed ? parsed->second : std::string(), std::int64_t{core::slotCapacity(catalog, model)}});
}

std::int64_t StoreContext::confirmedInSlot(const std::string& key) {
    auto parsed = core::parseSlotKey(key);
    if (!parsed) return 0;
    return db
        ->run("SELECT count(*) FROM bookings WHERE model = ? AND slot = ? AND mode='slot' "
              "AND status IN ('confirmed','checked_in','started','completed','no_show')",
              P{parsed->first, parsed->second})
        .front()
        .integer(0);
}

std::string StoreContext::findAlternative(const std::string& model, const std::string& slot) {
    auto dt = core::parseLocalDateTime(slot);
    if (!dt) return "";
    const int capacity = core::slotCapacity(catalog, model);
    // One query for the week's known slots; slots without a row are empty.
    const std::string end = dt->first.plusDays(7).toString();
    auto r = db->run("SELECT slot, free_confirmed + granted_total FROM slots WHERE model = ? AND slot > ? AND slot < ?",
                       P{model, slot, end});
    std::map<std::string, std::int64_t> held;
    for (const auto& row : r.rows) held[row.text(0)] = row.integer(1);
    for (int day = 0; day < 7; ++day) {
        for (const auto& candidate : core::slotsForDay(settings, dt->first.plusDays(day))) {
            if (candidate <= slot) continue;
            auto it = held.find(candidate);
            if (it == held.end() || it->second < capacity) return candidate;
        }
    }
    return "";
}

void StoreContext::releaseSeat(const std::string& bookingId) {
    auto r = db->run("SELECT seat, kiosk_id, model || '@' || slot FROM bookings WHERE booking_id = ?", P{bookingId});
    if (r.empty()) return;
    const std::string seat = r.front().text(0), kiosk = r.front().text(1), key = r.front().text(2);
    if (seat == "allocation") {
        db->run("UPDATE allocations SET used = used - 1 WHERE kiosk_id = ? AND slot_key = ? AND used > 0", P{kiosk, key});
        recordAllocationChange(kiosk, key);
    } else if (seat == "free") {
        db->run("UPDATE slots SET free_confirmed = free_confirmed - 1 WHERE slot_key = ? AND free_confirmed > 0", P{key});
    }
    db->run("UPDATE bookings SET seat = '' WHERE booking_id = ?", P{bookingId});
    if (!seat.empty()) recordSlotChange(key);
}

}  // namespace hub
