// kiosk_sim: a kiosk without a screen, for the process-kill tests. Books test drives as fast as
// it can while its SyncWorker pushes to the hub; prints "BOOKED <id>" only after each commit, the
// moment a real kiosk would say "booked". The test kills it with SIGKILL at random moments.
//
//   kiosk_sim --db PATH --kiosk ID --hub URL --token T --count N --seed S [--drain] [--mix]
// --drain: book nothing; exit 0 with "DRAINED" once the outbox is empty.
// --mix: after each test drive also record two analytics events ("RECORDED" once committed) and,
// every third one, book a site survey ("SURVEYED <id>" once committed).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/ContentLoader.h"
#include "core/charging/ChargingContent.h"
#include "store/KioskStore.h"
#include "sync/SyncWorker.h"

namespace {

std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& fallback = "") {
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return fallback;
}

void say(const std::string& line) {
    const std::string s = line + "\n";
    if (write(1, s.data(), s.size()) < 0) _exit(3);  // unbuffered: the parent sees it even if we die next
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const bool drain = std::find(args.begin(), args.end(), "--drain") != args.end();
    const bool mix = std::find(args.begin(), args.end(), "--mix") != args.end();
    const std::string keyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    try {
        auto loaded = core::loadContent(std::string(KIOSK_TEST_SOURCE_DIR) + "/content");
        auto settings = core::loadBookingSettings(*loaded.catalog);
        const core::Catalog& catalog = *loaded.catalog;
        const auto chargingLoaded = core::charging::loadChargingContent(catalog);
        const auto& charging = chargingLoaded.content;
        if (mix && !charging) throw std::runtime_error("charging content fails to load");
        store::KioskStore db(option(args, "--db"), store::SecretKey::fromHex(keyHex), option(args, "--kiosk"));
        say("INTEGRITY " + db.integrityCheck());
        kiosksync::WorkerOptions w;
        w.databasePath = db.path();
        w.storeKeyHex = keyHex;
        w.kioskId = db.kioskId();
        w.client = {option(args, "--hub"), option(args, "--token"), 500, 2000, ""};
        w.backoffBaseMs = 10;
        w.backoffCapMs = 200;
        w.idlePollMs = 50;
        w.seed = std::stoull(option(args, "--seed", "1")) + 7;
        kiosksync::SyncWorker worker(w);
        worker.start();
        if (drain) {
            const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (db.pendingCount() > 0 && std::chrono::steady_clock::now() < end) {
                worker.syncNow();
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            worker.stop();
            say(db.pendingCount() == 0 ? "DRAINED" : "NOT DRAINED");
            return db.pendingCount() == 0 ? 0 : 1;
        }
        std::mt19937_64 rng(std::stoull(option(args, "--seed", "1")));
        const int count = std::stoi(option(args, "--count", "100"));
        const char* models[] = {"lark", "heron", "crane"};
        const auto day = *core::parseLocalDate("2030-06-07");
        for (int i = 0; i < count; ++i) {
            core::Booking d;
            d.name = "Test Customer";
            d.mobile = "+447911123456";
            d.model = models[rng() % 3];
            d.mode = core::BookingMode::Slot;
            const auto slots = core::slotsForDay(*settings.settings, day.plusDays(static_cast<int>(rng() % 3)));
            d.slot = slots[rng() % slots.size()];
            d.licenceConfirmed = true;
            d.consent.version = settings.settings->consent.version;
            auto r = db.bookTestDrive(d, catalog, *settings.settings, nowMs());
            if (!r.ok()) {
                say("INVALID " + r.errors.front().field);
                return 2;
            }
            say("BOOKED " + r.booking->booking.id);
            if (mix) {
                const std::int64_t now = nowMs();
                std::string session(core::analytics::kSessionIdLetters, 'a');
                for (auto& ch : session) ch = static_cast<char>('a' + rng() % 26);
                core::analytics::Event e;
                e.type = core::analytics::EventType::SessionStarted;
                e.session = session;
                e.timeS = now / 1000;
                core::analytics::Event v = e;
                v.type = core::analytics::EventType::ModelViewed;
                v.model = d.model;
                db.recordEvents({e, v});
                say("RECORDED");
                if (i % 3 == 0) {
                    core::charging::SurveyBooking sv;
                    sv.name = "Test Customer";
                    sv.mobile = "+447911123456";
                    const auto today = core::localFromUtcMs(now, settings.settings->zone).first;
                    sv.preferredDate = today.plusDays(3).toString();
                    sv.period = "afternoon";
                    sv.parking = "private_garage";
                    sv.supply = "unknown";
                    sv.wallbox = "wallbox-7kw";
                    sv.model = d.model;
                    sv.consent.version = charging->survey.consent.version;
                    auto s = db.bookSurvey(sv, catalog, *charging, today, now);
                    if (!s.ok()) {
                        say("INVALID survey " + s.errors.front().field);
                        return 2;
                    }
                    say("SURVEYED " + s.survey->survey.id);
                }
            }
            worker.syncNow();
            std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
        }
        worker.stop();
        say("DONE");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk_sim: %s\n", e.what());
        return 1;
    }
}
