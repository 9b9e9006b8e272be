// Render module tests that need no GPU: import of reference and shipped models, broken inputs,
// the render mapping, the orbit camera, the car generator and temporal accumulation's bookkeeping.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "core/ContentLoader.h"
#include "render/CarGenerator.h"
#include "render/Importer.h"
#include "render/OrbitCamera.h"
#include "render/RenderMapping.h"
#include "render/StillFrames.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

namespace fs = std::filesystem;

namespace {

struct Counts {
    size_t meshes, materials, nodes, triangles;
};

void checkCounts(const std::string& file, Counts expected) {
    const render::ImportResult r = render::importModel(file);
    INFO(file << ": " << r.error);
    REQUIRE(r.ok());
    CHECK(r.scene->meshes.size() == expected.meshes);
    CHECK(r.scene->materials.size() == expected.materials);
    CHECK(r.scene->nodes.size() == expected.nodes);
    CHECK(r.scene->triangleCount() == expected.triangles);
    CHECK(r.scene->warnings.empty());
}

std::string tempDir(const std::string& name) {
    const fs::path p = fs::temp_directory_path() / ("render-test-" + name);
    fs::create_directories(p);
    return p.string();
}

void writeText(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

core::Catalog catalog() {
    auto r = core::loadContent(testing_paths::contentDir());
    REQUIRE(r.ok());
    return *r.catalog;
}

}  // namespace

TEST_CASE("reference models import with Assimp's expected counts") {
    auto dir = testing_paths::sharedData("reference-models");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("reference-models"));
    checkCounts(*dir + "/toycar/ToyCar.gltf", {3, 3, 12, 108936});
    checkCounts(*dir + "/kenney-truck/vehicle-truck-red.glb", {6, 1, 7, 946});
    checkCounts(*dir + "/clearcoat-car-paint/ClearCoatCarPaint.glb", {1, 1, 1, 3072});
}

TEST_CASE("reference model materials: clearcoat, texture transform, nearest palette, transmission") {
    auto dir = testing_paths::sharedData("reference-models");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("reference-models"));
    auto paint = render::importModel(*dir + "/clearcoat-car-paint/ClearCoatCarPaint.glb");
    REQUIRE(paint.ok());
    const auto& m = paint.scene->materials[0];
    CHECK(m.clearcoat == Approx(1.0f));
    CHECK(m.clearcoatRoughness == Approx(0.0f));
    REQUIRE(m.normalTex.valid());
    CHECK(m.normalTex.scale.x == Approx(3.0f));  // KHR_texture_transform scale 3, back in glTF terms
    CHECK(m.normalTex.offset.x == Approx(0.0f).margin(1e-5));
    CHECK(m.normalTex.offset.y == Approx(0.0f).margin(1e-5));
    CHECK(m.normalTex.strength == Approx(0.2f));
    CHECK(paint.scene->meshes[0].vertices[0].tangent.w != 0);  // tangents generated

    auto truck = render::importModel(*dir + "/kenney-truck/vehicle-truck-red.glb");
    REQUIRE(truck.ok());
    REQUIRE(truck.scene->textures.size() == 1);
    CHECK(truck.scene->textures[0].nearest);
    CHECK(truck.scene->findNode("body") >= 0);

    auto toy = render::importModel(*dir + "/toycar/ToyCar.gltf");
    REQUIRE(toy.ok());
    CHECK(toy.scene->cameras == 8);
    bool glassBlended = false, toyClearcoat = false;
    for (const auto& mat : toy.scene->materials) {
        if (mat.name == "Glass") glassBlended = mat.alphaMode == render::AlphaMode::Blend && mat.transmission == Approx(1.0f);
        if (mat.name == "ToyCar") toyClearcoat = mat.clearcoat > 0 && mat.emissiveTex.valid() && mat.occlusionTex.valid();
    }
    CHECK(glassBlended);
    CHECK(toyClearcoat);
    CHECK(toy.scene->bounds().size().x < 0.2f);  // tiny real-world scale, framed from bounds
}

// The same material features on a glTF this project wrote itself (tests/fixtures/models/
// material-extensions: two square panels), so they are checked where ../shared is absent too.
TEST_CASE("material extensions of a hand-written glTF: clearcoat, texture transform, nearest sampler, transmission") {
    const auto r = render::importModel(testing_paths::fixtures() + "/models/material-extensions/panels.gltf");
    INFO(r.error);
    REQUIRE(r.ok());
    CHECK(r.scene->meshes.size() == 2);
    CHECK(r.scene->triangleCount() == 4);
    CHECK(r.scene->findNode("body") >= 0);
    CHECK(r.scene->findNode("glass") >= 0);
    REQUIRE(r.scene->textures.size() == 1);
    CHECK(r.scene->textures[0].nearest);
    const render::MaterialData* paint = nullptr;
    const render::MaterialData* glass = nullptr;
    for (const auto& m : r.scene->materials) {
        if (m.name == "Paint") paint = &m;
        if (m.name == "Glass") glass = &m;
    }
    REQUIRE(paint);
    REQUIRE(glass);
    CHECK(paint->clearcoat == Approx(1.0f));
    CHECK(paint->clearcoatRoughness == Approx(0.0f));
    CHECK(paint->alphaMode == render::AlphaMode::Opaque);
    REQUIRE(paint->normalTex.valid());
    CHECK(paint->normalTex.scale.x == Approx(3.0f));
    CHECK(paint->normalTex.scale.y == Approx(3.0f));
    CHECK(paint->normalTex.offset.x == Approx(0.0f).margin(1e-5));
    CHECK(paint->normalTex.offset.y == Approx(0.0f).margin(1e-5));
    CHECK(paint->normalTex.strength == Approx(0.2f));
    CHECK(glass->transmission == Approx(1.0f));
    CHECK(glass->alphaMode == render::AlphaMode::Blend);  // transmission is drawn as blended glass
    CHECK(glass->clearcoat == Approx(0.0f));
    for (const auto& mesh : r.scene->meshes) CHECK(mesh.vertices.at(0).tangent.w != 0);  // tangents generated
}

TEST_CASE("shipped car assets import with their named nodes, and every mapped node exists") {
    const core::Catalog c = catalog();
    core::ContentErrors errors;
    const render::RenderMapping mapping = render::loadRenderMapping(c, c.moduleFiles.at("render"), errors);
    for (const auto& e : errors) FAIL(e.toString());
    for (const auto& model : c.models) {
        const render::ModelMapping* mm = mapping.find(model.id);
        REQUIRE(mm);
        CHECK(fs::file_size(mm->asset) < 8u * 1024 * 1024);
        const render::ImportResult r = render::importModel(mm->asset);
        INFO(mm->asset << ": " << r.error);
        REQUIRE(r.ok());
        for (const char* node : {"body", "glass", "lights", "interior", "mirrors", "roof-panel", "roof-glass"})
            CHECK(r.scene->findNode(node) >= 0);
        for (const auto& [option, node] : mm->wheels) {
            const int n = r.scene->findNode(node);
            REQUIRE(n >= 0);
            CHECK(r.scene->nodes[n].children.size() == 4);  // four wheels, each with tyre, rim and brake
        }
        for (const auto& part : mm->parts) CHECK(r.scene->findNode(part.node) >= 0);
        std::set<std::string> materials;
        for (const auto& m : r.scene->materials) materials.insert(m.name);
        for (const auto& m : mm->paintMaterials) CHECK(materials.count(m));
        for (const auto& m : mm->glassMaterials) CHECK(materials.count(m));
    }
}

TEST_CASE("the car generator is deterministic and matches the committed assets") {
    const core::Catalog c = catalog();
    for (const auto& model : c.models) {
        const auto a = render::generateCar(model), b = render::generateCar(model);
        CHECK(a.glb == b.glb);
        std::ifstream in(testing_paths::sourceDir() + "/assets/cars/" + model.id + ".glb", std::ios::binary);
        const std::vector<std::uint8_t> committed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        INFO(model.id << ": regenerate with `kioskctl model generate`");
        CHECK(committed == a.glb);
    }
}

TEST_CASE("broken model files give a clear reason, never a crash") {
    const std::string dir = tempDir("broken");
    const core::Catalog c = catalog();
    // Truncated GLB.
    const auto car = render::generateCar(c.models.front());
    const std::string truncated = dir + "/truncated.glb";
    std::ofstream(truncated, std::ios::binary).write(reinterpret_cast<const char*>(car.glb.data()), 5000);
    auto r = render::importModel(truncated);
    CHECK_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("truncated GLB"));
    // .gltf pointing at a missing .bin.
    const std::string missingBin = dir + "/missing-bin.gltf";
    writeText(missingBin, R"({"asset":{"version":"2.0"},"buffers":[{"uri":"gone.bin","byteLength":12}]})");
    r = render::importModel(missingBin);
    CHECK_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("gone.bin") && Catch::Contains("missing"));
    // A file requiring an extension Assimp 5.2 mishandles.
    const std::string quantized = dir + "/quantized.gltf";
    writeText(quantized, R"({"asset":{"version":"2.0"},"extensionsUsed":["KHR_mesh_quantization"],"extensionsRequired":["KHR_mesh_quantization"]})");
    r = render::importModel(quantized);
    CHECK_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("requires glTF extension KHR_mesh_quantization"));
    // Not a model at all, and an empty file.
    writeText(dir + "/junk.obj", "this is not a model\n\x01\x02");
    CHECK_FALSE(render::importModel(dir + "/junk.obj").ok());
    writeText(dir + "/empty.glb", "");
    CHECK_THAT(render::importModel(dir + "/empty.glb").error, Catch::Contains("empty"));
    CHECK_THAT(render::importModel(dir + "/absent.glb").error, Catch::Contains("no such file"));
    // A file larger than the limit is refused before reading.
    render::ImportLimits tiny;
    tiny.maxFileBytes = 1024;
    std::ofstream(dir + "/big.glb", std::ios::binary).write(reinterpret_cast<const char*>(car.glb.data()), 4096);
    CHECK_THAT(render::importModel(dir + "/big.glb", tiny).error, Catch::Contains("larger than the limit"));
}

TEST_CASE("a texture of absurd size is replaced by a placeholder with a warning") {
    const std::string dir = tempDir("huge-texture");
    // A PNG whose header claims 60000 x 60000 pixels (only the header is ever read).
    const unsigned char png[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                 0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 6, 0, 0, 0, 0, 0, 0, 0};
    std::ofstream(dir + "/huge.png", std::ios::binary).write(reinterpret_cast<const char*>(png), sizeof(png));
    // One triangle with UVs, in an embedded buffer, textured with huge.png.
    writeText(dir + "/huge.gltf", R"({"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"name":"tri","mesh":0}],
"meshes":[{"primitives":[{"attributes":{"POSITION":0,"TEXCOORD_0":1},"material":0}]}],
"materials":[{"name":"m","pbrMetallicRoughness":{"baseColorTexture":{"index":0}}}],
"textures":[{"source":0}],"images":[{"uri":"huge.png"}],
"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]},
             {"bufferView":1,"componentType":5126,"count":3,"type":"VEC2"}],
"bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":24}],
"buffers":[{"byteLength":60,"uri":"data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAAAAAAAAAAAAAAAIA/AAAAAAAAAAAAAIA/"}]})");
    auto r = render::importModel(dir + "/huge.gltf");
    INFO(r.error);
    REQUIRE(r.ok());
    REQUIRE(r.scene->textures.size() == 1);
    CHECK(r.scene->textures[0].width == 8);  // the placeholder
    REQUIRE_FALSE(r.scene->warnings.empty());
    CHECK_THAT(r.scene->warnings[0], Catch::Contains("60000x60000") && Catch::Contains("placeholder"));
    // A missing texture file also gives a placeholder and a warning.
    fs::remove(dir + "/huge.png");
    r = render::importModel(dir + "/huge.gltf");
    REQUIRE(r.ok());
    CHECK_THAT(r.scene->warnings.at(0), Catch::Contains("missing"));
}

TEST_CASE("render mapping: configurations pick paint, interior colour, wheels and parts") {
    const core::Catalog c = catalog();
    core::ContentErrors errors;
    const auto mapping = render::loadRenderMapping(c, c.moduleFiles.at("render"), errors);
    REQUIRE(errors.empty());
    const core::Model& lark = *c.findModel("lark");
    core::Configuration config = core::defaultConfiguration(lark, *lark.findTrim("lark-long-range"));
    config.options.erase("lark-paint-white");
    config.options.insert("lark-paint-orange");
    config.options.insert("lark-pano-roof");
    const render::CarLook look = render::resolveCarLook(*mapping.find("lark"), lark, config);
    REQUIRE(look.hasPaint);
    CHECK(look.paint.baseColorSrgb == lark.findOption("lark-paint-orange")->paint->baseColorSrgb);
    CHECK(look.shownNodes.count("roof-glass"));
    CHECK(look.hiddenNodes.count("roof-panel"));
    CHECK(look.shownNodes.count("wheels-lark-wheel-16-aero"));
    CHECK(look.hiddenNodes.count("wheels-lark-wheel-18-sport"));
    CHECK(look.hiddenNodes.count("spoiler"));
    REQUIRE(look.interiorColorSrgb);
}

TEST_CASE("render mapping errors name the file, the JSON path and the value") {
    const core::Catalog c = catalog();
    const std::string dir = tempDir("mapping");
    writeText(dir + "/mapping.json", R"({"format":1,"models":{"lark":{"asset":"nowhere.glb","paint_materials":["paint"],
"wheels":{"lark-paint-white":"x"},"parts":[{"node":"spoiler","when":["no-such-option"]}]},"ghost":{}}})");
    core::ContentErrors errors;
    render::loadRenderMapping(c, dir + "/mapping.json", errors);
    std::string all;
    for (const auto& e : errors) all += e.toString() + "\n";
    CHECK_THAT(all, Catch::Contains("/models/lark/asset") && Catch::Contains("does not exist"));
    CHECK_THAT(all, Catch::Contains("/models/lark/wheels/lark-paint-white") && Catch::Contains("not a wheel option"));
    CHECK_THAT(all, Catch::Contains("/models/lark/parts/0/when/0") && Catch::Contains("no-such-option"));
    CHECK_THAT(all, Catch::Contains("unknown model \"ghost\""));
    CHECK_THAT(all, Catch::Contains("wheel option \"lark-wheel-17-spoke\" has no wheel node"));
}

TEST_CASE("orbit camera: presets, eased transitions, inertia, never under the floor or inside the car") {
    render::OrbitCamera cam;
    const render::Bounds car{{-0.9f, 0, -2.3f}, {0.9f, 1.5f, 2.3f}};
    cam.frame(car);
    for (const auto& name : render::OrbitCamera::presetNames()) CHECK(cam.setPreset(name, false));
    CHECK_FALSE(cam.setPreset("underneath"));
    cam.setPreset("front-three-quarter", false);
    const render::Vec3 start = cam.eye();
    cam.setPreset("side");
    cam.update(0.3f);
    CHECK(cam.inTransition());
    const render::Vec3 mid = cam.eye();
    for (int i = 0; i < 60; ++i) cam.update(1 / 60.0f);
    CHECK_FALSE(cam.inTransition());
    CHECK(render::length(mid - start) > 0.01f);
    CHECK(cam.eye().x > 3.0f);  // side view from the car's left (+X)
    // Drag far down: the eye stays above the floor. Zoom far in: it stays outside the body.
    for (int i = 0; i < 100; ++i) cam.drag(0, -200);
    cam.update(0.016f);
    CHECK(cam.eye().y > 0.0f);
    for (int i = 0; i < 50; ++i) cam.zoom(0.5f);
    for (int i = 0; i < 120; ++i) cam.update(1 / 60.0f);
    CHECK(cam.pose().distance >= car.radius());
    // Inertia: after a drag the camera keeps turning a little, then stops.
    cam.drag(50, 0);
    cam.update(1 / 60.0f);
    const float yaw1 = cam.pose().yaw;
    cam.update(1 / 60.0f);
    CHECK(cam.pose().yaw != Approx(yaw1));
    for (int i = 0; i < 600; ++i) cam.update(1 / 60.0f);
    const float yaw2 = cam.pose().yaw;
    cam.update(1 / 60.0f);
    CHECK(cam.pose().yaw == Approx(yaw2).margin(1e-4));
    // Turntable turns steadily.
    cam.turntable(true);
    cam.update(1.0f);
    CHECK(cam.pose().yaw != Approx(yaw2).margin(1e-3));
}

namespace {

// Clip-space depth (NDC z) of the floor point under the bottom middle of the view.
float floorDepthAtBottomEdge(const render::OrbitCamera& cam, float aspect) {
    const render::Mat4 viewProjection = cam.projection(aspect) * cam.view();
    const render::Mat4 inverse = viewProjection.inverse();
    auto unproject = [&](float ndcZ) {
        const float p[4] = {0, -0.999f, ndcZ, 1};
        float out[4] = {};
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c) out[r] += inverse.at(r, c) * p[c];
        return render::Vec3{out[0] / out[3], out[1] / out[3], out[2] / out[3]};
    };
    const render::Vec3 a = unproject(-1), b = unproject(1);
    const float floorY = cam.framedBounds().min.y;
    const float t = (floorY - a.y) / (b.y - a.y);  // where the bottom ray meets the floor
    const render::Vec3 hit = a + (b - a) * t;
    float clip[4] = {};
    const float p[4] = {hit.x, hit.y, hit.z, 1};
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) clip[r] += viewProjection.at(r, c) * p[c];
    return clip[2] / clip[3];
}

}  // namespace

TEST_CASE("orbit camera: the near plane never cuts the floor at the bottom of the view") {
    render::OrbitCamera cam;
    cam.frame({{-0.95f, 0, -2.4f}, {0.95f, 1.45f, 2.4f}});
    for (const char* name : {"front-three-quarter", "side", "rear-three-quarter"})
        for (float aspect : {16 / 9.0f, 4 / 3.0f, 9 / 16.0f}) {
            cam.setPreset(name, false);
            const float z = floorDepthAtBottomEdge(cam, aspect);
            INFO(name << " at aspect " << aspect << ": floor NDC z " << z);
            CHECK(z > -1.0f);
            CHECK(z < 1.0f);
        }
}

TEST_CASE("orbit camera: a preset asked for before the model is framed is kept") {
    render::OrbitCamera cam;
    cam.setPreset("rear-three-quarter", false);
    cam.frame({{-0.95f, 0, -2.4f}, {0.95f, 1.45f, 2.4f}});  // the model arrives later
    CHECK(cam.eye().z < -1.0f);  // behind the car (+Z is its front)
    cam.setPreset("interior", false);
    cam.frame({{-0.95f, 0, -2.4f}, {0.95f, 1.45f, 2.4f}});
    CHECK(cam.interior());
}

TEST_CASE("orbit camera: the interior weight (the interior view's exposure) eases in and out with the flight") {
    render::OrbitCamera cam;
    cam.frame({{-0.95f, 0, -2.4f}, {0.95f, 1.45f, 2.4f}});
    CHECK(cam.interiorWeight() == 0.0f);
    cam.setPreset("interior");  // animated: 0.9 s
    float last = cam.interiorWeight();
    CHECK(last == 0.0f);
    for (int i = 0; i < 10; ++i) {
        cam.update(0.1f);
        CHECK(cam.interiorWeight() >= last);
        last = cam.interiorWeight();
    }
    CHECK(last == 1.0f);
    cam.setPreset("side");
    cam.update(0.45f);
    CHECK(cam.interiorWeight() > 0.0f);
    CHECK(cam.interiorWeight() < 1.0f);
    cam.drag(10, 0);  // a drag ends the flight where it is: outside
    CHECK(cam.interiorWeight() == 0.0f);
    cam.setPreset("interior", false);
    CHECK(cam.interiorWeight() == 1.0f);
}

TEST_CASE("generated cars mark the driver's eyes, and the interior view looks from there") {
    const core::Catalog c = catalog();
    for (const auto& model : c.models) {
        const render::ImportResult r = render::importModel(testing_paths::sourceDir() + "/assets/cars/" + model.id + ".glb");
        REQUIRE(r.ok());
        const int node = r.scene->findNode("driver-eye");
        INFO(model.id);
        REQUIRE(node >= 0);
        const render::Vec3 eye = r.scene->worldTransform(node).transformPoint({0, 0, 0});
        const render::Bounds b = r.scene->bounds();
        CHECK(eye.x > 0.2f);  // left-hand drive: the driver sits on +X
        CHECK((eye.y - b.min.y) / b.size().y == Approx(0.75).margin(0.12));
        CHECK(std::fabs(eye.z - b.center().z) < b.size().z * 0.25f);
        render::OrbitCamera cam;
        cam.setDriverEye(eye);
        cam.frame(b);
        cam.setPreset("interior", false);
        CHECK(render::length(cam.eye() - eye) < 0.1f);
        CHECK(cam.pose().pitch > 0.1f);  // looking down at the dashboard
    }
}

TEST_CASE("still frames: Halton jitter covers the pixel evenly, the first sample is unjittered") {
    CHECK(render::halton(1, 2) == Approx(0.5));
    CHECK(render::halton(2, 2) == Approx(0.25));
    CHECK(render::halton(3, 2) == Approx(0.75));
    CHECK(render::halton(1, 3) == Approx(1.0 / 3));
    CHECK(render::halton(5, 3) == Approx(7.0 / 9));
    const render::Vec2 first = render::jitterOffset(0);
    CHECK(first.x == 0.0f);
    CHECK(first.y == 0.0f);
    // 16 samples: inside the pixel, all different, centred, one in each quarter of the pixel at least twice.
    double sx = 0, sy = 0;
    int quarter[4] = {0, 0, 0, 0};
    std::vector<std::pair<float, float>> seen;
    for (int i = 0; i < 16; ++i) {
        const render::Vec2 o = render::jitterOffset(i);
        CHECK(o.x >= -0.5f);
        CHECK(o.x < 0.5f);
        CHECK(o.y >= -0.5f);
        CHECK(o.y < 0.5f);
        CHECK(std::find(seen.begin(), seen.end(), std::make_pair(o.x, o.y)) == seen.end());
        seen.emplace_back(o.x, o.y);
        sx += o.x;
        sy += o.y;
        if (i > 0) ++quarter[(o.x >= 0 ? 1 : 0) + (o.y >= 0 ? 2 : 0)];
    }
    CHECK(std::abs(sx / 16) < 0.05);
    CHECK(std::abs(sy / 16) < 0.05);
    for (int q : quarter) CHECK(q >= 2);
}

TEST_CASE("still frames: a jittered projection moves the picture by the offset in pixels") {
    const render::Mat4 proj = render::Mat4::perspective(0.6f, 16.0f / 9, 0.1f, 50);
    const render::Mat4 view = render::Mat4::lookAt({3, 1.2f, 4}, {0, 0.6f, 0}, {0, 1, 0});
    const int w = 320, h = 180;
    auto toPixels = [&](const render::Mat4& p, render::Vec3 world) {
        const render::Mat4 vp = p * view;
        float c[4];
        for (int r = 0; r < 4; ++r)
            c[r] = vp.at(r, 0) * world.x + vp.at(r, 1) * world.y + vp.at(r, 2) * world.z + vp.at(r, 3);
        return std::make_pair((c[0] / c[3] * 0.5f + 0.5f) * w, (c[1] / c[3] * 0.5f + 0.5f) * h);
    };
    const render::Mat4 moved = render::jitteredProjection(proj, {0.25f, -0.4f}, w, h);
    for (const render::Vec3 p : {render::Vec3{0, 0, 0}, render::Vec3{1, 1.4f, -2}, render::Vec3{-2, 0.1f, 1.5f}}) {
        const auto [x0, y0] = toPixels(proj, p);
        const auto [x1, y1] = toPixels(moved, p);
        CHECK(x1 - x0 == Approx(0.25).margin(1e-3));
        CHECK(y1 - y0 == Approx(-0.4).margin(1e-3));
    }
}

TEST_CASE("still frames: samples count up while the view holds and start over on any change") {
    render::StillFrames still(4);
    render::FrameKey key;
    key.view = render::Mat4::lookAt({3, 1, 4}, {0, 0.5f, 0}, {0, 1, 0});
    key.width = 320;
    key.height = 180;
    CHECK(still.advance(key) == 0);  // a new view: drawn plainly
    CHECK_FALSE(still.converged());
    CHECK(still.advance(key) == 1);
    CHECK(still.advance(key) == 2);
    CHECK(still.advance(key) == 3);
    CHECK(still.converged());
    CHECK(still.advance(key) == 4);  // nothing left to add
    SECTION("the camera moves") {
        render::FrameKey moved = key;
        moved.view.at(0, 3) += 1e-4f;
        CHECK(still.advance(moved) == 0);
        CHECK(still.advance(moved) == 1);
    }
    SECTION("the paint, the model or a part changes") {
        render::FrameKey repainted = key;
        ++repainted.sceneVersion;
        CHECK(still.advance(repainted) == 0);
    }
    SECTION("the size or a setting changes") {
        render::FrameKey resized = key, exposed = key;
        resized.width = 321;
        exposed.settings[0] = 1.5f;
        CHECK(still.advance(resized) == 0);
        CHECK(still.advance(exposed) == 0);
    }
    SECTION("reset") {
        still.reset();
        CHECK(still.advance(key) == 0);
    }
}
