#include "core/range/DriveCycle.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/JsonReader.h"
#include "RangeNumbers.h"

namespace core::range {
namespace {
using detail::num;

constexpr double kMph = 1.609344;       // km/h per mph, exact
constexpr double kMaxSpeedKmh = 250.0;  // no regulatory cycle comes near this


// Shared checks on a trace once it is read: standstill at both ends.
bool checkEnds(const std::vector<double>& mps, const std::string& file, const std::string& path, ContentErrors& errors) {
    if (mps.size() < 2) {
        errors.push_back({file, path, "a trace needs at least two samples, found " + std::to_string(mps.size())});
        return false;
    }
    if (mps.front() != 0.0 || mps.back() != 0.0) {
        errors.push_back({file, path, "a trace must start and end at standstill (first " + num(mps.front() * 3.6) +
                                          " km/h, last " + num(mps.back() * 3.6) + " km/h)"});
        return false;
    }
    return true;
}

}  // namespace

double DriveCycle::distanceKm() const {
    double m = 0;
    for (size_t k = 1; k < speedMps.size(); ++k) m += 0.5 * (speedMps[k - 1] + speedMps[k]);
    return m / 1000.0;
}

double DriveCycle::maxSpeedKmh() const {
    double v = 0;
    for (double s : speedMps) v = std::max(v, s);
    return v * 3.6;
}

std::optional<DriveCycle> loadDriveCycle(const std::string& file, ContentErrors& errors,
                                         const std::vector<std::string>& languages,
                                         const std::vector<std::string>& otherLanguages) {
    auto doc = parseJsonFile(file, errors);
    if (!doc) return std::nullopt;
    JsonReader r(file, errors, languages);
    r.tolerate(otherLanguages);
    const size_t before = r.errorCount();
    if (!r.expectObject(*doc, "")) return std::nullopt;
    r.allowOnly(*doc, "", {"format", "id", "name", "regulation", "unit", "time_step_s", "published", "trace"});
    DriveCycle c;
    if (auto v = r.integer(*doc, "", "format", 1, 1)) (void)v;
    if (auto v = r.nonEmptyString(*doc, "", "id")) c.id = *v;
    if (auto v = r.text(*doc, "", "name")) c.name = *v;
    if (auto v = r.nonEmptyString(*doc, "", "regulation")) c.regulation = *v;
    double toKmh = 1.0;
    if (auto v = r.string(*doc, "", "unit")) {
        if (*v == "mph") toKmh = kMph;
        else if (*v != "km/h") r.fail("/unit", "unit \"" + *v + "\" must be \"km/h\" or \"mph\"");
    }
    r.integer(*doc, "", "time_step_s", 1, 1);
    if (const Json* pub = r.object(*doc, "", "published")) {
        r.allowOnly(*pub, "/published", {"duration_s", "distance_km", "max_speed_kmh"});
        r.number(*pub, "/published", "duration_s", 1, 100000);
        if (auto v = r.number(*pub, "/published", "distance_km", 0.001, 1000)) c.publishedDistanceKm = *v;
        if (auto v = r.number(*pub, "/published", "max_speed_kmh", 1, kMaxSpeedKmh)) c.publishedMaxSpeedKmh = *v;
    }
    const Json* trace = r.array(*doc, "", "trace");
    if (r.errorCount() != before || !trace) return std::nullopt;
    c.speedMps.reserve(trace->size());
    for (size_t k = 0; k < trace->size(); ++k) {
        const std::string p = jsonPointer("/trace", k);
        const Json& e = (*trace)[k];
        if (!e.is_array() || e.size() != 2 || !e[0].is_number() || !e[1].is_number()) {
            r.fail(p, "expected a [time_s, speed] pair of numbers");
            return std::nullopt;
        }
        const double t = e[0].get<double>();
        const double v = e[1].get<double>();
        if (t != static_cast<double>(k)) {
            r.fail(p, "time " + num(t) + " s where " + std::to_string(k) +
                          " s was expected: the trace must be 1 Hz from 0 s without gaps or repeats");
            return std::nullopt;
        }
        if (!std::isfinite(v) || v < 0) {
            r.fail(p, "negative speed " + num(v) + " at " + num(t) + " s");
            return std::nullopt;
        }
        if (v * toKmh > kMaxSpeedKmh) {
            r.fail(p, "speed " + num(v) + " at " + num(t) + " s is above " + num(kMaxSpeedKmh) + " km/h");
            return std::nullopt;
        }
        c.speedMps.push_back(v * toKmh / 3.6);
    }
    if (!checkEnds(c.speedMps, file, "/trace", errors)) return std::nullopt;
    if (c.publishedDistanceKm > 0 && std::abs(c.distanceKm() / c.publishedDistanceKm - 1.0) > 0.01) {
        r.fail("/published/distance_km", "the trace covers " + num(c.distanceKm()) + " km, not the published " +
                                             num(c.publishedDistanceKm) + " km");
        return std::nullopt;
    }
    if (!c.publishedDistanceKm) c.publishedDistanceKm = c.distanceKm();
    return c;
}

std::optional<DriveCycle> parseDriveCycleCsv(const std::string& text, const std::string& file, ContentErrors& errors) {
    std::istringstream in(text);
    std::string line;
    size_t lineNo = 0;
    DriveCycle c;
    const auto fail = [&](size_t n, std::string message) {
        errors.push_back({file, "line " + std::to_string(n), std::move(message)});
        return std::nullopt;
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (lineNo == 1) {
            if (line != "time_s,speed_kmh")
                return fail(lineNo, "header \"" + line + "\" must be \"time_s,speed_kmh\"");
            continue;
        }
        if (line.empty()) continue;
        const auto comma = line.find(',');
        if (comma == std::string::npos) return fail(lineNo, "expected \"time_s,speed_kmh\", found \"" + line + "\"");
        double t = 0, v = 0;
        try {
            size_t used = 0;
            t = std::stod(line.substr(0, comma), &used);
            v = std::stod(line.substr(comma + 1), &used);
        } catch (const std::exception&) {
            return fail(lineNo, "not a number pair: \"" + line + "\"");
        }
        const size_t k = c.speedMps.size();
        if (t != static_cast<double>(k))
            return fail(lineNo, "time " + num(t) + " s where " + std::to_string(k) +
                                    " s was expected: the trace must be 1 Hz from 0 s without gaps or repeats");
        if (!std::isfinite(v) || v < 0) return fail(lineNo, "negative speed " + num(v) + " km/h at " + num(t) + " s");
        if (v > kMaxSpeedKmh) return fail(lineNo, "speed " + num(v) + " km/h at " + num(t) + " s is above 250 km/h");
        c.speedMps.push_back(v / 3.6);
    }
    if (lineNo == 0) return fail(1, "empty file: header \"time_s,speed_kmh\" missing");
    if (!checkEnds(c.speedMps, file, "", errors)) return std::nullopt;
    c.publishedDistanceKm = c.distanceKm();
    c.publishedMaxSpeedKmh = c.maxSpeedKmh();
    return c;
}

}  // namespace core::range
