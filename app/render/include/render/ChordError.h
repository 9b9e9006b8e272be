#pragma once
// ChordError: how far a generated car's tessellation lies from the exact surface it was made
// from, where the file says what that surface is (the car generator records its body surface and
// which primitives lie on it; see render_modelgen's SurfaceRecord). For every triangle whose
// corners lie on the surface, the centroid and the edge midpoints are projected onto the surface
// (Gauss-Newton from the parameters interpolated between the corners') and their distance to it,
// less the primitive's offset along the normal (inset glass), is the triangle's chord error.
// Reported per mesh and material and over the model: maximum and 99th percentile, in mm.
// A file without a record (any foreign model) has a surface that is "not known": neither a pass
// nor a fail. Pure CPU, any thread.
#include <string>
#include <vector>

#include "render/SceneData.h"

namespace render {

struct ChordGroup {
    std::string mesh, material;
    double offsetMm = 0;     // the surface's offset along its normal (negative: inset)
    size_t triangles = 0;    // measured (corners on the surface)
    size_t acrossSteps = 0;  // not measured: across a step of the surface (a wheel opening's edge)
    double maxMm = 0, p99Mm = 0;
    Vec3 worst;              // mesh-space position of the worst sample, metres
};

struct ChordReport {
    bool known = false;
    std::string why;             // when not known
    std::string levelOfDetail;   // as the file records it ("software-gl")
    double limitMm = 1.6;        // for the software-GL level of detail
    size_t triangles = 0;
    double maxMm = 0, p99Mm = 0;
    std::vector<ChordGroup> groups;
    bool passed() const { return !known || maxMm <= limitMm; }
    std::string violation() const;  // empty when passed
};

// `path`: the file `scene` was imported from (its glTF JSON holds the record).
ChordReport measureChordError(const SceneData& scene, const std::string& path);

}  // namespace render
