#pragma once
// Shared by the store, sync and hub tests: temporary folders, the shipped content, a test key.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "core/Catalog.h"
#include "core/ContentLoader.h"
#include "core/booking/Booking.h"
#include "core/booking/BookingSettings.h"
#include "core/analytics/Event.h"
#include "core/charging/ChargingContent.h"
#include "core/charging/SurveyBooking.h"
#include "store/KioskStore.h"
#include "support/RunDir.h"
#include "support/TestPaths.h"

namespace testing_store {

using TempDir = testing_paths::TempDir;

struct Content {
    core::Catalog catalog;
    core::BookingSettings settings;
};

inline const Content& content() {
    static const Content c = [] {
        auto loaded = core::loadContent(testing_paths::contentDir());
        if (!loaded.ok()) throw std::runtime_error("shipped content fails to load");
        auto s = core::loadBookingSettings(*loaded.catalog);
        if (!s.settings) throw std::runtime_error("booking content fails to load");
        return Content{*loaded.catalog, *s.settings};
    }();
    return c;
}

inline const std::string kKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// A kiosk store in the test's folder, under the test key.
inline store::KioskStore openStore(const TempDir& dir, const std::string& kiosk = "kiosk-a") {
    return store::KioskStore(dir.file("kiosk.db"), store::SecretKey::fromHex(kKeyHex), kiosk);
}

// 2030-06-07 is a Friday: slots 10:00 .. 20:00.
inline const std::string kDay = "2030-06-07";
inline const std::int64_t kNowMs = 1906000000000LL;  // 2030-05-25

inline core::Booking draft(const std::string& name, const std::string& mobile, const std::string& model,
                           const std::string& slot) {
    core::Booking b;
    b.name = name;
    b.mobile = mobile;
    b.model = model;
    b.mode = core::BookingMode::Slot;
    b.slot = slot;
    b.licenceConfirmed = true;
    b.consent.version = content().settings.consent.version;
    return b;
}

inline const core::charging::ChargingContent& charging() {
    static const core::charging::ChargingContent c = [] {
        auto r = core::charging::loadChargingContent(content().catalog);
        if (!r.content) throw std::runtime_error("charging content fails to load");
        return *r.content;
    }();
    return c;
}

// The day kNowMs falls on in the showroom (surveys are booked relative to it).
inline core::LocalDate today() { return core::localFromUtcMs(kNowMs, content().settings.zone).first; }

// A site-survey draft for a day inside the booking window.
inline core::charging::SurveyBooking surveyDraft(const std::string& name, const std::string& mobile,
                                                 const std::string& district = "") {
    core::charging::SurveyBooking s;
    s.name = name;
    s.mobile = mobile;
    s.district = district;
    s.preferredDate = today().plusDays(3).toString();
    s.period = "morning";
    s.parking = "private_garage";
    s.supply = "single_phase";
    s.distanceFromMeterM = 12;
    s.wallbox = "wallbox-7kw";
    s.model = "heron";
    s.consent.version = charging().survey.consent.version;
    return s;
}

// An anonymous analytics event of session `session` (22 letters) at kNowMs + `offsetS`.
inline core::analytics::Event modelViewed(const std::string& session, const std::string& kiosk, int offsetS,
                                          const std::string& model = "heron") {
    core::analytics::Event e;
    e.type = core::analytics::EventType::ModelViewed;
    e.session = session;
    e.kiosk = kiosk;
    e.timeS = kNowMs / 1000 + offsetS;
    e.model = model;
    return e;
}

inline std::string sessionId(int n) {
    std::string s(core::analytics::kSessionIdLetters, 'a');
    for (size_t i = 0; i < 6; ++i) {
        s[s.size() - 1 - i] = static_cast<char>('a' + n % 26);
        n /= 26;
    }
    return s;
}

// Seed from KIOSK_TEST_SEED, else from the clock; printed so a failure can be replayed.
inline std::uint64_t testSeed(const char* what) {
    std::uint64_t seed = 0;
    if (const char* s = std::getenv("KIOSK_TEST_SEED")) seed = std::strtoull(s, nullptr, 10);
    if (seed == 0) seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) % 1000000007ULL;
    std::printf("%s: seed %llu (replay with KIOSK_TEST_SEED=%llu)\n", what, static_cast<unsigned long long>(seed),
                static_cast<unsigned long long>(seed));
    std::fflush(stdout);
    return seed;
}

inline std::string slurpFile(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {};
    std::string s;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    std::fclose(f);
    return s;
}

}  // namespace testing_store
