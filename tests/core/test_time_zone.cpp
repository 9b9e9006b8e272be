// Market time zones: TZif files of the system's zone database and their POSIX footer rules,
// around the German daylight-saving changes of 2026 (29 March 01:00 UTC, 25 October 01:00 UTC).
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/TimeZone.h"
#include "support/Skip.h"

namespace {

constexpr std::int64_t kHour = 3600;
// 2026-03-29T01:00:00Z and 2026-10-25T01:00:00Z: the changes in Germany (and all of the EU).
constexpr std::int64_t kSpring2026 = 1774746000;
constexpr std::int64_t kAutumn2026 = 1792890000;

std::optional<core::TimeZone> zoneOrSkip(const std::string& name) {
    if (!std::filesystem::exists(core::zoneinfoDirectory() + "/" + name)) return std::nullopt;
    auto z = core::loadTimeZone(name);
    INFO(z.error);
    REQUIRE(z.zone);
    return z.zone;
}

std::string hhmm(const core::LocalDateTime& t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", t.year, t.month, t.day, t.secondOfDay / 3600,
                  t.secondOfDay / 60 % 60);
    return buf;
}

}  // namespace

TEST_CASE("Europe/Berlin from the zone database changes at the 2026 daylight-saving dates") {
    const auto berlin = zoneOrSkip("Europe/Berlin");
    if (!berlin) KIOSK_SKIP("no Europe/Berlin under " << core::zoneinfoDirectory() << " (install tzdata)");
    CHECK(berlin->name() == "Europe/Berlin");
    // Spring: 01:59:59 CET is followed by 03:00:00 CEST.
    CHECK(berlin->offsetSecondsAt(kSpring2026 - 1) == kHour);
    CHECK(berlin->offsetSecondsAt(kSpring2026) == 2 * kHour);
    CHECK(hhmm(berlin->localTime(kSpring2026 - 60)) == "2026-03-29T01:59");
    CHECK(hhmm(berlin->localTime(kSpring2026)) == "2026-03-29T03:00");
    // Autumn: 02:59:59 CEST is followed by 02:00:00 CET.
    CHECK(berlin->offsetSecondsAt(kAutumn2026 - 1) == 2 * kHour);
    CHECK(berlin->offsetSecondsAt(kAutumn2026) == kHour);
    CHECK(hhmm(berlin->localTime(kAutumn2026 - 60)) == "2026-10-25T02:59");
    CHECK(hhmm(berlin->localTime(kAutumn2026)) == "2026-10-25T02:00");
    // A summer evening at 22:30 UTC is already the next day in Berlin (a fixed +60 would not say so).
    CHECK(hhmm(berlin->localTime(1784154600)) == "2026-07-16T00:30");  // 2026-07-15T22:30Z
    CHECK(hhmm(berlin->localTime(1795213800)) == "2026-11-20T23:30");  // 2026-11-20T22:30Z, winter
    // Far ahead, past any table in the file, the footer rule decides: last Sundays of 2100.
    CHECK(berlin->offsetSecondsAt(4109878800 - 1) == kHour);       // 2100-03-28T01:00Z - 1 s
    CHECK(berlin->offsetSecondsAt(4109878800) == 2 * kHour);
    CHECK(berlin->offsetSecondsAt(4128627600 - 1) == 2 * kHour);   // 2100-10-31T01:00Z - 1 s
    CHECK(berlin->offsetSecondsAt(4128627600) == kHour);
    // History from the table: no daylight saving in Germany in 1970.
    CHECK(berlin->offsetSecondsAt(15638400) == kHour);  // 1970-07-01
}

TEST_CASE("Asia/Shanghai keeps UTC+8 all year, summer and winter") {
    const auto shanghai = zoneOrSkip("Asia/Shanghai");
    if (!shanghai) KIOSK_SKIP("no Asia/Shanghai under " << core::zoneinfoDirectory() << " (install tzdata)");
    for (std::int64_t t : {kSpring2026 - 1, kSpring2026, kAutumn2026 - 1, kAutumn2026, std::int64_t{4109878800}})
        CHECK(shanghai->offsetSecondsAt(t) == 8 * kHour);
    CHECK(hhmm(shanghai->localTime(1784154600)) == "2026-07-16T06:30");
}

TEST_CASE("the POSIX footer rule agrees with the zone table every hour from 2020 to 2037") {
    const auto berlin = zoneOrSkip("Europe/Berlin");
    if (!berlin) KIOSK_SKIP("no Europe/Berlin under " << core::zoneinfoDirectory() << " (install tzdata)");
    std::string error;
    const auto rule = core::parsePosixZoneRule("CET-1CEST,M3.5.0,M10.5.0/3", error);
    INFO(error);
    REQUIRE(rule);
    int changes = 0;
    for (std::int64_t t = 1577836800; t < 2145916800; t += kHour) {  // 2020-01-01 .. 2038-01-01
        REQUIRE(rule->offsetAt(t) == berlin->offsetSecondsAt(t));
        if (rule->offsetAt(t) != rule->offsetAt(t - kHour)) ++changes;
    }
    CHECK(changes == 2 * 18);
}

TEST_CASE("POSIX rules: southern hemisphere, Julian days, offsets with minutes, and refusals") {
    std::string error;
    // Sydney: daylight saving from the first Sunday of October to the first Sunday of April.
    const auto sydney = core::parsePosixZoneRule("AEST-10AEDT,M10.1.0,M4.1.0/3", error);
    REQUIRE(sydney);
    CHECK(sydney->offsetAt(1768478400) == 11 * kHour);  // 2026-01-15T12:00Z: summer there
    CHECK(sydney->offsetAt(1784116800) == 10 * kHour);  // 2026-07-15T12:00Z: winter
    const auto india = core::parsePosixZoneRule("IST-5:30", error);
    REQUIRE(india);
    CHECK(india->offsetAt(0) == 5 * kHour + 30 * 60);
    const auto quoted = core::parsePosixZoneRule("<+0330>-3:30", error);
    REQUIRE(quoted);
    CHECK(quoted->offsetAt(0) == 3 * kHour + 30 * 60);
    const auto julian = core::parsePosixZoneRule("XST0XDT,J60/0,J300/0", error);  // 1 March .. 27 October
    REQUIRE(julian);
    CHECK(julian->offsetAt(1772323200 - 1) == 0);   // 2026-02-28T23:59:59Z
    CHECK(julian->offsetAt(1772323200) == kHour);   // 2026-03-01T00:00Z
    for (const char* bad : {"", "C-1", "CET", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-1CEST,M3.5.0,M10.5.0x"}) {
        INFO(bad);
        CHECK_FALSE(core::parsePosixZoneRule(bad, error));
        CHECK(error.find("POSIX TZ rule") != std::string::npos);
    }
}

TEST_CASE("a time zone name is a plain zone database path, and bad files are refused with the reason") {
    for (const char* bad : {"", "/etc/passwd", "../../etc/passwd", "Europe/../../etc/passwd", "Europe//Berlin",
                            "Europe/Berlin/", "Europe/Berlin;rm", "-rf"}) {
        const auto r = core::loadTimeZone(bad);
        INFO(bad << ": " << r.error);
        CHECK_FALSE(r.zone);
        CHECK(r.error.find("is not an IANA time zone name") != std::string::npos);
    }
    const auto missing = core::loadTimeZone("Europe/Berln");
    CHECK_FALSE(missing.zone);
    CHECK(missing.error.find("unknown time zone \"Europe/Berln\"") != std::string::npos);

    const auto dir = std::filesystem::temp_directory_path() / "kiosk-tz-test";
    std::filesystem::create_directories(dir / "Test");
    std::ofstream(dir / "Test" / "Text") << "not a zone file";
    const auto text = core::loadTimeZone("Test/Text", dir.string());
    CHECK_FALSE(text.zone);
    CHECK(text.error.find("not a TZif file") != std::string::npos);
    if (std::filesystem::exists(core::zoneinfoDirectory() + "/Europe/Berlin")) {
        std::ifstream in(core::zoneinfoDirectory() + "/Europe/Berlin", std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (size_t cut : {size_t{30}, size_t{60}, bytes.size() / 2, bytes.size() - 3}) {
            std::string error;
            INFO("cut at " << cut);
            CHECK_FALSE(core::TimeZone::fromTzif("Europe/Berlin", std::string_view(bytes).substr(0, cut), error));
            CHECK_FALSE(error.empty());
        }
        std::string error;
        CHECK(core::TimeZone::fromTzif("Europe/Berlin", bytes, error));
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a civil time in Berlin maps back to UTC, across both 2026 changes") {
    const auto berlin = zoneOrSkip("Europe/Berlin");
    if (!berlin) KIOSK_SKIP("no Europe/Berlin under " << core::zoneinfoDirectory() << " (install tzdata)");
    auto at = [&](int y, int mo, int d, int h, int mi) { return berlin->utcSecondsOf({y, mo, d, h * 3600 + mi * 60}); };
    // Every quarter hour of 2026 round-trips through localTime (the hours that do not exist aside).
    for (std::int64_t t = 1767225600; t < 1798761600; t += 900) {
        const auto local = berlin->localTime(t);
        const auto back = berlin->utcSecondsOf(local);
        if (t >= kAutumn2026 && t < kAutumn2026 + kHour) CHECK(back == t - kHour);  // the repeated hour: its first instant
        else REQUIRE(back == t);
    }
    CHECK(at(2026, 1, 15, 10, 0) == 1768467600);                 // 09:00Z in winter
    CHECK(at(2026, 7, 15, 10, 0) == 1784102400);                 // 08:00Z in summer
    CHECK(at(2026, 3, 29, 2, 30) == kSpring2026 + 30 * 60);      // skipped: read as 03:30 summer time
    CHECK(at(2026, 10, 25, 2, 30) == kAutumn2026 - 30 * 60);     // repeated: the summer-time instant
    const auto shanghai = zoneOrSkip("Asia/Shanghai");
    REQUIRE(shanghai);
    CHECK(shanghai->utcSecondsOf({2026, 11, 20, 10 * 3600}) == 1795140000);  // 02:00Z
}
