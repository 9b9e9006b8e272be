// A dealer group: two sales-hub processes on one PostgreSQL database, six kiosks pushing to either
// hub at once for the same slots. The database enforces capacity: no slot is ever overbooked,
// every booking is stored once, every push is answered.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <thread>

#include "hub/HubTestSupport.h"
#include "support/Skip.h"
#include "sync/ChildProcess.h"

using namespace testing_hub;

namespace {

struct PgHub {
    std::unique_ptr<testing_process::ChildProcess> process;
    int port = 0;
};

// Both hubs open the personal data with the one key the group's first hub made (its data folder).
PgHub startHub(const std::string& pg, const std::string& schema, const std::string& dataDir, const std::string& keyFile) {
    PgHub h;
    h.process = std::make_unique<testing_process::ChildProcess>(std::vector<std::string>{
        SALES_HUB_PATH, "--listen", "127.0.0.1:0", "--data", dataDir, "--database", pg, "--pg-schema", schema, "--content",
        testing_paths::contentDir(), "--rate", "10000", "--burst", "10000", "--key-file", keyFile});
    const std::string marker = "listening on http://127.0.0.1:";
    if (!h.process->waitFor(marker, std::chrono::seconds(20))) throw std::runtime_error("hub did not start: " + h.process->output());
    h.process->waitFor("\n", std::chrono::seconds(1));
    h.port = std::stoi(h.process->output().substr(h.process->output().find(marker) + marker.size()));
    return h;
}

}  // namespace

// Picks PostgreSQL itself, so it runs once, in the plain hub suite ([no-pg-rerun]).
TEST_CASE("two hub processes on one PostgreSQL database never overbook a slot", "[no-pg-rerun]") {
    const char* pgEnv = std::getenv("KIOSK_TEST_PG");
    if (!pgEnv || !*pgEnv) KIOSK_SKIP("KIOSK_TEST_PG is unset: no PostgreSQL server for the race test");
    const std::string pg = pgEnv;
    const std::string schema = "race_" + std::to_string(getpid());
    testing_store::TempDir a("hub-a"), b("hub-b");
    const std::vector<std::string> kiosks = {"kiosk-1", "kiosk-2", "kiosk-3", "kiosk-4", "kiosk-5", "kiosk-6"};
    std::map<std::string, std::string> tokens;
    for (const auto& k : kiosks) {
        auto r = testing_process::run({SALES_HUB_PATH, "register", "--data", a.path(), "--device", k, "--database", pg,
                                       "--pg-schema", schema, "--content", testing_paths::contentDir()});
        REQUIRE(r.exitCode == 0);
        tokens[k] = r.out.substr(0, 64);
    }
    const std::string key = a.path() + "/hub.key";
    PgHub hubA = startHub(pg, schema, a.path(), key), hubB = startHub(pg, schema, b.path(), key);

    // 8 slots of the heron (2 demo cars each), 6 kiosks x 40 attempts spread over them: 240
    // requests for 16 seats, half through each hub, in pushes of 1-3 events.
    const auto slots = core::slotsForDay(testing_store::content().settings, *core::parseLocalDate(testing_store::kDay));
    const size_t kSlots = 8;
    std::atomic<int> answered{0}, failed{0};
    std::vector<std::thread> threads;
    for (size_t k = 0; k < kiosks.size(); ++k) {
        threads.emplace_back([&, k] {
            std::minstd_rand rng(static_cast<unsigned>(k + 1));
            httplib::Client ca("127.0.0.1", hubA.port), cb("127.0.0.1", hubB.port);
            const httplib::Headers auth = {{"Authorization", "Bearer " + tokens[kiosks[k]]}};
            int n = 0;
            while (n < 40) {
                nlohmann::json body = {{"protocol", 1}, {"kiosk_id", kiosks[k]}, {"events", nlohmann::json::array()}};
                const int batch = 1 + static_cast<int>(rng() % 3);
                for (int i = 0; i < batch && n < 40; ++i, ++n) {
                    const int id = static_cast<int>(k) * 1000 + n;
                    core::Booking bk = testing_store::draft("Wang Fang", "+8613900139000", "heron", slots[rng() % kSlots]);
                    bk.id = uuid7(id);
                    bk.kioskId = kiosks[k];
                    bk.createdMs = 1906000000000LL;
                    body["events"].push_back({{"event_id", uuid7(50000 + id)}, {"type", "booking.create"}, {"booking", core::bookingToJson(bk)}});
                }
                for (int attempt = 0; attempt < 20; ++attempt) {
                    auto res = (rng() % 2 ? ca : cb).Post("/v1/sync/push", auth, body.dump(), "application/json");
                    if (res && res->status == 200) {
                        ++answered;
                        break;
                    }
                    ++failed;  // 503 on an exhausted retry: the kiosk sends the same events again
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    hubA.process->kill(SIGTERM);
    hubB.process->kill(SIGTERM);
    hubA.process->wait(std::chrono::seconds(10));
    hubB.process->wait(std::chrono::seconds(10));

    auto db = hub::openPostgres(pg, schema);
    auto over = db->run(
        "SELECT count(*) FROM (SELECT slot, count(*) AS n FROM bookings WHERE status = 'confirmed' GROUP BY slot) c WHERE n > 2", {});
    CHECK(over.front().integer(0) == 0);
    CHECK(db->run("SELECT count(*) FROM bookings", {}).front().integer(0) == 240);
    CHECK(db->run("SELECT count(*) FROM bookings WHERE status = 'confirmed'", {}).front().integer(0) == 2 * static_cast<std::int64_t>(kSlots));
    CHECK(db->run("SELECT count(*) FROM slots WHERE free_confirmed + granted_total > capacity", {}).front().integer(0) == 0);
    CHECK(db->run("SELECT count(*) FROM events WHERE outcome IN ('applied','conflict')", {}).front().integer(0) == 240);
    CHECK(answered > 0);
    INFO("pushes answered " << answered << ", retried " << failed);
    db.reset();
    hub::dropPostgresSchema(pg, schema);
}
