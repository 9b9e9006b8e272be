#include "Cabin.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "Shapes.h"

namespace render::gen {

namespace {

// Rotation about +X: a positive angle turns +y towards +z.
Mat4 rotationX(float a) {
    Mat4 m;
    m.at(1, 1) = std::cos(a);
    m.at(1, 2) = -std::sin(a);
    m.at(2, 1) = std::sin(a);
    m.at(2, 2) = std::cos(a);
    return m;
}

// Appends every primitive of `part` to `into`, transformed.
void place(Mesh& into, const Mesh& part, const Mat4& transform) {
    for (const Primitive& p : part.primitives) into.primitive(p.material).append(p, transform);
}

// A front seat at (x, z) on the floor: cushion, reclined backrest with side bolsters, headrest.
void frontSeat(Mesh& m, float x, float z, float seatY) {
    constexpr float kRecline = -0.26f;  // backrest leans back
    Mesh cushion{"", {}};
    roundedBox(cushion, "interior-leather", {0, 0, 0}, {0.25f, 0.065f, 0.26f}, 5, 7);
    for (float side : {1.0f, -1.0f})
        roundedBox(cushion, "interior-leather", {side * 0.21f, 0.04f, -0.02f}, {0.06f, 0.06f, 0.23f}, 4, 5);
    place(m, cushion, Mat4::translation({x, seatY, z}) * rotationX(-0.08f));
    Mesh back{"", {}};
    roundedBox(back, "interior-leather", {0, 0.33f, 0}, {0.23f, 0.32f, 0.065f}, 5, 7);
    for (float side : {1.0f, -1.0f})
        roundedBox(back, "interior-leather", {side * 0.22f, 0.28f, 0.035f}, {0.055f, 0.26f, 0.07f}, 4, 5);
    roundedBox(back, "interior-dark", {0, 0.75f, -0.01f}, {0.13f, 0.09f, 0.055f}, 4, 6);  // headrest
    roundedBox(back, "interior-dark", {0.06f, 0.64f, -0.01f}, {0.012f, 0.05f, 0.012f}, 4, 3);  // its posts
    roundedBox(back, "interior-dark", {-0.06f, 0.64f, -0.01f}, {0.012f, 0.05f, 0.012f}, 4, 3);
    place(m, back, Mat4::translation({x, seatY + 0.02f, z - 0.26f}) * rotationX(kRecline));
}

// The steering wheel: rim, hub and three spokes, on its column, tilted towards the driver.
void steeringWheel(Mesh& m, const Vec3& centre, float columnLength) {
    Mesh w{"", {}};
    constexpr float kRadius = 0.185f, kTube = 0.017f;
    std::vector<Vec2> ring;  // the rim's round section, as a lathe about the wheel's axis (x here)
    for (int i = 0; i <= 10; ++i) {
        const float a = 2 * kPi * i / 10;
        ring.push_back({kTube * std::cos(a), kRadius + kTube * std::sin(a)});
    }
    lathe(w, "interior-dark", ring, 32);
    lathe(w, "interior-dark", {{0.03f, 0.0f}, {0.03f, 0.055f}, {-0.01f, 0.065f}, {-0.04f, 0.0f}}, 24);  // hub
    for (float angle : {kPi * 0.5f + 0.25f, -kPi * 0.5f - 0.25f, kPi}) {  // spokes left, right and down
        cappedTube(w, "interior-dark", 2, 10, [&](int i, int k) {
            const float r = i == 0 ? 0.04f : kRadius;
            const float v = 2 * kPi * k / 10;
            const Vec3 radial{0, std::cos(angle), std::sin(angle)}, tangent{0, -std::sin(angle), std::cos(angle)};
            return radial * r + tangent * (0.022f * std::cos(v)) + Vec3{0.012f * std::sin(v), 0, 0};
        });
    }
    lathe(w, "interior-dark", {{-0.03f, 0.0f}, {-0.03f, 0.025f}, {-columnLength, 0.03f}, {-columnLength, 0.0f}}, 24);  // column
    // The wheel's axis is +x in the part; turn it to face the driver (-z) and lean it back.
    place(m, w, Mat4::translation(centre) * rotationX(0.42f) * Mat4::rotationY(kPi / 2));
}

void dashboard(Mesh& m, const CabinSpec& c, float driverX) {
    const float z = c.screenBaseZ - 0.24f, y = c.beltY - 0.06f, hw = c.halfWidth * 0.97f;
    roundedBox(m, "interior-dark", {0, y, z}, {hw, 0.1f, 0.22f}, 6, 8);                      // main body
    roundedBox(m, "interior-leather", {0, y + 0.075f, z - 0.1f}, {hw * 0.98f, 0.035f, 0.12f}, 5, 9);   // upper pad
    roundedBox(m, "interior-dark", {driverX, y + 0.12f, z - 0.2f}, {0.2f, 0.05f, 0.06f}, 5, 6);  // instrument hood
    roundedBox(m, "screen", {driverX, y + 0.12f, z - 0.255f}, {0.16f, 0.04f, 0.006f}, 8, 8);
    roundedBox(m, "screen", {0, y + 0.06f, z - 0.33f}, {0.15f, 0.095f, 0.01f}, 8, 8);        // centre screen
    for (float side : {1.0f, -1.0f})                                                          // air vents
        roundedBox(m, "trim-black", {side * (hw - 0.12f), y + 0.02f, z - 0.215f}, {0.07f, 0.025f, 0.01f}, 6, 4);
    // The centre console between the front seats.
    roundedBox(m, "interior-dark", {0, c.floorY + 0.2f, z - 0.75f}, {0.11f, 0.16f, 0.45f}, 6, 7);
    // The footwells' front wall under the dashboard, so no view runs on into the body's nose.
    const float wallTop = y - 0.05f;
    roundedBox(m, "interior-leather", {0, (c.floorY + wallTop) / 2, z + 0.02f}, {hw, (wallTop - c.floorY) / 2, 0.05f}, 8, 5);
}


// --- the lining ---------------------------------------------------------------------------------
// The body's inside, kDepth in from the shell, over the cabin's stations from the floor on one
// side over the roof to the floor on the other, on a grid of about kCell on the body. Grid
// triangles are clipped against each opening's outline widened by a few centimetres (the cut's
// end points lie on that outline, found by bisection, the cut between them is a chord), and a
// frame band that follows the outline itself, its points thinned to 0.25 mm off the curve, lies
// 2 mm nearer the cabin over the cut: so the lining's edge at the glass is the smooth outline.
class Lining {
public:
    static constexpr float kDepth = 0.025f;     // in from the shell
    static constexpr float kCell = 0.08f;       // grid step on the body
    static constexpr float kHoleInset = 0.012f;  // the frame overlaps each pane's black band by this
    static constexpr float kFrame = 0.035f;      // the frame's width beyond the opening's outline
    static constexpr float kCut = 0.02f;         // the grid's cut beyond the outline (under the frame)
    static constexpr float kFrameLift = 0.002f;  // the frame lies this much nearer the cabin
    enum Region { Trim = 0, Headliner = 1, Glass = 2 };

    explicit Lining(const CabinSpec& c) : m_c(c), m_surf(c.body) {
        for (const Outline& o : c.glassOpenings) {
            m_holes.push_back(hole(insetOutline(m_surf, o, -kCut)));
            m_frames.push_back({insetOutline(m_surf, o, kHoleInset), insetOutline(m_surf, o, -kFrame)});
        }
        if (!c.roofOpening.points.empty()) {
            m_roof = hole(insetOutline(m_surf, c.roofOpening, -kCut));
            m_frames.push_back({insetOutline(m_surf, c.roofOpening, kHoleInset), insetOutline(m_surf, c.roofOpening, -kFrame)});
        }
        // The grid: stations at equal steps of about kCell along the belt; around the section, at
        // equal steps of a cost measured on the middle station, kCell per step near the glass and
        // twice that on the lower door and across the roof's middle, which only shade.
        constexpr int kSteps = 400;
        const float sMid = (c.sRear + c.sFront) / 2, loMid = tBottom(sMid);
        float along = 0;
        std::vector<float> cost{0};
        for (int i = 0; i < kSteps; ++i) {
            const float s0 = c.sRear + (c.sFront - c.sRear) * i / kSteps, s1 = c.sRear + (c.sFront - c.sRear) * (i + 1) / kSteps;
            along += length(m_surf.point({s1, 0.4f}) - m_surf.point({s0, 0.4f}));
            const float t0 = loMid + (kPi - 2 * loMid) * i / kSteps, t1 = loMid + (kPi - 2 * loMid) * (i + 1) / kSteps;
            const Vec3 p0 = m_surf.point({sMid, t0}), p1 = m_surf.point({sMid, t1});
            const float tm = (t0 + t1) / 2;
            const bool coarse = (p0.y + p1.y) / 2 < c.beltY - 0.15f ||
                                (!m_roof.points.empty() && tm > m_roof.t0 + 0.1f && tm < m_roof.t1 - 0.1f);
            cost.push_back(cost.back() + length(p1 - p0) / (coarse ? 2 * kCell : kCell));
        }
        m_ns = std::max(4, static_cast<int>(std::ceil(along / kCell)));
        m_nt = std::max(8, static_cast<int>(std::ceil(cost.back())));
        std::vector<float> around;  // the rings' positions, 0 to 1 from one floor edge to the other
        for (int j = 0, i = 0; j <= m_nt; ++j) {
            const float target = cost.back() * j / m_nt;
            while (i + 1 < kSteps && cost[i + 1] < target) ++i;
            const float u = (target - cost[i]) / std::max(1e-9f, cost[i + 1] - cost[i]);
            around.push_back(std::clamp((i + u) / kSteps, 0.0f, 1.0f));
        }
        for (int i = 0; i <= m_ns; ++i) {
            const float s = c.sRear + (c.sFront - c.sRear) * i / m_ns, lo = tBottom(s);
            for (int j = 0; j <= m_nt; ++j) {
                const Param p{s, lo + (kPi - 2 * lo) * around[j]};
                m_grid.push_back(p);
                m_region.push_back(region(p));
            }
        }
    }

    // The triangles of one region, facing into the cabin.
    void emit(Region r, Primitive& out) const {
        std::vector<std::int64_t> vertex(m_grid.size(), -1);
        std::map<std::pair<int, int>, std::uint32_t> crossings;
        auto gridVertex = [&](int id) {
            if (vertex[id] < 0) vertex[id] = add(m_grid[id], out);
            return static_cast<std::uint32_t>(vertex[id]);
        };
        auto crossing = [&](int a, int b) {
            const auto key = std::minmax(a, b);
            auto it = crossings.find(key);
            if (it != crossings.end()) return it->second;
            Param p0 = m_grid[key.first], p1 = m_grid[key.second];
            const bool in0 = region(p0) == r;
            for (int k = 0; k < 20; ++k) {
                const Param m{(p0.s + p1.s) / 2, (p0.t + p1.t) / 2};
                (region(m) == r) == in0 ? p0 = m : p1 = m;
            }
            return crossings[key] = add({(p0.s + p1.s) / 2, (p0.t + p1.t) / 2}, out);
        };
        for (int i = 0; i < m_ns; ++i)
            for (int j = 0; j < m_nt; ++j) {
                const int a = i * (m_nt + 1) + j, b = a + m_nt + 1, c = b + 1, d = a + 1;
                for (const std::array<int, 3>& tri : {std::array<int, 3>{a, b, c}, std::array<int, 3>{a, c, d}}) {
                    std::vector<std::uint32_t> poly;
                    for (int k = 0; k < 3; ++k) {
                        const int p = tri[k], q = tri[(k + 1) % 3];
                        const bool inP = m_region[p] == r, inQ = m_region[q] == r;
                        if (inP) poly.push_back(gridVertex(p));
                        if (inP != inQ) poly.push_back(crossing(p, q));
                    }
                    for (size_t k = 2; k < poly.size(); ++k) facing(out, poly[0], poly[k - 1], poly[k]);
                }
            }
    }

    // The frames around the openings (shown with either roof).
    void emitFrames(Primitive& out) const {
        for (const auto& [inner, outer] : m_frames) {
            const std::vector<size_t> keep = thinned(inner);
            std::vector<std::uint32_t> a, b;
            for (size_t k : keep) {
                a.push_back(add(inner.points[k], out, kDepth + kFrameLift));
                b.push_back(add(outer.points[k], out, kDepth + kFrameLift));
            }
            for (size_t i = 0; i < keep.size(); ++i) {
                const size_t j = (i + 1) % keep.size();
                facing(out, a[i], a[j], b[j]);
                facing(out, a[i], b[j], b[i]);
            }
        }
    }

private:
    struct Hole {
        std::vector<Param> points;
        float s0 = 1, s1 = 0, t0 = 10, t1 = -10;  // bounding box
    };
    static Hole hole(const Outline& o) {
        Hole h{o.points};
        for (const Param& p : o.points) {
            h.s0 = std::min(h.s0, p.s), h.s1 = std::max(h.s1, p.s);
            h.t0 = std::min(h.t0, p.t), h.t1 = std::max(h.t1, p.t);
        }
        return h;
    }
    static bool inside(const Hole& h, const Param& q) {
        if (h.points.empty() || q.s < h.s0 || q.s > h.s1 || q.t < h.t0 || q.t > h.t1) return false;
        bool in = false;
        const auto& p = h.points;
        for (size_t i = 0, j = p.size() - 1; i < p.size(); j = i++)
            if ((p[i].t > q.t) != (p[j].t > q.t) && q.s < (p[j].s - p[i].s) * (q.t - p[i].t) / (p[j].t - p[i].t) + p[i].s)
                in = !in;
        return in;
    }
    Region region(const Param& p) const {
        for (const Hole& h : m_holes)
            if (inside(h, p)) return Glass;
        return inside(m_roof, p) ? Headliner : Trim;
    }
    // The section angle on the left side where the body comes down to the cabin floor (no lower
    // than the side's lower half, over the wheel openings).
    float tBottom(float s) const {
        float lo = -0.5f, hi = kPi / 2;
        if (m_surf.point({s, lo}).y >= m_c.floorY) return lo;
        for (int k = 0; k < 30; ++k) {
            const float m = (lo + hi) / 2;
            (m_surf.point({s, m}).y < m_c.floorY ? lo : hi) = m;
        }
        return hi;
    }
    std::uint32_t add(const Param& p, Primitive& out, float depth = kDepth) const {
        const Vec3 n = m_surf.normal(p);
        return out.add(m_surf.point(p) - n * depth, n * -1.0f, {p.s, p.t / (2 * kPi)});
    }
    // The indices of the outline's points to keep: each dropped point lies within 0.25 mm of the
    // chord between the kept ones around it (on the body).
    std::vector<size_t> thinned(const Outline& o) const {
        constexpr float kTolerance = 0.00025f;
        const size_t n = o.points.size();
        std::vector<Vec3> p;
        for (const Param& q : o.points) p.push_back(m_surf.point(q));
        std::vector<size_t> keep;
        for (size_t i = 0; i < n;) {
            keep.push_back(i);
            size_t j = i + 2;
            for (; j <= n; ++j) {  // extend the chord i..j while every point between stays close
                const Vec3 a = p[i], d = p[j % n] - a;
                const float dd = std::max(1e-12f, dot(d, d));
                bool close = true;
                for (size_t k = i + 1; k < j && close; ++k) {
                    const float u = std::clamp(dot(p[k] - a, d) / dd, 0.0f, 1.0f);
                    close = length(p[k] - (a + d * u)) <= kTolerance;
                }
                if (!close) break;
            }
            i = j - 1;
        }
        return keep;
    }
    static void facing(Primitive& out, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
        const Vec3 g = cross(out.positions[b] - out.positions[a], out.positions[c] - out.positions[a]);
        if (length(g) < 1e-9f) return;
        if (dot(g, out.normals[a]) >= 0) out.tri(a, b, c);
        else out.tri(a, c, b);
    }

    const CabinSpec& m_c;
    ParamSurface m_surf;
    std::vector<Hole> m_holes;
    Hole m_roof;
    std::vector<std::pair<Outline, Outline>> m_frames;  // (inner, outer) of each opening's frame
    int m_ns = 0, m_nt = 0;
    std::vector<Param> m_grid;
    std::vector<Region> m_region;
};

}  // namespace

Cabin buildCabin(const CabinSpec& c) {
    Cabin out{{"interior", {}}, {"headliner", {}}, {}};
    Mesh& m = out.mesh;
    const float hw = c.halfWidth, driverX = c.carWidth * 0.2f;
    roundedBox(m, "interior-dark", {0, c.floorY, (c.screenBaseZ + c.rearZ) / 2}, {hw, 0.03f, (c.screenBaseZ - c.rearZ) / 2}, 8, 6);
    dashboard(m, c, driverX);
    const float seatY = c.floorY + 0.28f, frontZ = c.screenBaseZ - 0.95f;
    steeringWheel(m, {driverX, c.beltY + 0.02f, c.screenBaseZ - 0.58f}, 0.3f);
    frontSeat(m, driverX, frontZ, seatY);
    frontSeat(m, -driverX, frontZ, seatY);
    // The driver's eyes: a head's depth ahead of the headrest, at headrest height.
    out.driverEye = {driverX, seatY + 0.68f, frontZ - 0.1f};
    auto bench = [&](float z, float width, float y) {
        roundedBox(m, "interior-leather", {0, y, z}, {width, 0.07f, 0.25f}, 5, 7);
        roundedBox(m, "interior-leather", {0, y + 0.33f, z - 0.27f}, {width, 0.31f, 0.07f}, 5, 6);
        for (float side : {1.0f, -0.0f, -1.0f})
            roundedBox(m, "interior-dark", {side * width * 0.62f, y + 0.72f, z - 0.29f}, {0.11f, 0.075f, 0.05f}, 4, 4);
    };
    const float rearZ = frontZ - 0.9f;
    bench(rearZ, hw * 0.95f, seatY);
    if (c.seats > 5) bench(rearZ - 0.85f, hw * 0.85f, seatY + 0.03f);
    if (c.body) {
        const Lining lining(c);
        lining.emit(Lining::Trim, m.primitive("interior-leather"));
        lining.emitFrames(m.primitive("interior-leather"));
        lining.emit(Lining::Headliner, out.headliner.primitive("interior-leather"));
    }
    return out;
}

}  // namespace render::gen
