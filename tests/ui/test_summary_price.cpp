// The summary's price as the customer sees it: every line of the breakdown is drawn (or reachable
// by scrolling the list), the advisor's discount among them, and the amounts drawn add up to the
// totals drawn and to the pricing engine's total, for 200 sampled cars.
#include <catch2/catch.hpp>

#include <sstream>

#include "KioskReplay.h"
#include "core/ContentLoader.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/pricing/PricingTestSupport.h"
#include "support/MoneyText.h"

using namespace kiosk_replay;

namespace {

std::vector<std::string> sampleCodesExactly(int n, int seed) {
    const auto r = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", std::to_string(n), "--seed", std::to_string(seed),
                                         "--content", testing_paths::contentDir()});
    REQUIRE(r.exitCode == 0);
    std::vector<std::string> codes;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) codes.push_back(line);
    REQUIRE(codes.size() == static_cast<size_t>(n));
    return codes;
}

using Content = pricing_test::Market;  // the shipped China catalog and its pricing

// One dump of the summary against the engine's price of the car it shows.
void checkSummaryDump(const Content& content, const nlohmann::json& state, std::int64_t discountMinor) {
    REQUIRE(state["screen"] == "summary");
    core::Configuration car;
    car.model = state["configuration"]["model"];
    car.trim = state["configuration"]["trim"];
    for (const auto& o : state["configuration"]["options"]) car.options.insert(o.get<std::string>());
    core::pricing::PriceOptions options;
    options.date = *core::pricing::Date::parse("2026-11-27");
    options.dealerDiscountMinor = discountMinor;
    auto price = core::pricing::priceConfiguration(content.catalog, content.pricing, car, options);
    REQUIRE(price.ok());
    const auto& shown = state["summary_price"];
    INFO(shown.dump(1));
    REQUIRE(shown["lines"].size() == price->lines.size());
    std::int64_t sum = 0, sumAtPurchase = 0;
    bool discountShown = false;
    for (const auto& line : shown["lines"]) {
        const auto amount = money_text::parseShownMoney(line["amount"]);
        REQUIRE(amount);
        sum += *amount;
        if (!line["paid_later"].get<bool>()) sumAtPurchase += *amount;
        CHECK(line["reachable"].get<bool>());
        if (discountMinor > 0 && *amount == -discountMinor) discountShown = true;
    }
    CHECK(sum == price->totalMinor);
    CHECK(sumAtPurchase == price->dueAtPurchaseMinor);
    CHECK(money_text::parseShownMoney(shown["due"]) == price->dueAtPurchaseMinor);
    if (price->totalMinor != price->dueAtPurchaseMinor) CHECK(money_text::parseShownMoney(shown["total"]) == price->totalMinor);
    if (discountMinor > 0) CHECK(discountShown);
    // The list scrolls exactly far enough: its last line ends where the content ends.
    const auto& last = shown["lines"].back()["box"];
    CHECK(last[1].get<float>() + last[3].get<float>() == Approx(shown["content_height"].get<float>()).margin(1));
}

}  // namespace

TEST_CASE("the summary draws every price line and they add up to the total, for 200 sampled cars") {
    const Content content = pricing_test::china();
    const auto codes = sampleCodesExactly(200, 16);
    nlohmann::json steps = nlohmann::json::array({{{"frames", 2}}});
    std::vector<std::int64_t> discounts;
    for (size_t i = 0; i < codes.size(); ++i) {
        // Every third car with an advisor's discount (a multiple of the contract rounding).
        const std::int64_t discount = i % 3 == 0 ? 100'000 * static_cast<std::int64_t>(1 + i % 7) : 0;
        discounts.push_back(discount);
        // The dump on the next frame reads what the frame after open_code drew.
        steps.push_back({{"open_code", {{"code", codes[i]}, {"discount_minor", discount}}}});
        steps.push_back({{"dump", (workDir() / ("sum-" + std::to_string(i) + ".json")).string()}});
    }
    const auto r = replay("summary-sum", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (size_t i = 0; i < codes.size(); ++i) {
        INFO("code " << codes[i] << " discount " << discounts[i]);
        checkSummaryDump(content, readJson(workDir() / ("sum-" + std::to_string(i) + ".json")), discounts[i]);
    }
}

TEST_CASE("a long price list scrolls on the portrait screen and every line can be brought into view") {
    const Content content = pricing_test::china();
    const auto codes = sampleCodesExactly(20, 5);
    // A finger drag up the price list (its left part, across the width of a 1080 x 1920 screen,
    // above the financing and range columns).
    const nlohmann::json steps = {{{"frames", 2}},
                                  {{"open_code", {{"code", codes[0]}, {"discount_minor", 500'000}}}},
                                  {{"frames", 2}},
                                  {{"dump", (workDir() / "portrait-top.json").string()}},
                                  {{"drag", {{"from", {150, 600}}, {"to", {150, 380}}, {"frames", 20}}}},
                                  {{"frames", 90}},
                                  {{"dump", (workDir() / "portrait-scrolled.json").string()}}};
    ReplayOptions o;
    o.screen = "1080x1920x24";
    const auto r = replay("summary-portrait", steps, o);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto top = readJson(workDir() / "portrait-top.json");
    checkSummaryDump(content, top, 500'000);
    const auto& shown = top["summary_price"];
    INFO(shown.dump(1));
    const float viewportH = shown["viewport"][3];
    REQUIRE(viewportH > 0);
    REQUIRE(shown["viewport"][1].get<float>() < 380);
    REQUIRE(shown["viewport"][1].get<float>() + viewportH > 600);
    // The offset grows by what the finger moved, clamped at the end of the list (the last page
    // starts on a row's top, so it may reach a little past the rows' height less the window).
    const float maxOffset = shown["max_scroll"].get<float>();
    CHECK(maxOffset >= shown["content_height"].get<float>() - viewportH - 0.5f);
    CHECK(maxOffset < shown["content_height"].get<float>());
    const auto scrolled = readJson(workDir() / "portrait-scrolled.json");
    // At least what the finger moved (the list may glide on after it lifts), never past the end.
    const float offset = scrolled["summary_price"]["scroll_offset"].get<float>();
    CHECK(offset >= std::min(maxOffset, 220.0f) - 40);
    CHECK(offset <= maxOffset + 0.5f);
}
