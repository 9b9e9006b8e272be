// The mesh checker (render/MeshCheck.h) on small built meshes with known defects, on the kept
// grid-built car of December 2026 (tests/fixtures/cars), and `kioskctl model` as a user runs it;
// the chord error against the recorded surface (render/ChordError.h) on generated cars, a
// deliberately coarse one and models without a record.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <functional>

#include "core/ContentLoader.h"
#include "render/CarGenerator.h"
#include "render/ChordError.h"
#include "render/Importer.h"
#include "render/MeshCheck.h"
#include "SurfaceProjector.h"
#include "support/Process.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

namespace {

constexpr float kPi = 3.14159265f;

// A flat 1 m x 0.4 m panel in the x-y plane split into two materials along y = boundary(x):
// `columns` columns, each with a lower quad (material 0) and an upper quad (material 1) that
// share the boundary vertex pair.
render::SceneData splitPanel(int columns, const std::function<float(float)>& boundary) {
    render::SceneData s;
    s.materials.resize(2);
    s.materials[0].name = "paint";
    s.materials[1].name = "glass";
    s.meshes.resize(2);
    for (int m = 0; m < 2; ++m) {
        s.meshes[m].material = m;
        s.meshes[m].name = m == 0 ? "lower" : "upper";
    }
    auto vertex = [](render::MeshData& mesh, float x, float y) {
        render::Vertex v;
        v.position = {x, y, 0};
        v.normal = {0, 0, 1};
        mesh.vertices.push_back(v);
        mesh.bounds.add(v.position);
        return static_cast<std::uint32_t>(mesh.vertices.size() - 1);
    };
    for (int c = 0; c < columns; ++c) {
        const float x0 = float(c) / columns, x1 = float(c + 1) / columns;
        const float b0 = boundary(x0), b1 = boundary(x1);
        auto& lo = s.meshes[0];
        const auto a = vertex(lo, x0, 0), b = vertex(lo, x1, 0), cc = vertex(lo, x1, b1), d = vertex(lo, x0, b0);
        lo.indices.insert(lo.indices.end(), {a, b, cc, a, cc, d});
        auto& hi = s.meshes[1];
        const auto e = vertex(hi, x0, b0), f = vertex(hi, x1, b1), g = vertex(hi, x1, 0.4f), h = vertex(hi, x0, 0.4f);
        hi.indices.insert(hi.indices.end(), {e, f, g, e, g, h});
    }
    render::NodeData root;
    root.name = "root";
    root.meshes = {0, 1};
    s.nodes.push_back(root);
    return s;
}

// Two nodes, each a square of one material at height z: 1 m wide at the origin and 0.5 m wide
// offset by 0.25 m, so they overlap in a 0.5 m square.
render::SceneData twoSquares(float secondZ) {
    render::SceneData s;
    s.materials.resize(2);
    s.materials[0].name = "paint";
    s.materials[1].name = "decal";
    auto square = [](float x0, float size, float z, int material) {
        render::MeshData m;
        m.material = material;
        for (auto [x, y] : {std::pair{0.f, 0.f}, {1.f, 0.f}, {1.f, 1.f}, {0.f, 1.f}}) {
            render::Vertex v;
            v.position = {x0 + x * size, x0 + y * size, z};
            v.normal = {0, 0, 1};
            m.vertices.push_back(v);
        }
        m.indices = {0, 1, 2, 0, 2, 3};
        return m;
    };
    s.meshes = {square(0, 1, 0, 0), square(0.25f, 0.5f, secondZ, 1)};
    s.nodes.resize(3);
    s.nodes[0].name = "root";
    s.nodes[0].children = {1, 2};
    s.nodes[1] = {"body", 0, {}, {0}, {}};
    s.nodes[2] = {"badge", 0, {}, {1}, {}};
    return s;
}

}  // namespace

TEST_CASE("a smooth material boundary passes, a staircase of quads fails") {
    const render::MeshCheckLimits limits;
    auto wave = [](float x) { return 0.2f + 0.03f * std::sin(2 * kPi * x); };
    const auto smooth = render::checkMesh(splitPanel(200, wave), limits, {});
    REQUIRE(smooth.boundaries.size() == 1);
    CHECK(smooth.boundaries[0].edges == 200);
    CHECK(smooth.boundaries[0].lengthMm == Approx(1009).epsilon(0.01));
    CHECK(smooth.boundaries[0].deviationMm < 0.05);
    CHECK(smooth.boundaries[0].maxTurnDegrees < 2);
    CHECK(smooth.passed());

    // The same curve rounded to whole 5 cm cells, as a grid classifier makes it.
    auto stairs = [&](float x) { return std::round(wave(std::floor(x * 20) / 20) / 0.05f) * 0.05f; };
    const auto stepped = render::checkMesh(splitPanel(200, stairs), limits, {});
    REQUIRE_FALSE(stepped.passed());
    double deviation = 0, turn = 0;
    for (const auto& b : stepped.boundaries) {
        deviation = std::max(deviation, b.deviationMm);
        turn = std::max(turn, b.maxTurnDegrees);
    }
    CHECK(deviation > 2);
    CHECK(turn > 45);
    CHECK_THAT(stepped.violations.front(), Catch::Contains("glass|paint boundary"));
}

TEST_CASE("the smoothness fit ignores tessellation of a circle and sees one kink") {
    std::vector<render::Vec3> arc;
    for (int i = 0; i <= 60; ++i) {
        const float a = i * 0.01f;  // 0.3 m radius, 3 mm steps
        arc.push_back({0.3f * std::cos(a), 0.3f * std::sin(a), 0});
    }
    auto deviation = render::polylineDeviationMm(arc, false);
    CHECK(*std::max_element(deviation.begin(), deviation.end()) < 0.01);
    arc[30].z += 0.002f;  // a 2 mm bump
    deviation = render::polylineDeviationMm(arc, false);
    CHECK(deviation[30] > 1.0);
    CHECK(deviation[10] < 0.01);  // far from the bump
}

TEST_CASE("coplanar overlapping parts are z-fighting unless they are alternatives or apart") {
    const render::MeshCheckLimits limits;
    const auto fighting = render::checkMesh(twoSquares(0.0001f), limits, {});
    REQUIRE(fighting.zFighting.size() == 1);
    CHECK(fighting.zFighting[0].nodeA == "body");
    CHECK(fighting.zFighting[0].nodeB == "badge");
    CHECK(fighting.zFighting[0].trianglePairs >= 2);
    CHECK_FALSE(fighting.passed());
    CHECK(render::checkMesh(twoSquares(0.0001f), limits, {{"body", "badge"}}).zFighting.empty());
    CHECK(render::checkMesh(twoSquares(0.003f), limits, {}).zFighting.empty());  // 3 mm proud: no fight
}

TEST_CASE("NaN and zero normals are counted and fail the check") {
    render::SceneData s = twoSquares(0.01f);
    s.meshes[0].vertices[0].normal = {std::nanf(""), 0, 0};
    s.meshes[1].vertices[2].normal = {0, 0, 0};
    const auto r = render::checkMesh(s, {}, {});
    CHECK(r.nanNormals == 1);
    CHECK(r.degenerateNormals == 1);
    CHECK(r.triangles == 4);
    CHECK_FALSE(r.passed());
}

TEST_CASE("the grid-built car of December 2026 fails the mesh check at its glass boundaries") {
    const std::string file = testing_paths::fixtures() + "/cars/lark-grid-2026-12.glb";
    const render::ImportResult imported = render::importModel(file);
    REQUIRE(imported.ok());
    const auto r = render::checkMesh(*imported.scene, {}, {});
    CHECK(r.triangles > 10000);
    CHECK_FALSE(r.passed());
    bool glassStaircase = false;
    for (const auto& b : r.boundaries)
        if ((b.materialA == "glass" || b.materialB == "glass") && b.maxTurnDegrees > 30) glassStaircase = true;
    CHECK(glassStaircase);
}

TEST_CASE("rims of classified grid cells fail at their cut edges, and the shipped rims are solids that pass") {
    const render::MeshCheckLimits limits;
    auto rimCutEdges = [](const render::MeshCheckReport& r) {
        std::vector<render::BoundaryCheck> out;
        for (const auto& b : r.boundaries)
            if (b.materialB == "(open edge)" && b.nodeA.rfind("rim-", 0) == 0) out.push_back(b);
        return out;
    };
    const auto grid = render::importModel(testing_paths::fixtures() + "/cars/lark-grid-2026-12.glb");
    REQUIRE(grid.ok());
    const auto gridReport = render::checkMesh(*grid.scene, limits, {});
    double worstTurn = 0;
    for (const auto& b : rimCutEdges(gridReport)) worstTurn = std::max(worstTurn, b.maxTurnDegrees);
    CHECK(worstTurn > 45);  // the steps between a spoke cell and a gap cell
    bool named = false;
    for (const auto& v : gridReport.violations)
        if (v.find("(open edge) boundary (rim-") != std::string::npos) named = true;
    CHECK(named);

    const std::string shipped = testing_paths::sourceDir() + "/assets/cars/lark.glb";
    if (!std::filesystem::exists(shipped)) KIOSK_SKIP("no shipped cars in " + shipped);
    const auto car = render::importModel(shipped);
    REQUIRE(car.ok());
    const auto report = render::checkMesh(*car.scene, limits, {});
    const auto edges = rimCutEdges(report);
    CHECK_FALSE(edges.empty());  // the backing discs' rims are measured too
    for (const auto& b : edges) {
        CHECK(b.maxTurnDegrees <= limits.boundaryTurnDegrees);
        CHECK(b.deviationMm <= limits.boundaryDeviationMm);
    }
}

namespace {

// The catalog's first model generated with `options` into a temporary file, checked.
render::ChordReport chordOfGenerated(const render::GeneratorOptions& options, const std::string& name) {
    const auto content = core::loadContent(testing_paths::contentDir());
    REQUIRE(content.ok());
    const render::GeneratedCar car = render::generateCar(content.catalog->models.front(), options);
    const std::string path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(car.glb.data()), static_cast<std::streamsize>(car.glb.size()));
    const auto imported = render::importModel(path);
    REQUIRE(imported.ok());
    return render::measureChordError(*imported.scene, path);
}

}  // namespace

TEST_CASE("a deliberately coarse tessellation of a generated car fails the chord error limit") {
    render::GeneratorOptions coarse;
    coarse.bodyToleranceMm = 25;
    coarse.bodyMaxEdgeMm = 200;  // steps over 250 mm would merge the side windows' cells across a pillar
    const render::ChordReport r = chordOfGenerated(coarse, "render-test-coarse-car.glb");
    REQUIRE(r.known);
    CHECK(r.levelOfDetail == "software-gl");
    CHECK(r.maxMm > r.limitMm);
    CHECK_FALSE(r.passed());
    CHECK_THAT(r.violation(), Catch::Contains("chord error") && Catch::Contains("body (paint)"));
    bool body = false;
    for (const auto& g : r.groups)
        if (g.mesh == "body" && g.material == "paint") body = g.triangles > 1000 && g.maxMm > 1.6 && g.p99Mm <= g.maxMm;
    CHECK(body);
    // The shipped tessellation of the same car lies much closer to the same surface.
    const render::ChordReport fine = chordOfGenerated({}, "render-test-fine-car.glb");
    REQUIRE(fine.known);
    CHECK(fine.maxMm < r.maxMm / 3);
    CHECK(fine.p99Mm < r.p99Mm / 3);
}

// The checker's projection onto the body surface must find the nearest point where the surface's
// rate along s has no bound: at the nose and tail tips (a search in s stopped there up to 1.65 mm
// too far, which read as chord error). Chord midpoints of tip triangles against a dense search.
TEST_CASE("the surface projection finds the nearest point at the nose and tail tips as a dense search does") {
    const render::gen::BodySurface body({"hatchback", 4.2f, 1.8f, 1.575f, 2.7f, 0.14f, 0.33f});
    const render::gen::SurfaceProjector proj(body);
    struct Chord {
        float s0, t0, s1, t1;
    };
    // Edges of the kind a tessellation has at the tips: from the tip (or near it) a little way along.
    const Chord chords[] = {{0.0f, -0.15f, 0.00031f, -0.04f}, {0.00004f, -0.13f, 0.00031f, 0.0f},
                            {0.0001f, 0.7f, 0.0004f, 0.8f},    {1.0f, 0.2f, 0.9997f, 0.1f},
                            {0.9999f, -0.5f, 0.9995f, -0.4f}};
    for (const Chord& c : chords) {
        const render::Vec3 mid = (body.point(c.s0, c.t0) + body.point(c.s1, c.t1)) / 2.0f;
        const double projected = proj.distance(mid, (c.s0 + c.s1) / 2, (c.t0 + c.t1) / 2, 0);
        double dense = 1e9;
        const bool tail = c.s0 < 0.5f;
        for (int i = 0; i <= 1500; ++i) {
            const float u = static_cast<float>(i) / 1500, ds = 0.004f * u * u;  // denser towards the tip
            const float s = tail ? ds : 1 - ds;
            for (int k = 0; k <= 300; ++k) {
                const float t = std::min(c.t0, c.t1) - 0.3f + (std::fabs(c.t1 - c.t0) + 0.6f) * static_cast<float>(k) / 300;
                dense = std::min(dense, static_cast<double>(render::length(mid - body.point(s, t))));
            }
        }
        INFO("chord from (" << c.s0 << ", " << c.t0 << ") to (" << c.s1 << ", " << c.t1 << "): projected "
                            << projected * 1000 << " mm, dense search " << dense * 1000 << " mm");
        CHECK(projected <= dense + 0.00002);
    }
}

TEST_CASE("a model without a recorded surface has a chord error that is not known, neither pass nor fail") {
    const std::string grid = testing_paths::fixtures() + "/cars/lark-grid-2026-12.glb";
    const auto imported = render::importModel(grid);
    REQUIRE(imported.ok());
    const render::ChordReport r = render::measureChordError(*imported.scene, grid);
    CHECK_FALSE(r.known);
    CHECK(r.passed());
    CHECK_THAT(r.why, Catch::Contains("records no surface"));
    const auto toycar = testing_paths::sharedData("reference-models/toycar/ToyCar.gltf");
    if (!toycar) KIOSK_SKIP(testing_paths::sharedDataAbsent("reference-models/toycar/ToyCar.gltf"));
    const auto khronos = render::importModel(*toycar);
    REQUIRE(khronos.ok());
    const render::ChordReport k = render::measureChordError(*khronos.scene, *toycar);
    CHECK_FALSE(k.known);
    CHECK(k.groups.empty());
}

TEST_CASE("a recorded surface that this generator does not make is not known") {
    const auto content = core::loadContent(testing_paths::contentDir());
    REQUIRE(content.ok());
    const render::GeneratedCar car = render::generateCar(content.catalog->models.front());
    // Stretch the record's length: the probes no longer match the surface it describes.
    const std::uint32_t jsonLength = car.glb[12] | car.glb[13] << 8 | car.glb[14] << 16 | static_cast<std::uint32_t>(car.glb[15]) << 24;
    std::string json(car.glb.begin() + 20, car.glb.begin() + 20 + jsonLength);
    const auto at = json.find("\"length_m\":");
    REQUIRE(at != std::string::npos);
    char& digit = json[at + 11];  // the figure's first digit, changed in place (the chunk keeps its length)
    digit = digit == '4' ? '5' : '4';
    std::vector<std::uint8_t> glb(car.glb.begin(), car.glb.begin() + 20);
    glb.insert(glb.end(), json.begin(), json.end());
    glb.insert(glb.end(), car.glb.begin() + 20 + jsonLength, car.glb.end());
    const std::string path = (std::filesystem::temp_directory_path() / "render-test-stretched-record.glb").string();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(glb.data()), static_cast<std::streamsize>(glb.size()));
    const auto imported = render::importModel(path);
    REQUIRE(imported.ok());
    const render::ChordReport r = render::measureChordError(*imported.scene, path);
    CHECK_FALSE(r.known);
    CHECK_THAT(r.why, Catch::Contains("does not match"));
}

#ifdef KIOSKCTL_PATH
TEST_CASE("kioskctl model generate --help prints help and writes nothing") {
    const std::string out = (std::filesystem::temp_directory_path() / "render-test-generate-help").string();
    std::filesystem::remove_all(out);
    const auto r = testing_process::run({KIOSKCTL_PATH, "model", "generate", "--help", "--out", out});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("usage: kioskctl model") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    const auto bad = testing_process::run({KIOSKCTL_PATH, "model", "generate", "--outt", out});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find("unexpected argument \"--outt\"") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("kioskctl model check flags the kept grid-built car, with figures in JSON") {
    const std::string file = testing_paths::fixtures() + "/cars/lark-grid-2026-12.glb";
    const auto r = testing_process::run({KIOSKCTL_PATH, "model", "check", file, "--json"});
    CHECK(r.exitCode == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["passed"] == false);
    CHECK(j["triangles"].get<size_t>() > 10000);
    CHECK(j["boundaries"].size() > 0);
    CHECK(j["violations"].size() > 0);
    CHECK(j["chord_error"]["known"] == false);
    const auto text = testing_process::run({KIOSKCTL_PATH, "model", "check", file});
    CHECK(text.exitCode == 1);
    CHECK(text.out.find("result: FAIL") != std::string::npos);
    CHECK(text.out.find("chord error: not known") != std::string::npos);
    const auto missing = testing_process::run({KIOSKCTL_PATH, "model", "check", file + ".missing"});
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find(".missing") != std::string::npos);
}
TEST_CASE("kioskctl model check passes every shipped car, its chord error reported per mesh, in text and JSON") {
    for (const char* id : {"lark", "heron", "crane"}) {
        INFO(id);
        const std::string file = testing_paths::sourceDir() + "/assets/cars/" + id + ".glb";
        const auto r = testing_process::run({KIOSKCTL_PATH, "model", "check", file, "--json"});
        const auto j = nlohmann::json::parse(r.out);
        const auto& c = j["chord_error"];
        REQUIRE(c["known"] == true);
        CHECK(c["level_of_detail"] == "software-gl");
        CHECK(c["limit_mm"].get<double>() == Approx(1.6));
        CHECK(c["max_mm"].get<double>() >= c["p99_mm"].get<double>());
        CHECK(c["max_mm"].get<double>() <= 1.6);
        CHECK(c["triangles"].get<size_t>() > 10000);
        std::set<std::string> meshes;
        for (const auto& m : c["meshes"]) meshes.insert(m["mesh"].get<std::string>() + "/" + m["material"].get<std::string>());
        for (const char* m : {"body/paint", "glass/glass", "lights/headlight", "lights/taillight", "roof-panel/paint"}) CHECK(meshes.count(m));
        INFO(j["violations"].dump());
        CHECK(j["passed"] == true);
        CHECK(r.exitCode == 0);
        const auto text = testing_process::run({KIOSKCTL_PATH, "model", "check", file});
        CHECK(text.exitCode == 0);
        CHECK(text.out.find("chord error: max ") != std::string::npos);
        CHECK(text.out.find("body (paint)") != std::string::npos);
        CHECK(text.out.find("result: PASS") != std::string::npos);
    }
}
#endif
