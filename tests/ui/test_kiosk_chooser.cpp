// The kiosk as a customer sees it: the real executable under Xvfb with Mesa's software OpenGL,
// its screenshot checked pixel by pixel against the layout it reports.
#include <catch2/catch.hpp>


#include <array>
#include <cmath>
#include <functional>
#include <filesystem>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/ContentLoader.h"
#include "support/Process.h"
#include "support/PngImage.h"
#include "support/RunDir.h"
#include "support/TestPaths.h"

namespace fs = std::filesystem;

namespace {

using testing_image::Image;
using testing_image::loadPng;

struct Shot {
    testing_process::Result run;
    Image image;
    nlohmann::json layout;
};

std::string tempPath(const std::string& name) {
    return (testing_paths::runDir("kiosk-ui-tests") / name).string();
}

// Runs the kiosk full screen on a virtual 1920x1080 display (or the given screen) and loads what it drew.
Shot shoot(const std::string& name, std::vector<std::string> extra, const std::string& screen = "1920x1080x24") {
    Shot s;
    const std::string png = tempPath(name + ".png");
    const std::string layout = tempPath(name + ".json");
    std::vector<std::string> argv = {XVFB_EXEC_PATH, screen, KIOSK_PATH,
                                     "--content", testing_paths::contentDir(), "--screenshot", png,
                                     "--frames", "16", "--dump-layout", layout};
    argv.insert(argv.end(), extra.begin(), extra.end());
    s.run = testing_process::run(argv);
    INFO(s.run.err);
    REQUIRE(s.run.exitCode == 0);
    s.image = loadPng(png);
    s.layout = nlohmann::json::parse(std::ifstream(layout));
    return s;
}

int countPixels(const Image& img, const nlohmann::json& rect, const std::function<bool(std::array<int, 3>)>& pred) {
    const int x0 = static_cast<int>(rect[0].get<float>()), y0 = static_cast<int>(rect[1].get<float>());
    const int x1 = x0 + static_cast<int>(rect[2].get<float>()), y1 = y0 + static_cast<int>(rect[3].get<float>());
    int n = 0;
    for (int y = std::max(y0, 0); y < std::min(y1, img.height); ++y)
        for (int x = std::max(x0, 0); x < std::min(x1, img.width); ++x)
            if (pred(img.at(x, y))) ++n;
    return n;
}

bool dark(std::array<int, 3> p) { return p[0] + p[1] + p[2] < 3 * 90; }
bool near(std::array<int, 3> p, std::array<int, 3> q, int tol) {
    return std::abs(p[0] - q[0]) <= tol && std::abs(p[1] - q[1]) <= tol && std::abs(p[2] - q[2]) <= tol;
}

int differingPixels(const Image& a, const Image& b, const nlohmann::json& rect) {
    const int x0 = static_cast<int>(rect[0].get<float>()), y0 = static_cast<int>(rect[1].get<float>());
    int n = 0;
    for (int y = y0; y < y0 + static_cast<int>(rect[3].get<float>()); ++y)
        for (int x = x0; x < x0 + static_cast<int>(rect[2].get<float>()); ++x)
            if (!near(a.at(x, y), b.at(x, y), 8)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the model chooser draws three cards with name, price and picture") {
    const Shot s = shoot("chooser-zh", {});
    REQUIRE(s.image.width == 1920);
    REQUIRE(s.image.height == 1080);
    CHECK(s.run.err.find("have no glyph") == std::string::npos);  // every Chinese character has a glyph
    CHECK(near(s.image.at(5, 1075), {242, 243, 244}, 3));          // page background in a corner
    const auto& cards = s.layout["cards"];
    REQUIRE(cards.size() == 3);
    const auto catalog = core::loadContent(testing_paths::contentDir());
    REQUIRE(catalog.ok());
    for (size_t i = 0; i < 3; ++i) {
        INFO("card " << i);
        const auto& r = cards[i];
        // The card's face is white where the layout puts it, and not outside its left edge.
        const int cx = static_cast<int>(r[0].get<float>() + 12), cy = static_cast<int>(r[1].get<float>() + r[3].get<float>() - 30);
        CHECK(near(s.image.at(cx, cy), {255, 255, 255}, 2));
        CHECK(near(s.image.at(static_cast<int>(r[0].get<float>()) - 12, cy), {242, 243, 244}, 3));
        // The model name is drawn as dark text in its slot.
        CHECK(countPixels(s.image, s.layout["card_names"][i], dark) > 300);
        // The car picture shows the paint of the model's demo car.
        const auto& model = catalog.catalog->models[i];
        std::string paintId;
        for (const auto& d : catalog.catalog->showroom.demoFleet)
            if (d.model == model.id && paintId.empty()) paintId = d.paint;
        const auto& rgb = model.findOption(paintId)->paint->baseColorSrgb;
        const std::array<int, 3> paint = {int(std::lround(rgb[0] * 255)), int(std::lround(rgb[1] * 255)),
                                          int(std::lround(rgb[2] * 255))};
        CHECK(countPixels(s.image, r, [&](auto p) { return near(p, paint, 4); }) > 5000);
    }
    // The language switch is a solid accent button.
    CHECK(countPixels(s.image, s.layout["language_switch"], [](auto p) { return near(p, {15, 118, 110}, 6); }) > 5000);
}

TEST_CASE("tapping the language switch redraws every string in English") {
    const Shot zh = shoot("lang-zh", {});
    const auto sw = zh.layout["language_switch"];
    const std::string tap = std::to_string(int(sw[0].get<float>() + sw[2].get<float>() / 2)) + "," +
                            std::to_string(int(sw[1].get<float>() + sw[3].get<float>() / 2));
    const Shot tapped = shoot("lang-tapped", {"--tap", tap});
    const Shot en = shoot("lang-en", {"--lang", "en"});
    // The header and every card name changed...
    CHECK(differingPixels(zh.image, tapped.image, zh.layout["header"]) > 2000);
    for (const auto& name : zh.layout["card_names"]) CHECK(differingPixels(zh.image, tapped.image, name) > 300);
    // ...to exactly what the kiosk draws when started in English.
    const nlohmann::json whole = {0.0f, 0.0f, 1920.0f, 1080.0f};
    CHECK(differingPixels(tapped.image, en.image, whole) < 200);
}

TEST_CASE("portrait screens stack the cards") {
    const Shot s = shoot("portrait", {}, "1080x1920x24");
    REQUIRE(s.image.width == 1080);
    const auto& cards = s.layout["cards"];
    REQUIRE(cards.size() == 3);
    CHECK(cards[1][1].get<float>() > cards[0][1].get<float>() + cards[0][3].get<float>());
    for (const auto& name : s.layout["card_names"]) CHECK(countPixels(s.image, name, dark) > 300);
}

TEST_CASE("a kiosk whose content never loaded shows no customer screen and logs the full list of errors") {
    // A fresh data folder: no earlier content to fall back on, so the kiosk is out of order (never a
    // half-loaded car) and the log names every error for staff.
    const fs::path data = tempPath("many-errors-data");
    fs::remove_all(data);
    const auto r = testing_process::run({KIOSK_PATH, "--content", testing_paths::fixtures() + "/content/many-errors", "--data",
                                         data.string(), "--screenshot", tempPath("out-of-order.png")});
    CHECK(r.err.find("out of order: no content loads") != std::string::npos);
    CHECK(r.err.find("/trims/0/options/3: unknown option \"mini-roof\"") != std::string::npos);
    CHECK(r.err.find("/trims/0/physics/curb_mass_kg: value 0 is outside 500..4000") != std::string::npos);
    CHECK(r.err.find("more") == std::string::npos);  // every error listed, none summarised
}

TEST_CASE("the kiosk explains a bad command line") {
    const auto r = testing_process::run({KIOSK_PATH, "--windowed", "huge"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--windowed \"huge\": expected WxH") != std::string::npos);
}
