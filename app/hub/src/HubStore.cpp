#include "hub/HubStore.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "store/Crypto.h"

namespace hub {
namespace {

using Json = nlohmann::json;
using P = std::vector<SqlValue>;

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
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == HubStore::kSchemaVersion);

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

std::string actorOf(const Principal& who) {
    if (!who.advisorId.empty()) return "advisor:" + who.advisorId;
    if (who.role == "kiosk") return "kiosk:" + who.kioskId;
    return who.role.empty() ? "system" : who.role;
}

void initialiseSodium() {
    if (sodium_init() < 0) throw SqlError("libsodium could not initialise");
}

}  // namespace

template <typename F>
auto HubStore::write(F&& f) {
    // A write transaction, run again on a serialization failure, deadlock or lost connection
    // (PostgreSQL) with a short jittered pause. f() must be safe to repeat: it starts from scratch.
    static thread_local std::minstd_rand rng{std::random_device{}()};
    for (int attempt = 1;; ++attempt) {
        try {
            m_db->begin();
            if constexpr (std::is_void_v<decltype(f())>) {
                f();
                m_db->commit();
                return;
            } else {
                auto result = f();
                m_db->commit();
                return result;
            }
        } catch (const SqlError& e) {
            m_db->rollback();
            if (!e.retryable() || attempt >= 8) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(1, 5 << attempt)(rng)));
        } catch (...) {
            m_db->rollback();
            throw;
        }
    }
}

HubStore::HubStore(const std::string& database, core::Catalog catalog, core::BookingSettings settings,
                   HubSettings hubSettings, const std::string& pgSchema)
    : HubStore(openBackend(database, pgSchema), std::move(catalog), std::move(settings), std::move(hubSettings)) {}

HubStore::HubStore(std::unique_ptr<SqlBackend> db, core::Catalog catalog, core::BookingSettings settings,
                   HubSettings hubSettings)
    : m_catalog(std::move(catalog)),
      m_settings(std::move(settings)),
      m_hubSettings(std::move(hubSettings)),
      m_db(std::move(db)) {
    initialiseSodium();
    // Surveys and analytics need their content modules; a hub without them refuses those events
    // (rejected, naming why) and keeps serving bookings.
    if (m_catalog.moduleFiles.count("charging")) {
        auto charging = core::charging::loadChargingContent(m_catalog);
        if (!charging.content) throw SqlError("charging content is invalid: " + charging.errors.front().toString());
        m_charging = std::move(charging.content);
    }
    if (m_catalog.moduleFiles.count("analytics")) {
        auto analytics = core::analytics::loadAnalyticsSettings(m_catalog);
        if (!analytics.settings) throw SqlError("analytics content is invalid: " + analytics.errors.front().toString());
        m_analytics = std::move(*analytics.settings);
    }
    m_vocabulary = core::analytics::vocabularyOf(m_catalog, m_analytics.screens);
    migrate();
    // The demo fleet as the hub knows it; kiosks learn it through pull.
    write([&] {
        for (const auto& v : m_catalog.showroom.demoFleet) {
            auto r = m_db->run("INSERT INTO fleet(vehicle_id, model, status) VALUES(?,?,'available') ON CONFLICT DO NOTHING",
                               P{v.id, v.model});
            if (r.affected > 0) recordChange("fleet", v.id, "", {{"model", v.model}, {"status", "available"}});
        }
    });
}

void HubStore::migrate() {
    write([&] {
        const int version = m_db->schemaVersion();
        if (version > kSchemaVersion)
            throw SqlError("hub database " + m_db->describe() + " has schema version " + std::to_string(version) +
                           ", newer than this sales-hub supports (" + std::to_string(kSchemaVersion) + ")");
        for (int v = version; v < kSchemaVersion; ++v) {
            m_db->script(expandSchema(kMigrations[v], m_db->dialect()));
            m_db->setSchemaVersion(v + 1);
        }
    });
}

void HubStore::audit(std::int64_t nowMs, const Principal& who, const std::string& bookingId, const std::string& action,
                     const std::string& detail) {
    m_db->run("INSERT INTO audit_log(at_ms, actor, device_id, booking_id, action, detail) VALUES(?,?,?,?,?,?)",
              P{nowMs, actorOf(who), who.kioskId, bookingId, action, detail});
}

std::string HubStore::registerDevice(const std::string& id, const std::string& role, std::int64_t nowMs) {
    if (!core::isValidId(id)) throw SqlError("device id must be 1-48 of [a-z0-9-]");
    if (role != "kiosk" && role != "advisor") throw SqlError("role must be kiosk or advisor");
    const std::string token = newToken();
    std::lock_guard lock(m_mutex);
    write([&] {
        m_db->run("INSERT INTO devices(device_id, role, token_hash, created_ms) VALUES(?1,?2,?3,?4) "
                  "ON CONFLICT(device_id) DO UPDATE SET role=?2, token_hash=?3",
                  P{id, role, tokenHash(token), nowMs});
    });
    return token;
}

std::optional<Principal> HubStore::authenticate(const std::string& token, std::int64_t nowMs) {
    if (token.size() != 64) return std::nullopt;
    const Bytes hash = tokenHash(token);
    std::lock_guard lock(m_mutex);
    auto d = m_db->run("SELECT device_id, role FROM devices WHERE token_hash = ?", P{hash});
    if (!d.empty()) return Principal{d.front().text(0), d.front().text(1), ""};
    auto s = m_db->run("SELECT advisor_id, device_id FROM advisor_sessions WHERE token_hash = ? AND expires_ms > ?",
                       P{hash, nowMs});
    if (!s.empty()) return Principal{s.front().text(1), "advisor", s.front().text(0)};
    return std::nullopt;
}

void HubStore::recordChange(const std::string& kind, const std::string& key, const std::string& audience,
                            const Json& data) {
    // One row per (kind, key, audience) holding the latest state: re-inserting gives it a new seq,
    // so every kiosk behind that seq sees it once, and the table never grows with history.
    m_db->run("DELETE FROM changes WHERE kind=? AND key=? AND audience=?", P{kind, key, audience});
    m_db->run("INSERT INTO changes(kind, key, audience, data) VALUES(?,?,?,?)", P{kind, key, audience, data.dump()});
}

void HubStore::ensureSlot(const std::string& key, const std::string& model) {
    auto parsed = core::parseSlotKey(key);
    m_db->run("INSERT INTO slots(slot_key, model, slot, capacity) VALUES(?,?,?,?) ON CONFLICT DO NOTHING",
              P{key, model, parsed ? parsed->second : std::string(), std::int64_t{core::slotCapacity(m_catalog, model)}});
}

std::int64_t HubStore::confirmedInSlotLocked(const std::string& key) {
    auto parsed = core::parseSlotKey(key);
    if (!parsed) return 0;
    return m_db
        ->run("SELECT count(*) FROM bookings WHERE model = ? AND slot = ? AND mode='slot' "
              "AND status IN ('confirmed','checked_in','started','completed','no_show')",
              P{parsed->first, parsed->second})
        .front()
        .integer(0);
}

std::int64_t HubStore::confirmedInSlot(const std::string& key) {
    std::lock_guard lock(m_mutex);
    return confirmedInSlotLocked(key);
}

void HubStore::recordSlotChange(const std::string& key) {
    auto r = m_db->run("SELECT capacity, free_confirmed + granted_total FROM slots WHERE slot_key = ?", P{key});
    if (r.empty()) return;
    recordChange("slot", key, "",
                 {{"capacity", r.front().integer(0)}, {"confirmed", confirmedInSlotLocked(key)}, {"held", r.front().integer(1)}});
}

void HubStore::recordAllocationChange(const std::string& kioskId, const std::string& key) {
    auto r = m_db->run("SELECT granted, used FROM allocations WHERE kiosk_id=? AND slot_key=?", P{kioskId, key});
    if (r.empty()) return;
    recordChange("allocation", key, kioskId,
                 {{"kiosk_id", kioskId}, {"granted", r.front().integer(0)}, {"used", r.front().integer(1)}});
}

core::HubBooking HubStore::hubBooking(const std::string& bookingId) {
    auto r = m_db->run(
        "SELECT booking_id, status, model, slot, queue_date, queue_place, alternative_slot, waitlist_place, kiosk_id "
        "FROM bookings WHERE booking_id = ?",
        P{bookingId});
    core::HubBooking b;
    if (r.empty()) return b;
    const SqlRow& s = r.front();
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
    auto r = m_db->run("SELECT slot, free_confirmed + granted_total FROM slots WHERE model = ? AND slot > ? AND slot < ?",
                       P{model, slot, end});
    std::map<std::string, std::int64_t> held;
    for (const auto& row : r.rows) held[row.text(0)] = row.integer(1);
    for (int day = 0; day < 7; ++day) {
        for (const auto& candidate : core::slotsForDay(m_settings, dt->first.plusDays(day))) {
            if (candidate <= slot) continue;
            auto it = held.find(candidate);
            if (it == held.end() || it->second < capacity) return candidate;
        }
    }
    return "";
}

void HubStore::queueCrm(const std::string& bookingId, const std::string& kind, std::int64_t nowMs) {
    for (const auto& adapter : m_crmAdapters)
        m_db->run("INSERT INTO crm_outbox(adapter, booking_id, kind, event_id, created_ms) VALUES(?,?,?,?,?) "
                  "ON CONFLICT DO NOTHING",
                  P{adapter, bookingId, kind, store::newUuidV7(nowMs), nowMs});
}

core::EventResult HubStore::applyEvent(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs) {
    core::EventResult r;
    r.eventId = e.eventId;
    const core::Booking& b = e.booking;
    {
        auto seen = m_db->run("SELECT outcome, field, reason, booking_id, type FROM events WHERE event_id = ?", P{e.eventId});
        if (!seen.empty()) {
            const SqlRow& s = seen.front();
            r.outcome = core::EventOutcome::Duplicate;
            r.original = core::eventOutcomeFromString(s.text(0));
            r.field = s.text(1);
            r.reason = s.text(2);
            if (r.original != core::EventOutcome::Rejected) {
                if (s.text(4) == core::kSurveyCreate) r.survey = hubSurvey(s.text(3));
                else if (s.text(4) == core::kBookingCreate) r.booking = hubBooking(s.text(3));
            }
            return r;
        }
    }
    if (e.type == core::kSurveyCreate) return applySurvey(kioskId, e, nowMs);
    if (e.type == core::kAnalyticsEvent) return applyAnalytics(kioskId, e, nowMs);
    auto record = [&](const core::EventResult& res) {
        m_db->run("INSERT INTO events(event_id, kiosk_id, booking_id, outcome, field, reason, received_ms) VALUES(?,?,?,?,?,?,?)",
                  P{e.eventId, kioskId, b.id, std::string(core::toString(res.outcome)), res.field, res.reason, nowMs});
    };
    {
        // The same booking under another event id (a kiosk that rebuilt its outbox): the booking
        // stays single; the answer is the booking's original outcome.
        auto exists = m_db->run("SELECT status FROM bookings WHERE booking_id = ?", P{b.id});
        if (!exists.empty()) {
            r.outcome = core::EventOutcome::Duplicate;
            r.original = exists.front().text(0) == "conflict" ? core::EventOutcome::Conflict : core::EventOutcome::Applied;
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
    std::int64_t queuePlace = 0, waitlist = 0;
    const std::string key = core::slotKey(b.model, b.slot);
    if (b.mode == core::BookingMode::Queue) {
        queuePlace = m_db->run("SELECT count(*) FROM bookings WHERE mode='queue' AND model=? AND queue_date=?",
                               P{b.model, b.queueDate})
                         .front()
                         .integer(0) +
                     1;
    } else {
        ensureSlot(key, b.model);
        if (b.viaAllocation) {
            auto take = m_db->run(
                "UPDATE allocations SET used = used + 1 WHERE kiosk_id = ? AND slot_key = ? AND used < granted",
                P{kioskId, key});
            if (take.affected == 1) seat = "allocation";
        }
        if (seat.empty()) {
            auto take = m_db->run(
                "UPDATE slots SET free_confirmed = free_confirmed + 1 "
                "WHERE slot_key = ? AND free_confirmed + granted_total < capacity",
                P{key});
            if (take.affected == 1) seat = "free";
        }
        if (seat.empty()) {
            status = "conflict";
            alternative = findAlternative(b.model, b.slot);
            waitlist = m_db->run("SELECT count(*) FROM bookings WHERE model=? AND slot=? AND mode='slot' AND status='conflict'",
                                 P{b.model, b.slot})
                           .front()
                           .integer(0) +
                       1;
        }
    }
    m_db->run(
        "INSERT INTO bookings(booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, seat, "
        "name, mobile, email, licence_confirmed, consent_version, contact_permission, config_code, created_ms, "
        "received_ms, via_allocation, alternative_slot, waitlist_place, updated_ms) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        P{b.id, kioskId, b.model, b.trim, std::string(core::toString(b.mode)), b.slot, b.queueDate, queuePlace, status,
          seat, b.name, b.mobile, b.email, flag(b.licenceConfirmed), b.consent.version, flag(b.consent.contactPermission),
          b.configCode, b.createdMs, nowMs, flag(b.viaAllocation), alternative, waitlist, nowMs});
    if (status == "conflict" || (b.viaAllocation && seat != "allocation")) {
        // Nothing is dropped silently: an advisor calls the customer about the alternative.
        const std::string detail = status == "conflict"
                                       ? "slot " + b.slot + " was full; offer " + (alternative.empty() ? "the waiting list" : alternative)
                                       : "kiosk confirmed beyond its allocation; seat found in free capacity";
        m_db->run("INSERT INTO advisor_tasks(booking_id, kind, detail, created_ms) VALUES(?,?,?,?)",
                  P{b.id, std::string(status == "conflict" ? "conflict" : "allocation_overrun"), detail, nowMs});
    }
    r.outcome = status == "conflict" ? core::EventOutcome::Conflict : core::EventOutcome::Applied;
    record(r);
    audit(nowMs, Principal{kioskId, "kiosk", ""}, b.id, "create", status);
    queueCrm(b.id, "lead", nowMs);
    r.booking = hubBooking(b.id);
    recordBookingChange(b.id);
    if (b.mode == core::BookingMode::Slot) recordSlotChange(key);
    if (seat == "allocation") recordAllocationChange(kioskId, key);
    return r;
}

core::HubSurvey HubStore::hubSurvey(const std::string& surveyId) {
    auto r = m_db->run("SELECT survey_id, status, preferred_date, kiosk_id FROM surveys WHERE survey_id = ?", P{surveyId});
    core::HubSurvey s;
    if (r.empty()) return s;
    s.surveyId = r.front().text(0);
    s.status = r.front().text(1);
    s.preferredDate = r.front().text(2);
    s.kioskId = r.front().text(3);
    return s;
}

core::EventResult HubStore::applySurvey(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs) {
    core::EventResult r;
    r.eventId = e.eventId;
    const core::charging::SurveyBooking& s = *e.survey;
    auto record = [&](const core::EventResult& res) {
        m_db->run("INSERT INTO events(event_id, kiosk_id, booking_id, outcome, field, reason, received_ms, type) "
                  "VALUES(?,?,?,?,?,?,?,?)",
                  P{e.eventId, kioskId, s.id, std::string(core::toString(res.outcome)), res.field, res.reason, nowMs,
                    std::string(core::kSurveyCreate)});
    };
    if (!m_db->run("SELECT 1 FROM surveys WHERE survey_id = ?", P{s.id}).empty()) {
        // The same survey under another event id: stored once, answered with the first outcome.
        r.outcome = core::EventOutcome::Duplicate;
        r.original = core::EventOutcome::Applied;
        r.survey = hubSurvey(s.id);
        record(r);
        return r;
    }
    core::FieldErrors errors;
    if (!m_charging) {
        errors.push_back({"survey", "no_charging_content", "this hub has no charging content to check surveys against"});
    } else {
        // The kiosk's day when it was booked: a survey that waited offline is still judged by the
        // window the customer was offered.
        const core::LocalDate bookedOn = core::localFromUtcMs(s.createdMs, m_settings.utcOffsetMinutes).first;
        errors = core::charging::validateSurveyBooking(s, m_catalog, *m_charging, bookedOn);
    }
    if (!errors.empty()) {
        r.outcome = core::EventOutcome::Rejected;
        r.field = errors.front().field;
        r.reason = errors.front().message;
        record(r);
        return r;
    }
    m_db->run(
        "INSERT INTO surveys(survey_id, kiosk_id, status, preferred_date, period, parking, supply, property_consent, "
        "distance_from_meter_m, wallbox, model, trim, test_drive_id, name, mobile, district, consent_version, "
        "contact_permission, created_ms, received_ms, updated_ms) VALUES(?,?,'requested',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        P{s.id, kioskId, s.preferredDate, s.period, s.parking, s.supply, s.propertyConsent,
          std::int64_t{s.distanceFromMeterM}, s.wallbox, s.model, s.trim, s.testDriveId, s.name, s.mobile, s.district,
          s.consent.version, flag(s.consent.contactPermission), s.createdMs, nowMs, nowMs});
    // An advisor calls the customer to fix the visit.
    m_db->run("INSERT INTO advisor_tasks(booking_id, kind, detail, created_ms) VALUES(?,?,?,?)",
              P{s.id, std::string("survey"), "home-charger site survey requested for " + s.preferredDate + " (" + s.period + ")",
                nowMs});
    r.outcome = core::EventOutcome::Applied;
    r.survey = hubSurvey(s.id);
    record(r);
    audit(nowMs, Principal{kioskId, "kiosk", ""}, s.id, "create", "survey");
    return r;
}

core::EventResult HubStore::applyAnalytics(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs) {
    core::EventResult r;
    r.eventId = e.eventId;
    const core::analytics::Event& ev = *e.analytics;
    const auto problems = core::analytics::checkEvent(core::analytics::viewOf(ev), m_vocabulary);
    std::optional<std::string> line;
    if (problems.empty()) line = core::analytics::eventToJsonLine(ev, m_vocabulary);
    if (!line) {
        // The problem names the field, never the value (it could be what must not be stored).
        r.outcome = core::EventOutcome::Rejected;
        r.field = problems.empty() ? "event" : core::analyticsProblemField(problems.front());
        r.reason = problems.empty() ? "the event fails the analytics checks" : problems.front();
    } else {
        m_db->run("INSERT INTO analytics_events(event_id, kiosk_id, time_s, line, received_ms) VALUES(?,?,?,?,?)",
                  P{e.eventId, kioskId, ev.timeS, *line, nowMs});
        r.outcome = core::EventOutcome::Applied;
    }
    m_db->run("INSERT INTO events(event_id, kiosk_id, booking_id, outcome, field, reason, received_ms, type) "
              "VALUES(?,?,'',?,?,?,?,?)",
              P{e.eventId, kioskId, std::string(core::toString(r.outcome)), r.field, r.reason, nowMs,
                std::string(core::kAnalyticsEvent)});
    return r;
}

std::vector<std::string> HubStore::analyticsLines() {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> out;
    auto r = m_db->run("SELECT line FROM analytics_events ORDER BY time_s, seq");
    out.reserve(r.rows.size());
    for (const auto& row : r.rows) out.push_back(row.text(0));
    return out;
}

core::PushResponse HubStore::push(const core::PushRequest& request, std::int64_t nowMs) {
    core::PushResponse response;
    std::lock_guard lock(m_mutex);
    // One transaction per push: every result and the events table commit together, so an answer
    // lost on the way back is answered again, identically, as a duplicate.
    write([&] {
        response.results.clear();
        for (const auto& e : request.events) response.results.push_back(applyEvent(request.kioskId, e, nowMs));
    });
    return response;
}

core::PullPage HubStore::pull(const std::string& kioskId, std::int64_t cursor, size_t limit) {
    std::lock_guard lock(m_mutex);
    core::PullPage page;
    page.cursor = cursor;
    page.nextCursor = cursor;
    auto r = m_db->run(
        "SELECT seq, kind, key, data FROM changes WHERE seq > ? AND (audience = '' OR audience = ?) ORDER BY seq LIMIT ?",
        P{cursor, kioskId, static_cast<std::int64_t>(limit)});
    for (const auto& row : r.rows) {
        core::PullChange c;
        c.seq = row.integer(0);
        c.kind = row.text(1);
        c.key = row.text(2);
        c.data = Json::parse(row.text(3));
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
    write([&] {
        out.clear();
        for (const auto& ask : asks) {
            auto parsed = core::parseSlotKey(ask.slotKey);
            if (!parsed || !m_catalog.findModel(parsed->first) || !core::isSlotStart(m_settings, parsed->second)) continue;
            ensureSlot(ask.slotKey, parsed->first);
            auto cur = m_db->run("SELECT granted, used FROM allocations WHERE kiosk_id=? AND slot_key=?", P{kioskId, ask.slotKey});
            std::int64_t granted = 0, used = 0;
            if (!cur.empty()) {
                granted = cur.front().integer(0);
                used = cur.front().integer(1);
            }
            const std::int64_t want = std::max<std::int64_t>(ask.seats, used);
            std::int64_t newGranted = granted;
            if (want > granted) {
                // Grant what free capacity allows, in one conditional UPDATE: the CHECK on slots backs it.
                auto room = m_db->run("SELECT capacity - free_confirmed - granted_total FROM slots WHERE slot_key = ?",
                                      P{ask.slotKey});
                const std::int64_t extra = std::clamp<std::int64_t>(room.empty() ? 0 : room.front().integer(0), 0, want - granted);
                if (extra > 0) {
                    auto take = m_db->run(
                        "UPDATE slots SET granted_total = granted_total + ?2 "
                        "WHERE slot_key = ?1 AND free_confirmed + granted_total + ?2 <= capacity",
                        P{ask.slotKey, extra});
                    if (take.affected == 1) newGranted = granted + extra;
                }
            } else if (want < granted) {
                m_db->run("UPDATE slots SET granted_total = granted_total - ?2 WHERE slot_key = ?1", P{ask.slotKey, granted - want});
                newGranted = want;
            }
            if (newGranted != granted) {
                m_db->run("INSERT INTO allocations(kiosk_id, slot_key, granted, used) VALUES(?1,?2,?3,0) "
                          "ON CONFLICT(kiosk_id, slot_key) DO UPDATE SET granted = ?3",
                          P{kioskId, ask.slotKey, newGranted});
                recordAllocationChange(kioskId, ask.slotKey);
                recordSlotChange(ask.slotKey);
            }
            out.push_back({ask.slotKey, static_cast<int>(newGranted), static_cast<int>(used)});
        }
    });
    return out;
}

// ---- advisors ------------------------------------------------------------------------------

void HubStore::setAdvisorPassword(const std::string& advisorId, const std::string& password, std::int64_t nowMs) {
    if (!core::isValidId(advisorId)) throw SqlError("advisor id must be 1-48 of [a-z0-9-]");
    if (password.size() < 10 || password.size() > 256) throw SqlError("the password must be 10 to 256 bytes long");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw SqlError("out of memory while hashing the password");
    std::lock_guard lock(m_mutex);
    write([&] {
        m_db->run("INSERT INTO advisors(advisor_id, password_hash, created_ms) VALUES(?1,?2,?3) "
                  "ON CONFLICT(advisor_id) DO UPDATE SET password_hash=?2, failures=0, locked_until_ms=0",
                  P{advisorId, std::string(hash), nowMs});
        m_db->run("DELETE FROM advisor_sessions WHERE advisor_id = ?", P{advisorId});
    });
}

LoginResult HubStore::login(const std::string& advisorId, const std::string& password, const std::string& deviceId,
                            std::int64_t nowMs) {
    LoginResult out;
    out.error = {401, "invalid_credentials", "unknown advisor or wrong password"};
    std::string hash;
    {
        std::lock_guard lock(m_mutex);
        auto r = m_db->run("SELECT password_hash, locked_until_ms FROM advisors WHERE advisor_id = ?", P{advisorId});
        if (!r.empty()) {
            if (r.front().integer(1) > nowMs) {
                out.error = {423, "locked", "too many failed logins; try again later"};
                out.retryAfterS = (r.front().integer(1) - nowMs + 999) / 1000;
                return out;
            }
            hash = r.front().text(0);
        }
    }
    // The slow hash runs outside the lock. An unknown id costs the same as a wrong password.
    static const std::string kDummy = [] {
        char h[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(h, "not a password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return std::string();
        return std::string(h);
    }();
    const bool ok = crypto_pwhash_str_verify(hash.empty() ? kDummy.c_str() : hash.c_str(), password.c_str(),
                                             password.size()) == 0 &&
                    !hash.empty();
    std::lock_guard lock(m_mutex);
    if (hash.empty()) return out;
    write([&] {
        if (!ok) {
            // Counted in the database, so every hub process sharing it sees the same count.
            m_db->run("UPDATE advisors SET failures = failures + 1 WHERE advisor_id = ?", P{advisorId});
            m_db->run("UPDATE advisors SET locked_until_ms = ?, failures = 0 WHERE advisor_id = ? AND failures >= ?",
                      P{nowMs + std::int64_t{m_hubSettings.lockoutMinutes} * 60000, advisorId,
                        std::int64_t{m_hubSettings.maxLoginFailures}});
            audit(nowMs, Principal{deviceId, "device", ""}, "", "login_failed", "advisor " + advisorId);
            return;
        }
        const std::string token = newToken();
        out.expiresMs = nowMs + std::int64_t{m_hubSettings.sessionMinutes} * 60000;
        m_db->run("UPDATE advisors SET failures = 0 WHERE advisor_id = ?", P{advisorId});
        m_db->run("DELETE FROM advisor_sessions WHERE expires_ms <= ?", P{nowMs});
        m_db->run("INSERT INTO advisor_sessions(token_hash, advisor_id, device_id, expires_ms) VALUES(?,?,?,?)",
                  P{tokenHash(token), advisorId, deviceId, out.expiresMs});
        audit(nowMs, Principal{deviceId, "advisor", advisorId}, "", "login");
        out.session = token;
    });
    if (!ok) {
        auto r = m_db->run("SELECT locked_until_ms FROM advisors WHERE advisor_id = ?", P{advisorId});
        if (!r.empty() && r.front().integer(0) > nowMs) {
            out.error = {423, "locked", "too many failed logins; try again later"};
            out.retryAfterS = (r.front().integer(0) - nowMs + 999) / 1000;
        }
    }
    return out;
}

void HubStore::logout(const std::string& sessionToken) {
    std::lock_guard lock(m_mutex);
    write([&] { m_db->run("DELETE FROM advisor_sessions WHERE token_hash = ?", P{tokenHash(sessionToken)}); });
}

Json HubStore::bookingsForDay(const std::string& date, const Principal& who, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    Json out = Json::array();
    auto r = m_db->run(
        "SELECT booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, name, mobile, "
        "contact_permission, config_code, alternative_slot, waitlist_place FROM bookings "
        "WHERE substr(slot, 1, 10) = ?1 OR queue_date = ?1 ORDER BY slot, queue_place, created_ms",
        P{date});
    // What an advisor needs to run the day: who, when, which car, the state. The full mobile and
    // e-mail only through the (audited) detail view.
    for (const auto& s : r.rows) {
        Json b = {{"booking_id", s.text(0)}, {"kiosk_id", s.text(1)},   {"model", s.text(2)},
                  {"trim", s.text(3)},       {"mode", s.text(4)},       {"status", s.text(8)},
                  {"name", s.text(9)},       {"mobile_masked", maskMobile(s.text(10))},
                  {"contact_permission", s.integer(11) != 0}};
        if (!s.text(5).empty()) b["slot"] = s.text(5);
        if (!s.text(6).empty()) b["queue_date"] = s.text(6);
        if (s.integer(7) > 0) b["queue_place"] = s.integer(7);
        if (!s.text(12).empty()) b["config_code"] = s.text(12);
        if (!s.text(13).empty()) b["alternative_slot"] = s.text(13);
        if (s.integer(14) > 0) b["waitlist_place"] = s.integer(14);
        out.push_back(b);
    }
    if (!out.empty()) {
        write([&] {
            for (const auto& b : out) audit(nowMs, who, b["booking_id"].get<std::string>(), "list", date);
        });
    }
    return out;
}

std::optional<Json> HubStore::bookingDetail(const std::string& bookingId, const Principal& who, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    auto r = m_db->run(
        "SELECT booking_id, kiosk_id, model, trim, mode, slot, queue_date, queue_place, status, name, mobile, email, "
        "contact_permission, config_code, alternative_slot, waitlist_place, consent_version, purged_ms FROM bookings "
        "WHERE booking_id = ?",
        P{bookingId});
    if (r.empty()) return std::nullopt;
    const SqlRow& s = r.front();
    Json b = {{"booking_id", s.text(0)}, {"kiosk_id", s.text(1)}, {"model", s.text(2)}, {"trim", s.text(3)},
              {"mode", s.text(4)},       {"status", s.text(8)},   {"name", s.text(9)},  {"mobile", s.text(10)},
              {"contact_permission", s.integer(12) != 0},         {"consent_version", s.text(16)},
              {"personal_data_erased", s.integer(17) != 0}};
    if (!s.text(5).empty()) b["slot"] = s.text(5);
    if (!s.text(6).empty()) b["queue_date"] = s.text(6);
    if (s.integer(7) > 0) b["queue_place"] = s.integer(7);
    if (!s.text(11).empty()) b["email"] = s.text(11);
    if (!s.text(13).empty()) b["config_code"] = s.text(13);
    if (!s.text(14).empty()) b["alternative_slot"] = s.text(14);
    if (s.integer(15) > 0) b["waitlist_place"] = s.integer(15);
    write([&] { audit(nowMs, who, bookingId, "read"); });
    return b;
}

Json HubStore::surveysForDay(const std::string& date, const Principal& who, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    Json out = Json::array();
    auto r = m_db->run(
        "SELECT survey_id, kiosk_id, status, preferred_date, period, parking, supply, property_consent, "
        "distance_from_meter_m, wallbox, model, trim, test_drive_id, name, mobile, district, contact_permission "
        "FROM surveys WHERE preferred_date = ? ORDER BY period, created_ms, survey_id",
        P{date});
    for (const auto& s : r.rows) {
        Json j = {{"survey_id", s.text(0)},    {"kiosk_id", s.text(1)},       {"status", s.text(2)},
                  {"preferred_date", s.text(3)}, {"period", s.text(4)},       {"parking", s.text(5)},
                  {"supply", s.text(6)},       {"property_consent", s.text(7)}, {"distance_from_meter_m", s.integer(8)},
                  {"wallbox", s.text(9)},      {"model", s.text(10)},         {"name", s.text(13)},
                  {"mobile_masked", maskMobile(s.text(14))}, {"contact_permission", s.integer(16) != 0}};
        if (!s.text(11).empty()) j["trim"] = s.text(11);
        if (!s.text(12).empty()) j["test_drive_id"] = s.text(12);
        if (!s.text(15).empty()) j["district"] = s.text(15);
        out.push_back(j);
    }
    if (!out.empty()) {
        write([&] {
            for (const auto& j : out) audit(nowMs, who, j["survey_id"].get<std::string>(), "list", "surveys " + date);
        });
    }
    return out;
}

std::optional<Json> HubStore::surveyDetail(const std::string& surveyId, const Principal& who, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    auto r = m_db->run(
        "SELECT survey_id, kiosk_id, status, preferred_date, period, parking, supply, property_consent, "
        "distance_from_meter_m, wallbox, model, trim, test_drive_id, name, mobile, district, contact_permission, "
        "consent_version, purged_ms, withdrawn_ms FROM surveys WHERE survey_id = ?",
        P{surveyId});
    if (r.empty()) return std::nullopt;
    const SqlRow& s = r.front();
    Json j = {{"survey_id", s.text(0)},    {"kiosk_id", s.text(1)},       {"status", s.text(2)},
              {"preferred_date", s.text(3)}, {"period", s.text(4)},       {"parking", s.text(5)},
              {"supply", s.text(6)},       {"property_consent", s.text(7)}, {"distance_from_meter_m", s.integer(8)},
              {"wallbox", s.text(9)},      {"model", s.text(10)},         {"name", s.text(13)},
              {"mobile", s.text(14)},      {"contact_permission", s.integer(16) != 0},
              {"consent_version", s.text(17)}, {"personal_data_erased", s.integer(18) != 0},
              {"consent_withdrawn", s.integer(19) != 0}};
    if (!s.text(11).empty()) j["trim"] = s.text(11);
    if (!s.text(12).empty()) j["test_drive_id"] = s.text(12);
    if (!s.text(15).empty()) j["district"] = s.text(15);
    write([&] { audit(nowMs, who, surveyId, "read", "survey"); });
    return j;
}

void HubStore::recordSurveyChange(const std::string& surveyId) {
    // Only the kiosk that took the survey hears of it (it affects no one else's availability), and
    // without personal fields.
    const core::HubSurvey s = hubSurvey(surveyId);
    recordChange("survey", surveyId, s.kioskId, core::toJson(s));
}

std::optional<ApiError> HubStore::surveyAction(const std::string& surveyId, const std::string& action,
                                               const std::string& newDate, std::int64_t nowMs, Json& survey,
                                               const Principal& who) {
    std::lock_guard lock(m_mutex);
    struct Move {
        const char* action;
        std::vector<std::string> from;
        const char* to;
    };
    static const std::vector<Move> kMoves = {
        {"scheduled", {"requested"}, "scheduled"},
        {"done", {"scheduled"}, "done"},
        {"cancel", {"requested", "scheduled"}, "cancelled"},
        {"withdraw", {"requested", "scheduled", "done", "cancelled"}, "cancelled"},
    };
    const Move* move = nullptr;
    for (const auto& m : kMoves)
        if (action == m.action) move = &m;
    auto result = write([&]() -> std::optional<ApiError> {
        auto r = m_db->run("SELECT status, withdrawn_ms FROM surveys WHERE survey_id = ?", P{surveyId});
        if (r.empty()) return ApiError{404, "not_found", "no survey with this id"};
        const std::string status = r.front().text(0);
        if (!move) return ApiError{404, "unknown_action", "unknown action"};
        if (!newDate.empty() && action != "scheduled")
            return ApiError{400, "unexpected_date", "only the scheduled action takes a date"};
        if (std::find(move->from.begin(), move->from.end(), status) == move->from.end() ||
            (action == "withdraw" && r.front().integer(1) != 0))
            return ApiError{409, "invalid_transition", "a survey in state " + status + " cannot " + action};
        if (!newDate.empty()) {
            const auto day = core::parseLocalDate(newDate);
            const core::LocalDate today = core::localFromUtcMs(nowMs, m_settings.utcOffsetMinutes).first;
            if (!day || day->toString() < today.toString())
                return ApiError{400, "invalid_date", "date must be a YYYY-MM-DD day from today on"};
        }
        // A withdrawal cancels a survey still to come; a past one keeps its outcome.
        const bool open = status == "requested" || status == "scheduled";
        const std::string to = action == "withdraw" && !open ? status : std::string(move->to);
        m_db->run("UPDATE surveys SET status = ?, updated_ms = ? WHERE survey_id = ?", P{to, nowMs, surveyId});
        if (!newDate.empty())
            m_db->run("UPDATE surveys SET preferred_date = ? WHERE survey_id = ?", P{newDate, surveyId});
        if (action == "withdraw")
            m_db->run("UPDATE surveys SET name = '', mobile = '', district = '', purged_ms = ?1, withdrawn_ms = ?1 "
                      "WHERE survey_id = ?2",
                      P{nowMs, surveyId});
        // The task was to arrange the visit: any advisor action settles it.
        m_db->run("UPDATE advisor_tasks SET done = 1 WHERE booking_id = ? AND kind = 'survey'", P{surveyId});
        audit(nowMs, who, surveyId, action, newDate.empty() ? "survey" : "survey " + newDate);
        recordSurveyChange(surveyId);
        return std::nullopt;
    });
    if (!result) survey = core::toJson(hubSurvey(surveyId));
    return result;
}

Json HubStore::openTasks() {
    std::lock_guard lock(m_mutex);
    Json out = Json::array();
    auto r = m_db->run("SELECT id, booking_id, kind, detail, created_ms FROM advisor_tasks WHERE done = 0 ORDER BY id");
    for (const auto& s : r.rows)
        out.push_back({{"id", s.integer(0)}, {"booking_id", s.text(1)}, {"kind", s.text(2)}, {"detail", s.text(3)},
                       {"created_ms", s.integer(4)}});
    return out;
}

Json HubStore::auditFor(const std::string& bookingId) {
    std::lock_guard lock(m_mutex);
    Json out = Json::array();
    auto r = m_db->run("SELECT at_ms, actor, device_id, action, detail FROM audit_log WHERE booking_id = ? ORDER BY id",
                       P{bookingId});
    for (const auto& s : r.rows)
        out.push_back({{"at_ms", s.integer(0)}, {"actor", s.text(1)}, {"device_id", s.text(2)}, {"action", s.text(3)},
                       {"detail", s.text(4)}});
    return out;
}

void HubStore::releaseSeat(const std::string& bookingId) {
    auto r = m_db->run("SELECT seat, kiosk_id, model || '@' || slot FROM bookings WHERE booking_id = ?", P{bookingId});
    if (r.empty()) return;
    const std::string seat = r.front().text(0), kiosk = r.front().text(1), key = r.front().text(2);
    if (seat == "allocation") {
        m_db->run("UPDATE allocations SET used = used - 1 WHERE kiosk_id = ? AND slot_key = ? AND used > 0", P{kiosk, key});
        recordAllocationChange(kiosk, key);
    } else if (seat == "free") {
        m_db->run("UPDATE slots SET free_confirmed = free_confirmed - 1 WHERE slot_key = ? AND free_confirmed > 0", P{key});
    }
    m_db->run("UPDATE bookings SET seat = '' WHERE booking_id = ?", P{bookingId});
    if (!seat.empty()) recordSlotChange(key);
}

void HubStore::erasePersonal(const std::string& bookingId, std::int64_t nowMs) {
    m_db->run("UPDATE bookings SET name = '', mobile = '', email = '', purged_ms = ? WHERE booking_id = ?",
              P{nowMs, bookingId});
    // A lead not yet sent is not sent any more (one being sent right now finishes; the
    // withdrawal, if any, follows it).
    m_db->run("UPDATE crm_outbox SET state = 'cancelled', last_error = 'personal data erased' "
              "WHERE booking_id = ? AND kind = 'lead' AND state = 'pending' AND lease_until_ms <= ?",
              P{bookingId, nowMs});
}

std::optional<ApiError> HubStore::advisorAction(const std::string& bookingId, const std::string& action,
                                                const std::string& newSlot, std::int64_t nowMs, Json& booking,
                                                const Principal& who) {
    std::lock_guard lock(m_mutex);
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
    auto result = write([&]() -> std::optional<ApiError> {
        auto r = m_db->run("SELECT status, mode, model, slot, withdrawn_ms FROM bookings WHERE booking_id = ?", P{bookingId});
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
            if (!core::isSlotStart(m_settings, newSlot))
                return ApiError{400, "invalid_slot", "slot must be a slot start inside the opening hours"};
            const std::string key = core::slotKey(model, newSlot);
            ensureSlot(key, model);
            auto take = m_db->run(
                "UPDATE slots SET free_confirmed = free_confirmed + 1 WHERE slot_key = ? AND free_confirmed + granted_total < capacity",
                P{key});
            if (take.affected != 1) return ApiError{409, "slot_full", "the new slot is full"};
            releaseSeat(bookingId);
            m_db->run("UPDATE bookings SET slot = ?, status = 'confirmed', seat = 'free', alternative_slot = '', "
                      "waitlist_place = 0, updated_ms = ? WHERE booking_id = ?",
                      P{newSlot, nowMs, bookingId});
            recordSlotChange(key);
        } else {
            // A withdrawal cancels a booking still to come; a past one keeps its outcome.
            static const std::vector<std::string> kOpen = {"requested", "confirmed", "conflict", "checked_in"};
            const bool open = std::find(kOpen.begin(), kOpen.end(), status) != kOpen.end();
            if (action == "cancel" || (action == "withdraw" && open)) releaseSeat(bookingId);
            const std::string to = action == "withdraw" && !open ? status : std::string(move->to);
            m_db->run("UPDATE bookings SET status = ?, updated_ms = ? WHERE booking_id = ?", P{to, nowMs, bookingId});
        }
        if (action == "withdraw") {
            erasePersonal(bookingId, nowMs);
            m_db->run("UPDATE bookings SET withdrawn_ms = ? WHERE booking_id = ?", P{nowMs, bookingId});
            queueCrm(bookingId, "withdrawal", nowMs);
        }
        if (action == "cancel" || action == "reschedule" || action == "withdraw")
            m_db->run("UPDATE advisor_tasks SET done = 1 WHERE booking_id = ?", P{bookingId});
        audit(nowMs, who, bookingId, action, action == "reschedule" ? newSlot : "");
        recordBookingChange(bookingId);
        return std::nullopt;
    });
    if (!result) booking = core::toJson(hubBooking(bookingId));
    return result;
}

// ---- CRM outbox ----------------------------------------------------------------------------

void HubStore::setCrmAdapters(std::vector<std::string> adapters) {
    std::lock_guard lock(m_mutex);
    m_crmAdapters = std::move(adapters);
}

std::vector<OutboxItem> HubStore::claimDue(const std::string& adapter, const std::string& owner, std::int64_t nowMs,
                                           std::int64_t leaseMs, size_t limit) {
    std::lock_guard lock(m_mutex);
    return write([&] {
        std::vector<OutboxItem> out;
        auto r = m_db->run(
            "SELECT id, booking_id, kind, event_id, attempts, created_ms FROM crm_outbox o "
            "WHERE adapter = ?1 AND state = 'pending' AND next_attempt_ms <= ?2 AND lease_until_ms <= ?2 "
            "AND NOT EXISTS (SELECT 1 FROM crm_outbox p WHERE p.adapter = o.adapter AND p.booking_id = o.booking_id "
            "AND p.id < o.id AND p.state = 'pending') ORDER BY id LIMIT ?3",
            P{adapter, nowMs, static_cast<std::int64_t>(limit)});
        for (const auto& row : r.rows) {
            auto take = m_db->run(
                "UPDATE crm_outbox SET lease_owner = ?, lease_until_ms = ?, attempts = attempts + 1 "
                "WHERE id = ? AND state = 'pending' AND lease_until_ms <= ?",
                P{owner, nowMs + leaseMs, row.integer(0), nowMs});
            if (take.affected != 1) continue;
            out.push_back({row.integer(0), adapter, row.text(1), row.text(2), row.text(3), row.integer(4) + 1, row.integer(5)});
        }
        return out;
    });
}

void HubStore::markDelivered(std::int64_t id, std::int64_t nowMs) {
    std::lock_guard lock(m_mutex);
    write([&] {
        auto r = m_db->run("SELECT adapter, booking_id, kind FROM crm_outbox WHERE id = ?", P{id});
        m_db->run("UPDATE crm_outbox SET state = 'delivered', delivered_ms = ?, lease_until_ms = 0, last_error = '' "
                  "WHERE id = ? AND state = 'pending'",
                  P{nowMs, id});
        if (!r.empty())
            audit(nowMs, Principal{"", "crm:" + r.front().text(0), ""}, r.front().text(1), "forward", r.front().text(2));
    });
}

void HubStore::markFailed(std::int64_t id, const std::string& error, std::int64_t nextAttemptMs) {
    std::lock_guard lock(m_mutex);
    write([&] {
        m_db->run("UPDATE crm_outbox SET next_attempt_ms = ?, lease_until_ms = 0, last_error = ? WHERE id = ?",
                  P{nextAttemptMs, error.substr(0, 200), id});
    });
}

std::optional<Lead> HubStore::lead(const std::string& bookingId) {
    std::lock_guard lock(m_mutex);
    auto r = m_db->run(
        "SELECT booking_id, kiosk_id, model, trim, mode, slot, queue_date, status, queue_place, name, mobile, email, "
        "licence_confirmed, consent_version, contact_permission, config_code, created_ms, withdrawn_ms, purged_ms "
        "FROM bookings WHERE booking_id = ?",
        P{bookingId});
    if (r.empty()) return std::nullopt;
    const SqlRow& s = r.front();
    Lead l;
    l.bookingId = s.text(0);
    l.kioskId = s.text(1);
    l.model = s.text(2);
    l.trim = s.text(3);
    l.mode = s.text(4);
    l.slot = s.text(5);
    l.queueDate = s.text(6);
    l.status = s.text(7);
    l.queuePlace = static_cast<int>(s.integer(8));
    l.name = s.text(9);
    l.mobile = s.text(10);
    l.email = s.text(11);
    l.licenceConfirmed = s.integer(12) != 0;
    l.consentVersion = s.text(13);
    l.contactPermission = s.integer(14) != 0;
    l.configCode = s.text(15);
    l.createdMs = s.integer(16);
    l.withdrawnMs = s.integer(17);
    l.purgedMs = s.integer(18);
    return l;
}

std::vector<AdapterStatus> HubStore::crmStatus() {
    std::lock_guard lock(m_mutex);
    std::map<std::string, AdapterStatus> by;
    auto r = m_db->run("SELECT adapter, state, count(*), max(last_error) FROM crm_outbox GROUP BY adapter, state");
    for (const auto& row : r.rows) {
        AdapterStatus& a = by[row.text(0)];
        a.adapter = row.text(0);
        const std::string state = row.text(1);
        if (state == "pending") {
            a.pending = row.integer(2);
            a.lastError = row.text(3);
        } else if (state == "delivered") {
            a.delivered = row.integer(2);
        } else {
            a.cancelled += row.integer(2);
        }
    }
    std::vector<AdapterStatus> out;
    for (auto& [k, v] : by) out.push_back(v);
    return out;
}

std::vector<Lead> HubStore::leadsBetween(std::int64_t fromMs, std::int64_t toMs, const std::string& who,
                                         std::int64_t nowMs) {
    std::vector<std::string> ids;
    {
        std::lock_guard lock(m_mutex);
        auto r = m_db->run("SELECT booking_id FROM bookings WHERE received_ms >= ? AND received_ms < ? ORDER BY received_ms, booking_id",
                           P{fromMs, toMs});
        for (const auto& row : r.rows) ids.push_back(row.text(0));
    }
    std::vector<Lead> out;
    for (const auto& id : ids)
        if (auto l = lead(id)) out.push_back(*l);
    std::lock_guard lock(m_mutex);
    write([&] {
        for (const auto& l : out) audit(nowMs, Principal{"", "export:" + who, ""}, l.bookingId, "export", "csv");
    });
    return out;
}

// ---- retention -----------------------------------------------------------------------------

int HubStore::purgeExpired(std::int64_t nowMs) {
    const std::int64_t cutoffMs = nowMs - std::int64_t{m_hubSettings.retentionDays} * 86400000LL;
    const auto [day, minute] = core::localFromUtcMs(cutoffMs, m_settings.utcOffsetMinutes);
    const std::string cutoffLocal = core::formatLocalDateTime(day, minute), cutoffDay = day.toString();
    std::lock_guard lock(m_mutex);
    return write([&] {
        // Last activity: the later of the last change and the test drive itself.
        auto r = m_db->run(
            "SELECT booking_id FROM bookings WHERE purged_ms = 0 AND updated_ms < ? "
            "AND (slot = '' OR slot < ?) AND (queue_date = '' OR queue_date < ?)",
            P{cutoffMs, cutoffLocal, cutoffDay});
        for (const auto& row : r.rows) {
            erasePersonal(row.text(0), nowMs);
            audit(nowMs, Principal{"", "system", ""}, row.text(0), "purge",
                  "retention " + std::to_string(m_hubSettings.retentionDays) + " days");
        }
        auto surveys = m_db->run("SELECT survey_id FROM surveys WHERE purged_ms = 0 AND updated_ms < ? AND preferred_date < ?",
                                 P{cutoffMs, cutoffDay});
        for (const auto& row : surveys.rows) {
            m_db->run("UPDATE surveys SET name = '', mobile = '', district = '', purged_ms = ? WHERE survey_id = ?",
                      P{nowMs, row.text(0)});
            audit(nowMs, Principal{"", "system", ""}, row.text(0), "purge",
                  "retention " + std::to_string(m_hubSettings.retentionDays) + " days");
        }
        return static_cast<int>(r.rows.size() + surveys.rows.size());
    });
}

void snapshotToSqlite(SqlBackend& from, const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto to = openSqlite(path);
    to->begin();
    for (int v = 0; v < kMigrationCount; ++v) to->script(expandSchema(kMigrations[v], to->dialect()));
    to->setSchemaVersion(kMigrationCount);
    for (const char* table : {"devices", "events", "bookings", "slots", "allocations", "advisor_tasks", "changes", "fleet",
                              "crm_outbox", "audit_log", "advisors", "advisor_sessions", "surveys", "analytics_events"}) {
        auto rows = from.run(std::string("SELECT * FROM ") + table);
        for (const auto& row : rows.rows) {
            std::string sql = std::string("INSERT INTO ") + table + " VALUES(";
            for (size_t i = 0; i < row.values.size(); ++i) sql += i ? ",?" : "?";
            to->run(sql + ")", row.values);
        }
    }
    to->commit();
}

std::int64_t HubStore::count(const std::string& table) {
    static const std::vector<std::string> kTables = {"bookings", "events",  "advisor_tasks", "allocations", "devices",
                                                     "changes",  "crm_outbox", "audit_log", "advisors", "surveys",
                                                     "analytics_events"};
    if (std::find(kTables.begin(), kTables.end(), table) == kTables.end()) return -1;
    std::lock_guard lock(m_mutex);
    return m_db->run("SELECT count(*) FROM " + table).front().integer(0);
}

std::string HubStore::integrityCheck() {
    std::lock_guard lock(m_mutex);
    return m_db->integrityCheck();
}

}  // namespace hub
