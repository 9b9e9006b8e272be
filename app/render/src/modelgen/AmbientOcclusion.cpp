#include "AmbientOcclusion.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

namespace render::gen {

namespace {

constexpr float kVoxelM = 0.02f, kMaxDistanceM = 0.45f, kLiftM = 0.03f;  // rays start 3 cm off the surface
constexpr int kRays = 16;

struct Instance {
    int mesh;
    Mat4 world;
    std::string group;  // the wheel set node it lies under, "" for the always-shown parts
    bool occluder;
};

Vec3 transformPoint(const Mat4& m, const Vec3& p) { return m.transformPoint(p); }
Vec3 transformDirection(const Mat4& m, const Vec3& d) { return normalize(m.transformDir(d)); }

void collect(const GlbBuilder& glb, int node, const Mat4& parent, const std::string& group, bool occluder,
             const std::vector<std::string>& excluded, std::vector<Instance>& out) {
    const Node& n = glb.nodes()[node];
    const Mat4 world = parent * Mat4::translation(n.translation) * Mat4::rotationY(n.yawRadians);
    const std::string g = n.name.rfind("wheels-", 0) == 0 ? n.name : group;
    const bool occ = occluder && std::find(excluded.begin(), excluded.end(), n.name) == excluded.end();
    if (n.mesh >= 0) out.push_back({n.mesh, world, g, occ});
    for (int c : n.children) collect(glb, c, world, g, occ, excluded, out);
}

// Occupancy of 2 cm cells over a box.
class VoxelGrid {
public:
    explicit VoxelGrid(const Bounds& b) : m_min(b.min - Vec3{0.1f, 0.1f, 0.1f}) {
        const Vec3 size = b.max - b.min + Vec3{0.2f, 0.2f, 0.2f};
        m_n[0] = static_cast<int>(size.x / kVoxelM) + 1;
        m_n[1] = static_cast<int>(size.y / kVoxelM) + 1;
        m_n[2] = static_cast<int>(size.z / kVoxelM) + 1;
        m_cells.assign(static_cast<size_t>(m_n[0]) * m_n[1] * m_n[2], 0);
    }
    void addTriangle(const Vec3& a, const Vec3& b, const Vec3& c) {
        const float longest = std::max({length(b - a), length(c - b), length(a - c)});
        const int n = std::max(1, static_cast<int>(std::ceil(longest / (kVoxelM * 0.5f))));
        for (int i = 0; i <= n; ++i)
            for (int j = 0; i + j <= n; ++j) set(a + (b - a) * (static_cast<float>(i) / n) + (c - a) * (static_cast<float>(j) / n));
    }
    bool occupied(const Vec3& p) const {
        const long long k = index(p);
        return k >= 0 && m_cells[static_cast<size_t>(k)] != 0;
    }

private:
    long long index(const Vec3& p) const {
        const int x = static_cast<int>((p.x - m_min.x) / kVoxelM), y = static_cast<int>((p.y - m_min.y) / kVoxelM),
                  z = static_cast<int>((p.z - m_min.z) / kVoxelM);
        if (x < 0 || y < 0 || z < 0 || x >= m_n[0] || y >= m_n[1] || z >= m_n[2]) return -1;
        return (static_cast<long long>(z) * m_n[1] + y) * m_n[0] + x;
    }
    void set(const Vec3& p) {
        const long long k = index(p);
        if (k >= 0) m_cells[static_cast<size_t>(k)] = 1;
    }
    Vec3 m_min;
    int m_n[3] = {0, 0, 0};
    std::vector<std::uint8_t> m_cells;
};

void voxelise(const GlbBuilder& glb, const Instance& inst, VoxelGrid& grid) {
    for (const Primitive& p : glb.meshes()[inst.mesh].primitives) {
        if (p.material == "glass") continue;  // light passes through
        for (size_t i = 0; i + 2 < p.indices.size(); i += 3)
            grid.addTriangle(transformPoint(inst.world, p.positions[p.indices[i]]),
                             transformPoint(inst.world, p.positions[p.indices[i + 1]]),
                             transformPoint(inst.world, p.positions[p.indices[i + 2]]));
    }
}

// Cosine-weighted directions on the hemisphere around +z (a Fibonacci spiral; no randomness),
// none flatter than 32 degrees, so no ray grazes the voxels of its own surface.
std::vector<Vec3> hemisphere() {
    std::vector<Vec3> d;
    for (int i = 0; i < kRays; ++i) {
        const float u = (i + 0.5f) / kRays, r = std::sqrt(u) * 0.85f, a = 2.39996323f * i;  // 32 deg and up
        d.push_back({r * std::cos(a), r * std::sin(a), std::sqrt(1 - r * r)});
    }
    return d;
}

float occlusionAt(const VoxelGrid& grid, const Vec3& p, const Vec3& n, const std::vector<Vec3>& rays) {
    const Vec3 helper = std::fabs(n.y) < 0.9f ? Vec3{0, 1, 0} : Vec3{1, 0, 0};
    const Vec3 t = normalize(cross(helper, n)), b = cross(n, t);
    int open = 0;
    for (const Vec3& r : rays) {
        const Vec3 d = t * r.x + b * r.y + n * r.z;
        bool hit = false;
        const Vec3 origin = p + n * kLiftM;  // clear of the surface's own voxels
        for (float s = 0; s < kMaxDistanceM && !hit; s += kVoxelM * 0.8f) hit = grid.occupied(origin + d * s);
        if (!hit) ++open;
    }
    return static_cast<float>(open) / static_cast<float>(rays.size());
}

}  // namespace

void bakeAmbientOcclusion(GlbBuilder& glb, const std::vector<std::string>& excluded) {
    std::vector<Instance> instances;
    for (int root : glb.roots()) collect(glb, root, Mat4::identity(), "", true, excluded, instances);
    Bounds bounds;
    for (const Instance& inst : instances)
        for (const Primitive& p : glb.meshes()[inst.mesh].primitives)
            for (const Vec3& v : p.positions) bounds.add(transformPoint(inst.world, v));
    VoxelGrid shared(bounds);
    for (const Instance& inst : instances)
        if (inst.occluder && inst.group.empty()) voxelise(glb, inst, shared);
    std::map<std::string, VoxelGrid> grids;  // per wheel set: the shared parts and its own wheels
    for (const Instance& inst : instances) {
        if (inst.group.empty()) continue;
        auto it = grids.try_emplace(inst.group, shared).first;
        voxelise(glb, inst, it->second);
    }
    const std::vector<Vec3> rays = hemisphere();
    std::vector<bool> baked(glb.meshes().size(), false);
    for (const Instance& inst : instances) {
        if (baked[inst.mesh]) continue;  // a mesh used by several nodes is baked where it is first placed
        baked[inst.mesh] = true;
        const VoxelGrid& grid = inst.group.empty() ? shared : grids.at(inst.group);
        for (Primitive& p : glb.meshes()[inst.mesh].primitives) {
            p.occlusion.resize(p.positions.size());
            for (size_t i = 0; i < p.positions.size(); ++i)
                p.occlusion[i] = occlusionAt(grid, transformPoint(inst.world, p.positions[i]),
                                             transformDirection(inst.world, p.normals[i]), rays);
        }
    }
}

}  // namespace render::gen
