// Prices are read for the day in the market's time zone, not the machine's: a German promotion
// that ends on 31 December has ended at 23:30 UTC that night (00:30 in Berlin).
#include <catch2/catch.hpp>

#include <filesystem>

#include "PricingTestSupport.h"
#include "support/Skip.h"

using pricing_test::day;

TEST_CASE("the pricing day is the market's calendar day, with daylight saving") {
    const auto berlin = core::loadTimeZone("Europe/Berlin");
    const auto shanghai = core::loadTimeZone("Asia/Shanghai");
    if (!berlin.zone || !shanghai.zone) KIOSK_SKIP("no zone database: " << berlin.error);
    using core::pricing::Date;
    CHECK(Date::at(*berlin.zone, 1784154600) == day("2026-07-16"));  // 2026-07-15T22:30Z, CEST
    CHECK(Date::at(*berlin.zone, 1784150999) == day("2026-07-15"));  // 21:29:59Z = 23:29:59 CEST
    CHECK(Date::at(*berlin.zone, 1798756200) == day("2026-12-31"));    // 2026-12-31T22:30Z = 23:30 CET
    CHECK(Date::at(*berlin.zone, 1798759800) == day("2027-01-01"));    // 2026-12-31T23:30Z = 00:30 CET
    CHECK(Date::at(*shanghai.zone, 1798731000) == day("2026-12-31"));  // 2026-12-31T15:30Z = 23:30 CST
    CHECK(Date::at(*shanghai.zone, 1798734600) == day("2027-01-01"));  // 2026-12-31T16:30Z = 00:30 CST
}

TEST_CASE("a German promotion ends at midnight Berlin time, not at the machine's midnight") {
    if (!std::filesystem::exists(core::zoneinfoDirectory() + "/Europe/Berlin")) KIOSK_SKIP("no zone database (install tzdata)");
    const auto de = pricing_test::load(testing_paths::contentDir() + "/markets/de");
    const core::Configuration heron = pricing_test::defaults(de.catalog, "heron", "heron-standard");
    core::pricing::PriceOptions o;
    o.date = core::pricing::Date::at(de.catalog.market.timeZone, 1798756200);  // 2026-12-31T22:30Z
    const auto lastEvening = pricing_test::price(de, heron, o);
    CHECK(pricing_test::amountOf(lastEvening, core::pricing::LineKind::BrandPromotion) == -150000);
    o.date = core::pricing::Date::at(de.catalog.market.timeZone, 1798759800);  // 2026-12-31T23:30Z
    const auto newYear = pricing_test::price(de, heron, o);
    CHECK(pricing_test::amountOf(newYear, core::pricing::LineKind::BrandPromotion) == 0);
    CHECK(newYear.totalMinor == lastEvening.totalMinor + 150000);
}
