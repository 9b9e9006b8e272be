#pragma once
// BenchFigures: what `--bench` measures: the first interactive frame and the first frame with the
// car after start, the time to apply each option pick and the whole frame in which it showed;
// printed as JSON when the bench visit ends. UI thread only.
#include <chrono>
#include <vector>

namespace kiosk {

struct BenchFigures {
    std::chrono::steady_clock::time_point started;
    double firstFrameMs = -1;
    double firstCarFrameMs = -1;
    std::vector<double> pickMs;       // applying a pick: rules, price, range, car restyle
    std::vector<double> pickFrameMs;  // the whole frame in which the pick showed

    double msSinceStart() const;
    // Prints the figures (percentiles of the per-pick ones) to stdout.
    void print(bool has3d) const;
};

}  // namespace kiosk
