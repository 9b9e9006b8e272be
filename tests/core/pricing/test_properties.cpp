// Properties over 10,000 random valid configurations in both markets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "PricingTestSupport.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Sampling.h"

using namespace core::pricing;

namespace {

void checkProperties(const pricing_test::Market& m, std::uint64_t seed) {
    const auto all = enumerateValidConfigurations(m.catalog);
    REQUIRE(all.size() > 1000);
    const auto sample = sampleConfigurations(all, 10'000, seed);
    REQUIRE(sample.size() == 10'000);
    std::mt19937_64 shuffle(seed);
    const TradeIn tradeIns[] = {TradeIn::None, TradeIn::Scrappage, TradeIn::Replacement};
    size_t failures = 0;
    for (size_t i = 0; i < sample.size(); ++i) {
        const auto& car = sample[i];
        PriceOptions o{pricing_test::day(i % 2 ? "2026-11-27" : "2026-12-05"), tradeIns[i % 3],
                       static_cast<std::int64_t>(i % 7) * 123'456, i % 5 == 0};
        const auto r = priceConfiguration(m.catalog, m.pricing, car, o);
        if (!r.ok()) {
            ++failures;
            continue;
        }
        const auto& b = *r;
        // Lines sum exactly to the total; no rounding drift between the two.
        std::int64_t sum = 0, later = 0;
        for (const auto& l : b.lines) {
            sum += l.amountMinor;
            if (l.paidLater) later -= l.amountMinor;
            REQUIRE(l.label != nullptr);
            REQUIRE_FALSE(l.sourceFile.empty());
            REQUIRE_FALSE(l.sourceId.empty());
        }
        REQUIRE(sum == b.totalMinor);
        REQUIRE(b.dueAtPurchaseMinor == b.totalMinor + later);
        // Contract lines are whole yuan / euro.
        REQUIRE(b.vehiclePriceMinor % 100 == 0);
        // The order in which options were picked does not matter.
        std::vector<std::string> picks(car.options.begin(), car.options.end());
        std::shuffle(picks.begin(), picks.end(), shuffle);
        core::Configuration reordered;
        reordered.model = car.model;
        reordered.trim = car.trim;
        for (const auto& p : picks) reordered.options.insert(p);
        const auto again = priceConfiguration(m.catalog, m.pricing, reordered, o);
        REQUIRE(again.ok());
        REQUIRE(again->totalMinor == b.totalMinor);
        REQUIRE(again->lines.size() == b.lines.size());
        // Restoring the code gives the same configuration and price.
        const auto restored = restoreConfiguration(m.catalog, encodeConfiguration(m.catalog, car, b.vehiclePriceMinor));
        REQUIRE(restored.ok());
        REQUIRE(restored->exact);
        REQUIRE(restored->config == car);
        REQUIRE(priceConfiguration(m.catalog, m.pricing, restored->config, o)->totalMinor == b.totalMinor);
    }
    CHECK(failures == 0);
}

}  // namespace

TEST_CASE("Properties over 10,000 random valid configurations: China") { checkProperties(pricing_test::china(), 42); }

TEST_CASE("Properties over 10,000 random valid configurations: euro market") { checkProperties(pricing_test::euro(), 7); }

TEST_CASE("Sampling is reproducible for a seed") {
    const auto cn = pricing_test::china();
    const auto all = enumerateValidConfigurations(cn.catalog);
    CHECK(sampleConfigurations(all, 20, 5) == sampleConfigurations(all, 20, 5));
    CHECK_FALSE(sampleConfigurations(all, 20, 5) == sampleConfigurations(all, 20, 6));
}
