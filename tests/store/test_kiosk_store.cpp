// KioskStore: migrations, durability settings, booking + outbox in one transaction, encryption at
// rest, allocation-backed confirmation, idempotent result and pull application, purge.
#include <catch2/catch.hpp>

#include <filesystem>

#include <sqlite3.h>

#include <cstdlib>
#include <initializer_list>
#include <vector>

#include "store/KioskConfig.h"
#include "store/KioskStore.h"
#include "store/StoreTestSupport.h"

using namespace testing_store;

namespace {

std::string pragma(const std::string& path, const std::string& sql) {
    store::Database db(path);
    return db.queryText(sql).value_or("");
}

// Sets environment variables for one scope and removes them after (the tests never set them
// otherwise).
struct ScopedEnv {
    std::vector<std::string> names;
    ScopedEnv(std::initializer_list<std::pair<const char*, std::string>> vars) {
        for (const auto& [name, value] : vars) {
            ::setenv(name, value.c_str(), 1);
            names.push_back(name);
        }
    }
    ~ScopedEnv() {
        for (const auto& n : names) ::unsetenv(n.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
};

}  // namespace

TEST_CASE("a new database is migrated, in WAL mode") {
    TempDir dir;
    auto s = openStore(dir);
    CHECK(s.schemaVersion() == store::KioskStore::kSchemaVersion);
    CHECK(pragma(s.path(), "PRAGMA journal_mode") == "wal");
    CHECK(s.integrityCheck() == "ok");
}

TEST_CASE("secure_delete: the sealed outbox event of a purged booking leaves no bytes in the database files") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto r = s.bookTestDrive(draft("Zhang Wei", "13800138000", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs);
    REQUIRE(r.ok());
    // The outbox row carries the booking, personal fields included, sealed; purge deletes it once
    // acknowledged. With secure_delete off its bytes stay in the page's free space and this fails
    // (tried with PRAGMA secure_delete=OFF); Debian's SQLite also defaults it on.
    std::string sealed;
    {
        store::Database db(dir.file("kiosk.db"));
        sealed = db.queryText("SELECT hex(payload) FROM outbox WHERE subject_id='" + r.booking->booking.id + "'").value_or("");
    }
    REQUIRE(sealed.size() >= 200);
    std::string probe;  // 24 bytes from the middle of the sealed payload, as raw bytes
    for (size_t i = sealed.size() / 4 * 2; probe.size() < 24; i += 2) probe += static_cast<char>(std::stoi(sealed.substr(i, 2), nullptr, 16));
    // The probe does find it while it is stored (in the database or its WAL).
    REQUIRE((slurpFile(dir.file("kiosk.db")) + slurpFile(dir.file("kiosk.db-wal"))).find(probe) != std::string::npos);
    auto ev = s.pendingEvents(1).at(0);
    core::EventResult res{ev.eventId, core::EventOutcome::Applied, std::nullopt,
                          core::HubBooking{ev.booking.id, core::BookingStatus::Confirmed, "heron", kDay + "T10:00", "", 0, "", 0, "kiosk-a"}, "", ""};
    s.applyPushResults({res}, kNowMs);
    REQUIRE(s.purge(kNowMs + 31 * 86'400'000LL, 30) == 1);
    REQUIRE(s.outbox().empty());
    for (const char* f : {"kiosk.db", "kiosk.db-wal"}) {
        INFO(f);
        CHECK(slurpFile(dir.file(f)).find(probe) == std::string::npos);
    }
}

TEST_CASE("a database from a newer schema version is refused, untouched") {
    TempDir dir;
    { auto s = openStore(dir); }
    { store::Database db(dir.file("kiosk.db")); db.exec("PRAGMA user_version=99"); }
    try {
        openStore(dir);
        FAIL("opened a newer database");
    } catch (const store::StoreError& e) {
        CHECK(std::string(e.what()).find("schema version 99") != std::string::npos);
        CHECK(std::string(e.what()).find("update the kiosk software") != std::string::npos);
    }
    CHECK(pragma(dir.file("kiosk.db"), "PRAGMA user_version") == "99");
}

TEST_CASE("a wrong key is refused at open") {
    TempDir dir;
    { auto s = openStore(dir); }
    CHECK_THROWS_WITH(store::KioskStore(dir.file("kiosk.db"), store::SecretKey::generate(), "kiosk-a"),
                      Catch::Contains("does not match"));
    CHECK_THROWS_WITH(store::SecretKey::fromHex("xyz"), Catch::Contains("64 hexadecimal"));
}

TEST_CASE("booking and outbox event commit together, personal fields are encrypted at rest") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto r = s.bookTestDrive(draft("Zhang Wei", "138 0013 8000", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs);
    REQUIRE(r.ok());
    CHECK(r.booking->status == core::BookingStatus::Requested);  // no allocation held
    CHECK(r.booking->booking.mobile == "+8613800138000");
    CHECK(core::isUuid(r.booking->booking.id, true));
    auto outbox = s.outbox();
    REQUIRE(outbox.size() == 1);
    CHECK(outbox[0].bookingId == r.booking->booking.id);
    CHECK(outbox[0].state == "pending");
    auto events = s.pendingEvents(10);
    REQUIRE(events.size() == 1);
    CHECK(events[0].booking.name == "Zhang Wei");
    CHECK(s.findBooking(r.booking->booking.id)->booking.name == "Zhang Wei");

    // Neither the name nor the number appears anywhere in the files.
    store::Database(dir.file("kiosk.db")).exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (const char* f : {"kiosk.db", "kiosk.db-wal"}) {
        const std::string bytes = slurpFile(dir.file(f));
        CHECK(bytes.find("Zhang Wei") == std::string::npos);
        CHECK(bytes.find("13800138000") == std::string::npos);
    }
}

TEST_CASE("invalid drafts are refused with the field and nothing is written") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto r = s.bookTestDrive(draft("Zhang Wei", "12345", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.front().field == "mobile");
    r = s.bookTestDrive(draft("Anna\tLee", "+447911123456", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.front().field == "name");
    CHECK(s.outbox().empty());
    CHECK(s.bookings().empty());
}

TEST_CASE("an allocation seat confirms offline, beyond it the booking is requested") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    const std::string slot = kDay + "T11:00";
    s.applyAllocations({{core::slotKey("heron", slot), 1, 0}});
    auto a = s.bookTestDrive(draft("李娜", "13900139000", "heron", slot), c.catalog, c.settings, kNowMs);
    auto b = s.bookTestDrive(draft("王芳", "13700137000", "heron", slot), c.catalog, c.settings, kNowMs);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.booking->status == core::BookingStatus::Confirmed);
    CHECK(a.booking->booking.viaAllocation);
    CHECK(b.booking->status == core::BookingStatus::Requested);
    CHECK_FALSE(b.booking->booking.viaAllocation);
    auto view = s.slotsForDay(c.catalog, c.settings, "heron", *core::parseLocalDate(kDay));
    CHECK(view[1].allocationLeft == 0);
}

TEST_CASE("queue bookings get a place and an estimated wait") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    int last = 0;
    std::string lastId;
    for (int i = 0; i < 3; ++i) {
        auto d = draft("Guest", "+447911123456", "lark", "");
        d.mode = core::BookingMode::Queue;
        d.queueDate = kDay;
        auto r = s.bookTestDrive(d, c.catalog, c.settings, kNowMs);
        REQUIRE(r.ok());
        CHECK(r.booking->booking.queuePlace == last + 1);
        last = r.booking->booking.queuePlace;
        lastId = r.booking->booking.id;
    }
    // lark has one demo car: the third in line waits two drives.
    CHECK(s.findBooking(lastId)->estimatedWaitMinutes == 2 * c.settings.averageDriveMinutes);
}

TEST_CASE("push results and pull pages applied twice change nothing") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto r = s.bookTestDrive(draft("Zhang Wei", "13800138000", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs);
    auto ev = s.pendingEvents(1).at(0);
    core::EventResult res;
    res.eventId = ev.eventId;
    res.outcome = core::EventOutcome::Conflict;
    res.booking = core::HubBooking{ev.booking.id, core::BookingStatus::Conflict, "heron", kDay + "T10:00", "", 0,
                                   kDay + "T11:00", 1, "kiosk-a"};
    CHECK(s.applyPushResults({res}, kNowMs).size() == 1);
    CHECK(s.applyPushResults({res}, kNowMs).empty());
    CHECK(s.pendingCount() == 0);
    auto sb = *s.findBooking(ev.booking.id);
    CHECK(sb.status == core::BookingStatus::Conflict);
    CHECK(sb.localStatus == core::BookingStatus::Requested);
    CHECK(sb.alternativeSlot == kDay + "T11:00");

    core::PullPage page;
    page.cursor = 0;
    page.nextCursor = 7;
    page.changes.push_back({5, "slot", "heron@" + kDay + "T10:00", {{"capacity", 2}, {"confirmed", 2}}});
    page.changes.push_back({6, "allocation", "heron@" + kDay + "T12:00", {{"kiosk_id", "kiosk-a"}, {"granted", 1}, {"used", 0}}});
    page.changes.push_back({7, "allocation", "heron@" + kDay + "T13:00", {{"kiosk_id", "kiosk-b"}, {"granted", 1}, {"used", 0}}});
    std::vector<store::BookingUpdate> updates;
    CHECK(s.applyPullPage(page, updates));
    CHECK(s.pullCursor() == 7);
    CHECK_FALSE(s.applyPullPage(page, updates));
    CHECK(s.pullCursor() == 7);
    auto view = s.slotsForDay(c.catalog, c.settings, "heron", *core::parseLocalDate(kDay));
    CHECK(view[0].hubConfirmed == 2);
    CHECK(view[2].allocationLeft == 1);
    CHECK(view[3].allocationLeft == 0);  // another kiosk's grant is not ours
    (void)r;
}

TEST_CASE("personal fields are purged after acknowledgement plus retention") {
    TempDir dir;
    auto s = openStore(dir);
    const auto& c = content();
    auto r1 = s.bookTestDrive(draft("Zhang Wei", "13800138000", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs);
    auto r2 = s.bookTestDrive(draft("Li Na", "13900139000", "heron", kDay + "T11:00"), c.catalog, c.settings, kNowMs);
    auto ev = s.pendingEvents(1).at(0);  // only the first is acknowledged
    core::EventResult res{ev.eventId, core::EventOutcome::Applied, std::nullopt,
                          core::HubBooking{ev.booking.id, core::BookingStatus::Confirmed, "heron", kDay + "T10:00", "", 0, "", 0, "kiosk-a"}, "", ""};
    s.applyPushResults({res}, kNowMs);
    const std::int64_t day = 86'400'000;
    CHECK(s.purge(kNowMs + 29 * day, 30) == 0);
    CHECK(s.purge(kNowMs + 31 * day, 30) == 1);
    auto b1 = *s.findBooking(r1.booking->booking.id);
    CHECK(b1.purged);
    CHECK(b1.booking.name.empty());
    CHECK(b1.booking.mobile.empty());
    CHECK(b1.status == core::BookingStatus::Confirmed);  // the booking itself stays
    CHECK(s.findBooking(r2.booking->booking.id)->booking.name == "Li Na");  // not yet acknowledged: kept
    CHECK(s.pendingCount() == 1);
}

TEST_CASE("kiosk configuration comes from a file and the environment") {
    TempDir dir;
    {
        std::FILE* f = std::fopen(dir.file("kiosk.json").c_str(), "w");
        std::fprintf(f, "{\"kiosk_id\": \"kiosk-a\", \"database\": \"%s\", \"store_key\": \"%s\"}", dir.file("k.db").c_str(),
                     kKeyHex.c_str());
        std::fclose(f);
    }
    std::string error;
    auto c = store::loadKioskConfig(dir.file("kiosk.json"), error);
    REQUIRE(c);
    CHECK_FALSE(c->hasHub());
    CHECK(c->kioskId == "kiosk-a");
    {
        std::FILE* f = std::fopen(dir.file("bad.json").c_str(), "w");
        std::fprintf(f, "{\"kiosk_id\": \"kiosk-a\", \"database\": \"x\", \"store_key\": \"abc\"}");
        std::fclose(f);
    }
    CHECK_FALSE(store::loadKioskConfig(dir.file("bad.json"), error));
    CHECK(error.find("64 hexadecimal") != std::string::npos);
    CHECK(error.find("abc") == std::string::npos);  // the key is never echoed

    // The environment: KIOSK_CONFIG names the file, and each variable wins over the file's value.
    {
        ScopedEnv env({{"KIOSK_CONFIG", dir.file("kiosk.json")}, {"KIOSK_ID", "kiosk-env"}, {"KIOSK_DATABASE", dir.file("env.db")},
                       {"KIOSK_HUB_URL", "http://127.0.0.1:8470"}, {"KIOSK_HUB_TOKEN", "token-from-env"}});
        auto e = store::loadKioskConfig("", error);
        INFO(error);
        REQUIRE(e);
        CHECK(e->kioskId == "kiosk-env");
        CHECK(e->databasePath == dir.file("env.db"));
        CHECK(e->hasHub());
        CHECK(e->hubUrl == "http://127.0.0.1:8470");
        CHECK(e->hubToken == "token-from-env");
        CHECK(e->storeKeyHex == kKeyHex);  // not in the environment: the file's
    }
    {
        // Environment only, with the key from KIOSK_STORE_KEY_FILE; a bad KIOSK_ID is named.
        std::FILE* f = std::fopen(dir.file("store.key").c_str(), "w");
        std::fprintf(f, "%s\n", kKeyHex.c_str());
        std::fclose(f);
        std::filesystem::permissions(dir.file("store.key"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::replace);  // a key readable by others is refused
        ScopedEnv env({{"KIOSK_ID", "kiosk-b"}, {"KIOSK_DATABASE", dir.file("b.db")}, {"KIOSK_STORE_KEY_FILE", dir.file("store.key")}});
        auto e = store::loadKioskConfig("", error);
        INFO(error);
        REQUIRE(e);
        CHECK(e->kioskId == "kiosk-b");
        CHECK(e->storeKeyHex == kKeyHex);
        CHECK_FALSE(e->hasHub());
        ScopedEnv bad({{"KIOSK_ID", "Kiosk B!"}});
        CHECK_FALSE(store::loadKioskConfig("", error));
        CHECK(error.find("KIOSK_ID") != std::string::npos);
    }
}
