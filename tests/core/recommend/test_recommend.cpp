// The buying guide: content checks, properties over random answers, and customers' scenarios.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/ContentLoader.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Financing.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/range/Estimate.h"
#include "core/recommend/Recommend.h"
#include "support/TestPaths.h"

namespace {

using namespace core::recommend;

struct Guide {
    core::Catalog catalog;
    core::pricing::PricingContent pricing;
    core::range::RangeData range;
    RecommendContent content;
    core::pricing::Date date = *core::pricing::Date::parse("2026-11-20");
};

// Loaded once: the shipped China content.
const Guide& guide() {
    static const Guide g = [] {
        Guide out;
        auto loaded = core::loadContent(testing_paths::contentDir());
        if (!loaded.ok()) throw std::runtime_error("content does not load");
        out.catalog = std::move(*loaded.catalog);
        out.pricing = std::move(*core::pricing::loadPricing(out.catalog).content);
        out.range = std::move(*core::range::loadRangeData(out.catalog).data);
        auto r = loadRecommendContent(out.catalog);
        for (const auto& e : r.errors) UNSCOPED_INFO(e.toString());
        if (!r.content) throw std::runtime_error("recommend content does not load");
        out.content = std::move(*r.content);
        return out;
    }();
    return g;
}

const Recommender& recommender() {
    static const Recommender r(guide().catalog, guide().pricing, guide().range, guide().content, guide().date);
    return r;
}

bool hasReason(const Recommendation& r, const std::string& id) {
    for (const auto& [rid, text] : r.reasons)
        if (rid == id) return true;
    return false;
}

std::string reasonText(const Recommendation& r, const std::string& id, const std::string& lang) {
    for (const auto& [rid, text] : r.reasons)
        if (rid == id) return text.get(lang);
    return "";
}

// The winter figure the guide must use, computed here from the range model directly.
double winterRangeKm(const Recommendation& r, const Answers& a) {
    const auto& g = guide();
    core::range::Conditions c;
    c.highwaySpeedKmh = g.content.highwaySpeedKmh;
    c.cityShare = 1.0 - a.highwayShare.value_or(g.content.defaultHighwayShare);
    const int children = a.childSeats.value_or(0), people = a.seats.value_or(children + 1);
    c.payloadKg = g.content.payloadKgPerPerson * (people - children) + g.content.payloadKgPerChildSeat * children;
    c.dailyKm = a.dailyKm.value_or(g.content.defaultDailyKm);
    c.homeChargingShare = a.homeCharging.value_or(true) ? g.content.homeChargingShare : 0.0;
    c.ambientC = g.content.findClimate(a.climate.empty() ? g.content.unknownClimate : a.climate)->winterC;
    const auto e = core::range::estimate(g.range, g.catalog, r.config, c);
    REQUIRE(e);
    return e->customerRangeKm;
}

Answers randomAnswers(std::mt19937& rng) {
    auto coin = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const auto& climates = guide().content.climates;
    const auto& luggage = guide().content.luggage;
    Answers a;
    if (coin(0.8)) a.dailyKm = pick(5, 200);
    if (coin(0.7)) a.longestKm = pick(20, 700);
    if (coin(0.7)) a.highwayShare = pick(0, 100) / 100.0;
    if (coin(0.7)) a.seats = pick(1, 8);
    if (coin(0.4)) a.childSeats = pick(0, a.seats ? std::max(0, *a.seats - 1) : 3);
    if (coin(0.5)) a.luggage = luggage[static_cast<size_t>(pick(0, static_cast<int>(luggage.size()) - 1))].id;
    if (coin(0.7)) a.homeCharging = coin(0.6);
    if (coin(0.7)) a.climate = climates[static_cast<size_t>(pick(0, static_cast<int>(climates.size()) - 1))].id;
    if (coin(0.3)) a.budgetMonthlyMinor = pick(1'500, 8'000) * 100LL;
    else if (coin(0.3)) a.maxPriceMinor = pick(90'000, 400'000) * 100LL;
    a.priority = static_cast<Priority>(pick(0, 5));
    return a;
}

// Drops one answer, as the customer would by relaxing it.
Answers without(Answers a, const std::string& answer) {
    if (answer == "seats") a.seats.reset(), a.childSeats.reset();
    if (answer == "child_seats") a.childSeats.reset();
    if (answer == "luggage") a.luggage.clear();
    if (answer == "longest_km") a.longestKm.reset();
    if (answer == "home_charging") a.homeCharging = true;
    if (answer == "budget_monthly") a.budgetMonthlyMinor.reset();
    if (answer == "max_price") a.maxPriceMinor.reset();
    return a;
}

void checkHolds(const Recommendation& r, const Answers& a) {
    const auto& g = guide();
    INFO(r.code);
    CHECK(core::checkConfiguration(g.catalog, r.config).empty());
    // The quote's total on the same date, from the pricing engine.
    core::pricing::PriceOptions o;
    o.date = g.date;
    const auto priced = core::pricing::priceConfiguration(g.catalog, g.pricing, r.config, o);
    REQUIRE(priced.ok());
    CHECK(priced->totalMinor == r.totalMinor);
    const auto restored = core::pricing::restoreConfiguration(g.catalog, r.code);
    REQUIRE(restored.ok());
    CHECK(restored->config == r.config);
    // The monthly figure is the named offer's payment at its stated down payment and term.
    if (r.finance.monthlyMinor >= 0) {
        const auto* offer = g.pricing.findOffer(r.finance.offerId);
        REQUIRE(offer);
        const auto loan = core::pricing::computeOffer(*offer, g.date, priced->vehiclePriceMinor,
                                                      r.finance.downPaymentMinor, r.finance.termMonths);
        REQUIRE(loan);
        CHECK(loan->monthlyPaymentMinor == r.finance.monthlyMinor);
    }
    const core::Model* model = g.catalog.findModel(r.config.model);
    REQUIRE(model);
    if (a.budgetMonthlyMinor) {
        CHECK(r.finance.monthlyMinor >= 0);
        CHECK(r.finance.monthlyMinor <= *a.budgetMonthlyMinor);
    }
    if (a.maxPriceMinor) CHECK(r.totalMinor <= *a.maxPriceMinor);
    if (a.seats) CHECK(model->seats >= *a.seats);
    if (a.childSeats) CHECK(g.content.models.at(model->id).childSeatPositions >= *a.childSeats);
    const double winter = winterRangeKm(r, a);
    CHECK(r.winterKm == Approx(winter));
    if (a.longestKm) CHECK(winter * (1.0 - g.content.reserveShare) >= *a.longestKm);
    if (a.homeCharging && !*a.homeCharging)
        CHECK(r.weeklyKm / (winter * g.content.fastChargeWindowShare) <= g.content.publicChargesPerWeekMax + 1e-9);
    for (const auto& [id, text] : r.reasons)
        for (const auto& lang : g.catalog.market.languages) {
            CHECK_FALSE(text.get(lang).empty());
            CHECK(text.get(lang).find('{') == std::string::npos);  // every placeholder filled
        }
}

}  // namespace

TEST_CASE("recommend: the shipped guide content loads and names every model", "[recommend]") {
    const auto& g = guide();
    CHECK(g.content.climates.size() >= 3);
    for (const auto& m : g.catalog.models) CHECK(g.content.models.count(m.id) == 1);
    CHECK(recommender().buildErrors().empty());
    // Every trim of every model is a candidate at least once.
    for (const auto& m : g.catalog.models)
        for (const auto& t : m.trims) {
            bool found = false;
            for (const auto& c : recommender().candidates()) found = found || c.config.trim == t.id;
            CHECK(found);
        }
}

TEST_CASE("recommend: broken guide content is refused with file and field", "[recommend]") {
    core::Catalog catalog = guide().catalog;
    const auto file = std::filesystem::temp_directory_path() / ("recommend-broken-" + std::to_string(::getpid()) + ".json");
    std::ifstream in(catalog.moduleFiles.at("recommend"));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("\"heron-pkg-pilot\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 17, "\"heron-pkg-pilotx\"");
    text.replace(text.find("\"unknown_climate\": \"cold\""), 25, "\"unknown_climate\": \"arctic\"");
    std::ofstream(file) << text;
    catalog.moduleFiles["recommend"] = file.string();
    const auto r = loadRecommendContent(catalog);
    std::filesystem::remove(file);
    CHECK_FALSE(r.content);
    std::string all;
    for (const auto& e : r.errors) all += e.toString() + "\n";
    CHECK_THAT(all, Catch::Contains("/benefits/assistance/1") && Catch::Contains("heron-pkg-pilotx"));
    CHECK_THAT(all, Catch::Contains("/unknown_climate") && Catch::Contains("arctic"));
}

TEST_CASE("recommend: bad answers are refused naming the answer", "[recommend]") {
    Answers a;
    a.seats = 12;
    a.highwayShare = 1.5;
    a.climate = "moon";
    const auto r = recommender().recommend(a);
    CHECK(r.recommendations.empty());
    REQUIRE(r.errors.size() == 3);
    CHECK_THAT(r.errors[0] + r.errors[1] + r.errors[2],
               Catch::Contains("seats 12") && Catch::Contains("highway_share 1.5") && Catch::Contains("climate \"moon\""));
}

TEST_CASE("recommend: over 2,000 random answer sets keep every promise", "[recommend]") {
    std::mt19937 rng(20261207);
    int withCars = 0, noCar = 0;
    for (int i = 0; i < 2000; ++i) {
        const Answers a = randomAnswers(rng);
        const auto result = recommender().recommend(a);
        INFO((result.errors.empty() ? std::string() : result.errors.front()));
        REQUIRE(result.errors.empty());
        CHECK(result.recommendations.size() <= 3);
        for (const auto& r : result.recommendations) checkHolds(r, a);
        for (size_t x = 0; x < result.recommendations.size(); ++x)
            for (size_t y = x + 1; y < result.recommendations.size(); ++y)
                CHECK_FALSE(result.recommendations[x].config.trim == result.recommendations[y].config.trim);
        if (!result.recommendations.empty()) {
            ++withCars;
            continue;
        }
        ++noCar;
        // Never an empty screen: the guide says which answer rules everything out, and relaxing a
        // single named answer really gives a car.
        REQUIRE_FALSE(result.blockers.empty());
        for (const auto& b : result.blockers) {
            for (const auto& lang : guide().catalog.market.languages) CHECK_FALSE(b.text.get(lang).empty());
            if (b.answer == "combined") continue;
            CHECK_FALSE(recommender().recommend(without(a, b.answer)).recommendations.empty());
        }
    }
    // Both outcomes occur, so both branches above were exercised.
    CHECK(withCars > 500);
    CHECK(noCar > 50);
}

TEST_CASE("recommend: skipping every question still gives three cars", "[recommend]") {
    const auto result = recommender().recommend(Answers{});
    REQUIRE(result.errors.empty());
    REQUIRE(result.recommendations.size() == 3);
    for (const auto& r : result.recommendations) checkHolds(r, Answers{});
}

TEST_CASE("recommend: a city commuter with a home charger gets the efficient small car first", "[recommend]") {
    const Answers a{.dailyKm = 30, .longestKm = 120, .highwayShare = 0.2, .seats = 2, .homeCharging = true,
                    .climate = "hot-summer-cold-winter", .priority = Priority::Cost};
    const auto result = recommender().recommend(a);
    REQUIRE(result.recommendations.size() == 3);
    const auto& first = result.recommendations.front();
    std::string parts;
    for (const auto& r : result.recommendations) {
        parts += r.config.trim + " " + std::to_string(r.score) + ": ";
        for (const auto& [k, v] : r.scoreParts) parts += k + "=" + std::to_string(v) + " ";
        parts += "\n";
    }
    INFO(parts);
    CHECK(first.config.model == "lark");
    CHECK(first.config.trim == "lark-standard");
    // 210 km a week fits one home charge of the smallest battery.
    CHECK(reasonText(first, "week", "en").find("on one home charge") != std::string::npos);
    CHECK(reasonText(first, "week", "zh-CN").find("210 公里") != std::string::npos);
    CHECK(hasReason(first, "energy_week"));
    CHECK(hasReason(first, "winter_trip"));
    // The alternatives cost more and say what they give up or save.
    for (size_t i = 1; i < 3; ++i) CHECK(result.recommendations[i].totalMinor >= first.totalMinor);
}

TEST_CASE("recommend: a family of five in a cold region without home charging", "[recommend]") {
    const Answers a{.dailyKm = 45, .longestKm = 260, .highwayShare = 0.4, .seats = 5, .childSeats = 2, .luggage = "lots",
                    .homeCharging = false, .climate = "severe-cold", .priority = Priority::Space};
    const auto result = recommender().recommend(a);
    REQUIRE_FALSE(result.recommendations.empty());
    const auto& first = result.recommendations.front();
    // A pushchair and luggage with two child seats: only the seven-seat SUV has the room.
    CHECK(first.config.model == "crane");
    for (const auto& r : result.recommendations) {
        checkHolds(r, a);
        CHECK(guide().catalog.findModel(r.config.model)->seats >= 5);
        CHECK(reasonText(r, "week", "en").find("public fast charges a week") != std::string::npos);
        CHECK(reasonText(r, "seats", "en").find("child seats") != std::string::npos);
    }
}

TEST_CASE("recommend: a weekly 400 km highway commuter on a tight monthly budget", "[recommend]") {
    Answers a{.dailyKm = 400.0 / 7.0, .longestKm = 220, .highwayShare = 0.85, .seats = 1, .homeCharging = true,
              .climate = "cold", .budgetMonthlyMinor = 2'000'00, .priority = Priority::Cost};
    const auto result = recommender().recommend(a);
    REQUIRE_FALSE(result.recommendations.empty());
    for (const auto& r : result.recommendations) {
        checkHolds(r, a);
        CHECK(r.finance.monthlyMinor <= 2'000'00);
        CHECK(reasonText(r, "budget", "en").find("within your budget") != std::string::npos);
    }
    // A budget below every car's payment names the budget and the lowest payment that works.
    a.budgetMonthlyMinor = 500'00;
    const auto none = recommender().recommend(a);
    REQUIRE(none.recommendations.empty());
    REQUIRE(none.blockers.size() == 1);
    CHECK(none.blockers[0].answer == "budget_monthly");
    CHECK_THAT(none.blockers[0].text.get("en"), Catch::Contains("a month") && Catch::Contains("Lark"));
}

TEST_CASE("recommend: nine seats or an impossible winter trip are named, with what relaxing gives", "[recommend]") {
    Answers a;
    a.seats = 9;
    auto r = recommender().recommend(a);
    REQUIRE(r.recommendations.empty());
    REQUIRE(r.blockers.size() == 1);
    CHECK(r.blockers[0].answer == "seats");
    CHECK_THAT(r.blockers[0].text.get("en"), Catch::Contains("the most is 7"));

    Answers far;
    far.longestKm = 1500;
    far.climate = "severe-cold";
    r = recommender().recommend(far);
    REQUIRE(r.recommendations.empty());
    REQUIRE(r.blockers.size() == 1);
    CHECK(r.blockers[0].answer == "longest_km");
    CHECK_THAT(r.blockers[0].text.get("zh-CN"), Catch::Contains("1500 公里"));
}
