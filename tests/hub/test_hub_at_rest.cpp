// Personal data at rest at the hub: a real sales-hub (SQLite, or PostgreSQL in the -pg run) with
// an ADF drop-folder CRM takes three bookings; one customer withdraws, one booking passes the
// retention period (sales-hub purge --as-of), one stays live. Then every file under the hub's data
// folder, the drop folder and the hub's log is searched for the customers' names and mobiles:
// none is readable (the live booking's and a live site survey's fields are sealed with the key file; the withdrawn and
// purged ones are erased, their drop-folder lead files overwritten and removed). The same search
// in a control run with --plaintext-personal-data finds the live customer in the database, so
// the search can see what it looks for. On PostgreSQL the database's content is searched through
// a SQLite snapshot of the hub's tables (the server's own files are not the hub's to read).
#include <catch2/catch.hpp>
#include <httplib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "hub/HubTestSupport.h"
#include "store/KioskStore.h"
#include "sync/SyncRound.h"

using namespace testing_hub;
namespace fs = std::filesystem;

namespace {

struct Customer {
    std::string name, mobile;
};
// Distinct enough not to occur anywhere by chance; the mobile is searched without "+86" too.
const Customer kWithdrawn{"Qiao Mingyue", "+8613911112222"};
const Customer kPurged{"Duan Xingchen", "+8613933334444"};
const Customer kLive{"Feng Yunlan", "+8613955556666"};
// A live home-charger site survey (its district is personal too).
const Customer kSurveyed{"Lu Wanqing", "+8613977778888"};
const std::string kDistrict = "Qingshuihe Gardens";

std::vector<std::string> needlesOf(const Customer& c) { return {c.name, c.mobile, c.mobile.substr(3)}; }

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// "file: needle" for every regular file under `dir` holding one of `needles`.
std::vector<std::string> findIn(const fs::path& dir, const std::vector<std::string>& needles) {
    std::vector<std::string> hits;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        const std::string text = readAll(e.path());
        for (const auto& n : needles)
            if (text.find(n) != std::string::npos) hits.push_back(e.path().string() + ": " + n);
    }
    return hits;
}

bool waitUntil(const std::function<bool()>& done, std::chrono::seconds timeout = std::chrono::seconds(20)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? static_cast<unsigned>(st.st_mode & 0777) : 0u;
}

struct RunResult {
    std::vector<std::string> erasedHits;  // the withdrawn and purged customers, anywhere
    std::vector<std::string> liveHits;    // the live customer, in the data folder and the log
    std::string dataDir;
};

RunResult runScenario(bool encrypted) {
    testing_store::TempDir drop("drop"), conf("crm-conf");
    std::ofstream(conf.file("crm.json")) << R"({"adapters": [{"name": "dms", "format": "adf", "folder": ")" << drop.path()
                                         << "\"}]}";
    std::vector<std::string> args = {"--crm", conf.file("crm.json")};
    if (!encrypted) args.push_back("--plaintext-personal-data");
    HubProcess hub({"kiosk-a"}, args);

    // Three bookings from a kiosk, synced; the CRM drop folder receives three lead files.
    testing_store::TempDir kioskDir("kiosk");
    const auto& c = testing_store::content();
    store::KioskStore kiosk(kioskDir.file("kiosk-a.db"), store::SecretKey::fromHex(testing_store::kKeyHex), "kiosk-a");
    const std::string day = testing_store::kDay;
    const auto nextDaySlots = core::slotsForDay(c.settings, core::parseLocalDate(day)->plusDays(1));
    REQUIRE_FALSE(nextDaySlots.empty());
    std::map<std::string, std::string> ids;  // name -> booking id
    for (const auto& [who, slot] : std::vector<std::pair<Customer, std::string>>{
             {kWithdrawn, day + "T10:00"}, {kPurged, day + "T11:00"}, {kLive, nextDaySlots.front()}}) {
        auto r = kiosk.bookTestDrive(testing_store::draft(who.name, who.mobile, "heron", slot), c.catalog, c.settings,
                                     testing_store::kNowMs);
        for (const auto& e : r.errors) UNSCOPED_INFO(slot << ": " << e.field << " " << e.code);
        REQUIRE(r.ok());
        ids[who.name] = r.booking->booking.id;
    }
    // On the live booking's day: past the purge's cutoff like it.
    auto surveyDraft = testing_store::surveyDraft(kSurveyed.name, kSurveyed.mobile, kDistrict);
    surveyDraft.preferredDate = core::parseLocalDate(day)->plusDays(1).toString();
    const auto survey = kiosk.bookSurvey(surveyDraft, c.catalog, testing_store::charging(), testing_store::today(),
                                         testing_store::kNowMs);
    for (const auto& e : survey.errors) UNSCOPED_INFO("survey: " << e.field << " " << e.code);
    REQUIRE(survey.ok());
    kiosksync::SyncClient client({hub.url(), hub.token("kiosk-a"), 2000, 10000, ""});
    auto round = kiosksync::runSyncRound(kiosk, client, {}, testing_store::kNowMs);
    INFO(round.error);
    REQUIRE(round.ok);
    const auto dropFile = [&](const Customer& who, const std::string& suffix = "") {
        return fs::path(drop.path()) / (ids[who.name] + suffix + ".xml");
    };
    REQUIRE(waitUntil([&] { return fs::exists(dropFile(kWithdrawn)) && fs::exists(dropFile(kPurged)) && fs::exists(dropFile(kLive)); }));
    CHECK(readAll(dropFile(kLive)).find(kLive.name) != std::string::npos);  // the CRM gets the lead itself

    // The customer of the first booking withdraws at the advisor desk: the withdrawal notice
    // replaces the lead file.
    const std::string session = advisorSession(hub, "kiosk-a");
    REQUIRE_FALSE(session.empty());
    httplib::Client http(hub.url());
    auto withdrawn = http.Post(("/v1/advisor/bookings/" + ids[kWithdrawn.name] + "/withdraw").c_str(),
                               {{"Authorization", "Bearer " + session}}, "{}", "application/json");
    REQUIRE(withdrawn);
    REQUIRE(withdrawn->status == 200);
    REQUIRE(waitUntil([&] { return fs::exists(dropFile(kWithdrawn, "-withdrawal")) && !fs::exists(dropFile(kWithdrawn)); }));

    // The second booking passes the retention period (the third, a day later, not yet); the hub
    // removes its lead file when it starts again.
    hub.stop();
    const int retentionDays = hub::loadHubSettings(c.catalog).settings->retentionDays;
    const auto asOf = core::parseLocalDate(day)->plusDays(retentionDays + 1).toString();
    std::vector<std::string> purge = {SALES_HUB_PATH, "purge", "--data", hub.dataDir(), "--as-of", asOf,
                                      "--content", testing_paths::contentDir()};
    purge.insert(purge.end(), hub.databaseArgs().begin(), hub.databaseArgs().end());
    if (!encrypted) purge.push_back("--plaintext-personal-data");
    auto purged = testing_process::run(purge);
    INFO(purged.out << purged.err);
    REQUIRE(purged.exitCode == 0);
    CHECK(purged.out.find("erased personal data of 1 bookings") != std::string::npos);
    hub.start(args);
    CHECK(waitUntil([&] { return !fs::exists(dropFile(kPurged)); }));
    CHECK(fs::exists(dropFile(kLive)));
    hub.stop();

    RunResult result;
    result.dataDir = hub.dataDir();
    (void)hub.dbPath();  // PostgreSQL: a snapshot of the hub's tables into the data folder
    std::vector<std::string> erased = needlesOf(kWithdrawn);
    for (const auto& n : needlesOf(kPurged)) erased.push_back(n);
    for (const auto& dir : {hub.dataDir(), drop.path()})
        for (const auto& h : findIn(dir, erased)) result.erasedHits.push_back(h);
    std::vector<std::string> live = needlesOf(kLive);
    for (const auto& n : needlesOf(kSurveyed)) live.push_back(n);
    live.push_back(kDistrict);
    result.liveHits = findIn(hub.dataDir(), live);
    for (const auto& n : erased)
        if (hub.log().find(n) != std::string::npos) result.erasedHits.push_back("hub log: " + n);
    for (const auto& n : live)
        if (hub.log().find(n) != std::string::npos) result.liveHits.push_back("hub log: " + n);

    if (encrypted && !hub.onPostgres()) {
        CHECK(modeOf(hub.dataDir()) == 0700);
        CHECK(modeOf(fs::path(hub.dataDir()) / "hub.db") == 0600);
        CHECK(modeOf(fs::path(hub.dataDir()) / "hub.key") == 0600);
    }
    if (encrypted) {
        // Another key opens none of it: the hub refuses to start rather than mix keys.
        testing_store::TempDir other("other-key");
        std::ofstream(other.file("k")) << std::string(64, 'a') << "\n";
        fs::permissions(other.file("k"), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
        std::vector<std::string> wrong = {SALES_HUB_PATH, "purge", "--data", hub.dataDir(), "--key-file", other.file("k"),
                                          "--content", testing_paths::contentDir()};
        wrong.insert(wrong.end(), hub.databaseArgs().begin(), hub.databaseArgs().end());
        auto refused = testing_process::run(wrong);
        CHECK(refused.exitCode != 0);
        CHECK(refused.err.find("does not open the personal data") != std::string::npos);
    }
    return result;
}

}  // namespace

TEST_CASE("personal data at rest: after bookings, a withdrawal and a retention purge no name or mobile is readable in the hub's files") {
    const RunResult sealed = runScenario(true);
    INFO("encrypted run, withdrawn/purged customers found: " << sealed.erasedHits.size());
    for (const auto& h : sealed.erasedHits) UNSCOPED_INFO(h);
    for (const auto& h : sealed.liveHits) UNSCOPED_INFO(h);
    CHECK(sealed.erasedHits.empty());
    CHECK(sealed.liveHits.empty());

    // Control: the same run with the personal fields in plain text; the search finds the live
    // customer in the database (and still nothing of the erased ones: secure delete and the
    // drop-folder removal do not depend on the key).
    const RunResult plain = runScenario(false);
    for (const auto& h : plain.erasedHits) UNSCOPED_INFO(h);
    CHECK(plain.erasedHits.empty());
    const std::string found = [&] {
        std::string all;
        for (const auto& h : plain.liveHits) all += h + "\n";
        return all;
    }();
    INFO(found);
    CHECK(found.find(kLive.name) != std::string::npos);
    CHECK(found.find(kSurveyed.name) != std::string::npos);
    CHECK(found.find(kDistrict) != std::string::npos);
}

TEST_CASE("the hub's SQLite connection sets secure_delete itself", "[no-pg-rerun]") {
    StoreUnderTest t;
    REQUIRE(t.store->dialect() == "sqlite");
    auto r = t.store->backend().run("PRAGMA secure_delete", {});
    REQUIRE_FALSE(r.empty());
    CHECK(r.front().integer(0) == 1);
}
