// Bad content never blanks the kiosk: a broken content file makes the real kiosk (under Xvfb) run
// on the last content that loaded and tell staff (a log line and the advisor-mode banner); with no
// content that loads at all it shows the out-of-order screen with the support phone number. And a
// content version published at a real hub reaches two running kiosks, each switching to it only
// between visits.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include "KioskReplay.h"
#include "support/PngImage.h"
#include "sync/ChildProcess.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;

namespace {

fs::path copyContent(const std::string& name) {
    const fs::path dir = workDir() / name;
    fs::remove_all(dir);
    fs::copy(testing_paths::contentDir(), dir, fs::copy_options::recursive);
    return dir;
}

void breakFile(const fs::path& file) { std::ofstream(file, std::ios::trunc) << "{\"trims\": [ broken"; }

void replaceIn(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = testing_process::slurp(file.string());
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// Pixels darker than the light background: drawn text.
int darkPixels(const testing_image::Image& img, int y0, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = 0; x < img.width; ++x) n += img.at(x, y)[0] < 100;
    return n;
}

std::string run(const std::vector<std::string>& argv) {
    const auto r = testing_process::run(argv);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

TEST_CASE("a broken content file: the kiosk runs on the last content that loaded and tells staff") {
    const fs::path content = copyContent("fallback-content"), data = workDir() / "fallback-data";
    fs::remove_all(data);
    const fs::path first = workDir() / "fallback-first.json", banner = workDir() / "fallback-advisor.png",
                   dump = workDir() / "fallback-advisor.json";
    const nlohmann::json look = {{{"frames", 2}}, {{"dump", first.string()}}};
    auto ok = replay("fallback-first", look, {.screen = "1920x1080x24", .extra = {"--content", content.string(), "--data", data.string()}, .with3d = false, .env = {},
                                 .ownData = true});
    INFO(ok.err);
    REQUIRE(ok.exitCode == 0);
    CHECK(readJson(first)["content_notice"] == "");

    breakFile(content / "models/heron.json");
    const nlohmann::json advisor = {{{"tap", "start"}}, {{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 3}},
                                    {{"expect_screen", "advisor"}}, {{"screenshot", banner.string()}},
                                    {{"dump", dump.string()}}};
    auto broken = replay("fallback-broken", advisor, {.screen = "1920x1080x24", .extra = {"--content", content.string(), "--data", data.string()}, .with3d = false, .env = {},
                                 .ownData = true});
    INFO(broken.err);
    REQUIRE(broken.exitCode == 0);  // running, not blank
    CHECK(broken.err.find("content fallback") != std::string::npos);
    CHECK(broken.err.find("models/heron.json") != std::string::npos);
    const auto d = readJson(dump);
    CHECK(d["content_version"] == "2026.11.0");
    CHECK(d["content_notice"].get<std::string>().find("models/heron.json") != std::string::npos);
    // The amber banner along the bottom of advisor mode, with its text in it.
    const auto img = testing_image::loadPng(banner.string());
    REQUIRE(img.width == 1920);
    CHECK(img.at(4, 1075) == std::array<int, 3>{0xF5, 0x9E, 0x0B});
    CHECK(img.at(1915, 1075) == std::array<int, 3>{0xF5, 0x9E, 0x0B});
    CHECK(darkPixels(img, 1040, 1076) > 200);
}

TEST_CASE("no content loads at all: the out-of-order screen with the support phone number") {
    const fs::path content = copyContent("nocontent-content"), data = workDir() / "nocontent-data";
    fs::remove_all(data);
    breakFile(content / "models/heron.json");
    const fs::path png = workDir() / "nocontent.png", state = workDir() / "nocontent.json";
    const auto r = testing_process::run({XVFB_EXEC_PATH, "1920x1080x24", KIOSK_PATH, "--content",
                                         content.string(), "--data", data.string(), "--no-3d", "--screenshot", png.string(),
                                         "--frames", "3", "--dump-layout", state.string()},
                                        {"KIOSK_SUPPORT_PHONE=+86 571 8888 0000"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.find("out of order") != std::string::npos);
    CHECK(r.err.find("models/heron.json") != std::string::npos);
    const auto s = readJson(state);
    CHECK(s["screen"] == "out_of_order");
    CHECK(s["phone"] == "+86 571 8888 0000");
    CHECK(s["text"].get<std::string>().find("+86 571 8888 0000") != std::string::npos);
    const auto img = testing_image::loadPng(png.string());
    REQUIRE(img.width == 1920);
    CHECK(img.at(10, 10) == std::array<int, 3>{0xF4, 0xF3, 0xF2});  // the light background, not a blank black screen
    CHECK(darkPixels(img, 0, 400) == 0);                              // text in the middle only
    CHECK(darkPixels(img, 400, 680) > 2000);
}

TEST_CASE("a price change published at the hub reaches two running kiosks, each switching only between visits") {
    const fs::path dir = workDir() / "publish-e2e";
    fs::remove_all(dir);
    fs::create_directories(dir / "hub");
    const std::string hubData = (dir / "hub").string(), shipped = testing_paths::contentDir();
    std::map<std::string, std::string> tokens;
    for (const char* k : {"kiosk-a", "kiosk-b"})
        tokens[k] = run({SALES_HUB_PATH, "register", "--data", hubData, "--device", k, "--content", shipped});
    const std::string key = run({SALES_HUB_PATH, "content", "public-key", "--data", hubData, "--content", shipped});
    testing_process::ChildProcess hub({SALES_HUB_PATH, "--listen", "127.0.0.1:0", "--data", hubData, "--content", shipped});
    REQUIRE(hub.waitFor("listening on http://127.0.0.1:", std::chrono::seconds(20)));
    hub.waitFor("\n", std::chrono::seconds(1));
    const std::string prefix = "listening on http://127.0.0.1:";
    const std::string url = "http://127.0.0.1:" + std::to_string(std::stoi(hub.output().substr(hub.output().find(prefix) + prefix.size())));

    // The dealer's price change: the Heron 3,000 yuan dearer.
    const fs::path priced = copyContent("publish-e2e-priced");
    replaceIn(priced / "models/heron.json", "\"base_price_minor\": 21590000", "\"base_price_minor\": 21890000");
    const std::string published = run({SALES_HUB_PATH, "content", "publish", priced.string(), "--data", hubData, "--content", shipped});
    REQUIRE(published.find("2026.11.0-r1") != std::string::npos);

    // The kiosks' own folder: a visit on kiosk B ends after 30 s without a touch.
    const fs::path local = copyContent("publish-e2e-local");
    replaceIn(local / "kiosk.json", "\"browse_s\": 60", "\"browse_s\": 30");
    std::random_device seed;
    const std::string display = ":" + std::to_string(std::uniform_int_distribution<int>(500, 899)(seed));
    testing_process::ChildProcess xvfb({"/usr/bin/Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"});
    std::this_thread::sleep_for(std::chrono::seconds(2));
    auto kiosk = [&](const std::string& id, const std::string& extra) {
        fs::create_directories(dir / id);  // its database and its shelf of content versions
        const std::string cmd = std::string("exec ") + KIOSK_PATH + " --content " + local.string() +
                                " --windowed 1280x800 --no-3d " + extra + " 2>&1";
        return std::make_unique<testing_process::ChildProcess>(
            std::vector<std::string>{"/bin/sh", "-c", cmd},
            std::vector<std::string>{"DISPLAY=" + display, "KIOSK_ID=" + id, "KIOSK_DATABASE=" + (dir / id / "kiosk.db").string(),
                                     "KIOSK_HUB_URL=" + url, "KIOSK_HUB_TOKEN=" + tokens[id], "KIOSK_STORE_KEY=" + std::string(64, 'a'),
                                     "KIOSK_CONTENT_PUBLIC_KEY=" + key});
    };
    const auto started = std::chrono::steady_clock::now();
    auto a = kiosk("kiosk-a", "");                           // on the attract loop: between visits
    auto b = kiosk("kiosk-b", "--screen models");      // a customer is browsing
    const std::string switched = "content 2026.11.0-r1 from";
    INFO(a->output());
    REQUIRE(a->waitFor(switched, std::chrono::seconds(90)));
    auto list = [&] { return run({SALES_HUB_PATH, "content", "list", "--data", hubData, "--content", shipped}); };
    for (int i = 0; i < 300 && list().find("kiosk-b") == std::string::npos; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto stagedOnB = std::chrono::steady_clock::now() - started;
    INFO(b->output());
    REQUIRE(std::regex_search(list(), std::regex("kiosk-b +2026.11.0-r1 +staged")));
    REQUIRE(stagedOnB < std::chrono::seconds(28));  // else this run cannot tell "between visits" apart
    b->readAvailable();
    CHECK(b->output().find(switched) == std::string::npos);  // the visit keeps its prices
    REQUIRE(b->waitFor(switched, std::chrono::seconds(90)));
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::seconds(30));  // after the visit ended
    for (int i = 0; i < 300 && !std::regex_search(list(), std::regex("kiosk-b +2026.11.0-r1 +applied")); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string l = list();
    CHECK(std::regex_search(l, std::regex("kiosk-a +2026.11.0-r1 +applied")));
    CHECK(std::regex_search(l, std::regex("kiosk-b +2026.11.0-r1 +applied")));
}
