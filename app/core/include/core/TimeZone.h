#pragma once
// TimeZone: a market's civil time from the system's time zone database (IANA names such as
// "Asia/Shanghai" or "Europe/Berlin", read from the TZif files of Debian's tzdata package under
// /usr/share/zoneinfo, or $TZDIR). The file is parsed here, so no process-wide TZ variable is
// set and any thread may ask any zone. A value: copy it freely.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// A POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"), as in the footer of a TZif file: it gives the
// offset for times after the file's last transition. Offsets are seconds east of UTC.
struct PosixZoneRule {
    struct Day {
        enum class Kind { MonthWeekDay, JulianNoLeap, ZeroBased } kind = Kind::MonthWeekDay;
        int month = 0, week = 0, weekday = 0;  // Mm.w.d: week 5 = the last one; weekday 0 = Sunday
        int day = 0;                           // Jn (1..365, Feb 29 never counted) or n (0..365)
        int timeSeconds = 7200;                // local time of the change, default 02:00
    };
    int standardOffset = 0;
    bool hasDst = false;
    int dstOffset = 0;
    Day dstStart, dstEnd;

    int offsetAt(std::int64_t utcSeconds) const;
};
// Parses a POSIX TZ string; nullopt with `error` set when it is not one.
std::optional<PosixZoneRule> parsePosixZoneRule(std::string_view text, std::string& error);

// A civil date and time of day in a zone.
struct LocalDateTime {
    int year = 1970, month = 1, day = 1;
    int secondOfDay = 0;
};

class TimeZone {
public:
    TimeZone() = default;  // UTC
    static TimeZone fixed(std::string name, int offsetSeconds);
    // Parses TZif data (RFC 8536, versions 1 to 4); nullopt with `error` naming what is wrong.
    static std::optional<TimeZone> fromTzif(std::string name, std::string_view bytes, std::string& error);

    const std::string& name() const { return m_name; }
    // Seconds east of UTC in this zone at a UTC time.
    int offsetSecondsAt(std::int64_t utcSeconds) const;
    // The civil date and time in this zone at a UTC time.
    LocalDateTime localTime(std::int64_t utcSeconds) const;
    // The UTC time of a civil date and time in this zone. A time repeated when the clocks go back
    // is its first instant; a time skipped when they go forward is read with the offset before the
    // change (02:30 on the spring morning in Berlin is 03:30 summer time).
    std::int64_t utcSecondsOf(const LocalDateTime& local) const;

private:
    std::string m_name = "UTC";
    std::vector<std::int64_t> m_transitions;  // UTC seconds, ascending
    std::vector<int> m_offsetAfter;           // offset from each transition on
    int m_offsetBefore = 0;                   // before the first transition
    std::optional<PosixZoneRule> m_footer;    // after the last transition
};

struct TimeZoneResult {
    std::optional<TimeZone> zone;
    std::string error;  // names the zone and the file when `zone` is empty
};

// The folder of the zone database: $TZDIR when set, else /usr/share/zoneinfo.
std::string zoneinfoDirectory();
// Loads an IANA zone by name ("Europe/Berlin") from `directory`. A name that is not a plain
// relative path of letters, digits, '_', '-', '+' (no "..", no leading '/') is refused.
TimeZoneResult loadTimeZone(const std::string& name, const std::string& directory = zoneinfoDirectory());

}  // namespace core
