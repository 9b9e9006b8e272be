// Content published from the hub: a real sales-hub process publishes signed content versions
// (`sales-hub content publish`) and kiosks fetch them with the kiosk's own content sync code
// (kiosksync::runContentRound over a contentpack::ContentShelf). Every way a version can fail
// (bad signature, failing the content check, a truncated download, a hub killed mid-download)
// leaves the kiosk on its old content with the reason visible at the hub (`sales-hub content list`),
// and a kill -9 during the switch leaves one complete version.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "contentpack/ContentBundle.h"
#include "contentpack/ContentCheck.h"
#include "contentpack/ContentShelf.h"
#include "hub/SqlBackend.h"
#include "support/Process.h"
#include "support/RunDir.h"
#include "support/TestPaths.h"
#include "sync/ContentSync.h"
#include "sync/CutProxy.h"
#include "sync/HubProcess.h"

namespace {
namespace fs = std::filesystem;
using contentpack::Slot;

constexpr std::int64_t kHeronBaseMinor = 21590000;  // models/heron.json, the first trim

// A copy of the shipped content with the first Heron trim at `priceMinor`.
std::string contentWithHeronPrice(const testing_paths::TempDir& dir, const std::string& name, std::int64_t priceMinor) {
    const fs::path folder = fs::path(dir.path()) / name;
    fs::copy(testing_paths::contentDir(), folder, fs::copy_options::recursive);
    const fs::path heron = folder / "models/heron.json";
    std::string text = testing_process::slurp(heron.string());
    const std::string before = "\"base_price_minor\": " + std::to_string(kHeronBaseMinor);
    const auto at = text.find(before);
    REQUIRE(at != std::string::npos);
    text.replace(at, before.size(), "\"base_price_minor\": " + std::to_string(priceMinor));
    std::ofstream(heron, std::ios::binary | std::ios::trunc) << text;
    return folder.string();
}

std::vector<std::string> hubArgs(const testing_hub::HubProcess& hub, std::vector<std::string> argv) {
    argv.insert(argv.end(), {"--data", hub.dataDir(), "--content", testing_paths::contentDir()});
    argv.insert(argv.end(), hub.databaseArgs().begin(), hub.databaseArgs().end());
    return argv;
}

testing_process::Result publish(const testing_hub::HubProcess& hub, const std::string& folder,
                                const std::vector<std::string>& extra = {}) {
    auto argv = hubArgs(hub, {SALES_HUB_PATH, "content", "publish", folder});
    argv.insert(argv.end(), extra.begin(), extra.end());
    return testing_process::run(argv);
}

std::string publicKey(const testing_hub::HubProcess& hub, const std::vector<std::string>& extra = {}) {
    auto argv = hubArgs(hub, {SALES_HUB_PATH, "content", "public-key"});
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto r = testing_process::run(argv);
    REQUIRE(r.exitCode == 0);
    std::string key = r.out;
    while (!key.empty() && key.back() == '\n') key.pop_back();
    REQUIRE(key.size() == 64);
    return key;
}

std::string contentList(const testing_hub::HubProcess& hub) {
    auto r = testing_process::run(hubArgs(hub, {SALES_HUB_PATH, "content", "list"}));
    REQUIRE(r.exitCode == 0);
    return r.out;
}

// "2026.11.0-r1" from "sales-hub: published content version 2026.11.0-r1 (...)".
std::string publishedVersion(const testing_process::Result& r) {
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex("published content version ([A-Za-z0-9._-]+)")));
    return m[1];
}

// One kiosk: its shelf folder and the content sync code the kiosk's sync worker runs.
struct Kiosk {
    Kiosk(const std::string& id, const std::string& url, const std::string& token, std::string key)
        : kioskId(id), publicKeyHex(std::move(key)), shelf(fs::path(dir.path()) / "content"),
          client(clientOptions(url, token)) {}
    static kiosksync::ClientOptions clientOptions(const std::string& url, const std::string& token) {
        kiosksync::ClientOptions o;
        o.hubUrl = url;
        o.token = token;
        return o;
    }
    kiosksync::ContentRoundResult sync() { return kiosksync::runContentRound(shelf, client, kioskId, publicKeyHex); }
    // What the kiosk would start on now: the shelf's current version, checked in full.
    std::optional<core::Catalog> running() {
        const auto v = shelf.version(Slot::Current);
        if (!v) return std::nullopt;
        auto check = contentpack::checkContentFolder(shelf.folder(*v).string());
        REQUIRE(check.ok());
        return check.catalog;
    }
    std::string kioskId, publicKeyHex;
    testing_paths::TempDir dir{"kiosk-content"};
    contentpack::ContentShelf shelf;
    kiosksync::ContentClient client;
};

std::int64_t heronBasePrice(const core::Catalog& c) {
    for (const auto& m : c.models)
        if (m.id == "heron") return m.trims.front().basePriceMinor;
    FAIL("no heron in the catalog");
    return 0;
}

// A kiosk running on version `v`, as after a switch between visits.
void runOn(Kiosk& k, const std::string& v) {
    REQUIRE(k.shelf.version(Slot::Next) == v);
    REQUIRE(k.shelf.switchToNext() == v);
}

}  // namespace

TEST_CASE("a price change published at the hub reaches two kiosks, which switch only when told it is between visits",
          "[content]") {
    testing_paths::TempDir work("content-publish");
    testing_hub::HubProcess hub({"kiosk-a", "kiosk-b"});
    const std::string key = publicKey(hub);
    Kiosk a("kiosk-a", hub.url(), hub.token("kiosk-a"), key), b("kiosk-b", hub.url(), hub.token("kiosk-b"), key);

    const auto first = publish(hub, contentWithHeronPrice(work, "v1", kHeronBaseMinor));
    REQUIRE(first.exitCode == 0);
    const std::string v1 = publishedVersion(first);
    CHECK(v1 == "2026.11.0-r1");
    for (Kiosk* k : {&a, &b}) {
        REQUIRE(k->sync().staged == v1);
        runOn(*k, v1);
        CHECK(heronBasePrice(*k->running()) == kHeronBaseMinor);
        CHECK(k->running()->contentVersion == v1);  // what the kiosk reports as its content version
    }

    // The dealer raises the Heron's price by 3,000 yuan.
    const auto second = publish(hub, contentWithHeronPrice(work, "v2", kHeronBaseMinor + 300000));
    REQUIRE(second.exitCode == 0);
    const std::string v2 = publishedVersion(second);
    CHECK(v2 == "2026.11.0-r2");
    for (Kiosk* k : {&a, &b}) {
        REQUIRE(k->sync().staged == v2);
        // Staged, not applied: a visit in progress keeps the price it was shown.
        CHECK(k->shelf.version(Slot::Next) == v2);
        CHECK(heronBasePrice(*k->running()) == kHeronBaseMinor);
        CHECK(k->sync().staged.empty());  // fetched once
    }
    runOn(a, v2);
    CHECK(heronBasePrice(*a.running()) == kHeronBaseMinor + 300000);
    CHECK(heronBasePrice(*b.running()) == kHeronBaseMinor);  // b's visit is still on
    runOn(b, v2);
    CHECK(heronBasePrice(*b.running()) == kHeronBaseMinor + 300000);

    const std::string list = contentList(hub);
    CHECK(list.find(v1) != std::string::npos);
    CHECK(list.find(v2) != std::string::npos);
    CHECK(std::regex_search(list, std::regex("kiosk-a +" + v2 + " +staged")));
    CHECK(std::regex_search(list, std::regex("kiosk-b +" + v2 + " +staged")));
}

TEST_CASE("a version signed with another key is refused: the kiosk stays on its content and the hub shows why",
          "[content]") {
    testing_paths::TempDir work("content-publish");
    testing_hub::HubProcess hub({"kiosk-a"});
    Kiosk k("kiosk-a", hub.url(), hub.token("kiosk-a"), publicKey(hub));
    const auto first = publish(hub, contentWithHeronPrice(work, "v1", kHeronBaseMinor));
    REQUIRE(first.exitCode == 0);
    REQUIRE(k.sync().staged == publishedVersion(first));
    runOn(k, publishedVersion(first));

    const auto forged = publish(hub, contentWithHeronPrice(work, "v2", 1), {"--signing-key", work.file("other.key")});
    REQUIRE(forged.exitCode == 0);
    const auto r = k.sync();
    CHECK(r.staged.empty());
    CHECK(r.refused == publishedVersion(forged));
    CHECK(k.shelf.version(Slot::Current) == publishedVersion(first));
    CHECK_FALSE(k.shelf.version(Slot::Next));
    CHECK(heronBasePrice(*k.running()) == kHeronBaseMinor);
    CHECK(std::regex_search(contentList(hub), std::regex("kiosk-a +" + publishedVersion(forged) + " +refused +bad signature")));
    CHECK(k.sync().refused.empty());  // not fetched again
}

TEST_CASE("a content folder that fails the check is not published, and a signed bundle that fails it is refused",
          "[content][no-pg-rerun]") {
    testing_paths::TempDir work("content-publish");
    testing_hub::HubProcess hub({"kiosk-a"});
    Kiosk k("kiosk-a", hub.url(), hub.token("kiosk-a"), publicKey(hub));
    const auto first = publish(hub, contentWithHeronPrice(work, "v1", kHeronBaseMinor));
    REQUIRE(first.exitCode == 0);
    REQUIRE(k.sync().staged == publishedVersion(first));
    runOn(k, publishedVersion(first));

    // A negative price fails the same check as `kioskctl validate`: refused at the hub, naming the file.
    const std::string bad = contentWithHeronPrice(work, "bad", -5);
    const auto refused = publish(hub, bad);
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("models/heron.json") != std::string::npos);
    CHECK(refused.err.find("not published") != std::string::npos);
    CHECK(contentList(hub).find("-r2") == std::string::npos);
    const auto validate = testing_process::run({KIOSKCTL_PATH, "validate", bad});
    CHECK(validate.exitCode == 1);

    // The same folder signed with the hub's own key (as a publisher that skipped the check would):
    // the kiosk checks again before it stages.
    contentpack::ContentBundle bundle = contentpack::readFolder(bad);
    bundle.version = "2026.11.0-r2";
    const std::string bytes = contentpack::toBytes(bundle);
    const std::string seed = testing_process::slurp(hub.dataDir() + "/content-signing.key").substr(0, 64);
    {
        auto db = hub::openSqlite(hub.dataDir() + "/hub.db");
        db->run("INSERT INTO content_versions(number, version, sha256, signature, size_bytes, source, published_ms, bundle) "
                "VALUES(2, '2026.11.0-r2', ?, ?, ?, 'test', 0, ?)",
                {contentpack::sha256Hex(bytes), contentpack::sign(bytes, seed), static_cast<std::int64_t>(bytes.size()), bytes});
    }
    const auto r = k.sync();
    CHECK(r.refused == "2026.11.0-r2");
    CHECK(k.shelf.version(Slot::Current) == publishedVersion(first));
    CHECK_FALSE(k.shelf.has("2026.11.0-r2"));
    CHECK(std::regex_search(contentList(hub),
                            std::regex("kiosk-a +2026.11.0-r2 +refused +fails the content check: models/heron.json")));
}

TEST_CASE("a truncated download is refused and retried: the kiosk stays on its content and the hub shows why",
          "[content]") {
    testing_paths::TempDir work("content-publish");
    testing_hub::HubProcess hub({"kiosk-a"});
    testing_net::CutProxy proxy(hub.port());
    proxy.setCutting(false);
    Kiosk k("kiosk-a", proxy.url(), hub.token("kiosk-a"), publicKey(hub));
    const auto first = publish(hub, contentWithHeronPrice(work, "v1", kHeronBaseMinor));
    REQUIRE(k.sync().staged == publishedVersion(first));
    runOn(k, publishedVersion(first));

    const auto second = publish(hub, contentWithHeronPrice(work, "v2", kHeronBaseMinor + 100000));
    proxy.setCutting(true);
    const auto r = k.sync();
    CHECK(proxy.cuts() == 1);
    CHECK(r.refused == publishedVersion(second));
    CHECK(k.shelf.version(Slot::Current) == publishedVersion(first));
    CHECK_FALSE(k.shelf.version(Slot::Next));
    CHECK(heronBasePrice(*k.running()) == kHeronBaseMinor);
    CHECK(std::regex_search(contentList(hub),
                            std::regex("kiosk-a +" + publishedVersion(second) + " +refused +truncated download: [0-9]+ of [0-9]+ bytes")));
    // A cut download is not the version's fault: the next sync fetches it again.
    proxy.setCutting(false);
    CHECK(k.sync().staged == publishedVersion(second));
}

TEST_CASE("a hub killed mid-download: the kiosk stays on its content and the hub shows why once it is back",
          "[content]") {
    testing_paths::TempDir work("content-publish");
    testing_hub::HubProcess hub({"kiosk-a"});
    testing_net::CutProxy proxy(hub.port(), [&] { ::kill(hub.pid(), SIGKILL); });
    proxy.setCutting(false);
    Kiosk k("kiosk-a", proxy.url(), hub.token("kiosk-a"), publicKey(hub));
    const auto first = publish(hub, contentWithHeronPrice(work, "v1", kHeronBaseMinor));
    REQUIRE(k.sync().staged == publishedVersion(first));
    runOn(k, publishedVersion(first));

    const auto second = publish(hub, contentWithHeronPrice(work, "v2", kHeronBaseMinor + 100000));
    proxy.setCutting(true);
    const auto r = k.sync();
    REQUIRE(proxy.cuts() == 1);
    CHECK(r.refused == publishedVersion(second));
    CHECK(k.shelf.version(Slot::Current) == publishedVersion(first));
    CHECK(heronBasePrice(*k.running()) == kHeronBaseMinor);
    CHECK(k.shelf.reportPending());  // the hub is dead: the refusal waits

    hub.stop();  // reaps the killed process
    hub.start();
    proxy.setCutting(false);
    CHECK(k.sync().staged == publishedVersion(second));
    CHECK_FALSE(k.shelf.reportPending());
    const std::string list = contentList(hub);
    CHECK(std::regex_search(list, std::regex("kiosk-a +" + publishedVersion(second) + " +refused +truncated download")));
    CHECK(std::regex_search(list, std::regex("kiosk-a +" + publishedVersion(second) + " +staged")));
}

TEST_CASE("kill -9 while staging and switching content: the kiosk starts on one complete version, never a mix",
          "[content][no-pg-rerun]") {
    testing_paths::TempDir work("content-switch");
    const std::string cheap = contentWithHeronPrice(work, "cheap", kHeronBaseMinor);
    const std::string dear = contentWithHeronPrice(work, "dear", kHeronBaseMinor + 500000);
    contentpack::ContentBundle bundles[2] = {contentpack::readFolder(cheap), contentpack::readFolder(dear)};
    const fs::path root = fs::path(work.path()) / "shelf";
    std::mt19937 rng(20261207);
    {
        contentpack::ContentShelf shelf(root);  // the kiosk runs on a first version
        contentpack::ContentBundle first = bundles[0];
        first.version = "first";
        REQUIRE(shelf.stage(first).empty());
        shelf.point(Slot::Next, "first");
        REQUIRE(shelf.switchToNext() == "first");
    }
    int killedMidWay = 0, switched = 0;
    for (int round = 0; round < 12; ++round) {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // The kiosk's side, over and over: stage a new version, point next at it, switch.
            contentpack::ContentShelf shelf(root);
            for (int i = 0;; ++i) {
                contentpack::ContentBundle b = bundles[i % 2];
                b.version = "v" + std::to_string(round) + "-" + std::to_string(i);
                if (!shelf.stage(b, contentpack::StageCheck::AlreadyLoaded).empty()) _exit(3);
                shelf.point(Slot::Next, b.version);
                shelf.switchToNext();
                shelf.prune();
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 1500)(rng)));
        ::kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        killedMidWay += WIFSIGNALED(status);

        contentpack::ContentShelf shelf(root);
        const auto current = shelf.version(Slot::Current);
        REQUIRE(current);
        switched += *current != "first";
        // The current version's files are exactly one bundle's: all cheap or all dear.
        const auto files = contentpack::readFolder(shelf.folder(*current)).files;
        const bool isCheap = files == bundles[0].files, isDear = files == bundles[1].files;
        CHECK((isCheap || isDear));
        const auto check = contentpack::checkContentFolder(shelf.folder(*current).string());
        REQUIRE(check.ok());
        CHECK(heronBasePrice(*check.catalog) == (isCheap ? kHeronBaseMinor : kHeronBaseMinor + 500000));
        // Nothing half-written is left where a kiosk would look.
        for (const auto& entry : fs::directory_iterator(root / "versions")) {
            const auto f = contentpack::readFolder(entry.path()).files;
            CHECK((f == bundles[0].files || f == bundles[1].files));
        }
    }
    CHECK(killedMidWay == 12);
    CHECK(switched > 0);
}
