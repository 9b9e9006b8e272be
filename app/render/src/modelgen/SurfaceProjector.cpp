#include "SurfaceProjector.h"

#include <algorithm>
#include <cmath>

namespace render::gen {

namespace {

constexpr double kHalfPi = 1.5707963267948966;
constexpr double kCap = BodySurface::kCapLength;
constexpr double kCapW = kCap * kHalfPi;  // the cap's extent in w: its rate meets the middle's (1) at its end

}  // namespace

double SurfaceProjector::wMax() { return 2 * kCapW + (1 - 2 * kCap); }

double SurfaceProjector::sOf(double w) {
    w = std::clamp(w, 0.0, wMax());
    if (w < kCapW) return kCap * (1 - std::cos(w / kCapW * kHalfPi));
    if (w > wMax() - kCapW) return 1 - kCap * (1 - std::cos((wMax() - w) / kCapW * kHalfPi));
    return kCap + (w - kCapW);
}

double SurfaceProjector::wOf(double s) {
    s = std::clamp(s, 0.0, 1.0);
    if (s < kCap) return kCapW * std::acos(1 - s / kCap) / kHalfPi;
    if (s > 1 - kCap) return wMax() - kCapW * std::acos(1 - (1 - s) / kCap) / kHalfPi;
    return kCapW + (s - kCap);
}

SurfaceProjector::SurfaceProjector(const BodySurface& surface) : m_s(surface) {
    const Jacobian j = jacobian(wOf(0.5), 0.0, f(wOf(0.5), 0.0));
    m_sign = cross(j.s, j.t).x >= 0 ? 1.0f : -1.0f;  // t = 0 is the +x side: outward there
}

SurfaceProjector::Jacobian SurfaceProjector::jacobian(double s, double t, const Vec3& at) const {
    constexpr double h = 2e-4;
    const double hs = s + h <= wMax() ? h : -h;
    return {(f(s + hs, t) - at) / static_cast<float>(hs), (f(s, t + h) - at) / static_cast<float>(h)};
}

Vec3 SurfaceProjector::target(double s, double t, double offset, Jacobian* jOut) const {
    const Vec3 q = f(s, t);
    if (offset == 0 && !jOut) return q;
    const Jacobian j = jacobian(s, t, q);
    if (jOut) *jOut = j;
    if (offset == 0) return q;
    const Vec3 n = cross(j.s, j.t);
    const float len = length(n);
    return len > 1e-12f ? q + n * static_cast<float>(m_sign * offset / len) : q;
}

double SurfaceProjector::distance(const Vec3& p, double sAt, double t, double offset, double enough) const {
    Jacobian j;
    double s = wOf(sAt);  // from here on s is w (see sOf)
    double d = length(p - target(s, t, offset, nullptr));
    if (d <= enough) return d;
    if (d <= 1e-7) return d;
    j = jacobian(s, t, f(s, t));
    for (int it = 0; it < 12 && d > 1e-7; ++it) {
        const Vec3 r = p - target(s, t, offset, nullptr);
        const double a11 = dot(j.s, j.s), a12 = dot(j.s, j.t), a22 = dot(j.t, j.t);
        const double damp = 1e-9 + 1e-6 * (a11 + a22);  // the nose and tail tips, where t moves nothing
        const double det = (a11 + damp) * (a22 + damp) - a12 * a12;
        const double b1 = dot(j.s, r), b2 = dot(j.t, r);
        double ds = ((a22 + damp) * b1 - a12 * b2) / det, dt = ((a11 + damp) * b2 - a12 * b1) / det;
        // Backtracking: halve the step until it brings the point closer (the parameters' rate
        // changes several times over around the shoulder line).
        bool better = false;
        for (int half = 0; half < 10 && !better; ++half, ds /= 2, dt /= 2) {
            const double s1 = std::clamp(s + ds, 0.0, wMax()), t1 = t + dt;
            Jacobian j1;
            const double d1 = length(p - target(s1, t1, offset, offset == 0 ? nullptr : &j1));
            if (d1 < d) {
                better = true;
                s = s1;
                t = t1;
                j = offset == 0 ? jacobian(s, t, f(s, t)) : j1;
                const double gain = d - d1;
                d = d1;
                if (gain < 1e-7) return d;
            }
        }
        if (!better) break;
    }
    return d;
}

}  // namespace render::gen
