#include "store/KioskStore.h"

#include <sqlite3.h>

#include <algorithm>

#include "core/Catalog.h"

namespace store {
namespace {

using Json = nlohmann::json;

// Schema migrations, in order; migration i brings user_version from i to i + 1. Never edit a
// shipped one: add the next.
const char* const kMigrations[] = {
    R"SQL(
CREATE TABLE bookings(
  booking_id TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  trim TEXT NOT NULL,
  mode TEXT NOT NULL,
  slot TEXT NOT NULL,
  queue_date TEXT NOT NULL,
  queue_place INTEGER NOT NULL DEFAULT 0,
  local_status TEXT NOT NULL,
  status TEXT NOT NULL,
  via_allocation INTEGER NOT NULL,
  licence_confirmed INTEGER NOT NULL,
  consent_version TEXT NOT NULL,
  contact_permission INTEGER NOT NULL,
  config_code TEXT NOT NULL,
  personal BLOB,
  created_ms INTEGER NOT NULL,
  acked_ms INTEGER,
  purged_ms INTEGER,
  alternative_slot TEXT NOT NULL DEFAULT '',
  waitlist_place INTEGER NOT NULL DEFAULT 0,
  reject_field TEXT NOT NULL DEFAULT '',
  reject_reason TEXT NOT NULL DEFAULT '',
  wait_minutes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  booking_id TEXT NOT NULL REFERENCES bookings(booking_id),
  type TEXT NOT NULL,
  payload BLOB,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  last_attempt_ms INTEGER,
  acked_ms INTEGER,
  outcome TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE TABLE sync_state(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE allocations(slot_key TEXT PRIMARY KEY, granted INTEGER NOT NULL, used INTEGER NOT NULL);
CREATE TABLE hub_slots(slot_key TEXT PRIMARY KEY, capacity INTEGER NOT NULL, confirmed INTEGER NOT NULL);
CREATE TABLE hub_bookings(booking_id TEXT PRIMARY KEY, model TEXT NOT NULL, slot TEXT NOT NULL,
  queue_date TEXT NOT NULL, queue_place INTEGER NOT NULL, status TEXT NOT NULL, kiosk_id TEXT NOT NULL);
CREATE TABLE fleet(vehicle_id TEXT PRIMARY KEY, model TEXT NOT NULL, status TEXT NOT NULL);
)SQL",
    // 2: home-charger site surveys; the outbox carries surveys and analytics events too, so its
    // subject is no longer always a booking (the table is rebuilt without that foreign key; rows,
    // sequence numbers and states are kept).
    R"SQL(
CREATE TABLE surveys(
  survey_id TEXT PRIMARY KEY,
  preferred_date TEXT NOT NULL,
  period TEXT NOT NULL,
  parking TEXT NOT NULL,
  supply TEXT NOT NULL,
  property_consent TEXT NOT NULL,
  distance_from_meter_m INTEGER NOT NULL,
  wallbox TEXT NOT NULL,
  model TEXT NOT NULL,
  trim TEXT NOT NULL,
  test_drive_id TEXT NOT NULL,
  consent_version TEXT NOT NULL,
  contact_permission INTEGER NOT NULL,
  personal BLOB,
  created_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  acked_ms INTEGER,
  purged_ms INTEGER,
  reject_field TEXT NOT NULL DEFAULT '',
  reject_reason TEXT NOT NULL DEFAULT '');
CREATE TABLE outbox_v2(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  subject_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payload BLOB,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  last_attempt_ms INTEGER,
  acked_ms INTEGER,
  outcome TEXT NOT NULL DEFAULT '');
INSERT INTO outbox_v2(seq, event_id, subject_id, type, payload, state, attempts, created_ms, last_attempt_ms, acked_ms, outcome)
  SELECT seq, event_id, booking_id, type, payload, state, attempts, created_ms, last_attempt_ms, acked_ms, outcome FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE INDEX outbox_type ON outbox(type, state);
)SQL",
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == KioskStore::kSchemaVersion);

const char* const kBookingColumns =
    "booking_id, model, trim, mode, slot, queue_date, queue_place, local_status, status, via_allocation, "
    "licence_confirmed, consent_version, contact_permission, config_code, personal, created_ms, acked_ms, "
    "purged_ms, alternative_slot, waitlist_place, reject_field, reject_reason, wait_minutes";

const char* const kSurveyColumns =
    "survey_id, preferred_date, period, parking, supply, property_consent, distance_from_meter_m, wallbox, model, trim, "
    "test_drive_id, consent_version, contact_permission, personal, created_ms, status, acked_ms, purged_ms, "
    "reject_field, reject_reason";

core::BookingStatus statusOr(const std::string& s, core::BookingStatus fallback) {
    auto st = core::bookingStatusFromString(s);
    return st ? *st : fallback;
}

std::string personalContext(const std::string& bookingId) { return "booking:" + bookingId; }
std::string surveyContext(const std::string& surveyId) { return "survey:" + surveyId; }
std::string eventContext(const std::string& eventId) { return "event:" + eventId; }

}  // namespace

KioskStore::KioskStore(const std::string& path, SecretKey key, std::string kioskId, const StoreOptions& options)
    : m_key(std::move(key)), m_kioskId(std::move(kioskId)), m_db(path, OpenOptions{options.vfs}) {
    if (!core::isValidId(m_kioskId)) throw StoreError("kiosk id must be 1-48 of [a-z0-9-]");
    // WAL lets the UI read while the worker writes; FULL syncs the WAL on every commit, which is
    // what makes "booked" on the screen true after a power cut.
    m_db.exec("PRAGMA journal_mode=WAL");
    m_db.exec(options.synchronousFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF");
    m_db.exec("PRAGMA secure_delete=ON");
    m_db.exec("PRAGMA foreign_keys=ON");
    migrate();
    checkKey();
}

int KioskStore::schemaVersion() { return static_cast<int>(m_db.queryInt("PRAGMA user_version").value_or(0)); }

void KioskStore::migrate() {
    const int version = schemaVersion();
    if (version > kSchemaVersion)
        throw StoreError("database " + m_db.path() + " has schema version " + std::to_string(version) +
                         ", newer than this kiosk software supports (" + std::to_string(kSchemaVersion) +
                         "); update the kiosk software. The database was not changed.");
    for (int v = version; v < kSchemaVersion; ++v) {
        Transaction tx(m_db);
        m_db.exec(kMigrations[v]);
        m_db.exec("PRAGMA user_version=" + std::to_string(v + 1));
        tx.commit();
    }
}

// A known value sealed with the key proves, at open, that the configured key is the one the
// personal data was written with (without storing the key or anything derived to find it).
void KioskStore::checkKey() {
    static const std::string kProbe = "showroom-kiosk key check";
    Statement s = m_db.prepare("SELECT value FROM sync_state WHERE key='key_check'");
    if (s.step()) {
        if (open(m_key, s.blob(0), "key_check") != kProbe)
            throw StoreError("the configured store key does not match the key database " + m_db.path() +
                             " was created with");
        return;
    }
    Transaction tx(m_db);
    m_db.prepare("INSERT OR IGNORE INTO sync_state(key, value) VALUES('key_check', ?)").bind(1, seal(m_key, kProbe, "key_check")).run();
    tx.commit();
}

BookResult KioskStore::bookTestDrive(core::Booking draft, const core::Catalog& catalog,
                                     const core::BookingSettings& settings, std::int64_t nowMs) {
    BookResult result;
    if (auto m = core::normalizeMobile(draft.mobile)) draft.mobile = *m;
    draft.id = newUuidV7(nowMs);
    draft.kioskId = m_kioskId;
    draft.createdMs = nowMs;
    draft.viaAllocation = false;
    draft.queuePlace = 0;
    result.errors = core::validateBooking(draft, catalog, settings);
    if (!result.errors.empty()) return result;

    StoredBooking sb;
    Transaction tx(m_db);
    if (draft.mode == core::BookingMode::Slot) {
        // Only a seat the hub escrowed for this kiosk may be confirmed without asking the hub.
        Statement take = m_db.prepare("UPDATE allocations SET used = used + 1 WHERE slot_key = ? AND used < granted");
        take.bind(1, core::slotKey(draft.model, draft.slot)).run();
        draft.viaAllocation = m_db.changes() == 1;
        sb.status = draft.viaAllocation ? core::BookingStatus::Confirmed : core::BookingStatus::Requested;
    } else {
        Statement count = m_db.prepare(
            "SELECT (SELECT count(*) FROM bookings WHERE mode='queue' AND model=?1 AND queue_date=?2 "
            "        AND status NOT IN ('completed','cancelled','no_show','rejected'))"
            " + (SELECT count(*) FROM hub_bookings WHERE kiosk_id<>?3 AND model=?1 AND queue_date=?2 "
            "        AND status NOT IN ('completed','cancelled','no_show','rejected'))");
        count.bindAll(draft.model, draft.queueDate, m_kioskId);
        count.step();
        draft.queuePlace = static_cast<int>(count.integer(0)) + 1;
        if (draft.queuePlace > settings.maxQueuePerModel) {
            result.errors.push_back({"queue_date", "queue_full", "the walk-up queue for this model is full"});
            return result;
        }
        sb.estimatedWaitMinutes =
            core::estimatedQueueWaitMinutes(settings, draft.queuePlace, core::slotCapacity(catalog, draft.model));
        sb.status = core::BookingStatus::Confirmed;
    }
    sb.localStatus = sb.status;
    const Json personal = {{"name", draft.name}, {"mobile", draft.mobile}, {"email", draft.email}};
    Statement ins = m_db.prepare(std::string("INSERT INTO bookings(") + kBookingColumns +
                                 ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL,'',0,'','',?)");
    ins.bindAll(draft.id, draft.model, draft.trim, std::string(core::toString(draft.mode)), draft.slot, draft.queueDate,
                draft.queuePlace, std::string(core::toString(sb.status)), std::string(core::toString(sb.status)),
                draft.viaAllocation, draft.licenceConfirmed, draft.consent.version, draft.consent.contactPermission,
                draft.configCode, seal(m_key, personal.dump(), personalContext(draft.id)), draft.createdMs,
                sb.estimatedWaitMinutes);
    ins.run();
    const std::string eventId = newUuidV7(nowMs);
    Statement out = m_db.prepare(
        "INSERT INTO outbox(event_id, subject_id, type, payload, state, created_ms) VALUES(?,?,?,?, 'pending', ?)");
    out.bindAll(eventId, draft.id, std::string(core::kBookingCreate),
                seal(m_key, core::bookingToJson(draft).dump(), eventContext(eventId)), nowMs);
    out.run();
    tx.commit();  // only now may the screen say "booked"
    sb.booking = std::move(draft);
    result.booking = std::move(sb);
    return result;
}

SurveyResult KioskStore::bookSurvey(core::charging::SurveyBooking draft, const core::Catalog& catalog,
                                    const core::charging::ChargingContent& content, const core::LocalDate& today,
                                    std::int64_t nowMs) {
    SurveyResult result;
    if (auto m = core::normalizeMobile(draft.mobile)) draft.mobile = *m;
    draft.id = newUuidV7(nowMs);
    draft.kioskId = m_kioskId;
    draft.createdMs = nowMs;
    draft.consent.purpose = core::charging::kSurveyConsentPurpose;
    result.errors = core::charging::validateSurveyBooking(draft, catalog, content, today);
    if (!result.errors.empty()) return result;

    const Json personal = {{"name", draft.name}, {"mobile", draft.mobile}, {"district", draft.district}};
    Transaction tx(m_db);
    Statement ins = m_db.prepare(std::string("INSERT INTO surveys(") + kSurveyColumns +
                                 ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'requested',NULL,NULL,'','')");
    ins.bindAll(draft.id, draft.preferredDate, draft.period, draft.parking, draft.supply, draft.propertyConsent,
                draft.distanceFromMeterM, draft.wallbox, draft.model, draft.trim, draft.testDriveId, draft.consent.version,
                draft.consent.contactPermission, seal(m_key, personal.dump(), surveyContext(draft.id)), draft.createdMs);
    ins.run();
    const std::string eventId = newUuidV7(nowMs);
    Statement out = m_db.prepare(
        "INSERT INTO outbox(event_id, subject_id, type, payload, state, created_ms) VALUES(?,?,?,?, 'pending', ?)");
    out.bindAll(eventId, draft.id, std::string(core::kSurveyCreate),
                seal(m_key, core::charging::surveyBookingToJson(draft).dump(), eventContext(eventId)), nowMs);
    out.run();
    tx.commit();  // only now may the screen say "requested"
    StoredSurvey sv;
    sv.survey = std::move(draft);
    sv.status = "requested";
    result.survey = std::move(sv);
    return result;
}

StoredSurvey KioskStore::readSurvey(Statement& s) {
    StoredSurvey sv;
    core::charging::SurveyBooking& b = sv.survey;
    b.id = s.text(0);
    b.preferredDate = s.text(1);
    b.period = s.text(2);
    b.parking = s.text(3);
    b.supply = s.text(4);
    b.propertyConsent = s.text(5);
    b.distanceFromMeterM = static_cast<int>(s.integer(6));
    b.wallbox = s.text(7);
    b.model = s.text(8);
    b.trim = s.text(9);
    b.testDriveId = s.text(10);
    b.consent.version = s.text(11);
    b.consent.contactPermission = s.integer(12) != 0;
    if (!s.isNull(13)) {
        auto plain = open(m_key, s.blob(13), surveyContext(b.id));
        if (!plain) throw StoreError("personal fields of a survey fail to decrypt (wrong key or tampered row)");
        const Json p = Json::parse(*plain);
        b.name = p.value("name", "");
        b.mobile = p.value("mobile", "");
        b.district = p.value("district", "");
    }
    b.createdMs = s.integer(14);
    b.kioskId = m_kioskId;
    sv.status = s.text(15);
    sv.ackedMs = s.isNull(16) ? 0 : s.integer(16);
    sv.purged = !s.isNull(17);
    sv.rejectField = s.text(18);
    sv.rejectReason = s.text(19);
    return sv;
}

std::vector<StoredSurvey> KioskStore::surveys() {
    std::vector<StoredSurvey> out;
    Statement s = m_db.prepare(std::string("SELECT ") + kSurveyColumns + " FROM surveys ORDER BY created_ms, rowid");
    while (s.step()) out.push_back(readSurvey(s));
    return out;
}

void KioskStore::recordEvents(const std::vector<core::analytics::Event>& events) {
    if (events.empty()) return;
    // Anonymous and small: sealed like every outbox payload so the outbox has one format, but no
    // secret. The event id carries the event's own time, so the hub's order follows the kiosk's.
    Transaction tx(m_db);
    Statement out = m_db.prepare(
        "INSERT INTO outbox(event_id, subject_id, type, payload, state, created_ms) VALUES(?, '', ?, ?, 'pending', ?)");
    for (core::analytics::Event e : events) {
        if (e.kiosk.empty()) e.kiosk = m_kioskId;
        if (!core::analytics::isSessionId(e.session) || e.kiosk != m_kioskId || !core::analytics::isKioskId(e.kiosk) ||
            e.timeS <= 0)
            continue;
        const std::int64_t ms = e.timeS * 1000;
        const std::string eventId = newUuidV7(ms);
        out.reset();
        out.bindAll(eventId, std::string(core::kAnalyticsEvent),
                    seal(m_key, core::analytics::eventToJson(e).dump(), eventContext(eventId)), ms);
        out.run();
    }
    tx.commit();
}

size_t KioskStore::pendingAnalyticsCount() {
    return static_cast<size_t>(
        m_db.queryInt("SELECT count(*) FROM outbox WHERE state='pending' AND type='analytics.event'").value_or(0));
}

StoredBooking KioskStore::readBooking(Statement& s) {
    StoredBooking sb;
    core::Booking& b = sb.booking;
    b.id = s.text(0);
    b.model = s.text(1);
    b.trim = s.text(2);
    b.mode = s.text(3) == "queue" ? core::BookingMode::Queue : core::BookingMode::Slot;
    b.slot = s.text(4);
    b.queueDate = s.text(5);
    b.queuePlace = static_cast<int>(s.integer(6));
    sb.localStatus = statusOr(s.text(7), core::BookingStatus::Requested);
    sb.status = statusOr(s.text(8), core::BookingStatus::Requested);
    b.viaAllocation = s.integer(9) != 0;
    b.licenceConfirmed = s.integer(10) != 0;
    b.consent.version = s.text(11);
    b.consent.contactPermission = s.integer(12) != 0;
    b.configCode = s.text(13);
    if (!s.isNull(14)) {
        auto plain = open(m_key, s.blob(14), personalContext(b.id));
        if (!plain) throw StoreError("personal fields of a booking fail to decrypt (wrong key or tampered row)");
        const Json p = Json::parse(*plain);
        b.name = p.value("name", "");
        b.mobile = p.value("mobile", "");
        b.email = p.value("email", "");
    }
    b.createdMs = s.integer(15);
    b.kioskId = m_kioskId;
    sb.ackedMs = s.isNull(16) ? 0 : s.integer(16);
    sb.purged = !s.isNull(17);
    sb.alternativeSlot = s.text(18);
    sb.waitlistPlace = static_cast<int>(s.integer(19));
    sb.rejectField = s.text(20);
    sb.rejectReason = s.text(21);
    sb.estimatedWaitMinutes = static_cast<int>(s.integer(22));
    return sb;
}

std::optional<StoredBooking> KioskStore::findBooking(const std::string& bookingId) {
    Statement s = m_db.prepare(std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE booking_id = ?");
    s.bind(1, bookingId);
    if (!s.step()) return std::nullopt;
    return readBooking(s);
}

std::vector<StoredBooking> KioskStore::bookings() {
    std::vector<StoredBooking> out;
    Statement s = m_db.prepare(std::string("SELECT ") + kBookingColumns + " FROM bookings ORDER BY created_ms, booking_id");
    while (s.step()) out.push_back(readBooking(s));
    return out;
}

std::vector<OutboxEntry> KioskStore::outbox(size_t limit, bool pendingOnly) {
    std::vector<OutboxEntry> out;
    Statement s = m_db.prepare(
        std::string("SELECT o.seq, o.event_id, o.subject_id, o.state, o.attempts, o.created_ms, "
                    "coalesce(o.acked_ms, 0), o.outcome, coalesce(b.model, s.model, ''), "
                    "coalesce(b.slot || b.queue_date, s.preferred_date, ''), coalesce(b.status, s.status, ''), o.type "
                    "FROM outbox o LEFT JOIN bookings b ON b.booking_id = o.subject_id "
                    "LEFT JOIN surveys s ON s.survey_id = o.subject_id ") +
        (pendingOnly ? "WHERE o.state='pending' " : "") + "ORDER BY o.seq LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(limit));
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.integer(4)), s.integer(5),
                       s.integer(6), s.text(7), s.text(8), s.text(9), s.text(10), s.text(11)});
    return out;
}

size_t KioskStore::pendingCount() {
    return static_cast<size_t>(m_db.queryInt("SELECT count(*) FROM outbox WHERE state='pending'").value_or(0));
}

std::vector<SlotView> KioskStore::slotsForDay(const core::Catalog& catalog, const core::BookingSettings& settings,
                                              const std::string& model, const core::LocalDate& date) {
    std::vector<SlotView> out;
    Statement hub = m_db.prepare("SELECT capacity, confirmed FROM hub_slots WHERE slot_key = ?");
    Statement alloc = m_db.prepare("SELECT granted - used FROM allocations WHERE slot_key = ?");
    for (const auto& slot : core::slotsForDay(settings, date)) {
        SlotView v{slot, core::slotCapacity(catalog, model), -1, 0};
        const std::string key = core::slotKey(model, slot);
        hub.reset();
        hub.bind(1, key);
        if (hub.step()) {
            v.capacity = static_cast<int>(hub.integer(0));
            v.hubConfirmed = static_cast<int>(hub.integer(1));
        }
        alloc.reset();
        alloc.bind(1, key);
        if (alloc.step()) v.allocationLeft = std::max(0, static_cast<int>(alloc.integer(0)));
        out.push_back(v);
    }
    return out;
}

std::vector<core::PushEvent> KioskStore::pendingEvents(size_t limit) {
    std::vector<core::PushEvent> out;
    Statement s = m_db.prepare("SELECT event_id, type, payload FROM outbox WHERE state='pending' ORDER BY seq LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(limit));
    while (s.step()) {
        core::PushEvent e;
        e.eventId = s.text(0);
        e.type = s.text(1);
        auto plain = open(m_key, s.blob(2), eventContext(e.eventId));
        if (!plain) throw StoreError("an outbox event fails to decrypt (wrong key or tampered row)");
        core::FieldErrors errors;
        const Json payload = Json::parse(*plain);
        if (e.type == core::kSurveyCreate) {
            e.survey = core::charging::surveyBookingFromJson(payload, errors);
            if (!e.survey) throw StoreError("an outbox event holds an unreadable survey");
        } else if (e.type == core::kAnalyticsEvent) {
            core::analytics::EventView view;
            std::string error;
            const std::string line = payload.dump();
            if (!core::analytics::parseEventLine(line, view, error))
                throw StoreError("an outbox event holds an unreadable analytics event");
            e.analytics = core::analytics::eventFromView(view);
        } else {
            auto b = core::bookingFromJson(payload, errors);
            if (!b) throw StoreError("an outbox event holds an unreadable booking");
            e.booking = std::move(*b);
        }
        out.push_back(std::move(e));
    }
    return out;
}

void KioskStore::noteAttempt(const std::vector<core::PushEvent>& events, std::int64_t nowMs) {
    Transaction tx(m_db);
    Statement s = m_db.prepare("UPDATE outbox SET attempts = attempts + 1, last_attempt_ms = ? WHERE event_id = ?");
    for (const auto& e : events) {
        s.reset();
        s.bindAll(nowMs, e.eventId);
        s.run();
    }
    tx.commit();
}

std::vector<BookingUpdate> KioskStore::applyPushResults(const std::vector<core::EventResult>& results,
                                                        std::int64_t nowMs) {
    std::vector<BookingUpdate> updates;
    Transaction tx(m_db);
    Statement find = m_db.prepare("SELECT subject_id, type FROM outbox WHERE event_id = ? AND state = 'pending'");
    Statement setSurvey = m_db.prepare(
        "UPDATE surveys SET status = ?, reject_field = ?, reject_reason = ?, acked_ms = ? WHERE survey_id = ?");
    Statement ack = m_db.prepare(
        "UPDATE outbox SET state = ?, payload = NULL, acked_ms = ?, outcome = ? WHERE event_id = ?");
    Statement setBooking = m_db.prepare(
        "UPDATE bookings SET status = ?, alternative_slot = ?, waitlist_place = ?, "
        "queue_place = CASE WHEN ? > 0 THEN ? ELSE queue_place END, slot = CASE WHEN ? <> '' THEN ? ELSE slot END, "
        "reject_field = ?, reject_reason = ?, acked_ms = ? WHERE booking_id = ?");
    for (const auto& r : results) {
        if (r.outcome == core::EventOutcome::Retry) continue;
        find.reset();
        find.bind(1, r.eventId);
        if (!find.step()) continue;  // unknown or already acknowledged: applying twice changes nothing
        const std::string bookingId = find.text(0), type = find.text(1);
        const bool rejected = r.outcome == core::EventOutcome::Rejected ||
                              (r.outcome == core::EventOutcome::Duplicate && r.original == core::EventOutcome::Rejected);
        if (type != core::kBookingCreate) {
            if (!rejected && type == core::kSurveyCreate && !r.survey) continue;  // not an acknowledgement
            ack.reset();
            ack.bindAll(std::string(rejected ? "rejected" : "acked"), nowMs, std::string(core::toString(r.outcome)), r.eventId);
            ack.run();
            if (type == core::kSurveyCreate) {
                setSurvey.reset();
                setSurvey.bindAll(rejected ? std::string("rejected") : r.survey->status, rejected ? r.field : std::string(),
                                  rejected ? r.reason : std::string(), nowMs, bookingId);
                setSurvey.run();
            }
            continue;
        }
        BookingUpdate u;
        u.bookingId = bookingId;
        if (rejected) {
            u.status = core::BookingStatus::Rejected;
            u.rejectField = r.field;
            u.rejectReason = r.reason;
        } else if (r.booking) {
            u.status = r.booking->status;
            u.alternativeSlot = r.booking->alternativeSlot;
            u.waitlistPlace = r.booking->waitlistPlace;
            u.queuePlace = r.booking->queuePlace;
        } else {
            continue;  // an acknowledgement without the hub's booking is not one
        }
        const std::string slot = r.booking ? r.booking->slot : "";
        ack.reset();
        ack.bindAll(std::string(rejected ? "rejected" : "acked"), nowMs, std::string(core::toString(r.outcome)), r.eventId);
        ack.run();
        setBooking.reset();
        setBooking.bindAll(std::string(core::toString(u.status)), u.alternativeSlot, u.waitlistPlace, u.queuePlace,
                           u.queuePlace, slot, slot, u.rejectField, u.rejectReason, nowMs, bookingId);
        setBooking.run();
        updates.push_back(std::move(u));
    }
    tx.commit();
    return updates;
}

std::int64_t KioskStore::pullCursor() {
    Statement s = m_db.prepare("SELECT value FROM sync_state WHERE key='pull_cursor'");
    return s.step() ? s.integer(0) : 0;
}

bool KioskStore::applyPullPage(const core::PullPage& page, std::vector<BookingUpdate>& updates) {
    Transaction tx(m_db);
    if (pullCursor() != page.cursor || page.nextCursor < page.cursor) return false;
    Statement slot = m_db.prepare(
        "INSERT INTO hub_slots(slot_key, capacity, confirmed) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(slot_key) DO UPDATE SET capacity = ?2, confirmed = ?3");
    Statement hubBooking = m_db.prepare(
        "INSERT INTO hub_bookings(booking_id, model, slot, queue_date, queue_place, status, kiosk_id) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(booking_id) DO UPDATE SET model=?2, slot=?3, queue_date=?4, "
        "queue_place=?5, status=?6, kiosk_id=?7");
    Statement own = m_db.prepare(
        "UPDATE bookings SET status = ?2, slot = CASE WHEN mode='slot' AND ?3 <> '' THEN ?3 ELSE slot END, "
        "alternative_slot = ?4, waitlist_place = ?5, queue_place = CASE WHEN ?6 > 0 THEN ?6 ELSE queue_place END "
        "WHERE booking_id = ?1 AND (status <> ?2 OR slot <> ?3 OR queue_place <> ?6) AND acked_ms IS NOT NULL");
    Statement fleet = m_db.prepare(
        "INSERT INTO fleet(vehicle_id, model, status) VALUES(?1,?2,?3) "
        "ON CONFLICT(vehicle_id) DO UPDATE SET model=?2, status=?3");
    Statement alloc = m_db.prepare(
        "INSERT INTO allocations(slot_key, granted, used) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(slot_key) DO UPDATE SET granted = ?2, used = max(used, ?3)");
    for (const auto& c : page.changes) {
        const Json& d = c.data;
        if (!d.is_object()) continue;
        if (c.kind == "slot") {
            slot.reset();
            slot.bindAll(c.key, d.value("capacity", 0), d.value("confirmed", 0));
            slot.run();
        } else if (c.kind == "booking") {
            const auto hb = core::parseHubBooking(d);
            if (!hb) continue;
            hubBooking.reset();
            hubBooking.bindAll(hb->bookingId, hb->model, hb->slot, hb->queueDate, hb->queuePlace,
                               std::string(core::toString(hb->status)), hb->kioskId);
            hubBooking.run();
            if (hb->kioskId == m_kioskId) {
                own.reset();
                own.bindAll(hb->bookingId, std::string(core::toString(hb->status)), hb->slot, hb->alternativeSlot,
                            hb->waitlistPlace, hb->queuePlace);
                own.run();
                if (m_db.changes() > 0)
                    updates.push_back({hb->bookingId, hb->status, hb->alternativeSlot, hb->waitlistPlace, hb->queuePlace, "", ""});
            }
        } else if (c.kind == "fleet") {
            fleet.reset();
            fleet.bindAll(c.key, d.value("model", ""), d.value("status", ""));
            fleet.run();
        } else if (c.kind == "allocation") {
            if (d.value("kiosk_id", "") != m_kioskId) continue;
            alloc.reset();
            alloc.bindAll(c.key, d.value("granted", 0), d.value("used", 0));
            alloc.run();
        }
    }
    m_db.prepare("INSERT INTO sync_state(key, value) VALUES('pull_cursor', ?1) "
                 "ON CONFLICT(key) DO UPDATE SET value = ?1")
        .bind(1, page.nextCursor)
        .run();
    tx.commit();
    return true;
}

void KioskStore::applyAllocations(const std::vector<core::AllocationGrant>& grants) {
    Transaction tx(m_db);
    Statement alloc = m_db.prepare(
        "INSERT INTO allocations(slot_key, granted, used) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(slot_key) DO UPDATE SET granted = ?2, used = max(used, ?3)");
    for (const auto& g : grants) {
        alloc.reset();
        alloc.bindAll(g.slotKey, g.granted, g.used);
        alloc.run();
    }
    tx.commit();
}

size_t KioskStore::purge(std::int64_t nowMs, int retentionDays) {
    const std::int64_t cutoff = nowMs - static_cast<std::int64_t>(retentionDays) * 86'400'000;
    Transaction tx(m_db);
    Statement wipe = m_db.prepare(
        "UPDATE bookings SET personal = NULL, purged_ms = ?1 "
        "WHERE personal IS NOT NULL AND acked_ms IS NOT NULL AND acked_ms <= ?2");
    wipe.bindAll(nowMs, cutoff);
    wipe.run();
    auto purged = static_cast<size_t>(m_db.changes());
    Statement wipeSurveys = m_db.prepare(
        "UPDATE surveys SET personal = NULL, purged_ms = ?1 "
        "WHERE personal IS NOT NULL AND acked_ms IS NOT NULL AND acked_ms <= ?2");
    wipeSurveys.bindAll(nowMs, cutoff);
    wipeSurveys.run();
    purged += static_cast<size_t>(m_db.changes());
    Statement drop = m_db.prepare("DELETE FROM outbox WHERE state <> 'pending' AND (acked_ms <= ? OR type = 'analytics.event')");
    drop.bind(1, cutoff);
    drop.run();
    tx.commit();
    // secure_delete zeroes freed pages in the database; the WAL still holds old page images until
    // it is checkpointed and truncated.
    if (purged > 0) m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return purged;
}

std::string KioskStore::integrityCheck() { return m_db.queryText("PRAGMA integrity_check").value_or("no answer"); }

core::StoreHealth KioskStore::health() {
    try {
        if (sqlite3_db_readonly(m_db.handle(), "main") == 1)
            return {false, "the booking database " + m_db.path() + " is read-only: new bookings cannot be saved"};
        const std::string check = m_db.queryText("PRAGMA quick_check").value_or("no answer");
        if (check != "ok") return {false, "the booking database " + m_db.path() + " is damaged: " + check};
        return {true, ""};
    } catch (const std::exception& e) {
        return {false, "the booking database " + m_db.path() + " cannot be read: " + e.what()};
    }
}

}  // namespace store
