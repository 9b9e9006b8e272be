#include "render/MeshCheck.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "MeshCheckGeometry.h"

namespace render {

namespace {

using mesh_check::Triangle;
using mesh_check::WorldMesh;

constexpr double kWeldMetres = 1e-5;  // 0.01 mm
constexpr const char* kOpenEdge = "(open edge)";  // the other side of a cut edge that meets no other part

std::string format(const char* fmt, double a, double b = 0) {
    char buf[128];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

// Welds world positions into vertex ids.
class Welder {
public:
    int id(const Vec3& p) {
        const Key k{std::llround(p.x / kWeldMetres), std::llround(p.y / kWeldMetres), std::llround(p.z / kWeldMetres)};
        auto [it, added] = m_ids.try_emplace(k, static_cast<int>(m_points.size()));
        if (added) m_points.push_back(p);
        return it->second;
    }
    const Vec3& point(int id) const { return m_points[id]; }

private:
    using Key = std::array<long long, 3>;
    struct KeyHash {
        size_t operator()(const Key& k) const {
            return static_cast<size_t>(k[0] * 73856093LL ^ k[1] * 19349663LL ^ k[2] * 83492791LL);
        }
    };
    std::unordered_map<Key, int, KeyHash> m_ids;
    std::vector<Vec3> m_points;
};

std::uint64_t edgeKey(int a, int b) {
    if (a > b) std::swap(a, b);
    return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b);
}

// Which member of each alternatives group a node belongs to (-1: none), by its own or an
// ancestor's name.
std::vector<std::vector<int>> alternativeMembership(const SceneData& scene,
                                                    const std::vector<std::vector<std::string>>& groups) {
    std::vector<std::vector<int>> member(scene.nodes.size(), std::vector<int>(groups.size(), -1));
    for (size_t n = 0; n < scene.nodes.size(); ++n)
        for (int a = static_cast<int>(n); a >= 0; a = scene.nodes[a].parent)
            for (size_t g = 0; g < groups.size(); ++g) {
                const auto& names = groups[g];
                const auto it = std::find(names.begin(), names.end(), scene.nodes[a].name);
                if (it != names.end() && member[n][g] < 0) member[n][g] = static_cast<int>(it - names.begin());
            }
    return member;
}

// An open edge of one mesh instance: the material boundary candidates.
struct OpenEdge {
    int mesh;  // index into the WorldMesh list
    int a, b;  // welded vertex ids
};

// Material boundary edges, grouped by material pair, with the instances on either side.
struct BoundaryEdges {
    std::map<std::pair<std::string, std::string>, std::vector<std::array<int, 4>>> byPair;  // a, b, meshA, meshB
    std::unordered_map<int, int> degree;  // welded vertex -> number of boundary edges (all pairs)
};

BoundaryEdges findBoundaryEdges(const std::vector<WorldMesh>& meshes, Welder& welder,
                                const std::function<bool(int, int)>& together, const std::vector<std::string>& cutEdgeParts) {
    auto checksCutEdges = [&](const WorldMesh& m) {
        for (const auto& prefix : cutEdgeParts)
            if (m.nodeName.rfind(prefix, 0) == 0) return true;
        return false;
    };
    std::unordered_map<std::uint64_t, std::vector<OpenEdge>> open;
    for (int m = 0; m < static_cast<int>(meshes.size()); ++m) {
        std::unordered_map<std::uint64_t, int> uses;
        std::vector<std::pair<int, int>> edges;
        for (const Triangle& t : meshes[m].triangles) {
            const int ids[3] = {welder.id(t.p[0]), welder.id(t.p[1]), welder.id(t.p[2])};
            for (int e = 0; e < 3; ++e) {
                const int a = ids[e], b = ids[(e + 1) % 3];
                if (a == b) continue;
                if (uses[edgeKey(a, b)]++ == 0) edges.emplace_back(a, b);
            }
        }
        for (const auto& [a, b] : edges)
            if (uses[edgeKey(a, b)] == 1) open[edgeKey(a, b)].push_back({m, a, b});
    }
    BoundaryEdges out;
    std::unordered_set<std::uint64_t> counted;
    for (const auto& [key, list] : open) {
        if (list.size() == 1) {  // a cut edge of one part (a spoke's side, a disc's rim): its silhouette
            const OpenEdge& e = list.front();
            if (!checksCutEdges(meshes[e.mesh])) continue;
            out.byPair[{meshes[e.mesh].material, kOpenEdge}].push_back({e.a, e.b, e.mesh, e.mesh});
            ++out.degree[e.a];
            ++out.degree[e.b];
            continue;
        }
        for (size_t i = 0; i < list.size(); ++i)
            for (size_t j = i + 1; j < list.size(); ++j) {
                const WorldMesh &x = meshes[list[i].mesh], &y = meshes[list[j].mesh];
                if (x.material == y.material || !together(x.node, y.node)) continue;
                const bool swap = y.material < x.material;
                const auto pairKey = swap ? std::make_pair(y.material, x.material) : std::make_pair(x.material, y.material);
                out.byPair[pairKey].push_back(
                    {list[i].a, list[i].b, swap ? list[j].mesh : list[i].mesh, swap ? list[i].mesh : list[j].mesh});
                if (counted.insert(key).second) {
                    ++out.degree[list[i].a];
                    ++out.degree[list[i].b];
                }
            }
    }
    return out;
}

// Chains edges into polylines that end at corners (vertices of boundary degree other than 2);
// loops without a corner come back closed.
struct Chain {
    std::vector<int> vertices;
    std::vector<int> meshA, meshB;  // per edge
    bool closed = false;
};

std::vector<Chain> chainEdges(const std::vector<std::array<int, 4>>& edges, const std::unordered_map<int, int>& degree) {
    std::unordered_map<int, std::vector<int>> at;  // vertex -> edge indices
    for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
        at[edges[e][0]].push_back(e);
        at[edges[e][1]].push_back(e);
    }
    auto isCorner = [&](int v) { return degree.at(v) != 2 || at[v].size() != 2; };
    std::vector<bool> used(edges.size(), false);
    std::vector<Chain> chains;
    auto walk = [&](int start, int firstEdge) {
        Chain c;
        c.vertices.push_back(start);
        int v = start, e = firstEdge;
        while (e >= 0 && !used[e]) {
            used[e] = true;
            const int next = edges[e][0] == v ? edges[e][1] : edges[e][0];
            c.vertices.push_back(next);
            c.meshA.push_back(edges[e][2]);
            c.meshB.push_back(edges[e][3]);
            v = next;
            if (v == start) {
                c.closed = true;
                c.vertices.pop_back();
                break;
            }
            if (isCorner(v)) break;
            e = -1;
            for (int f : at[v])
                if (!used[f]) e = f;
        }
        chains.push_back(std::move(c));
    };
    for (const auto& [v, list] : at)
        if (isCorner(v))
            for (int e : list)
                if (!used[e]) walk(v, e);
    for (int e = 0; e < static_cast<int>(edges.size()); ++e)
        if (!used[e]) walk(edges[e][0], e);  // loops with no corner
    return chains;
}

double turnDegrees(const Vec3& a, const Vec3& b, const Vec3& c) {
    const Vec3 u = b - a, w = c - b;
    const double lu = length(u), lw = length(w);
    if (lu < 1e-12 || lw < 1e-12) return 0;
    const double cosine = std::clamp(static_cast<double>(dot(u, w)) / (lu * lw), -1.0, 1.0);
    return std::acos(cosine) * 180.0 / 3.14159265358979;
}

BoundaryCheck measureChain(const Chain& c, const Welder& welder, const std::vector<WorldMesh>& meshes,
                           const std::pair<std::string, std::string>& materials) {
    BoundaryCheck b;
    b.materialA = materials.first;
    b.materialB = materials.second;
    b.closed = c.closed;
    b.edges = c.meshA.size();
    std::vector<Vec3> pts;
    for (int v : c.vertices) pts.push_back(welder.point(v));
    for (size_t i = 0; i + 1 < pts.size(); ++i) b.lengthMm += length(pts[i + 1] - pts[i]) * 1000.0;
    if (c.closed && pts.size() > 1) b.lengthMm += length(pts.front() - pts.back()) * 1000.0;
    size_t worst = 0;
    const std::vector<double> deviation = polylineDeviationMm(pts, c.closed);
    const size_t n = pts.size();
    for (size_t i = 0; i < n; ++i) {
        double turn = 0;
        if (c.closed && n >= 3) turn = turnDegrees(pts[(i + n - 1) % n], pts[i], pts[(i + 1) % n]);
        else if (i > 0 && i + 1 < n) turn = turnDegrees(pts[i - 1], pts[i], pts[i + 1]);
        const bool worse = deviation[i] > b.deviationMm || turn > b.maxTurnDegrees;
        b.deviationMm = std::max(b.deviationMm, deviation[i]);
        b.maxTurnDegrees = std::max(b.maxTurnDegrees, turn);
        if (worse) worst = i;
    }
    b.worst = pts.empty() ? Vec3{} : pts[worst];
    const size_t edge = std::min(worst, c.meshA.empty() ? 0 : c.meshA.size() - 1);
    if (!c.meshA.empty()) {
        b.nodeA = meshes[c.meshA[edge]].nodeName;
        b.nodeB = meshes[c.meshB[edge]].nodeName;
    }
    return b;
}

void checkNormals(const SceneData& scene, MeshCheckReport& r) {
    for (size_t n = 0; n < scene.nodes.size(); ++n)
        for (int m : scene.nodes[n].meshes)
            for (const Vertex& v : scene.meshes[m].vertices) {
                ++r.vertices;
                const Vec3& nv = v.normal;
                if (std::isnan(nv.x) || std::isnan(nv.y) || std::isnan(nv.z)) ++r.nanNormals;
                else if (std::fabs(length(nv) - 1.0f) > 0.05f) ++r.degenerateNormals;
            }
}

}  // namespace

std::vector<double> polylineDeviationMm(const std::vector<Vec3>& points, bool closed) {
    const int n = static_cast<int>(points.size());
    std::vector<double> out(points.size(), 0.0);
    constexpr int kMinSide = 3, kMaxSide = 12;
    constexpr double kWindowMm = 40;
    for (int i = 0; i < n; ++i) {
        // Neighbours by signed arc length from point i, in mm.
        std::vector<std::pair<double, Vec3>> window{{0.0, points[i]}};
        for (int dir : {-1, 1}) {
            double s = 0;
            int j = i;
            for (int k = 1; k <= kMaxSide; ++k) {
                int next = j + dir;
                if (closed) next = (next + n) % n;
                if (next < 0 || next >= n || next == i) break;
                s += length(points[next] - points[j]) * 1000.0;
                if (k > kMinSide && s > kWindowMm) break;
                window.emplace_back(dir * s, points[next]);
                j = next;
            }
        }
        if (window.size() < 5) continue;
        out[i] = mesh_check::quadraticFitResidualAtZero(window);
    }
    return out;
}

MeshCheckReport checkMesh(const SceneData& scene, const MeshCheckLimits& limits,
                          const std::vector<std::vector<std::string>>& alternatives) {
    MeshCheckReport r;
    r.triangles = scene.triangleCount();
    checkNormals(scene, r);
    const std::vector<WorldMesh> meshes = mesh_check::worldMeshes(scene);
    const auto member = alternativeMembership(scene, alternatives);
    auto together = [&](int a, int b) {
        for (size_t g = 0; g < alternatives.size(); ++g)
            if (member[a][g] >= 0 && member[b][g] >= 0 && member[a][g] != member[b][g]) return false;
        return true;
    };

    Welder welder;
    const BoundaryEdges edges = findBoundaryEdges(meshes, welder, together, limits.cutEdgeParts);
    for (const auto& [materials, list] : edges.byPair)
        for (const Chain& c : chainEdges(list, edges.degree)) r.boundaries.push_back(measureChain(c, welder, meshes, materials));
    std::sort(r.boundaries.begin(), r.boundaries.end(),
              [](const BoundaryCheck& a, const BoundaryCheck& b) { return a.deviationMm > b.deviationMm; });
    r.zFighting = mesh_check::findZFighting(meshes, limits, together);

    for (const auto& b : r.boundaries) {
        const std::string where = b.materialA + "|" + b.materialB + " boundary (" + b.nodeA + "/" + b.nodeB + ") near " +
                                  format("(%.3f, ", b.worst.x) + format("%.3f, ", b.worst.y) + format("%.3f)", b.worst.z);
        if (b.deviationMm > limits.boundaryDeviationMm)
            r.violations.push_back(where + format(": %.2f mm from a smooth curve (limit %.2f mm)", b.deviationMm,
                                                  limits.boundaryDeviationMm));
        if (b.maxTurnDegrees > limits.boundaryTurnDegrees)
            r.violations.push_back(where + format(": turns %.1f deg at one vertex (limit %.1f deg)", b.maxTurnDegrees,
                                                  limits.boundaryTurnDegrees));
    }
    for (const auto& z : r.zFighting)
        r.violations.push_back("z-fighting: " + z.nodeA + " (" + z.materialA + ") and " + z.nodeB + " (" + z.materialB +
                               ") overlap in " + std::to_string(z.trianglePairs) + " coplanar triangle pairs near " +
                               format("(%.3f, ", z.at.x) + format("%.3f, ", z.at.y) + format("%.3f)", z.at.z));
    if (r.nanNormals > 0) r.violations.push_back(std::to_string(r.nanNormals) + " vertex normals are NaN");
    if (r.degenerateNormals > 0)
        r.violations.push_back(std::to_string(r.degenerateNormals) + " vertex normals are not of unit length");
    return r;
}

}  // namespace render
