#include <catch2/catch.hpp>

#include <limits>

#include "core/ContentLoader.h"
#include "core/Money.h"
#include "core/pricing/Date.h"
#include "support/MarketFixture.h"
#include "support/TestPaths.h"

TEST_CASE("money is formatted per language") {
    const core::CurrencyFormat cny{"CNY", 2, "¥", {}};
    CHECK(core::formatMoney(25'990'000, cny, "zh-CN") == "¥259,900");
    CHECK(core::formatMoney(25'990'000, cny, "en") == "CNY 259,900");
    CHECK(core::formatMoney(12'345, cny, "en") == "CNY 123.45");
    CHECK(core::formatMoney(5, cny, "zh-CN") == "¥0.05");
    CHECK(core::formatMoney(-150'000, cny, "zh-CN") == "-¥1,500");
    CHECK(core::formatMoney(0, cny, "en") == "CNY 0");
    const core::CurrencyFormat jpy{"JPY", 0, "¥", {}};
    CHECK(core::formatMoney(1'234'567, jpy, "en") == "JPY 1,234,567");
    CHECK(core::formatMoney(std::numeric_limits<std::int64_t>::min(), cny, "en") == "-CNY 92,233,720,368,547,758.08");
}

TEST_CASE("money and dates in a market's own formats: grouping, decimals, symbol place, date order") {
    core::CurrencyFormat eur{"EUR", 2, "€", {}};
    eur.formats["de-DE"] = {".", ",", "{amount} {symbol}", "{dd}.{mm}.{yyyy}", "{d}.{m}.", "{number} %", "{number} {unit}"};
    eur.formats["en"] = {",", ".", "{symbol}{amount}", "{dd}/{mm}/{yyyy}", "{d}/{m}", "{number}%", "{number} {unit}"};
    CHECK(core::formatMoney(4'599'000, eur, "de-DE") == "45.990 €");
    CHECK(core::formatMoney(123'456'750, eur, "de-DE") == "1.234.567,50 €");
    CHECK(core::formatMoney(-99'500, eur, "de-DE") == "-995 €");
    CHECK(core::formatMoney(4'599'000, eur, "en") == "€45,990");
    CHECK(core::formatMoney(999, eur, "de-DE") == "9,99 €");
    // A language without a format of its own keeps the defaults.
    CHECK(core::formatMoney(4'599'000, eur, "fr") == "EUR 45,990");
    const auto de = core::numberFormat(eur, "de-DE");
    CHECK(core::formatDate(de.date, 2026, 11, 7) == "07.11.2026");
    CHECK(core::formatDate(de.shortDate, 2026, 11, 7) == "7.11.");
    CHECK(core::formatDate(core::numberFormat(eur, "zh-CN").date, 2026, 1, 27) == "2026-01-27");
}

TEST_CASE("money: euro formatting and known ISO 4217 codes") {
    const core::CurrencyFormat eur{"EUR", 2, "€", {}};
    CHECK(core::formatMoney(4'499'000, eur, "en") == "EUR 44,990");
    CHECK(core::formatMoney(4'499'050, eur, "zh-CN") == "€44,990.50");
    CHECK(core::iso4217MinorDigits("CNY") == 2);
    CHECK(core::iso4217MinorDigits("JPY") == 0);
    CHECK_FALSE(core::iso4217MinorDigits("XYZ"));
    CHECK_THROWS_AS(core::CurrencyCode("cny"), core::MoneyError);
    CHECK_THROWS_AS(core::CurrencyCode("CNYX"), core::MoneyError);
}

TEST_CASE("money: overflow and currency mismatch are errors, never silent") {
    const core::CurrencyCode cny("CNY"), eur("EUR");
    const core::Money a{100, cny}, b{200, eur};
    CHECK((a + (core::Money{50, cny})).minor == 150);
    CHECK_THROWS_AS(a + b, core::MoneyError);
    CHECK_THROWS_AS(a - b, core::MoneyError);
    const core::Money big{std::numeric_limits<std::int64_t>::max(), cny};
    CHECK_THROWS_AS(big + (core::Money{1, cny}), core::MoneyError);
    CHECK_THROWS_AS(-(core::Money{std::numeric_limits<std::int64_t>::min(), cny}), core::MoneyError);
    CHECK_THROWS_AS(core::addMinor(std::numeric_limits<std::int64_t>::max(), 1), core::MoneyError);
    CHECK_THROWS_AS(core::subMinor(std::numeric_limits<std::int64_t>::min(), 1), core::MoneyError);
    CHECK_THROWS_AS(core::mulMinor(std::numeric_limits<std::int64_t>::max() / 2 + 1, 2), core::MoneyError);
    CHECK_THROWS_AS(core::mulDivRound(std::numeric_limits<std::int64_t>::max(), 3, 1, core::RoundingRule()), core::MoneyError);
    CHECK_THROWS_AS(core::mulDivRound(1, 1, 0, core::RoundingRule()), core::MoneyError);
}

TEST_CASE("money: one rounding function per rule, exact with 128-bit intermediates") {
    using core::RoundingMode;
    const core::RoundingRule fenHalfUp{1, RoundingMode::HalfUp}, yuanHalfUp{100, RoundingMode::HalfUp};
    // 99,800 x 10 % / 1.13 = 8,831.858 -> fen 883,186
    CHECK(core::mulDivRound(9'980'000, 1'000, 11'300, fenHalfUp) == 883'186);
    CHECK(core::roundMinor(123'450, yuanHalfUp) == 123'500);
    CHECK(core::roundMinor(123'449, yuanHalfUp) == 123'400);
    CHECK(core::roundMinor(-123'450, yuanHalfUp) == -123'500);  // half away from zero
    CHECK(core::roundMinor(250, {100, RoundingMode::HalfEven}) == 200);
    CHECK(core::roundMinor(350, {100, RoundingMode::HalfEven}) == 400);
    CHECK(core::roundMinor(199, {100, RoundingMode::Down}) == 100);
    CHECK(core::roundMinor(101, {100, RoundingMode::Up}) == 200);
    CHECK(core::applyBasisPoints(16'666'700, 1'200, {1, RoundingMode::Down}) == 2'000'004);
    // The product overflows int64 but the result does not: still exact.
    CHECK(core::mulDivRound(std::numeric_limits<std::int64_t>::max(), 10'000, 10'000, fenHalfUp) ==
          std::numeric_limits<std::int64_t>::max());
    CHECK(core::parseRoundingMode("half_even") == RoundingMode::HalfEven);
    CHECK_FALSE(core::parseRoundingMode("banker"));
}

TEST_CASE("numbers, rates and measures in each market's own format content: Germany and China") {
    const auto de = core::loadContent(testing_paths::contentDir() + "/markets/de");
    const auto cn = core::loadContent(testing_paths::contentDir());
    for (const auto& e : de.errors) UNSCOPED_INFO(e.toString());
    for (const auto& e : cn.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(de.ok());
    REQUIRE(cn.ok());
    const auto german = core::numberFormat(de.catalog->market.currency, "de-DE");
    const auto deEnglish = core::numberFormat(de.catalog->market.currency, "en");
    const auto chinese = core::numberFormat(cn.catalog->market.currency, "zh-CN");
    const auto cnEnglish = core::numberFormat(cn.catalog->market.currency, "en");
    // The finance rate: German writes a decimal comma and a space before the percent sign.
    CHECK(core::formatPercent(4.99, 2, german) == "4,99 %");
    CHECK(core::formatPercent(4.99, 2, deEnglish) == "4.99%");
    CHECK(core::formatPercent(4.99, 2, chinese) == "4.99%");
    CHECK(core::formatPercent(20, 0, german) == "20 %");
    // Charging hours with the unit word of the language.
    CHECK(core::formatQuantity(7.46, 1, "Std.", german) == "7,5 Std.");
    CHECK(core::formatQuantity(7.46, 1, "h", cnEnglish) == "7.5 h");
    CHECK(core::formatQuantity(7.46, 1, "小时", chinese) == "7.5 小时");
    // Grouping, rounding half away from zero, negatives.
    CHECK(core::formatNumber(12345.678, 1, german) == "12.345,7");
    CHECK(core::formatNumber(12345.678, 1, cnEnglish) == "12,345.7");
    CHECK(core::formatNumber(-0.04, 1, german) == "0,0");
    CHECK(core::formatNumber(-2.25, 1, german) == "-2,3");
    CHECK(core::formatNumber(999.96, 1, german) == "1.000,0");
    CHECK(core::formatNumber(15.0, 0, german) == "15");
    // Dates of a pricing day in each market's date pattern.
    const auto lastDay = *core::pricing::Date::parse("2026-12-31");
    CHECK(lastDay.format(german.date) == "31.12.2026");
    CHECK(lastDay.format(deEnglish.date) == "31/12/2026");
    CHECK(lastDay.format(chinese.date) == "2026-12-31");
}

TEST_CASE("a market format without {number} or {unit} is refused by file and field") {
    const std::string all = market_fixture::errorsWithMarket(
        R"(, "time_zone": "Asia/Shanghai", "formats": {"en": {"percent": "%", "quantity": "{number}"}})");
    INFO(all);
    CHECK(all.find("market.json: /formats/en/percent") != std::string::npos);
    CHECK(all.find("\"%\" has no {number}") != std::string::npos);
    CHECK(all.find("market.json: /formats/en/quantity") != std::string::npos);
}
