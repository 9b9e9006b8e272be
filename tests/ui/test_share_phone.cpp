// The share link on the customer's phone: the page rendered by headless Chromium at phone sizes
// for sampled codes in both languages (not blank, no sideways scrolling), and the QR code of the
// kiosk's summary decoded from a screenshot opens that car's page on a real hub.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>

#include "KioskReplay.h"
#include "support/HeadlessChromium.h"
#include "support/PngImage.h"
#include "support/Skip.h"
#include "sync/ChildProcess.h"

using namespace kiosk_replay;

namespace {

const std::string kQuoteDay = "2026-11-27";  // the replayed kiosk's day

std::vector<std::string> sampleCodes(int n, int seed) {
    const auto r = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", std::to_string(n), "--seed", std::to_string(seed),
                                         "--content", testing_paths::contentDir()});
    REQUIRE(r.exitCode == 0);
    std::vector<std::string> codes;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) codes.push_back(line);
    return codes;
}

// A real sales-hub on a free loopback port with the shipped content.
struct RealHub {
    fs::path data;
    std::unique_ptr<testing_process::ChildProcess> process;
    std::string url;
    explicit RealHub(const std::string& name, std::vector<std::string> extra = {}) : data(workDir() / name) {
        std::vector<std::string> argv = {SALES_HUB_PATH, "--listen", "127.0.0.1:0", "--data", data.string(), "--content",
                                         testing_paths::contentDir()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        process = std::make_unique<testing_process::ChildProcess>(argv);
        REQUIRE(process->waitFor("listening on http://127.0.0.1:", std::chrono::seconds(20)));
        process->waitFor("\n", std::chrono::seconds(1));
        const std::string& out = process->output();
        const std::string prefix = "listening on http://127.0.0.1:";
        url = "http://127.0.0.1:" + std::to_string(std::stoi(out.substr(out.find(prefix) + prefix.size())));
    }
};

// Not blank: the dark header band on top, a light page below it, and the variety of drawn text.
void checkNotBlank(const testing_image::Image& img) {
    const auto top = img.at(4, 4);
    CHECK(top[0] + top[1] + top[2] < 150);
    const auto body = img.at(2, img.height / 2);
    CHECK(body[0] + body[1] + body[2] > 600);
    std::set<int> colours;
    size_t dark = 0;
    for (int y = 0; y < img.height; y += 2)
        for (int x = 0; x < img.width; x += 2) {
            const auto p = img.at(x, y);
            colours.insert((p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4));
            if (y > 140 && p[0] + p[1] + p[2] < 200) ++dark;  // text below the header
        }
    CHECK(colours.size() > 20);
    CHECK(dark > 500);
}

}  // namespace

TEST_CASE("headless Chromium renders the share page at 390x844 and 360x780 for 50 sampled codes in both languages", "[share]") {
    if (const std::string why = testing_chromium::absent(); !why.empty()) KIOSK_SKIP(why);
    RealHub hub("share-hub", {"--share-rate", "1000", "--share-burst", "1000"});
    const auto codes = sampleCodes(50, 33);
    REQUIRE(codes.size() == 50);
    testing_chromium::HeadlessChromium browser((workDir() / "chromium-profile").string());
    const char* keep = std::getenv("KIOSK_TEST_KEEP_SHOTS");  // a folder to keep the screenshots in, to look at
    int n = 0;
    for (const std::string lang : {"zh-CN", "en"})
        for (const auto& code : codes)
            for (const auto& [w, h] : {std::pair{390, 844}, std::pair{360, 780}}) {
                INFO(lang << " " << code << " " << w << "x" << h);
                const fs::path png = workDir() / ("share-" + std::to_string(n++) + ".png");
                browser.screenshot(hub.url + "/c/" + code + "?d=" + kQuoteDay + "&lang=" + lang, w, h, png.string());
                CHECK(browser.evaluate("document.documentElement.scrollWidth").get<int>() <= w);  // no sideways scrolling
                CHECK(browser.evaluate("document.querySelectorAll('tr.line').length").get<int>() > 2);
                CHECK(browser.evaluate("document.scripts.length").get<int>() == 0);
                const auto img = testing_image::loadPng(png.string());
                CHECK(img.width == w);
                CHECK(img.height == h);
                checkNotBlank(img);
                if (keep) fs::copy_file(png, fs::path(keep) / (lang + "-" + std::to_string(w) + "-" + code + ".png"),
                                        fs::copy_options::overwrite_existing);
            }
}

TEST_CASE("the summary's QR code, decoded from a kiosk screenshot, opens that car's page on a real hub", "[share]") {
    if (::access("/usr/bin/zbarimg", X_OK) != 0) KIOSK_SKIP("zbarimg (zbar-tools) is not installed");
    const std::string code = sampleCodes(1, 12).front();
    const fs::path shot = workDir() / "summary-qr.png";
    const nlohmann::json steps = {{{"frames", 2}},         {{"open_code", code}}, {{"frames", 3}}, {{"tap", "qr"}},
                                  {{"frames", 3}},         {{"screenshot", shot.string()}}};
    const auto r = replay("share-qr", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto decoded = testing_process::run({"/usr/bin/zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", shot.string()});
    REQUIRE(decoded.exitCode == 0);
    std::string link = decoded.out.substr(0, decoded.out.find('\n'));
    INFO(link);
    // The dealer's public address from the market's content, the code and the kiosk's day.
    const std::string base = "https://xuhui.qingyu-motors.example/c/";
    REQUIRE(link.rfind(base, 0) == 0);
    REQUIRE(link.size() > base.size() + 14);
    CHECK(link.substr(link.size() - 13) == "?d=" + kQuoteDay);
    const std::string shownCode = link.substr(base.size(), link.size() - base.size() - 13);
    // Opened against a real hub (the public address stands for it here).
    RealHub hub("share-qr-hub");
    httplib::Client http(hub.url);
    auto page = http.Get("/c/" + shownCode + "?d=" + kQuoteDay);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find("<span id=\"code\">" + shownCode + "</span>") != std::string::npos);
    const auto quote = nlohmann::json::parse(testing_process::run({KIOSKCTL_PATH, "quote", shownCode, "--json", "--date", kQuoteDay,
                                                                   "--content", testing_paths::contentDir()}).out);
    CHECK(page->body.find("id=\"due\"><td>") != std::string::npos);
    CHECK(page->body.find("data-minor=\"" + std::to_string(quote["due_at_purchase_minor"].get<std::int64_t>()) + "\"") !=
          std::string::npos);
}
