#include "Cabin.h"

#include <cmath>
#include <vector>

#include "Shapes.h"

namespace render::gen {

namespace {

// Rotation about +X: a positive angle turns +y towards +z.
Mat4 rotationX(float a) {
    Mat4 m;
    m.at(1, 1) = std::cos(a);
    m.at(1, 2) = -std::sin(a);
    m.at(2, 1) = std::sin(a);
    m.at(2, 2) = std::cos(a);
    return m;
}

// Appends every primitive of `part` to `into`, transformed.
void place(Mesh& into, const Mesh& part, const Mat4& transform) {
    for (const Primitive& p : part.primitives) into.primitive(p.material).append(p, transform);
}

// A front seat at (x, z) on the floor: cushion, reclined backrest with side bolsters, headrest.
void frontSeat(Mesh& m, float x, float z, float seatY) {
    constexpr float kRecline = -0.26f;  // backrest leans back
    Mesh cushion{"", {}};
    roundedBox(cushion, "interior-leather", {0, 0, 0}, {0.25f, 0.065f, 0.26f}, 5, 8);
    for (float side : {1.0f, -1.0f})
        roundedBox(cushion, "interior-leather", {side * 0.21f, 0.04f, -0.02f}, {0.06f, 0.06f, 0.23f}, 4, 6);
    place(m, cushion, Mat4::translation({x, seatY, z}) * rotationX(-0.08f));
    Mesh back{"", {}};
    roundedBox(back, "interior-leather", {0, 0.33f, 0}, {0.23f, 0.32f, 0.065f}, 5, 8);
    for (float side : {1.0f, -1.0f})
        roundedBox(back, "interior-leather", {side * 0.22f, 0.28f, 0.035f}, {0.055f, 0.26f, 0.07f}, 4, 6);
    roundedBox(back, "interior-dark", {0, 0.75f, -0.01f}, {0.13f, 0.09f, 0.055f}, 4, 6);  // headrest
    roundedBox(back, "interior-dark", {0.06f, 0.64f, -0.01f}, {0.012f, 0.05f, 0.012f}, 4, 6);  // its posts
    roundedBox(back, "interior-dark", {-0.06f, 0.64f, -0.01f}, {0.012f, 0.05f, 0.012f}, 4, 6);
    place(m, back, Mat4::translation({x, seatY + 0.02f, z - 0.26f}) * rotationX(kRecline));
}

// The steering wheel: rim, hub and three spokes, on its column, tilted towards the driver.
void steeringWheel(Mesh& m, const Vec3& centre, float columnLength) {
    Mesh w{"", {}};
    constexpr float kRadius = 0.185f, kTube = 0.017f;
    std::vector<Vec2> ring;  // the rim's round section, as a lathe about the wheel's axis (x here)
    for (int i = 0; i <= 12; ++i) {
        const float a = 2 * kPi * i / 12;
        ring.push_back({kTube * std::cos(a), kRadius + kTube * std::sin(a)});
    }
    lathe(w, "interior-dark", ring, 40);
    lathe(w, "interior-dark", {{0.03f, 0.0f}, {0.03f, 0.055f}, {-0.01f, 0.065f}, {-0.04f, 0.0f}}, 24);  // hub
    for (float angle : {kPi * 0.5f + 0.25f, -kPi * 0.5f - 0.25f, kPi}) {  // spokes left, right and down
        cappedTube(w, "interior-dark", 2, 10, [&](int i, int k) {
            const float r = i == 0 ? 0.04f : kRadius;
            const float v = 2 * kPi * k / 10;
            const Vec3 radial{0, std::cos(angle), std::sin(angle)}, tangent{0, -std::sin(angle), std::cos(angle)};
            return radial * r + tangent * (0.022f * std::cos(v)) + Vec3{0.012f * std::sin(v), 0, 0};
        });
    }
    lathe(w, "interior-dark", {{-0.03f, 0.0f}, {-0.03f, 0.025f}, {-columnLength, 0.03f}, {-columnLength, 0.0f}}, 24);  // column
    // The wheel's axis is +x in the part; turn it to face the driver (-z) and lean it back.
    place(m, w, Mat4::translation(centre) * rotationX(0.42f) * Mat4::rotationY(kPi / 2));
}

void dashboard(Mesh& m, const CabinSpec& c, float driverX) {
    const float z = c.screenBaseZ - 0.24f, y = c.beltY - 0.06f, hw = c.halfWidth * 0.97f;
    roundedBox(m, "interior-dark", {0, y, z}, {hw, 0.1f, 0.22f}, 6, 12);                     // main body
    roundedBox(m, "interior-leather", {0, y + 0.075f, z - 0.1f}, {hw * 0.98f, 0.035f, 0.12f}, 5, 12);  // upper pad
    roundedBox(m, "interior-dark", {driverX, y + 0.12f, z - 0.2f}, {0.2f, 0.05f, 0.06f}, 5, 8);  // instrument hood
    roundedBox(m, "screen", {driverX, y + 0.12f, z - 0.255f}, {0.16f, 0.04f, 0.006f}, 8, 8);
    roundedBox(m, "screen", {0, y + 0.06f, z - 0.33f}, {0.15f, 0.095f, 0.01f}, 8, 8);        // centre screen
    for (float side : {1.0f, -1.0f})                                                          // air vents
        roundedBox(m, "trim-black", {side * (hw - 0.12f), y + 0.02f, z - 0.215f}, {0.07f, 0.025f, 0.01f}, 6, 6);
    // The centre console between the front seats.
    roundedBox(m, "interior-dark", {0, c.floorY + 0.2f, z - 0.75f}, {0.11f, 0.16f, 0.45f}, 6, 12);
}

}  // namespace

Cabin buildCabin(const CabinSpec& c) {
    Cabin out{{"interior", {}}, {}};
    Mesh& m = out.mesh;
    const float hw = c.halfWidth, driverX = c.carWidth * 0.2f;
    roundedBox(m, "interior-dark", {0, c.floorY, (c.screenBaseZ + c.rearZ) / 2}, {hw, 0.03f, (c.screenBaseZ - c.rearZ) / 2}, 8, 6);
    dashboard(m, c, driverX);
    const float seatY = c.floorY + 0.28f, frontZ = c.screenBaseZ - 0.95f;
    steeringWheel(m, {driverX, c.beltY + 0.02f, c.screenBaseZ - 0.58f}, 0.3f);
    frontSeat(m, driverX, frontZ, seatY);
    frontSeat(m, -driverX, frontZ, seatY);
    // The driver's eyes: a head's depth ahead of the headrest, at headrest height.
    out.driverEye = {driverX, seatY + 0.68f, frontZ - 0.1f};
    auto bench = [&](float z, float width, float y) {
        roundedBox(m, "interior-leather", {0, y, z}, {width, 0.07f, 0.25f}, 5, 10);
        roundedBox(m, "interior-leather", {0, y + 0.33f, z - 0.27f}, {width, 0.31f, 0.07f}, 5, 10);
        for (float side : {1.0f, -0.0f, -1.0f})
            roundedBox(m, "interior-dark", {side * width * 0.62f, y + 0.72f, z - 0.29f}, {0.11f, 0.075f, 0.05f}, 4, 6);
    };
    const float rearZ = frontZ - 0.9f;
    bench(rearZ, hw * 0.95f, seatY);
    if (c.seats > 5) bench(rearZ - 0.85f, hw * 0.85f, seatY + 0.03f);
    return out;
}

}  // namespace render::gen
