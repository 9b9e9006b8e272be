#pragma once
// Wheels: one wheel option's tyre, rim and brake meshes, in the wheel's own frame (x along the
// axle, outward face at +x; y up). A rim is built from solids: a rolled outer lip and barrel, a
// hub, and spokes (or an aero disc with blades) as closed tubes swept from the hub to the lip,
// so every spoke edge is a smooth silhouette, never a staircase of classified grid cells.
// CPU only, deterministic.
#include <string>

#include "GlbBuilder.h"

namespace render::gen {

struct WheelSpec {
    std::string optionId;
    std::string design;  // "5-spoke", "twin-spoke", "multi-spoke", "turbine", "aero"; others as 5-spoke
    float rimRadius = 0.24f, tyreRadius = 0.35f, tyreWidth = 0.235f;
};

Mesh tyreMesh(const WheelSpec& w);
Mesh rimMesh(const WheelSpec& w);
Mesh brakeMesh(const WheelSpec& w);

}  // namespace render::gen
