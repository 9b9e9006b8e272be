#include "core/TimeZone.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace core {
namespace {

constexpr std::int64_t kDay = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// The civil date of a day count since 1970-01-01 (the inverse of daysFromCivil).
LocalDateTime civilFromDays(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    LocalDateTime t;
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2 ? 1 : 0));
    return t;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); }

bool isLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Local midnight (days since the epoch) of a rule's day in year `y`.
std::int64_t ruleDay(const PosixZoneRule::Day& r, std::int64_t y) {
    using Kind = PosixZoneRule::Day::Kind;
    const std::int64_t jan1 = daysFromCivil(y, 1, 1);
    if (r.kind == Kind::ZeroBased) return jan1 + r.day;
    if (r.kind == Kind::JulianNoLeap) return jan1 + r.day - 1 + (isLeap(y) && r.day >= 60 ? 1 : 0);
    const std::int64_t first = daysFromCivil(y, r.month, 1);
    const std::int64_t nextMonth = r.month == 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, r.month + 1, 1);
    const int firstWeekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
    std::int64_t day = first + (r.weekday - firstWeekday + 7) % 7 + 7 * (r.week - 1);
    while (day >= nextMonth) day -= 7;
    return day;
}

// A small cursor over a POSIX TZ string.
class PosixReader {
public:
    explicit PosixReader(std::string_view s) : m_s(s) {}
    bool done() const { return m_i >= m_s.size(); }
    bool take(char c) {
        if (done() || m_s[m_i] != c) return false;
        ++m_i;
        return true;
    }
    bool name() {
        if (take('<')) {
            const size_t end = m_s.find('>', m_i);
            if (end == std::string_view::npos || end - m_i < 3) return false;
            m_i = end + 1;
            return true;
        }
        const size_t start = m_i;
        while (!done() && std::isalpha(static_cast<unsigned char>(m_s[m_i]))) ++m_i;
        return m_i - start >= 3;
    }
    bool number(int maxValue, int& out) {
        const size_t start = m_i;
        out = 0;
        while (!done() && std::isdigit(static_cast<unsigned char>(m_s[m_i])) && m_i - start < 3) out = out * 10 + (m_s[m_i++] - '0');
        return m_i > start && out <= maxValue;
    }
    // [+-]hh[:mm[:ss]] in seconds (hours up to 167, as in TZif version 3).
    bool clock(int& seconds) {
        int sign = 1;
        if (take('-')) sign = -1;
        else take('+');
        int h = 0, m = 0, s = 0;
        if (!number(167, h)) return false;
        if (take(':') && !number(59, m)) return false;
        if (take(':') && !number(59, s)) return false;
        seconds = sign * (h * 3600 + m * 60 + s);
        return true;
    }
    bool day(PosixZoneRule::Day& d) {
        using Kind = PosixZoneRule::Day::Kind;
        bool ok = false;
        if (take('M')) {
            d.kind = Kind::MonthWeekDay;
            ok = number(12, d.month) && d.month >= 1 && take('.') && number(5, d.week) && d.week >= 1 && take('.') &&
                 number(6, d.weekday);
        } else if (take('J')) {
            d.kind = Kind::JulianNoLeap;
            ok = number(365, d.day) && d.day >= 1;
        } else {
            d.kind = Kind::ZeroBased;
            ok = number(365, d.day);
        }
        if (ok && take('/')) ok = clock(d.timeSeconds);
        return ok;
    }

private:
    std::string_view m_s;
    size_t m_i = 0;
};

std::uint32_t be32(std::string_view b, size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

std::int64_t be64(std::string_view b, size_t at) {
    return static_cast<std::int64_t>((static_cast<std::uint64_t>(be32(b, at)) << 32) | be32(b, at + 4));
}

struct TzifCounts {
    std::uint32_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
    size_t dataBytes(size_t timeSize) const {
        return time * timeSize + time + type * 6 + chars + leap * (timeSize + 4) + isstd + isut;
    }
};

std::optional<TzifCounts> tzifHeader(std::string_view b, size_t at, std::string& error) {
    if (b.size() < at + 44 || b.substr(at, 4) != "TZif") {
        error = "not a TZif file (no \"TZif\" header)";
        return std::nullopt;
    }
    TzifCounts c{be32(b, at + 20), be32(b, at + 24), be32(b, at + 28), be32(b, at + 32), be32(b, at + 36), be32(b, at + 40)};
    if (c.type == 0 || c.type > 256 || c.time > 100000 || c.chars > 100000 || c.leap > 100000) {
        error = "TZif header counts out of range";
        return std::nullopt;
    }
    if (b.size() < at + 44 + c.dataBytes(4)) {
        error = "TZif file is truncated";
        return std::nullopt;
    }
    return c;
}

}  // namespace

int PosixZoneRule::offsetAt(std::int64_t utcSeconds) const {
    if (!hasDst) return standardOffset;
    const std::int64_t year = civilFromDays(floorDiv(utcSeconds + standardOffset, kDay)).year;
    const std::int64_t start = ruleDay(dstStart, year) * kDay + dstStart.timeSeconds - standardOffset;
    const std::int64_t end = ruleDay(dstEnd, year) * kDay + dstEnd.timeSeconds - dstOffset;
    const bool inDst = start < end ? (utcSeconds >= start && utcSeconds < end) : (utcSeconds < end || utcSeconds >= start);
    return inDst ? dstOffset : standardOffset;
}

std::optional<PosixZoneRule> parsePosixZoneRule(std::string_view text, std::string& error) {
    PosixReader r(text);
    PosixZoneRule rule;
    int west = 0;
    auto bad = [&](const char* what) -> std::optional<PosixZoneRule> {
        error = "POSIX TZ rule \"" + std::string(text) + "\": " + what;
        return std::nullopt;
    };
    if (!r.name()) return bad("expected a zone abbreviation of at least 3 letters");
    if (!r.clock(west)) return bad("expected the standard offset ([+-]hh[:mm[:ss]])");
    rule.standardOffset = -west;
    if (r.done()) return rule;
    if (!r.name()) return bad("expected the daylight-saving abbreviation");
    rule.hasDst = true;
    rule.dstOffset = rule.standardOffset + 3600;
    if (!r.done() && !r.take(',')) {
        if (!r.clock(west)) return bad("expected the daylight-saving offset");
        rule.dstOffset = -west;
        if (!r.done() && !r.take(',')) return bad("expected ',' before the change rules");
    }
    if (r.done()) {  // no rules: the POSIX default (US rules since 2007)
        rule.dstStart = {PosixZoneRule::Day::Kind::MonthWeekDay, 3, 2, 0, 0, 7200};
        rule.dstEnd = {PosixZoneRule::Day::Kind::MonthWeekDay, 11, 1, 0, 0, 7200};
        return rule;
    }
    if (!r.day(rule.dstStart)) return bad("expected the start rule (Mm.w.d, Jn or n, with /time)");
    if (!r.take(',') || !r.day(rule.dstEnd)) return bad("expected ',' and the end rule");
    if (!r.done()) return bad("unexpected text after the end rule");
    return rule;
}

TimeZone TimeZone::fixed(std::string name, int offsetSeconds) {
    TimeZone z;
    z.m_name = std::move(name);
    z.m_offsetBefore = offsetSeconds;
    return z;
}

std::optional<TimeZone> TimeZone::fromTzif(std::string name, std::string_view b, std::string& error) {
    auto counts = tzifHeader(b, 0, error);
    if (!counts) return std::nullopt;
    size_t at = 44;
    size_t timeSize = 4;
    if (b[4] >= '2') {  // skip the 32-bit block: the 64-bit one that follows is complete
        at = 44 + counts->dataBytes(4);
        counts = tzifHeader(b, at, error);
        if (!counts) return std::nullopt;
        at += 44;
        timeSize = 8;
        if (b.size() < at + counts->dataBytes(8)) {
            error = "TZif file is truncated";
            return std::nullopt;
        }
    }
    const TzifCounts c = *counts;
    const size_t typesAt = at + c.time * timeSize + c.time;
    std::vector<int> typeOffset(c.type);
    for (size_t i = 0; i < c.type; ++i) typeOffset[i] = static_cast<std::int32_t>(be32(b, typesAt + i * 6));
    TimeZone z;
    z.m_name = std::move(name);
    z.m_offsetBefore = typeOffset[0];
    for (size_t i = 0; i < c.time; ++i) {
        const std::int64_t t = timeSize == 8 ? be64(b, at + i * 8) : static_cast<std::int32_t>(be32(b, at + i * 4));
        const auto type = static_cast<unsigned char>(b[at + c.time * timeSize + i]);
        if (type >= c.type || (!z.m_transitions.empty() && t <= z.m_transitions.back())) {
            error = "TZif transition " + std::to_string(i) + " is out of order or names an unknown type";
            return std::nullopt;
        }
        z.m_transitions.push_back(t);
        z.m_offsetAfter.push_back(typeOffset[type]);
    }
    if (timeSize == 8) {
        const size_t footerAt = at + c.dataBytes(8);
        if (b.size() < footerAt + 2 || b[footerAt] != '\n') {
            error = "TZif footer missing";
            return std::nullopt;
        }
        const size_t end = b.find('\n', footerAt + 1);
        if (end == std::string_view::npos) {
            error = "TZif footer is not terminated";
            return std::nullopt;
        }
        const std::string_view tz = b.substr(footerAt + 1, end - footerAt - 1);
        if (!tz.empty()) {
            z.m_footer = parsePosixZoneRule(tz, error);
            if (!z.m_footer) return std::nullopt;
        }
    }
    return z;
}

int TimeZone::offsetSecondsAt(std::int64_t utcSeconds) const {
    if (m_transitions.empty()) return m_footer ? m_footer->offsetAt(utcSeconds) : m_offsetBefore;
    if (utcSeconds < m_transitions.front()) return m_offsetBefore;
    if (utcSeconds >= m_transitions.back() && m_footer) return m_footer->offsetAt(utcSeconds);
    const auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), utcSeconds);
    return m_offsetAfter[static_cast<size_t>(it - m_transitions.begin()) - 1];
}

LocalDateTime TimeZone::localTime(std::int64_t utcSeconds) const {
    const std::int64_t local = utcSeconds + offsetSecondsAt(utcSeconds);
    const std::int64_t days = floorDiv(local, kDay);
    LocalDateTime t = civilFromDays(days);
    t.secondOfDay = static_cast<int>(local - days * kDay);
    return t;
}

std::int64_t TimeZone::utcSecondsOf(const LocalDateTime& local) const {
    const std::int64_t wall = daysFromCivil(local.year, local.month, local.day) * kDay + local.secondOfDay;
    // The offset in force a day either side bounds the two candidates; the earlier instant whose
    // local time is `wall` wins (a repeated hour), else the time lies in a gap and moves forward.
    const int before = offsetSecondsAt(wall - kDay), after = offsetSecondsAt(wall + kDay);
    for (const int o : {std::max(before, after), std::min(before, after)})
        if (offsetSecondsAt(wall - o) == o) return wall - o;
    return wall - std::min(before, after);
}

std::string zoneinfoDirectory() {
    const char* dir = std::getenv("TZDIR");
    return dir && *dir ? dir : "/usr/share/zoneinfo";
}

TimeZoneResult loadTimeZone(const std::string& name, const std::string& directory) {
    TimeZoneResult result;
    bool plain = !name.empty() && name.front() != '/' && name.back() != '/' && name.size() <= 100;
    for (char ch : name)
        plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '+' || ch == '/');
    std::stringstream parts(name);
    for (std::string part; plain && std::getline(parts, part, '/');) plain = !part.empty() && part.front() != '-';
    if (!plain) {
        result.error = "\"" + name + "\" is not an IANA time zone name (such as \"Europe/Berlin\")";
        return result;
    }
    const std::string path = directory + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.error = "unknown time zone \"" + name + "\": no " + path + " (is the tzdata package installed?)";
        return result;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string error;
    result.zone = TimeZone::fromTzif(name, bytes, error);
    if (!result.zone) result.error = path + ": " + error;
    return result;
}

}  // namespace core
