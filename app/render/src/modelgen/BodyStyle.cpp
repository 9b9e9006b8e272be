#include "BodyStyle.h"

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

}  // namespace render::gen
