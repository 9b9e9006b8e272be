// Surface quality seen in pixels (Mesa llvmpipe under Xvfb): a zebra test (a striped environment;
// every stripe edge across the door runs on without breaks or kinks). It also renders the same car
// with faceted normals on its paint and must fail there, so the check can see a broken surface.
// And highlights: in the studio, at the front three-quarter view, long highlight lines run along
// each car's body side and the paint is far from flat.
// Pictures: build/surface-*.png (the door enlarged: surface-zebra-door*.png).
#include <catch2/catch.hpp>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <memory>
#include <optional>

#include "CarSetup.h"
#include "OffscreenContext.h"
#include "XvfbDisplay.h"
#include "render/Showroom.h"
#include "support/TestPaths.h"

namespace {

constexpr int kWidth = 960, kHeight = 540;

struct Frame {
    std::vector<std::uint8_t> rgba;
    double lum(int x, int y) const {
        const std::uint8_t* p = &rgba[(static_cast<size_t>(y) * kWidth + x) * 4];
        return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    }
    int diff(const Frame& o, int x, int y) const {
        const size_t i = (static_cast<size_t>(y) * kWidth + x) * 4;
        return std::abs(rgba[i] - o.rgba[i]) + std::abs(rgba[i + 1] - o.rgba[i + 1]) + std::abs(rgba[i + 2] - o.rgba[i + 2]);
    }
};

struct Context {
    render::XvfbDisplay display;
    render::OffscreenContext context{kWidth, kHeight};
    render::CarSetup setup = render::loadCarSetup(testing_paths::contentDir());
};

Context& context() {
    static std::unique_ptr<Context> c = std::make_unique<Context>();
    return *c;
}

// A showroom in the studio (zebraStripes 0) or in a striped environment.
std::unique_ptr<render::Showroom> makeShowroom(int zebraStripes) {
    context().context.bind();
    render::ShowroomSettings s;
    s.zebraStripes = zebraStripes;
    s.log = [](const std::string&) {};
    return std::make_unique<render::Showroom>(s);
}

// The same model with every paint triangle flat-shaded: what a broken surface looks like.
render::SceneData facetedPaint(render::SceneData scene) {
    for (auto& mesh : scene.meshes) {
        if (scene.materials[mesh.material].name != "paint") continue;
        std::vector<render::Vertex> flat;
        std::vector<std::uint32_t> indices;
        for (size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
            render::Vertex a = mesh.vertices[mesh.indices[i]], b = mesh.vertices[mesh.indices[i + 1]],
                           c = mesh.vertices[mesh.indices[i + 2]];
            render::Vec3 n = render::cross(b.position - a.position, c.position - a.position);
            if (render::length(n) < 1e-12f) continue;
            n = render::normalize(n);
            if (render::dot(n, a.normal + b.normal + c.normal) < 0) n = n * -1.0f;
            for (render::Vertex* v : {&a, &b, &c}) {
                v->normal = n;
                indices.push_back(static_cast<std::uint32_t>(flat.size()));
                flat.push_back(*v);
            }
        }
        mesh.vertices = std::move(flat);
        mesh.indices = std::move(indices);
    }
    return scene;
}

// Loads a catalog car (or `assetOverride`, another file for the same model) into the showroom;
// returns the scene as imported.
render::SceneData loadCar(render::Showroom& showroom, const std::string& id, const std::string& paint, bool faceted,
                          const char* view, const std::string& assetOverride = "") {
    Context& c = context();
    const render::ModelMapping& m = *c.setup.mapping.find(id);
    const core::Model& model = *c.setup.catalog.findModel(id);
    const render::ImportResult imported = render::importModel(assetOverride.empty() ? m.asset : assetOverride);
    REQUIRE(imported.ok());
    showroom.loadSceneNow(faceted ? facetedPaint(*imported.scene) : *imported.scene, m);
    showroom.applyConfiguration(model, render::buildConfiguration(model, model.trims.back().id, paint, "", {}));
    showroom.camera().setPreset(view, false);
    return *imported.scene;
}

Frame shot(render::Showroom& showroom, const std::string& name) {
    Context& c = context();
    showroom.update(0);
    c.context.bind();
    showroom.render(kWidth, kHeight);
    Frame f{c.context.readRgba()};
    const std::string path = testing_paths::binaryDir() + "/surface-" + name + ".png";
    stbi_write_png(path.c_str(), kWidth, kHeight, 4, f.rgba.data(), kWidth * 4);
    return f;
}

// The rectangle enlarged three times (nearest pixel), to look at.
void saveZoomed(const Frame& f, int x0, int x1, int y0, int y1, const std::string& name) {
    constexpr int kZoom = 3;
    const int w = (x1 - x0 + 1) * kZoom, h = (y1 - y0 + 1) * kZoom;
    std::vector<std::uint8_t> out(static_cast<size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            std::copy_n(&f.rgba[(static_cast<size_t>(y0 + y / kZoom) * kWidth + x0 + x / kZoom) * 4], 4,
                        &out[(static_cast<size_t>(y) * w + x) * 4]);
    const std::string path = testing_paths::binaryDir() + "/surface-" + name + ".png";
    stbi_write_png(path.c_str(), w, h, 4, out.data(), w * 4);
}

// A world point in pixels (x right, y down).
render::Vec2 toPixels(render::Showroom& showroom, const render::Vec3& p) {
    const render::Mat4 vp = showroom.camera().projection(static_cast<float>(kWidth) / kHeight) * showroom.camera().view();
    const float cx = vp.at(0, 0) * p.x + vp.at(0, 1) * p.y + vp.at(0, 2) * p.z + vp.at(0, 3);
    const float cy = vp.at(1, 0) * p.x + vp.at(1, 1) * p.y + vp.at(1, 2) * p.z + vp.at(1, 3);
    const float cw = vp.at(3, 0) * p.x + vp.at(3, 1) * p.y + vp.at(3, 2) * p.z + vp.at(3, 3);
    return {(cx / cw * 0.5f + 0.5f) * kWidth, (0.5f - cy / cw * 0.5f) * kHeight};
}

// The body side towards the camera: +x or -x of the bounds.
float nearSideX(render::Showroom& showroom) {
    const render::Bounds b = showroom.visibleBounds();
    return showroom.camera().eye().x > b.center().x ? b.max.x : b.min.x;
}

struct ZebraFigures {
    double edgesPerColumn = 0;  // stripe edges found in a column of the door, median
    int edgeSamples = 0;        // edge positions followed from one column to the next
    int breaks = 0;             // an edge that cannot be followed three columns on (4 px a column at most)
    int kinks = 0;              // an edge whose slope changes by more than 1.5 px over three columns
};

// Stripe edges (crossings of the middle luminance) down each column of the rectangle, with
// sub-pixel positions, and how they continue across columns.
ZebraFigures followStripes(const Frame& f, int x0, int x1, int y0, int y1) {
    std::vector<double> lums;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) lums.push_back(f.lum(x, y));
    std::sort(lums.begin(), lums.end());
    const double mid = (lums[lums.size() / 10] + lums[lums.size() * 9 / 10]) / 2;
    std::vector<std::vector<double>> edges;
    for (int x = x0; x <= x1; ++x) {
        std::vector<double> col;
        for (int y = y0; y < y1; ++y) {
            const double a = f.lum(x, y) - mid, b = f.lum(x, y + 1) - mid;
            if ((a < 0) != (b < 0)) col.push_back(y + a / (a - b));
        }
        edges.push_back(col);
    }
    ZebraFigures z;
    std::vector<size_t> counts;
    for (const auto& c : edges) counts.push_back(c.size());
    std::sort(counts.begin(), counts.end());
    z.edgesPerColumn = static_cast<double>(counts[counts.size() / 2]);
    auto nearest = [](const std::vector<double>& col, double y) {
        double best = 1e9;
        for (double v : col)
            if (std::fabs(v - y) < std::fabs(best - y)) best = v;
        return best;
    };
    // Follows an edge from column i by `steps` columns (each step to the nearest edge within 4 px).
    auto follow = [&](size_t i, double y, int steps) -> std::optional<double> {
        for (int k = 0; k < std::abs(steps); ++k) {
            i = steps > 0 ? i + 1 : i - 1;
            const double next = nearest(edges[i], y);
            if (std::fabs(next - y) > 4) return std::nullopt;
            y = next;
        }
        return y;
    };
    constexpr int kSpan = 1;  // a kink is a change of slope from one column to the next
    for (size_t i = kSpan; i + kSpan < edges.size(); ++i)
        for (double y : edges[i]) {
            // Stripes may enter or leave at the top and bottom: within one column's step (4 px) of them.
            if (y < y0 + 4 || y > y1 - 4) continue;
            ++z.edgeSamples;
            const auto next = follow(i, y, kSpan), prev = follow(i, y, -kSpan);
            if (!next || !prev) {
                ++z.breaks;
                continue;
            }
            if (std::fabs(*next - 2 * y + *prev) > 0.75) ++z.kinks;
        }
    return z;
}

ZebraFigures zebraOnDoor(bool faceted) {
    auto showroom = makeShowroom(90);
    loadCar(*showroom, "heron", "heron-paint-black", faceted, "side");
    const Frame f = shot(*showroom, faceted ? "zebra-faceted" : "zebra");
    // The door: the middle fifth of the car's length, from above the sill to below the belt.
    const render::Bounds b = showroom->visibleBounds();
    const float x = nearSideX(*showroom), len = b.max.z - b.min.z, h = b.max.y - b.min.y;
    const render::Vec2 p0 = toPixels(*showroom, {x, b.min.y + 0.55f * h, b.center().z - 0.1f * len});
    const render::Vec2 p1 = toPixels(*showroom, {x, b.min.y + 0.24f * h, b.center().z + 0.1f * len});
    const int x0 = static_cast<int>(std::min(p0.x, p1.x)), x1 = static_cast<int>(std::max(p0.x, p1.x));
    const int y0 = static_cast<int>(std::min(p0.y, p1.y)), y1 = static_cast<int>(std::max(p0.y, p1.y));
    INFO("door rectangle " << x0 << "," << y0 << " - " << x1 << "," << y1);
    REQUIRE(x1 - x0 > 40);
    REQUIRE(y1 - y0 > 25);
    saveZoomed(f, x0, x1, y0, y1, faceted ? "zebra-door-faceted" : "zebra-door");
    return followStripes(f, x0, x1, y0, y1);
}

}  // namespace

TEST_CASE("zebra: every stripe across the door runs on without breaks or kinks, and faceted normals break them") {
    const ZebraFigures smooth = zebraOnDoor(false);
    INFO("smooth: " << smooth.edgesPerColumn << " edges per column, " << smooth.edgeSamples << " samples, " << smooth.breaks
                    << " breaks, " << smooth.kinks << " kinks");
    CHECK(smooth.edgesPerColumn >= 3);  // at least two stripes cross the door
    CHECK(smooth.edgeSamples > 200);
    CHECK(smooth.breaks == 0);
    CHECK(smooth.kinks <= smooth.edgeSamples * 3 / 100);  // pixel noise of soft stripe edges

    const ZebraFigures faceted = zebraOnDoor(true);
    INFO("faceted: " << faceted.edgesPerColumn << " edges per column, " << faceted.edgeSamples << " samples, "
                     << faceted.breaks << " breaks, " << faceted.kinks << " kinks");
    // Stripes end or bend at triangle edges: fewer edges cross the door than on the denser grid
    // of earlier cars (steps of up to 90 mm), so breaks and kinks are counted together.
    CHECK(faceted.breaks > 0);
    CHECK(faceted.breaks + faceted.kinks > faceted.edgeSamples / 50);
}

namespace {

// World origin of a node of the imported scene.
std::optional<render::Vec3> nodeOrigin(const render::SceneData& scene, const std::string& name) {
    for (size_t i = 0; i < scene.nodes.size(); ++i)
        if (scene.nodes[i].name == name) return scene.worldTransform(static_cast<int>(i)).transformPoint({0, 0, 0});
    return std::nullopt;
}

struct HighlightFigures {
    std::vector<double> lengths;  // every highlight line found along the side, px, longest first
    double needed = 0;            // half the wheelbase in the picture, px
    int longLines = 0;            // lines longer than `needed`
    double luminanceRatio = 0;    // 95th over 5th percentile of the side's luminance
    std::string describe() const {
        std::string s = std::to_string(longLines) + " lines longer than " + std::to_string(static_cast<int>(needed)) + " px; longest";
        for (size_t i = 0; i < lengths.size() && i < 4; ++i) s += " " + std::to_string(static_cast<int>(lengths[i]));
        return s + " px; luminance p95/p5 " + std::to_string(luminanceRatio);
    }
};

// A highlight: in one column of the side, a local luminance maximum at least kProminence over
// the darkest pixel within kReach above and below it. Maxima of neighbouring columns within 2 px
// (a gap of up to two columns allowed) chain into a line; its length is the chain's length.
std::vector<double> followHighlights(const Frame& f, int x0, int x1, const std::function<std::pair<int, int>(int)>& rows) {
    constexpr double kProminence = 24;
    constexpr int kReach = 8;
    struct Chain {
        double x, y, length;
    };
    std::vector<Chain> chains;
    for (int x = x0; x <= x1; ++x) {
        const auto [y0, y1] = rows(x);
        std::vector<double> peaks;
        for (int y = y0 + 1; y < y1; ++y) {
            const double l = f.lum(x, y);
            if (l < f.lum(x, y - 1) || l <= f.lum(x, y + 1)) continue;
            double low = l;
            for (int d = -kReach; d <= kReach; ++d) low = std::min(low, f.lum(x, std::clamp(y + d, y0, y1)));
            if (l - low >= kProminence) peaks.push_back(y);
        }
        for (double y : peaks) {
            Chain* best = nullptr;
            for (auto& c : chains)
                if (x - c.x <= 3 && x > c.x && std::fabs(c.y - y) <= 2 && (!best || std::fabs(c.y - y) < std::fabs(best->y - y))) best = &c;
            if (best) {
                best->length += std::hypot(x - best->x, y - best->y);
                best->x = x;
                best->y = y;
            } else {
                chains.push_back({static_cast<double>(x), y, 0});
            }
        }
    }
    std::vector<double> lengths;
    for (const auto& c : chains) lengths.push_back(c.length);
    std::sort(lengths.rbegin(), lengths.rend());
    return lengths;
}

// Renders the car at the front three-quarter view in the studio and measures its body side
// between the axles, from above the sill to the belt (the lowest side glass), wheel openings left out.
HighlightFigures highlightsOf(const std::string& id, const std::string& paint, const std::string& asset = "") {
    auto showroom = makeShowroom(0);
    const render::SceneData scene = loadCar(*showroom, id, paint, false, "front-three-quarter", asset);
    const Frame f = shot(*showroom, "highlights-" + id + (asset.empty() ? "" : "-fixture"));
    const render::Bounds b = showroom->visibleBounds();
    const float side = nearSideX(*showroom);
    std::string set;
    for (const auto& n : scene.nodes)
        if (n.name.rfind("wheels-", 0) == 0 && set.empty()) set = n.name.substr(7);
    const char* near = side > 0 ? "l-" : "r-";
    const auto front = nodeOrigin(scene, std::string("wheel-f") + near + set), rear = nodeOrigin(scene, std::string("wheel-r") + near + set);
    REQUIRE(front);
    REQUIRE(rear);
    // The belt: the lowest vertex of the side glass.
    float belt = b.max.y;
    for (size_t i = 0; i < scene.nodes.size(); ++i) {
        if (scene.nodes[i].name != "glass") continue;
        const render::Mat4 w = scene.worldTransform(static_cast<int>(i));
        for (int m : scene.nodes[i].meshes)
            for (const auto& v : scene.meshes[m].vertices)
                if (std::fabs(v.normal.x) > 0.6f) belt = std::min(belt, w.transformPoint(v.position).y);
    }
    const float wheelR = front->y, sill = b.min.y + 0.06f;
    const float yLow = sill, yHigh = belt - 0.01f;
    // The side's outline in pixels: top and bottom edges from the rear axle to the front one.
    const render::Vec2 rt = toPixels(*showroom, {side, yHigh, rear->z}), ft = toPixels(*showroom, {side, yHigh, front->z});
    const render::Vec2 rb = toPixels(*showroom, {side, yLow, rear->z}), fb = toPixels(*showroom, {side, yLow, front->z});
    const render::Vec2 fc = toPixels(*showroom, *front), rc = toPixels(*showroom, *rear);
    const float discR = std::fabs(toPixels(*showroom, {side, front->y + wheelR + 0.08f, front->z}).y - fc.y);
    const int x0 = static_cast<int>(std::ceil(std::min(rt.x, ft.x))), x1 = static_cast<int>(std::floor(std::max(rt.x, ft.x)));
    REQUIRE(x1 - x0 > 100);
    auto edge = [](const render::Vec2& a, const render::Vec2& c, int x) { return a.y + (c.y - a.y) * (x - a.x) / (c.x - a.x); };
    auto outsideWheels = [&](int x, int y) {
        return std::hypot(x - fc.x, y - fc.y) > discR && std::hypot(x - rc.x, y - rc.y) > discR;
    };
    // Highlights above the wheel openings (where a line can run the whole way), luminance over the whole side.
    const float overWheels = front->y + wheelR + 0.06f;
    const render::Vec2 ro = toPixels(*showroom, {side, overWheels, rear->z}), fo = toPixels(*showroom, {side, overWheels, front->z});
    HighlightFigures h;
    h.lengths = followHighlights(f, x0, x1, [&](int x) {
        return std::pair<int, int>{static_cast<int>(std::ceil(edge(rt, ft, x))), static_cast<int>(std::floor(edge(ro, fo, x)))};
    });
    std::vector<double> lums;
    for (int x = x0; x <= x1; ++x)
        for (int y = static_cast<int>(std::ceil(edge(rt, ft, x))); y <= static_cast<int>(edge(rb, fb, x)); ++y)
            if (y >= 0 && y < kHeight && outsideWheels(x, y)) lums.push_back(f.lum(x, y));
    REQUIRE(lums.size() > 1000);
    std::sort(lums.begin(), lums.end());
    h.luminanceRatio = lums[lums.size() * 95 / 100] / std::max(1.0, lums[lums.size() * 5 / 100]);
    h.needed = std::hypot(fc.x - rc.x, fc.y - rc.y) / 2;
    for (double l : h.lengths)
        if (l > h.needed) ++h.longLines;
    return h;
}

}  // namespace

TEST_CASE("highlights: at the front three-quarter view at least two long lines run along each car's body side, and its paint is not flat") {
    // Darker paints, where a customer sees the lines best; each car's lines must be longer than
    // half its wheelbase in the picture and the side's luminance 95th/5th percentile ratio at least 3.
    const std::pair<const char*, const char*> cars[] = {{"heron", "heron-paint-black"}, {"crane", "crane-paint-grey"},
                                                        {"lark", "lark-paint-grey"}};
    for (const auto& [id, paint] : cars) {
        const HighlightFigures h = highlightsOf(id, paint);
        INFO(id << " in " << paint << ": " << h.describe());
        CHECK(h.longLines >= 2);
        CHECK(h.luminanceRatio >= 3.0);
    }
}

TEST_CASE("highlights: a car whose side has no shoulder shows no long line (the check sees a plain side)") {
    // The previous generation of the Lark's body (one superellipse section, no character line).
    const std::string fixture = testing_paths::fixtures() + "/cars/lark-plain-side-2026-12.glb";
    const HighlightFigures h = highlightsOf("lark", "lark-paint-grey", fixture);
    INFO("plain side: " << h.describe());
    CHECK(h.longLines < 2);
}
