#pragma once
// BodyStyle: per body style (hatchback, sedan, SUV) the side profile, belt, pillar stations and
// the section angles of the openings, as fractions of the catalog's dimensions. CPU only.
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace render::gen {

// The shoulder: the character line along the body side under the belt, where the side turns
// into an inward-sloping shoulder plane that runs up to the belt, with a shallow concave band
// under the line. Where the bonnet or boot is lower than the belt, the line runs under the
// body's top instead, as the crease between fender and bonnet. Lengths in metres.
struct Shoulder {
    float drop = 0.065f;        // the line under the belt
    float fenderDrop = 0.035f;  // ... and at least this far under the body's top
    float slope = 0.75f;        // the shoulder plane's inward slope over its height (tan of its angle)
    float radius = 0.012f;      // how soft the line is (the turn takes about four radii)
    float grooveDepth = 0.004f, grooveWidth = 0.015f, grooveOffset = 0.03f;  // the concave band
};

// Body shape: side profiles (as fractions of height over s = 0 rear .. 1 front).
struct Style {
    std::vector<std::pair<float, float>> top;
    float belt = 0.62f;               // beltline as a fraction of height
    float sRearGlass = 0.06f, sRoofRear = 0.15f, sRoofFront = 0.58f, sWindshield = 0.70f;
    std::vector<float> pillars;       // extra side pillars (s), besides A and C
    bool cladding = false;            // black wheel-arch lips (SUV)
    // Section angles (radians from the side, pi/2 is the top): the side glass's upper edge, the
    // windscreen's and rear window's side edges, the roof panel's side edges.
    float tSideTop = 0.66f, tScreen = 0.84f, tRoof = 0.94f;
    // Lamps between these depths (m) under the top of the body.
    std::array<float, 2> headlight{0.135f, 0.065f}, taillight{0.17f, 0.1f};
    Shoulder shoulder;
};

// The style for a catalog body style; anything unknown is a hatchback.
Style styleFor(const std::string& bodyStyle);

// How far the body side is drawn in (m) at height d above the shoulder line, where the shoulder
// plane is `planeHeight` tall: 0 well under the line (but for the concave band), the plane's
// slope times the height above it, constant above the plane. Smooth (C-infinity) everywhere.
float shoulderInset(const Shoulder& sh, float d, float planeHeight);

// Cubic Hermite between p0 and p1 with end tangents m0 and m1 (per unit of u), u in [0, 1].
float hermite(float p0, float p1, float m0, float m1, float u);

}  // namespace render::gen
