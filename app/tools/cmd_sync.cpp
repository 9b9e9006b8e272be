// kioskctl sync: force one sync round with the configured hub (push the outbox, pull changes,
// refresh seat allocations). kioskctl sync bench: push throughput and backlog drain time against
// an in-process sales hub on 127.0.0.1.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "Commands.h"
#include "core/ContentLoader.h"
#include "hub/HubServer.h"
#include "store/KioskConfig.h"
#include "store/KioskStore.h"
#include "sync/SyncRound.h"

namespace tools {

store::KioskConfig kioskConfigOrThrow(const Args& args);

namespace {

using Clock = std::chrono::steady_clock;

struct LoadedContent {
    core::Catalog catalog;
    core::BookingSettings settings;
};

LoadedContent loadBookingContent(const Args& args, const std::string& configured, const std::string& configuredMarket) {
    const auto market = core::marketContentDirectory(
        optionValue(args, "--content", configured.empty() ? core::defaultContentDirectory() : configured),
        optionValue(args, "--market", configuredMarket));
    if (!market) throw std::runtime_error(market.error());
    const std::string& dir = *market;
    auto loaded = core::loadContent(dir);
    if (!loaded.ok()) throw std::runtime_error("content in " + dir + " is invalid (kioskctl validate lists why)");
    auto s = core::loadBookingSettings(*loaded.catalog);
    if (!s.settings) throw std::runtime_error("booking content is invalid (kioskctl validate lists why)");
    return {*loaded.catalog, *s.settings};
}

std::int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

int syncBench(const Args& args) {
    const int pushCount = std::stoi(optionValue(args, "--bookings", "500"));
    const int backlog = std::stoi(optionValue(args, "--events", "10000"));
    const size_t batch = static_cast<size_t>(std::stoul(optionValue(args, "--batch", "200")));
    const LoadedContent content = loadBookingContent(args, "", "");
    const auto dir = std::filesystem::temp_directory_path() / ("kioskctl-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    struct Cleanup {
        std::filesystem::path p;
        ~Cleanup() {
            std::error_code ec;
            std::filesystem::remove_all(p, ec);
        }
    } cleanup{dir};

    hub::HubStore hubStore((dir / "hub.db").string(), content.catalog, content.settings);
    const std::string token = hubStore.devices().registerDevice("bench-kiosk", "kiosk", wallMs());
    hub::ServerOptions options;
    options.ratePerSecond = 1e9;
    options.burst = 1e9;
    options.maxBodyBytes = 8 << 20;
    hub::HubServer server(hubStore, options);
    const int port = server.bind("127.0.0.1", 0);
    if (port < 0) throw std::runtime_error("cannot listen on 127.0.0.1");
    std::thread serving([&] { server.run(); });
    server.waitUntilRunning(std::chrono::seconds(5));
    struct Stop {
        hub::HubServer& s;
        std::thread& t;
        ~Stop() {
            s.stop();
            t.join();
        }
    } stop{server, serving};

    const std::string key = store::SecretKey::generate().hex();
    store::KioskStore kiosk((dir / "kiosk.db").string(), store::SecretKey::fromHex(key), "bench-kiosk");
    kiosksync::SyncClient client({"http://127.0.0.1:" + std::to_string(port), token, 2000, 30000, ""});
    std::printf("bench: hub %s, kiosk %s (synchronous=FULL on both)\n", hubStore.path().c_str(), kiosk.path().c_str());

    const char* models[] = {"lark", "heron", "crane"};
    const auto day = core::localFromUtcMs(wallMs(), content.settings.zone).first.plusDays(1);
    std::vector<std::string> slots;
    for (int d = 0; d < 14; ++d)
        for (const auto& s : core::slotsForDay(content.settings, day.plusDays(d))) slots.push_back(s);
    auto draft = [&](int i) {
        core::Booking b;
        b.name = "Bench Customer";
        b.mobile = "13800138000";
        b.model = models[i % 3];
        b.slot = slots[static_cast<size_t>(i) % slots.size()];
        b.licenceConfirmed = true;
        b.consent.version = content.settings.consent.version;
        return b;
    };

    // 1. Online: each booking committed, pushed and acknowledged before the next.
    auto t0 = Clock::now();
    for (int i = 0; i < pushCount; ++i) {
        if (!kiosk.bookTestDrive(draft(i), content.catalog, content.settings, wallMs()).ok())
            throw std::runtime_error("bench booking invalid");
        auto events = kiosk.pendingEvents(1);
        auto reply = client.push({kiosk.kioskId(), events});
        if (!reply.ok()) throw std::runtime_error("push failed: " + reply.error);
        kiosk.applyPushResults(reply.value->results, wallMs());
    }
    auto t1 = Clock::now();
    std::printf("online booking (commit + push + acknowledgement, one at a time): %d bookings in %.2f s = %.0f bookings/s\n",
                pushCount, seconds(t0, t1), pushCount / seconds(t0, t1));

    // 2. Offline: a backlog builds up; then the network returns and it drains in batches.
    t0 = Clock::now();
    for (int i = 0; i < backlog; ++i)
        if (!kiosk.bookTestDrive(draft(pushCount + i), content.catalog, content.settings, wallMs()).ok())
            throw std::runtime_error("bench booking invalid");
    t1 = Clock::now();
    std::printf("offline commits (booking + outbox event, fsync each): %d in %.2f s = %.0f bookings/s\n", backlog,
                seconds(t0, t1), backlog / seconds(t0, t1));
    kiosksync::RoundOptions round;
    round.batchSize = batch;
    t0 = Clock::now();
    auto r = kiosksync::runSyncRound(kiosk, client, round, wallMs());
    t1 = Clock::now();
    if (!r.ok) throw std::runtime_error("drain failed: " + r.error);
    std::printf("backlog drain after reconnect: %zu events in %.2f s = %.0f events/s (batch %zu; target > 500 events/s)\n",
                r.pushed, seconds(t0, t1), static_cast<double>(r.pushed) / seconds(t0, t1), batch);
    std::printf("hub: %lld bookings, %lld events, integrity %s\n", static_cast<long long>(hubStore.count("bookings")),
                static_cast<long long>(hubStore.count("events")), hubStore.integrityCheck().c_str());
    return kiosk.pendingCount() == 0 ? 0 : 1;
}

}  // namespace

int cmdSync(const Args& args) {
    if (!args.empty() && args[0] == "bench") return syncBench(args);
    if (!args.empty() && args[0] != "now" && args[0].rfind("--", 0) != 0) {
        std::fputs("usage: kioskctl sync [now] [--config FILE] [--content DIR]   one sync round with the hub\n"
                   "       kioskctl sync bench [--bookings N] [--events N] [--batch N]\n",
                   stderr);
        return 2;
    }
    const store::KioskConfig config = kioskConfigOrThrow(args);
    if (!config.warning.empty()) std::fprintf(stderr, "%s\n", config.warning.c_str());
    store::KioskStore db(config.databasePath, store::SecretKey::fromHex(config.storeKeyHex), config.kioskId);
    std::printf("kiosk store: %s\n", db.path().c_str());
    if (!config.hasHub()) {
        std::printf("embedded mode: no hub configured; %zu bookings wait in the outbox\n", db.pendingCount());
        return 0;
    }
    const LoadedContent content = loadBookingContent(args, config.contentDir, config.market);
    kiosksync::SyncClient client({config.hubUrl, config.hubToken, 3000, 30000, config.hubCaFile});
    kiosksync::RoundOptions round;
    round.allocationAsks = kiosksync::allocationAsks(content.catalog, content.settings, wallMs());
    auto r = kiosksync::runSyncRound(db, client, round, wallMs());
    std::printf("hub %s: %s; %zu events acknowledged, %zu bookings updated, %zu still pending\n", config.hubUrl.c_str(),
                r.ok ? "ok" : r.error.c_str(), r.pushed, r.updates.size(), db.pendingCount());
    return r.ok ? 0 : 1;
}

}  // namespace tools
