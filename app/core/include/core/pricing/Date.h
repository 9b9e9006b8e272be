#pragma once
// Date: a calendar day in the market's local time, as a count of days since 1970-01-01.
// Effective periods of market rules are whole days: a rule "until 2026-11-30" applies all of
// that day and stops at midnight, local time.
#include <cstdint>
#include <optional>
#include <string>

#include "core/TimeZone.h"

namespace core::pricing {

struct Date {
    std::int32_t days = 0;  // since 1970-01-01

    static Date fromCivil(int year, unsigned month, unsigned day);
    // Strict "YYYY-MM-DD"; nullopt for anything else or an impossible day (2026-02-30).
    static std::optional<Date> parse(const std::string& text);
    static constexpr Date max() { return Date{INT32_MAX}; }
    // The calendar day in the market's time zone at a UTC time (seconds since the epoch): the day
    // prices, promotions and incentives are read for.
    static Date at(const TimeZone& zone, std::int64_t utcSeconds);
    std::string str() const;
    // The day in a market's date pattern (NumberFormat::date): "31.12.2026".
    std::string format(const std::string& pattern) const;
    Date plusDays(std::int32_t n) const { return Date{days + n}; }
    Date plusMonths(int months) const;  // same day of month, clamped to the month's last day

    auto operator<=>(const Date&) const = default;
};

// Both ends inclusive; `until` is Date::max() when open-ended.
struct Period {
    Date from;
    Date until = Date::max();
    bool contains(Date d) const { return from <= d && d <= until; }
    bool overlaps(const Period& o) const { return from <= o.until && o.from <= until; }
};

}  // namespace core::pricing
