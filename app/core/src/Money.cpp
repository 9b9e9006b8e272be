#include "core/Money.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace core {
namespace {

std::string groupThousands(std::uint64_t value, const std::string& separator) {
    const std::string digits = std::to_string(value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

std::string replaceAll(std::string s, const std::string& key, const std::string& value) {
    for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) s.replace(at, key.size(), value);
    return s;
}

// GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 Int128;

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

std::int64_t narrow(Int128 v, const char* what) {
    if (v > kInt64Max || v < kInt64Min) throw MoneyError(std::string("money overflow in ") + what);
    return static_cast<std::int64_t>(v);
}

// Divides n by d (d > 0) rounding by mode.
Int128 divideRounded(Int128 n, Int128 d, RoundingMode mode) {
    Int128 q = n / d;  // truncates toward zero
    Int128 r = n % d;  // same sign as n
    if (r == 0) return q;
    const bool negative = n < 0;
    const Int128 absR = negative ? -r : r;
    bool away = false;
    switch (mode) {
        case RoundingMode::Down: away = false; break;
        case RoundingMode::Up: away = true; break;
        case RoundingMode::HalfUp: away = 2 * absR >= d; break;
        case RoundingMode::HalfEven: {
            const Int128 twice = 2 * absR;
            away = twice > d || (twice == d && (q % 2 != 0));
            break;
        }
    }
    if (away) q += negative ? -1 : 1;
    return q;
}

struct KnownCurrency {
    const char* code;
    int minorDigits;
};

// The currencies the product may be configured with; extend when a market needs one.
constexpr std::array<KnownCurrency, 20> kCurrencies = {{
    {"AUD", 2}, {"CAD", 2}, {"CHF", 2}, {"CNY", 2}, {"CZK", 2}, {"DKK", 2}, {"EUR", 2},
    {"GBP", 2}, {"HKD", 2}, {"HUF", 2}, {"JPY", 0}, {"KRW", 0}, {"MOP", 2}, {"NOK", 2},
    {"NZD", 2}, {"PLN", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"USD", 2},
}};

}  // namespace

std::optional<int> iso4217MinorDigits(std::string_view code) {
    for (const auto& c : kCurrencies)
        if (code == c.code) return c.minorDigits;
    return std::nullopt;
}

CurrencyCode::CurrencyCode(std::string_view code) {
    if (code.size() != 3) throw MoneyError("currency code \"" + std::string(code) + "\" is not three letters");
    for (size_t i = 0; i < 3; ++i) {
        if (code[i] < 'A' || code[i] > 'Z')
            throw MoneyError("currency code \"" + std::string(code) + "\" is not three upper-case letters");
        m_code[i] = code[i];
    }
}

std::int64_t addMinor(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) throw MoneyError("money overflow adding " + std::to_string(a) + " and " + std::to_string(b));
    return out;
}

std::int64_t subMinor(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_sub_overflow(a, b, &out))
        throw MoneyError("money overflow subtracting " + std::to_string(b) + " from " + std::to_string(a));
    return out;
}

std::int64_t mulMinor(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out))
        throw MoneyError("money overflow multiplying " + std::to_string(a) + " by " + std::to_string(b));
    return out;
}

namespace {
void sameCurrency(const Money& a, const Money& b) {
    if (!(a.currency == b.currency)) throw MoneyError("currency mismatch: " + a.currency.str() + " and " + b.currency.str());
}
}  // namespace

Money Money::operator+(const Money& o) const {
    sameCurrency(*this, o);
    return {addMinor(minor, o.minor), currency};
}

Money Money::operator-(const Money& o) const {
    sameCurrency(*this, o);
    return {subMinor(minor, o.minor), currency};
}

Money Money::operator-() const { return {subMinor(0, minor), currency}; }

std::int64_t mulDivRound(std::int64_t value, std::int64_t numerator, std::int64_t denominator, const RoundingRule& rule) {
    if (denominator <= 0) throw MoneyError("division by a non-positive denominator " + std::to_string(denominator));
    if (rule.incrementMinor <= 0) throw MoneyError("rounding increment must be positive");
    // |value * numerator| < 2^126 and denominator * increment < 2^126: no 128-bit overflow.
    const Int128 n = static_cast<Int128>(value) * numerator;
    const Int128 d = static_cast<Int128>(denominator) * rule.incrementMinor;
    const Int128 units = divideRounded(n, d, rule.mode);
    return narrow(units * rule.incrementMinor, "rounding");
}

std::int64_t roundMinor(std::int64_t value, const RoundingRule& rule) { return mulDivRound(value, 1, 1, rule); }

std::int64_t applyBasisPoints(std::int64_t value, std::int64_t basisPoints, const RoundingRule& rule) {
    return mulDivRound(value, basisPoints, 10'000, rule);
}

std::optional<RoundingMode> parseRoundingMode(std::string_view name) {
    if (name == "half_up") return RoundingMode::HalfUp;
    if (name == "half_even") return RoundingMode::HalfEven;
    if (name == "down") return RoundingMode::Down;
    if (name == "up") return RoundingMode::Up;
    return std::nullopt;
}

std::string formatMoney(std::int64_t minor, const CurrencyFormat& currency, const std::string& language) {
    std::uint64_t scale = 1;
    for (int i = 0; i < currency.minorDigits; ++i) scale *= 10;
    const bool negative = minor < 0;
    // Magnitude computed in unsigned arithmetic so INT64_MIN does not overflow.
    const std::uint64_t magnitude = negative ? std::uint64_t(0) - static_cast<std::uint64_t>(minor)
                                             : static_cast<std::uint64_t>(minor);
    const NumberFormat f = numberFormat(currency, language);
    std::string number = groupThousands(magnitude / scale, f.group);
    const std::uint64_t fraction = magnitude % scale;
    if (fraction != 0) {
        std::string digits = std::to_string(fraction);
        digits.insert(digits.begin(), static_cast<size_t>(currency.minorDigits) - digits.size(), '0');
        number += f.decimal + digits;
    }
    const std::string sign = negative ? "-" : "";
    return sign + replaceAll(replaceAll(replaceAll(f.money, "{amount}", number), "{symbol}", currency.symbol), "{code}",
                             currency.code);
}

std::string formatDate(const std::string& pattern, int year, unsigned month, unsigned day) {
    auto two = [](unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    std::string s = replaceAll(pattern, "{yyyy}", std::to_string(year));
    s = replaceAll(replaceAll(s, "{mm}", two(month)), "{dd}", two(day));
    return replaceAll(replaceAll(s, "{m}", std::to_string(month)), "{d}", std::to_string(day));
}

std::string formatNumber(double value, int decimals, const NumberFormat& format) {
    decimals = std::clamp(decimals, 0, 9);
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const bool negative = value < 0;
    const double scaled = std::round(std::fabs(value) * static_cast<double>(scale));
    if (!std::isfinite(scaled) || scaled >= 9.0e18) return negative ? "-" + std::to_string(value) : std::to_string(value);
    const auto units = static_cast<std::uint64_t>(scaled);
    std::string out = groupThousands(units / scale, format.group);
    if (decimals > 0) {
        std::string digits = std::to_string(units % scale);
        digits.insert(digits.begin(), static_cast<size_t>(decimals) - digits.size(), '0');
        out += format.decimal + digits;
    }
    return (negative && units != 0 ? "-" : "") + out;
}

std::string formatPercent(double value, int decimals, const NumberFormat& format) {
    return replaceAll(format.percent, "{number}", formatNumber(value, decimals, format));
}

std::string formatQuantity(double value, int decimals, const std::string& unit, const NumberFormat& format) {
    return replaceAll(replaceAll(format.quantity, "{number}", formatNumber(value, decimals, format)), "{unit}", unit);
}

NumberFormat numberFormat(const CurrencyFormat& currency, const std::string& language) {
    if (auto it = currency.formats.find(language); it != currency.formats.end()) return it->second;
    NumberFormat f;
    if (language.rfind("zh", 0) == 0) f.money = "{symbol}{amount}";
    return f;
}

}  // namespace core
