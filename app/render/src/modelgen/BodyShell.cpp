#include "BodyShell.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

namespace render::gen {

namespace {

constexpr float kPi = 3.14159265358979f;

Vec3 rawNormal(const std::function<Vec3(float, float)>& f, float s, float t) {
    constexpr float hs = 4e-4f, ht = 4e-4f;
    const float s0 = std::max(0.0f, s - hs), s1 = std::min(1.0f, s + hs);
    const Vec3 ds = (f(s1, t) - f(s0, t)) / (s1 - s0);
    const Vec3 dt = (f(s, t + ht) - f(s, t - ht)) / (2 * ht);
    return cross(ds, dt);
}

// Adds a vertex of the surface at p, moved by offset along the normal; returns its index.
std::uint32_t addVertex(const ParamSurface& surface, const Param& p, float offset, Primitive& out) {
    const Vec3 n = surface.normal(p);
    return out.add(surface.point(p) + n * offset, n, {p.s, p.t / (2 * kPi)});
}

// A triangle facing the way the surface normals at its corners face; degenerate ones are dropped.
void addTriangle(Primitive& out, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
    const Vec3 n = cross(out.positions[b] - out.positions[a], out.positions[c] - out.positions[a]);
    if (length(n) < 1e-12f) return;
    const Vec3 avg = out.normals[a] + out.normals[b] + out.normals[c];
    if (dot(n, avg) < 0) out.tri(a, c, b);
    else out.tri(a, b, c);
}

float signedArea(const std::vector<Param>& pts) {
    float a = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
        const Param& p = pts[i];
        const Param& q = pts[(i + 1) % pts.size()];
        a += p.s * q.t - q.s * p.t;
    }
    return a / 2;
}

float turnRadians(const Vec3& a, const Vec3& b, const Vec3& c) {
    const Vec3 u = b - a, w = c - b;
    const float lu = length(u), lw = length(w);
    if (lu < 1e-9f || lw < 1e-9f) return 0;
    return std::acos(std::clamp(dot(u, w) / (lu * lw), -1.0f, 1.0f));
}

// The grid cells an opening takes over: per column of cells (along s) a run of cells around t,
// every cell the outline passes through or comes within 0.15 of a cell of, and all cells between
// (the outline's inside). Neighbouring columns' runs share at least one cell, so the cells' outer
// boundary is one simple staircase loop, never more than about a cell from the outline.
struct Footprint {
    int i0 = 0, i1 = 0;        // columns [i0, i1)
    std::vector<int> k0, k1;   // per column i - i0: cells [k0, k1)
};

// The cells [first, last] of increasing grid lines `line(0..count)` whose extent, widened by 0.15
// of the cell on each side, holds x.
template <typename Line>
std::pair<int, int> cellsAt(const Line& line, int count, float x) {
    int lo = 0, hi = count;  // line(lo) <= x < line(hi)
    while (hi - lo > 1) {
        const int m = (lo + hi) / 2;
        (line(m) <= x ? lo : hi) = m;
    }
    const float w = line(lo + 1) - line(lo);
    int first = lo, last = lo;
    if (x - line(lo) < 0.15f * w && lo > 0) first = lo - 1;
    if (line(lo + 1) - x < 0.15f * w && lo + 1 < count) last = lo + 1;
    return {first, last};
}

Footprint footprintOf(const ShellGrid& grid, const Outline& o) {
    const auto& st = grid.stations;
    const int columns = static_cast<int>(st.size()) - 1, nk = grid.ringCount;
    std::vector<int> lo(columns, nk + 1), hi(columns, -1);
    const size_t n = o.points.size();
    for (size_t j = 0; j < n; ++j) {
        const Param &a = o.points[j], &b = o.points[(j + 1) % n];
        for (int m = 0; m < 4; ++m) {  // along each outline step, so no column it crosses is missed
            const float f = static_cast<float>(m) / 4;
            const auto [i0, i1] = cellsAt([&](int i) { return st[i]; }, columns, a.s + (b.s - a.s) * f);
            const auto [k0, k1] = cellsAt([&](int k) { return grid.ringT(k); }, nk, a.t + (b.t - a.t) * f);
            for (int i = i0; i <= i1; ++i) {
                lo[i] = std::min(lo[i], k0);
                hi[i] = std::max(hi[i], k1 + 1);
            }
        }
    }
    Footprint fp;
    fp.i0 = columns;
    for (int i = 0; i < columns; ++i)
        if (hi[i] >= 0) {
            fp.i0 = std::min(fp.i0, i);
            fp.i1 = i + 1;
        }
    if (fp.i0 >= fp.i1) throw std::logic_error("body opening outside the shell grid");
    for (int i = fp.i0; i < fp.i1; ++i) {
        if (hi[i] < 0) {  // a column between two the outline passes (cannot happen with the steps above)
            lo[i] = lo[i - 1];
            hi[i] = hi[i - 1];
        }
        fp.k0.push_back(lo[i]);
        fp.k1.push_back(hi[i]);
    }
    for (size_t c = 0; c + 1 < fp.k0.size(); ++c) {  // neighbouring runs share a cell
        if (fp.k1[c] <= fp.k0[c + 1]) fp.k1[c] = fp.k0[c + 1] + 1;
        if (fp.k1[c + 1] <= fp.k0[c]) fp.k1[c + 1] = fp.k0[c] + 1;
    }
    for (size_t c = 0; c < fp.k0.size(); ++c)
        if (fp.k0[c] < 0 || fp.k1[c] > nk) throw std::logic_error("body opening outside the shell grid");
    return fp;
}

}  // namespace

ParamSurface::ParamSurface(std::function<Vec3(float, float)> f) : m_f(std::move(f)) {
    m_sign = rawNormal(m_f, 0.5f, 0.0f).x >= 0 ? 1.0f : -1.0f;  // t = 0 is the +x side
}

Vec3 ParamSurface::normal(const Param& p) const {
    const Vec3 n = rawNormal(m_f, p.s, p.t) * m_sign;
    if (length(n) < 1e-10f) return {0, 0, p.s < 0.5f ? -1.0f : 1.0f};
    return normalize(n);
}

Vec2 ParamSurface::metric(const Param& p) const {
    constexpr float h = 1e-3f;
    const float s0 = std::max(0.0f, p.s - h), s1 = std::min(1.0f, p.s + h);
    return {length(m_f(s1, p.t) - m_f(s0, p.t)) / (s1 - s0), length(m_f(p.s, p.t + h) - m_f(p.s, p.t - h)) / (2 * h)};
}

float ShellGrid::ringT(int k) const {
    if (rings.empty()) return -kPi / 2 + 2 * kPi * static_cast<float>(k) / static_cast<float>(ringCount);
    return k >= ringCount ? rings[0] + 2 * kPi : rings[k];
}

namespace {

// Parameter values at equal steps of a cumulative measure `cum` over a closed loop sampled at
// `param` (cum has one entry more than param; the last step closes the loop at period 2 pi).
std::vector<float> resampleParam(const std::vector<float>& param, const std::vector<float>& cum, int count) {
    std::vector<float> out;
    const int n = static_cast<int>(param.size());
    int seg = 0;
    for (int i = 0; i < count; ++i) {
        const float target = cum[n] * static_cast<float>(i) / count;
        while (seg + 1 < n && cum[seg + 1] < target) ++seg;
        const float f = std::clamp((target - cum[seg]) / std::max(1e-12f, cum[seg + 1] - cum[seg]), 0.0f, 1.0f);
        const float a = param[seg], b = seg + 1 < n ? param[seg + 1] : param[0] + 2 * kPi;
        out.push_back(a + (b - a) * f);
    }
    return out;
}

}  // namespace

Outline sampleOutline(const ParamSurface& surface, const std::function<Param(float, float)>& map, float exponent,
                      float maxEdgeM, float maxTurnDeg) {
    // Every point is evaluated on the curve itself at its polar angle psi around (0, 0).
    auto at = [&](float psi) {
        const float c = std::cos(psi), s = std::sin(psi);
        const float r = std::pow(std::pow(std::fabs(c), exponent) + std::pow(std::fabs(s), exponent), -1.0f / exponent);
        return map(r * c, r * s);
    };
    auto measure = [&](const std::vector<float>& psi, bool withTurn) {
        const int n = static_cast<int>(psi.size());
        std::vector<Vec3> p(n);
        for (int j = 0; j < n; ++j) p[j] = surface.point(at(psi[j]));
        std::vector<float> cum(n + 1, 0);
        const float maxTurn = maxTurnDeg * kPi / 180;
        for (int j = 0; j < n; ++j) {
            const Vec3 &a = p[(j + n - 1) % n], &b = p[j], &c = p[(j + 1) % n];
            // At most one point per millimetre: importers weld closer points (Assimp's epsilon
            // grows with the model's size), which would put kinks into a curve sampled finer.
            cum[j + 1] = cum[j] + (withTurn ? std::min(length(c - b) / maxEdgeM + turnRadians(a, b, c) / maxTurn, 1.0f)
                                            : length(c - b));
        }
        return cum;
    };
    constexpr int kDense = 4096;
    std::vector<float> dense(kDense);
    for (int j = 0; j < kDense; ++j) dense[j] = 2 * kPi * static_cast<float>(j) / kDense;
    // Even 1 mm steps first, so that turning is measured on chords long enough to be exact.
    const std::vector<float> arc = measure(dense, false);
    const std::vector<float> even = resampleParam(dense, arc, std::max(64, static_cast<int>(arc[kDense] / 0.001f)));
    const std::vector<float> cost = measure(even, true);
    const int m = static_cast<int>(even.size());
    Outline o;
    o.centre = map(0, 0);
    for (float psi : resampleParam(even, cost, std::max(24, static_cast<int>(std::ceil(cost[m]))))) o.points.push_back(at(psi));
    if (signedArea(o.points) < 0) std::reverse(o.points.begin(), o.points.end());
    return o;
}

float minTurnRadius(const ParamSurface& surface, const Outline& o) {
    const size_t n = o.points.size();
    std::vector<Vec3> p(n);
    for (size_t i = 0; i < n; ++i) p[i] = surface.point(o.points[i]);
    float r = 1e9f;
    for (size_t i = 0; i < n; ++i) {
        const Vec3 &a = p[(i + n - 1) % n], &b = p[i], &c = p[(i + 1) % n];
        const float turn = turnRadians(a, b, c);
        if (turn > 1e-4f) r = std::min(r, (length(b - a) + length(c - b)) / 2 / turn);
    }
    return r;
}

Outline insetOutline(const ParamSurface& surface, const Outline& o, float widthM) {
    Outline r;
    r.centre = o.centre;
    const size_t n = o.points.size();
    for (size_t i = 0; i < n; ++i) {
        const Param &a = o.points[(i + n - 1) % n], &p = o.points[i], &b = o.points[(i + 1) % n];
        const Vec2 m = surface.metric(p);
        float tx = (b.s - a.s) * m.x, ty = (b.t - a.t) * m.y;
        const float l = std::max(1e-9f, std::sqrt(tx * tx + ty * ty));
        tx /= l;
        ty /= l;
        // Counter-clockwise: the inside is to the left of the tangent. In short steps, each
        // with the metric where it starts, as the parameters' scale changes across the body.
        constexpr int kSteps = 8;
        Param q = p;
        for (int k = 0; k < kSteps; ++k) {
            const Vec2 mq = surface.metric(q);
            q = {q.s - ty * widthM / kSteps / mq.x, q.t + tx * widthM / kSteps / mq.y};
        }
        r.points.push_back(q);
    }
    // Where the body's metric changes fast along the outline (a small window high on a tall
    // side), the steps inwards differ enough between neighbours to leave a kink in the inner
    // edge: a few passes of shrink-free smoothing (Taubin's lambda | mu) take it out, moving
    // points along the body by a fraction of a millimetre where the outline is smooth already.
    for (int pass = 0; pass < 8; ++pass)
        for (float f : {0.5f, -0.53f}) {
            std::vector<Param> next = r.points;
            for (size_t i = 0; i < n; ++i) {
                const Param &a = r.points[(i + n - 1) % n], &p = r.points[i], &b = r.points[(i + 1) % n];
                next[i] = {p.s + f * ((a.s + b.s) / 2 - p.s), p.t + f * ((a.t + b.t) / 2 - p.t)};
            }
            r.points = std::move(next);
        }
    return r;
}

namespace {

// Twice the signed area of the triangle abc (positive counter-clockwise).
float orient(const Vec2& a, const Vec2& b, const Vec2& c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

// Whether segments ab and cd cross at a point inside both (touching at an end does not count).
bool crosses(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& d) {
    const float d1 = orient(a, b, c), d2 = orient(a, b, d), d3 = orient(c, d, a), d4 = orient(c, d, b);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

// Triangulates the ring between an outer loop `p` (the cells' staircase) and an inner loop `o`
// (the outline), both counter-clockwise in a flat map of the body: a zipper that at each step
// either advances along the staircase (triangle p_i p_i+1 o_j) or along the outline (triangle
// p_i o_j+1 o_j), keeping each staircase vertex joined to about its nearest outline point. A
// step is taken only if its triangle turns the right way round and its new edge crosses neither
// loop, so no triangle reaches across the outline into the opening, even at a tight corner.
//
// The flat map is exact only near the opening's centre, so each triangle is also checked on the
// body, in the tangent plane at its outline point: it must face the way the surface does
// (`facing`: +1 or -1 for a counter-clockwise triangle of the map) and hold none of the outline's
// points within its reach.
// A triangle must also turn the right way round in the parameters themselves (`pp`, `op`), where
// the map's scale of t differs from the centre's.
void zipper(const std::vector<Vec2>& p, const std::vector<Vec2>& pp, const std::vector<std::uint32_t>& pId,
            const std::vector<Vec2>& o, const std::vector<Vec2>& op, const std::vector<std::uint32_t>& oId, float facing,
            Primitive& out) {
    const int np = static_cast<int>(p.size()), n = static_cast<int>(o.size());
    auto onBody = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c, int oj) {
        const Vec3 nrm = out.normals[oId[oj]] * facing;
        const Vec3 &pa = out.positions[a], &pb = out.positions[b], &pc = out.positions[c];
        if (dot(cross(pb - pa, pc - pa), nrm) <= 0) return false;
        auto inside = [&](const Vec3& q) {
            return dot(cross(pb - pa, q - pa), nrm) > 0 && dot(cross(pc - pb, q - pb), nrm) > 0 && dot(cross(pa - pc, q - pc), nrm) > 0;
        };
        // Every outline point within the triangle's reach (the far side of the body is not).
        const Vec3 mid = (pa + pb + pc) / 3;
        const float reach = std::max({dot(pa - mid, pa - mid), dot(pb - mid, pb - mid), dot(pc - mid, pc - mid)});
        for (int q = 0; q < n; ++q) {
            const Vec3& pq = out.positions[oId[q]];
            if (oId[q] != a && oId[q] != b && oId[q] != c && dot(pq - mid, pq - mid) <= reach && inside(pq)) return false;
        }
        return true;
    };
    auto clear = [&](const Vec2& a, int ai, const Vec2& b, int bj) {  // edge p[ai] .. o[bj] crosses no loop edge
        for (int j = 0; j < n; ++j) {
            const int j1 = (j + 1) % n;
            if (j == bj || j1 == bj) continue;
            if (crosses(a, b, o[j], o[j1])) return false;
        }
        for (int i = 0; i < np; ++i) {
            const int i1 = (i + 1) % np;
            if (i == ai || i1 == ai) continue;
            if (crosses(a, b, p[i], p[i1])) return false;
        }
        return true;
    };
    auto dist2 = [](const Vec2& a, const Vec2& b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); };
    // The start: the outline point nearest the first staircase vertex that it can see.
    int j0 = -1;
    float best = 1e30f;
    for (int j = 0; j < n; ++j) {
        const Vec2 &prev = o[(j + n - 1) % n], &next = o[(j + 1) % n];
        if (orient(prev, next, p[0]) > 0) continue;  // behind the outline's tangent
        const float d = dist2(p[0], o[j]);
        if (d < best && clear(p[0], 0, o[j], j)) {
            best = d;
            j0 = j;
        }
    }
    if (j0 < 0) j0 = 0;
    // Which outline point each staircase vertex is nearest to (of those facing it), unwrapped from
    // j0 so that it never decreases: the zipper keeps the loops in step by it.
    std::vector<int> near(np + 1, j0 + n);
    near[0] = j0;
    for (int k = 1; k < np; ++k) {
        int jn = 0;
        float bd = 1e30f;
        for (int q = 0; q < n; ++q) {
            const Vec2 &prev = o[(q + n - 1) % n], &next = o[(q + 1) % n];
            const float d = dist2(p[k], o[q]);
            if (orient(prev, next, p[k]) <= 0 && d < bd) {
                bd = d;
                jn = q;
            }
        }
        while (jn < near[k - 1]) jn += n;
        if (jn - near[k - 1] > n / 2) jn = near[k - 1];  // a jump backwards: stay
        near[k] = std::min(jn, j0 + n);
    }
    int i = 0, j = 0;  // steps taken along each loop
    while (i < np || j < n) {
        const int pi = i % np, pi1 = (i + 1) % np, oj = (j0 + j) % n, oj1 = (j0 + j + 1) % n;
        const bool canP = i < np && orient(p[pi], p[pi1], o[oj]) > 0 && orient(pp[pi], pp[pi1], op[oj]) > 0 && clear(p[pi1], pi1, o[oj], oj) && onBody(pId[pi], pId[pi1], oId[oj], oj);
        const bool canO = j < n && orient(p[pi], o[oj1], o[oj]) > 0 && orient(pp[pi], op[oj1], op[oj]) > 0 && clear(p[pi], pi, o[oj1], oj1) && onBody(pId[pi], oId[oj1], oId[oj], oj);
        // Along the staircase once the outline is halfway to the next vertex's nearest point.
        const bool preferP = j >= n || (i < np && 2 * (j0 + j) >= near[i] + near[i + 1]);
        const bool stepP = canP == canO ? preferP : canP;
        if (stepP) {
            addTriangle(out, pId[pi], pId[pi1], oId[oj]);
            ++i;
        } else {
            addTriangle(out, pId[pi], oId[oj1], oId[oj]);
            ++j;
        }
    }
}

// The stitching the zipper falls back from: each staircase vertex joined to its nearest outline
// point (of those facing it, kept in order around the loop), the outline points between two
// neighbours' nearest ones fanned from them. Local and even where it works; at a tight corner
// its triangles can reach across the outline, which `reachesIn` finds.
void nearestFans(const std::vector<Vec2>& p, const std::vector<std::uint32_t>& pId, const std::vector<Vec2>& o,
                 const std::vector<std::uint32_t>& oId, Primitive& out) {
    const int np = static_cast<int>(p.size()), n = static_cast<int>(o.size());
    auto nearest = [&](const Vec2& f) {
        int best = 0;
        float bestD = 1e30f;
        for (int j = 0; j < n; ++j) {
            const float dx = o[j].x - f.x, dy = o[j].y - f.y, d = dx * dx + dy * dy;
            const Vec2 &prev = o[(j + n - 1) % n], &next = o[(j + 1) % n];
            const float tx = next.x - prev.x, ty = next.y - prev.y;
            if (-dx * ty + dy * tx < 0) continue;  // behind the outline
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    };
    std::vector<int> near(np);
    near[0] = nearest(p[0]);
    for (int i = 1; i < np; ++i) {
        int j = nearest(p[i]);
        while (j < near[i - 1]) j += n;
        if (j - near[i - 1] > n / 2) j = near[i - 1];  // a jump backwards: stay
        near[i] = std::min(j, near[0] + n);
    }
    const int end = near[0] + n;
    for (int i = 0; i < np; ++i) {
        const int i1 = (i + 1) % np;
        const int j0 = near[i], j1 = i + 1 < np ? std::min(near[i1], end) : end;
        const int mid = (j0 + j1) / 2;
        for (int j = j0; j < mid; ++j) addTriangle(out, pId[i], oId[j % n], oId[(j + 1) % n]);
        addTriangle(out, pId[i], pId[i1], oId[mid % n]);
        for (int j = mid; j < j1; ++j) addTriangle(out, pId[i1], oId[j % n], oId[(j + 1) % n]);
    }
}

// Whether a triangle of `out` from index `from` on holds an outline point within its reach, seen
// along the surface normal at its corners (it reaches across the outline into the opening).
bool reachesIn(const Primitive& out, size_t from, const std::vector<std::uint32_t>& oId) {
    for (size_t f = from; f + 2 < out.indices.size(); f += 3) {
        const std::uint32_t a = out.indices[f], b = out.indices[f + 1], c = out.indices[f + 2];
        const Vec3 &pa = out.positions[a], &pb = out.positions[b], &pc = out.positions[c];
        Vec3 nrm = out.normals[a] + out.normals[b] + out.normals[c];
        if (dot(cross(pb - pa, pc - pa), nrm) < 0) nrm = -nrm;
        const Vec3 mid = (pa + pb + pc) / 3;
        const float reach = std::max({dot(pa - mid, pa - mid), dot(pb - mid, pb - mid), dot(pc - mid, pc - mid)});
        for (std::uint32_t q : oId) {
            const Vec3& pq = out.positions[q];
            if (q == a || q == b || q == c || dot(pq - mid, pq - mid) > reach) continue;
            if (dot(cross(pb - pa, pq - pa), nrm) > 0 && dot(cross(pc - pb, pq - pb), nrm) > 0 && dot(cross(pa - pc, pq - pc), nrm) > 0)
                return true;
        }
    }
    return false;
}

// Triangulates the cells of `r` around an opening's outline in a flat map of the body around the
// opening: by nearest points (nearestFans, above), or where that reaches across the outline, by
// the zipper (above).
template <typename GridVertex>
void stitch(const ParamSurface& surface, const ShellGrid& grid, const Footprint& fp, const Outline& o, GridVertex&& vertex,
            Primitive& out) {
    // A flat map of the cells: along s at the centre's scale, along t by arc length at the
    // centre's station (the scale of t changes several times over around a shoulder line).
    const Vec2 m = surface.metric(o.centre);
    const float tLo = grid.ringT(*std::min_element(fp.k0.begin(), fp.k0.end()));
    const float tHi = grid.ringT(*std::max_element(fp.k1.begin(), fp.k1.end()));
    constexpr int kTable = 256;
    std::vector<float> arc(kTable + 1, 0);
    for (int i = 0; i < kTable; ++i) {
        const float ta = tLo + (tHi - tLo) * static_cast<float>(i) / kTable, tb = tLo + (tHi - tLo) * static_cast<float>(i + 1) / kTable;
        arc[i + 1] = arc[i] + length(surface.point({o.centre.s, tb}) - surface.point({o.centre.s, ta}));
    }
    auto arcAt = [&](float t) {
        const float f = std::clamp((t - tLo) / (tHi - tLo), 0.0f, 1.0f) * kTable;
        const int i = std::min(kTable - 1, static_cast<int>(f));
        return arc[i] + (arc[i + 1] - arc[i]) * (f - static_cast<float>(i));
    };
    auto flat = [&](const Param& p) { return Vec2{p.s * m.x, arcAt(p.t)}; };
    std::vector<Param> perim;  // counter-clockwise from the bottom-left corner
    std::vector<std::uint32_t> perimId;
    auto add = [&](int i, int k) {
        perim.push_back({grid.stations[i], grid.ringT(k)});
        perimId.push_back(vertex(i, k));
    };
    // The footprint's staircase boundary: along its bottom, up its right side, back along its
    // top and down its left side.
    const int columns = fp.i1 - fp.i0;
    int k = fp.k0[0];
    auto climb = [&](int i, int to) {
        while (k < to) add(i, ++k);
        while (k > to) add(i, --k);
    };
    add(fp.i0, k);
    for (int c = 0; c < columns; ++c) {
        climb(fp.i0 + c, fp.k0[c]);
        add(fp.i0 + c + 1, k);
    }
    climb(fp.i1, fp.k1[columns - 1]);
    for (int c = columns - 1; c >= 0; --c) {
        climb(fp.i0 + c + 1, fp.k1[c]);
        add(fp.i0 + c, k);
    }
    while (k > fp.k0[0] + 1) add(fp.i0, --k);
    std::vector<std::uint32_t> outId;
    std::vector<Vec2> outFlat;
    for (const Param& p : o.points) {
        outId.push_back(addVertex(surface, p, 0, out));
        outFlat.push_back(flat(p));
    }
    std::vector<Vec2> perimFlat, perimParam, outParam;
    for (const Param& p : perim) {
        perimFlat.push_back(flat(p));
        perimParam.push_back({p.s, p.t});
    }
    for (const Param& p : o.points) outParam.push_back({p.s, p.t});
    const float e = 1e-3f;
    const Vec3 c0 = surface.point(o.centre);
    const Vec3 ccw = cross(surface.point({o.centre.s + e, o.centre.t}) - c0, surface.point({o.centre.s, o.centre.t + e}) - c0);
    const size_t before = out.indices.size();
    nearestFans(perimFlat, perimId, outFlat, outId, out);
    if (!reachesIn(out, before, outId)) return;
    out.indices.resize(before);
    zipper(perimFlat, perimParam, perimId, outFlat, outParam, outId, dot(ccw, surface.normal(o.centre)) < 0 ? -1.0f : 1.0f, out);
}

}  // namespace

void emitShell(const ParamSurface& surface, const ShellGrid& grid, const std::vector<Outline>& openings, Primitive& out) {
    const int ns = static_cast<int>(grid.stations.size()), nk = grid.ringCount;
    std::vector<int> owner((ns - 1) * nk, -1);
    std::vector<Footprint> rects;
    for (size_t h = 0; h < openings.size(); ++h) {
        const Footprint r = footprintOf(grid, openings[h]);
        for (int i = r.i0; i < r.i1; ++i)
            for (int k = r.k0[i - r.i0]; k < r.k1[i - r.i0]; ++k) {
                if (owner[i * nk + k] >= 0)
                    throw std::logic_error("body openings " + std::to_string(owner[i * nk + k]) + " and " + std::to_string(h) +
                                           " share grid cells (station " + std::to_string(grid.stations[i]) + ", ring " +
                                           std::to_string(grid.ringT(k)) + ")");
                owner[i * nk + k] = static_cast<int>(h);
            }
        rects.push_back(r);
    }
    std::vector<std::int64_t> index(ns * nk, -1);
    auto vertex = [&](int i, int k) {
        k %= nk;
        auto& v = index[i * nk + k];
        if (v < 0) v = addVertex(surface, {grid.stations[i], grid.ringT(k)}, 0, out);
        return static_cast<std::uint32_t>(v);
    };
    for (int i = 0; i + 1 < ns; ++i)
        for (int k = 0; k < nk; ++k) {
            if (owner[i * nk + k] >= 0) continue;
            const auto a = vertex(i, k), b = vertex(i + 1, k), c = vertex(i + 1, k + 1), d = vertex(i, k + 1);
            addTriangle(out, a, b, c);
            addTriangle(out, a, c, d);
        }
    for (size_t h = 0; h < openings.size(); ++h) {
        const Footprint& r = rects[h];
        const Outline& o = openings[h];
        stitch(surface, grid, r, o, vertex, out);
    }
}

void emitBand(const ParamSurface& surface, const Outline& outer, float outerOffsetM, const Outline& inner,
              float innerOffsetM, Primitive& out) {
    const size_t n = outer.points.size();
    if (inner.points.size() != n) throw std::logic_error("band outlines differ in point count");
    std::vector<std::uint32_t> a, b;
    for (size_t i = 0; i < n; ++i) {
        a.push_back(addVertex(surface, outer.points[i], outerOffsetM, out));
        b.push_back(addVertex(surface, inner.points[i], innerOffsetM, out));
    }
    for (size_t i = 0; i < n; ++i) {
        const size_t j = (i + 1) % n;
        addTriangle(out, a[i], a[j], b[j]);
        addTriangle(out, a[i], b[j], b[i]);
    }
}

namespace {

// Stitches two closed rings of one patch whose points are every `stepA`-th and `stepB`-th point
// of an outline of `count` points, walking both by outline index (a zipper of triangles).
void stitchRings(Primitive& out, const std::vector<std::uint32_t>& a, size_t stepA, const std::vector<std::uint32_t>& b,
                 size_t stepB, size_t count) {
    size_t i = 0, j = 0;
    auto pos = [count](size_t k, size_t step, size_t n) { return k >= n ? count : k * step; };
    while (i < a.size() || j < b.size()) {
        const bool advanceOuter = j >= b.size() || (i < a.size() && pos(i + 1, stepA, a.size()) <= pos(j + 1, stepB, b.size()));
        if (advanceOuter) {
            addTriangle(out, a[i], a[(i + 1) % a.size()], b[j % b.size()]);
            ++i;
        } else {
            addTriangle(out, a[i % a.size()], b[(j + 1) % b.size()], b[j]);
            ++j;
        }
    }
}

}  // namespace

void emitPatch(const ParamSurface& surface, const Outline& o, float offsetM, Primitive& out, float maxEdgeM) {
    // Concentric rings towards the centre, about maxEdgeM apart; each inner ring keeps every
    // second point of the one outside it (down to 24) while its points stay within maxEdgeM of
    // each other, so a pane costs a few triangles per outline point and its inner triangles stay
    // small enough to follow the surface's curve.
    const size_t n = o.points.size();
    const Vec3 centre = surface.point(o.centre);
    float radius = 0, perimeter = 0;
    for (size_t i = 0; i < n; ++i) {
        const Vec3 q = surface.point(o.points[i]);
        radius = std::max(radius, length(q - centre));
        perimeter += length(surface.point(o.points[(i + 1) % n]) - q);
    }
    const int rings = std::max(5, static_cast<int>(std::ceil(radius / maxEdgeM)));
    std::vector<std::uint32_t> outer;
    size_t step = 1;
    for (const Param& p : o.points) outer.push_back(addVertex(surface, p, offsetM, out));
    for (int r = 1; r < rings; ++r) {
        const float f = 1.0f - static_cast<float>(r) / rings;
        const bool halve = n / (step * 2) >= 24 && perimeter * f / static_cast<float>(n / (step * 2)) <= maxEdgeM;
        const size_t nextStep = halve ? step * 2 : step;
        std::vector<std::uint32_t> inner;
        for (size_t k = 0; k < n; k += nextStep) {
            const Param& p = o.points[k];
            inner.push_back(addVertex(surface, {o.centre.s + (p.s - o.centre.s) * f, o.centre.t + (p.t - o.centre.t) * f}, offsetM, out));
        }
        stitchRings(out, outer, step, inner, nextStep, n);
        outer = std::move(inner);
        step = nextStep;
    }
    const std::uint32_t c = addVertex(surface, o.centre, offsetM, out);
    for (size_t i = 0; i < outer.size(); ++i) addTriangle(out, outer[i], outer[(i + 1) % outer.size()], c);
}

}  // namespace render::gen
