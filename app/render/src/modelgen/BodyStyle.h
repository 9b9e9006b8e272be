#pragma once
// BodyStyle: per body style (hatchback, sedan, SUV) the side profile, belt, pillar stations and
// the section angles of the openings, as fractions of the catalog's dimensions. CPU only.
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace render::gen {

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
    std::array<float, 2> headlight{0.115f, 0.06f}, taillight{0.17f, 0.1f};
};

// The style for a catalog body style; anything unknown is a hatchback.
Style styleFor(const std::string& bodyStyle);

}  // namespace render::gen
