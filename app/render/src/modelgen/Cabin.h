#pragma once
// Cabin: the interior seen through the glass and from the driver's seat: floor, a dashboard
// with an instrument screen and a centre screen, a centre console, a steering wheel (rim,
// three spokes, hub, column) before a left-hand driver, shaped front seats (cushion, backrest
// with side bolsters, headrest) and the rear rows. Car frame: x to the left, y up, z forward.
// Inside the body shell it lays a lining (door trim panels, pillar trim, headliner) that
// follows the body a few centimetres in, with the glass openings cut out along their outlines,
// so from the driver's seat no back face of the shell is seen. CPU only, deterministic.
#include <functional>
#include <vector>

#include "BodyShell.h"
#include "GlbBuilder.h"

namespace render::gen {

struct CabinSpec {
    float screenBaseZ = 1.0f;  // where the windscreen meets the body
    float rearZ = -1.5f;       // the back of the cabin
    float floorY = 0.3f, beltY = 1.0f;
    float halfWidth = 0.7f;    // inside the doors
    float carWidth = 1.8f;
    int seats = 5;
    // The body around the cabin, for the lining (none without `body`): its surface S(s, t)
    // (s tail 0 to nose 1, t the section angle, 0 the left side), the glass openings and the
    // roof panel's opening as outlines in (s, t), and the stations the lining spans.
    std::function<Vec3(float, float)> body;
    std::vector<Outline> glassOpenings;
    Outline roofOpening;
    float sRear = 0.1f, sFront = 0.7f;
};

struct Cabin {
    Mesh mesh;
    Mesh headliner;  // the lining inside the roof panel's opening: shown with the panel roof only
    Vec3 driverEye;  // where the interior view looks from
};

Cabin buildCabin(const CabinSpec& spec);

}  // namespace render::gen
