#include "MeshCheckGeometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

namespace render::mesh_check {

namespace {

constexpr double kCellMetres = 0.05;

struct TriangleInfo {
    int mesh = 0;
    Vec3 normal;  // unit; zero for a degenerate triangle
    Vec3 p[3];
    std::array<int, 3> lo{}, hi{};  // cell range
};

// Area (m^2) of the overlap of two triangles in the plane of `normal`, by clipping one with the
// other (both convex).
double overlapArea(const Vec3 (&a)[3], const Vec3 (&b)[3], const Vec3& normal) {
    const Vec3 u = normalize(std::fabs(normal.x) < 0.9f ? cross(normal, Vec3{1, 0, 0}) : cross(normal, Vec3{0, 1, 0}));
    const Vec3 v = cross(normal, u);
    using P = std::array<double, 2>;
    auto flat = [&](const Vec3& p) { return P{dot(p, u), dot(p, v)}; };
    std::vector<P> poly = {flat(b[0]), flat(b[1]), flat(b[2])};
    P clip[3] = {flat(a[0]), flat(a[1]), flat(a[2])};
    const double orient = (clip[1][0] - clip[0][0]) * (clip[2][1] - clip[0][1]) - (clip[1][1] - clip[0][1]) * (clip[2][0] - clip[0][0]);
    if (std::fabs(orient) < 1e-14) return 0;
    for (int e = 0; e < 3 && !poly.empty(); ++e) {
        const P c0 = clip[e], c1 = clip[(e + 1) % 3];
        auto side = [&](const P& p) {
            return ((c1[0] - c0[0]) * (p[1] - c0[1]) - (c1[1] - c0[1]) * (p[0] - c0[0])) * (orient > 0 ? 1 : -1);
        };
        std::vector<P> out;
        for (size_t i = 0; i < poly.size(); ++i) {
            const P& p = poly[i];
            const P& q = poly[(i + 1) % poly.size()];
            const double sp = side(p), sq = side(q);
            if (sp >= 0) out.push_back(p);
            if ((sp >= 0) != (sq >= 0)) {
                const double t = sp / (sp - sq);
                out.push_back({p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])});
            }
        }
        poly = std::move(out);
    }
    double area = 0;
    for (size_t i = 0; i < poly.size(); ++i) {
        const P& p = poly[i];
        const P& q = poly[(i + 1) % poly.size()];
        area += p[0] * q[1] - q[0] * p[1];
    }
    return std::fabs(area) * 0.5;
}

bool coplanarOverlap(const TriangleInfo& a, const TriangleInfo& b, const MeshCheckLimits& limits) {
    if (length(a.normal) < 0.5f || length(b.normal) < 0.5f) return false;
    if (std::fabs(dot(a.normal, b.normal)) < 0.9994f) return false;  // more than 2 degrees apart
    const double tol = limits.coplanarToleranceMm / 1000.0;
    for (const Vec3& p : b.p)
        if (std::fabs(dot(p - a.p[0], a.normal)) > tol) return false;
    return overlapArea(a.p, b.p, a.normal) > limits.overlapAreaMm2 * 1e-6;
}

}  // namespace

std::vector<WorldMesh> worldMeshes(const SceneData& scene) {
    std::vector<WorldMesh> out;
    for (int n = 0; n < static_cast<int>(scene.nodes.size()); ++n) {
        if (scene.nodes[n].meshes.empty()) continue;
        const Mat4 world = scene.worldTransform(n);
        for (int m : scene.nodes[n].meshes) {
            const MeshData& mesh = scene.meshes[m];
            WorldMesh w;
            w.node = n;
            w.nodeName = scene.nodes[n].name;
            w.material = mesh.material >= 0 && mesh.material < static_cast<int>(scene.materials.size())
                             ? scene.materials[mesh.material].name
                             : "#" + std::to_string(mesh.material);
            for (size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
                Triangle t;
                for (int k = 0; k < 3; ++k) t.p[k] = world.transformPoint(mesh.vertices[mesh.indices[i + k]].position);
                w.triangles.push_back(t);
            }
            out.push_back(std::move(w));
        }
    }
    return out;
}

double quadraticFitResidualAtZero(const std::vector<std::pair<double, Vec3>>& samples) {
    // Normal equations of p(t) = c0 + c1 t + c2 t^2, t scaled to about 1 for conditioning.
    double scale = 1e-9;
    for (const auto& s : samples) scale = std::max(scale, std::fabs(s.first));
    double m[3][3] = {}, rhs[3][3] = {};  // rhs per coordinate
    const Vec3 origin = samples.front().second;
    for (const auto& [tMm, p] : samples) {
        const double t = tMm / scale, basis[3] = {1, t, t * t};
        const Vec3 d = (p - origin) * 1000.0f;  // mm
        const double coord[3] = {d.x, d.y, d.z};
        for (int r = 0; r < 3; ++r) {
            for (int c = 0; c < 3; ++c) m[r][c] += basis[r] * basis[c];
            for (int k = 0; k < 3; ++k) rhs[k][r] += basis[r] * coord[k];
        }
    }
    // Solve by Cramer's rule for c0 only (the value at t = 0).
    auto det3 = [](const double a[3][3]) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
               a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    };
    const double det = det3(m);
    if (std::fabs(det) < 1e-12) return 0;
    double sum = 0;
    const Vec3 atZero = (samples.front().second - origin) * 1000.0f;
    const double value[3] = {atZero.x, atZero.y, atZero.z};
    for (int k = 0; k < 3; ++k) {
        double a[3][3];
        for (int r = 0; r < 3; ++r) {
            a[r][0] = rhs[k][r];
            a[r][1] = m[r][1];
            a[r][2] = m[r][2];
        }
        const double c0 = det3(a) / det;
        sum += (c0 - value[k]) * (c0 - value[k]);
    }
    return std::sqrt(sum);
}

std::vector<ZFightingPair> findZFighting(const std::vector<WorldMesh>& meshes, const MeshCheckLimits& limits,
                                         const std::function<bool(int, int)>& together) {
    std::vector<TriangleInfo> tris;
    for (int m = 0; m < static_cast<int>(meshes.size()); ++m)
        for (const Triangle& t : meshes[m].triangles) {
            TriangleInfo info;
            info.mesh = m;
            std::copy(std::begin(t.p), std::end(t.p), info.p);
            const Vec3 c = cross(t.p[1] - t.p[0], t.p[2] - t.p[0]);
            info.normal = length(c) > 1e-14f ? c / length(c) : Vec3{0, 0, 0};
            for (int k = 0; k < 3; ++k) {
                const float lo = std::min({t.p[0][k], t.p[1][k], t.p[2][k]}), hi = std::max({t.p[0][k], t.p[1][k], t.p[2][k]});
                info.lo[k] = static_cast<int>(std::floor(lo / kCellMetres));
                info.hi[k] = static_cast<int>(std::floor(hi / kCellMetres));
            }
            tris.push_back(info);
        }
    struct CellHash {
        size_t operator()(const std::array<int, 3>& c) const {
            return static_cast<size_t>(c[0] * 73856093 ^ c[1] * 19349663 ^ c[2] * 83492791);
        }
    };
    std::unordered_map<std::array<int, 3>, std::vector<int>, CellHash> cells;
    for (int i = 0; i < static_cast<int>(tris.size()); ++i)
        for (int x = tris[i].lo[0]; x <= tris[i].hi[0]; ++x)
            for (int y = tris[i].lo[1]; y <= tris[i].hi[1]; ++y)
                for (int z = tris[i].lo[2]; z <= tris[i].hi[2]; ++z) cells[{x, y, z}].push_back(i);

    std::map<std::pair<int, int>, ZFightingPair> pairs;
    for (const auto& [cell, list] : cells)
        for (size_t i = 0; i < list.size(); ++i)
            for (size_t j = i + 1; j < list.size(); ++j) {
                const TriangleInfo &a = tris[list[i]], &b = tris[list[j]];
                if (a.mesh == b.mesh || !together(meshes[a.mesh].node, meshes[b.mesh].node)) continue;
                // Test each pair once: in the lowest cell both triangles touch.
                bool first = true;
                for (int k = 0; k < 3; ++k) first = first && cell[k] == std::max(a.lo[k], b.lo[k]);
                if (!first || !coplanarOverlap(a, b, limits)) continue;
                const auto key = std::minmax(a.mesh, b.mesh);
                ZFightingPair& z = pairs[key];
                if (z.trianglePairs++ == 0) {
                    z.nodeA = meshes[key.first].nodeName;
                    z.nodeB = meshes[key.second].nodeName;
                    z.materialA = meshes[key.first].material;
                    z.materialB = meshes[key.second].material;
                    z.at = (a.p[0] + a.p[1] + a.p[2]) / 3.0f;
                }
            }
    std::vector<ZFightingPair> out;
    for (auto& [key, z] : pairs) out.push_back(std::move(z));
    return out;
}

}  // namespace render::mesh_check
