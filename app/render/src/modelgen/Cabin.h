#pragma once
// Cabin: the interior seen through the glass and from the driver's seat: floor, a dashboard
// with an instrument screen and a centre screen, a centre console, a steering wheel (rim,
// three spokes, hub, column) before a left-hand driver, shaped front seats (cushion, backrest
// with side bolsters, headrest) and the rear rows. Car frame: x to the left, y up, z forward.
// CPU only, deterministic.
#include "GlbBuilder.h"

namespace render::gen {

struct CabinSpec {
    float screenBaseZ = 1.0f;  // where the windscreen meets the body
    float rearZ = -1.5f;       // the back of the cabin
    float floorY = 0.3f, beltY = 1.0f;
    float halfWidth = 0.7f;    // inside the doors
    float carWidth = 1.8f;
    int seats = 5;
};

struct Cabin {
    Mesh mesh;
    Vec3 driverEye;  // where the interior view looks from
};

Cabin buildCabin(const CabinSpec& spec);

}  // namespace render::gen
