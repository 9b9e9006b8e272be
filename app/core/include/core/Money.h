#pragma once
// Money: integer minor units of one ISO 4217 currency. No floating point ever touches a price.
// Arithmetic is checked: overflow and mixing currencies throw MoneyError, never wrap silently.
// Rates are basis points (1 bp = 0.01 %); every division rounds through one named RoundingRule.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace core {

// How numbers, amounts and dates are written in one language of a market (market content
// "formats"). The patterns hold {amount}, {symbol}, {code}; {yyyy}, {mm}, {dd}, {m}, {d}.
struct NumberFormat {
    std::string group = ",";
    std::string decimal = ".";
    std::string money = "{code} {amount}";
    std::string date = "{yyyy}-{mm}-{dd}";
    std::string shortDate = "{m}/{d}";  // a day of the coming week, beside its weekday
    std::string percent = "{number}%";          // a rate: "4.99%", German "4,99 %"
    std::string quantity = "{number} {unit}";   // a measure with its unit: "7.5 h", German "7,5 Std."
};

// How a currency is written; comes from market content.
struct CurrencyFormat {
    std::string code = "CNY";   // ISO 4217
    int minorDigits = 2;        // fen per yuan = 10^2
    std::string symbol = "¥";
    std::map<std::string, NumberFormat> formats;  // by language; a language without one: see formatMoney
};

// The format of `language`: the market's own, else zh-* "{symbol}{amount}" and others "{code} {amount}",
// with "," grouping and "." decimals.
NumberFormat numberFormat(const CurrencyFormat& currency, const std::string& language);

// Formats an amount for display in the language's format: zh-CN "¥259,900", en "CNY 259,900",
// de-DE "45.990 €" (with that market's formats).
// Minor units are shown only when the amount is not a whole number of major units.
std::string formatMoney(std::int64_t minor, const CurrencyFormat& currency, const std::string& language);

// A calendar date in a date pattern (NumberFormat::date or shortDate): "2026-11-27", "27.11.2026", "11/27".
std::string formatDate(const std::string& pattern, int year, unsigned month, unsigned day);

// A number with `decimals` digits after the decimal sign (rounded half away from zero), grouped in
// thousands, in the format's signs: 12345.678, 1 -> "12,345.7" (en) or "12.345,7" (de-DE).
std::string formatNumber(double value, int decimals, const NumberFormat& format);
// A percentage in the format's percent pattern: 4.99, 2 -> "4.99%" (en) or "4,99 %" (de-DE).
std::string formatPercent(double value, int decimals, const NumberFormat& format);
// A measure with its unit word in the format's quantity pattern: 7.5, 1, "Std." -> "7,5 Std.".
std::string formatQuantity(double value, int decimals, const std::string& unit, const NumberFormat& format);

// The number of minor digits of an ISO 4217 code the product knows, or nullopt for an unknown code.
std::optional<int> iso4217MinorDigits(std::string_view code);

// Thrown on overflow, currency mismatch or an invalid rounding rule: a bug or bad content, never a price.
class MoneyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Three upper-case letters, compared by value; cheap to copy (no allocation).
class CurrencyCode {
public:
    constexpr CurrencyCode() = default;
    // Throws MoneyError unless `code` is three letters A-Z.
    explicit CurrencyCode(std::string_view code);
    std::string str() const { return std::string(m_code, 3); }
    bool operator==(const CurrencyCode& o) const {
        return m_code[0] == o.m_code[0] && m_code[1] == o.m_code[1] && m_code[2] == o.m_code[2];
    }

private:
    char m_code[3] = {'X', 'X', 'X'};
};

// An amount of one currency. +, - and * check overflow and currency.
struct Money {
    std::int64_t minor = 0;
    CurrencyCode currency;

    Money operator+(const Money& o) const;
    Money operator-(const Money& o) const;
    Money operator-() const;
    bool operator==(const Money& o) const { return minor == o.minor && currency == o.currency; }
};

// Checked int64 arithmetic for minor units; throw MoneyError on overflow.
std::int64_t addMinor(std::int64_t a, std::int64_t b);
std::int64_t subMinor(std::int64_t a, std::int64_t b);
std::int64_t mulMinor(std::int64_t a, std::int64_t b);

enum class RoundingMode {
    HalfUp,    // half away from zero: 0.5 -> 1, -0.5 -> -1
    HalfEven,  // banker's rounding
    Down,      // toward zero (truncate)
    Up,        // away from zero
};

// One rounding rule of a market: round to a multiple of `incrementMinor` (1 = to the fen,
// 100 = to the yuan) with `mode`. Content names each rule (e.g. "contract", "tax").
struct RoundingRule {
    std::int64_t incrementMinor = 1;
    RoundingMode mode = RoundingMode::HalfUp;
};

// Rounds value * numerator / denominator to the rule, exactly (128-bit intermediate).
// Throws MoneyError when denominator <= 0 or the result does not fit in int64.
std::int64_t mulDivRound(std::int64_t value, std::int64_t numerator, std::int64_t denominator, const RoundingRule& rule);
// Rounds an amount already in minor units to the rule's increment.
std::int64_t roundMinor(std::int64_t value, const RoundingRule& rule);
// value * basisPoints / 10000, rounded by the rule.
std::int64_t applyBasisPoints(std::int64_t value, std::int64_t basisPoints, const RoundingRule& rule);

std::optional<RoundingMode> parseRoundingMode(std::string_view name);  // "half_up", "half_even", "down", "up"

}  // namespace core
