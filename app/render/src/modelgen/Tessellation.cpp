#include "Tessellation.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace render::gen {

namespace {

constexpr int kDense = 2048;
constexpr float kMaxCurvature = 200;  // 1/m: a 5 mm radius (the nose and tail tips close as a square root)

float curvature(const Vec3& a, const Vec3& b, const Vec3& c) {
    const float ab = length(b - a), bc = length(c - b), ca = length(c - a);
    if (ab < 1e-9f || bc < 1e-9f || ca < 1e-9f) return 0;
    return std::min(kMaxCurvature, 2 * length(cross(b - a, c - b)) / (ab * bc * ca));
}

// Parameters from u0 to u1 (both included) at equal steps of cost. `curves` gives, for a curve
// index and a parameter, a point; `skip(a, b)` says a step costs nothing (a step of the surface).
std::vector<float> place(float u0, float u1, int curves, const std::function<Vec3(int, float)>& at,
                         const std::function<bool(float, float)>& skip, const ChordTolerance& tol, float maxStep = 1e9f) {
    std::vector<float> u(kDense + 1), cost(kDense + 1, 0);
    for (int j = 0; j <= kDense; ++j) u[j] = u0 + (u1 - u0) * static_cast<float>(j) / kDense;
    for (int c = 0; c < curves; ++c) {
        std::vector<Vec3> p(kDense + 1);
        for (int j = 0; j <= kDense; ++j) p[j] = at(c, u[j]);
        for (int j = 0; j < kDense; ++j) {
            if (skip(u[j], u[j + 1])) continue;
            const float l = length(p[j + 1] - p[j]);
            const float k = std::max(curvature(p[std::max(0, j - 1)], p[j], p[j + 1]),
                                     curvature(p[j], p[j + 1], p[std::min(kDense, j + 2)]));
            cost[j + 1] = std::max(cost[j + 1], l * std::max(std::sqrt(k / (8 * tol.tolM)), 1 / tol.maxEdgeM));
        }
    }
    for (int j = 1; j <= kDense; ++j) cost[j] = std::max(cost[j], (u[j] - u[j - 1]) / maxStep) + cost[j - 1];
    const int n = std::max(1, static_cast<int>(std::ceil(cost[kDense])));
    std::vector<float> out{u0};
    int j = 0;
    for (int i = 1; i < n; ++i) {
        const float target = cost[kDense] * static_cast<float>(i) / n;
        while (j < kDense && cost[j + 1] < target) ++j;
        const float f = (target - cost[j]) / std::max(1e-12f, cost[j + 1] - cost[j]);
        out.push_back(u[j] + (u[j + 1] - u[j]) * std::clamp(f, 0.0f, 1.0f));
    }
    out.push_back(u1);
    return out;
}

}  // namespace

std::vector<float> adaptiveRings(const BodySurface& body, const ChordTolerance& tol) {
    // Every 0.03 of the length between the lamps: the shoulder's concave band lies at another
    // section angle wherever the section's middle rises over a wheel.
    std::vector<float> stations;
    for (float s = 0.1f; s < 0.905f; s += 0.03f) stations.push_back(s);
    const int n = static_cast<int>(stations.size());
    auto at = [&](int c, float t) { return body.point(stations[c], t); };
    auto none = [](float, float) { return false; };
    const float ts = BodySurface::shoulderT();
    std::vector<float> left = place(-kPi / 2, ts, n, at, none, tol);
    // Over the shoulder at least one ring per 0.045 radians, so that the side windows' cells and
    // the windscreen's and roof's never share a row.
    const std::vector<float> upper = place(ts, kPi / 2, n, at, none, tol, 0.045f);
    left.insert(left.end(), upper.begin() + 1, upper.end());
    std::vector<float> out = left;  // -pi/2 .. pi/2
    for (auto it = left.rbegin(); it != left.rend(); ++it)
        if (*it > -kPi / 2 + 1e-6f && *it < kPi / 2 - 1e-6f) out.push_back(kPi - *it);
    return out;
}

std::vector<float> adaptiveStations(const BodySurface& body, const ChordTolerance& tol) {
    const float rings[] = {-kPi / 2, -1.2f, -0.9f, -0.7f, -0.4f, -0.15f, 0.0f, 0.1f, 0.2f, BodySurface::shoulderT(),
                           0.5f, 0.8f, 0.9f, 1.2f, kPi / 2};
    auto at = [&](int c, float s) { return body.point(s, rings[c]); };
    auto step = [&](float a, float b) { return body.stepBetween(a, b, -kPi / 4); };
    return place(0, 1, static_cast<int>(std::size(rings)), at, step, tol);
}

}  // namespace render::gen
