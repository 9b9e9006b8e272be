// One official range figure per build, from one place (core::range::officialRange), on every
// screen: the chooser's span, the configurator, the summary and the comparison show the same
// number for the same car, and on a CLTC market it is the catalog's published figure wherever the
// build is a published variant (the chooser said 635 where the configurator said 636).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "KioskReplay.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;
using nlohmann::json;

namespace {

// The leading number of a drawn figure ("635 公里", "600–705 km"); -1 when there is none.
double leadingNumber(const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    return end == text.c_str() ? -1 : v;
}

// The published figure of a build, read from the model file itself: the trim's figure for the
// chosen battery, only on the trim's default wheels; -1 when the build is not a published variant.
double publishedKm(const json& model, const json& state) {
    const std::set<std::string> picks = state["configuration"]["options"].get<std::set<std::string>>();
    for (const auto& t : model["trims"]) {
        if (t["id"] != state["configuration"]["trim"]) continue;
        if (!picks.count(t["defaults"]["wheels"].get<std::string>())) return -1;
        for (const auto& o : t["official"])
            if (picks.count(o["battery"].get<std::string>())) return o["cltc_range_km"].get<double>();
    }
    return -1;
}

}  // namespace

TEST_CASE("every screen shows the same official range for the same car, the published one where there is one") {
    const std::string content = testing_paths::contentDir();
    std::map<std::string, json> models;
    for (const char* id : {"lark", "heron", "crane"}) models[id] = readJson(fs::path(content) / "models" / (std::string(id) + ".json"));
    const json strings = readJson(fs::path(content) / "strings" / "ui.json");

    // Every trim of every model: configurator, summary, then (from the second car on) the comparison.
    json steps = json::array({{{"tap", "start"}}, {{"frames", 2}}, {{"dump", (workDir() / "or-chooser.json").string()}}});
    std::vector<std::pair<std::string, std::string>> builds;
    for (const auto& [id, model] : models) {
        steps.push_back({{"tap", "model:" + id}});
        for (const auto& t : model["trims"]) {
            const std::string trim = t["id"];
            const std::string tag = (workDir() / ("or-" + trim)).string();
            steps.push_back({{"tap", "tab:trim"}});
            steps.push_back({{"tap", "option:" + trim}});
            steps.push_back({{"frames", 2}});
            steps.push_back({{"dump", tag + "-configure.json"}});
            steps.push_back({{"tap", "summary"}});
            steps.push_back({{"frames", 2}});
            steps.push_back({{"dump", tag + "-summary.json"}});
            steps.push_back({{"tap", "compare"}});  // the first car is kept; later ones open the comparison
            if (!builds.empty()) {
                steps.push_back({{"expect_screen", "compare"}});
                steps.push_back({{"frames", 2}});
                steps.push_back({{"dump", tag + "-compare.json"}});
                steps.push_back({{"tap", "back"}});
            }
            steps.push_back({{"tap", "back"}});
            builds.push_back({id, trim});
        }
        steps.push_back({{"tap", "back"}});
    }
    const auto r = replay("official-range", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);

    const json chooser = readJson(workDir() / "or-chooser.json");
    const std::string officialLabel = strings["summary.range_official"][chooser["language"].get<std::string>()];
    std::map<std::string, std::pair<double, double>> seen;  // per model: lowest and highest figure shown
    int published = 0;
    for (size_t i = 0; i < builds.size(); ++i) {
        const auto& [id, trim] = builds[i];
        INFO(id << " " << trim);
        const std::string tag = "or-" + trim;
        const json cfg = readJson(workDir() / (tag + "-configure.json"));
        const json sum = readJson(workDir() / (tag + "-summary.json"));
        REQUIRE(cfg["configuration"]["trim"] == trim);
        const double official = cfg["range"]["official_km"].get<double>();
        CHECK(official > 200);
        CHECK(cfg["range"]["official_cycle"] == "cltc_p");
        CHECK(leadingNumber(cfg["texts"]["config.range"]) == official);
        CHECK(sum["configuration"] == cfg["configuration"]);
        CHECK(leadingNumber(sum["texts"]["summary.official"]) == official);
        if (const double p = publishedKm(models[id], cfg); p > 0) {
            CHECK(official == p);
            ++published;
        }
        if (i > 0) {
            const json cmp = readJson(workDir() / (tag + "-compare.json"));
            bool found = false;
            for (int row = 0; row < 20; ++row) {
                const std::string key = "compare.row" + std::to_string(row);
                if (!cmp["texts"].contains(key + ".label") || cmp["texts"][key + ".label"] != officialLabel) continue;
                CHECK(leadingNumber(cmp["texts"][key + ".b"]) == official);
                found = true;
            }
            CHECK(found);
        }
        auto& [lo, hi] = seen.try_emplace(id, official, official).first->second;
        lo = std::min(lo, official);
        hi = std::max(hi, official);
    }
    CHECK(published >= 3);
    // The chooser's span holds every figure shown for the model and ends on published figures.
    for (const auto& [id, model] : models) {
        INFO(id);
        const std::string span = chooser["texts"]["chooser." + id + ".range"];
        double lo = 1e9, hi = 0;
        for (const auto& t : model["trims"])
            for (const auto& o : t["official"]) lo = std::min(lo, o["cltc_range_km"].get<double>()), hi = std::max(hi, o["cltc_range_km"].get<double>());
        CHECK(leadingNumber(span) == lo);
        CHECK(span.find(std::to_string(static_cast<long>(hi))) != std::string::npos);
        CHECK(seen[id].first >= lo);
        CHECK(seen[id].second <= hi);
    }
}
