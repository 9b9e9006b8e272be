#pragma once
// BodySurface: the car body as one exact parametric surface S(s, t), s along the car from the
// tail (0) to the nose (1), t around the cross section in radians (0 the left side, pi/2 the top,
// -pi/2 the bottom centre), from the few figures it depends on (BodyParams). The generator
// tessellates it; the mesh checker rebuilds it from the record a generated file carries and
// measures the tessellation's chord error against it. CPU only, deterministic, any thread.
#include <string>

#include "BodyStyle.h"
#include "Shapes.h"
#include "render/Math.h"

namespace render::gen {

// Bump whenever the surface's shape changes for the same parameters (style tables, section
// functions): a checker of another version reports the surface of a file as not known.
constexpr int kBodySurfaceVersion = 2;

struct BodyParams {
    std::string bodyStyle;  // "hatchback", "sedan", "suv" (anything else: hatchback)
    float length = 4.5f, width = 1.8f, height = 1.5f, wheelbase = 2.7f, clearance = 0.14f;  // metres
    float maxTyreRadius = 0.33f;  // of the model's largest tyre: the wheel openings are cut for it
};

class BodySurface {
public:
    explicit BodySurface(BodyParams params);

    Vec3 point(float s, float t) const;
    const BodyParams& params() const { return m_p; }
    const Style& style() const { return m_style; }

    float topY(float s) const { return m_p.height * m_top(s); }
    float beltY(float s) const { return m_p.height * (m_style.belt + 0.02f * (1 - s)); }
    float bottomY(float s) const;   // the sill line, without the wheel openings
    float archY(float z) const;     // the top of the wheel opening at z (0 away from the axles)
    float zAt(float s) const { return -m_p.length / 2 + s * m_p.length; }
    float shoulderY(float s) const;
    float halfWidth(float s, float y) const;
    float sectionY(float s, float t) const;
    // The section angle on the left side at which the surface reaches height y at station s.
    float sectionAngleAt(float s, float y) const;
    // How far the section is closed at the nose and tail (1: full section, 0: the tip): over the
    // last kCapLength of s at each end like the end of an ellipse (the sine of an angle whose
    // cosine runs along the car), so the surface's rate along s grows without bound at the tips.
    static constexpr float kCapLength = 0.04f;
    static float closing(float s);
    // The section's unit shape: a superellipse, boxier below the middle than above it.
    static Vec2 sectionShape(float t);
    // The section angle of the shoulder line on the left side (the right side's is pi minus it).
    static float shoulderT();

    // Whether the surface steps between stations s0 and s1 at section angle t: the wheel
    // openings' front and rear edges, where the lower half of the section jumps from the sill to
    // the arch's end (a triangle across a step is the opening's edge, not a chord of the surface).
    bool stepBetween(float s0, float s1, float t) const;

    float frontAxleZ() const { return m_frontAxleZ; }
    float rearAxleZ() const { return m_rearAxleZ; }
    float archRadius() const { return m_archRadius; }

private:
    static float softMin(float a, float b, float k) { return (a + b - std::sqrt((a - b) * (a - b) + k * k)) / 2; }
    static float shoulderFade(float s);
    float sectionMid(float s) const;
    float sectionLower(float s) const { return std::max(bottomY(s), archY(zAt(s))); }
    float shoulderRate(float s) const;
    float shoulderUnder(float s) const;

    BodyParams m_p;
    Style m_style;
    Profile m_top;
    float m_frontAxleZ = 1.3f, m_rearAxleZ = -1.4f, m_archRadius = 0.4f;
};

}  // namespace render::gen
