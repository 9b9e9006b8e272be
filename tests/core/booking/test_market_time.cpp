// The showroom's time is the market's time zone (market.json "time_zone"), with its daylight-saving
// rules: Germany is UTC+1 in winter and UTC+2 in summer, China UTC+8 all year.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/Catalog.h"
#include "core/ContentLoader.h"
#include "core/booking/BookingSettings.h"
#include "support/MarketFixture.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

namespace {

struct MarketBooking {
    core::Catalog catalog;
    core::BookingSettings settings;
};

MarketBooking load(const std::string& dir) {
    auto loaded = core::loadContent(dir);
    for (const auto& e : loaded.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(loaded.ok());
    auto s = core::loadBookingSettings(*loaded.catalog);
    for (const auto& e : s.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(s.settings);
    return {std::move(*loaded.catalog), std::move(*s.settings)};
}

std::string local(std::int64_t utcMs, const core::TimeZone& zone) {
    const auto [day, minute] = core::localFromUtcMs(utcMs, zone);
    return core::formatLocalDateTime(day, minute);
}

bool haveZoneDatabase() { return std::filesystem::exists(core::zoneinfoDirectory() + "/Europe/Berlin"); }

}  // namespace

TEST_CASE("Germany's bookings follow Berlin time across the 2026 daylight-saving changes") {
    if (!haveZoneDatabase()) KIOSK_SKIP("no zone database under " << core::zoneinfoDirectory() << " (install tzdata)");
    const MarketBooking de = load(testing_paths::contentDir() + "/markets/de");
    CHECK(de.catalog.market.timeZone.name() == "Europe/Berlin");
    CHECK(de.settings.zone.name() == "Europe/Berlin");
    const core::TimeZone& z = de.settings.zone;
    // 29 March 2026: 00:59 UTC is 01:59 CET, 01:00 UTC is 03:00 CEST.
    CHECK(local(1774745940000, z) == "2026-03-29T01:59");
    CHECK(local(1774746000000, z) == "2026-03-29T03:00");
    // Monday 30 March, 07:30 UTC: 09:30 in Berlin (a fixed UTC+1 said 08:30), so the 09:00 slot has begun.
    CHECK(local(1774855800000, z) == "2026-03-30T09:30");
    // 25 October 2026: 00:59 UTC is 02:59 CEST, 01:00 UTC is 02:00 CET.
    CHECK(local(1792889940000, z) == "2026-10-25T02:59");
    CHECK(local(1792890000000, z) == "2026-10-25T02:00");
    // A summer evening: 22:30 UTC on 15 July is already "today" = 16 July at the showroom.
    CHECK(core::localFromUtcMs(1784154600000, z).first.toString() == "2026-07-16");
    // Winter: the same UTC time of day is still the same day.
    CHECK(core::localFromUtcMs(1795213800000, z).first.toString() == "2026-11-20");
}

TEST_CASE("China's bookings stay at UTC+8 in summer and winter") {
    if (!haveZoneDatabase()) KIOSK_SKIP("no zone database under " << core::zoneinfoDirectory() << " (install tzdata)");
    const MarketBooking cn = load(testing_paths::contentDir());
    CHECK(cn.settings.zone.name() == "Asia/Shanghai");
    CHECK(local(1784154600000, cn.settings.zone) == "2026-07-16T06:30");
    CHECK(local(1795213800000, cn.settings.zone) == "2026-11-21T06:30");
}

TEST_CASE("time zone content errors name the file, the field and the value") {
    const std::string all = market_fixture::errorsWithMarket(R"(, "time_zone": "Asia/Shangai")");
    INFO(all);
    CHECK(all.find("market.json: /time_zone: unknown time zone \"Asia/Shangai\"") != std::string::npos);
    CHECK(market_fixture::errorsWithMarket(R"(, "time_zone": "../../etc/passwd")").find("is not an IANA time zone name") !=
          std::string::npos);
    CHECK(all.find("showroom.json") == std::string::npos);  // one error, not a second one about the showroom
    CHECK(market_fixture::errorsWithMarket("").find("market.json: missing field \"time_zone\"") != std::string::npos);
    // A showroom in another zone than its market is refused.
    CHECK(market_fixture::errorsWithMarket(R"(, "time_zone": "Europe/Berlin")")
              .find("showroom.json: /timezone: \"Asia/Shanghai\" differs from the market's time_zone \"Europe/Berlin\"") !=
          std::string::npos);

    // A booking file with the old fixed offset is refused, pointing at the market's zone.
    if (haveZoneDatabase()) {
        const MarketBooking cn = load(testing_paths::contentDir());
        const auto file = std::filesystem::temp_directory_path() / "kiosk-booking-offset.json";
        std::ofstream(file) << R"({"format": 1, "utc_offset_minutes": 60})";
        auto s = core::loadBookingSettings(file.string(), cn.catalog);
        std::string errors;
        for (const auto& e : s.errors) errors += e.toString() + "\n";
        INFO(errors);
        CHECK(errors.find("/utc_offset_minutes: a fixed offset is no longer read") != std::string::npos);
        CHECK(errors.find("time_zone") != std::string::npos);
        std::filesystem::remove(file);
    }
}
