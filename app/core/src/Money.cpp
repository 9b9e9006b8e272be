#include "core/Money.h"

#include <cstdlib>

namespace core {
namespace {

std::string groupThousands(std::uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count != 0 && count % 3 == 0) out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
        ++count;
    }
    return out;
}

}  // namespace

std::string formatMoney(std::int64_t minor, const CurrencyFormat& currency, const std::string& language) {
    std::uint64_t scale = 1;
    for (int i = 0; i < currency.minorDigits; ++i) scale *= 10;
    const bool negative = minor < 0;
    // Magnitude computed in unsigned arithmetic so INT64_MIN does not overflow.
    const std::uint64_t magnitude = negative ? std::uint64_t(0) - static_cast<std::uint64_t>(minor)
                                             : static_cast<std::uint64_t>(minor);
    std::string number = groupThousands(magnitude / scale);
    const std::uint64_t fraction = magnitude % scale;
    if (fraction != 0) {
        std::string f = std::to_string(fraction);
        f.insert(f.begin(), static_cast<size_t>(currency.minorDigits) - f.size(), '0');
        number += "." + f;
    }
    std::string sign = negative ? "-" : "";
    if (language.rfind("zh", 0) == 0) return sign + currency.symbol + number;
    return sign + currency.code + " " + number;
}

}  // namespace core
