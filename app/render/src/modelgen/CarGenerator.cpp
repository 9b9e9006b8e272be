#include "render/CarGenerator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "AmbientOcclusion.h"
#include "BodyShell.h"
#include "BodyStyle.h"
#include "Cabin.h"
#include "CarMaterials.h"
#include "GlbBuilder.h"
#include "Shapes.h"
#include "Wheels.h"

namespace render {

namespace {

using gen::GlbBuilder;
using gen::Mesh;
using gen::Node;
using gen::Primitive;
using gen::emitGrid;
using gen::Grid;
using gen::kPi;
using gen::makeGrid;
using gen::Profile;
using gen::roundedBox;
using gen::smoothstep;
using gen::Style;
using gen::styleFor;

using Wheelset = gen::WheelSpec;

class CarBuilder {
public:
    explicit CarBuilder(const core::Model& model) : m_model(model), m_style(styleFor(model.bodyStyle)) {
        const auto& d = model.dimensions;
        m_length = d.lengthMm / 1000.0f;
        m_width = d.widthMm / 1000.0f;
        m_height = d.heightMm / 1000.0f;
        m_wheelbase = d.wheelbaseMm / 1000.0f;
        m_track = d.trackMm / 1000.0f;
        m_clearance = d.groundClearanceMm / 1000.0f;
        for (const auto& o : model.options) {
            if (!o.wheel) continue;
            Wheelset w;
            w.optionId = o.id;
            w.design = o.wheel->design;
            const auto& t = o.wheel->tyre;
            w.rimRadius = t.rimInch * 0.0254f / 2;
            w.tyreRadius = static_cast<float>(t.diameterM()) / 2;
            w.tyreWidth = t.widthMm / 1000.0f;
            m_wheels.push_back(w);
        }
        if (m_wheels.empty()) m_wheels.push_back({"standard", "5-spoke", 0.22f, 0.33f, 0.215f});
        for (const auto& w : m_wheels) m_maxTyreRadius = std::max(m_maxTyreRadius, w.tyreRadius);
        const float frontOverhang = (m_length - m_wheelbase) * 0.47f;
        m_frontAxleZ = m_length / 2 - frontOverhang;
        m_rearAxleZ = m_frontAxleZ - m_wheelbase;
        m_archRadius = m_maxTyreRadius + 0.0165f;  // 16.5 mm over the largest tyre (see the README)
    }

    GeneratedCar build() {
        gen::addCarMaterials(m_glb);
        std::vector<int> roots;
        roots.push_back(m_glb.addNode({"body", {}, 0, m_glb.addMesh(body()), {}}));
        roots.push_back(m_glb.addNode({"glass", {}, 0, m_glb.addMesh(std::move(m_glass)), {}}));
        roots.push_back(m_glb.addNode({"roof-panel", {}, 0, m_glb.addMesh(std::move(m_roofPaint)), {}}));
        roots.push_back(m_glb.addNode({"roof-glass", {}, 0, m_glb.addMesh(std::move(m_roofGlass)), {}}));
        roots.push_back(m_glb.addNode({"lights", {}, 0, m_glb.addMesh(std::move(m_lights)), {}}));
        roots.push_back(m_glb.addNode({"mirrors", {}, 0, m_glb.addMesh(mirrors()), {}}));
        roots.push_back(m_glb.addNode({"interior", {}, 0, m_glb.addMesh(interior()), {}}));
        roots.push_back(m_glb.addNode({"driver-eye", m_driverEye, 0, -1, {}}));  // where the interior view looks from
        roots.push_back(m_glb.addNode({"underbody", {}, 0, m_glb.addMesh(underbody()), {}}));
        // Roof rails on SUVs, a rear spoiler (shown by a sporty trim) on the others.
        if (m_model.bodyStyle == "suv") roots.push_back(m_glb.addNode({"roof-rails", {}, 0, m_glb.addMesh(roofRails()), {}}));
        else roots.push_back(m_glb.addNode({"spoiler", {}, 0, m_glb.addMesh(spoiler()), {}}));
        roots.push_back(m_glb.addNode({"lidar", {}, 0, m_glb.addMesh(lidar()), {}}));
        roots.push_back(m_glb.addNode({"towbar", {}, 0, m_glb.addMesh(towbar()), {}}));
        GeneratedCar out;
        for (const auto& w : m_wheels) {
            roots.push_back(wheelset(w));
            out.wheelNodes.push_back(wheelSetNodeName(w.optionId));
        }
        m_glb.setRoots(roots);
        // Parts a trim may hide, and the glass roof (the panel roof's alternative), cast no occlusion.
        gen::bakeAmbientOcclusion(m_glb, {"roof-glass", "spoiler", "roof-rails", "lidar", "towbar"});
        out.glb = m_glb.write();
        out.triangles = m_glb.triangles();
        return out;
    }

private:
    // --- body ------------------------------------------------------------------------------
    float topY(float s) const { return m_height * m_top(s); }
    float beltY(float s) const { return m_height * (m_style.belt + 0.02f * (1 - s)); }
    // The sill line: the body's lower edge without the wheel openings (smooth along the car).
    float bottomY(float s) const {
        return m_clearance + 0.11f * std::pow(std::max(0.0f, (0.09f - s) / 0.09f), 2.0f) +
               0.09f * std::pow(std::max(0.0f, (s - 0.9f) / 0.1f), 2.0f);
    }
    // The top of the wheel opening at z (0 away from the axles): a circle around each axle.
    float archY(float z) const {
        float y = 0;
        for (float axle : {m_frontAxleZ, m_rearAxleZ}) {
            const float dz = std::fabs(z - axle);
            if (dz < m_archRadius) y = std::max(y, m_maxTyreRadius + std::sqrt(m_archRadius * m_archRadius - dz * dz));
        }
        return y;
    }
    float zAt(float s) const { return -m_length / 2 + s * m_length; }
    // The shoulder line's height: its drop under the belt, but under the body's top by at least
    // the fender drop where the bonnet or boot is low (a smooth minimum of the two).
    float shoulderY(float s) const {
        const gen::Shoulder& sh = m_style.shoulder;
        return softMin(beltY(s) - sh.drop, topY(s) - sh.fenderDrop, 0.03f);
    }
    static float softMin(float a, float b, float k) { return (a + b - std::sqrt((a - b) * (a - b) + k * k)) / 2; }
    // How much of the shoulder a station has: all of it from behind the rear wheels to in front
    // of the front ones; it has run out where the lamps begin.
    static float shoulderFade(float s) { return smoothstep(0.1f, 0.15f, s) * smoothstep(0.88f, 0.84f, s); }
    float halfWidth(float s, float y) const {
        const float plan = 1 - 0.2f * std::pow(std::max(0.0f, (std::fabs(s - 0.5f) - 0.3f) / 0.2f), 2.2f);
        const float tumble = 1 - 0.24f * smoothstep(beltY(s) - 0.05f, m_height, y);
        const float ys = shoulderY(s), plane = std::max(0.02f, beltY(s) - 0.01f - ys);
        return m_width / 2 * plan * tumble - shoulderFade(s) * gen::shoulderInset(m_style.shoulder, y - ys, plane);
    }
    // How far the section is closed at the nose and tail (1: full section, 0: the tip).
    static float closing(float s) {
        constexpr float kEnd = 0.04f;
        const float e = std::max(0.0f, (std::fabs(s - 0.5f) - (0.5f - kEnd)) / kEnd);
        if (e > 0.9999f) return 0;  // exactly closed at the tip despite rounding (no pinhole there)
        return std::sqrt(std::max(0.0f, 1 - e * e));
    }
    // The ring of the shell grid (of kRings, uniform in t) that is the shoulder line on the left
    // side (the right side's is kRings - kShoulderRing), and the section's unit height there.
    static constexpr int kRings = 128, kShoulderRing = 38;
    static float ringT(int k) { return -kPi / 2 + 2 * kPi * static_cast<float>(k) / kRings; }
    static float shoulderV() { return sectionShape(ringT(kShoulderRing)).y; }
    // Metres of height per unit of the section's height parameter from the shoulder line up to
    // the belt: small, so the rings of the grid lie close there and draw the line's turn.
    static constexpr float kShoulderRate = 0.45f;
    // The section's unit shape: a superellipse, boxier below the middle than above it.
    static Vec2 sectionShape(float t) {
        const float c = std::cos(t), s = std::sin(t), n = s < 0 ? 8.0f : 7.0f;
        const float r = std::pow(std::pow(std::fabs(c), n) + std::pow(std::fabs(s), n), -1.0f / n);
        return {c * r, s * r};
    }
    // The body surface: s along the car (0 tail, 1 nose), t around the section (0 the left side).
    // The height that splits the section into its upper and lower halves: half way between
    // sill and top, but over the wheels always a little above the opening's arch (blended
    // smoothly, so the fender keeps its shape across the opening's ends).
    // Always 50 mm or more under where the shoulder's even rate begins.
    float sectionMid(float s) const {
        const float mid = (topY(s) + bottomY(s)) / 2, z = zAt(s);
        float floor = 0;
        for (float axle : {m_frontAxleZ, m_rearAxleZ}) {
            const float w = 1 - smoothstep(m_archRadius, 1.28f * m_archRadius, std::fabs(z - axle));
            floor = std::max(floor, (m_maxTyreRadius + m_archRadius + 0.1f) * w);
        }
        constexpr float k = 0.04f;
        return softMin((mid + floor + std::sqrt((mid - floor) * (mid - floor) + k * k)) / 2,
                       shoulderY(s) - shoulderUnder(s) - 0.05f, 0.02f);
    }
    // The wheel openings: under an arch the lower half of the section ends at the arch, so the
    // side comes down to the opening and the floor of the section is its ceiling.
    float sectionLower(float s) const { return std::max(bottomY(s), archY(zAt(s))); }
    // The height of the section at station s and angle t. The unit height v runs from -1 (the
    // bottom) through 0 (the middle) to 1 (the top), and the shoulder line lies at one fixed v,
    // a ring of the grid, at every station. From the line up to just over the belt (the
    // shoulder plane) the height rises at a steady, small rate, so the grid's rings lie close
    // and evenly there; from the middle to the line, and from the plane to where the section
    // meets its unscaled upper half (mid + v (top - mid), which places the glass and roof as
    // before), monotone cubics; under the middle, the lower half's scale, blended into the
    // upper one's so that curves keep their tangent.
    float sectionY(float s, float t) const {
        const float top = topY(s), mid = sectionMid(s), lower = sectionLower(s), ys = shoulderY(s), vs = shoulderV();
        const float rate = shoulderRate(s), y1 = ys - shoulderUnder(s), v1 = vs - (ys - y1) / rate;
        const float span = top - mid, v = sectionShape(t).y, rise0 = (y1 - mid) / v1, slope0 = std::min(span, 2 * rise0);
        const float y2 = std::min(beltY(s) + 0.015f, ys + 0.4f * (top - ys)), v2 = vs + (y2 - ys) / rate;
        float v3 = std::max(v2 + 0.2f, (y2 - mid - 0.5f * span * v2) / (0.5f * span));
        float slope3 = span;
        if (v3 >= 1) {  // a low section: the cubic runs on to the top
            v3 = 1;
            slope3 = std::min(span, 2 * (top - y2) / (1 - v2));
        }
        float y;
        if (v < 0) {
            const float k = smoothstep(-0.4f, 0.0f, v);
            y = mid + v * ((mid - lower) * (1 - k) + slope0 * k);
        } else if (v < v1) {
            y = gen::hermite(mid, y1, slope0 * v1, rate * v1, v / v1);
        } else if (v < v2) {
            y = ys + rate * (v - vs);
        } else if (v < v3) {
            y = gen::hermite(y2, mid + span * v3, rate * (v3 - v2), slope3 * (v3 - v2), (v - v2) / (v3 - v2));
        } else {
            y = mid + span * v;
        }
        return mid + (y - mid) * closing(s);
    }
    // The rate of height per unit of v from a little under the shoulder line to over the belt,
    // smaller on a low section (bonnet, boot) so that every cubic stays monotone
    // (Fritsch-Carlson: end slopes at most twice the secant).
    float shoulderRate(float s) const {
        const float room = topY(s) - shoulderY(s);
        return std::min({kShoulderRate, 1.2f * room / (1 - shoulderV()), room});
    }
    // How far under the shoulder line the even rate begins: the concave band and the line's
    // turn lie within it at every station.
    float shoulderUnder(float s) const { return std::min(0.06f, 0.5f * shoulderRate(s) * shoulderV()); }
    Vec3 surface(float s, float t) const {
        s = std::clamp(s, 0.0f, 1.0f);
        const float y = sectionY(s, t);
        return {sectionShape(t).x * halfWidth(s, y) * closing(s), y, zAt(s)};
    }
    // The section angle on the left side at which the surface reaches height y at station s.
    float sectionAngleAt(float s, float y) const {
        float lo = -kPi / 2 + 1e-3f, hi = kPi / 2 - 1e-3f;
        for (int i = 0; i < 40; ++i) {
            const float m = (lo + hi) / 2;
            (sectionY(s, m) < y ? lo : hi) = m;
        }
        return (lo + hi) / 2;
    }

    // The grid's stations: denser towards the ends and over the wheel openings, with a station
    // between neighbouring openings so their stitching never shares cells.
    std::vector<float> stations(const std::vector<float>& splits) const {
        std::vector<float> s;
        constexpr int kBase = 150;
        for (int i = 0; i < kBase; ++i) s.push_back(0.5f - 0.5f * std::cos(kPi * static_cast<float>(i) / (kBase - 1)));
        for (float axle : {m_frontAxleZ, m_rearAxleZ})
            for (int i = -24; i <= 24; ++i) s.push_back((axle + m_archRadius * 1.04f * i / 24 + m_length / 2) / m_length);
        for (float v : splits) s.push_back(v);
        std::sort(s.begin(), s.end());
        std::vector<float> out;
        for (float v : s)
            if (v >= 0 && v <= 1 && (out.empty() || v - out.back() > 1e-3f)) out.push_back(v);
        out.back() = 1;
        return out;
    }

    // The grid's rings: uniform, but three times closer from a little under the shoulder line
    // to just over it and twice as close on up the plane towards the belt on each side (where
    // the side turns into the shoulder plane), and a third as close under the floor, which
    // nobody sees and which is flat.
    static std::vector<float> rings() {
        std::vector<float> out;
        auto left = [](int k) { return k <= kRings / 2 ? k : kRings - k; };  // the left side's ring at that height
        auto dense = [](int l) { return l >= kShoulderRing - 2 && l <= kShoulderRing + 3; };
        for (int k = 0; k < kRings; ++k) {
            if (left(k) < 15 && left(k) % 3 != 0) continue;  // the floor
            out.push_back(ringT(k));
            if (!dense(left(k)) || !dense(left(k + 1))) continue;
            // Thirds around the line, halves over the plane towards the belt.
            const int parts = std::min(left(k), left(k + 1)) <= kShoulderRing ? 3 : 2;
            for (int j = 1; j < parts; ++j) out.push_back(ringT(k) + (ringT(k + 1) - ringT(k)) * static_cast<float>(j) / parts);
        }
        return out;
    }
    // A window in the body side between stations s0 and s1, from the belt up to section angle tTop.
    gen::Outline sideWindow(const gen::ParamSurface& surf, float s0, float s1, float tTop, bool right) const {
        return gen::sampleOutline(surf, [=, this](float u, float w) {
            const float s = s0 + (s1 - s0) * (u + 1) / 2;
            const float tb = sectionAngleAt(s, beltY(s));
            const float t = tb + (tTop - tb) * (w + 1) / 2;
            return gen::Param{s, right ? kPi - t : t};
        }, 3.2f);
    }
    // A window or panel across the top between stations s0 and s1, within tSide of the sides.
    gen::Outline topOpening(const gen::ParamSurface& surf, float s0, float s1, float tSide, float exponent) const {
        return gen::sampleOutline(surf, [=](float u, float w) {
            return gen::Param{s0 + (s1 - s0) * (u + 1) / 2, tSide + (kPi - 2 * tSide) * (1 - w) / 2};
        }, exponent);
    }
    // A lamp between stations s0 and s1 on one side, between d0 and d1 metres under the top of
    // the body at each station: spaced evenly in height, not in the section parameter, whose
    // rate changes fast around the shoulder line (so the outline has no tight turns on the body).
    gen::Outline lamp(const gen::ParamSurface& surf, float s0, float s1, float d0, float d1, bool right) const {
        return gen::sampleOutline(surf, [=, this](float u, float w) {
            const float s = s0 + (s1 - s0) * (u + 1) / 2;
            const float t = sectionAngleAt(s, topY(s) - d0 + (d0 - d1) * (w + 1) / 2);
            return gen::Param{s, right ? kPi - t : t};
        }, 2.3f, 0.008f, 2.0f);
    }
    // The last station (searching from `from` by `step`) where the side glass is at least
    // minHeight tall between the belt and tTop.
    float glassEnd(float from, float step, float tTop, float minHeight) const {
        float s = from;
        while (s > 0.05f && s < 0.95f && sectionY(s, tTop) - beltY(s) < minHeight) s += step;
        return s;
    }

    struct Opening {
        gen::Outline outline;
        enum Kind { Glass, Headlight, Taillight, Roof } kind;
    };

    std::vector<Opening> openings(const gen::ParamSurface& surf, std::vector<float>& splits) const {
        const Style& st = m_style;
        std::vector<Opening> out;
        const float gapS = 0.075f / m_length;  // B-pillar and the like
        const float sA = glassEnd(st.sWindshield - 0.015f, -0.002f, st.tSideTop, 0.25f);
        const float sC = glassEnd(st.sRoofRear - 0.01f, 0.002f, st.tSideTop, 0.25f);
        std::vector<float> edges{sC};
        for (float p : st.pillars) {
            edges.push_back(p - gapS / 2);
            edges.push_back(p + gapS / 2);
            splits.push_back(p);
        }
        edges.push_back(sA);
        std::sort(edges.begin(), edges.end());
        for (size_t i = 0; i + 1 < edges.size(); i += 2)
            for (bool right : {false, true}) out.push_back({sideWindow(surf, edges[i], edges[i + 1], st.tSideTop, right), Opening::Glass});
        const float roof0 = st.sRoofRear + 0.02f, roof1 = st.sRoofFront - 0.02f;
        out.push_back({topOpening(surf, st.sRoofFront + 0.006f, st.sWindshield, st.tScreen, 4.5f), Opening::Glass});
        out.push_back({topOpening(surf, st.sRearGlass, st.sRoofRear - 0.006f, st.tScreen, 4.5f), Opening::Glass});
        out.push_back({topOpening(surf, roof0, roof1, st.tRoof, 5.0f), Opening::Roof});
        splits.push_back((roof1 + st.sRoofFront + 0.006f) / 2);
        splits.push_back((roof0 + st.sRoofRear - 0.006f) / 2);
        // Headlights start clear of the front wheel opening, whose end is a step in the section.
        const float headStart = std::max(0.88f, (m_frontAxleZ + 1.2f * m_archRadius + m_length / 2) / m_length);
        for (bool right : {false, true}) {
            out.push_back({lamp(surf, headStart, 0.95f, st.headlight[0], st.headlight[1], right), Opening::Headlight});
            out.push_back({lamp(surf, 0.043f, 0.1f, st.taillight[0], st.taillight[1], right), Opening::Taillight});
        }
        return out;
    }

    Mesh body() {
        const gen::ParamSurface surf([this](float s, float t) { return surface(s, t); });
        std::vector<float> splits;
        const std::vector<Opening> open = openings(surf, splits);
        gen::ShellGrid grid;
        grid.stations = stations(splits);
        grid.rings = rings();
        grid.ringCount = static_cast<int>(grid.rings.size());
        std::vector<gen::Outline> outlines;
        for (const auto& o : open) outlines.push_back(o.outline);
        Mesh mesh{"body", {}};
        gen::emitShell(surf, grid, outlines, mesh.primitive("paint"));
        Mesh glass{"glass", {}}, lights{"lights", {}}, roofPaint{"roof-panel", {}}, roofGlass{"roof-glass", {}};
        constexpr float kBand = 0.022f, kInset = 0.006f;  // black border band around glass; glass depth
        for (const auto& o : open) {
            switch (o.kind) {
            case Opening::Glass: {
                const gen::Outline inner = gen::insetOutline(surf, o.outline, kBand);
                gen::emitBand(surf, o.outline, 0, inner, -kInset, mesh.primitive("trim-black"));
                gen::emitPatch(surf, inner, -kInset, glass.primitive("glass"));
                break;
            }
            case Opening::Roof: {
                gen::emitPatch(surf, o.outline, 0, roofPaint.primitive("paint"));
                const gen::Outline inner = gen::insetOutline(surf, o.outline, kBand);
                gen::emitBand(surf, o.outline, 0, inner, -kInset, roofGlass.primitive("trim-black"));
                gen::emitPatch(surf, inner, -kInset, roofGlass.primitive("glass"));
                break;
            }
            case Opening::Headlight:
            case Opening::Taillight: {
                const char* lens = o.kind == Opening::Headlight ? "headlight" : "taillight";
                gen::emitPatch(surf, o.outline, 0, lights.primitive(lens));  // a flush lens
                break;
            }
            }
        }
        archLips(mesh.primitive(m_style.cladding ? "trim-black" : "paint"));
        m_glass = std::move(glass);
        m_lights = std::move(lights);
        m_roofPaint = std::move(roofPaint);
        m_roofGlass = std::move(roofGlass);
        return mesh;
    }

    // A rolled lip around each wheel opening on both sides, where the side meets the opening.
    void archLips(Primitive& p) {
        constexpr int kAlong = 64, kAround = 10;
        const float r = 0.011f;
        for (float axle : {m_frontAxleZ, m_rearAxleZ})
            for (float side : {1.0f, -1.0f}) {
                std::vector<std::uint32_t> ids;
                for (int i = 0; i <= kAlong; ++i) {
                    const float a = kPi * (0.04f + 0.92f * i / kAlong);
                    const float z = axle + (m_archRadius + r) * std::cos(a);  // the lip sits on the opening's edge
                    const float y = m_maxTyreRadius + (m_archRadius + r) * std::sin(a);
                    const float s = (z + m_length / 2) / m_length;
                    const float x = side * (sectionShape(sectionAngleAt(s, y + 0.02f)).x * halfWidth(s, y) * closing(s) - r * 0.6f);
                    const Vec3 c{x, y, z}, radial{0, std::sin(a), std::cos(a)};
                    for (int k = 0; k < kAround; ++k) {
                        const float b = 2 * kPi * k / kAround;
                        const Vec3 n = radial * std::cos(b) + Vec3{side, 0, 0} * std::sin(b);
                        ids.push_back(p.add(c + n * r, n, {static_cast<float>(i) / kAlong, static_cast<float>(k) / kAround}));
                    }
                }
                for (int i = 0; i < kAlong; ++i)
                    for (int k = 0; k < kAround; ++k) {
                        const auto a0 = ids[i * kAround + k], a1 = ids[i * kAround + (k + 1) % kAround];
                        const auto b0 = ids[(i + 1) * kAround + k], b1 = ids[(i + 1) * kAround + (k + 1) % kAround];
                        if (side > 0) p.quad(a0, b0, b1, a1);
                        else p.quad(a0, a1, b1, b0);
                    }
                for (int end : {0, kAlong}) {  // close both ends of the lip
                    Vec3 c{0, 0, 0};
                    for (int k = 0; k < kAround; ++k) c += p.positions[ids[end * kAround + k]];
                    const auto centre = p.add(c * (1.0f / kAround), p.normals[ids[end * kAround]], {0, 0});
                    for (int k = 0; k < kAround; ++k) p.tri(centre, ids[end * kAround + k], ids[end * kAround + (k + 1) % kAround]);
                }
            }
    }
    Mesh mirrors() {
        Mesh m{"mirrors", {}};
        const float s = m_style.sWindshield - 0.015f, z = zAt(s), y = beltY(s) + 0.07f;
        for (float side : {1.0f, -1.0f}) {
            const float x = side * (halfWidth(s, y) + 0.08f);
            roundedBox(m, "paint", {x, y, z}, {0.09f, 0.055f, 0.05f}, 4);
            roundedBox(m, "trim-black", {side * (halfWidth(s, y) + 0.02f), y - 0.02f, z + 0.01f}, {0.04f, 0.02f, 0.03f}, 4, 8);
        }
        return m;
    }

    Mesh interior() {
        gen::CabinSpec c;
        c.screenBaseZ = zAt(m_style.sWindshield);
        c.rearZ = zAt(m_style.sRearGlass);
        c.floorY = m_clearance + 0.12f;
        c.beltY = beltY(0.5f);
        c.halfWidth = halfWidth(0.5f, c.beltY) - 0.08f;
        c.carWidth = m_width;
        c.seats = m_model.seats;
        gen::Cabin cabin = gen::buildCabin(c);
        m_driverEye = cabin.driverEye;
        return std::move(cabin.mesh);
    }

    Mesh underbody() {
        // Wheel-well liners and a floor pan, so nothing shows through under the raised arches.
        Mesh m{"underbody", {}};
        // Each liner: a half tube across the car just inside the opening's arch, open downwards,
        // 12 mm thick and closed at its ends, so it has no cut edges.
        const float r = m_archRadius - 0.008f, x = m_width / 2 - 0.025f;
        constexpr int kArc = 33;
        for (float axle : {m_frontAxleZ, m_rearAxleZ})
            gen::cappedTube(m, "trim-black", 2, 2 * kArc, [&](int side, int k) {
                const int i = k < kArc ? k : 2 * kArc - 1 - k;  // along the inner arc, then back along the outer
                const float a = kPi * (-0.02f + 1.04f * i / (kArc - 1)), rr = k < kArc ? r : r + 0.012f;
                return Vec3{side ? x : -x, m_maxTyreRadius + rr * std::sin(a), axle + rr * std::cos(a)};
            });
        roundedBox(m, "trim-black", {0, m_clearance + 0.06f, (m_frontAxleZ + m_rearAxleZ) / 2},
                   {m_width / 2 - 0.12f, 0.04f, m_wheelbase / 2}, 8, 8);
        return m;
    }

    Mesh spoiler() {
        Mesh m{"spoiler", {}};
        const float s = m_model.bodyStyle == "sedan" ? 0.035f : m_style.sRoofRear - 0.03f;
        const float y = m_model.bodyStyle == "sedan" ? topY(0.05f) + 0.02f : topY(m_style.sRoofRear) + 0.005f;
        roundedBox(m, "trim-black", {0, y, zAt(s)}, {halfWidth(s, y) * 0.85f, 0.018f, 0.09f}, 6, 12);
        return m;
    }

    Mesh roofRails() {
        Mesh m{"roof-rails", {}};
        const float s0 = m_style.sRoofRear + 0.02f, s1 = m_style.sRoofFront - 0.03f;
        const float y = topY(0.4f) + 0.03f;
        for (float side : {1.0f, -1.0f})
            roundedBox(m, "rim-dark", {side * halfWidth(0.4f, y) * 0.72f, y, (zAt(s0) + zAt(s1)) / 2},
                       {0.022f, 0.025f, (zAt(s1) - zAt(s0)) / 2}, 6, 12);
        return m;
    }

    Mesh lidar() {
        Mesh m{"lidar", {}};
        const float s = m_style.sRoofFront - 0.015f;
        roundedBox(m, "trim-black", {0, topY(s) + 0.03f, zAt(s)}, {0.09f, 0.035f, 0.06f}, 4, 10);
        return m;
    }

    Mesh towbar() {
        Mesh m{"towbar", {}};
        const float z = -m_length / 2 - 0.02f, y = bottomY(0.02f) + 0.02f;
        roundedBox(m, "rim-dark", {0, y, z}, {0.025f, 0.025f, 0.08f}, 4, 8);
        roundedBox(m, "rim-dark", {0, y + 0.06f, z - 0.08f}, {0.03f, 0.03f, 0.03f}, 2, 8);
        return m;
    }

    // --- wheels ----------------------------------------------------------------------------
    int wheelset(const Wheelset& w) {
        const int tyreMesh = m_glb.addMesh(gen::tyreMesh(w));
        const int rimMesh = m_glb.addMesh(gen::rimMesh(w));
        const int brakeMesh = m_glb.addMesh(gen::brakeMesh(w));
        Node group{wheelSetNodeName(w.optionId), {}, 0, -1, {}};
        struct Corner { const char* name; float side; float z; };
        const Corner corners[] = {{"fl", 1, m_frontAxleZ}, {"fr", -1, m_frontAxleZ}, {"rl", 1, m_rearAxleZ}, {"rr", -1, m_rearAxleZ}};
        for (const auto& c : corners) {
            Node wheel{"wheel-" + std::string(c.name) + "-" + w.optionId, {c.side * m_track / 2, w.tyreRadius, c.z},
                       c.side > 0 ? 0.0f : kPi, -1, {}};
            const std::string suffix = std::string(c.name) + "-" + w.optionId;
            wheel.children.push_back(m_glb.addNode({"tyre-" + suffix, {}, 0, tyreMesh, {}}));
            wheel.children.push_back(m_glb.addNode({"rim-" + suffix, {}, 0, rimMesh, {}}));
            wheel.children.push_back(m_glb.addNode({"brake-" + suffix, {}, 0, brakeMesh, {}}));
            group.children.push_back(m_glb.addNode(std::move(wheel)));
        }
        return m_glb.addNode(std::move(group));
    }

    const core::Model& m_model;
    Style m_style;
    Profile m_top{m_style.top};
    float m_length = 4.5f, m_width = 1.8f, m_height = 1.5f, m_wheelbase = 2.7f, m_track = 1.55f, m_clearance = 0.14f;
    float m_frontAxleZ = 1.3f, m_rearAxleZ = -1.4f, m_archRadius = 0.4f, m_maxTyreRadius = 0.3f;
    std::vector<Wheelset> m_wheels;
    Mesh m_glass, m_lights, m_roofPaint, m_roofGlass;
    Vec3 m_driverEye{0.35f, 1.1f, 0.0f};  // set by interior()
    GlbBuilder m_glb;
};

}  // namespace

std::string wheelSetNodeName(const std::string& optionId) { return "wheels-" + optionId; }

GeneratedCar generateCar(const core::Model& model) { return CarBuilder(model).build(); }

}  // namespace render
