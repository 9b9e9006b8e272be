#include "hub/HubStore.h"

#include <sodium.h>

#include <map>

#include "store/Crypto.h"

namespace hub {
namespace {

using Json = nlohmann::json;
using store::Statement;
using store::Transaction;

const char* const kMigrations[] = {
    R"SQL(
CREATE TABLE devices(device_id TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash BLOB NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL);
CREATE TABLE events(event_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, booking_id TEXT NOT NULL,
  outcome TEXT NOT NULL, field TEXT NOT NULL, reason TEXT NOT NULL, received_ms INTEGER NOT NULL);
CREATE TABLE bookings(
  booking_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, model TEXT NOT NULL, trim TEXT NOT NULL,
  mode TEXT NOT NULL, slot TEXT NOT NULL, queue_date TEXT NOT NULL, queue_place INTEGER NOT NULL,
  status TEXT NOT NULL, seat TEXT NOT NULL, name TEXT NOT NULL, mobile TEXT NOT NULL, email TEXT NOT NULL,
  licence_confirmed INTEGER NOT NULL, consent_version TEXT NOT NULL, contact_permission INTEGER NOT NULL,
  config_code TEXT NOT NULL, created_ms INTEGER NOT NULL, received_ms INTEGER NOT NULL,
  via_allocation INTEGER NOT NULL, alternative_slot TEXT NOT NULL, waitlist_place INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL);
CREATE INDEX bookings_slot ON bookings(model, slot);
CREATE INDEX bookings_queue ON bookings(model, queue_date);
CREATE TABLE slots(slot_key TEXT PRIMARY KEY, model TEXT NOT NULL, slot TEXT NOT NULL, capacity INTEGER NOT NULL,
  free_confirmed INTEGER NOT NULL DEFAULT 0, granted_total INTEGER NOT NULL DEFAULT 0,
  CHECK(free_confirmed >= 0 AND granted_total >= 0 AND free_confirmed + granted_total <= capacity));
CREATE INDEX slots_model ON slots(model, slot);
CREATE TABLE allocations(kiosk_id TEXT NOT NULL, slot_key TEXT NOT NULL, granted INTEGER NOT NULL,
  used INTEGER NOT NULL, PRIMARY KEY(kiosk_id, slot_key), CHECK(used >= 0 AND used <= granted));
CREATE TABLE advisor_tasks(id INTEGER PRIMARY KEY, booking_id TEXT NOT NULL, kind TEXT NOT NULL,
  detail TEXT NOT NULL, created_ms INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL,
  audience TEXT NOT NULL, data TEXT NOT NULL, UNIQUE(kind, key, audience));
CREATE TABLE fleet(vehicle_id TEXT PRIMARY KEY, model TEXT NOT NULL, status TEXT NOT NULL);
)SQL",
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == HubStore::kSchemaVersion);

store::Blob tokenHash(const std::string& token) {
    store::Blob h(crypto_generichash_BYTES);
    crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    return h;
}

}  // namespace

HubStore::HubStore(const std::string& path, core::Catalog catalog, core::BookingSettings settings)
    : m_catalog(std::move(catalog)), m_settings(std::move(settings)), m_db(path) {
    if (sodium_init() < 0) throw store::StoreError("libsodium could not initialise");
    m_db.exec("PRAGMA journal_mode=WAL");
    m_db.exec("PRAGMA synchronous=FULL");
    m_db.exec("PRAGMA foreign_keys=ON");
    migrate();
    // The demo fleet as the hub knows it; kiosks learn it through pull.
    Transaction tx(m_db);
    for (const auto& v : m_catalog.showroom.demoFleet) {
        Statement s = m_db.prepare("INSERT OR IGNORE INTO fleet(vehicle_id, model, status) VALUES(?,?,'available')");
        s.bindAll(v.id, v.model);
        s.run();
        if (m_db.changes() > 0) recordChange("fleet", v.id, "", {{"model", v.model}, {"status", "available"}});
    }
    tx.commit();
}

void HubStore::migrate() {
    const int version = static_cast<int>(m_db.queryInt("PRAGMA user_version").value_or(0));
    if (version > kSchemaVersion)
        throw store::StoreError("hub database " + m_db.path() + " has schema version " + std::to_string(version) +
                                ", newer than this sales-hub supports (" + std::to_string(kSchemaVersion) + ")");
    for (int v = version; v < kSchemaVersion; ++v) {
        Transaction tx(m_db);
        m_db.exec(kMigrations[v]);
        m_db.exec("PRAGMA user_version=" + std::to_string(v + 1));
        tx.commit();
    }
}

std::string HubStore::registerDevice(const std::string& id, const std::string& role, std::int64_t nowMs) {
    if (!core::isValidId(id)) throw store::StoreError("device id must be 1-48 of [a-z0-9-]");
    if (role != "kiosk" && role != "advisor") throw store::StoreError("role must be kiosk or advisor");
    unsigned char raw[32];
    store::randomBytes(raw, sizeof raw);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    const std::string token = hex;
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement s = m_db.prepare(
        "INSERT INTO devices(device_id, role, token_hash, created_ms) VALUES(?1,?2,?3,?4) "
        "ON CONFLICT(device_id) DO UPDATE SET role=?2, token_hash=?3");
    s.bindAll(id, role, tokenHash(token), nowMs);
    s.run();
    tx.commit();
    return token;
}

std::optional<Principal> HubStore::authenticate(const std::string& token) {
    if (token.size() != 64) return std::nullopt;
    std::lock_guard lock(m_mutex);
    Statement s = m_db.prepare("SELECT device_id, role FROM devices WHERE token_hash = ?");
    s.bind(1, tokenHash(token));
    if (!s.step()) return std::nullopt;
    return Principal{s.text(0), s.text(1)};
}

void HubStore::recordChange(const std::string& kind, const std::string& key, const std::string& audience,
                            const Json& data) {
    // One row per (kind, key, audience) holding the latest state: re-inserting gives it a new seq,
    // so every kiosk behind that seq sees it once, and the table never grows with history.
    Statement del = m_db.prepare("DELETE FROM changes WHERE kind=? AND key=? AND audience=?");
    del.bindAll(kind, key, audience);
    del.run();
    Statement ins = m_db.prepare("INSERT INTO changes(kind, key, audience, data) VALUES(?,?,?,?)");
    ins.bindAll(kind, key, audience, data.dump());
    ins.run();
}

void HubStore::ensureSlot(const std::string& key, const std::string& model) {
    auto parsed = core::parseSlotKey(key);
    Statement s = m_db.prepare("INSERT OR IGNORE INTO slots(slot_key, model, slot, capacity) VALUES(?,?,?,?)");
    s.bindAll(key, model, parsed ? parsed->second : std::string(), core::slotCapacity(m_catalog, model));
    s.run();
}

std::int64_t HubStore::confirmedInSlot(const std::string& key) {
    auto parsed = core::parseSlotKey(key);
    if (!parsed) return 0;
    Statement s = m_db.prepare(
        "SELECT count(*) FROM bookings WHERE model = ? AND slot = ? AND mode='slot' "
        "AND status IN ('confirmed','checked_in','started','completed','no_show')");
    s.bindAll(parsed->first, parsed->second);
    s.step();
    return s.integer(0);
}

void HubStore::recordSlotChange(const std::string& key) {
    Statement s = m_db.prepare("SELECT capacity, free_confirmed + granted_total FROM slots WHERE slot_key = ?");
    s.bind(1, key);
    if (!s.step()) return;
    recordChange("slot", key, "",
                 {{"capacity", s.integer(0)}, {"confirmed", confirmedInSlot(key)}, {"held", s.integer(1)}});
}

void HubStore::recordAllocationChange(const std::string& kioskId, const std::string& key) {
    Statement s = m_db.prepare("SELECT granted, used FROM allocations WHERE kiosk_id=? AND slot_key=?");
    s.bindAll(kioskId, key);
    if (!s.step()) return;
    recordChange("allocation", key, kioskId, {{"kiosk_id", kioskId}, {"granted", s.integer(0)}, {"used", s.integer(1)}});
}

core::HubBooking HubStore::hubBooking(const std::string& bookingId) {
    Statement s = m_db.prepare(
        "SELECT booking_id, status, model, slot, queue_date, queue_place, alternative_slot, waitlist_place, kiosk_id "
        "FROM bookings WHERE booking_id = ?");
    s.bind(1, bookingId);
    core::HubBooking b;
    if (!s.step()) return b;
    b.bookingId = s.text(0);
    b.status = core::bookingStatusFromString(s.text(1)).value_or(core::BookingStatus::Requested);
    b.model = s.text(2);
    b.slot = s.text(3);
    b.queueDate = s.text(4);
    b.queuePlace = static_cast<int>(s.integer(5));
    b.alternativeSlot = s.text(6);
    b.waitlistPlace = static_cast<int>(s.integer(7));
    b.kioskId = s.text(8);
    return b;
}

void HubStore::recordBookingChange(const std::string& bookingId) {
    // Other kiosks see no personal fields: only what they need for availability and queues.
    recordChange("booking", bookingId, "", core::toJson(hubBooking(bookingId)));
}

std::string HubStore::findAlternative(const std::string& model, const std::string& slot) {
    auto dt = core::parseLocalDateTime(slot);
    if (!dt) return "";
    const int capacity = core::slotCapacity(m_catalog, model);
    // One query for the week's known slots; slots without a row are empty.
    const std::string end = dt->first.plusDays(7).toString();
    Statement s = m_db.prepare(
        "SELECT slot, free_confirmed + granted_total FROM slots WHERE model = ? AND slot > ? AND slot < ?");
    s.bindAll(model, slot, end);
    std::map<std::string, std::int64_t> held;
    while (s.step()) held[s.text(0)] = s.integer(1);
    for (int day = 0; day < 7; ++day) {
        for (const auto& candidate : core::slotsForDay(m_settings, dt->first.plusDays(day))) {
            if (candidate <= slot) continue;
            auto it = held.find(candidate);
            if (it == held.end() || it->second < capacity) return candidate;
        }
    }
    return "";
}

core::EventResult HubStore::applyEvent(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs) {
    core::EventResult r;
    r.eventId = e.eventId;
    const core::Booking& b = e.booking;
    {
        Statement seen = m_db.prepare("SELECT outcome, field, reason, booking_id FROM events WHERE event_id = ?");
        seen.bind(1, e.eventId);
        if (seen.step()) {
            r.outcome = core::EventOutcome::Duplicate;
            r.original = core::eventOutcomeFromString(seen.text(0));
            r.field = seen.text(1);
            r.reason = seen.text(2);
            if (r.original != core::EventOutcome::Rejected) r.booking = hubBooking(seen.text(3));
            return r;
        }
    }
    auto record = [&](const core::EventResult& res) {
        Statement s = m_db.prepare(
            "INSERT INTO events(event_id, kiosk_id, booking_id, outcome, field, reason, received_ms) VALUES(?,?,?,?,?,?,?)");
        s.bindAll(e.eventId, kioskId, b.id, std::string(core::toString(res.outcome)), res.field, res.reason, nowMs);
        s.run();
    };
    {
        // The same booking under another event id (a kiosk that rebuilt its outbox): the booking
        // stays single; the answer is the booking's original outcome.
        Statement exists = m_db.prepare("SELECT status FROM bookings WHERE booking_id = ?");
        exists.bind(1, b.id);
        if (exists.step()) {
            r.outcome = core::EventOutcome::Duplicate;
            r.original = exists.text(0) == "conflict" ? core::EventOutcome::Conflict : core::EventOutcome::Applied;
            r.booking = hubBooking(b.id);
            record(r);
            return r;
        }
    }
    const core::FieldErrors errors = core::validateBooking(b, m_catalog, m_settings);
    if (!errors.empty()) {
        r.outcome = core::EventOutcome::Rejected;
        r.field = errors.front().field;
        r.reason = errors.front().message;
        record(r);
        return r;
    }
    std::string status = "confirmed", seat, alternative;
    int queuePlace = 0, waitlist = 0;
    const std::string key = core::slotKey(b.model, b.slot);
    if (b.mode == core::BookingMode::Queue) {
        Statement n = m_db.prepare("SELECT count(*) FROM bookings WHERE mode='queue' AND model=? AND queue_date=?");
        n.bindAll(b.model, b.queueDate);
        n.step();
        queuePlace = static_cast<int>(n.integer(0)) + 1;
    } else {
        ensureSlot(key, b.model);
        if (b.viaAllocation) {
            Statement take = m_db.prepare(
                "UPDATE allocations SET used = used + 1 WHERE kiosk_id = ? AND slot_key = ? AND used < granted");
            take.bindAll(kioskId, key);
            take.run();
            if (m_db.changes() == 1) seat = "allocation";
        }
        if (seat.empty()) {
            Statement take = m_db.prepare(
                "UPDATE slots SET free_confirmed = free_confirmed + 1 "
                "WHERE slot_key = ? AND free_confirmed + granted_total < capacity");
            take.bind(1, key);
            take.run();
            if (m_db.changes() == 1) seat = "free";
        }
        if (seat.empty()) {
            status = "conflict";
            alternative = findAlternative(b.model, b.slot);
            Statement n = m_db.prepare(
                "SELECT count(*) FROM bookings WHERE model=? AND slot=? AND mode='slot' AND status='conflict'");
            n.bindAll(b.model, b.slot);
            n.step();
            waitlist = static_cast<int>(n.integer(0)) + 1;
        }
    }
    Statement ins = m_db.prepare(
        "INSERT INTO bookings(booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, seat, "
        "name, mobile, email, licence_confirmed, consent_version, contact_permission, config_code, created_ms, "
        "received_ms, via_allocation, alternative_slot, waitlist_place, updated_ms) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bindAll(b.id, kioskId, b.model, b.trim, std::string(core::toString(b.mode)), b.slot, b.queueDate, queuePlace,
                status, seat, b.name, b.mobile, b.email, b.licenceConfirmed, b.consent.version,
                b.consent.contactPermission, b.configCode, b.createdMs, nowMs, b.viaAllocation, alternative, waitlist,
                nowMs);
    ins.run();
    if (status == "conflict" || (b.viaAllocation && seat != "allocation")) {
        // Nothing is dropped silently: an advisor calls the customer about the alternative.
        Statement task = m_db.prepare("INSERT INTO advisor_tasks(booking_id, kind, detail, created_ms) VALUES(?,?,?,?)");
        const std::string detail = status == "conflict"
                                       ? "slot " + b.slot + " was full; offer " + (alternative.empty() ? "the waiting list" : alternative)
                                       : "kiosk confirmed beyond its allocation; seat found in free capacity";
        task.bindAll(b.id, std::string(status == "conflict" ? "conflict" : "allocation_overrun"), detail, nowMs);
        task.run();
    }
    r.outcome = status == "conflict" ? core::EventOutcome::Conflict : core::EventOutcome::Applied;
    record(r);
    r.booking = hubBooking(b.id);
    recordBookingChange(b.id);
    if (b.mode == core::BookingMode::Slot) recordSlotChange(key);
    if (seat == "allocation") recordAllocationChange(kioskId, key);
    return r;
}

core::PushResponse HubStore::push(const core::PushRequest& request, std::int64_t nowMs) {
    core::PushResponse response;
    std::lock_guard lock(m_mutex);
    // One transaction per push: every result and the events table commit together, so an answer
    // lost on the way back is answered again, identically, as a duplicate.
    Transaction tx(m_db);
    for (const auto& e : request.events) response.results.push_back(applyEvent(request.kioskId, e, nowMs));
    tx.commit();
    return response;
}

core::PullPage HubStore::pull(const std::string& kioskId, std::int64_t cursor, size_t limit) {
    std::lock_guard lock(m_mutex);
    core::PullPage page;
    page.cursor = cursor;
    page.nextCursor = cursor;
    Statement s = m_db.prepare(
        "SELECT seq, kind, key, data FROM changes WHERE seq > ? AND (audience = '' OR audience = ?) ORDER BY seq LIMIT ?");
    s.bindAll(cursor, kioskId, static_cast<std::int64_t>(limit));
    while (s.step()) {
        core::PullChange c;
        c.seq = s.integer(0);
        c.kind = s.text(1);
        c.key = s.text(2);
        c.data = Json::parse(s.text(3));
        page.nextCursor = c.seq;
        page.changes.push_back(std::move(c));
    }
    page.more = page.changes.size() == limit;
    return page;
}

std::vector<core::AllocationGrant> HubStore::allocate(const std::string& kioskId,
                                                      const std::vector<core::AllocationAsk>& asks, std::int64_t) {
    std::vector<core::AllocationGrant> out;
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    for (const auto& ask : asks) {
        auto parsed = core::parseSlotKey(ask.slotKey);
        if (!parsed || !m_catalog.findModel(parsed->first) || !core::isSlotStart(m_settings, parsed->second)) continue;
        ensureSlot(ask.slotKey, parsed->first);
        Statement cur = m_db.prepare("SELECT granted, used FROM allocations WHERE kiosk_id=? AND slot_key=?");
        cur.bindAll(kioskId, ask.slotKey);
        std::int64_t granted = 0, used = 0;
        if (cur.step()) {
            granted = cur.integer(0);
            used = cur.integer(1);
        }
        const std::int64_t want = std::max<std::int64_t>(ask.seats, used);
        std::int64_t newGranted = granted;
        if (want > granted) {
            // Grant what free capacity allows, in one conditional UPDATE: the CHECK on slots backs it.
            Statement room = m_db.prepare(
                "SELECT max(0, min(?2, capacity - free_confirmed - granted_total)) FROM slots WHERE slot_key = ?1");
            room.bindAll(ask.slotKey, want - granted);
            room.step();
            const std::int64_t extra = room.integer(0);
            if (extra > 0) {
                Statement take = m_db.prepare(
                    "UPDATE slots SET granted_total = granted_total + ?2 "
                    "WHERE slot_key = ?1 AND free_confirmed + granted_total + ?2 <= capacity");
                take.bindAll(ask.slotKey, extra);
                take.run();
                if (m_db.changes() == 1) newGranted = granted + extra;
            }
        } else if (want < granted) {
            Statement give = m_db.prepare("UPDATE slots SET granted_total = granted_total - ?2 WHERE slot_key = ?1");
            give.bindAll(ask.slotKey, granted - want);
            give.run();
            newGranted = want;
        }
        if (newGranted != granted) {
            Statement up = m_db.prepare(
                "INSERT INTO allocations(kiosk_id, slot_key, granted, used) VALUES(?1,?2,?3,0) "
                "ON CONFLICT(kiosk_id, slot_key) DO UPDATE SET granted = ?3");
            up.bindAll(kioskId, ask.slotKey, newGranted);
            up.run();
            recordAllocationChange(kioskId, ask.slotKey);
            recordSlotChange(ask.slotKey);
        }
        out.push_back({ask.slotKey, static_cast<int>(newGranted), static_cast<int>(used)});
    }
    tx.commit();
    return out;
}

Json HubStore::bookingsForDay(const std::string& date) {
    std::lock_guard lock(m_mutex);
    Json out = Json::array();
    Statement s = m_db.prepare(
        "SELECT booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, name, mobile, email, "
        "contact_permission, config_code, alternative_slot, waitlist_place FROM bookings "
        "WHERE substr(slot, 1, 10) = ?1 OR queue_date = ?1 ORDER BY slot, queue_place, created_ms");
    s.bind(1, date);
    while (s.step()) {
        Json b = {{"booking_id", s.text(0)}, {"kiosk_id", s.text(1)},     {"model", s.text(2)},
                  {"trim", s.text(3)},       {"mode", s.text(4)},         {"status", s.text(8)},
                  {"name", s.text(9)},       {"mobile", s.text(10)},      {"contact_permission", s.integer(12) != 0}};
        if (!s.text(5).empty()) b["slot"] = s.text(5);
        if (!s.text(6).empty()) b["queue_date"] = s.text(6);
        if (s.integer(7) > 0) b["queue_place"] = s.integer(7);
        if (!s.text(11).empty()) b["email"] = s.text(11);
        if (!s.text(13).empty()) b["config_code"] = s.text(13);
        if (!s.text(14).empty()) b["alternative_slot"] = s.text(14);
        if (s.integer(15) > 0) b["waitlist_place"] = s.integer(15);
        out.push_back(b);
    }
    return out;
}

Json HubStore::openTasks() {
    std::lock_guard lock(m_mutex);
    Json out = Json::array();
    Statement s = m_db.prepare("SELECT id, booking_id, kind, detail, created_ms FROM advisor_tasks WHERE done = 0 ORDER BY id");
    while (s.step())
        out.push_back({{"id", s.integer(0)}, {"booking_id", s.text(1)}, {"kind", s.text(2)}, {"detail", s.text(3)},
                       {"created_ms", s.integer(4)}});
    return out;
}

void HubStore::releaseSeat(const std::string& bookingId) {
    Statement s = m_db.prepare("SELECT seat, kiosk_id, model || '@' || slot FROM bookings WHERE booking_id = ?");
    s.bind(1, bookingId);
    if (!s.step()) return;
    const std::string seat = s.text(0), kiosk = s.text(1), key = s.text(2);
    if (seat == "allocation") {
        Statement u = m_db.prepare("UPDATE allocations SET used = used - 1 WHERE kiosk_id = ? AND slot_key = ? AND used > 0");
        u.bindAll(kiosk, key);
        u.run();
        recordAllocationChange(kiosk, key);
    } else if (seat == "free") {
        Statement u = m_db.prepare("UPDATE slots SET free_confirmed = free_confirmed - 1 WHERE slot_key = ? AND free_confirmed > 0");
        u.bind(1, key);
        u.run();
    }
    Statement clear = m_db.prepare("UPDATE bookings SET seat = '' WHERE booking_id = ?");
    clear.bind(1, bookingId);
    clear.run();
    if (!seat.empty()) recordSlotChange(key);
}

std::optional<ApiError> HubStore::advisorAction(const std::string& bookingId, const std::string& action,
                                                const std::string& newSlot, std::int64_t nowMs, Json& booking) {
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement s = m_db.prepare("SELECT status, mode, model, slot FROM bookings WHERE booking_id = ?");
    s.bind(1, bookingId);
    if (!s.step()) return ApiError{404, "not_found", "no booking with this id"};
    const std::string status = s.text(0), mode = s.text(1), model = s.text(2), slot = s.text(3);
    // Allowed transitions: from -> to.
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
    };
    const Move* move = nullptr;
    for (const auto& m : kMoves)
        if (action == m.action) move = &m;
    if (!move) return ApiError{404, "unknown_action", "unknown action"};
    if (std::find(move->from.begin(), move->from.end(), status) == move->from.end())
        return ApiError{409, "invalid_transition", "a booking in state " + status + " cannot " + action};
    if (action == "reschedule") {
        if (mode != "slot") return ApiError{409, "not_a_slot_booking", "only slot bookings can be rescheduled"};
        if (!core::isSlotStart(m_settings, newSlot))
            return ApiError{400, "invalid_slot", "slot must be a slot start inside the opening hours"};
        const std::string key = core::slotKey(model, newSlot);
        ensureSlot(key, model);
        Statement take = m_db.prepare(
            "UPDATE slots SET free_confirmed = free_confirmed + 1 WHERE slot_key = ? AND free_confirmed + granted_total < capacity");
        take.bind(1, key);
        take.run();
        if (m_db.changes() != 1) return ApiError{409, "slot_full", "the new slot is full"};
        releaseSeat(bookingId);
        Statement up = m_db.prepare(
            "UPDATE bookings SET slot = ?, status = 'confirmed', seat = 'free', alternative_slot = '', waitlist_place = 0, "
            "updated_ms = ? WHERE booking_id = ?");
        up.bindAll(newSlot, nowMs, bookingId);
        up.run();
        recordSlotChange(key);
    } else {
        if (action == "cancel") releaseSeat(bookingId);
        Statement up = m_db.prepare("UPDATE bookings SET status = ?, updated_ms = ? WHERE booking_id = ?");
        up.bindAll(std::string(move->to), nowMs, bookingId);
        up.run();
    }
    if (action == "cancel" || action == "reschedule") {
        Statement done = m_db.prepare("UPDATE advisor_tasks SET done = 1 WHERE booking_id = ?");
        done.bind(1, bookingId);
        done.run();
    }
    recordBookingChange(bookingId);
    tx.commit();
    booking = core::toJson(hubBooking(bookingId));
    return std::nullopt;
}

std::int64_t HubStore::count(const std::string& table) {
    static const std::vector<std::string> kTables = {"bookings", "events", "advisor_tasks", "allocations", "devices", "changes"};
    if (std::find(kTables.begin(), kTables.end(), table) == kTables.end()) return -1;
    std::lock_guard lock(m_mutex);
    return m_db.queryInt("SELECT count(*) FROM " + table).value_or(0);
}

std::string HubStore::integrityCheck() {
    std::lock_guard lock(m_mutex);
    return m_db.queryText("PRAGMA integrity_check").value_or("no answer");
}

}  // namespace hub
