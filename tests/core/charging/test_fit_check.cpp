// Home-charging fit check: every parking situation and supply with its expected answer, charging
// times from the range model, steps and documents, the public picture, and content validation.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/ContentLoader.h"
#include "core/charging/ChargingContent.h"
#include "core/charging/FitCheck.h"
#include "support/TestPaths.h"

using namespace core::charging;

namespace {

struct Fixture {
    core::Catalog catalog;
    ChargingContent content;
    core::range::RangeData range;
    Fixture() {
        auto loaded = core::loadContent(testing_paths::contentDir());
        for (const auto& e : loaded.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(loaded.ok());
        catalog = *loaded.catalog;
        auto c = loadChargingContent(catalog);
        for (const auto& e : c.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(c.content);
        content = *c.content;
        auto r = core::range::loadRangeData(catalog);
        for (const auto& e : r.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(r.data);
        range = *r.data;
    }
    core::Configuration car(const std::string& model, const std::string& trim) const {
        const core::Model* m = catalog.findModel(model);
        REQUIRE(m);
        const core::Trim* t = m->findTrim(trim);
        REQUIRE(t);
        return core::defaultConfiguration(*m, *t);
    }
    FitAnswer check(const FitAnswers& a, const core::Configuration& config, const core::range::Conditions& c = {}) const {
        auto r = checkHomeCharging(a, content, range, catalog, config, c);
        INFO(r.error());
        REQUIRE(r);
        return *r;
    }
};

std::vector<std::string> codes(const FitAnswer& a) {
    std::vector<std::string> out;
    for (const auto& n : a.notes) out.push_back(n.code);
    return out;
}
std::vector<std::string> ids(const std::vector<FitItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.id);
    return out;
}

FitAnswers answers(const std::string& parking, PropertyConsent consent, const std::string& supply, const std::string& wallbox,
                   int distanceM = 10) {
    FitAnswers a;
    a.parking = parking;
    a.propertyConsent = consent;
    a.supply = supply;
    a.wallbox = wallbox;
    a.distanceFromMeterM = distanceM;
    return a;
}

}  // namespace

TEST_CASE("shipped charging content loads with both languages") {
    Fixture f;
    CHECK(f.content.wallboxes.size() == 2);
    CHECK(f.content.findWallbox("wallbox-7kw")->powerKw == 7);
    CHECK(f.content.findWallbox("wallbox-11kw")->phases == 3);
    CHECK(f.content.findParking("shared_parking")->homeCharging == false);
    CHECK(f.content.findParking("own_space")->propertyConsent == true);
    for (const auto& s : f.content.steps) {
        CHECK(s.text.has("zh-CN"));
        CHECK(s.text.has("en"));
    }
    CHECK(f.content.survey.consent.version == "survey-2026-11-01");
    CHECK(f.content.survey.consent.purpose.has("zh-CN"));
}

TEST_CASE("fit check: every parking situation and supply gives its expected answer") {
    Fixture f;
    const auto heron = f.car("heron", "heron-long-range");  // 11 kW on-board charger
    struct Case {
        const char* parking;
        PropertyConsent consent;
        const char* supply;
        const char* wallbox;
        Verdict verdict;
        const char* installed;  // "" when nothing can be installed
        std::vector<std::string> notes;
    };
    const Case cases[] = {
        {"private_garage", PropertyConsent::NotAsked, "single_phase", "wallbox-7kw", Verdict::Possible, "wallbox-7kw", {}},
        {"private_garage", PropertyConsent::NotAsked, "three_phase", "wallbox-7kw", Verdict::Possible, "wallbox-7kw", {}},
        {"private_garage", PropertyConsent::NotAsked, "unknown", "wallbox-7kw", Verdict::Possible, "wallbox-7kw", {}},
        {"private_garage", PropertyConsent::NotAsked, "three_phase", "wallbox-11kw", Verdict::Possible, "wallbox-11kw", {}},
        {"private_garage", PropertyConsent::NotAsked, "single_phase", "wallbox-11kw", Verdict::Possible, "wallbox-7kw",
         {"single_phase_limits_power"}},
        {"private_garage", PropertyConsent::NotAsked, "unknown", "wallbox-11kw", Verdict::Conditional, "wallbox-11kw",
         {"supply_to_confirm"}},
        {"own_space", PropertyConsent::Yes, "single_phase", "wallbox-7kw", Verdict::Possible, "wallbox-7kw", {}},
        {"own_space", PropertyConsent::Yes, "three_phase", "wallbox-11kw", Verdict::Possible, "wallbox-11kw", {}},
        {"own_space", PropertyConsent::Yes, "single_phase", "wallbox-11kw", Verdict::Possible, "wallbox-7kw",
         {"single_phase_limits_power"}},
        {"own_space", PropertyConsent::NotAsked, "three_phase", "wallbox-7kw", Verdict::Conditional, "wallbox-7kw",
         {"property_consent_needed"}},
        {"own_space", PropertyConsent::NotAsked, "unknown", "wallbox-11kw", Verdict::Conditional, "wallbox-11kw",
         {"property_consent_needed", "supply_to_confirm"}},
        {"own_space", PropertyConsent::No, "three_phase", "wallbox-7kw", Verdict::NotPossible, "", {"property_refused"}},
        {"shared_parking", PropertyConsent::NotAsked, "single_phase", "wallbox-7kw", Verdict::NotPossible, "", {"no_fixed_space"}},
        {"shared_parking", PropertyConsent::NotAsked, "three_phase", "wallbox-11kw", Verdict::NotPossible, "", {"no_fixed_space"}},
        {"shared_parking", PropertyConsent::Yes, "unknown", "wallbox-11kw", Verdict::NotPossible, "", {"no_fixed_space"}},
    };
    for (const auto& c : cases) {
        INFO(c.parking << " / " << toString(c.consent) << " / " << c.supply << " / " << c.wallbox);
        const auto a = f.check(answers(c.parking, c.consent, c.supply, c.wallbox), heron);
        CHECK(a.verdict == c.verdict);
        CHECK(a.wallbox == c.installed);
        CHECK(codes(a) == c.notes);
        for (const auto& n : a.notes) CHECK(n.text.has("zh-CN"));
        // The public picture is always there, for comparison or as the answer.
        CHECK(a.publicCharging.dcStationCount == 30);
        CHECK(a.publicCharging.typicalDcKw == 120);
        CHECK(a.publicCharging.costPerWeekMinor > 0);
        if (c.verdict == Verdict::NotPossible) {
            CHECK(a.steps.empty());
            CHECK(a.documents.empty());
            CHECK(a.hours0To100 == 0);
            CHECK(a.costPerWeekMinor == a.publicCharging.costPerWeekMinor);
        } else {
            CHECK(a.hours0To100 > 0);
            CHECK(a.costPerWeekMinor < a.publicCharging.costPerWeekMinor);  // home energy is cheaper
        }
    }
}

TEST_CASE("fit check: steps and documents follow the parking situation") {
    Fixture f;
    const auto car = f.car("heron", "heron-long-range");
    const auto garage = f.check(answers("private_garage", PropertyConsent::NotAsked, "single_phase", "wallbox-7kw"), car);
    CHECK(ids(garage.steps) == std::vector<std::string>{"site_survey", "grid_application", "installation", "commissioning"});
    CHECK(ids(garage.documents) ==
          std::vector<std::string>{"id_card", "purchase_contract", "parking_proof", "grid_application_form"});
    const auto space = f.check(answers("own_space", PropertyConsent::Yes, "single_phase", "wallbox-7kw"), car);
    CHECK(ids(space.steps) ==
          std::vector<std::string>{"site_survey", "property_consent", "grid_application", "installation", "commissioning"});
    CHECK(ids(space.documents) == std::vector<std::string>{"id_card", "purchase_contract", "parking_proof",
                                                            "property_consent_letter", "grid_application_form"});
}

TEST_CASE("fit check: charging time comes from the range model for the configured car") {
    Fixture f;
    const auto heron = f.car("heron", "heron-long-range");
    core::range::Conditions c;
    const auto seven = f.check(answers("private_garage", PropertyConsent::NotAsked, "three_phase", "wallbox-7kw"), heron, c);
    const auto eleven = f.check(answers("private_garage", PropertyConsent::NotAsked, "three_phase", "wallbox-11kw"), heron, c);
    c.wallboxKw = 7;
    const auto e7 = core::range::estimate(f.range, f.catalog, heron, c);
    REQUIRE(e7);
    CHECK(seven.hours0To100 == Approx(e7->ac0To100H));
    CHECK(seven.carAcKw == 7);
    CHECK(eleven.carAcKw == 11);
    CHECK(eleven.hours0To100 < seven.hours0To100 * 0.7);
    CHECK(seven.hoursForDailyKm == Approx(c.dailyKm * e7->customerKwhPer100km / 100.0 / 7.0));
    CHECK(seven.hoursForDailyKm > 0.5);
    CHECK(seven.hoursForDailyKm < 3);
    CHECK(seven.costPerWeekMinor == e7->costPerWeekMinor);

    // The Lark's on-board charger takes 7 kW (6.6 kW on the Standard): an 11 kW box does not help.
    const auto lark = f.car("lark", "lark-long-range");
    const auto larkEleven = f.check(answers("private_garage", PropertyConsent::NotAsked, "three_phase", "wallbox-11kw"), lark);
    CHECK(larkEleven.carAcKw == 7);
    CHECK(codes(larkEleven) == std::vector<std::string>{"car_limits_ac_power"});
    const auto larkStd = f.check(answers("private_garage", PropertyConsent::NotAsked, "single_phase", "wallbox-7kw"),
                                 f.car("lark", "lark-standard"));
    CHECK(larkStd.carAcKw == Approx(6.6));
    CHECK(larkStd.verdict == Verdict::Possible);
    CHECK(codes(larkStd) == std::vector<std::string>{"car_limits_ac_power"});
}

TEST_CASE("fit check: the cable run prices extra metres and blocks beyond the maximum") {
    Fixture f;
    const auto car = f.car("crane", "crane-standard");
    const auto near = f.check(answers("private_garage", PropertyConsent::NotAsked, "three_phase", "wallbox-11kw", 30), car);
    CHECK(near.extraCableM == 0);
    CHECK(near.extraCableMinor == 0);
    const auto far = f.check(answers("private_garage", PropertyConsent::NotAsked, "three_phase", "wallbox-11kw", 45), car);
    CHECK(far.verdict == Verdict::Possible);
    CHECK(far.extraCableM == 15);
    CHECK(far.extraCableMinor == 15 * 8000);
    CHECK(codes(far) == std::vector<std::string>{"extra_cable"});
    CHECK(far.wallboxPriceMinor == 199900);
    const auto tooFar = f.check(answers("own_space", PropertyConsent::Yes, "three_phase", "wallbox-11kw", 101), car);
    CHECK(tooFar.verdict == Verdict::NotPossible);
    CHECK(codes(tooFar) == std::vector<std::string>{"too_far_from_meter"});
    CHECK(tooFar.costPerWeekMinor == tooFar.publicCharging.costPerWeekMinor);
}

TEST_CASE("fit check: public charging cost and time follow the area's typical DC charger") {
    Fixture f;
    const auto car = f.car("heron", "heron-standard");
    core::range::Conditions c;
    c.dailyKm = 80;
    const auto a = f.check(answers("shared_parking", PropertyConsent::NotAsked, "unknown", "wallbox-7kw"), car, c);
    c.homeChargingShare = 0;
    c.dcChargerKw = 120;
    const auto e = core::range::estimate(f.range, f.catalog, car, c);
    REQUIRE(e);
    CHECK(a.publicCharging.costPerWeekMinor == e->costPerWeekMinor);
    CHECK(a.publicCharging.dc10To80Min == Approx(e->dc10To80Min));
    CHECK(a.publicCharging.chargesPerWeek == Approx(e->chargesPerWeek));
    CHECK(a.publicCharging.area.get("en").find("showroom") != std::string::npos);
    // More driving costs more.
    c.dailyKm = 20;
    const auto less = f.check(answers("shared_parking", PropertyConsent::NotAsked, "unknown", "wallbox-7kw"), car, c);
    CHECK(less.publicCharging.costPerWeekMinor < a.publicCharging.costPerWeekMinor);
}

TEST_CASE("fit check: bad answers are errors naming the field, never a crash") {
    Fixture f;
    const auto car = f.car("heron", "heron-standard");
    auto run = [&](FitAnswers a) { return checkHomeCharging(a, f.content, f.range, f.catalog, car); };
    auto a = answers("garage", PropertyConsent::NotAsked, "unknown", "wallbox-7kw");
    CHECK(run(a).error() == "parking \"garage\" is not in the charging content");
    a = answers("private_garage", PropertyConsent::NotAsked, "two_phase", "wallbox-7kw");
    CHECK(run(a).error().find("supply \"two_phase\"") != std::string::npos);
    a = answers("private_garage", PropertyConsent::NotAsked, "unknown", "wallbox-22kw");
    CHECK(run(a).error().find("wallbox \"wallbox-22kw\"") != std::string::npos);
    a = answers("private_garage", PropertyConsent::NotAsked, "unknown", "wallbox-7kw", -1);
    CHECK(run(a).error().find("distance_from_meter_m") != std::string::npos);
    core::Configuration bad{"heron", "no-such-trim", {}};
    auto r = checkHomeCharging(answers("private_garage", PropertyConsent::NotAsked, "unknown", "wallbox-7kw"), f.content,
                               f.range, f.catalog, bad);
    CHECK_FALSE(r);
    CHECK_FALSE(r.error().empty());
    CHECK(propertyConsentFromString("maybe") == std::nullopt);
    CHECK(propertyConsentFromString("not_asked") == PropertyConsent::NotAsked);
}

TEST_CASE("charging content errors name the file, the JSON pointer and the value") {
    const auto dir = std::filesystem::temp_directory_path() / ("kiosk-charging-content-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "bad.json").string();
    {
        std::ifstream in(testing_paths::contentDir() + "/charging/cn.json");
        auto j = nlohmann::json::parse(in);
        j["wallboxes"][0]["phases"] = 2;
        j["wallboxes"][1]["power_kw"] = 400;
        j["parking"].push_back(j["parking"][2]);
        j["parking"][3]["id"] = "car_park";
        j["steps"][0]["parking"][0] = "shared_parking";
        j["notes"].erase("extra_cable");
        j["survey"]["consent"]["accepted_versions"] = nlohmann::json::array({"old"});
        j["survey"]["periods"][0]["name"].erase("en");
        j["public_charging"]["stations"][0]["kind"] = "ultra";
        j["colour"] = "red";
        std::ofstream(file) << j.dump(2);
    }
    const auto r = loadChargingContent(file, {"zh-CN", "en"});
    CHECK_FALSE(r.content);
    std::vector<std::string> lines;
    for (const auto& e : r.errors) lines.push_back(e.toString());
    auto has = [&](const std::string& s) {
        const bool found = std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(s) != std::string::npos; });
        if (!found) {
            INFO("missing: " << s);
            for (const auto& l : lines) UNSCOPED_INFO(l);
        }
        return found;
    };
    CHECK(has(file + ": /wallboxes/0/phases: phases must be 1 or 3, not 2"));
    CHECK(has("/wallboxes/1/power_kw"));
    CHECK(has("/parking/3/id: unknown parking situation \"car_park\""));
    CHECK(has("/steps/0/parking/0: \"shared_parking\" has no home charging"));
    CHECK(has("/notes: note \"extra_cable\" is missing"));
    CHECK(has("/survey/consent/accepted_versions: must include the current version"));
    CHECK(has("/survey/periods/0/name"));
    CHECK(has("/public_charging/stations/0/kind: kind \"ultra\" must be \"dc\" or \"ac\""));
    CHECK(has("unknown field \"colour\""));
    std::filesystem::remove_all(dir);

    core::Catalog noModule;
    noModule.directory = "somewhere";
    const auto missing = loadChargingContent(noModule);
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].toString().find("no \"charging\" module") != std::string::npos);
}
