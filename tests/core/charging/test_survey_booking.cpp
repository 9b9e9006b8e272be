// The home-charger site-survey booking: a second booking kind with its own fields and consent.
// Name, mobile and ids face the same hostile inputs as test-drive bookings, with the same answers.
#include <catch2/catch.hpp>

#include "core/ContentLoader.h"
#include "core/booking/Booking.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/ChargingContent.h"
#include "core/charging/SurveyBooking.h"
#include "support/TestPaths.h"

using namespace core::charging;

namespace {

struct SurveyFixture {
    core::Catalog catalog;
    ChargingContent content;
    core::BookingSettings settings;
    SurveyFixture() {
        auto loaded = core::loadContent(testing_paths::contentDir());
        REQUIRE(loaded.ok());
        catalog = *loaded.catalog;
        auto c = loadChargingContent(catalog);
        for (const auto& e : c.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(c.content);
        content = *c.content;
        auto s = core::loadBookingSettings(catalog);
        REQUIRE(s.settings);
        settings = *s.settings;
    }
};

const core::LocalDate kToday{2026, 11, 16};

SurveyBooking goodSurvey() {
    SurveyBooking b;
    const unsigned char rnd[10] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    b.id = core::formatUuidV7(1790000000000LL, rnd);
    b.name = "张伟";
    b.mobile = "+8613800138000";
    b.district = "滨江区 星光花园";
    b.preferredDate = "2026-11-20";
    b.period = "morning";
    b.parking = "own_space";
    b.supply = "three_phase";
    b.propertyConsent = "yes";
    b.distanceFromMeterM = 25;
    b.wallbox = "wallbox-11kw";
    b.model = "heron";
    b.trim = "heron-long-range";
    b.consent.version = "survey-2026-11-01";
    b.kioskId = "kiosk-a";
    b.createdMs = 1790000000000LL;
    return b;
}

core::Booking goodTestDrive() {
    core::Booking b;
    const unsigned char rnd[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    b.id = core::formatUuidV7(1790000000000LL, rnd);
    b.name = "张伟";
    b.mobile = "+8613800138000";
    b.model = "heron";
    b.mode = core::BookingMode::Slot;
    b.slot = "2026-11-20T10:00";
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

TEST_CASE("a good survey booking passes, alone or alongside a test drive") {
    SurveyFixture f;
    auto b = goodSurvey();
    CHECK(validateSurveyBooking(b, f.catalog, f.content, kToday).empty());
    b.testDriveId = goodTestDrive().id;
    b.district.clear();
    b.trim.clear();
    b.name = "Anna-Lena O'Brien";
    b.mobile = "+447700900123";
    b.parking = "private_garage";
    b.propertyConsent = "not_asked";
    b.supply = "unknown";
    b.period = "afternoon";
    CHECK(validateSurveyBooking(b, f.catalog, f.content, kToday).empty());
}

TEST_CASE("survey booking: hostile names, mobiles and ids get the same answer as a test drive") {
    SurveyFixture f;
    struct Case {
        const char* what;
        const char* field;
        std::string value;
    };
    std::string longChinese;
    for (int i = 0; i < 21; ++i) longChinese += "张";
    const Case cases[] = {
        {"empty name", "name", ""},
        {"mixed script", "name", "张Wei"},
        {"digits in name", "name", "Anna 2"},
        {"SQL in name", "name", "x' OR '1'='1"},
        {"control char", "name", std::string("Anna\x01")},
        {"newline", "name", "Anna\nLee"},
        {"bidi override", "name", "Anna\u202eLee"},
        {"zero width", "name", "Anna\u200bLee"},
        {"bad utf8", "name", std::string("An\xc3\x28na")},
        {"overlong utf8", "name", std::string("\xc0\xaf")},
        {"long Chinese", "name", longChinese},
        {"long Latin", "name", std::string(65, 'a')},
        {"oversized", "name", std::string(100000, 'a')},
        {"html", "name", "<script>alert(1)</script>"},
        {"empty mobile", "mobile", ""},
        {"mobile not canonical", "mobile", "13800138000"},
        {"mobile letters", "mobile", "+86138abc"},
        {"mobile landline", "mobile", "+86571888888"},
        {"mobile huge", "mobile", "+" + std::string(5000, '1')},
        {"unknown model", "model", "falcon"},
        {"bad model id", "model", "heron;--"},
        {"unknown trim", "trim", "lark-long-range"},
        {"kiosk id", "kiosk_id", "Kiosk A"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto s = goodSurvey();
        auto t = goodTestDrive();
        s.trim.clear();
        const std::string field = c.field;
        if (field == "name") s.name = t.name = c.value;
        else if (field == "mobile") s.mobile = t.mobile = c.value;
        else if (field == "model") s.model = t.model = c.value;
        else if (field == "trim") s.trim = t.trim = c.value;
        else if (field == "kiosk_id") s.kioskId = t.kioskId = c.value;
        const auto se = validateSurveyBooking(s, f.catalog, f.content, kToday);
        const auto te = core::validateBooking(t, f.catalog, f.settings);
        REQUIRE(!se.empty());
        REQUIRE(!te.empty());
        CHECK(se.front().field == field);
        CHECK(se.front().field == te.front().field);
        CHECK(se.front().code == te.front().code);
        if (c.value.size() > 3)
            for (const auto& e : se) CHECK(e.message.find(c.value) == std::string::npos);
    }
}

TEST_CASE("survey booking: its own fields are checked against the charging content") {
    SurveyFixture f;
    struct Case {
        const char* what;
        void (*mutate)(SurveyBooking&);
        const char* field;
        const char* code;
    };
    const Case cases[] = {
        {"survey id", [](SurveyBooking& b) { b.id = "0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b"; }, "survey_id", "invalid_id"},
        {"district control", [](SurveyBooking& b) { b.district = "星光\x07花园"; }, "district", "control_chars"},
        {"district bidi", [](SurveyBooking& b) { b.district = "a\u202eb"; }, "district", "control_chars"},
        {"district utf8", [](SurveyBooking& b) { b.district = std::string("\xff\xfe"); }, "district", "invalid_utf8"},
        {"district huge", [](SurveyBooking& b) { b.district = std::string(100000, 'x'); }, "district", "too_long"},
        {"district over content", [](SurveyBooking& b) { b.district = std::string(41, 'x'); }, "district", "too_long"},
        {"district spaces", [](SurveyBooking& b) { b.district = " x"; }, "district", "invalid_district"},
        {"date malformed", [](SurveyBooking& b) { b.preferredDate = "next week"; }, "preferred_date", "invalid_date"},
        {"date impossible", [](SurveyBooking& b) { b.preferredDate = "2026-02-30"; }, "preferred_date", "invalid_date"},
        {"date today", [](SurveyBooking& b) { b.preferredDate = "2026-11-16"; }, "preferred_date", "outside_window"},
        {"date far", [](SurveyBooking& b) { b.preferredDate = "2027-01-16"; }, "preferred_date", "outside_window"},
        {"period", [](SurveyBooking& b) { b.period = "midnight"; }, "period", "unknown_period"},
        {"period syntax", [](SurveyBooking& b) { b.period = "Morning!"; }, "period", "invalid_id"},
        {"shared parking", [](SurveyBooking& b) { b.parking = "shared_parking"; }, "parking", "no_home_charging"},
        {"unknown parking", [](SurveyBooking& b) { b.parking = "roof"; }, "parking", "unknown_parking"},
        {"refused", [](SurveyBooking& b) { b.propertyConsent = "no"; }, "property_consent", "property_refused"},
        {"consent value", [](SurveyBooking& b) { b.propertyConsent = "perhaps"; }, "property_consent", "invalid_value"},
        {"supply", [](SurveyBooking& b) { b.supply = "two_phase"; }, "supply", "unknown_supply"},
        {"distance", [](SurveyBooking& b) { b.distanceFromMeterM = -3; }, "distance_from_meter_m", "out_of_range"},
        {"too far", [](SurveyBooking& b) { b.distanceFromMeterM = 150; }, "distance_from_meter_m", "too_far_from_meter"},
        {"wallbox", [](SurveyBooking& b) { b.wallbox = "wallbox-22kw"; }, "wallbox", "unknown_wallbox"},
        {"test drive id", [](SurveyBooking& b) { b.testDriveId = "abc"; }, "test_drive_id", "invalid_id"},
        {"own id", [](SurveyBooking& b) { b.testDriveId = b.id; }, "test_drive_id", "invalid_id"},
        {"purpose", [](SurveyBooking& b) { b.consent.purpose = "test_drive"; }, "consent.purpose", "invalid_consent"},
        {"version", [](SurveyBooking& b) { b.consent.version = "2026-11-01"; }, "consent.version", "unknown_consent_version"},
        {"version syntax", [](SurveyBooking& b) { b.consent.version = "v 1"; }, "consent.version", "invalid_consent"},
        {"clock", [](SurveyBooking& b) { b.createdMs = 5; }, "created_ms", "out_of_range"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto b = goodSurvey();
        c.mutate(b);
        const auto errors = validateSurveyBooking(b, f.catalog, f.content, kToday);
        REQUIRE(!errors.empty());
        CHECK(errors.front().field == c.field);
        CHECK(errors.front().code == c.code);
    }
}

TEST_CASE("survey booking JSON round-trips and the parser is strict") {
    auto b = goodSurvey();
    b.testDriveId = goodTestDrive().id;
    b.consent.contactPermission = true;
    core::FieldErrors errors;
    const auto j = surveyBookingToJson(b);
    CHECK(j["kind"] == "home_charger_survey");
    CHECK(j["consent"]["purpose"] == "home_charger_survey");
    auto back = surveyBookingFromJson(j, errors);
    REQUIRE(back);
    CHECK(surveyBookingToJson(*back) == j);

    auto bad = j;
    bad["mobile"] = 13800138000LL;
    errors.clear();
    CHECK_FALSE(surveyBookingFromJson(bad, errors));
    CHECK(fields(errors) == std::vector<std::string>{"mobile"});

    bad = j;
    bad["is_admin"] = true;
    errors.clear();
    CHECK_FALSE(surveyBookingFromJson(bad, errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "unknown_field");
    CHECK(errors[0].message.find("is_admin") == std::string::npos);

    bad = j;
    bad["kind"] = "test_drive";
    errors.clear();
    CHECK_FALSE(surveyBookingFromJson(bad, errors));
    CHECK(fields(errors) == std::vector<std::string>{"kind"});

    bad = j;
    bad.erase("preferred_date");
    bad["distance_from_meter_m"] = 2.5;
    bad["consent"]["contact_permission"] = "yes";
    errors.clear();
    CHECK_FALSE(surveyBookingFromJson(bad, errors));
    CHECK(fields(errors) ==
          std::vector<std::string>{"preferred_date", "distance_from_meter_m", "consent.contact_permission"});

    errors.clear();
    CHECK_FALSE(surveyBookingFromJson(nlohmann::json::array(), errors));
    CHECK(errors.size() == 1);
    // A test drive is not a survey: the kinds never mix.
    errors.clear();
    CHECK_FALSE(surveyBookingFromJson(core::bookingToJson(goodTestDrive()), errors));
}
