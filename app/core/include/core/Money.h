#pragma once
// Money: integer minor units of one ISO 4217 currency. No floating point ever touches a price.
#include <cstdint>
#include <string>

namespace core {

// How a currency is written; comes from market content.
struct CurrencyFormat {
    std::string code = "CNY";   // ISO 4217
    int minorDigits = 2;        // fen per yuan = 10^2
    std::string symbol = "¥";   // used in zh-CN
};

// Formats an amount for display: zh-CN "¥259,900", en "CNY 259,900".
// Minor units are shown only when the amount is not a whole number of major units.
std::string formatMoney(std::int64_t minor, const CurrencyFormat& currency, const std::string& language);

}  // namespace core
