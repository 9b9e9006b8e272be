// Hand-computed price breakdowns for every line type in both markets, with the cap boundaries.
#include <catch2/catch.hpp>

#include <algorithm>

#include "PricingTestSupport.h"

using namespace core::pricing;
using pricing_test::amountOf;
using pricing_test::day;

TEST_CASE("China: Lark Standard default car on 2026-11-27, every line hand-computed") {
    const auto cn = pricing_test::china();
    const auto car = pricing_test::defaults(cn.catalog, "lark", "lark-standard");
    const auto b = pricing_test::price(cn, car, {day("2026-11-27")});
    CHECK(b.currency == core::CurrencyCode("CNY"));
    CHECK(amountOf(b, LineKind::Base) == 9'980'000);
    CHECK(amountOf(b, LineKind::DeliveryFee) == 120'000);
    // 99,800 x 10 % / 1.13 = 8,831.858 -> 8,831.86; halved (2026-2027) -> 4,415.93 payable.
    CHECK(amountOf(b, LineKind::PurchaseTax) == 441'593);
    CHECK(amountOf(b, LineKind::RegistrationFee) == 50'000);
    CHECK(amountOf(b, LineKind::PlateFee) == 11'000);
    CHECK(pricing_test::findLine(b, LineKind::StateIncentive) == nullptr);
    CHECK(pricing_test::findLine(b, LineKind::InsuranceEstimate) == nullptr);
    CHECK(b.vehiclePriceMinor == 9'980'000);
    // VAT inside 99,800: 99,800 x 13 / 113 = 11,481.42
    CHECK(b.vatIncludedMinor == 1'148'142);
    CHECK(b.totalMinor == 9'980'000 + 120'000 + 441'593 + 50'000 + 11'000);
    CHECK(b.dueAtPurchaseMinor == b.totalMinor);
    CHECK(b.validUntil == day("2026-12-11"));
    const auto* base = pricing_test::findLine(b, LineKind::Base);
    CHECK(base->sourceId == "lark-standard");
    CHECK(base->sourceFile.find("models/lark.json") != std::string::npos);
    const auto* tax = pricing_test::findLine(b, LineKind::PurchaseTax);
    CHECK(tax->sourceId == "purchase-tax-nev-halved-2026-2027");
    CHECK(tax->sourceFile.find("pricing/cn.json") != std::string::npos);
    CHECK(tax->label->get("zh-CN").find("减半") != std::string::npos);
}

TEST_CASE("China: purchase tax reduction cap binds exactly at CNY 339,000") {
    const auto cn = pricing_test::china();
    // Crane Flagship default car lists at 395,900; the showroom discount moves the invoice price.
    const auto car = pricing_test::defaults(cn.catalog, "crane", "crane-flagship");
    auto at = [&](std::int64_t discountYuan) {
        return pricing_test::price(cn, car, {day("2026-06-01"), TradeIn::None, discountYuan * 100});
    };
    REQUIRE(at(0).vehiclePriceMinor == 39'590'000);
    const auto exact = at(56'900);  // 339,000: tax 30,000.00, half = 15,000 = the cap
    CHECK(exact.vehiclePriceMinor == 33'900'000);
    CHECK(amountOf(exact, LineKind::DealerDiscount) == -5'690'000);
    CHECK(amountOf(exact, LineKind::PurchaseTax) == 1'500'000);
    const auto above = at(56'800);  // 339,100: tax 30,008.85, reduction capped at 15,000
    CHECK(amountOf(above, LineKind::PurchaseTax) == 3'000'885 - 1'500'000);
    const auto below = at(57'000);  // 338,900: tax 29,991.15, half 14,995.58 (below the cap)
    CHECK(amountOf(below, LineKind::PurchaseTax) == 2'999'115 - 1'499'558);
    const auto list = at(0);  // 395,900: tax 35,035.40 - 15,000
    CHECK(amountOf(list, LineKind::PurchaseTax) == 3'503'540 - 1'500'000);
}

TEST_CASE("China: 2024-2025 exemption capped at CNY 30,000, halving from 2026-01-01, full tax from 2028") {
    const auto cn = pricing_test::china();
    const auto lark = pricing_test::defaults(cn.catalog, "lark", "lark-standard");
    CHECK(amountOf(pricing_test::price(cn, lark, {day("2025-12-31")}), LineKind::PurchaseTax) == 0);
    CHECK(amountOf(pricing_test::price(cn, lark, {day("2026-01-01")}), LineKind::PurchaseTax) == 441'593);
    CHECK(amountOf(pricing_test::price(cn, lark, {day("2027-12-31")}), LineKind::PurchaseTax) == 441'593);
    CHECK(amountOf(pricing_test::price(cn, lark, {day("2028-01-01")}), LineKind::PurchaseTax) == 883'186);
    const auto crane = pricing_test::defaults(cn.catalog, "crane", "crane-flagship");
    // 395,900: tax 35,035.40, exemption capped at 30,000 -> 5,035.40 payable.
    CHECK(amountOf(pricing_test::price(cn, crane, {day("2025-06-01")}), LineKind::PurchaseTax) == 503'540);
}

TEST_CASE("China: a trim not on the NEV catalogue pays the full tax and gets no trade-in subsidy") {
    auto cn = pricing_test::china();
    cn.catalog.models[0].trims[0].purchaseTaxQualified = false;  // lark-standard
    const auto car = pricing_test::defaults(cn.catalog, "lark", "lark-standard");
    const auto b = pricing_test::price(cn, car, {day("2026-11-27"), TradeIn::Scrappage});
    CHECK(amountOf(b, LineKind::PurchaseTax) == 883'186);
    CHECK(pricing_test::findLine(b, LineKind::StateIncentive) == nullptr);
}

TEST_CASE("China: scrappage subsidy 12 % capped at CNY 20,000, only when the advisor confirms") {
    const auto cn = pricing_test::china();
    const auto heron = pricing_test::defaults(cn.catalog, "heron", "heron-standard");  // 215,900
    auto at = [&](std::int64_t discountYuan, TradeIn t) {
        return pricing_test::price(cn, heron, {day("2026-12-05"), t, discountYuan * 100});
    };
    CHECK(pricing_test::findLine(at(0, TradeIn::None), LineKind::StateIncentive) == nullptr);
    const auto list = at(0, TradeIn::Scrappage);
    const auto* subsidy = pricing_test::findLine(list, LineKind::StateIncentive);
    REQUIRE(subsidy);
    CHECK(subsidy->amountMinor == -2'000'000);  // 12 % of 215,900 = 25,908 -> cap
    CHECK(subsidy->paidLater);
    CHECK(subsidy->sourceId == "trade-in-scrappage-2026");
    CHECK(list.dueAtPurchaseMinor == list.totalMinor + 2'000'000);
    // The cap starts to bind at 166,666.67: 166,666 -> 19,999.92; 166,667 -> 20,000.04 -> 20,000.
    CHECK(amountOf(at(49'234, TradeIn::Scrappage), LineKind::StateIncentive) == -1'999'992);
    CHECK(amountOf(at(49'233, TradeIn::Scrappage), LineKind::StateIncentive) == -2'000'000);
    // The subsidy ends with 2026.
    CHECK(pricing_test::findLine(pricing_test::price(cn, heron, {day("2027-01-01"), TradeIn::Scrappage}),
                                 LineKind::StateIncentive) == nullptr);
    CHECK(pricing_test::findLine(pricing_test::price(cn, heron, {day("2026-12-31"), TradeIn::Scrappage}),
                                 LineKind::StateIncentive) != nullptr);
}

TEST_CASE("China: replacement subsidy 8 % capped at CNY 15,000 binds at exactly CNY 187,500") {
    const auto cn = pricing_test::china();
    const auto heron = pricing_test::defaults(cn.catalog, "heron", "heron-standard");
    auto at = [&](std::int64_t discountYuan) {
        return pricing_test::price(cn, heron, {day("2026-12-05"), TradeIn::Replacement, discountYuan * 100});
    };
    CHECK(amountOf(at(28'400), LineKind::StateIncentive) == -1'500'000);  // 187,500 x 8 % = 15,000 exactly
    CHECK(amountOf(at(28'300), LineKind::StateIncentive) == -1'500'000);  // 187,600 -> 15,008 capped
    CHECK(amountOf(at(28'500), LineKind::StateIncentive) == -1'499'200);  // 187,400 -> 14,992
    const auto lark = pricing_test::defaults(cn.catalog, "lark", "lark-standard");
    CHECK(amountOf(pricing_test::price(cn, lark, {day("2026-12-05"), TradeIn::Replacement}), LineKind::StateIncentive) ==
          -798'400);  // 99,800 x 8 %
}

TEST_CASE("China: a brand promotion ends at midnight of its last day and shortens the quote's validity") {
    const auto cn = pricing_test::china();
    const auto heron = pricing_test::defaults(cn.catalog, "heron", "heron-standard");
    const auto last = pricing_test::price(cn, heron, {day("2026-11-30")});
    const auto* promo = pricing_test::findLine(last, LineKind::BrandPromotion);
    REQUIRE(promo);
    CHECK(promo->amountMinor == -500'000);
    CHECK(promo->sourceId == "heron-offer-2026-11");
    CHECK(last.vehiclePriceMinor == 21'590'000 - 500'000);  // a brand discount lowers the invoice (and the tax)
    CHECK(last.validUntil == day("2026-11-30"));
    const auto after = pricing_test::price(cn, heron, {day("2026-12-01")});
    CHECK(pricing_test::findLine(after, LineKind::BrandPromotion) == nullptr);
    CHECK(after.validUntil == day("2026-12-15"));
    // Other models never get it.
    const auto lark = pricing_test::defaults(cn.catalog, "lark", "lark-standard");
    CHECK(pricing_test::findLine(pricing_test::price(cn, lark, {day("2026-11-30")}), LineKind::BrandPromotion) == nullptr);
}

TEST_CASE("China: packages replace the prices of what they include, an option included twice is charged once") {
    const auto cn = pricing_test::china();
    auto car = pricing_test::defaults(cn.catalog, "crane", "crane-long-range");
    car.options.insert("crane-pkg-family");
    car.options.insert("crane-rear-screen");
    car.options.insert("crane-fridge");
    const auto b = pricing_test::price(cn, car, {day("2026-12-05")});
    int included = 0;
    for (const auto& l : b.lines) {
        if (l.kind == LineKind::Included) {
            ++included;
            CHECK(l.amountMinor == 0);
            CHECK(l.sourceId == "crane-family-includes");
        }
    }
    CHECK(included == 2);
    CHECK(amountOf(b, LineKind::Package) == 900'000);
    // 299,900 + 102 kWh 20,000 + 20-inch 5,000 + family 9,000
    CHECK(b.vehiclePriceMinor == 33'390'000);
}

TEST_CASE("China: dealer discount is rounded to the yuan, and insurance estimate only when asked") {
    const auto cn = pricing_test::china();
    const auto lark = pricing_test::defaults(cn.catalog, "lark", "lark-standard");
    const auto b = pricing_test::price(cn, lark, {day("2026-11-27"), TradeIn::None, 123'456, true});
    CHECK(amountOf(b, LineKind::DealerDiscount) == -123'500);
    CHECK(b.vehiclePriceMinor == 9'980'000 - 123'500);
    // 950 + 2.5 % of 98,565 = 3,414.125 -> to the yuan 3,414
    CHECK(amountOf(b, LineKind::InsuranceEstimate) == 341'400);
    auto bad = priceConfiguration(cn.catalog, cn.pricing, lark, {day("2026-11-27"), TradeIn::None, -1});
    CHECK_FALSE(bad.ok());
    bad = priceConfiguration(cn.catalog, cn.pricing, lark, {day("2026-11-27"), TradeIn::None, 10'000'000'00});
    CHECK_FALSE(bad.ok());
    CHECK(bad.error().find("above the list price") != std::string::npos);
}

TEST_CASE("Invalid configurations are refused with the checker's reasons") {
    const auto cn = pricing_test::china();
    auto car = pricing_test::defaults(cn.catalog, "crane", "crane-standard");
    car.options.insert("crane-wheel-22");  // not offered on this trim, and two wheels
    const auto r = priceConfiguration(cn.catalog, cn.pricing, car, {day("2026-11-27")});
    CHECK_FALSE(r.ok());
    // Every reason, joined: two wheels and a wheel the trim does not offer.
    CHECK(std::count(r.error().begin(), r.error().end(), ';') >= 1);
}

TEST_CASE("Euro market: VAT included, fixed state grant under a list-price ceiling, delivery in the invoice") {
    const auto eu = pricing_test::euro();
    CHECK(eu.catalog.market.currency.code == "EUR");
    const auto heron = pricing_test::defaults(eu.catalog, "heron", "heron-long-range");  // EUR 44,990 list
    const auto b = pricing_test::price(eu, heron, {day("2026-11-27")});
    CHECK(b.currency == core::CurrencyCode("EUR"));
    CHECK(amountOf(b, LineKind::Base) == 4'499'000);
    CHECK(amountOf(b, LineKind::DeliveryFee) == 99'500);
    CHECK(b.vehiclePriceMinor == 4'598'500);
    CHECK(b.vatIncludedMinor == 798'087);  // 45,985 x 21 / 121 = 7,980.868
    CHECK(pricing_test::findLine(b, LineKind::PurchaseTax) == nullptr);
    CHECK(amountOf(b, LineKind::RegistrationFee) == 6'000);
    const auto* grant = pricing_test::findLine(b, LineKind::StateIncentive);
    REQUIRE(grant);
    CHECK(grant->amountMinor == -295'000);
    CHECK(grant->sourceId == "eu-ev-grant-2026");
    CHECK(b.dueAtPurchaseMinor == 4'604'500);
    CHECK(b.totalMinor == 4'309'500);
    CHECK(b.validUntil == day("2026-12-27"));
    // Over the ceiling (paint EUR 800 on top of 44,990): no grant, whatever the discount.
    auto blue = heron;
    blue.options.erase("heron-paint-white");
    blue.options.insert("heron-paint-blue");
    const auto over = pricing_test::price(eu, blue, {day("2026-11-27"), TradeIn::None, 100'000});
    CHECK(pricing_test::findLine(over, LineKind::StateIncentive) == nullptr);
    // 2027: a smaller grant, a new version of the same rule.
    CHECK(amountOf(pricing_test::price(eu, heron, {day("2027-01-01")}), LineKind::StateIncentive) == -200'000);
    CHECK(pricing_test::findLine(pricing_test::price(eu, heron, {day("2028-01-01")}), LineKind::StateIncentive) == nullptr);
    // Trade-in is a Chinese rule: it means nothing here.
    CHECK(pricing_test::price(eu, heron, {day("2026-11-27"), TradeIn::Scrappage}).totalMinor == b.totalMinor);
    // Insurance: 300 + 2 % of 45,985 = 1,219.70 -> 1,220
    CHECK(amountOf(pricing_test::price(eu, heron, {day("2026-11-27"), TradeIn::None, 0, true}), LineKind::InsuranceEstimate) ==
          122'000);
}
