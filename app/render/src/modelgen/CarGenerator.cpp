#include "render/CarGenerator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "AmbientOcclusion.h"
#include "BodyShell.h"
#include "BodyStyle.h"
#include "BodySurface.h"
#include "Cabin.h"
#include "CarMaterials.h"
#include "ChordRefine.h"
#include "GlbBuilder.h"
#include "Shapes.h"
#include "SurfaceRecord.h"
#include "Tessellation.h"
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
using gen::roundedBox;
using gen::smoothstep;
using gen::Style;
using gen::styleFor;

using Wheelset = gen::WheelSpec;

class CarBuilder {
public:
    CarBuilder(const core::Model& model, const GeneratorOptions& options) : m_model(model), m_style(styleFor(model.bodyStyle)) {
        m_targetM = options.bodyToleranceMm / 1000;
        m_tolerance.tolM = m_targetM;
        m_tolerance.maxEdgeM = options.bodyMaxEdgeMm / 1000;
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
        m_body = gen::BodySurface({model.bodyStyle, m_length, m_width, m_height, m_wheelbase, m_clearance, m_maxTyreRadius});
        m_frontAxleZ = m_body.frontAxleZ();
        m_rearAxleZ = m_body.rearAxleZ();
        m_archRadius = m_body.archRadius();
    }

    GeneratedCar build() {
        gen::addCarMaterials(m_glb);
        std::vector<int> roots;
        roots.push_back(m_glb.addNode({"body", {}, 0, m_glb.addMesh(body()), {}}));
        Mesh cabin = interior();  // its headliner goes with the roof panel
        roots.push_back(m_glb.addNode({"glass", {}, 0, m_glb.addMesh(std::move(m_glass)), {}}));
        roots.push_back(m_glb.addNode({"roof-panel", {}, 0, m_glb.addMesh(std::move(m_roofPaint)), {}}));
        roots.push_back(m_glb.addNode({"roof-glass", {}, 0, m_glb.addMesh(std::move(m_roofGlass)), {}}));
        roots.push_back(m_glb.addNode({"lights", {}, 0, m_glb.addMesh(std::move(m_lights)), {}}));
        roots.push_back(m_glb.addNode({"mirrors", {}, 0, m_glb.addMesh(mirrors()), {}}));
        roots.push_back(m_glb.addNode({"interior", {}, 0, m_glb.addMesh(std::move(cabin)), {}}));
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
        m_glb.setAssetExtras(gen::surfaceRecord(m_body, "software-gl"));
        // Parts a trim may hide, and the glass roof (the panel roof's alternative), cast no occlusion.
        gen::bakeAmbientOcclusion(m_glb, {"roof-glass", "spoiler", "roof-rails", "lidar", "towbar"});
        out.glb = m_glb.write();
        out.triangles = m_glb.triangles();
        return out;
    }

private:
    // --- body ---------------------------------------------------------------------------------
    // The surface itself (BodySurface), and its figures the parts around it are placed by.
    float topY(float s) const { return m_body.topY(s); }
    float beltY(float s) const { return m_body.beltY(s); }
    float bottomY(float s) const { return m_body.bottomY(s); }
    float zAt(float s) const { return m_body.zAt(s); }
    float halfWidth(float s, float y) const { return m_body.halfWidth(s, y); }
    float sectionY(float s, float t) const { return m_body.sectionY(s, t); }
    float sectionAngleAt(float s, float y) const { return m_body.sectionAngleAt(s, y); }
    static float closing(float s) { return gen::BodySurface::closing(s); }
    static Vec2 sectionShape(float t) { return gen::BodySurface::sectionShape(t); }
    Vec3 surface(float s, float t) const { return m_body.point(s, t); }

    // The grid's stations: placed by the curvature along the body (Tessellation.h), denser over
    // the wheel openings, with a station
    // between neighbouring openings so their stitching never shares cells.
    std::vector<float> stations(const std::vector<float>& splits) const {
        std::vector<float> s;
        s = gen::adaptiveStations(m_body, m_tolerance);
        // The tail and the nose close within 4 % of the length like the end of an ellipse (the
        // section's scale is the sine of an angle whose cosine runs along the car): stations at
        // equal steps of that angle draw the rounded end, whose curvature no sampling along s sees.
        constexpr int kCap = 8;
        constexpr int kArchSteps = 16;  // stations each side of an axle: the opening's edge between them
        for (int i = 1; i < kCap; ++i) {
            const float e = std::cos(kPi / 2 * static_cast<float>(i) / kCap) * 0.04f;
            s.push_back(0.04f - e);
            s.push_back(0.96f + e);
        }
        for (float axle : {m_frontAxleZ, m_rearAxleZ})
            for (int i = -kArchSteps; i <= kArchSteps; ++i)
                s.push_back((axle + m_archRadius * 1.04f * static_cast<float>(i) / kArchSteps + m_length / 2) / m_length);
        for (float v : splits) s.push_back(v);
        std::sort(s.begin(), s.end());
        std::vector<float> out;
        for (float v : s)
            if (v >= 0 && v <= 1 && (out.empty() || v - out.back() > (v < 0.04f || v > 0.96f ? 1e-6f : 1e-3f))) out.push_back(v);
        out.back() = 1;
        return out;
    }

    // The grid's rings: placed by the section's curvature (Tessellation.h), the shoulder line's
    // ring on each side.
    std::vector<float> rings() const { return gen::adaptiveRings(m_body, m_tolerance); }
    // An opening's outline with the style's exponent, rounder (a smaller exponent) where its
    // corners would otherwise turn tighter than 20 mm on the body: a low or short car's windows
    // are smaller, and a tight corner's boundary no longer fits a smooth curve within 0.5 mm.
    static gen::Outline roundedOutline(const gen::ParamSurface& surf, const std::function<gen::Param(float, float)>& map,
                                       float exponent) {
        constexpr float kMinCornerM = 0.020f;
        gen::Outline o = gen::sampleOutline(surf, map, exponent);
        while (exponent > 2.3f && gen::minTurnRadius(surf, o) < kMinCornerM) {
            exponent = std::max(2.3f, exponent - 0.25f);
            o = gen::sampleOutline(surf, map, exponent);
        }
        return o;
    }
    // A window in the body side between stations s0 and s1, from the belt up to section angle tTop.
    gen::Outline sideWindow(const gen::ParamSurface& surf, float s0, float s1, float tTop, bool right) const {
        return roundedOutline(surf, [=, this](float u, float w) {
            const float s = s0 + (s1 - s0) * (u + 1) / 2;
            const float tb = sectionAngleAt(s, beltY(s));
            const float t = tb + (tTop - tb) * (w + 1) / 2;
            return gen::Param{s, right ? kPi - t : t};
        }, 3.2f);
    }
    // A window or panel across the top between stations s0 and s1, within tSide of the sides.
    gen::Outline topOpening(const gen::ParamSurface& surf, float s0, float s1, float tSide, float exponent) const {
        return roundedOutline(surf, [=](float u, float w) {
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
        // On a long, low car the rear window's side edges run into the roof's long rear bend (a
        // sedan 10 % longer and 5 % lower was 0.55 mm off a smooth fit there): the window ends up
        // to 1 % of the length further from the roof.
        const float slender = m_length / m_height, rearGap = 0.006f + 0.01f * std::clamp((slender - 3.5f) / 0.3f, 0.0f, 1.0f);
        out.push_back({topOpening(surf, st.sRearGlass, st.sRoofRear - rearGap, st.tScreen, 4.5f), Opening::Glass});
        out.push_back({topOpening(surf, roof0, roof1, st.tRoof, 5.0f), Opening::Roof});
        splits.push_back((roof1 + st.sRoofFront + 0.006f) / 2);
        splits.push_back((roof0 + st.sRoofRear - rearGap) / 2);
        // Headlights start clear of the front wheel opening, whose end is a step in the section,
        // but are at least 80 mm long: on a short front overhang the lamp reaches back over the
        // opening's end (it sits high, under the bonnet's edge, where the step has run out).
        const float headStart = std::min(std::max(0.88f, (m_frontAxleZ + 1.2f * m_archRadius + m_length / 2) / m_length),
                                         0.95f - 0.08f / m_length);
        // Taillights start 180 mm in front of the tail (on a short car the tail's turn from the
        // hatch's slope into the back is tighter, which a lamp's upper edge follows).
        const float tailStart = std::max(0.043f, 0.18f / m_length);
        // A station between each lamp and the side glass nearest it, so their cells never meet.
        if (sC > 0.1f) splits.push_back((0.1f + sC) / 2);
        if (sA < headStart) splits.push_back((sA + headStart) / 2);
        for (bool right : {false, true}) {
            out.push_back({lamp(surf, headStart, 0.95f, st.headlight[0], st.headlight[1], right), Opening::Headlight});
            out.push_back({lamp(surf, tailStart, 0.1f, st.taillight[0], st.taillight[1], right), Opening::Taillight});
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
        for (const auto& o : open) {
            outlines.push_back(o.outline);
            if (o.kind == Opening::Glass) m_cabinGlass.push_back(o.outline);
            if (o.kind == Opening::Roof) m_cabinRoof = o.outline;
        }
        const gen::SurfaceProjector proj(m_body);
        Mesh mesh{"body", {}};
        gen::emitShell(surf, grid, outlines, mesh.primitive("paint"));
        // The grid places its lines by curvature at the target's sagitta; where a cell's triangles
        // are still over the target (a diagonal's error is about the sum of the two directions',
        // the caps at nose and tail), they are refined locally (ChordRefine.h).
        gen::refineShell(surf, proj, mesh.primitive("paint"), m_targetM);
        mesh.primitive("paint").surface = Primitive::SurfaceTag{0, mesh.primitive("paint").positions.size()};
        Mesh glass{"glass", {}}, lights{"lights", {}}, roofPaint{"roof-panel", {}}, roofGlass{"roof-glass", {}};
        constexpr float kBand = 0.022f, kInset = 0.006f;  // black border band around glass; glass depth
        for (const auto& o : open) {
            switch (o.kind) {
            case Opening::Glass: {
                // The band is narrower in a small window, so that its inner edge's corners keep a
                // radius of at least 12 mm (a 22 mm band in a small rear quarter window turned 10
                // degrees per edge there).
                const float band = std::clamp(gen::minTurnRadius(surf, o.outline) - 0.012f, 0.014f, kBand);
                const gen::Outline inner = gen::insetOutline(surf, o.outline, band);
                gen::emitBand(surf, o.outline, 0, inner, -kInset, mesh.primitive("trim-black"));
                gen::emitPatchWithin(surf, proj, inner, -kInset, glass.primitive("glass"), m_targetM);
                break;
            }
            case Opening::Roof: {
                gen::emitPatchWithin(surf, proj, o.outline, 0, roofPaint.primitive("paint"), m_targetM);
                const gen::Outline inner = gen::insetOutline(surf, o.outline, kBand);
                gen::emitBand(surf, o.outline, 0, inner, -kInset, roofGlass.primitive("trim-black"));
                gen::emitPatchWithin(surf, proj, inner, -kInset, roofGlass.primitive("glass"), m_targetM);
                break;
            }
            case Opening::Headlight:
            case Opening::Taillight: {
                const char* lens = o.kind == Opening::Headlight ? "headlight" : "taillight";
                gen::emitPatchWithin(surf, proj, o.outline, 0, lights.primitive(lens), m_targetM);  // a flush lens
                break;
            }
            }
        }
        // Panes, lenses and the roof panel lie wholly on the surface (the panes inset along its normal).
        for (Mesh* m : {&glass, &lights, &roofPaint, &roofGlass})
            for (Primitive& p : m->primitives)
                if (p.material != "trim-black") p.surface = Primitive::SurfaceTag{p.material == "glass" ? -kInset : 0, p.positions.size()};
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
                        // Half a step round, so that no facet of the lip lies flat on the wheel
                        // well's ceiling, which it touches (coplanar triangles flicker as dark dots).
                        const float b = 2 * kPi * (static_cast<float>(k) + 0.5f) / kAround;
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
        c.body = [this](float s, float t) { return surface(s, t); };
        c.glassOpenings = m_cabinGlass;
        c.roofOpening = m_cabinRoof;
        c.sRear = std::max(0.05f, m_style.sRearGlass);
        c.sFront = m_style.sWindshield;
        gen::Cabin cabin = gen::buildCabin(c);
        m_driverEye = cabin.driverEye;
        for (gen::Primitive& p : cabin.headliner.primitives) m_roofPaint.primitive(p.material).append(p, Mat4{});
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
    gen::BodySurface m_body{gen::BodyParams{}};
    float m_targetM = 0.0013f;  // the chord error every part on the body surface aims at
    gen::ChordTolerance m_tolerance;
    float m_length = 4.5f, m_width = 1.8f, m_height = 1.5f, m_wheelbase = 2.7f, m_track = 1.55f, m_clearance = 0.14f;
    float m_frontAxleZ = 1.3f, m_rearAxleZ = -1.4f, m_archRadius = 0.4f, m_maxTyreRadius = 0.3f;
    std::vector<Wheelset> m_wheels;
    Mesh m_glass, m_lights, m_roofPaint, m_roofGlass;
    Vec3 m_driverEye{0.35f, 1.1f, 0.0f};  // set by interior()
    std::vector<gen::Outline> m_cabinGlass;  // the glass openings and the roof panel's, for the cabin's lining
    gen::Outline m_cabinRoof;
    GlbBuilder m_glb;
};

}  // namespace

std::string wheelSetNodeName(const std::string& optionId) { return "wheels-" + optionId; }

GeneratedCar generateCar(const core::Model& model, const GeneratorOptions& options) { return CarBuilder(model, options).build(); }

}  // namespace render
