#include "core/booking/BookingSettings.h"

#include <algorithm>
#include <cstdio>
#include <regex>
#include <set>

#include "core/Catalog.h"
#include "core/JsonReader.h"
#include "core/booking/Booking.h"

namespace core {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153u * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2u) / 5u + static_cast<unsigned>(d) - 1u;
    const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

LocalDate civilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    const unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
    const unsigned mp = (5u * doy + 2u) / 153u;
    const unsigned d = doy - (153u * mp + 2u) / 5u + 1u;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const auto y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
    return {y, static_cast<int>(m), static_cast<int>(d)};
}

std::optional<int> parseClock(const std::string& s) {
    static const std::regex r("^([01][0-9]|2[0-4]):([0-5][0-9])$");
    std::smatch m;
    if (!std::regex_match(s, m, r)) return std::nullopt;
    const int minute = std::stoi(m[1]) * 60 + std::stoi(m[2]);
    if (minute > 24 * 60) return std::nullopt;
    return minute;
}

const char* const kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

}  // namespace

std::string BookingSettings::message(const std::string& code, const std::string& language) const {
    auto it = messages.find(code);
    return it == messages.end() ? code : it->second.get(language);
}

std::string LocalDate::toString() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

int LocalDate::weekday() const {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    const std::int64_t days = daysFromCivil(year, month, day);
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

LocalDate LocalDate::plusDays(int days) const { return civilFromDays(daysFromCivil(year, month, day) + days); }

std::optional<LocalDate> parseLocalDate(const std::string& s) {
    static const std::regex r("^(20[0-9]{2})-([0-9]{2})-([0-9]{2})$");
    std::smatch m;
    if (!std::regex_match(s, m, r)) return std::nullopt;
    LocalDate d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
    if (civilFromDays(daysFromCivil(d.year, d.month, d.day)) != d) return std::nullopt;  // 2026-02-30
    return d;
}

std::optional<std::pair<LocalDate, int>> parseLocalDateTime(const std::string& s) {
    if (s.size() != 16 || s[10] != 'T') return std::nullopt;
    auto d = parseLocalDate(s.substr(0, 10));
    auto t = parseClock(s.substr(11));
    if (!d || !t || *t >= 24 * 60) return std::nullopt;
    return std::make_pair(*d, *t);
}

std::string formatLocalDateTime(const LocalDate& date, int minuteOfDay) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minuteOfDay / 60) % 100, minuteOfDay % 60);
    return date.toString() + "T" + buf;
}

std::pair<LocalDate, int> localFromUtcMs(std::int64_t utcMs, int utcOffsetMinutes) {
    std::int64_t minutes = utcMs / 60000 + utcOffsetMinutes;
    if (utcMs < 0 && utcMs % 60000 != 0) --minutes;
    std::int64_t days = minutes / 1440;
    std::int64_t minuteOfDay = minutes % 1440;
    if (minuteOfDay < 0) {
        minuteOfDay += 1440;
        --days;
    }
    return {civilFromDays(days), static_cast<int>(minuteOfDay)};
}

std::pair<LocalDate, int> localFromUtcMs(std::int64_t utcMs, const TimeZone& zone) {
    const std::int64_t seconds = utcMs / 1000 - (utcMs < 0 && utcMs % 1000 != 0 ? 1 : 0);
    const LocalDateTime t = zone.localTime(seconds);
    return {LocalDate{t.year, t.month, t.day}, t.secondOfDay / 60};
}

std::vector<std::string> slotsForDay(const BookingSettings& settings, const LocalDate& date) {
    std::vector<std::string> out;
    const OpeningHours& h = settings.hours[static_cast<size_t>(date.weekday())];
    if (!h.open || settings.slotMinutes <= 0) return out;
    const int step = settings.slotMinutes + settings.bufferMinutes;
    for (int t = h.openMinute; t + settings.slotMinutes <= h.closeMinute && t < 24 * 60; t += step)
        out.push_back(formatLocalDateTime(date, t));
    return out;
}

bool isSlotStart(const BookingSettings& settings, const std::string& slot) {
    auto dt = parseLocalDateTime(slot);
    if (!dt) return false;
    const auto slots = slotsForDay(settings, dt->first);
    return std::find(slots.begin(), slots.end(), slot) != slots.end();
}

int slotCapacity(const Catalog& catalog, const std::string& model) {
    return static_cast<int>(std::count_if(catalog.showroom.demoFleet.begin(), catalog.showroom.demoFleet.end(),
                                          [&](const DemoVehicle& v) { return v.model == model; }));
}

std::string slotKey(const std::string& model, const std::string& slot) { return model + "@" + slot; }

std::optional<std::pair<std::string, std::string>> parseSlotKey(const std::string& key) {
    const auto at = key.find('@');
    if (at == std::string::npos) return std::nullopt;
    std::string model = key.substr(0, at), slot = key.substr(at + 1);
    if (model.empty() || !parseLocalDateTime(slot)) return std::nullopt;
    for (char c : model)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return std::nullopt;
    return std::make_pair(model, slot);
}

int estimatedQueueWaitMinutes(const BookingSettings& settings, int place, int vehicles) {
    if (place <= 0 || vehicles <= 0) return 0;
    // Everyone ahead (place - 1) is spread over the cars; each round takes one average drive.
    return ((place - 1) / vehicles) * settings.averageDriveMinutes;
}

BookingSettingsResult loadBookingSettings(const Catalog& catalog) {
    BookingSettingsResult r;
    const auto file =
        catalog.requireModuleFile("booking", "test-drive booking needs content/booking/showroom.json", r.errors);
    return file ? loadBookingSettings(*file, catalog) : r;
}

BookingSettingsResult loadBookingSettings(const std::string& file, const Catalog& catalog) {
    BookingSettingsResult result;
    auto doc = parseJsonFile(file, result.errors);
    if (!doc) return result;
    JsonReader r(file, result.errors, catalog.market.languages);
    if (!r.expectObject(*doc, "")) return result;
    const Json& d = *doc;
    r.allowOnly(d, "", {"format", "utc_offset_minutes", "hours", "slot_minutes", "buffer_minutes", "horizon_days",
                        "event_queue", "consent", "retention_days", "allocation", "advisors", "messages", "phone"});
    BookingSettings s;
    s.sourceFile = file;
    s.zone = catalog.market.timeZone;
    r.integer(d, "", "format", 1, 1);
    if (d.contains("utc_offset_minutes"))
        r.fail("/utc_offset_minutes", "a fixed offset is no longer read: the showroom's time is the market's time_zone (" +
                                          catalog.market.sourceFile + ")");
    if (const Json* hours = r.object(d, "", "hours")) {
        std::vector<const char*> allowed(kDays, kDays + 7);
        for (auto it = hours->begin(); it != hours->end(); ++it)
            if (std::find_if(allowed.begin(), allowed.end(), [&](const char* k) { return it.key() == k; }) == allowed.end())
                r.fail(jsonPointer("/hours", it.key()), "unknown day \"" + it.key() + "\" (use mon..sun)");
        for (size_t i = 0; i < 7; ++i) {
            const std::string p = jsonPointer("/hours", kDays[i]);
            auto it = hours->find(kDays[i]);
            if (it == hours->end()) {
                r.fail(p, "missing: give [\"HH:MM\", \"HH:MM\"] or null when closed");
                continue;
            }
            if (it->is_null()) continue;
            if (!it->is_array() || it->size() != 2 || !(*it)[0].is_string() || !(*it)[1].is_string()) {
                r.fail(p, "expected [\"HH:MM\", \"HH:MM\"] or null");
                continue;
            }
            auto open = parseClock((*it)[0].get<std::string>());
            auto close = parseClock((*it)[1].get<std::string>());
            if (!open || !close || *open >= *close) {
                r.fail(p, "opening hours must be two times HH:MM, opening before closing");
                continue;
            }
            s.hours[i] = {true, *open, *close};
        }
    }
    if (auto v = r.integer(d, "", "slot_minutes", 10, 240)) s.slotMinutes = static_cast<int>(*v);
    if (auto v = r.integer(d, "", "buffer_minutes", 0, 120)) s.bufferMinutes = static_cast<int>(*v);
    if (auto v = r.integer(d, "", "horizon_days", 1, 365)) s.horizonDays = static_cast<int>(*v);
    if (auto v = r.integer(d, "", "retention_days", 0, 3650)) s.retentionDays = static_cast<int>(*v);
    if (const Json* ph = r.object(d, "", "phone", false)) {
        r.allowOnly(*ph, "/phone", {"country_code", "trunk_prefix", "mobile"});
        static const std::regex kDigits("^[0-9]{0,4}$");
        if (auto v = r.string(*ph, "/phone", "country_code")) {
            if (v->empty() || !std::regex_match(*v, kDigits)) r.fail("/phone/country_code", "\"" + *v + "\" is not 1-4 digits");
            s.phone.countryCode = *v;
        }
        if (auto v = r.string(*ph, "/phone", "trunk_prefix", false)) {
            if (!std::regex_match(*v, kDigits)) r.fail("/phone/trunk_prefix", "\"" + *v + "\" is not digits");
            s.phone.trunkPrefix = *v;
        }
        if (auto v = r.string(*ph, "/phone", "mobile")) {
            try {
                std::regex check(*v);
                s.phone.mobilePattern = *v;
            } catch (const std::regex_error&) {
                r.fail("/phone/mobile", "\"" + *v + "\" is not a regular expression");
            }
        }
    }
    if (const Json* q = r.object(d, "", "event_queue")) {
        r.allowOnly(*q, "/event_queue", {"average_drive_minutes", "max_queue_per_model"});
        if (auto v = r.integer(*q, "/event_queue", "average_drive_minutes", 5, 240)) s.averageDriveMinutes = static_cast<int>(*v);
        if (auto v = r.integer(*q, "/event_queue", "max_queue_per_model", 1, 10000)) s.maxQueuePerModel = static_cast<int>(*v);
    }
    if (const Json* a = r.object(d, "", "allocation")) {
        r.allowOnly(*a, "/allocation", {"seats_per_kiosk", "horizon_days", "online_confirm_timeout_ms"});
        if (auto v = r.integer(*a, "/allocation", "seats_per_kiosk", 0, 100)) s.seatsPerKiosk = static_cast<int>(*v);
        if (auto v = r.integer(*a, "/allocation", "horizon_days", 0, 30)) s.allocationHorizonDays = static_cast<int>(*v);
        if (auto v = r.integer(*a, "/allocation", "online_confirm_timeout_ms", 100, 30000))
            s.onlineConfirmTimeoutMs = static_cast<int>(*v);
    }
    if (const Json* c = r.object(d, "", "consent")) {
        r.allowOnly(*c, "/consent", {"version", "accepted_versions", "purpose", "contact", "licence"});
        static const std::regex kVersion("^[A-Za-z0-9._-]{1,32}$");
        if (auto v = r.string(*c, "/consent", "version")) {
            if (std::regex_match(*v, kVersion)) s.consent.version = *v;
            else r.fail("/consent/version", "version \"" + *v + "\" must be 1-32 of [A-Za-z0-9._-]");
        }
        s.consent.acceptedVersions = r.stringArray(*c, "/consent", "accepted_versions", false);
        if (std::find(s.consent.acceptedVersions.begin(), s.consent.acceptedVersions.end(), s.consent.version) ==
            s.consent.acceptedVersions.end())
            s.consent.acceptedVersions.push_back(s.consent.version);
        if (auto v = r.text(*c, "/consent", "purpose")) s.consent.purpose = *v;
        if (auto v = r.text(*c, "/consent", "contact")) s.consent.contact = *v;
        if (auto v = r.text(*c, "/consent", "licence")) s.consent.licence = *v;
    }
    if (const Json* advisors = r.array(d, "", "advisors", false)) {
        std::set<std::string> seen;
        for (size_t i = 0; i < advisors->size(); ++i) {
            const std::string p = jsonPointer("/advisors", i);
            const Json& a = (*advisors)[i];
            if (!r.expectObject(a, p)) continue;
            r.allowOnly(a, p, {"id", "name"});
            Advisor adv;
            if (auto v = r.string(a, p, "id")) {
                if (!isValidId(*v)) r.fail(jsonPointer(p, "id"), "id \"" + *v + "\" must be 1-48 of [a-z0-9-]");
                else if (!seen.insert(*v).second) r.fail(jsonPointer(p, "id"), "duplicate advisor id \"" + *v + "\"");
                adv.id = *v;
            }
            if (auto v = r.text(a, p, "name")) adv.name = *v;
            s.advisors.push_back(adv);
        }
    }
    if (const Json* m = r.object(d, "", "messages")) {
        for (auto it = m->begin(); it != m->end(); ++it)
            if (auto v = r.text(*m, "/messages", it.key().c_str())) s.messages[it.key()] = *v;
    }
    if (r.errorCount() == 0) result.settings = std::move(s);
    return result;
}

}  // namespace core
