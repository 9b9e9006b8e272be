// The hub's schema (one text for SQLite and PostgreSQL), its migrations, the portable SQLite
// snapshot, and the small helpers every store shares (audit log, tokens, flags).
#include <sodium.h>

#include <filesystem>

#include "hub/HubStore.h"
#include "store/Crypto.h"
#include "stores/StoreContext.h"

namespace hub {
namespace {

// One schema for both backends: {INT}, {BLOB}, {ID_PK} become the dialect's types (expandSchema).
const char* const kMigrations[] = {
    R"SQL(
CREATE TABLE devices(device_id TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash {BLOB} NOT NULL UNIQUE,
  created_ms {INT} NOT NULL);
CREATE TABLE events(event_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, booking_id TEXT NOT NULL,
  outcome TEXT NOT NULL, field TEXT NOT NULL, reason TEXT NOT NULL, received_ms {INT} NOT NULL);
CREATE TABLE bookings(
  booking_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, model TEXT NOT NULL, trim TEXT NOT NULL,
  mode TEXT NOT NULL, slot TEXT NOT NULL, queue_date TEXT NOT NULL, queue_place {INT} NOT NULL,
  status TEXT NOT NULL, seat TEXT NOT NULL, name TEXT NOT NULL, mobile TEXT NOT NULL, email TEXT NOT NULL,
  licence_confirmed {INT} NOT NULL, consent_version TEXT NOT NULL, contact_permission {INT} NOT NULL,
  config_code TEXT NOT NULL, created_ms {INT} NOT NULL, received_ms {INT} NOT NULL,
  via_allocation {INT} NOT NULL, alternative_slot TEXT NOT NULL, waitlist_place {INT} NOT NULL,
  updated_ms {INT} NOT NULL);
CREATE INDEX bookings_slot ON bookings(model, slot);
CREATE INDEX bookings_queue ON bookings(model, queue_date);
CREATE TABLE slots(slot_key TEXT PRIMARY KEY, model TEXT NOT NULL, slot TEXT NOT NULL, capacity {INT} NOT NULL,
  free_confirmed {INT} NOT NULL DEFAULT 0, granted_total {INT} NOT NULL DEFAULT 0,
  CHECK(free_confirmed >= 0 AND granted_total >= 0 AND free_confirmed + granted_total <= capacity));
CREATE INDEX slots_model ON slots(model, slot);
CREATE TABLE allocations(kiosk_id TEXT NOT NULL, slot_key TEXT NOT NULL, granted {INT} NOT NULL,
  used {INT} NOT NULL, PRIMARY KEY(kiosk_id, slot_key), CHECK(used >= 0 AND used <= granted));
CREATE TABLE advisor_tasks(id {ID_PK}, booking_id TEXT NOT NULL, kind TEXT NOT NULL,
  detail TEXT NOT NULL, created_ms {INT} NOT NULL, done {INT} NOT NULL DEFAULT 0);
CREATE TABLE changes(seq {ID_PK}, kind TEXT NOT NULL, key TEXT NOT NULL,
  audience TEXT NOT NULL, data TEXT NOT NULL, UNIQUE(kind, key, audience));
CREATE TABLE fleet(vehicle_id TEXT PRIMARY KEY, model TEXT NOT NULL, status TEXT NOT NULL);
)SQL",
    // 2: CRM lead outbox, audit log, advisor accounts and sessions, retention marks.
    R"SQL(
ALTER TABLE bookings ADD COLUMN purged_ms {INT} NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN withdrawn_ms {INT} NOT NULL DEFAULT 0;
CREATE INDEX bookings_updated ON bookings(purged_ms, updated_ms);
CREATE TABLE crm_outbox(id {ID_PK}, adapter TEXT NOT NULL, booking_id TEXT NOT NULL, kind TEXT NOT NULL,
  event_id TEXT NOT NULL UNIQUE, created_ms {INT} NOT NULL, attempts {INT} NOT NULL DEFAULT 0,
  next_attempt_ms {INT} NOT NULL DEFAULT 0, lease_owner TEXT NOT NULL DEFAULT '',
  lease_until_ms {INT} NOT NULL DEFAULT 0, delivered_ms {INT} NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending', last_error TEXT NOT NULL DEFAULT '',
  UNIQUE(adapter, booking_id, kind));
CREATE INDEX crm_outbox_due ON crm_outbox(adapter, state, next_attempt_ms);
CREATE TABLE audit_log(id {ID_PK}, at_ms {INT} NOT NULL, actor TEXT NOT NULL, device_id TEXT NOT NULL,
  booking_id TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX audit_booking ON audit_log(booking_id);
CREATE TABLE advisors(advisor_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL, failures {INT} NOT NULL DEFAULT 0,
  locked_until_ms {INT} NOT NULL DEFAULT 0, created_ms {INT} NOT NULL);
CREATE TABLE advisor_sessions(token_hash {BLOB} PRIMARY KEY, advisor_id TEXT NOT NULL, device_id TEXT NOT NULL,
  expires_ms {INT} NOT NULL);
)SQL",
    // 3: site surveys and analytics events; events rows say which kind they were (booking_id holds
    // the survey id of a survey event, "" for an analytics event).
    R"SQL(
ALTER TABLE events ADD COLUMN type TEXT NOT NULL DEFAULT 'booking.create';
CREATE TABLE surveys(survey_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, status TEXT NOT NULL,
  preferred_date TEXT NOT NULL, period TEXT NOT NULL, parking TEXT NOT NULL, supply TEXT NOT NULL,
  property_consent TEXT NOT NULL, distance_from_meter_m {INT} NOT NULL, wallbox TEXT NOT NULL,
  model TEXT NOT NULL, trim TEXT NOT NULL, test_drive_id TEXT NOT NULL, name TEXT NOT NULL, mobile TEXT NOT NULL,
  district TEXT NOT NULL, consent_version TEXT NOT NULL, contact_permission {INT} NOT NULL,
  created_ms {INT} NOT NULL, received_ms {INT} NOT NULL, updated_ms {INT} NOT NULL,
  purged_ms {INT} NOT NULL DEFAULT 0);
CREATE INDEX surveys_date ON surveys(preferred_date);
CREATE TABLE analytics_events(seq {ID_PK}, event_id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL,
  time_s {INT} NOT NULL, line TEXT NOT NULL, received_ms {INT} NOT NULL);
CREATE INDEX analytics_time ON analytics_events(time_s, seq);
)SQL",
    // 4: advisor actions on site surveys. A withdrawn survey keeps its outcome (a done survey stays
    // done), so the withdrawal needs its own mark: a second one is refused and the detail says so.
    R"SQL(
ALTER TABLE surveys ADD COLUMN withdrawn_ms {INT} NOT NULL DEFAULT 0;
)SQL",
    // 5: advisor login failures counted per (advisor, device): a device that guesses wrong locks
    // the account on itself only (advisors.failures and locked_until_ms are no longer used).
    R"SQL(
CREATE TABLE advisor_login_failures(advisor_id TEXT NOT NULL, device_id TEXT NOT NULL,
  failures {INT} NOT NULL DEFAULT 0, locked_until_ms {INT} NOT NULL DEFAULT 0, PRIMARY KEY(advisor_id, device_id));
)SQL",
    // 6: facts about the hub itself; "field_key_check" is a value sealed with the key of the
    // personal fields, so a hub started with another key file stops before it writes anything.
    R"SQL(
CREATE TABLE hub_meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL",
    // 7: the fleet list: each kiosk's latest status (FleetStore). synced_ms is the hub's clock at
    // the kiosk's latest report of a complete round, so a kiosk's own clock cannot hide a stall.
    R"SQL(
CREATE TABLE kiosk_status(kiosk_id TEXT PRIMARY KEY, software_version TEXT NOT NULL, content_version TEXT NOT NULL,
  outbox_backlog {INT} NOT NULL, last_sync_ms {INT} NOT NULL, sync_ok {INT} NOT NULL, store_ok {INT} NOT NULL,
  store_problem TEXT NOT NULL, reported_ms {INT} NOT NULL, synced_ms {INT} NOT NULL);
)SQL",
    // 8: published content versions (signed bundles, see ContentStore) and the kiosks' reports on them.
    R"SQL(
CREATE TABLE content_versions(number {INT} PRIMARY KEY, version TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
  signature TEXT NOT NULL, size_bytes {INT} NOT NULL, source TEXT NOT NULL, published_ms {INT} NOT NULL,
  bundle TEXT NOT NULL);
CREATE TABLE content_reports(id {ID_PK}, kiosk_id TEXT NOT NULL, version TEXT NOT NULL, status TEXT NOT NULL,
  reason TEXT NOT NULL, at_ms {INT} NOT NULL);
)SQL",
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == kHubSchemaVersion);

std::string actorOf(const Principal& who) {
    if (!who.advisorId.empty()) return "advisor:" + who.advisorId;
    if (who.role == "kiosk") return "kiosk:" + who.kioskId;
    return who.role.empty() ? "system" : who.role;
}

}  // namespace

Bytes tokenHash(const std::string& token) {
    Bytes h(crypto_generichash_BYTES);
    crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    return h;
}

std::string newToken() {
    unsigned char raw[32];
    store::randomBytes(raw, sizeof raw);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return hex;
}

SqlValue flag(bool b) { return std::int64_t{b ? 1 : 0}; }

// "+8613800138000" -> "+86138****8000": enough to recognise a customer on a list, not to call.
std::string maskMobile(const std::string& m) {
    if (m.size() < 11) return std::string(m.size() > 4 ? m.size() - 4 : m.size(), '*') + (m.size() > 4 ? m.substr(m.size() - 4) : "");
    return m.substr(0, 6) + std::string(m.size() - 10, '*') + m.substr(m.size() - 4);
}

void StoreContext::audit(std::int64_t nowMs, const Principal& who, const std::string& recordId, const std::string& action,
                         const std::string& detail) {
    db->run("INSERT INTO audit_log(at_ms, actor, device_id, booking_id, action, detail) VALUES(?,?,?,?,?,?)",
            P{nowMs, actorOf(who), who.kioskId, recordId, action, detail});
}

void migrateSchema(StoreContext& ctx) {
    ctx.write([&] {
        const int version = ctx.db->schemaVersion();
        if (version > kHubSchemaVersion)
            throw SqlError("hub database " + ctx.db->describe() + " has schema version " + std::to_string(version) +
                           ", newer than this sales-hub supports (" + std::to_string(kHubSchemaVersion) + ")");
        for (int v = version; v < kHubSchemaVersion; ++v) {
            ctx.db->script(expandSchema(kMigrations[v], ctx.db->dialect()));
            ctx.db->setSchemaVersion(v + 1);
        }
    });
}

void checkFieldKey(StoreContext& ctx) {
    static constexpr const char* kCheck = "field-key-check";
    ctx.write([&] {
        auto r = ctx.db->run("SELECT value FROM hub_meta WHERE name = 'field_key_check'");
        if (r.empty()) {
            if (!ctx.cipher.enabled()) return;
            ctx.db->run("INSERT INTO hub_meta(name, value) VALUES('field_key_check', ?)",
                        P{ctx.cipher.seal(kCheck, "hub", "field_key_check")});
            return;
        }
        // Plain text over sealed data: new fields are written in clear, sealed ones do not open
        // (FieldCipher::open says so); the start already warned.
        if (!ctx.cipher.enabled()) return;
        try {
            if (ctx.cipher.open(r.front().text(0), "hub", "field_key_check") == kCheck) return;
        } catch (const SqlError&) {
        }
        throw SqlError("the key file does not open the personal data in " + ctx.db->describe() +
                       " (another key than the one it was written with)");
    });
}

void snapshotToSqlite(SqlBackend& from, const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto to = openSqlite(path);
    to->begin();
    for (int v = 0; v < kMigrationCount; ++v) to->script(expandSchema(kMigrations[v], to->dialect()));
    to->setSchemaVersion(kMigrationCount);
    for (const char* table : {"devices", "events", "bookings", "slots", "allocations", "advisor_tasks", "changes", "fleet",
                              "crm_outbox", "audit_log", "advisors", "advisor_sessions", "surveys", "analytics_events",
                              "advisor_login_failures", "hub_meta", "kiosk_status", "content_versions",
                              "content_reports"}) {
        auto rows = from.run(std::string("SELECT * FROM ") + table);
        for (const auto& row : rows.rows) {
            std::string sql = std::string("INSERT INTO ") + table + " VALUES(";
            for (size_t i = 0; i < row.values.size(); ++i) sql += i ? ",?" : "?";
            to->run(sql + ")", row.values);
        }
    }
    to->commit();
}

}  // namespace hub
