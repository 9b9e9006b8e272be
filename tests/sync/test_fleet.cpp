// The hub's fleet list with real kiosks: each kiosk's sync worker reports its status to a real
// sales-hub at the end of every round, and GET /v1/admin/kiosks and `sales-hub kiosks` flag the
// kiosk that stopped syncing and the kiosk whose booking store is damaged, and not the healthy one.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "store/KioskStore.h"
#include "store/StoreTestSupport.h"
#include "support/Process.h"
#include "sync/HubProcess.h"
#include "sync/SyncWorker.h"

using namespace testing_store;
using testing_hub::HubProcess;
using Json = nlohmann::json;

namespace {

const std::string kAdminToken = "fleet-admin-token-0123456789";

// The hub process inherits the admin token from this test's environment.
struct AdminTokenEnv {
    AdminTokenEnv() { setenv("SALES_HUB_ADMIN_TOKEN", kAdminToken.c_str(), 1); }
    ~AdminTokenEnv() { unsetenv("SALES_HUB_ADMIN_TOKEN"); }
};

kiosksync::WorkerOptions workerFor(const HubProcess& hub, const TempDir& dir, const std::string& kiosk) {
    kiosksync::WorkerOptions w;
    w.databasePath = dir.file(kiosk + ".db");
    w.storeKeyHex = kKeyHex;
    w.kioskId = kiosk;
    w.client = {hub.url(), hub.token(kiosk), 1000, 5000, ""};
    w.backoffBaseMs = 50;
    w.backoffCapMs = 300;
    w.idlePollMs = 200;
    w.seed = 7;
    w.softwareVersion = "9.8.7-test";
    w.contentVersion = content().catalog.contentVersion;
    return w;
}

Json adminList(const HubProcess& hub, const std::string& token, int* status = nullptr) {
    httplib::Client client("127.0.0.1", hub.port());
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto res = client.Get("/v1/admin/kiosks", headers);
    REQUIRE(res);
    if (status) *status = res->status;
    return Json::parse(res->body);
}

Json kioskOf(const Json& list, const std::string& id) {
    for (const auto& k : list["kiosks"])
        if (k["kiosk_id"] == id) return k;
    FAIL("kiosk " << id << " is not on the fleet list: " << list.dump());
    return {};
}

std::vector<std::string> flagsOf(const Json& list, const std::string& id) {
    return kioskOf(list, id)["flags"].get<std::vector<std::string>>();
}

bool waitUntil(const std::function<bool()>& pred, int seconds) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace

TEST_CASE("fleet list: a stalled kiosk and a kiosk with a failing store are flagged, a healthy one is not") {
    AdminTokenEnv admin;
    HubProcess hub({"kiosk-a", "kiosk-b", "kiosk-c", "kiosk-d"}, {"--kiosk-stale-seconds", "3"});
    TempDir dir;
    const auto& c = content();
    {
        // kiosk-a has a booking to deliver; kiosk-b starts empty.
        store::KioskStore a(dir.file("kiosk-a.db"), store::SecretKey::fromHex(kKeyHex), "kiosk-a");
        REQUIRE(a.bookTestDrive(draft("王芳", "13900139001", "heron", kDay + "T10:00"), c.catalog, c.settings, kNowMs).ok());
    }
    // kiosk-c's database file is damaged: not a SQLite file at all.
    std::ofstream(dir.file("kiosk-c.db"), std::ios::binary) << std::string(8192, 'x');

    // kiosk-b syncs, then stalls (its worker stops, as when its network or process dies).
    {
        kiosksync::SyncWorker b(workerFor(hub, dir, "kiosk-b"));
        b.start();
        REQUIRE(waitUntil([&] { return kioskOf(adminList(hub, kAdminToken), "kiosk-b")["last_round_ok"] == true; }, 20));
    }
    const auto stalledAt = std::chrono::steady_clock::now();
    kiosksync::SyncWorker a(workerFor(hub, dir, "kiosk-a"));
    kiosksync::SyncWorker broken(workerFor(hub, dir, "kiosk-c"));
    a.start();
    broken.start();
    REQUIRE(waitUntil([&] { return kioskOf(adminList(hub, kAdminToken), "kiosk-c")["reported"] == true; }, 20));
    // Past the stale period for kiosk-b, while kiosk-a keeps syncing.
    std::this_thread::sleep_until(stalledAt + std::chrono::milliseconds(4500));

    const Json list = adminList(hub, kAdminToken);
    INFO(list.dump(2));
    CHECK(list["stale_after_seconds"] == 3);
    CHECK(list["flagged"] == 3);

    const Json ka = kioskOf(list, "kiosk-a");
    CHECK(ka["flags"].empty());
    CHECK(ka["software_version"] == "9.8.7-test");
    CHECK(ka["content_version"] == c.catalog.contentVersion);
    CHECK_FALSE(c.catalog.contentVersion.empty());
    CHECK(ka["outbox_backlog"] == 0);  // the booking was delivered
    CHECK(ka["last_sync_ms"].get<std::int64_t>() > 0);
    CHECK(ka["store"]["status"] == "ok");

    CHECK(flagsOf(list, "kiosk-b") == std::vector<std::string>{"stale"});
    CHECK(kioskOf(list, "kiosk-b")["store"]["status"] == "ok");

    const Json kc = kioskOf(list, "kiosk-c");
    CHECK(flagsOf(list, "kiosk-c") == std::vector<std::string>{"stale", "store_failing"});  // never synced either
    CHECK(kc["store"]["status"] == "failing");
    CHECK(kc["store"]["problem"].get<std::string>().find("not a database") != std::string::npos);
    CHECK(kc["outbox_backlog"] == -1);

    // Registered but never heard from: stale, store unknown.
    CHECK(flagsOf(list, "kiosk-d") == std::vector<std::string>{"stale"});
    CHECK(kioskOf(list, "kiosk-d")["reported"] == false);
    CHECK(kioskOf(list, "kiosk-d")["store"]["status"] == "unknown");

    // The same list from the command line, over the same database.
    const auto kiosks = [&](const std::string& staleSeconds, bool json) {
        std::vector<std::string> argv = {SALES_HUB_PATH, "kiosks", "--data", hub.dataDir(), "--content",
                                         testing_paths::contentDir(), "--kiosk-stale-seconds", staleSeconds};
        if (json) argv.push_back("--json");
        argv.insert(argv.end(), hub.databaseArgs().begin(), hub.databaseArgs().end());
        const auto r = testing_process::run(argv);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        return r.out;
    };
    const Json fromCli = Json::parse(kiosks("3", true));
    CHECK(flagsOf(fromCli, "kiosk-a").empty());
    CHECK(flagsOf(fromCli, "kiosk-b") == std::vector<std::string>{"stale"});
    CHECK(flagsOf(fromCli, "kiosk-c") == std::vector<std::string>{"stale", "store_failing"});
    const std::string table = kiosks("3", false);
    CHECK(table.find("FAILING") != std::string::npos);
    CHECK(table.find("not a database") != std::string::npos);
    // A longer period forgives kiosk-b's pause.
    CHECK(flagsOf(Json::parse(kiosks("600", true)), "kiosk-b").empty());
}

TEST_CASE("fleet list: only the admin token opens it, and a kiosk reports only for itself") {
    AdminTokenEnv admin;
    HubProcess hub({"kiosk-a", "kiosk-b"});
    int status = 0;
    adminList(hub, "", &status);
    CHECK(status == 401);
    adminList(hub, hub.token("kiosk-a"), &status);
    CHECK(status == 401);

    httplib::Client client("127.0.0.1", hub.port());
    client.set_bearer_token_auth(hub.token("kiosk-a"));
    core::KioskStatus s;
    s.kioskId = "kiosk-b";
    s.softwareVersion = "1";
    s.contentVersion = "x";
    auto res = client.Post("/v1/sync/status", core::toJson(s).dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 403);
    Json bad = core::toJson(s);
    bad["kiosk_id"] = "kiosk-a";
    bad["store"] = {{"status", "failing"}};  // a failing store must say why
    res = client.Post("/v1/sync/status", bad.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(Json::parse(res->body)["field"] == "store.problem");
    bad["store"]["problem"] = "disk full";
    bad["extra"] = 1;
    res = client.Post("/v1/sync/status", bad.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(kioskOf(adminList(hub, kAdminToken, &status), "kiosk-a")["reported"] == false);
    CHECK(status == 200);
}

TEST_CASE("sales-hub kiosks refuses a stale period that is not whole seconds, naming the option and the value",
          "[no-pg-rerun]") {
    TempDir dir;
    const auto bad = testing_process::run({SALES_HUB_PATH, "kiosks", "--data", dir.path(), "--kiosk-stale-seconds", "10m"});
    CHECK(bad.exitCode != 0);
    CHECK(bad.err.find("--kiosk-stale-seconds \"10m\"") != std::string::npos);
    const auto unknown = testing_process::run({SALES_HUB_PATH, "kiosks", "--data", dir.path(), "--stale", "60"});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("unknown argument \"--stale\" for kiosks") != std::string::npos);
}
