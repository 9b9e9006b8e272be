// Booking domain: field validation (names, mobiles, e-mail, control characters, sizes), the
// showroom's slots and queue estimates from content, UUIDv7, and the strict protocol parser.
#include <catch2/catch.hpp>

#include "core/Catalog.h"
#include "core/ContentLoader.h"
#include "core/booking/Booking.h"
#include "core/booking/BookingSettings.h"
#include "support/TestPaths.h"

namespace {

struct Fixture {
    core::Catalog catalog;
    core::BookingSettings settings;
    Fixture() {
        auto loaded = core::loadContent(testing_paths::contentDir());
        for (const auto& e : loaded.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(loaded.ok());
        catalog = *loaded.catalog;
        auto s = core::loadBookingSettings(catalog);
        for (const auto& e : s.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(s.settings);
        settings = *s.settings;
    }
};

core::Booking goodBooking() {
    core::Booking b;
    const unsigned char rnd[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    b.id = core::formatUuidV7(1790000000000LL, rnd);
    b.name = "张伟";
    b.mobile = "+8613800138000";
    b.model = "heron";
    b.mode = core::BookingMode::Slot;
    b.slot = "2026-11-20T10:00";  // a Friday
    b.licenceConfirmed = true;
    b.consent.version = "2026-11-01";
    b.kioskId = "kiosk-a";
    b.createdMs = 1790000000000LL;
    return b;
}

std::vector<std::string> fields(const core::FieldErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

}  // namespace

TEST_CASE("booking content loads and slots follow opening hours") {
    Fixture f;
    const auto friday = *core::parseLocalDate("2026-11-20");
    CHECK(friday.weekday() == 4);
    const auto slots = core::slotsForDay(f.settings, friday);
    REQUIRE(!slots.empty());
    CHECK(slots.front() == "2026-11-20T10:00");
    CHECK(slots[1] == "2026-11-20T11:00");  // 45 min drive + 15 min buffer
    CHECK(slots.back() == "2026-11-20T20:00");  // ends 20:45, before 21:00
    CHECK(core::isSlotStart(f.settings, "2026-11-20T11:00"));
    CHECK_FALSE(core::isSlotStart(f.settings, "2026-11-20T11:30"));
    CHECK_FALSE(core::isSlotStart(f.settings, "2026-11-20T08:00"));
    CHECK(core::slotCapacity(f.catalog, "heron") == 2);
    CHECK(core::slotCapacity(f.catalog, "nope") == 0);
    CHECK(core::slotKey("heron", "2026-11-20T10:00") == "heron@2026-11-20T10:00");
    CHECK(core::parseSlotKey("heron@2026-11-20T10:00")->first == "heron");
    CHECK_FALSE(core::parseSlotKey("heron'--@2026-11-20T10:00"));
    CHECK(f.settings.message("invalid_mobile", "zh-CN").find("手机号") != std::string::npos);
}

TEST_CASE("dates: parsing, leap days, local time from UTC") {
    CHECK_FALSE(core::parseLocalDate("2026-02-29"));
    CHECK(core::parseLocalDate("2028-02-29"));
    CHECK_FALSE(core::parseLocalDateTime("2026-11-20 10:00"));
    CHECK(core::parseLocalDate("2026-12-31")->plusDays(1).toString() == "2027-01-01");
    // 2026-11-19T16:30Z is 2026-11-20 00:30 in Shanghai.
    auto [d, m] = core::localFromUtcMs(1763569800000LL + 365LL * 86400000LL, 480);
    CHECK(d.toString() == "2026-11-20");
    CHECK(m == 30);
}

TEST_CASE("event queue wait comes from the fleet and the average drive") {
    Fixture f;
    CHECK(core::estimatedQueueWaitMinutes(f.settings, 1, 2) == 0);
    CHECK(core::estimatedQueueWaitMinutes(f.settings, 2, 2) == 0);
    CHECK(core::estimatedQueueWaitMinutes(f.settings, 3, 2) == 25);
    CHECK(core::estimatedQueueWaitMinutes(f.settings, 7, 1) == 150);
}

TEST_CASE("mobile numbers: mainland and international E.164") {
    CHECK(core::normalizeMobile("13800138000") == "+8613800138000");
    CHECK(core::normalizeMobile("138 0013 8000") == "+8613800138000");
    CHECK(core::normalizeMobile("+86 138-0013-8000") == "+8613800138000");
    CHECK(core::normalizeMobile("008613800138000") == "+8613800138000");
    CHECK(core::normalizeMobile("+447911123456") == "+447911123456");
    CHECK(core::normalizeMobile("+85291234567") == "+85291234567");
    CHECK_FALSE(core::normalizeMobile("12800138000"));   // 12x is not a mobile prefix
    CHECK_FALSE(core::normalizeMobile("1380013800"));    // 10 digits
    CHECK_FALSE(core::normalizeMobile("+862112345678")); // +86 landline
    CHECK_FALSE(core::normalizeMobile("+0123456789"));
    CHECK_FALSE(core::normalizeMobile("+1234567890123456"));  // 16 digits
    CHECK_FALSE(core::normalizeMobile("13800138000; DROP TABLE"));
}

TEST_CASE("mobile numbers by a market's phone rules from its booking content (Germany)") {
    auto loaded = core::loadContent(core::marketContentDirectory(testing_paths::contentDir(), "de").value());
    for (const auto& e : loaded.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(loaded.ok());
    const auto s = core::loadBookingSettings(*loaded.catalog);
    for (const auto& e : s.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(s.settings);
    const core::PhoneRules& de = s.settings->phone;
    CHECK(de.countryCode == "49");
    CHECK(core::normalizeMobile("0151 23456789", de) == "+4915123456789");
    CHECK(core::normalizeMobile("0171-2345678", de) == "+491712345678");
    CHECK(core::normalizeMobile("+49 151 23456789", de) == "+4915123456789");
    CHECK(core::normalizeMobile("0049 160 1234567", de) == "+491601234567");
    CHECK(core::normalizeMobile("+447911123456", de) == "+447911123456");
    CHECK_FALSE(core::normalizeMobile("030 1234567", de));      // a Berlin landline
    CHECK_FALSE(core::normalizeMobile("+49 30 1234567", de));   // the same with +49
    CHECK_FALSE(core::normalizeMobile("13800138000", de));      // a Chinese mobile without +86 is not German
    CHECK(core::normalizeMobile("+86 138 0013 8000", de) == "+8613800138000");  // with its code it is fine
    // China's rules are content too, and the same as before.
    Fixture f;
    CHECK(f.settings.phone.countryCode == "86");
    CHECK(core::normalizeMobile("138 0013 8000", f.settings.phone) == "+8613800138000");
    CHECK_FALSE(core::normalizeMobile("0151 23456789", f.settings.phone));
}

TEST_CASE("a good booking passes, in Chinese or Latin script") {
    Fixture f;
    auto b = goodBooking();
    CHECK(core::validateBooking(b, f.catalog, f.settings).empty());
    b.name = "Anna-Lena O'Brien";
    CHECK(core::validateBooking(b, f.catalog, f.settings).empty());
    b.name = "José Núñez";
    CHECK(core::validateBooking(b, f.catalog, f.settings).empty());
    b.name = "阿卜杜·热合曼";
    CHECK(core::validateBooking(b, f.catalog, f.settings).empty());
    b.email = "anna.lena+cars@example.com.cn";
    b.configCode = "HRN-7Q2K";
    b.mode = core::BookingMode::Queue;
    b.slot.clear();
    b.queueDate = "2026-11-21";
    CHECK(core::validateBooking(b, f.catalog, f.settings).empty());
}

TEST_CASE("bad fields are rejected naming the field and why") {
    Fixture f;
    struct Case {
        const char* what;
        void (*mutate)(core::Booking&);
        const char* field;
        const char* code;
    };
    const Case cases[] = {
        {"empty name", [](core::Booking& b) { b.name = ""; }, "name", "required"},
        {"mixed script", [](core::Booking& b) { b.name = "张Wei"; }, "name", "invalid_name"},
        {"digits in name", [](core::Booking& b) { b.name = "Anna 2"; }, "name", "invalid_name"},
        {"SQL in name", [](core::Booking& b) { b.name = "x' OR '1'='1"; }, "name", "invalid_name"},
        {"control char", [](core::Booking& b) { b.name = std::string("Anna\x01"); }, "name", "control_chars"},
        {"newline", [](core::Booking& b) { b.name = "Anna\nLee"; }, "name", "control_chars"},
        {"bidi override", [](core::Booking& b) { b.name = "Anna\u202eLee"; }, "name", "control_chars"},
        {"bad utf8", [](core::Booking& b) { b.name = std::string("An\xc3\x28na"); }, "name", "invalid_utf8"},
        {"overlong utf8", [](core::Booking& b) { b.name = std::string("\xc0\xaf"); }, "name", "invalid_utf8"},
        {"long Chinese", [](core::Booking& b) { b.name = std::string(21 * 3, 'x'); b.name.clear(); for (int i = 0; i < 21; ++i) b.name += "张"; }, "name", "too_long"},
        {"long Latin", [](core::Booking& b) { b.name = std::string(65, 'a'); }, "name", "too_long"},
        {"oversized", [](core::Booking& b) { b.name = std::string(100000, 'a'); }, "name", "too_long"},
        {"mobile not canonical", [](core::Booking& b) { b.mobile = "13800138000"; }, "mobile", "invalid_mobile"},
        {"mobile letters", [](core::Booking& b) { b.mobile = "+86138abc"; }, "mobile", "invalid_mobile"},
        {"email", [](core::Booking& b) { b.email = "a@b"; }, "email", "invalid_email"},
        {"email quote", [](core::Booking& b) { b.email = "a'--@example.com"; }, "email", "invalid_email"},
        {"email huge", [](core::Booking& b) { b.email = std::string(300, 'a') + "@example.com"; }, "email", "too_long"},
        {"unknown model", [](core::Booking& b) { b.model = "falcon"; }, "model", "unknown_model"},
        {"bad model id", [](core::Booking& b) { b.model = "heron;--"; }, "model", "invalid_id"},
        {"unknown trim", [](core::Booking& b) { b.trim = "lark-long-range"; }, "trim", "unknown_trim"},
        {"slot off grid", [](core::Booking& b) { b.slot = "2026-11-20T10:30"; }, "slot", "not_a_slot"},
        {"slot malformed", [](core::Booking& b) { b.slot = "tomorrow"; }, "slot", "invalid_slot"},
        {"licence", [](core::Booking& b) { b.licenceConfirmed = false; }, "licence_confirmed", "licence_required"},
        {"consent version", [](core::Booking& b) { b.consent.version = "2019-01-01"; }, "consent.version", "unknown_consent_version"},
        {"consent purpose", [](core::Booking& b) { b.consent.purpose = "marketing"; }, "consent.purpose", "invalid_consent"},
        {"config code", [](core::Booking& b) { b.configCode = "abc'"; }, "config_code", "invalid_config_code"},
        {"booking id", [](core::Booking& b) { b.id = "not-a-uuid"; }, "booking_id", "invalid_id"},
        {"kiosk id", [](core::Booking& b) { b.kioskId = "Kiosk A"; }, "kiosk_id", "invalid_id"},
        {"clock", [](core::Booking& b) { b.createdMs = 5; }, "created_ms", "out_of_range"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto b = goodBooking();
        c.mutate(b);
        const auto errors = core::validateBooking(b, f.catalog, f.settings);
        REQUIRE(!errors.empty());
        CHECK(errors.front().field == c.field);
        CHECK(errors.front().code == c.code);
        // Messages never echo the value (they end up in logs).
        if (b.name.size() > 3) CHECK(errors.front().message.find(b.name) == std::string::npos);
    }
}

TEST_CASE("UUIDv7 has the version and variant bits and sorts by time") {
    const unsigned char r[10] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    const auto a = core::formatUuidV7(1790000000000LL, r);
    const auto b = core::formatUuidV7(1790000000001LL, r);
    CHECK(core::isUuid(a, true));
    CHECK(a[14] == '7');
    CHECK(a < b);
    CHECK_FALSE(core::isUuid("0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b", true));
}

TEST_CASE("booking JSON round-trips and the parser is strict") {
    auto b = goodBooking();
    b.email = "x@example.com";
    core::FieldErrors errors;
    auto back = core::bookingFromJson(core::bookingToJson(b), errors);
    REQUIRE(back);
    CHECK(core::bookingToJson(*back) == core::bookingToJson(b));

    auto j = core::bookingToJson(b);
    j["name"] = 42;
    errors.clear();
    CHECK_FALSE(core::bookingFromJson(j, errors));
    CHECK(fields(errors) == std::vector<std::string>{"name"});

    j = core::bookingToJson(b);
    j["is_admin"] = true;
    errors.clear();
    CHECK_FALSE(core::bookingFromJson(j, errors));
}
