// Render tests with a real OpenGL context (Mesa llvmpipe under Xvfb; the test starts Xvfb
// itself when no display is set): paint, wheels, turntable, golden images, broken inputs.
// Golden images: tests/render/golden/CAR-VIEW.png; refresh on purpose with KIOSK_UPDATE_GOLDENS=1.
#include <catch2/catch.hpp>
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "CarSetup.h"
#include "OffscreenContext.h"
#include "XvfbDisplay.h"
#include "render/Showroom.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

namespace {

constexpr int kWidth = 320, kHeight = 180;

struct Image {
    std::vector<std::uint8_t> rgba;
    int width = kWidth, height = kHeight;
    const std::uint8_t* at(int x, int y) const { return &rgba[(static_cast<size_t>(y) * width + x) * 4]; }
};

// One display, context and renderer per test process.
struct Fixture {
    render::XvfbDisplay display;
    render::OffscreenContext context{kWidth, kHeight};
    render::Showroom showroom;
    render::CarSetup setup = render::loadCarSetup(testing_paths::contentDir());

    Image shot() {
        showroom.update(0);
        context.bind();
        showroom.render(kWidth, kHeight);
        return {context.readRgba()};
    }
    const core::Model& model(const std::string& id) { return *setup.catalog.findModel(id); }
    void loadCar(const std::string& id, const core::Configuration& config, const char* view = "front-three-quarter") {
        const render::ModelMapping& m = *setup.mapping.find(id);
        REQUIRE(showroom.loadModelNow(m.asset, m));
        showroom.applyConfiguration(model(id), config);
        showroom.camera().setPreset(view, false);
    }
};

Fixture& fixture() {
    static std::unique_ptr<Fixture> f = std::make_unique<Fixture>();
    return *f;
}

int pixelDiff(const std::uint8_t* a, const std::uint8_t* b) {
    return std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
}

double psnr(const Image& a, const Image& b) {
    double se = 0;
    for (size_t i = 0; i < a.rgba.size(); i += 4)
        for (int c = 0; c < 3; ++c) se += std::pow(double(a.rgba[i + c]) - b.rgba[i + c], 2);
    const double mse = se / (a.rgba.size() / 4 * 3);
    return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

void save(const Image& img, const std::string& name) {
    const std::string path = testing_paths::binaryDir() + "/render-" + name + ".png";
    stbi_write_png(path.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4);
}

}  // namespace

TEST_CASE("paint changes the body to the catalog colour and leaves the background alone") {
    Fixture& f = fixture();
    const core::Model& lark = f.model("lark");
    f.loadCar("lark", render::buildConfiguration(lark, "lark-standard", "lark-paint-white", "", {}), "side");
    const Image white = f.shot();
    f.showroom.applyConfiguration(lark, render::buildConfiguration(lark, "lark-standard", "lark-paint-orange", "", {}));
    const Image orange = f.shot();
    save(white, "paint-white");
    save(orange, "paint-orange");
    // A door panel in the side view, and a background corner.
    const int x = kWidth * 52 / 100, y = kHeight * 56 / 100;
    const std::uint8_t* w = white.at(x, y);
    const std::uint8_t* o = orange.at(x, y);
    INFO("white " << int(w[0]) << "," << int(w[1]) << "," << int(w[2]) << " orange " << int(o[0]) << "," << int(o[1]) << ","
                  << int(o[2]));
    CHECK(w[0] > 150);
    CHECK(std::abs(w[0] - w[2]) < 25);           // white stays neutral
    CHECK(o[0] > o[1] + 40);                     // orange: red well above green
    CHECK(o[1] > o[2] + 20);                     // and green above blue
    CHECK(pixelDiff(white.at(5, 5), orange.at(5, 5)) == 0);
    CHECK(pixelDiff(white.at(kWidth - 5, 5), orange.at(kWidth - 5, 5)) == 0);
}

TEST_CASE("swapping wheels changes pixels only around the wheels") {
    Fixture& f = fixture();
    const core::Model& heron = f.model("heron");
    f.loadCar("heron", render::buildConfiguration(heron, "heron-performance", "", "heron-wheel-19-aero", {}), "side");
    const Image aero = f.shot();
    f.showroom.applyConfiguration(heron, render::buildConfiguration(heron, "heron-performance", "", "heron-wheel-21-forged", {}));
    const Image forged = f.shot();
    save(aero, "wheels-aero");
    save(forged, "wheels-forged");
    // Changed pixels must lie in the lower part of the car, in two clusters at the axles.
    int changed = 0, outside = 0;
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            if (pixelDiff(aero.at(x, y), forged.at(x, y)) <= 24) continue;
            ++changed;
            if (y < kHeight * 45 / 100) ++outside;  // above the wheel tops in the side view
        }
    CHECK(changed > 200);
    CHECK(outside < changed / 50);
}

TEST_CASE("turntable frames differ") {
    Fixture& f = fixture();
    const core::Model& crane = f.model("crane");
    f.loadCar("crane", render::buildConfiguration(crane, "crane-standard", "", "", {}));
    const Image a = f.shot();
    f.showroom.turntable(true);
    f.showroom.update(1.0f);
    const Image b = f.shot();
    f.showroom.turntable(false);
    CHECK(psnr(a, b) < 30);
}

TEST_CASE("golden images of the three catalog cars in five views that differ from one another") {
    Fixture& f = fixture();
    const bool update = std::getenv("KIOSK_UPDATE_GOLDENS") != nullptr;
    const char* views[] = {"front-three-quarter", "side", "rear-three-quarter", "top", "interior"};
    for (const auto& id : {"lark", "heron", "crane"}) {
        const core::Model& m = f.model(id);
        std::vector<Image> shots;
        for (const char* view : views) {
            f.loadCar(id, render::buildConfiguration(m, m.trims.back().id, "", "", {}), view);
            const Image img = f.shot();
            shots.push_back(img);
            const std::string name = std::string(id) + "-" + view;
            const std::string golden = testing_paths::sourceDir() + "/tests/render/golden/" + name + ".png";
            if (update) {
                stbi_write_png(golden.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4);
                continue;
            }
            int w = 0, h = 0, n = 0;
            unsigned char* data = stbi_load(golden.c_str(), &w, &h, &n, 4);
            INFO(golden << " (refresh with KIOSK_UPDATE_GOLDENS=1)");
            REQUIRE(data);
            Image ref{std::vector<std::uint8_t>(data, data + size_t(w) * h * 4), w, h};
            stbi_image_free(data);
            REQUIRE(w == img.width);
            save(img, "golden-" + name);
            CHECK(psnr(img, ref) > 30);
        }
        // The views show different things: no two of a car's pictures are alike.
        for (size_t i = 0; i < shots.size(); ++i)
            for (size_t j = i + 1; j < shots.size(); ++j) {
                INFO(id << ": " << views[i] << " and " << views[j]);
                CHECK(psnr(shots[i], shots[j]) < 25);
            }
    }
}

TEST_CASE("a broken model shows the placeholder and keeps the reason") {
    Fixture& f = fixture();
    const std::string path = testing_paths::binaryDir() + "/render-truncated.glb";
    {
        std::ifstream in(testing_paths::sourceDir() + "/assets/cars/lark.glb", std::ios::binary);
        std::vector<char> bytes(4000);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    f.showroom.loadModel(path);
    CHECK(f.showroom.modelState() == render::ModelState::Loading);
    const Image loading = f.shot();  // spinner over the empty studio, never a frozen screen
    for (int i = 0; i < 500 && f.showroom.modelState() == render::ModelState::Loading; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        f.showroom.poll();
    }
    CHECK(f.showroom.modelState() == render::ModelState::Failed);
    CHECK_THAT(f.showroom.lastError(), Catch::Contains("truncated GLB"));
    const Image placeholder = f.shot();
    CHECK(f.showroom.stats().triangles > 0);  // the placeholder block is drawn
    CHECK(psnr(loading, placeholder) < 40);
}

TEST_CASE("reference models render framed on the studio floor") {
    auto dir = testing_paths::sharedData("reference-models");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("reference-models"));
    Fixture& f = fixture();
    for (const char* file : {"/toycar/ToyCar.gltf", "/kenney-truck/vehicle-truck-red.glb"}) {
        REQUIRE(f.showroom.loadModelNow(*dir + file));
        f.showroom.camera().setPreset("front-three-quarter", false);
        const Image img = f.shot();
        save(img, std::filesystem::path(file).stem().string());
        // The model fills the middle of the frame: the centre differs from the plain corners.
        CHECK(pixelDiff(img.at(kWidth / 2, kHeight / 2), img.at(5, 5)) > 30);
    }
}

TEST_CASE("the studio's strips light the paint unevenly: highlights and dark flags on the body") {
    Fixture& f = fixture();
    const core::Model& heron = f.model("heron");
    f.loadCar("heron", render::buildConfiguration(heron, "heron-performance", "heron-paint-red", "", {}));
    const Image red = f.shot();
    f.showroom.applyConfiguration(heron, render::buildConfiguration(heron, "heron-performance", "heron-paint-blue", "", {}));
    const Image blue = f.shot();
    save(red, "studio-paint");
    // Paint pixels: those the paint change moves. Their luminance spread shows whether the studio
    // draws lines on the body (a flat studio gives a narrow spread).
    std::vector<double> luminance;
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            if (pixelDiff(red.at(x, y), blue.at(x, y)) <= 60) continue;
            const std::uint8_t* p = red.at(x, y);
            luminance.push_back(0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2] + 1.0);
        }
    REQUIRE(luminance.size() > 2000);
    std::sort(luminance.begin(), luminance.end());
    const double p5 = luminance[luminance.size() * 5 / 100], p95 = luminance[luminance.size() * 95 / 100];
    INFO("paint luminance p5 " << p5 << ", p95 " << p95 << " over " << luminance.size() << " pixels");
    CHECK(p95 / p5 >= 3.0);
}
