// Surface quality seen in pixels (Mesa llvmpipe under Xvfb): a zebra test (a striped environment;
// every stripe edge across the door runs on without breaks or kinks). It also renders the same car
// with faceted normals on its paint and must fail there, so the check can see a broken surface.
// Pictures: build/surface-*.png (the door enlarged: surface-zebra-door*.png).
#include <catch2/catch.hpp>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
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

void loadCar(render::Showroom& showroom, const std::string& id, const std::string& paint, bool faceted, const char* view) {
    Context& c = context();
    const render::ModelMapping& m = *c.setup.mapping.find(id);
    const core::Model& model = *c.setup.catalog.findModel(id);
    const render::ImportResult imported = render::importModel(m.asset);
    REQUIRE(imported.ok());
    showroom.loadSceneNow(faceted ? facetedPaint(*imported.scene) : *imported.scene, m);
    showroom.applyConfiguration(model, render::buildConfiguration(model, model.trims.back().id, paint, "", {}));
    showroom.camera().setPreset(view, false);
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
            if (y < y0 + 3 || y > y1 - 3) continue;  // stripes may enter or leave at the top and bottom
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
    CHECK(faceted.breaks > faceted.edgeSamples / 50);  // stripes end at triangle edges
}
