#pragma once
// MeshCheck: the quality checks a car model must pass before it is shipped, on the model as
// the renderer imports it (any glTF/GLB). Pure CPU, any thread; `kioskctl model check` prints it.
//
//   material boundaries  every place two materials meet (paint and glass, paint and lamp...),
//                        chained into polylines between corners; for each, the largest distance
//                        of a vertex from a local smooth (quadratic) fit, in mm, and the sharpest
//                        turn at one vertex, in degrees. A staircase of whole quads fails both.
//   cut edges            on rims (MeshCheckLimits::cutEdgeParts), the open edges of a part that
//                        meet no other part, measured the same way ("(open edge)" as material B)
//   z-fighting           coplanar triangles of different parts that overlap and can be shown
//                        together (alternatives such as wheel sets never are)
//   normals              vertex normals that are NaN or not of unit length
//   triangles            the count over every mesh instance
//
// Corners: a boundary polyline's ends and the vertices where three or more boundary edges meet
// are corners; turns are measured away from them. Positions are welded at 0.01 mm.
#include <string>
#include <vector>

#include "render/SceneData.h"

namespace render {

struct MeshCheckLimits {
    double boundaryDeviationMm = 0.5;    // from a smooth fit
    double boundaryTurnDegrees = 8;      // per vertex, away from corners
    double coplanarToleranceMm = 0.5;    // triangles closer than this to each other's plane are coplanar
    double overlapAreaMm2 = 1.0;         // and overlap when they share more area than this
    // Parts whose cut edges (open edges that meet no other part) are checked like material
    // boundaries: a node whose name starts with one of these. Rims must be solids or end in smooth
    // edges; a rim of classified grid cells leaves staircase edges between spokes and gaps.
    std::vector<std::string> cutEdgeParts{"rim-"};
};

struct BoundaryCheck {
    std::string materialA, materialB;  // names, A < B
    std::string nodeA, nodeB;          // where the worst vertex lies
    size_t edges = 0;
    double lengthMm = 0;
    bool closed = false;
    double deviationMm = 0;     // largest distance of a vertex from the local quadratic fit
    double maxTurnDegrees = 0;  // sharpest turn at a vertex that is not a corner
    Vec3 worst;                 // world position of the worst vertex, model units
};

struct ZFightingPair {
    std::string nodeA, nodeB, materialA, materialB;
    size_t trianglePairs = 0;
    Vec3 at;  // world position of one overlap
};

struct MeshCheckReport {
    size_t triangles = 0;
    size_t vertices = 0;
    size_t nanNormals = 0, degenerateNormals = 0;
    std::vector<BoundaryCheck> boundaries;
    std::vector<ZFightingPair> zFighting;
    std::vector<std::string> violations;  // one line per broken limit, naming where
    bool passed() const { return violations.empty(); }
};

// `alternatives`: groups of node names of which at most one is shown at a time (wheel sets, a
// glass roof and a panel roof); a node belongs to a member when it or an ancestor has its name.
// Model units are metres (glTF).
MeshCheckReport checkMesh(const SceneData& scene, const MeshCheckLimits& limits,
                          const std::vector<std::vector<std::string>>& alternatives);

// Deviation (mm) of each vertex of an open polyline (model units in metres) from a quadratic fit
// over its neighbours (at least 3 each side, or 40 mm of arc); 0 where too few points. Exposed
// for tests.
std::vector<double> polylineDeviationMm(const std::vector<Vec3>& points, bool closed);

}  // namespace render
