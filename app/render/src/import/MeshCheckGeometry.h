#pragma once
// Geometry helpers of MeshCheck: mesh instances in world space, the local quadratic fit and the
// coplanar-overlap (z-fighting) search. Pure CPU.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "render/MeshCheck.h"

namespace render::mesh_check {

struct Triangle {
    Vec3 p[3];
};

// One mesh under one node, in world space.
struct WorldMesh {
    int node = 0;
    std::string nodeName, material;
    std::vector<Triangle> triangles;
};

std::vector<WorldMesh> worldMeshes(const SceneData& scene);

// Least-squares quadratic through (t, p) samples (t in mm, p in metres); distance in mm of the
// sample at t = 0 from the fitted curve there.
double quadraticFitResidualAtZero(const std::vector<std::pair<double, Vec3>>& samples);

// Pairs of mesh instances that `together` allows on screen at once and that hold coplanar,
// overlapping triangles.
std::vector<ZFightingPair> findZFighting(const std::vector<WorldMesh>& meshes, const MeshCheckLimits& limits,
                                         const std::function<bool(int, int)>& together);

}  // namespace render::mesh_check
