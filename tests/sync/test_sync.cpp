// Kiosks against a real sales-hub on 127.0.0.1: bookings arrive exactly once, through duplicates,
// kill -9 of the kiosk process, network faults and offline contention for slots.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "store/KioskStore.h"
#include "store/StoreTestSupport.h"
#include "sync/FaultProxy.h"
#include "sync/HubProcess.h"
#include "sync/SyncRound.h"
#include "sync/SyncWorker.h"

using namespace testing_store;
using testing_hub::HubProcess;

namespace {

store::KioskStore openKiosk(const TempDir& dir, const std::string& kiosk) {
    return store::KioskStore(dir.file(kiosk + ".db"), store::SecretKey::fromHex(kKeyHex), kiosk);
}

kiosksync::ClientOptions clientFor(const HubProcess& hub, const std::string& kiosk, int port = 0) {
    return {"http://127.0.0.1:" + std::to_string(port ? port : hub.port()), hub.token(kiosk), 1000, 5000, ""};
}

// booking id -> times stored at the hub (the primary key makes >1 impossible; counted anyway),
// and booking id -> applied/conflict events (a booking applied twice would show 2).
struct HubView {
    std::map<std::string, int> bookings;
    std::map<std::string, int> appliedEvents;
    std::map<std::string, std::string> status;
};

HubView hubView(const HubProcess& hub) {
    HubView v;
    store::Database db(hub.dbPath());
    auto s = db.prepare("SELECT booking_id, status FROM bookings");
    while (s.step()) {
        ++v.bookings[s.text(0)];
        v.status[s.text(0)] = s.text(1);
    }
    auto e = db.prepare("SELECT booking_id FROM events WHERE outcome IN ('applied','conflict')");
    while (e.step()) ++v.appliedEvents[e.text(0)];
    return v;
}

// Every booking in `booked` is at the hub exactly once (applied once), and the hub holds nothing
// beyond `committed` (bookings committed on the kiosks; a superset of those the screen showed,
// since a kiosk can die between its commit and saying "booked").
void requireExactlyOnce(const HubView& v, const std::set<std::string>& booked, std::set<std::string> committed = {}) {
    if (committed.empty()) committed = booked;
    size_t missing = 0, twice = 0, unknown = 0;
    for (const auto& id : committed) {
        auto it = v.bookings.find(id);
        missing += it == v.bookings.end();
        if (it != v.bookings.end()) twice += it->second != 1 || v.appliedEvents.at(id) != 1;
    }
    for (const auto& id : booked) missing += committed.count(id) == 0;
    for (const auto& [id, n] : v.bookings) unknown += committed.count(id) == 0;
    INFO("shown as booked " << booked.size() << ", committed " << committed.size() << ", at hub " << v.bookings.size());
    CHECK(missing == 0);
    CHECK(twice == 0);
    CHECK(unknown == 0);
}

}  // namespace

TEST_CASE("two kiosks sync to the hub: every booking exactly once, duplicates answered with the original") {
    HubProcess hub({"kiosk-a", "kiosk-b"});
    TempDir dir;
    const auto& c = content();
    auto a = openKiosk(dir, "kiosk-a");
    auto b = openKiosk(dir, "kiosk-b");
    std::set<std::string> booked;
    const auto slots = core::slotsForDay(c.settings, *core::parseLocalDate(kDay));
    for (int i = 0; i < 20; ++i)
        for (auto* s : {&a, &b}) {
            auto r = s->bookTestDrive(draft("Zhang Wei", "13800138000", "heron", slots[static_cast<size_t>(i) % slots.size()]),
                                      c.catalog, c.settings, kNowMs + i);
            REQUIRE(r.ok());
            booked.insert(r.booking->booking.id);
        }
    kiosksync::SyncClient ca(clientFor(hub, "kiosk-a")), cb(clientFor(hub, "kiosk-b"));
    auto eventsA = a.pendingEvents(100);  // kept to push again below
    kiosksync::RoundOptions round;
    round.batchSize = 7;
    auto ra = kiosksync::runSyncRound(a, ca, round, kNowMs);
    auto rb = kiosksync::runSyncRound(b, cb, round, kNowMs);
    INFO(ra.error << " / " << rb.error);
    REQUIRE(ra.ok);
    REQUIRE(rb.ok);
    CHECK(ra.pushed == 20);
    CHECK(a.pendingCount() == 0);
    CHECK(b.pendingCount() == 0);
    requireExactlyOnce(hubView(hub), booked);

    // The same events again (a response lost after the hub committed): all duplicates, with the
    // original outcome and the hub's booking; nothing new stored.
    auto again = ca.push({"kiosk-a", eventsA});
    REQUIRE(again.ok());
    for (const auto& r : again.value->results) {
        CHECK(r.outcome == core::EventOutcome::Duplicate);
        REQUIRE(r.original);
        CHECK((*r.original == core::EventOutcome::Applied || *r.original == core::EventOutcome::Conflict));
        CHECK(r.booking);
    }
    requireExactlyOnce(hubView(hub), booked);

    // heron has two demo cars: each slot confirmed twice at most, first come (kiosk a pushed first)
    // first served, the rest in conflict with an offer. Expected counts from the booking pattern:
    std::map<std::string, size_t> perSlot;  // bookings of each kiosk per slot (the same pattern)
    for (int i = 0; i < 20; ++i) ++perSlot[slots[static_cast<size_t>(i) % slots.size()]];
    size_t expectedConflictsA = 0, expectedConflictsB = 0;
    for (const auto& [slot, n] : perSlot) {
        expectedConflictsA += n > 2 ? n - 2 : 0;
        expectedConflictsB += n - std::min(n, n >= 2 ? 0 : 2 - n);
    }
    auto conflictsOf = [](store::KioskStore& k) {
        size_t conflicts = 0;
        for (const auto& sb : k.bookings()) {
            CHECK((sb.status == core::BookingStatus::Confirmed || sb.status == core::BookingStatus::Conflict));
            if (sb.status == core::BookingStatus::Conflict) {
                ++conflicts;
                CHECK(sb.waitlistPlace >= 1);
            }
        }
        return conflicts;
    };
    INFO(slots.size() << " slots");
    CHECK(conflictsOf(a) == expectedConflictsA);
    CHECK(conflictsOf(b) == expectedConflictsB);
    for (const auto& slot : slots) {
        store::Database db(hub.dbPath());
        auto s = db.prepare("SELECT count(*) FROM bookings WHERE slot = ? AND model = 'heron' AND status = 'confirmed'");
        s.bind(1, slot);
        s.step();
        CHECK(s.integer(0) == static_cast<std::int64_t>(std::min<size_t>(2, 2 * perSlot[slot])));
    }
    // Kiosk b learnt of kiosk a's bookings through pull (no personal data).
    kiosksync::runSyncRound(b, cb, round, kNowMs);
    auto view = b.slotsForDay(c.catalog, c.settings, "heron", *core::parseLocalDate(kDay));
    CHECK(view[0].hubConfirmed == 2);
}

TEST_CASE("the worker keeps bookings while the hub is down and delivers them when it returns") {
    HubProcess hub({"kiosk-a"});
    const int port = hub.port();
    hub.stop();
    TempDir dir;
    const auto& c = content();
    std::set<std::string> booked;
    {
        auto s = openKiosk(dir, "kiosk-a");
        for (int i = 0; i < 5; ++i) {
            auto r = s.bookTestDrive(draft("李娜", "13900139000", "crane", kDay + "T1" + std::to_string(i) + ":00"),
                                     c.catalog, c.settings, kNowMs);
            REQUIRE(r.ok());
            booked.insert(r.booking->booking.id);
        }
    }
    kiosksync::WorkerOptions w;
    w.databasePath = dir.file("kiosk-a.db");
    w.storeKeyHex = kKeyHex;
    w.kioskId = "kiosk-a";
    w.client = clientFor(hub, "kiosk-a", port);
    w.backoffBaseMs = 20;
    w.backoffCapMs = 300;
    w.idlePollMs = 100;
    w.seed = testSeed("worker offline/online");
    kiosksync::SyncWorker worker(w);
    worker.start();
    std::vector<kiosksync::SyncEvent> events;
    const auto waitFor = [&](auto pred, int seconds) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < end) {
            for (auto& e : worker.drain()) events.push_back(e);
            if (pred()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    };
    auto has = [&](kiosksync::SyncEventKind k) {
        return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.kind == k; });
    };
    REQUIRE(waitFor([&] { return has(kiosksync::SyncEventKind::Offline); }, 10));
    CHECK_FALSE(worker.online());
    hub.start();  // same port, same data
    REQUIRE(waitFor([&] { return worker.pending() == 0 && has(kiosksync::SyncEventKind::Online); }, 20));
    REQUIRE(waitFor([&] {
        return std::count_if(events.begin(), events.end(),
                             [](const auto& e) { return e.kind == kiosksync::SyncEventKind::BookingUpdated; }) >= 5;
    }, 10));
    worker.stop();
    for (const auto& e : events)
        if (e.kind == kiosksync::SyncEventKind::BookingUpdated) {
            CHECK(booked.count(e.update.bookingId) == 1);
            CHECK(e.update.status == core::BookingStatus::Confirmed);  // crane: one car, five different slots
        }
    requireExactlyOnce(hubView(hub), booked);
}

TEST_CASE("kill -9 of the kiosk while it books and syncs: every booking shown as booked reaches the hub once") {
    int cycles = 200;
    if (const char* s = std::getenv("KIOSK_KILL_CYCLES")) cycles = std::atoi(s);  // the soak: e.g. 5000
    const auto seed = testSeed("kill -9 cycles");
    std::mt19937_64 rng(seed);
    HubProcess hub({"kiosk-k"});
    TempDir dir;
    const std::string db = dir.file("kiosk-k.db");
    std::set<std::string> booked;
    int integrityChecks = 0;
    for (int cycle = 0; cycle < cycles; ++cycle) {
        testing_process::ChildProcess kiosk({KIOSK_SIM_PATH, "--db", db, "--kiosk", "kiosk-k", "--hub", hub.url(), "--token",
                                             hub.token("kiosk-k"), "--count", "1000", "--seed", std::to_string(rng())});
        // Die at a random moment: before the database opens, mid-booking, mid-push. Every other cycle
        // first waits for the store to open, so a loaded machine (slow starts) still kills plenty of
        // cycles mid-booking rather than all of them before the first commit.
        if (cycle % 2 == 0) kiosk.waitFor("INTEGRITY", std::chrono::seconds(10));
        std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % 60000));
        kiosk.kill(SIGKILL);
        kiosk.wait();
        const std::string& out = kiosk.output();
        if (out.find("INTEGRITY ") != std::string::npos) {
            CHECK(out.find("INTEGRITY ok") != std::string::npos);
            ++integrityChecks;
        }
        for (size_t at = out.find("BOOKED "); at != std::string::npos; at = out.find("BOOKED ", at + 1)) {
            const auto end = out.find('\n', at);
            if (end == std::string::npos) break;  // a line cut by the kill was never "shown"
            booked.insert(out.substr(at + 7, end - at - 7));
        }
    }
    testing_process::ChildProcess drain({KIOSK_SIM_PATH, "--db", db, "--kiosk", "kiosk-k", "--hub", hub.url(), "--token",
                                         hub.token("kiosk-k"), "--drain"});
    REQUIRE(drain.wait(std::chrono::seconds(90)) == 0);
    CHECK(drain.output().find("INTEGRITY ok") != std::string::npos);
    std::set<std::string> committed;
    {
        store::KioskStore s(db, store::SecretKey::fromHex(kKeyHex), "kiosk-k");
        CHECK(s.integrityCheck() == "ok");
        for (const auto& b : s.bookings()) committed.insert(b.booking.id);
    }
    std::printf("kill -9: %d cycles, %d integrity checks after restart, %zu bookings shown as booked, %zu committed\n",
                cycles, integrityChecks, booked.size(), committed.size());
    CHECK(integrityChecks >= cycles / 2);
    CHECK(booked.size() > 50);
    requireExactlyOnce(hubView(hub), booked, committed);
}

TEST_CASE("network faults: dropped, delayed, duplicated, cut and unanswered requests lose and duplicate nothing") {
    const auto seed = testSeed("network faults");
    HubProcess hub({"kiosk-n"}, {"--rate", "1000", "--burst", "1000"});
    testing_net::FaultProxy proxy(hub.port(), seed);
    TempDir dir;
    const auto& c = content();
    std::set<std::string> booked;
    auto s = openKiosk(dir, "kiosk-n");
    kiosksync::WorkerOptions w;
    w.databasePath = dir.file("kiosk-n.db");
    w.storeKeyHex = kKeyHex;
    w.kioskId = "kiosk-n";
    w.client = clientFor(hub, "kiosk-n", proxy.port());
    w.client.readTimeoutMs = 1500;
    w.batchSize = 5;
    w.backoffBaseMs = 10;
    w.backoffCapMs = 200;
    w.idlePollMs = 50;
    w.seed = seed;
    kiosksync::SyncWorker worker(w);
    proxy.setFaulty(true);
    worker.start();
    const auto slots = core::slotsForDay(c.settings, *core::parseLocalDate(kDay));
    std::mt19937_64 rng(seed);
    using P = testing_net::FaultProxy;
    auto everyFaultSeen = [&] {
        for (auto f : {P::Drop, P::Delay, P::LoseResponse, P::Duplicate, P::CutMidBody})
            if (proxy.count(f) == 0) return false;
        return true;
    };
    // 150 bookings, and on until the proxy has dealt every kind of fault (a loaded machine may
    // book many before the worker reaches the hub).
    for (int i = 0; i < 150 || (!everyFaultSeen() && i < 1500); ++i) {
        auto r = s.bookTestDrive(draft("Anna Lee", "+447911123456", "heron", slots[rng() % slots.size()]), c.catalog,
                                 c.settings, kNowMs + i);
        REQUIRE(r.ok());
        booked.insert(r.booking->booking.id);
        worker.syncNow();
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 15));
    }
    // Then the network goes down completely while the kiosk keeps booking: a backlog builds up.
    proxy.setDown(true);
    for (int i = 0; i < 100; ++i) {
        auto r = s.bookTestDrive(draft("Anna Lee", "+447911123456", "heron", slots[rng() % slots.size()]), c.catalog,
                                 c.settings, kNowMs + 1000 + i);
        REQUIRE(r.ok());
        booked.insert(r.booking->booking.id);
        worker.syncNow();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const size_t backlog = s.pendingCount();
    proxy.setDown(false);
    proxy.setFaulty(false);  // the network heals
    const auto healed = std::chrono::steady_clock::now();
    while (worker.pending() > 0 || s.pendingCount() > 0) {
        REQUIRE(std::chrono::steady_clock::now() - healed < std::chrono::seconds(60));
        worker.syncNow();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const double drainS = std::chrono::duration<double>(std::chrono::steady_clock::now() - healed).count();
    worker.stop();
    std::printf("network faults: drop %llu, delay %llu, lost response %llu, duplicate %llu, cut mid-body %llu, pass %llu; "
                "backlog of %zu drained %.2f s after healing\n",
                (unsigned long long)proxy.count(P::Drop), (unsigned long long)proxy.count(P::Delay),
                (unsigned long long)proxy.count(P::LoseResponse), (unsigned long long)proxy.count(P::Duplicate),
                (unsigned long long)proxy.count(P::CutMidBody), (unsigned long long)proxy.count(P::Pass), backlog, drainS);
    CHECK(backlog > 50);
    CHECK(proxy.count(P::Drop) > 0);
    CHECK(proxy.count(P::Delay) > 0);
    CHECK(proxy.count(P::LoseResponse) > 0);
    CHECK(proxy.count(P::Duplicate) > 0);
    CHECK(proxy.count(P::CutMidBody) > 0);
    requireExactlyOnce(hubView(hub), booked);
    for (const auto& sb : s.bookings())
        CHECK((sb.status == core::BookingStatus::Confirmed || sb.status == core::BookingStatus::Conflict));
}

TEST_CASE("escrow: three offline kiosks, 20 slots, 1000 attempts: never over capacity, every request resolved") {
    const auto seed = testSeed("escrow");
    std::mt19937_64 rng(seed);
    const std::vector<std::string> kiosks = {"kiosk-1", "kiosk-2", "kiosk-3"};
    HubProcess hub(kiosks, {"--rate", "1000", "--burst", "1000"});
    TempDir dir;
    const auto& c = content();
    // 20 heron slots (two demo cars each) over two days.
    std::vector<std::string> slots = core::slotsForDay(c.settings, *core::parseLocalDate(kDay));
    for (const auto& s : core::slotsForDay(c.settings, core::parseLocalDate(kDay)->plusDays(1))) slots.push_back(s);
    slots.resize(20);
    std::vector<core::AllocationAsk> asks;
    for (const auto& s : slots) asks.push_back({core::slotKey("heron", s), 1});
    std::vector<std::unique_ptr<store::KioskStore>> stores;
    std::vector<std::unique_ptr<kiosksync::SyncClient>> clients;
    std::vector<size_t> order = {0, 1, 2};
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i = 0; i < kiosks.size(); ++i) {
        stores.push_back(std::make_unique<store::KioskStore>(openKiosk(dir, kiosks[i])));
        clients.push_back(std::make_unique<kiosksync::SyncClient>(clientFor(hub, kiosks[i])));
    }
    // Online, in random order, each kiosk asks the hub to escrow one seat per slot.
    for (size_t i : order) {
        kiosksync::RoundOptions round;
        round.allocationAsks = asks;
        REQUIRE(kiosksync::runSyncRound(*stores[i], *clients[i], round, kNowMs).ok);
    }
    // Offline: 1000 random attempts.
    std::map<std::string, core::BookingStatus> localStatus;
    for (int i = 0; i < 1000; ++i) {
        const size_t k = rng() % kiosks.size();
        auto r = stores[k]->bookTestDrive(draft("Zhang Wei", "13800138000", "heron", slots[rng() % slots.size()]),
                                          c.catalog, c.settings, kNowMs + i);
        REQUIRE(r.ok());
        localStatus[r.booking->booking.id] = r.booking->status;
    }
    size_t localConfirmed = 0;
    for (const auto& [id, st] : localStatus) localConfirmed += st == core::BookingStatus::Confirmed;
    // Back online, in random order.
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) REQUIRE(kiosksync::runSyncRound(*stores[i], *clients[i], {}, kNowMs).ok);
    store::Database db(hub.dbPath());
    for (const auto& s : slots) {
        auto q = db.prepare("SELECT count(*) FROM bookings WHERE model='heron' AND slot=? AND status='confirmed'");
        q.bind(1, s);
        q.step();
        CHECK(q.integer(0) <= 2);
    }
    size_t confirmed = 0, conflicts = 0;
    for (const auto& store : stores)
        for (const auto& sb : store->bookings()) {
            if (sb.status == core::BookingStatus::Confirmed) ++confirmed;
            else {
                REQUIRE(sb.status == core::BookingStatus::Conflict);
                CHECK((sb.waitlistPlace >= 1 || !sb.alternativeSlot.empty()));
                ++conflicts;
            }
            if (sb.localStatus == core::BookingStatus::Confirmed) CHECK(sb.status == core::BookingStatus::Confirmed);
        }
    std::printf("escrow: %zu confirmed offline from allocations, %zu confirmed in all, %zu conflicts with an offer\n",
                localConfirmed, confirmed, conflicts);
    CHECK(confirmed + conflicts == 1000);
    CHECK(confirmed <= 40);
    CHECK(db.queryInt("SELECT count(*) FROM advisor_tasks WHERE kind='conflict'").value_or(0) == static_cast<std::int64_t>(conflicts));
}
