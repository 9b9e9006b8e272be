#include "ChordRefine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace render::gen {

namespace {

constexpr double kTwoPi = 6.283185307179586;

}  // namespace

TriangleChord triangleChord(const SurfaceProjector& proj, const Primitive& p, const std::uint32_t* v, float offsetM,
                            float targetM) {
    TriangleChord out;
    double uv[3][2];
    for (int i = 0; i < 3; ++i) {
        uv[i][0] = p.uvs[v[i]].x;
        uv[i][1] = p.uvs[v[i]].y * kTwoPi;
    }
    const double tMin = std::min({uv[0][1], uv[1][1], uv[2][1]});
    for (auto& c : uv)
        if (c[1] - tMin > kTwoPi / 2) c[1] -= kTwoPi;  // across the seam at the bottom centre
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b)
            if (proj.surface().stepBetween(static_cast<float>(uv[a][0]), static_cast<float>(uv[b][0]), static_cast<float>(uv[a][1]))) {
                out.skipped = true;
                return out;
            }
    const Vec3 q[3] = {p.positions[v[0]], p.positions[v[1]], p.positions[v[2]]};
    float len[3];
    for (int e = 0; e < 3; ++e) len[e] = length(q[(e + 1) % 3] - q[e]);
    // Edges longest first: where a triangle is split when its centroid is the worst sample.
    std::array<int, 3> order{0, 1, 2};
    std::sort(order.begin(), order.end(), [&](int x, int y) { return len[x] > len[y]; });
    out.edges = order;
    for (int e = 0; e < 3; ++e) {
        const int b = (e + 1) % 3;
        const double d = proj.distance((q[e] + q[b]) / 2.0f, (uv[e][0] + uv[b][0]) / 2, (uv[e][1] + uv[b][1]) / 2, offsetM, targetM);
        if (d > out.errorM) {
            out.errorM = d;
            out.edges = {e, order[0] == e ? order[1] : order[0], order[2] == e ? order[1] : order[2]};
        }
    }
    const double c = proj.distance((q[0] + q[1] + q[2]) / 3.0f, (uv[0][0] + uv[1][0] + uv[2][0]) / 3,
                                   (uv[0][1] + uv[1][1] + uv[2][1]) / 3, offsetM, targetM);
    if (c > out.errorM) {
        out.errorM = c;
        out.edges = order;
    }
    return out;
}

double measureChord(const SurfaceProjector& proj, const Primitive& p, size_t vertices, float offsetM, float targetM) {
    double worst = 0;
    for (size_t f = 0; f + 2 < p.indices.size(); f += 3) {
        const std::uint32_t* v = &p.indices[f];
        if (v[0] >= vertices || v[1] >= vertices || v[2] >= vertices) continue;
        const TriangleChord c = triangleChord(proj, p, v, offsetM, targetM);
        if (!c.skipped) worst = std::max(worst, c.errorM);
    }
    return worst;
}

namespace {

float wrapT(float t) {  // into [-pi/2, 3 pi / 2)
    const float twoPi = static_cast<float>(kTwoPi);
    while (t < -kPi / 2) t += twoPi;
    while (t >= 3 * kPi / 2) t -= twoPi;
    return t;
}

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b) {
    return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
}

// The shell's triangles with the triangles around each edge, split edge by edge: an edge's
// midpoint (in parameters) becomes a vertex on the surface and both triangles beside the edge
// become two each, so the mesh stays conforming (no T-junctions) wherever it is refined.
class EdgeSplitter {
public:
    EdgeSplitter(const ParamSurface& surface, Primitive& p) : m_surface(surface), m_p(p) {
        for (size_t f = 0; f + 2 < p.indices.size(); f += 3) addTri({p.indices[f], p.indices[f + 1], p.indices[f + 2]});
    }

    // Splits edge (a, b) when it is there and inside the shell (two triangles beside it; an
    // opening's outline, which the band or lens shares, is never split). Returns whether it did.
    bool split(std::uint32_t a, std::uint32_t b) {
        auto it = m_edges.find(edgeKey(a, b));
        if (it == m_edges.end() || it->second.size() != 2) return false;
        const std::vector<size_t> around = it->second;
        const std::uint32_t m = midpoint(a, b);
        for (size_t t : around) {
            std::array<std::uint32_t, 3> tri = m_tris[t];
            int i = 0;  // tri[i] -> tri[i + 1] is the edge, in the triangle's own order
            while (!((tri[i] == a && tri[(i + 1) % 3] == b) || (tri[i] == b && tri[(i + 1) % 3] == a))) ++i;
            const std::uint32_t u = tri[i], v = tri[(i + 1) % 3], w = tri[(i + 2) % 3];
            removeTri(t);
            m_tris[t] = {u, m, w};
            linkTri(t);
            m_touched.push_back(t);
            addTri({m, v, w});
            m_touched.push_back(m_tris.size() - 1);
        }
        return true;
    }

    size_t triangleCount() const { return m_tris.size(); }
    void clearTouched() { m_touched.clear(); }
    // The triangles split or made since clearTouched(), each once.
    std::vector<size_t> touched() const {
        std::vector<size_t> t = m_touched;
        std::sort(t.begin(), t.end());
        t.erase(std::unique(t.begin(), t.end()), t.end());
        return t;
    }
    const std::array<std::uint32_t, 3>& triangle(size_t t) const { return m_tris[t]; }

    void write() {
        m_p.indices.clear();
        for (const auto& t : m_tris) m_p.indices.insert(m_p.indices.end(), t.begin(), t.end());
    }

private:
    std::uint32_t midpoint(std::uint32_t a, std::uint32_t b) {
        const Vec2 ua = m_p.uvs[a], ub = m_p.uvs[b];
        float ta = ua.y * static_cast<float>(kTwoPi), tb = ub.y * static_cast<float>(kTwoPi);
        if (tb - ta > kPi) tb -= static_cast<float>(kTwoPi);  // across the seam at the bottom centre
        if (ta - tb > kPi) ta -= static_cast<float>(kTwoPi);
        const Param q{(ua.x + ub.x) / 2, wrapT((ta + tb) / 2)};
        return m_p.add(m_surface.point(q), m_surface.normal(q), {q.s, q.t / static_cast<float>(kTwoPi)});
    }
    void linkTri(size_t t) {
        const auto& tri = m_tris[t];
        for (int e = 0; e < 3; ++e) m_edges[edgeKey(tri[e], tri[(e + 1) % 3])].push_back(t);
    }
    void removeTri(size_t t) {
        const auto& tri = m_tris[t];
        for (int e = 0; e < 3; ++e) {
            auto it = m_edges.find(edgeKey(tri[e], tri[(e + 1) % 3]));
            if (it == m_edges.end()) continue;
            auto& v = it->second;
            v.erase(std::remove(v.begin(), v.end(), t), v.end());
            if (v.empty()) m_edges.erase(it);
        }
    }
    void addTri(const std::array<std::uint32_t, 3>& tri) {
        m_tris.push_back(tri);
        linkTri(m_tris.size() - 1);
    }

    const ParamSurface& m_surface;
    Primitive& m_p;
    std::vector<std::array<std::uint32_t, 3>> m_tris;
    std::unordered_map<std::uint64_t, std::vector<size_t>> m_edges;
    std::vector<size_t> m_touched;
};

}  // namespace

RefineFigures refineShell(const ParamSurface& surface, const SurfaceProjector& proj, Primitive& shell, float targetM,
                          int maxPasses) {
    RefineFigures fig;
    EdgeSplitter splitter(surface, shell);
    std::vector<double> error;            // per triangle, once measured
    std::vector<size_t> dirty;            // triangles to measure
    for (size_t t = 0; t < splitter.triangleCount(); ++t) dirty.push_back(t);
    for (;; ++fig.passes) {
        std::vector<std::array<std::uint32_t, 6>> toSplit;  // per triangle over the target, its edges in order of preference
        error.resize(splitter.triangleCount(), 0);
        for (size_t t : dirty) {
            const auto& tri = splitter.triangle(t);
            const TriangleChord c = triangleChord(proj, shell, tri.data(), 0, targetM);
            error[t] = c.skipped ? 0 : c.errorM;
            if (c.skipped || c.errorM <= targetM) continue;
            std::array<std::uint32_t, 6> e{};
            for (int k = 0; k < 3; ++k) {
                e[2 * k] = tri[c.edges[k]];
                e[2 * k + 1] = tri[(c.edges[k] + 1) % 3];
            }
            toSplit.push_back(e);
        }
        if (toSplit.empty() || fig.passes >= maxPasses) break;
        splitter.clearTouched();
        for (const auto& e : toSplit)  // the first of its edges that can be split (not an outline's)
            for (int k = 0; k < 3 && !splitter.split(e[2 * k], e[2 * k + 1]); ++k) {
            }
        dirty = splitter.touched();
        if (dirty.empty()) break;
    }
    error.resize(splitter.triangleCount(), 0);
    for (double e : error) fig.maxM = std::max(fig.maxM, e);
    fig.triangles = splitter.triangleCount();
    splitter.write();
    return fig;
}

void emitPatchWithin(const ParamSurface& surface, const SurfaceProjector& proj, const Outline& o, float offsetM,
                     Primitive& out, float targetM) {
    constexpr float kSpacing[] = {0.16f, 0.12f, 0.09f, 0.07f, 0.055f, 0.042f, 0.032f, 0.024f, 0.018f, 0.012f};
    Primitive best;
    for (float spacing : kSpacing) {
        Primitive p;
        p.material = out.material;
        emitPatch(surface, o, offsetM, p, spacing);
        const bool within = measureChord(proj, p, p.positions.size(), offsetM, targetM) <= targetM;
        best = std::move(p);
        if (within) break;
    }
    const auto base = static_cast<std::uint32_t>(out.positions.size());
    out.positions.insert(out.positions.end(), best.positions.begin(), best.positions.end());
    out.normals.insert(out.normals.end(), best.normals.begin(), best.normals.end());
    out.uvs.insert(out.uvs.end(), best.uvs.begin(), best.uvs.end());
    for (std::uint32_t i : best.indices) out.indices.push_back(base + i);
}

}  // namespace render::gen
