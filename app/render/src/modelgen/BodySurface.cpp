#include "BodySurface.h"

#include <algorithm>
#include <cmath>

namespace render::gen {

namespace {

// The ring count the shoulder line's section angle is defined by (a ring of a uniform grid of
// that many rings, kept whatever rings a tessellation uses).
constexpr int kUnitRings = 128, kShoulderRing = 38;
// Metres of height per unit of the section's height parameter from the shoulder line up to
// the belt: small, so that a tessellation uniform in that parameter draws the line's turn.
constexpr float kShoulderRate = 0.45f;

}  // namespace

BodySurface::BodySurface(BodyParams params)
    : m_p(std::move(params)), m_style(styleFor(m_p.bodyStyle)), m_top(m_style.top) {
    const float frontOverhang = (m_p.length - m_p.wheelbase) * 0.47f;
    m_frontAxleZ = m_p.length / 2 - frontOverhang;
    m_rearAxleZ = m_frontAxleZ - m_p.wheelbase;
    m_archRadius = m_p.maxTyreRadius + 0.0165f;  // 16.5 mm over the largest tyre (see the README)
}

float BodySurface::shoulderT() { return -kPi / 2 + 2 * kPi * static_cast<float>(kShoulderRing) / kUnitRings; }

float BodySurface::bottomY(float s) const {
    return m_p.clearance + 0.11f * std::pow(std::max(0.0f, (0.09f - s) / 0.09f), 2.0f) +
           0.09f * std::pow(std::max(0.0f, (s - 0.9f) / 0.1f), 2.0f);
}

float BodySurface::archY(float z) const {
    float y = 0;
    for (float axle : {m_frontAxleZ, m_rearAxleZ}) {
        const float dz = std::fabs(z - axle);
        if (dz < m_archRadius) y = std::max(y, m_p.maxTyreRadius + std::sqrt(m_archRadius * m_archRadius - dz * dz));
    }
    return y;
}

// The shoulder line's height: its drop under the belt, but under the body's top by at least
// the fender drop where the bonnet or boot is low (a smooth minimum of the two).
float BodySurface::shoulderY(float s) const {
    const Shoulder& sh = m_style.shoulder;
    return softMin(beltY(s) - sh.drop, topY(s) - sh.fenderDrop, 0.03f);
}

// How much of the shoulder a station has: all of it from behind the rear wheels to in front
// of the front ones; it has run out where the lamps begin.
float BodySurface::shoulderFade(float s) { return smoothstep(0.1f, 0.15f, s) * smoothstep(0.88f, 0.84f, s); }

float BodySurface::halfWidth(float s, float y) const {
    const float plan = 1 - 0.2f * std::pow(std::max(0.0f, (std::fabs(s - 0.5f) - 0.3f) / 0.2f), 2.2f);
    const float tumble = 1 - 0.24f * smoothstep(beltY(s) - 0.05f, m_p.height, y);
    const float ys = shoulderY(s), plane = std::max(0.02f, beltY(s) - 0.01f - ys);
    return m_p.width / 2 * plan * tumble - shoulderFade(s) * shoulderInset(m_style.shoulder, y - ys, plane);
}

float BodySurface::closing(float s) {
    constexpr float kEnd = kCapLength;
    const float e = std::max(0.0f, (std::fabs(s - 0.5f) - (0.5f - kEnd)) / kEnd);
    if (e > 0.9999f) return 0;  // exactly closed at the tip despite rounding (no pinhole there)
    return std::sqrt(std::max(0.0f, 1 - e * e));
}

Vec2 BodySurface::sectionShape(float t) {
    const float c = std::cos(t), s = std::sin(t), n = s < 0 ? 8.0f : 7.0f;
    const float r = std::pow(std::pow(std::fabs(c), n) + std::pow(std::fabs(s), n), -1.0f / n);
    return {c * r, s * r};
}

// The height that splits the section into its upper and lower halves: half way between sill
// and top, but over the wheels always a little above the opening's arch (blended smoothly, so
// the fender keeps its shape across the opening's ends). Always 50 mm or more under where the
// shoulder's even rate begins.
float BodySurface::sectionMid(float s) const {
    const float mid = (topY(s) + bottomY(s)) / 2, z = zAt(s);
    float floor = 0;
    for (float axle : {m_frontAxleZ, m_rearAxleZ}) {
        const float w = 1 - smoothstep(m_archRadius, 1.28f * m_archRadius, std::fabs(z - axle));
        floor = std::max(floor, (m_p.maxTyreRadius + m_archRadius + 0.1f) * w);
    }
    constexpr float k = 0.04f;
    return softMin((mid + floor + std::sqrt((mid - floor) * (mid - floor) + k * k)) / 2,
                   shoulderY(s) - shoulderUnder(s) - 0.05f, 0.02f);
}

// The rate of height per unit of v from a little under the shoulder line to over the belt,
// smaller on a low section (bonnet, boot) so that every cubic stays monotone (Fritsch-Carlson:
// end slopes at most twice the secant).
float BodySurface::shoulderRate(float s) const {
    const float room = topY(s) - shoulderY(s);
    return std::min({kShoulderRate, 1.2f * room / (1 - sectionShape(shoulderT()).y), room});
}

// How far under the shoulder line the even rate begins: the concave band and the line's turn
// lie within it at every station.
float BodySurface::shoulderUnder(float s) const {
    return std::min(0.06f, 0.5f * shoulderRate(s) * sectionShape(shoulderT()).y);
}

// The height of the section at station s and angle t. The unit height v runs from -1 (the
// bottom) through 0 (the middle) to 1 (the top), and the shoulder line lies at one fixed v at
// every station. From the line up to just over the belt (the shoulder plane) the height rises
// at a steady, small rate; from the middle to the line, and from the plane to where the section
// meets its unscaled upper half (mid + v (top - mid), which places the glass and roof), monotone
// cubics; under the middle, the lower half's scale, blended into the upper one's so that curves
// keep their tangent. Under a wheel opening the lower half ends at the arch.
float BodySurface::sectionY(float s, float t) const {
    const float top = topY(s), mid = sectionMid(s), lower = sectionLower(s), ys = shoulderY(s);
    const float vs = sectionShape(shoulderT()).y;
    const float rate = shoulderRate(s), y1 = ys - shoulderUnder(s), v1 = vs - (ys - y1) / rate;
    // The slope at the middle: at most twice the rise to the shoulder's even rate (the upper cubic
    // stays monotone) and at most 2.4 times the lower half's height (the blend under the middle
    // then stays monotone too: over the wheel openings, where the lower half is short, a steeper
    // slope folded the side back on itself).
    const float span = top - mid, v = sectionShape(t).y, rise0 = (y1 - mid) / v1;
    const float slope0 = std::min({span, 2 * rise0, 2.4f * (mid - lower)});
    const float y2 = std::min(beltY(s) + 0.015f, ys + 0.4f * (top - ys)), v2 = vs + (y2 - ys) / rate;
    float v3 = std::max(v2 + 0.2f, (y2 - mid - 0.5f * span * v2) / (0.5f * span));
    float slope3 = span;
    if (v3 >= 1) {  // a low section: the cubic runs on to the top
        v3 = 1;
        slope3 = std::min(span, 2 * (top - y2) / (1 - v2));
    }
    float y;
    if (v < 0) {
        const float k = smoothstep(-0.4f, 0.0f, v);
        y = mid + v * ((mid - lower) * (1 - k) + slope0 * k);
    } else if (v < v1) {
        y = hermite(mid, y1, slope0 * v1, rate * v1, v / v1);
    } else if (v < v2) {
        y = ys + rate * (v - vs);
    } else if (v < v3) {
        y = hermite(y2, mid + span * v3, rate * (v3 - v2), slope3 * (v3 - v2), (v - v2) / (v3 - v2));
    } else {
        y = mid + span * v;
    }
    return mid + (y - mid) * closing(s);
}

Vec3 BodySurface::point(float s, float t) const {
    s = std::clamp(s, 0.0f, 1.0f);
    const float y = sectionY(s, t);
    return {sectionShape(t).x * halfWidth(s, y) * closing(s), y, zAt(s)};
}

bool BodySurface::stepBetween(float s0, float s1, float t) const {
    if (std::sin(t) >= 0) return false;  // the upper half never steps
    const float z0 = zAt(std::min(s0, s1)), z1 = zAt(std::max(s0, s1));
    for (float axle : {m_frontAxleZ, m_rearAxleZ})
        for (float edge : {axle - m_archRadius, axle + m_archRadius})
            if (z0 <= edge && edge <= z1) return true;
    return false;
}

float BodySurface::sectionAngleAt(float s, float y) const {
    float lo = -kPi / 2 + 1e-3f, hi = kPi / 2 - 1e-3f;
    for (int i = 0; i < 40; ++i) {
        const float m = (lo + hi) / 2;
        (sectionY(s, m) < y ? lo : hi) = m;
    }
    return (lo + hi) / 2;
}

}  // namespace render::gen
