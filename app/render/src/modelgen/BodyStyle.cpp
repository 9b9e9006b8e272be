#include "BodyStyle.h"

#include <cmath>

namespace render::gen {

Style styleFor(const std::string& bodyStyle) {
    Style s;
    if (bodyStyle == "sedan") {
        s.top = {{0.0f, 0.54f}, {0.03f, 0.665f}, {0.13f, 0.70f}, {0.22f, 0.78f}, {0.36f, 0.985f}, {0.50f, 1.0f},
                 {0.60f, 0.965f}, {0.73f, 0.69f}, {0.84f, 0.625f}, {0.95f, 0.57f}, {1.0f, 0.43f}};
        s.belt = 0.655f;
        s.sRearGlass = 0.22f;
        s.sRoofRear = 0.36f;
        s.sRoofFront = 0.60f;
        s.sWindshield = 0.73f;
        s.pillars = {0.485f};
        s.taillight = {0.16f, 0.09f};
        s.shoulder.drop = 0.06f;  // a crisper line close under the belt
        s.shoulder.radius = 0.011f;
    } else if (bodyStyle == "suv") {
        s.top = {{0.0f, 0.60f}, {0.015f, 0.84f}, {0.05f, 0.95f}, {0.12f, 0.99f}, {0.50f, 1.0f}, {0.62f, 0.975f},
                 {0.73f, 0.76f}, {0.83f, 0.70f}, {0.95f, 0.645f}, {1.0f, 0.50f}};
        s.belt = 0.65f;
        s.sRearGlass = 0.05f;
        s.sRoofRear = 0.12f;
        s.sRoofFront = 0.62f;
        s.sWindshield = 0.73f;
        s.pillars = {0.46f, 0.22f};
        s.cladding = true;
        s.shoulder.drop = 0.08f;  // a taller, flatter shoulder over the taller side
        s.shoulder.slope = 0.65f;
        s.shoulder.radius = 0.015f;
    } else {  // hatchback
        s.top = {{0.0f, 0.56f}, {0.02f, 0.78f}, {0.07f, 0.93f}, {0.16f, 0.99f}, {0.45f, 1.0f}, {0.58f, 0.965f},
                 {0.71f, 0.69f}, {0.82f, 0.625f}, {0.94f, 0.565f}, {1.0f, 0.43f}};
        s.belt = 0.65f;
        s.sRearGlass = 0.07f;
        s.sRoofRear = 0.16f;
        s.sRoofFront = 0.58f;
        s.sWindshield = 0.71f;
        s.pillars = {0.43f};
    }
    return s;
}

namespace {

// log(1 + e^(x / r)) r: 0 far below 0, x far above, turning over about four r.
float softplus(float x, float r) {
    const float z = x / r;
    return z > 20 ? x : r * std::log1p(std::exp(z));
}

}  // namespace

float shoulderInset(const Shoulder& sh, float d, float planeHeight) {
    // The plane: the slope from the line up to the plane's top, both turns soft (the top one,
    // under the belt, softer).
    const float plane = sh.slope * (softplus(d, sh.radius) - softplus(d - planeHeight, 2 * sh.radius));
    const float g = (d + sh.grooveOffset) / sh.grooveWidth;
    return plane + sh.grooveDepth * std::exp(-g * g);
}

float hermite(float p0, float p1, float m0, float m1, float u) {
    const float u2 = u * u, u3 = u2 * u;
    return (2 * u3 - 3 * u2 + 1) * p0 + (u3 - 2 * u2 + u) * m0 + (-2 * u3 + 3 * u2) * p1 + (u3 - u2) * m1;
}

}  // namespace render::gen
