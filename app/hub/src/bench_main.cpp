// hub-bench: figures for the sales hub, printed, never asserted.
//   - hub requests/s with 10 simulated kiosks on loopback (each: push one booking, pull), on SQLite
//     and on PostgreSQL (when --pg URL or KIOSK_TEST_PG is given);
//   - leads/s per CRM adapter (JSON webhook, ADF over HTTP, ADF drop folder) to in-process
//     receivers on loopback, and the CSV export.
//
//   hub-bench [--seconds N] [--kiosks N] [--leads N] [--pg URL] [--content DIR]
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/ContentLoader.h"
#include "hub/HubServer.h"
#include "hub/crm/CrmForwarder.h"
#include "hub/crm/LeadFormats.h"
#include "store/Crypto.h"

namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return argv[i + 1];
    return fallback;
}

struct Content {
    core::Catalog catalog;
    core::BookingSettings settings;
    hub::HubSettings hub;
};

// A fresh store on the backend: a SQLite file in `dir`, or a new PostgreSQL schema.
std::unique_ptr<hub::HubStore> openStore(const Content& c, const std::string& pg, const std::string& dir,
                                         const std::string& name) {
    if (pg.empty()) {
        std::filesystem::remove(dir + "/" + name + ".db");
        return std::make_unique<hub::HubStore>(dir + "/" + name + ".db", c.catalog, c.settings, c.hub);
    }
    const std::string schema = "bench_" + name + "_" + std::to_string(::getpid());
    hub::dropPostgresSchema(pg, schema);
    return std::make_unique<hub::HubStore>(pg, c.catalog, c.settings, c.hub, schema);
}

core::Booking booking(const Content& c, int n, const std::string& kiosk) {
    core::Booking b;
    b.id = store::newUuidV7(1906000000000LL + n);
    b.name = "Li Na";
    b.mobile = "+8613800138000";
    b.model = "heron";
    b.mode = core::BookingMode::Slot;
    const auto day = core::parseLocalDate("2030-06-03")->plusDays(n / 40 % 28);
    auto slots = core::slotsForDay(c.settings, day);
    if (slots.empty()) slots = core::slotsForDay(c.settings, day.plusDays(1));
    b.slot = slots[static_cast<size_t>(n) % slots.size()];
    b.licenceConfirmed = true;
    b.consent.version = c.settings.consent.version;
    b.kioskId = kiosk;
    b.createdMs = 1906000000000LL + n;
    return b;
}

void benchRequests(const Content& c, const std::string& label, const std::string& pg, const std::string& dir, int kiosks,
                   double seconds) {
    auto store = openStore(c, pg, dir, "requests");
    hub::ServerOptions options;
    options.ratePerSecond = 1e9;
    options.burst = 1e9;
    hub::HubServer server(*store, options);
    const int port = server.bind("127.0.0.1", 0);
    std::thread serving([&] { server.run(); });
    server.waitUntilRunning(std::chrono::seconds(5));
    std::vector<std::string> tokens;
    for (int k = 0; k < kiosks; ++k) tokens.push_back(store->devices().registerDevice("kiosk-" + std::to_string(k), "kiosk", 0));
    std::atomic<long> pushes{0}, pulls{0}, errors{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int k = 0; k < kiosks; ++k) {
        threads.emplace_back([&, k] {
            httplib::Client http("127.0.0.1", port);
            http.set_keep_alive(false);  // as the kiosk's client does
            const std::string kiosk = "kiosk-" + std::to_string(k);
            const httplib::Headers auth = {{"Authorization", "Bearer " + tokens[static_cast<size_t>(k)]}};
            std::int64_t cursor = 0;
            for (int n = 0; !stop; ++n) {
                const core::Booking b = booking(c, k * 1000000 + n, kiosk);
                Json body = {{"protocol", 1}, {"kiosk_id", kiosk},
                             {"events", {{{"event_id", store::newUuidV7(1906000000000LL)}, {"type", "booking.create"}, {"booking", core::bookingToJson(b)}}}}};
                auto res = http.Post("/v1/sync/push", auth, body.dump(), "application/json");
                (res && res->status == 200 ? pushes : errors)++;
                auto p = http.Get(("/v1/sync/pull?limit=200&cursor=" + std::to_string(cursor)).c_str(), auth);
                if (p && p->status == 200) {
                    cursor = Json::parse(p->body)["next_cursor"].get<std::int64_t>();
                    ++pulls;
                } else {
                    ++errors;
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    server.stop();
    serving.join();
    std::printf("hub %-10s %2d kiosks: %7.0f requests/s (%6.0f pushes/s, %6.0f pulls/s, %ld errors) over %.1f s\n",
                label.c_str(), kiosks, (pushes + pulls) / elapsed, pushes / elapsed, pulls / elapsed, errors.load(), elapsed);
}

void benchLeads(const Content& c, const std::string& label, const std::string& pg, const std::string& dir, int leads) {
    httplib::Server receiver;
    std::atomic<long> received{0};
    receiver.Post("/leads", [&](const httplib::Request&, httplib::Response& res) {
        ++received;
        res.set_content("{}", "application/json");
    });
    const int port = receiver.bind_to_any_port("127.0.0.1");
    std::thread receiving([&] { receiver.listen_after_bind(); });
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/leads";
    const std::string folder = dir + "/drop";
    std::filesystem::create_directories(folder);
    std::vector<hub::crm::AdapterConfig> adapters = {
        {"webhook", "webhook", url, "", "bench-secret-0123456789", 5000},
        {"adf-http", "adf", url, "", "", 5000},
        {"adf-folder", "adf", "", folder, "", 5000},
    };
    for (const auto& a : adapters) {
        auto store = openStore(c, pg, dir, "leads_" + std::string(a.name == "adf-folder" ? "folder" : a.name == "adf-http" ? "adf" : "webhook"));
        hub::crm::CrmForwarder forwarder(*store, {a}, {});
        for (int n = 0; n < leads; n += 50) {
            core::PushRequest push{"kiosk-0", {}};
            for (int i = n; i < std::min(leads, n + 50); ++i)
                push.events.push_back({store::newUuidV7(1906000000000LL + i), "booking.create", booking(c, i, "kiosk-0")});
            store->sync().push(push, hub::nowMs());
        }
        const auto start = Clock::now();
        int delivered = 0;
        while (delivered < leads) {
            const int d = forwarder.runOnce(a);
            if (d == 0) break;
            delivered += d;
        }
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        std::printf("leads %-10s %-10s %6d leads: %7.0f leads/s\n", label.c_str(), a.name.c_str(), delivered, delivered / elapsed);
        if (a.name == "adf-folder") {
            const auto t0 = Clock::now();
            const auto all = store->crm().leadsBetween(0, INT64_MAX, "bench", hub::nowMs());
            const std::string csv = hub::crm::leadsToCsv(all, c.catalog.market.timeZone);
            const double e = std::chrono::duration<double>(Clock::now() - t0).count();
            std::printf("leads %-10s %-10s %6zu leads: %7.0f leads/s (%zu bytes)\n", label.c_str(), "csv", all.size(),
                        all.size() / e, csv.size());
        }
    }
    receiver.stop();
    receiving.join();
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const double seconds = std::stod(option(argc, argv, "--seconds", "3"));
        const int kiosks = std::stoi(option(argc, argv, "--kiosks", "10"));
        const int leads = std::stoi(option(argc, argv, "--leads", "500"));
        std::string pg = option(argc, argv, "--pg", std::getenv("KIOSK_TEST_PG") ? std::getenv("KIOSK_TEST_PG") : "");
        auto loaded = core::loadContent(option(argc, argv, "--content", core::defaultContentDirectory()));
        if (!loaded.ok()) throw std::runtime_error("content is invalid (run kioskctl validate)");
        auto settings = core::loadBookingSettings(*loaded.catalog);
        auto hubSettings = hub::loadHubSettings(*loaded.catalog);
        if (!settings.settings || !hubSettings.settings) throw std::runtime_error("booking or hub content is invalid");
        const Content c{*loaded.catalog, *settings.settings, *hubSettings.settings};
        std::string dir = (std::filesystem::temp_directory_path() / ("hub-bench-" + std::to_string(::getpid()))).string();
        std::filesystem::create_directories(dir);
        benchRequests(c, "sqlite", "", dir, kiosks, seconds);
        if (!pg.empty()) benchRequests(c, "postgresql", pg, dir, kiosks, seconds);
        else std::printf("hub postgresql: skipped (no --pg URL or KIOSK_TEST_PG)\n");
        benchLeads(c, "sqlite", "", dir, leads);
        if (!pg.empty()) benchLeads(c, "postgresql", pg, dir, leads);
        if (!pg.empty())
            for (const char* n : {"requests", "leads_webhook", "leads_adf", "leads_folder"})
                hub::dropPostgresSchema(pg, std::string("bench_") + n + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hub-bench: %s\n", e.what());
        return 1;
    }
}
