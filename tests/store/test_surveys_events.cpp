// KioskStore, schema 2: site surveys and analytics events beside test drives in one outbox; the
// migration of a version-1 kiosk database in the field.
#include <catch2/catch.hpp>

#include "store/KioskStore.h"
#include "store/StoreTestSupport.h"

using namespace testing_store;

namespace {

std::vector<std::string> fields(const core::FieldErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

// The schema version 1 as shipped (a copy: the store's migration list must never change it).
const char* const kVersion1 = R"SQL(
CREATE TABLE bookings(
  booking_id TEXT PRIMARY KEY, model TEXT NOT NULL, trim TEXT NOT NULL, mode TEXT NOT NULL, slot TEXT NOT NULL,
  queue_date TEXT NOT NULL, queue_place INTEGER NOT NULL DEFAULT 0, local_status TEXT NOT NULL, status TEXT NOT NULL,
  via_allocation INTEGER NOT NULL, licence_confirmed INTEGER NOT NULL, consent_version TEXT NOT NULL,
  contact_permission INTEGER NOT NULL, config_code TEXT NOT NULL, personal BLOB, created_ms INTEGER NOT NULL,
  acked_ms INTEGER, purged_ms INTEGER, alternative_slot TEXT NOT NULL DEFAULT '', waitlist_place INTEGER NOT NULL DEFAULT 0,
  reject_field TEXT NOT NULL DEFAULT '', reject_reason TEXT NOT NULL DEFAULT '', wait_minutes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
  booking_id TEXT NOT NULL REFERENCES bookings(booking_id), type TEXT NOT NULL, payload BLOB, state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL, last_attempt_ms INTEGER, acked_ms INTEGER,
  outcome TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE TABLE sync_state(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE allocations(slot_key TEXT PRIMARY KEY, granted INTEGER NOT NULL, used INTEGER NOT NULL);
CREATE TABLE hub_slots(slot_key TEXT PRIMARY KEY, capacity INTEGER NOT NULL, confirmed INTEGER NOT NULL);
CREATE TABLE hub_bookings(booking_id TEXT PRIMARY KEY, model TEXT NOT NULL, slot TEXT NOT NULL,
  queue_date TEXT NOT NULL, queue_place INTEGER NOT NULL, status TEXT NOT NULL, kiosk_id TEXT NOT NULL);
CREATE TABLE fleet(vehicle_id TEXT PRIMARY KEY, model TEXT NOT NULL, status TEXT NOT NULL);
PRAGMA user_version=1;
)SQL";

// Writes one booking the way version 1 did: its row and its outbox event (acknowledged or pending).
void insertV1Booking(store::Database& db, const store::SecretKey& key, const core::Booking& b, const std::string& eventId,
                     bool acked) {
    const nlohmann::json personal = {{"name", b.name}, {"mobile", b.mobile}, {"email", b.email}};
    auto ins = db.prepare(
        "INSERT INTO bookings(booking_id, model, trim, mode, slot, queue_date, local_status, status, via_allocation, "
        "licence_confirmed, consent_version, contact_permission, config_code, personal, created_ms, acked_ms) "
        "VALUES(?,?,?,'slot',?,'','requested',?,0,1,?,0,'',?,?,?)");
    ins.bindAll(b.id, b.model, b.trim, b.slot, std::string(acked ? "confirmed" : "requested"), b.consent.version,
                store::seal(key, personal.dump(), "booking:" + b.id), b.createdMs, acked ? b.createdMs + 5 : std::int64_t{0});
    ins.run();
    if (!acked) db.exec("UPDATE bookings SET acked_ms = NULL WHERE booking_id = '" + b.id + "'");
    auto out = db.prepare(
        "INSERT INTO outbox(event_id, booking_id, type, payload, state, created_ms, acked_ms, outcome) "
        "VALUES(?,?,'booking.create',?,?,?,?,?)");
    out.bindAll(eventId, b.id, acked ? store::Blob{} : store::seal(key, core::bookingToJson(b).dump(), "event:" + eventId),
                std::string(acked ? "acked" : "pending"), b.createdMs, acked ? b.createdMs + 5 : std::int64_t{0},
                std::string(acked ? "applied" : ""));
    out.run();
}

}  // namespace

TEST_CASE("a site survey commits with its outbox event and reads back, and personal fields are encrypted at rest") {
    TempDir dir;
    const auto& c = content();
    {
        auto s = openStore(dir);
        auto r = s.bookSurvey(surveyDraft("Zhang Wei", "138 0013 8000", "Riverside Gardens"), c.catalog, charging(), today(),
                              kNowMs);
        INFO((r.errors.empty() ? "" : r.errors.front().field));
        REQUIRE(r.ok());
        CHECK(r.survey->status == "requested");
        CHECK(core::isUuid(r.survey->survey.id, true));
        CHECK(r.survey->survey.kioskId == "kiosk-a");
        CHECK(r.survey->survey.mobile == "+8613800138000");
        CHECK(s.pendingCount() == 1);
        auto all = s.surveys();
        REQUIRE(all.size() == 1);
        CHECK(all[0].survey.name == "Zhang Wei");
        CHECK(all[0].survey.district == "Riverside Gardens");
        CHECK(core::charging::surveyBookingToJson(all[0].survey) == core::charging::surveyBookingToJson(r.survey->survey));
        auto events = s.pendingEvents(10);
        REQUIRE(events.size() == 1);
        CHECK(events[0].type == "survey.create");
        REQUIRE(events[0].survey);
        CHECK(events[0].survey->id == r.survey->survey.id);
        auto box = s.outbox();
        REQUIRE(box.size() == 1);
        CHECK(box[0].type == "survey.create");
        CHECK(box[0].bookingId == r.survey->survey.id);
        CHECK(box[0].model == "heron");
    }
    for (const char* f : {"kiosk.db", "kiosk.db-wal"}) {
        const std::string bytes = slurpFile(dir.file(f));
        CHECK(bytes.find("Zhang Wei") == std::string::npos);
        CHECK(bytes.find("13800138000") == std::string::npos);
        CHECK(bytes.find("Riverside") == std::string::npos);
    }
}

TEST_CASE("invalid survey drafts are refused naming the field and nothing is written") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto d = surveyDraft("Zhang Wei", "12345");
    CHECK(fields(s.bookSurvey(d, c.catalog, charging(), today(), kNowMs).errors) == std::vector<std::string>{"mobile"});
    d = surveyDraft("Zhang Wei", "13800138000");
    d.parking = "shared_parking";
    CHECK(fields(s.bookSurvey(d, c.catalog, charging(), today(), kNowMs).errors) == std::vector<std::string>{"parking"});
    d = surveyDraft("Zhang Wei", "13800138000");
    d.preferredDate = today().toString();  // inside the lead time
    CHECK(fields(s.bookSurvey(d, c.catalog, charging(), today(), kNowMs).errors) == std::vector<std::string>{"preferred_date"});
    d = surveyDraft("Zhang\u200bWei", "13800138000");
    CHECK(fields(s.bookSurvey(d, c.catalog, charging(), today(), kNowMs).errors) == std::vector<std::string>{"name"});
    CHECK(s.surveys().empty());
    CHECK(s.pendingCount() == 0);
}

TEST_CASE("hub answers for surveys and analytics events are recorded, and purge wipes surveys and drops analytics rows") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto r = s.bookSurvey(surveyDraft("李娜", "13900139000"), c.catalog, charging(), today(), kNowMs);
    REQUIRE(r.ok());
    auto rejectMe = s.bookSurvey(surveyDraft("Li Na", "13900139001"), c.catalog, charging(), today(), kNowMs);
    REQUIRE(rejectMe.ok());
    s.recordEvents({modelViewed(sessionId(1), "kiosk-a", 1), modelViewed(sessionId(1), "", 2)});
    CHECK(s.pendingAnalyticsCount() == 2);
    auto events = s.pendingEvents(10);
    REQUIRE(events.size() == 4);
    std::vector<core::EventResult> results;
    for (const auto& e : events) {
        core::EventResult res;
        res.eventId = e.eventId;
        res.outcome = core::EventOutcome::Applied;
        if (e.survey && e.survey->id == rejectMe.survey->survey.id) {
            res.outcome = core::EventOutcome::Rejected;
            res.field = "wallbox";
            res.reason = "wallbox is not on offer";
        } else if (e.survey) {
            res.survey = core::HubSurvey{e.survey->id, "requested", e.survey->preferredDate, "kiosk-a"};
        }
        results.push_back(res);
    }
    CHECK(s.applyPushResults(results, kNowMs + 10).empty());  // no booking changed
    CHECK(s.applyPushResults(results, kNowMs + 20).empty());  // twice: nothing changes
    CHECK(s.pendingCount() == 0);
    CHECK(s.pendingAnalyticsCount() == 0);
    auto all = s.surveys();
    REQUIRE(all.size() == 2);
    CHECK(all[0].status == "requested");
    CHECK(all[0].ackedMs == kNowMs + 10);
    CHECK(all[1].status == "rejected");
    CHECK(all[1].rejectField == "wallbox");
    // Acknowledged analytics rows go at the next purge; surveys keep personal data until retention.
    const std::int64_t day = 86'400'000;
    CHECK(s.purge(kNowMs + day, 30) == 0);
    for (const auto& o : s.outbox()) CHECK(o.type == "survey.create");
    CHECK(s.outbox().size() == 2);
    CHECK(s.surveys()[0].survey.name == "李娜");
    CHECK(s.purge(kNowMs + 31 * day, 30) == 2);
    for (const auto& sv : s.surveys()) {
        CHECK(sv.purged);
        CHECK(sv.survey.name.empty());
        CHECK(sv.survey.mobile.empty());
        CHECK(sv.survey.preferredDate == r.survey->survey.preferredDate);  // what is not personal stays
    }
    CHECK(s.outbox().empty());
    CHECK(slurpFile(dir.file("kiosk.db")).find("13900139000") == std::string::npos);
}

TEST_CASE("recordEvents: one transaction, an event id each, and pendingEvents keeps commit order across kinds") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto b1 = s.bookTestDrive(draft("Zhang Wei", "13800138000", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs);
    REQUIRE(b1.ok());
    s.recordEvents({modelViewed(sessionId(2), "kiosk-a", 5), modelViewed(sessionId(2), "kiosk-a", 6, "crane")});
    auto sv = s.bookSurvey(surveyDraft("Zhang Wei", "13800138000"), c.catalog, charging(), today(), kNowMs + 1);
    REQUIRE(sv.ok());
    // Not recorded: another kiosk's id, a session id that is not 22 letters (a phone number), no time.
    auto bad = modelViewed("13800138000", "kiosk-a", 7);
    auto other = modelViewed(sessionId(3), "kiosk-b", 7);
    auto noTime = modelViewed(sessionId(3), "kiosk-a", 0);
    noTime.timeS = 0;
    s.recordEvents({bad, other, noTime, modelViewed(sessionId(3), "", 8)});
    auto events = s.pendingEvents(100);
    REQUIRE(events.size() == 5);
    std::vector<std::string> types;
    for (const auto& e : events) types.push_back(e.type);
    CHECK(types == std::vector<std::string>{"booking.create", "analytics.event", "analytics.event", "survey.create",
                                            "analytics.event"});
    CHECK(events[0].booking.id == b1.booking->booking.id);
    REQUIRE(events[2].analytics);
    CHECK(events[2].analytics->model == "crane");
    CHECK(events[4].analytics->kiosk == "kiosk-a");
    std::set<std::string> ids;
    for (const auto& e : events) {
        CHECK(core::isUuid(e.eventId, true));
        ids.insert(e.eventId);
    }
    CHECK(ids.size() == 5);
    CHECK(s.pendingAnalyticsCount() == 3);
    CHECK(s.pendingCount() == 5);
    std::vector<std::string> outboxTypes;
    for (const auto& o : s.outbox()) outboxTypes.push_back(o.type);
    CHECK(outboxTypes == types);
    // The wire form of a booking event is unchanged by the new kinds.
    auto wire = core::toJson(core::PushRequest{"kiosk-a", {events[0]}});
    CHECK(wire["events"][0].size() == 3);
    CHECK(wire["events"][0]["booking"] == core::bookingToJson(b1.booking->booking));
}

TEST_CASE("a version-1 kiosk database migrates to version 2 keeping its bookings and outbox") {
    TempDir dir;
    const auto key = store::SecretKey::fromHex(kKeyHex);
    const auto& c = content();
    core::Booking acked = draft("Zhang Wei", "+8613800138000", "heron", kDay + "T10:00");
    acked.id = store::newUuidV7(kNowMs);
    acked.kioskId = "kiosk-a";
    acked.createdMs = kNowMs;
    core::Booking pending = draft("李娜", "+8613900139000", "crane", kDay + "T11:00");
    pending.id = store::newUuidV7(kNowMs + 1);
    pending.kioskId = "kiosk-a";
    pending.createdMs = kNowMs + 1;
    const std::string ackedEvent = store::newUuidV7(kNowMs), pendingEvent = store::newUuidV7(kNowMs + 1);
    {
        store::Database db(dir.file("kiosk.db"));
        db.exec("PRAGMA journal_mode=WAL");
        db.exec(kVersion1);
        insertV1Booking(db, key, acked, ackedEvent, true);
        insertV1Booking(db, key, pending, pendingEvent, false);
    }
    auto s = openStore(dir);
    CHECK(s.schemaVersion() == 2);
    CHECK(s.integrityCheck() == "ok");
    auto bookings = s.bookings();
    REQUIRE(bookings.size() == 2);
    CHECK(bookings[0].booking.name == "Zhang Wei");
    CHECK(bookings[0].ackedMs == kNowMs + 5);
    CHECK(bookings[1].booking.name == "李娜");
    auto box = s.outbox();
    REQUIRE(box.size() == 2);
    CHECK(box[0].eventId == ackedEvent);
    CHECK(box[0].state == "acked");
    CHECK(box[0].type == "booking.create");
    CHECK(box[1].bookingId == pending.id);
    CHECK(box[1].model == "crane");
    auto events = s.pendingEvents(10);
    REQUIRE(events.size() == 1);
    CHECK(events[0].eventId == pendingEvent);
    CHECK(events[0].booking.id == pending.id);
    // New rows follow the migrated ones, of every kind.
    auto sv = s.bookSurvey(surveyDraft("Zhang Wei", "13800138000"), c.catalog, charging(), today(), kNowMs + 2);
    REQUIRE(sv.ok());
    s.recordEvents({modelViewed(sessionId(4), "kiosk-a", 9)});
    box = s.outbox();
    REQUIRE(box.size() == 4);
    CHECK(box[2].seq > box[1].seq);
    CHECK(box[2].type == "survey.create");
    CHECK(box[3].type == "analytics.event");
    CHECK(s.pendingEvents(10).size() == 3);
    // Opening again changes nothing.
    store::KioskStore again(dir.file("kiosk.db"), store::SecretKey::fromHex(kKeyHex), "kiosk-a");
    CHECK(again.schemaVersion() == 2);
    CHECK(again.outbox().size() == 4);
}
