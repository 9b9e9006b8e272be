#include "core/pricing/Date.h"

#include "core/Money.h"

#include <cstdio>

namespace core::pricing {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
std::int32_t daysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

void civilFromDays(std::int32_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

unsigned daysInMonth(int y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

Date Date::fromCivil(int year, unsigned month, unsigned day) { return Date{daysFromCivil(year, month, day)}; }

Date Date::at(const TimeZone& zone, std::int64_t utcSeconds) {
    const LocalDateTime t = zone.localTime(utcSeconds);
    return fromCivil(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
}

std::optional<Date> Date::parse(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int y = std::stoi(text.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    const unsigned d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return std::nullopt;
    return fromCivil(y, m, d);
}

std::string Date::format(const std::string& pattern) const {
    if (*this == max()) return "open";
    int y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    return formatDate(pattern, y, m, d);
}

std::string Date::str() const {
    if (*this == max()) return "open";
    int y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

Date Date::plusMonths(int months) const {
    int y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    int total = y * 12 + static_cast<int>(m - 1) + months;
    y = total / 12;
    m = static_cast<unsigned>(total % 12) + 1;
    if (d > daysInMonth(y, m)) d = daysInMonth(y, m);
    return fromCivil(y, m, d);
}

}  // namespace core::pricing
