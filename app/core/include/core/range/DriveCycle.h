#pragma once
// DriveCycle: one regulatory speed-versus-time trace at 1 Hz (CLTC-P, WLTC 3b, UDDS, HWFET, US06),
// read from the project's own JSON format in content/cycles/ (see src/range/README.md) or from a
// `time_s,speed_kmh` CSV. A plain immutable value; speeds are stored in m/s for the simulation.
#include <optional>
#include <string>
#include <vector>

#include "core/ContentError.h"
#include "core/Text.h"

namespace core::range {

struct DriveCycle {
    std::string id;            // "cltc_p", "wltc3b", "udds", "hwfet", "us06"
    Text name;
    std::string regulation;    // the regulation that defines the trace
    std::vector<double> speedMps;  // sample k is the speed at t = k seconds
    double publishedDistanceKm = 0;
    double publishedMaxSpeedKmh = 0;

    double durationS() const { return speedMps.empty() ? 0.0 : static_cast<double>(speedMps.size() - 1); }
    // Trapezoidal integration of the trace (the convention of every cycle's published distance).
    double distanceKm() const;
    double maxSpeedKmh() const;
};

// Reads a cycle in the project's JSON format. Errors name the file, the JSON pointer and the value:
// wrong format/unit header, a gap or step in time, a negative or absurd speed, a trace that does not
// start and end at standstill, a distance far from the published one.
std::optional<DriveCycle> loadDriveCycle(const std::string& file, ContentErrors& errors,
                                         const std::vector<std::string>& languages = {"zh-CN", "en"},
                                         const std::vector<std::string>& otherLanguages = {});

// Parses a `time_s,speed_kmh` CSV (header required; 1 Hz rows from t = 0). `file` names it in errors,
// with the line number as the path ("line 12").
std::optional<DriveCycle> parseDriveCycleCsv(const std::string& text, const std::string& file, ContentErrors& errors);

}  // namespace core::range
