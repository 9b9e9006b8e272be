#include "render/CarGenerator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "BodyShell.h"
#include "GlbBuilder.h"

namespace render {

namespace {

using gen::GlbBuilder;
using gen::Mesh;
using gen::Node;
using gen::Primitive;
using nlohmann::json;

constexpr float kPi = 3.14159265358979f;

float smoothstep(float a, float b, float x) {
    const float t = std::clamp((x - a) / (b - a), 0.0f, 1.0f);
    return t * t * (3 - 2 * t);
}
float spow(float v, float e) { return std::copysign(std::pow(std::fabs(v), e), v); }

// Monotone cubic interpolation (Fritsch-Carlson) through (x, y) points: smooth profiles without
// overshoot, so a roof never bulges above its control points.
class Profile {
public:
    explicit Profile(std::vector<std::pair<float, float>> pts) : m_p(std::move(pts)) {
        const size_t n = m_p.size();
        std::vector<float> d(n - 1);
        m_m.assign(n, 0);
        for (size_t i = 0; i + 1 < n; ++i) d[i] = (m_p[i + 1].second - m_p[i].second) / (m_p[i + 1].first - m_p[i].first);
        m_m[0] = d[0];
        m_m[n - 1] = d[n - 2];
        for (size_t i = 1; i + 1 < n; ++i) m_m[i] = (d[i - 1] * d[i] <= 0) ? 0 : (d[i - 1] + d[i]) / 2;
        for (size_t i = 0; i + 1 < n; ++i) {
            if (d[i] == 0) {
                m_m[i] = m_m[i + 1] = 0;
                continue;
            }
            const float a = m_m[i] / d[i], b = m_m[i + 1] / d[i];
            const float s = a * a + b * b;
            if (s > 9) {
                const float t = 3 / std::sqrt(s);
                m_m[i] = t * a * d[i];
                m_m[i + 1] = t * b * d[i];
            }
        }
    }
    float operator()(float x) const {
        if (x <= m_p.front().first) return m_p.front().second;
        if (x >= m_p.back().first) return m_p.back().second;
        size_t i = 0;
        while (m_p[i + 1].first < x) ++i;
        const float h = m_p[i + 1].first - m_p[i].first, t = (x - m_p[i].first) / h;
        const float t2 = t * t, t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * m_p[i].second + (t3 - 2 * t2 + t) * h * m_m[i] + (-2 * t3 + 3 * t2) * m_p[i + 1].second +
               (t3 - t2) * h * m_m[i + 1];
    }

private:
    std::vector<std::pair<float, float>> m_p;
    std::vector<float> m_m;
};

// A rows x cols grid of points with smooth (area-weighted) normals; columns may wrap around.
struct Grid {
    int rows = 0, cols = 0;
    bool wrap = false;
    std::vector<Vec3> p, n;
    std::vector<Vec2> uv;
    const Vec3& at(int r, int c) const { return p[r * cols + c]; }
    int colNext(int c) const { return wrap ? (c + 1) % cols : c + 1; }
    int quadCols() const { return wrap ? cols : cols - 1; }
};

Grid makeGrid(int rows, int cols, bool wrap, const std::function<Vec3(int, int)>& f) {
    Grid g;
    g.rows = rows;
    g.cols = cols;
    g.wrap = wrap;
    g.p.resize(rows * cols);
    g.n.assign(rows * cols, {0, 0, 0});
    g.uv.resize(rows * cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            g.p[r * cols + c] = f(r, c);
            g.uv[r * cols + c] = {static_cast<float>(r) / (rows - 1), static_cast<float>(c) / cols};
        }
    for (int r = 0; r + 1 < rows; ++r)
        for (int c = 0; c < g.quadCols(); ++c) {
            const int a = r * cols + c, b = (r + 1) * cols + c, cc = (r + 1) * cols + g.colNext(c), d = r * cols + g.colNext(c);
            const Vec3 n1 = cross(g.p[b] - g.p[a], g.p[cc] - g.p[a]);
            const Vec3 n2 = cross(g.p[cc] - g.p[a], g.p[d] - g.p[a]);
            for (int i : {a, b, cc}) g.n[i] += n1;
            for (int i : {a, cc, d}) g.n[i] += n2;
        }
    for (auto& v : g.n) v = normalize(v);
    return g;
}

// Emits the grid's quads into the primitive `pick` chooses for each (row, col) quad; nullptr skips it.
void emitGrid(const Grid& g, Mesh& mesh, const std::function<const char*(int, int)>& pick, bool flip = false) {
    std::map<std::pair<std::string, int>, std::uint32_t> remap;
    for (int r = 0; r + 1 < g.rows; ++r)
        for (int c = 0; c < g.quadCols(); ++c) {
            const char* material = pick(r, c);
            if (!material) continue;
            Primitive& prim = mesh.primitive(material);
            auto vertex = [&](int i) {
                auto key = std::make_pair(std::string(material), i);
                auto it = remap.find(key);
                if (it != remap.end()) return it->second;
                const std::uint32_t v = prim.add(g.p[i], flip ? -g.n[i] : g.n[i], g.uv[i]);
                remap[key] = v;
                return v;
            };
            const std::uint32_t a = vertex(r * g.cols + c), b = vertex((r + 1) * g.cols + c);
            const std::uint32_t cc = vertex((r + 1) * g.cols + g.colNext(c)), d = vertex(r * g.cols + g.colNext(c));
            if (flip) prim.quad(a, d, cc, b);
            else prim.quad(a, b, cc, d);
        }
}

// A superellipsoid ("rounded box") centred at `c` with half extents `h`; exponent 2 is an
// ellipsoid, larger is boxier.
void roundedBox(Mesh& mesh, const char* material, const Vec3& c, const Vec3& h, float exponent = 6, int res = 14) {
    const float e = 2.0f / exponent;
    Grid g = makeGrid(res + 1, res * 2, true, [&](int r, int k) {
        const float v = -kPi / 2 + kPi * r / res, u = 2 * kPi * k / (res * 2);
        const float cv = spow(std::cos(v), e), sv = spow(std::sin(v), e);
        return Vec3{c.x + h.x * cv * spow(std::cos(u), e), c.y + h.y * sv, c.z + h.z * cv * spow(std::sin(u), e)};
    });
    emitGrid(g, mesh, [&](int, int) { return material; });
}

// A solid of revolution about the X axis: profile points (x, radius), closed around.
void lathe(Mesh& mesh, const char* material, const std::vector<Vec2>& profile, int segments, bool flip = false) {
    Grid g = makeGrid(static_cast<int>(profile.size()), segments, true, [&](int r, int k) {
        const float a = 2 * kPi * k / segments;
        return Vec3{profile[r].x, profile[r].y * std::cos(a), profile[r].y * std::sin(a)};
    });
    emitGrid(g, mesh, [&](int, int) { return material; }, flip);
}

json pbr(float r, float g, float b, float metallic, float roughness) {
    return {{"pbrMetallicRoughness", {{"baseColorFactor", {r, g, b, 1.0}}, {"metallicFactor", metallic}, {"roughnessFactor", roughness}}}};
}

// ---------------------------------------------------------------------------------------------
// Body shape: side profiles (as fractions of height over s = 0 rear .. 1 front) per body style.
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

struct Wheelset {
    std::string optionId;
    std::string design;
    float rimRadius = 0.24f, tyreRadius = 0.35f, tyreWidth = 0.235f;
};

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
        m_archRadius = m_maxTyreRadius + 0.0165f;  // 16.5 mm over the largest tyre
    }

    GeneratedCar build() {
        addMaterials();
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
        out.glb = m_glb.write();
        out.triangles = m_glb.triangles();
        return out;
    }

private:
    void addMaterials() {
        json paint = pbr(0.86f, 0.87f, 0.87f, 0.0f, 0.35f);
        paint["extensions"]["KHR_materials_clearcoat"] = {{"clearcoatFactor", 1.0}, {"clearcoatRoughnessFactor", 0.03}};
        paint["doubleSided"] = true;
        m_glb.addMaterial("paint", paint);
        json glass = pbr(0.02f, 0.025f, 0.03f, 0.0f, 0.04f);
        glass["pbrMetallicRoughness"]["baseColorFactor"][3] = 0.45;
        glass["alphaMode"] = "BLEND";
        glass["doubleSided"] = true;
        m_glb.addMaterial("glass", glass);
        json trim = pbr(0.025f, 0.025f, 0.027f, 0.0f, 0.45f);
        trim["doubleSided"] = true;
        m_glb.addMaterial("trim-black", trim);
        json head = pbr(0.9f, 0.9f, 0.9f, 0.0f, 0.1f);
        head["emissiveFactor"] = {1.0, 0.98, 0.95};
        head["extensions"]["KHR_materials_emissive_strength"] = {{"emissiveStrength", 4.0}};
        m_glb.addMaterial("headlight", head);
        json tail = pbr(0.35f, 0.0f, 0.0f, 0.0f, 0.15f);
        tail["emissiveFactor"] = {1.0, 0.02, 0.01};
        tail["extensions"]["KHR_materials_emissive_strength"] = {{"emissiveStrength", 3.0}};
        m_glb.addMaterial("taillight", tail);
        m_glb.addMaterial("tyre", pbr(0.03f, 0.03f, 0.032f, 0.0f, 0.85f));
        m_glb.addMaterial("rim-silver", pbr(0.80f, 0.81f, 0.82f, 1.0f, 0.22f));
        m_glb.addMaterial("rim-dark", pbr(0.16f, 0.165f, 0.17f, 1.0f, 0.3f));
        m_glb.addMaterial("brake-disc", pbr(0.45f, 0.45f, 0.45f, 1.0f, 0.5f));
        m_glb.addMaterial("calliper", pbr(0.62f, 0.04f, 0.03f, 0.0f, 0.35f));
        json leather = pbr(0.05f, 0.05f, 0.05f, 0.0f, 0.55f);
        m_glb.addMaterial("interior-leather", leather);
        m_glb.addMaterial("interior-dark", pbr(0.02f, 0.02f, 0.022f, 0.0f, 0.7f));
        json screen = pbr(0.01f, 0.01f, 0.012f, 0.0f, 0.1f);
        screen["emissiveFactor"] = {0.08, 0.16, 0.3};
        m_glb.addMaterial("screen", screen);
    }

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
    float halfWidth(float s, float y) const {
        const float plan = 1 - 0.2f * std::pow(std::max(0.0f, (std::fabs(s - 0.5f) - 0.3f) / 0.2f), 2.2f);
        const float tumble = 1 - 0.24f * smoothstep(beltY(s) - 0.05f, m_height, y);
        return m_width / 2 * plan * tumble;
    }
    // How far the section is closed at the nose and tail (1: full section, 0: the tip).
    static float closing(float s) {
        constexpr float kEnd = 0.04f;
        const float e = std::max(0.0f, (std::fabs(s - 0.5f) - (0.5f - kEnd)) / kEnd);
        return std::sqrt(std::max(0.0f, 1 - e * e));
    }
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
    float sectionMid(float s) const {
        const float mid = (topY(s) + bottomY(s)) / 2, z = zAt(s);
        float floor = 0;
        for (float axle : {m_frontAxleZ, m_rearAxleZ}) {
            const float w = 1 - smoothstep(m_archRadius, 1.28f * m_archRadius, std::fabs(z - axle));
            floor = std::max(floor, (m_maxTyreRadius + m_archRadius + 0.1f) * w);
        }
        constexpr float k = 0.04f;
        return (mid + floor + std::sqrt((mid - floor) * (mid - floor) + k * k)) / 2;
    }
    // The wheel openings: under an arch the lower half of the section ends at the arch, so the
    // side comes down to the opening and the floor of the section is its ceiling.
    float sectionLower(float s) const { return std::max(bottomY(s), archY(zAt(s))); }
    // The height of the section at station s and angle t: the upper and lower halves scale
    // differently, blended across the middle so that curves crossing it keep their tangent.
    float sectionY(float s, float t) const {
        const float top = topY(s), mid = sectionMid(s), lower = sectionLower(s);
        const float v = sectionShape(t).y, k = smoothstep(-0.4f, 0.0f, v);
        return mid + v * ((mid - lower) * (1 - k) + (top - mid) * k) * closing(s);
    }
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
    // A lamp between stations s0 and s1 on one side, between the section angles that lie d0 and
    // d1 metres under the top of the body at its middle station: a convex outline in parameter
    // space, so that the stitching around it never reaches across it.
    gen::Outline lamp(const gen::ParamSurface& surf, float s0, float s1, float d0, float d1, bool right) const {
        const float sm = (s0 + s1) / 2, t0 = sectionAngleAt(sm, topY(sm) - d0), t1 = sectionAngleAt(sm, topY(sm) - d1);
        return gen::sampleOutline(surf, [=](float u, float w) {
            const float t = t0 + (t1 - t0) * (w + 1) / 2;
            return gen::Param{s0 + (s1 - s0) * (u + 1) / 2, right ? kPi - t : t};
        }, 2.3f, 0.008f, 2.0f);
    }
    // The last station (searching from `from` by `step`) where the side glass is at least
    // minAngle tall between the belt and tTop.
    float glassEnd(float from, float step, float tTop, float minAngle) const {
        float s = from;
        while (s > 0.05f && s < 0.95f && tTop - sectionAngleAt(s, beltY(s)) < minAngle) s += step;
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
        const float sA = glassEnd(st.sWindshield - 0.015f, -0.002f, st.tSideTop, 0.3f);
        const float sC = glassEnd(st.sRoofRear - 0.01f, 0.002f, st.tSideTop, 0.3f);
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
        const float headStart = std::max(0.88f, (m_frontAxleZ + 1.3f * m_archRadius + m_length / 2) / m_length);
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
        grid.ringCount = 128;
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
        Mesh m{"interior", {}};
        const float zA = zAt(m_style.sWindshield), floorY = m_clearance + 0.12f;
        const float belt = beltY(0.5f);
        const float hw = halfWidth(0.5f, belt) - 0.08f;
        // Floor and a dashboard under the windshield base.
        roundedBox(m, "interior-dark", {0, floorY, (zA + zAt(m_style.sRearGlass)) / 2},
                   {hw, 0.03f, (zA - zAt(m_style.sRearGlass)) / 2}, 8, 6);
        roundedBox(m, "interior-dark", {0, belt - 0.08f, zA - 0.2f}, {hw * 0.78f, 0.1f, 0.2f}, 6);
        roundedBox(m, "screen", {0, belt + 0.12f, zA - 0.3f}, {0.17f, 0.1f, 0.012f}, 8, 6);
        // Steering wheel (left-hand drive) as a rounded ring.
        const float sx = m_width * 0.2f, sy = belt + 0.05f, sz = zA - 0.42f;
        std::vector<Vec2> ring;
        for (int i = 0; i <= 12; ++i) {
            const float a = 2 * kPi * i / 12;
            ring.push_back({0.025f * std::cos(a), 0.17f + 0.025f * std::sin(a)});
        }
        Mesh wheel{"steering", {}};
        lathe(wheel, "interior-dark", ring, 32);
        Mat4 t = Mat4::translation({sx, sy, sz}) * Mat4::rotationY(kPi / 2);
        Mat4 tilt;  // lean the wheel back towards the driver
        tilt.at(1, 1) = std::cos(0.35f);
        tilt.at(1, 2) = -std::sin(0.35f);
        tilt.at(2, 1) = std::sin(0.35f);
        tilt.at(2, 2) = std::cos(0.35f);
        m.primitive("interior-dark").append(wheel.primitives[0], t * tilt);
        // Seats: two front seats and a rear bench (two rows and a third for seven seats).
        const float seatY = floorY + 0.28f;
        auto seat = [&](float x, float z, float w) {
            roundedBox(m, "interior-leather", {x, seatY, z}, {w, 0.07f, 0.26f}, 5, 10);
            roundedBox(m, "interior-leather", {x, seatY + 0.34f, z - 0.25f}, {w * 0.92f, 0.33f, 0.07f}, 5, 10);
            roundedBox(m, "interior-leather", {x, seatY + 0.74f, z - 0.26f}, {w * 0.55f, 0.09f, 0.06f}, 4, 8);
        };
        const float frontZ = zA - 0.95f;
        // The driver's eyes: a head's depth ahead of the headrest, at headrest height.
        m_driverEye = {m_width * 0.2f, seatY + 0.7f, frontZ - 0.08f};
        seat(m_width * 0.2f, frontZ, 0.26f);
        seat(-m_width * 0.2f, frontZ, 0.26f);
        const float rearZ = frontZ - 0.9f;
        roundedBox(m, "interior-leather", {0, seatY, rearZ}, {hw * 0.95f, 0.07f, 0.26f}, 5, 10);
        roundedBox(m, "interior-leather", {0, seatY + 0.33f, rearZ - 0.25f}, {hw * 0.95f, 0.32f, 0.07f}, 5, 10);
        if (m_model.seats > 5) {
            const float thirdZ = rearZ - 0.85f;
            roundedBox(m, "interior-leather", {0, seatY + 0.03f, thirdZ}, {hw * 0.85f, 0.06f, 0.22f}, 5, 10);
            roundedBox(m, "interior-leather", {0, seatY + 0.3f, thirdZ - 0.21f}, {hw * 0.85f, 0.28f, 0.06f}, 5, 10);
        }
        return m;
    }

    Mesh underbody() {
        // Wheel-well liners and a floor pan, so nothing shows through under the raised arches.
        Mesh m{"underbody", {}};
        // Each liner: a half tube across the car just inside the opening's arch, open downwards.
        const float r = m_archRadius - 0.008f, x = m_width / 2 - 0.025f;
        for (float axle : {m_frontAxleZ, m_rearAxleZ}) {
            std::vector<Vec2> arc;
            for (int i = 0; i <= 32; ++i) arc.push_back({kPi * (-0.02f + 1.04f * i / 32), 0});
            Grid g = makeGrid(33, 2, false, [&](int i, int side) {
                const float a = arc[i].x;
                return Vec3{side ? x : -x, m_maxTyreRadius + r * std::sin(a), axle + r * std::cos(a)};
            });
            emitGrid(g, m, [](int, int) { return "trim-black"; });
        }
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
    Mesh tyre(const Wheelset& w) {
        Mesh m{"tyre-" + w.optionId, {}};
        std::vector<Vec2> profile;
        const float hw = w.tyreWidth / 2, ri = w.rimRadius - 0.005f, ro = w.tyreRadius;
        const float mid = (ri + ro) / 2, half = (ro - ri) / 2;
        for (int i = 0; i <= 16; ++i) {
            const float a = -kPi / 2 + 2 * kPi * i / 16;
            profile.push_back({hw * spow(std::sin(a), 0.5f), mid + half * spow(std::cos(a), 0.45f)});
        }
        lathe(m, "tyre", profile, 56, true);
        return m;
    }

    // Whether the rim face is metal at radius fraction rho and angle phi, per design.
    static bool rimMetal(const std::string& design, float rho, float phi, float rimRadius) {
        if (rho < 0.2f || rho > 0.88f) return true;
        auto near = [&](int count, float offset, float halfWidthM) {
            for (int k = 0; k < count; ++k) {
                float d = std::remainder(phi - (2 * kPi * k / count + offset), 2 * kPi);
                if (std::fabs(d) * rho * rimRadius < halfWidthM) return true;
            }
            return false;
        };
        if (design == "aero") {
            for (int k = 0; k < 10; ++k) {
                const float d = std::remainder(phi - 2 * kPi * k / 10, 2 * kPi);
                if (rho > 0.56f && rho < 0.82f && std::fabs(d) < 0.09f) return false;
            }
            return true;
        }
        if (design == "twin-spoke")
            return near(5, 0.12f, 0.014f + 0.008f * (1 - rho)) || near(5, -0.12f, 0.014f + 0.008f * (1 - rho));
        if (design == "multi-spoke") return near(15, 0, 0.010f + 0.006f * (1 - rho));
        if (design == "turbine") return near(10, 1.3f * (rho - 0.2f), 0.017f);
        return near(5, 0, 0.026f + 0.02f * (1 - rho));  // 5-spoke and anything unknown
    }

    Mesh rim(const Wheelset& w) {
        Mesh m{"rim-" + w.optionId, {}};
        const char* metal = (w.design == "5-spoke" || w.design == "turbine") ? "rim-dark" : "rim-silver";
        constexpr int kRadial = 12, kAngular = 120;
        const float R = w.rimRadius, face = w.tyreWidth / 2 - 0.012f;
        const float dish = w.design == "aero" ? 0.012f : (w.design == "multi-spoke" ? 0.05f : 0.035f);
        const float depth = 0.025f;
        auto faceX = [&](float rho) { return face - dish * std::pow(1 - rho, 1.5f); };
        Grid g = makeGrid(kRadial + 1, kAngular, true, [&](int r, int a) {
            const float rho = static_cast<float>(r) / kRadial, phi = 2 * kPi * a / kAngular;
            return Vec3{faceX(rho), rho * R * std::cos(phi), rho * R * std::sin(phi)};
        });
        auto cellMetal = [&](int r, int a) {
            if (r < 0 || r >= kRadial) return true;
            a = (a + kAngular) % kAngular;
            return rimMetal(w.design, (r + 0.5f) / kRadial, 2 * kPi * (a + 0.5f) / kAngular, R);
        };
        emitGrid(g, m, [&](int r, int a) { return cellMetal(r, a) ? metal : nullptr; });
        // Side walls where metal meets a gap, facing into the gap.
        Primitive& p = m.primitive(metal);
        auto wall = [&](const Vec3& a, const Vec3& b, const Vec3& n) {
            const Vec3 back{-depth, 0, 0};
            const auto i0 = p.add(a, n, {0, 0}), i1 = p.add(b, n, {1, 0}), i2 = p.add(b + back, n, {1, 1}),
                       i3 = p.add(a + back, n, {0, 1});
            if (dot(cross(b - a, back), n) > 0) p.quad(i0, i1, i2, i3);
            else p.quad(i0, i3, i2, i1);
        };
        for (int r = 0; r < kRadial; ++r)
            for (int a = 0; a < kAngular; ++a) {
                if (!cellMetal(r, a)) continue;
                const int a1 = (a + 1) % kAngular;
                const Vec3 p00 = g.at(r, a), p10 = g.at(r + 1, a), p01 = g.at(r, a1), p11 = g.at(r + 1, a1);
                const float phiMid = 2 * kPi * (a + 0.5f) / kAngular;
                const Vec3 tangent{0, -std::sin(phiMid), std::cos(phiMid)};
                const Vec3 radial{0, std::cos(phiMid), std::sin(phiMid)};
                if (!cellMetal(r, a + 1)) wall(p01, p11, tangent);
                if (!cellMetal(r, a - 1)) wall(p10, p00, -tangent);
                if (!cellMetal(r + 1, a)) wall(p11, p10, radial);
                if (!cellMetal(r - 1, a)) wall(p00, p01, -radial);
            }
        // The barrel inside the tyre and a dark backing disc that gaps look through to.
        lathe(m, metal, {{face - depth, R * 0.995f}, {-w.tyreWidth / 2 + 0.01f, R * 0.995f}}, 72, true);
        lathe(m, "trim-black", {{-0.05f, 0.0f}, {-0.05f, R * 0.99f}}, 48);
        return m;
    }

    Mesh brake(const Wheelset& w) {
        Mesh m{"brake-" + w.optionId, {}};
        const float rd = w.rimRadius * 0.8f;
        lathe(m, "brake-disc", {{0.0f, 0.05f}, {0.0f, rd}, {-0.028f, rd}, {-0.028f, 0.05f}}, 48);
        // Calliper gripping the disc towards the rear top.
        roundedBox(m, "calliper", {-0.014f, rd * 0.72f, -rd * 0.35f}, {0.035f, 0.07f, 0.1f}, 4, 10);
        return m;
    }

    int wheelset(const Wheelset& w) {
        const int tyreMesh = m_glb.addMesh(tyre(w));
        const int rimMesh = m_glb.addMesh(rim(w));
        const int brakeMesh = m_glb.addMesh(brake(w));
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
