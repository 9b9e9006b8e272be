#pragma once
// AmbientOcclusion: per-vertex ambient occlusion baked into a car's meshes at generation time.
// The parts that are always shown (minus glass and the parts named in `excluded`, which a trim
// may hide) are voxelised at 2 cm; each vertex casts a fixed set of cosine-weighted hemisphere
// rays around its normal through the voxels, and the share that escapes within 45 cm is its
// occlusion (1 open, 0 closed in). A wheel set's meshes also see their own four wheels, never
// another wheel set's. Deterministic (no random numbers) and about a quarter of a second per car.
// The result goes into Primitive::occlusion, written as the glTF COLOR_0 attribute.
#include <string>
#include <vector>

#include "GlbBuilder.h"

namespace render::gen {

void bakeAmbientOcclusion(GlbBuilder& glb, const std::vector<std::string>& excluded);

}  // namespace render::gen
