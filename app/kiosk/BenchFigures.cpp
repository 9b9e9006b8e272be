#include "BenchFigures.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace kiosk {

double BenchFigures::msSinceStart() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

void BenchFigures::print(bool has3d) const {
    auto stats = [](std::vector<double> v) {
        nlohmann::json j;
        if (v.empty()) return j;
        std::sort(v.begin(), v.end());
        j["count"] = v.size();
        j["p50_ms"] = v[v.size() / 2];
        j["p95_ms"] = v[std::min(v.size() - 1, v.size() * 95 / 100)];
        j["max_ms"] = v.back();
        return j;
    };
    nlohmann::json j;
    j["first_interactive_frame_ms"] = firstFrameMs;
    if (has3d) j["first_car_frame_ms"] = firstCarFrameMs;  // the hero car drawn (imported off the UI thread)
    j["option_tap_update_ms"] = stats(pickMs);
    j["frame_with_option_tap_ms"] = stats(pickFrameMs);
    j["renderer"] = has3d ? "3d" : "flat";
    std::printf("%s\n", j.dump(2).c_str());
}

}  // namespace kiosk
