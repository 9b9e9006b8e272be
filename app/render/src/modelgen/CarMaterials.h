#pragma once
// CarMaterials: the generated cars' materials (clear-coated paint, tinted glass, black trim,
// emissive lamps, tyre, rim metals, brake parts, cabin trims, screens) by the names the meshes
// and the render mapping use. CPU only.
#include "GlbBuilder.h"

namespace render::gen {

void addCarMaterials(GlbBuilder& glb);

}  // namespace render::gen
