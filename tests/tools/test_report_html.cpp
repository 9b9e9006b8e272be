// The HTML report in a real browser: Debian's headless Chromium renders it to a screenshot that
// must show the charts, and the numbers in its DOM must be the numbers of the JSON summary.
#include <cctype>
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb/stb_image.h>
#pragma GCC diagnostic pop

#include "support/Process.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

namespace {

const char* const kChromium = "/usr/bin/chromium";

std::vector<std::string> chromiumArgs(const std::filesystem::path& profile) {
    return {"/usr/bin/timeout", "120", kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile.string()};
}

// The JSON value a data-key names: "funnel.started", "funnel_by_day.2026-11-02.started",
// "top_builds.0.sessions", "abandoned_by_screen.summary", ...
std::optional<nlohmann::json> lookup(const nlohmann::json& j, const std::string& key) {
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        const size_t dot = key.find('.', start);
        parts.push_back(key.substr(start, dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (parts.size() == 1) return j.contains(parts[0]) ? std::optional(j[parts[0]]) : std::nullopt;
    const std::string& top = parts[0];
    if (top == "funnel" && parts.size() == 2) return j["funnel"][parts[1]];
    auto findRow = [&](const char* list, const char* field, const std::string& value) -> const nlohmann::json* {
        for (const auto& row : j[list])
            if (row[field] == value) return &row;
        return nullptr;
    };
    // Days contain no dots, kiosk and screen ids neither.
    if ((top == "funnel_by_kiosk" || top == "funnel_by_day") && parts.size() == 3) {
        const auto* row = findRow(top.c_str(), top == "funnel_by_kiosk" ? "kiosk" : "day", parts[1]);
        return row ? std::optional((*row)[parts[2]]) : std::nullopt;
    }
    if (top == "abandoned_by_screen" && parts.size() == 2) {
        const auto* row = findRow("abandoned_by_screen", "screen", parts[1]);
        return row ? std::optional((*row)["sessions"]) : std::nullopt;
    }
    if (top == "guide") {  // guide.sessions, guide.answers.3.sessions, guide.recommendations_taken.rows_suppressed
        const nlohmann::json* node = &j;
        for (const auto& part : parts) {
            if (node->is_object() && node->contains(part)) node = &(*node)[part];
            else if (!part.empty() && std::isdigit(static_cast<unsigned char>(part[0])) && node->is_object() &&
                     node->contains("rows") && std::stoul(part) < (*node)["rows"].size())
                node = &(*node)["rows"][std::stoul(part)];
            else return std::nullopt;
        }
        return *node;
    }
    if (top == "top_builds" || top == "wanted_not_in_stock" || top == "greyed_out_taps") {
        if (parts.size() == 2) return j[top][parts[1]];
        if (parts.size() == 3) return j[top]["rows"][static_cast<size_t>(std::stoul(parts[1]))][parts[2]];
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("the HTML report renders in headless Chromium and its numbers match the JSON") {
    if (!std::filesystem::exists(kChromium))
        KIOSK_SKIP(kChromium << " is not installed (scripts/install-deps.sh installs Debian's chromium)");
    const auto dir = std::filesystem::temp_directory_path() / ("kioskctl-report-html-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string events = (dir / "events.jsonl").string();
    const std::string content = testing_paths::contentDir();
    REQUIRE(testing_process::run({KIOSKCTL_PATH, "report", "simulate", "--sessions", "3000", "--seed", "11", "--out", events,
                                  "--content", content})
                .exitCode == 0);
    for (const std::string language : {"zh-CN", "en"}) {
        INFO(language);
        const auto out = dir / language;
        const auto r = testing_process::run({KIOSKCTL_PATH, "report", events, "--json", "--lang", language, "--out", out.string(),
                                             "--content", content});
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        const auto summary = nlohmann::json::parse(r.out);
        const std::string page = "file://" + (out / "report.html").string();

        // Screenshot: not blank, and the funnel's blue bars are there.
        const auto shot = out / "shot.png";
        auto args = chromiumArgs(dir / ("profile-shot-" + language));
        args.push_back("--screenshot=" + shot.string());
        args.push_back("--window-size=1280,1600");
        args.push_back(page);
        const auto s = testing_process::run(args);
        INFO(s.err);
        REQUIRE(std::filesystem::exists(shot));
        int w = 0, h = 0, comp = 0;
        unsigned char* pixels = stbi_load(shot.string().c_str(), &w, &h, &comp, 3);
        REQUIRE(pixels);
        CHECK(w == 1280);
        CHECK(h == 1600);
        size_t nonWhite = 0, blue = 0, dark = 0;
        for (int i = 0; i < w * h; ++i) {
            const unsigned char* p = pixels + 3 * i;
            if (p[0] < 240 || p[1] < 240 || p[2] < 240) ++nonWhite;
            if (std::abs(p[0] - 0x4a) < 12 && std::abs(p[1] - 0x90) < 12 && std::abs(p[2] - 0xd9) < 12) ++blue;
            if (p[0] < 80 && p[1] < 80 && p[2] < 80) ++dark;
        }
        stbi_image_free(pixels);
        const double total = static_cast<double>(w) * h;
        CHECK(nonWhite / total > 0.05);  // a blank page is all white
        CHECK(blue > 20000);             // funnel and day charts
        CHECK(dark > 5000);              // text

        // The DOM as Chromium parsed it: every number with a data-key equals the JSON's.
        args = chromiumArgs(dir / ("profile-dom-" + language));
        args.push_back("--dump-dom");
        args.push_back(page);
        const auto d = testing_process::run(args);
        REQUIRE(d.out.find("</html>") != std::string::npos);
        static const std::regex cell(R"re(data-key="([^"]+)"( data-suppressed="1")?>([^<]*)<)re");
        size_t compared = 0;
        for (auto it = std::sregex_iterator(d.out.begin(), d.out.end(), cell); it != std::sregex_iterator(); ++it) {
            const std::string key = (*it)[1], text = (*it)[3];
            const bool suppressed = (*it)[2].matched;
            INFO(key << " = " << text);
            const auto value = lookup(summary, key);
            REQUIRE(value);
            if (suppressed) {
                CHECK(value->is_null());
                CHECK(text == "&lt;5");
            } else {
                REQUIRE(value->is_number_integer());
                CHECK(text == std::to_string(value->get<long long>()));
            }
            ++compared;
        }
        CHECK(compared > 150);
        CHECK(d.out.find("data-key=\"funnel.booking_made\"") != std::string::npos);
        CHECK(d.out.find("data-key=\"top_builds.0.sessions\"") != std::string::npos);
        CHECK(d.out.find("data-key=\"wanted_not_in_stock.0.sessions\"") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
}
