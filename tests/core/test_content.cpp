// Content loading and validation: the shipped catalog loads; every broken fixture yields
// exactly the messages in its expected.txt, with file and JSON path.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/ContentLoader.h"
#include "support/TestPaths.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> readLines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

// Error lines with each file shown relative to the content folder, as expected.txt has them.
std::vector<std::string> relativeErrors(const core::LoadResult& result, const fs::path& dir) {
    std::vector<std::string> out;
    for (core::ContentError e : result.errors) {
        e.file = fs::path(e.file).lexically_relative(dir).string();
        out.push_back(e.toString());
    }
    return out;
}

}  // namespace

TEST_CASE("shipped content loads without errors") {
    const auto result = core::loadContent(testing_paths::contentDir());
    for (const auto& e : result.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(result.ok());
    const core::Catalog& c = *result.catalog;
    REQUIRE(c.models.size() == 3);
    std::set<std::string> styles;
    for (const auto& m : c.models) {
        styles.insert(m.bodyStyle);
        CHECK(m.trims.size() >= 2);
        CHECK(m.trims.size() <= 4);
        for (const auto& t : m.trims) {
            // Every trim's defaults make a complete car: one option of each single-choice category it offers.
            CHECK(t.defaults.count("paint") == 1);
            CHECK(t.defaults.count("wheels") == 1);
            CHECK(t.defaults.count("battery") == 1);
            CHECK(!t.official.empty());
        }
    }
    CHECK(styles == std::set<std::string>{"hatchback", "sedan", "suv"});
    const core::Model* crane = c.findModel("crane");
    REQUIRE(crane);
    CHECK(crane->seats == 7);
    CHECK(c.defaultLanguage() == "zh-CN");
    CHECK(c.market.currency.code == "CNY");
    CHECK(!c.showroom.demoFleet.empty());
}

TEST_CASE("shipped prices are realistic for the 2026 China market") {
    const auto result = core::loadContent(testing_paths::contentDir());
    REQUIRE(result.ok());
    const auto& c = *result.catalog;
    // Compact hatchback about CNY 100k, midsize sedan about 200-300k, 7-seat SUV about 250-350k.
    CHECK(c.findModel("lark")->fromPriceMinor() >= 8'000'000);
    CHECK(c.findModel("lark")->fromPriceMinor() <= 13'000'000);
    CHECK(c.findModel("heron")->fromPriceMinor() >= 18'000'000);
    CHECK(c.findModel("crane")->fromPriceMinor() >= 22'000'000);
    for (const auto& m : c.models)
        for (const auto& t : m.trims)
            for (const auto& o : t.official) {
                const core::Option* bat = m.findOption(o.batteryOption);
                REQUIRE(bat);
                // The battery-side consumption implied by range and pack must sit just under the published
                // (wall-side) consumption: charging losses are a few to about 15 percent.
                const double batteryKwhPer100 = bat->battery->usableKwh / o.cltcRangeKm * 100.0;
                INFO(t.id << " with " << o.batteryOption);
                CHECK(batteryKwhPer100 < o.cltcKwhPer100km);
                CHECK(batteryKwhPer100 > o.cltcKwhPer100km * 0.80);
            }
}

TEST_CASE("every broken fixture lists exactly its expected errors") {
    const fs::path root = fs::path(testing_paths::fixtures()) / "content";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (!fs::exists(entry.path() / "expected.txt")) continue;
        ++cases;
        SECTION(entry.path().filename().string()) {
            const auto result = core::loadContent(entry.path().string());
            CHECK_FALSE(result.ok());
            CHECK(relativeErrors(result, entry.path()) == readLines(entry.path() / "expected.txt"));
        }
    }
    CHECK(cases >= 6);
}

TEST_CASE("the unbroken fixture base loads") {
    const auto result = core::loadContent(testing_paths::fixtures() + "/content/base");
    for (const auto& e : result.errors) UNSCOPED_INFO(e.toString());
    CHECK(result.ok());
}

TEST_CASE("errors name the file as it was opened, the path and the problem") {
    const std::string dir = testing_paths::fixtures() + "/content/negative-price";
    const auto result = core::loadContent(dir);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].toString() ==
          fs::path(dir + "/models/mini.json").lexically_normal().string() + ": /options/3/price_minor: price -150000 is negative");
}

TEST_CASE("a missing content folder is an error, not a crash") {
    const auto result = core::loadContent("/nonexistent/content");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].toString() == "/nonexistent/content/content.json: cannot read file");
}

#include "core/Configuration.h"

TEST_CASE("every trim's default car is valid, broken cars are caught") {
    const auto result = core::loadContent(testing_paths::contentDir());
    REQUIRE(result.ok());
    const auto& c = *result.catalog;
    for (const auto& m : c.models)
        for (const auto& t : m.trims) {
            INFO(t.id);
            CHECK(core::checkConfiguration(c, core::defaultConfiguration(m, t)).empty());
        }
    const core::Model& heron = *c.findModel("heron");
    core::Configuration car = core::defaultConfiguration(heron, *heron.findTrim("heron-long-range"));
    car.options.erase("heron-wheel-19-aero");
    car.options.insert("heron-wheel-21-forged");
    auto v = core::checkConfiguration(c, car);
    REQUIRE(v.size() == 1);
    CHECK(v[0].ruleId == "heron-21-needs-awd");
    car.options.insert("heron-wheel-20-turbine");
    CHECK(core::checkConfiguration(c, car).size() == 2);  // two wheels, and still the 21-inch rule
}

TEST_CASE("a second market is a folder of content: Germany loads with its own cycle, languages, currency and formats") {
    const auto dir = core::marketContentDirectory(testing_paths::contentDir(), "de");
    REQUIRE(dir);
    CHECK(fs::path(*dir).filename() == "de");
    const auto de = core::loadContent(*dir);
    for (const auto& e : de.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(de.ok());
    const core::Market& m = de.catalog->market;
    CHECK(m.id == "de");
    CHECK(m.officialCycle == "wltc3b");
    CHECK(m.languages == std::vector<std::string>{"de-DE", "en"});
    CHECK(m.currency.code == "EUR");
    CHECK(core::formatMoney(4'599'000, m.currency, "de-DE") == "45.990 €");
    // Shared model files carry every market's translations; each market keeps its own.
    const core::Model& heron = *de.catalog->findModel("heron");
    CHECK(heron.trims[1].name.get("de-DE") == "Heckantrieb Große Reichweite");
    CHECK_FALSE(heron.trims[1].name.has("zh-CN"));
    // The market's own labels replace the shared ones.
    CHECK(de.catalog->ui("chooser.range", "en") == "WLTP range");
    CHECK(de.catalog->ui("chooser.range", "de-DE") == "WLTP-Reichweite");

    const auto cn = core::loadContent(testing_paths::contentDir());
    REQUIRE(cn.ok());
    CHECK(cn.catalog->ui("chooser.range", "en") == "CLTC range");
    CHECK_FALSE(cn.catalog->findModel("heron")->trims[1].name.has("de-DE"));
    // The folder's own market by its id, and an unknown one refused by name.
    CHECK(core::marketContentDirectory(testing_paths::contentDir(), "cn").value() == testing_paths::contentDir());
    const auto xx = core::marketContentDirectory(testing_paths::contentDir(), "xx");
    REQUIRE_FALSE(xx);
    CHECK(xx.error().find("no market \"xx\"") != std::string::npos);
    CHECK(xx.error().find("\"cn\"") != std::string::npos);
    CHECK_FALSE(core::marketContentDirectory(testing_paths::contentDir(), "../x"));
}

TEST_CASE("a market's strings overlay may replace labels but not add new ones, and other languages stay errors unless declared") {
    const fs::path dir = fs::temp_directory_path() / "content-overlay-test";
    fs::remove_all(dir);
    fs::create_directories(dir / "markets");
    fs::copy(fs::path(testing_paths::contentDir()) / "markets" / "de", dir / "markets" / "de", fs::copy_options::recursive);
    for (const char* f : {"brand.json", "kiosk.json", "strings", "models", "range", "cycles", "render", "hub"})
        fs::copy(fs::path(testing_paths::contentDir()) / f, dir / f, fs::copy_options::recursive);
    const fs::path market = dir / "markets" / "de";
    std::ofstream(market / "strings.json") << R"({"chooser.rnage": {"de-DE": "x", "en": "x"}})";
    auto r = core::loadContent(market.string());
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.front().toString().find("/chooser.rnage: no such string in the earlier strings files") != std::string::npos);

    // Without other_languages, the shared files' zh-CN translations are unknown languages.
    std::ofstream(market / "strings.json") << "{}";
    std::ifstream in(market / "market.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    text.replace(text.find("\"other_languages\": [\"zh-CN\"],"), std::string("\"other_languages\": [\"zh-CN\"],").size(), "");
    std::ofstream(market / "market.json") << text;
    r = core::loadContent(market.string());
    REQUIRE_FALSE(r.ok());
    bool unknownLanguage = false;
    for (const auto& e : r.errors) unknownLanguage = unknownLanguage || e.toString().find("unknown language \"zh-CN\"") != std::string::npos;
    CHECK(unknownLanguage);
    fs::remove_all(dir);
}
