#include <catch2/catch.hpp>

#include <limits>

#include "core/Money.h"

TEST_CASE("money is formatted per language") {
    const core::CurrencyFormat cny{"CNY", 2, "¥"};
    CHECK(core::formatMoney(25'990'000, cny, "zh-CN") == "¥259,900");
    CHECK(core::formatMoney(25'990'000, cny, "en") == "CNY 259,900");
    CHECK(core::formatMoney(12'345, cny, "en") == "CNY 123.45");
    CHECK(core::formatMoney(5, cny, "zh-CN") == "¥0.05");
    CHECK(core::formatMoney(-150'000, cny, "zh-CN") == "-¥1,500");
    CHECK(core::formatMoney(0, cny, "en") == "CNY 0");
    const core::CurrencyFormat jpy{"JPY", 0, "¥"};
    CHECK(core::formatMoney(1'234'567, jpy, "en") == "JPY 1,234,567");
    CHECK(core::formatMoney(std::numeric_limits<std::int64_t>::min(), cny, "en") == "-CNY 92,233,720,368,547,758.08");
}
