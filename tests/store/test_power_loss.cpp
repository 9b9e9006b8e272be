// Power loss: a VFS drops every write not yet fsynced at a random crash point. With
// synchronous=FULL every booking bookTestDrive() returned survives; the synchronous=OFF control
// run must lose some, which proves the test can fail.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "store/KioskStore.h"
#include "store/PowerLossVfs.h"
#include "store/StoreTestSupport.h"

using namespace testing_store;

namespace {

struct Outcome {
    int cycles = 0;
    int cyclesWithLoss = 0;
    size_t acknowledged = 0;
    size_t lost = 0;
};

Outcome runCycles(bool full, std::uint64_t seed, int cycles) {
    Outcome out;
    testing_vfs::PowerLossVfs vfs(full ? "powerloss-full" : "powerloss-off");
    std::mt19937_64 rng(seed);
    const auto& c = content();
    const auto slots = core::slotsForDay(c.settings, *core::parseLocalDate(kDay));
    for (int cycle = 0; cycle < cycles; ++cycle) {
        TempDir dir("kiosk-powerloss");
        std::set<std::string> acknowledged;
        // Some cycles crash while creating the database, most after some bookings.
        vfs.crashAfter(std::uniform_int_distribution<std::int64_t>(1, 600)(rng));
        try {
            store::StoreOptions options{full, vfs.name()};
            store::KioskStore s(dir.file("kiosk.db"), store::SecretKey::fromHex(kKeyHex), "kiosk-a", options);
            for (int i = 0; i < 200; ++i) {
                const std::string& slot = slots[static_cast<size_t>(i) % slots.size()];
                auto r = s.bookTestDrive(draft("Zhang Wei", "13800138000", "heron", slot), c.catalog, c.settings, kNowMs + i);
                REQUIRE(r.ok());
                acknowledged.insert(r.booking->booking.id);  // the screen would now say "booked"
            }
        } catch (const store::StoreError&) {
            // The machine died mid-write: that booking was never acknowledged.
        }
        vfs.crashAfter(0);      // nothing more reaches the disk (the destructor's close included)
        vfs.revertUnsynced();   // power comes back: only synced bytes are there
        store::KioskStore s(dir.file("kiosk.db"), store::SecretKey::fromHex(kKeyHex), "kiosk-a");
        REQUIRE(s.integrityCheck() == "ok");
        std::set<std::string> present;
        for (const auto& b : s.bookings()) present.insert(b.booking.id);
        size_t lost = 0;
        for (const auto& id : acknowledged) lost += present.count(id) == 0;
        // Every surviving booking still has its outbox event: nothing half-written.
        CHECK(s.outbox().size() == present.size());
        ++out.cycles;
        out.acknowledged += acknowledged.size();
        out.lost += lost;
        out.cyclesWithLoss += lost > 0;
    }
    return out;
}

}  // namespace

TEST_CASE("power loss: with synchronous=FULL no acknowledged booking is lost") {
    const auto seed = testSeed("power loss FULL");
    const Outcome o = runCycles(true, seed, 25);
    std::printf("power loss FULL: %d cycles, %zu acknowledged, %zu lost\n", o.cycles, o.acknowledged, o.lost);
    CHECK(o.acknowledged > 0);
    CHECK(o.lost == 0);
}

TEST_CASE("power loss control: with synchronous=OFF the test detects loss") {
    const auto seed = testSeed("power loss OFF");
    const Outcome o = runCycles(false, seed, 10);
    std::printf("power loss OFF (control): %d cycles, %zu acknowledged, %zu lost in %d cycles\n", o.cycles,
                o.acknowledged, o.lost, o.cyclesWithLoss);
    CHECK(o.lost > 0);
}
