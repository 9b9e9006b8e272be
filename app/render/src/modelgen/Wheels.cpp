#include "Wheels.h"

#include <cmath>
#include <vector>

#include "Shapes.h"

namespace render::gen {

namespace {

// A design's spokes: how many, in how many groups (twins), their half width (m) at the hub and
// at the lip, half depth (m), twist (radians per unit of radius fraction) and radial span.
struct SpokeLayout {
    int count = 5;
    float pairOffset = 0;  // radians between the two spokes of a twin, 0 for single spokes
    float halfWidthHub = 0.046f, halfWidthLip = 0.026f, halfDepth = 0.016f;
    float twist = 0;
    float rho0 = 0.17f, rho1 = 0.93f;
    float lift = 0;  // how far the spoke stands out of the face (blades on a disc, never coplanar with it)
};

SpokeLayout layoutFor(const std::string& design) {
    SpokeLayout l;
    if (design == "twin-spoke") {
        l.pairOffset = 0.13f;
        l.halfWidthHub = 0.020f;
        l.halfWidthLip = 0.013f;
    } else if (design == "multi-spoke") {
        l.count = 15;
        l.halfWidthHub = 0.014f;
        l.halfWidthLip = 0.009f;
        l.halfDepth = 0.012f;
    } else if (design == "turbine") {
        l.count = 10;
        l.halfWidthHub = 0.017f;
        l.halfWidthLip = 0.017f;
        l.halfDepth = 0.010f;
        l.twist = 1.3f;
    } else if (design == "aero") {  // short blades on a closed disc
        l.count = 10;
        l.halfWidthHub = 0.010f;
        l.halfWidthLip = 0.006f;
        l.halfDepth = 0.006f;
        l.rho0 = 0.52f;
        l.rho1 = 0.86f;
        l.lift = 0.008f;
    }
    return l;
}

struct RimFrame {
    float R, face, dish;
    float faceX(float rho) const { return face - dish * std::pow(1 - rho, 1.5f); }  // the dished face
};

// One spoke: a rounded-rectangle section swept along the dished face from the hub into the lip.
void spoke(Mesh& m, const char* material, const RimFrame& f, const SpokeLayout& l, float angle) {
    constexpr int kRows = 6, kRing = 10;
    cappedTube(m, material, kRows, kRing, [&](int i, int k) {
        const float u = static_cast<float>(i) / (kRows - 1), rho = l.rho0 + (l.rho1 - l.rho0) * u;
        const float a = angle + l.twist * (rho - 0.2f);
        const Vec3 radial{0, std::cos(a), std::sin(a)}, tangent{0, -std::sin(a), std::cos(a)}, axial{1, 0, 0};
        const float hw = l.halfWidthHub + (l.halfWidthLip - l.halfWidthHub) * u;
        const Vec3 centre = radial * (rho * f.R) + axial * (f.faceX(rho) - l.halfDepth + l.lift);
        const float v = 2 * kPi * k / kRing;
        return centre + tangent * (hw * spow(std::cos(v), 0.5f)) + axial * (l.halfDepth * spow(std::sin(v), 0.5f));
    });
}

}  // namespace

Mesh tyreMesh(const WheelSpec& w) {
    Mesh m{"tyre-" + w.optionId, {}};
    std::vector<Vec2> profile;
    const float hw = w.tyreWidth / 2, ri = w.rimRadius - 0.005f, ro = w.tyreRadius;
    const float mid = (ri + ro) / 2, half = (ro - ri) / 2;
    for (int i = 0; i <= 16; ++i) {
        const float a = -kPi / 2 + 2 * kPi * i / 16;
        profile.push_back({hw * spow(std::sin(a), 0.5f), mid + half * spow(std::cos(a), 0.45f)});
    }
    lathe(m, "tyre", profile, 48, true);
    return m;
}

Mesh rimMesh(const WheelSpec& w) {
    Mesh m{"rim-" + w.optionId, {}};
    const char* metal = (w.design == "5-spoke" || w.design == "turbine") ? "rim-dark" : "rim-silver";
    const float R = w.rimRadius, face = w.tyreWidth / 2 - 0.012f, back = -w.tyreWidth / 2 + 0.01f;
    const RimFrame f{R, face, w.design == "aero" ? 0.012f : (w.design == "multi-spoke" ? 0.05f : 0.035f)};
    // The outer lip rolled over the tyre bead and the barrel behind it, as one closed section.
    lathe(m, metal,
          {{face + 0.002f, 0.88f * R}, {face + 0.007f, 0.93f * R}, {face + 0.006f, 0.975f * R}, {face, R},
           {face - 0.02f, 0.995f * R}, {back, 0.995f * R}, {back, 0.96f * R}, {face - 0.03f, 0.87f * R},
           {face - 0.012f, 0.86f * R}, {face + 0.002f, 0.88f * R}},
          72, true);
    // The hub with its centre cap, standing a little proud of the spokes.
    const float hubX = f.faceX(0) + 0.006f;
    lathe(m, metal,
          {{face - 0.06f, 0.0f}, {face - 0.06f, 0.23f * R}, {hubX - 0.012f, 0.23f * R}, {hubX - 0.002f, 0.2f * R},
           {hubX, 0.12f * R}, {hubX + 0.002f, 0.0f}},
          48, true);
    const SpokeLayout l = layoutFor(w.design);
    if (w.design == "aero")  // a closed dished disc between the hub and the lip
        lathe(m, metal, {{f.faceX(0.2f) - 0.01f, 0.2f * R}, {f.faceX(0.2f), 0.2f * R}, {f.faceX(0.55f), 0.55f * R},
                         {f.faceX(0.9f), 0.9f * R}, {f.faceX(0.9f) - 0.01f, 0.9f * R}, {f.faceX(0.2f) - 0.01f, 0.2f * R}},
              60, true);
    for (int k = 0; k < l.count; ++k) {
        const float a = 2 * kPi * k / l.count;
        if (l.pairOffset > 0) {
            spoke(m, metal, f, l, a - l.pairOffset / 2);
            spoke(m, metal, f, l, a + l.pairOffset / 2);
        } else {
            spoke(m, metal, f, l, a);
        }
    }
    // A dark backing disc that the gaps between spokes look through to.
    lathe(m, "trim-black", {{-0.05f, 0.0f}, {-0.05f, R * 0.99f}}, 48);
    return m;
}

Mesh brakeMesh(const WheelSpec& w) {
    Mesh m{"brake-" + w.optionId, {}};
    const float rd = w.rimRadius * 0.8f;
    lathe(m, "brake-disc", {{0.0f, 0.05f}, {0.0f, rd}, {-0.028f, rd}, {-0.028f, 0.05f}}, 48);
    // Calliper gripping the disc towards the rear top.
    roundedBox(m, "calliper", {-0.014f, rd * 0.72f, -rd * 0.35f}, {0.035f, 0.07f, 0.1f}, 4, 10);
    return m;
}

}  // namespace render::gen
