#pragma once
// Reads an amount back from the words a screen or a page shows ("¥277,386.99", "-CNY 5,000",
// "¥110 *"), so tests can add up what the customer sees rather than what the program meant.
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

namespace money_text {

// Minor units of a shown amount with `minorDigits` decimals; nullopt when it holds no number.
inline std::optional<std::int64_t> parseShownMoney(const std::string& shown, int minorDigits = 2) {
    bool negative = false, digits = false, fraction = false;
    std::int64_t whole = 0, frac = 0;
    int fracDigits = 0;
    for (char ch : shown) {
        if (ch == '-') negative = true;
        else if (ch == '.') fraction = true;
        else if (std::isdigit(static_cast<unsigned char>(ch))) {
            digits = true;
            if (fraction) {
                frac = frac * 10 + (ch - '0');
                ++fracDigits;
            } else {
                whole = whole * 10 + (ch - '0');
            }
        }
    }
    if (!digits || fracDigits > minorDigits) return std::nullopt;
    for (; fracDigits < minorDigits; ++fracDigits) frac *= 10;
    std::int64_t scale = 1;
    for (int i = 0; i < minorDigits; ++i) scale *= 10;
    const std::int64_t v = whole * scale + frac;
    return negative ? -v : v;
}

}  // namespace money_text
