// The buying guide as a customer uses it: the real kiosk under Xvfb, tapped through its questions
// by name, its state dumps and screenshots checked: the recommendations, the exact car a tap opens,
// skipping every question, the answer that rules everything out, the advisor's comparison, the
// visit reset that forgets the answers, and every step in both languages and every layout (text
// fits, targets are touch-sized and apart, low reach keeps them low).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>

#include "KioskReplay.h"
#include "support/PngImage.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;
using nlohmann::json;

namespace {

using testing_image::Image;
using testing_image::loadPng;

// Pixels of `img` inside the target's rectangle for which `pred` holds.
template <class Pred>
int countIn(const Image& img, const json& r, Pred pred) {
    int n = 0;
    const int x0 = static_cast<int>(r[0].get<double>()), y0 = static_cast<int>(r[1].get<double>());
    const int x1 = x0 + static_cast<int>(r[2].get<double>()), y1 = y0 + static_cast<int>(r[3].get<double>());
    for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x)
            if (pred(img.at(x, y))) ++n;
    return n;
}

bool teal(std::array<int, 3> p) { return std::abs(p[0] - 15) < 12 && std::abs(p[1] - 118) < 12 && std::abs(p[2] - 110) < 12; }
bool dark(std::array<int, 3> p) { return p[0] + p[1] + p[2] < 3 * 90; }

json tap(const std::string& target) { return {{"tap", target}}; }

// Taps through the seven questions with the given answers (an empty list: "skip").
void answer(json& steps, const std::vector<std::vector<std::string>>& perQuestion) {
    for (const auto& taps : perQuestion) {
        for (const auto& t : taps) steps.push_back(tap(t));
        steps.push_back(tap(taps.empty() ? "skip" : "next"));
    }
}

// A family of five with two child seats, a home charger, a cold winter and 2,500 a month.
const std::vector<std::vector<std::string>> kFamily = {{"daily:40", "highway:0.3"}, {"longest:300"},
                                                       {"seats:5", "child:2", "luggage:normal"}, {"home:yes"},
                                                       {"climate:cold"}, {"monthly:250000"}, {"priority:cost"}};

void checkLayout(const json& d, bool lowReach, double height) {
    for (const auto& o : d["text_overflows"]) UNSCOPED_INFO(o.dump());
    CHECK(d["text_overflows"].empty());
    CHECK(d["text_checked"].get<int>() >= 5);
    const double minPx = d["min_target_mm"].get<double>() * d["pixels_per_mm"].get<double>();
    std::vector<std::pair<std::string, json>> targets;
    for (auto it = d["targets"].begin(); it != d["targets"].end(); ++it) {
        INFO(it.key());
        const json& r = *it;
        CHECK(std::min(r[2].get<double>(), r[3].get<double>()) >= minPx);
        if (lowReach) CHECK(r[1].get<double>() >= height * 0.42 - 1);
        CHECK(r[1].get<double>() + r[3].get<double>() <= height);
        targets.emplace_back(it.key(), r);
    }
    // No two targets overlap: a finger meant for one never lands on another.
    for (size_t i = 0; i < targets.size(); ++i)
        for (size_t j = i + 1; j < targets.size(); ++j) {
            const json &a = targets[i].second, &b = targets[j].second;
            const bool apart = a[0].get<double>() + a[2].get<double>() <= b[0].get<double>() ||
                               b[0].get<double>() + b[2].get<double>() <= a[0].get<double>() ||
                               a[1].get<double>() + a[3].get<double>() <= b[1].get<double>() ||
                               b[1].get<double>() + b[3].get<double>() <= a[1].get<double>();
            INFO(targets[i].first << " and " << targets[j].first);
            CHECK(apart);
        }
}

}  // namespace

TEST_CASE("guide: a family's answers give up to three cars with reasons, and one tap opens the exact car") {
    for (const std::string lang : {"zh-CN", "en"}) {
        INFO(lang);
        const fs::path results = workDir() / ("guide-family-" + lang + ".json"), opened = workDir() / ("guide-open-" + lang + ".json");
        const fs::path shot = workDir() / ("guide-family-" + lang + ".png");
        json steps = {tap("start")};
        if (lang == "en") steps.push_back(tap("lang"));
        steps.push_back(tap("guide"));
        steps.push_back({{"expect_screen", "guide"}});
        answer(steps, kFamily);
        steps.push_back({{"frames", 2}});
        steps.push_back({{"screenshot", shot.string()}});
        steps.push_back({{"dump", results.string()}});
        steps.push_back(tap("open:0"));
        steps.push_back({{"frames", 2}});
        steps.push_back({{"expect_screen", "configure"}});
        steps.push_back({{"dump", opened.string()}});
        const auto r = replay("guide-family-" + lang, steps);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);

        const json d = readJson(results);
        CHECK(d["screen"] == "guide");
        CHECK(d["language"] == lang);
        const json& g = d["guide"];
        CHECK(g["answers"]["seats"] == 5);
        CHECK(g["answers"]["child_seats"] == 2);
        CHECK(g["answers"]["home_charging"] == true);
        CHECK(g["answers"]["climate"] == "cold");
        CHECK(g["missing_glyphs"] == 0);  // every character of the reasons is in the font atlas
        const json& recs = g["recommendations"];
        REQUIRE(!recs.empty());
        CHECK(recs.size() <= 3);
        for (size_t i = 0; i < recs.size(); ++i) {
            INFO("recommendation " << i);
            CHECK(recs[i]["monthly_minor"].get<std::int64_t>() <= 250000);  // within the budget answered
            CHECK(!recs[i]["reasons"].empty());
            CHECK(d["targets"].contains("open:" + std::to_string(i)));
            if (i > 0) CHECK(!recs[i]["gives_up"].empty());  // an honest "what you give up"
        }
        CHECK_FALSE(d["targets"].contains("open:" + std::to_string(recs.size())));
        // Demand insight: one anonymous event per answered question (ten here; no price ceiling).
        const std::vector<std::string> events = d["insight"]["visit"];
        CHECK(std::count(events.begin(), events.end(), "guide_answered") == 10);
        CHECK(d["insight"]["dropped"] == 0);
        checkLayout(d, false, 1080);
        // Pixels: the first car's button is teal, the card around it white, its name dark text.
        const Image img = loadPng(shot.string());
        const json& open0 = d["targets"]["open:0"];
        CHECK(countIn(img, open0, teal) > 0.6 * open0[2].get<double>() * open0[3].get<double>());
        const json above = {open0[0], open0[1].get<double>() - 300, open0[2], 280};
        CHECK(countIn(img, above, dark) > 200);

        // The configurator shows exactly the first recommendation, at the guide's price.
        const json o = readJson(opened);
        CHECK(o["configuration"]["model"] == recs[0]["model"]);
        CHECK(o["configuration"]["trim"] == recs[0]["trim"]);
        CHECK(o["configuration"]["options"] == recs[0]["options"]);
        CHECK(o["price"]["total_minor"] == recs[0]["total_minor"]);
        CHECK(o["complete"] == true);
        const std::vector<std::string> after = o["insight"]["visit"];
        REQUIRE(!after.empty());
        CHECK(after.back() == "recommendation_taken");
        CHECK(o["insight"]["dropped"] == 0);
    }
}

TEST_CASE("guide: skipping every question still recommends cars, and skip forgets an answer given") {
    const fs::path dump = workDir() / "guide-skip.json", back = workDir() / "guide-skip-back.json";
    json steps = {tap("start"), tap("guide"), tap("daily:100"), tap("skip")};  // answered, then skipped
    answer(steps, {{}, {}, {}, {}, {}, {}});
    steps.push_back({{"frames", 2}});
    steps.push_back({{"dump", dump.string()}});
    steps.push_back(tap("back"));  // from the results, back to the last question
    steps.push_back({{"frames", 2}});
    steps.push_back({{"dump", back.string()}});
    const auto r = replay("guide-skip", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json d = readJson(dump);
    CHECK(d["guide"]["step"] == 7);
    for (auto it = d["guide"]["answers"].begin(); it != d["guide"]["answers"].end(); ++it) {
        INFO(it.key());
        CHECK((it->is_null() || *it == ""));
    }
    CHECK(!d["guide"]["recommendations"].empty());
    CHECK(d["targets"].contains("open:0"));
    const json b = readJson(back);
    CHECK(b["guide"]["step"] == 6);
    CHECK(b["targets"].contains("priority:cost"));
}

TEST_CASE("guide: when no car meets the answers, the screen names the answer that rules them out") {
    const fs::path dump = workDir() / "guide-none.json", shot = workDir() / "guide-none.png";
    json steps = {tap("start"), tap("lang"), tap("guide")};
    answer(steps, {{}, {}, {"seats:7", "child:3", "luggage:lots"}, {}, {}, {"ceiling:15000000"}, {}});
    steps.push_back({{"frames", 2}});
    steps.push_back({{"screenshot", shot.string()}});
    steps.push_back({{"dump", dump.string()}});
    const auto r = replay("guide-none", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json d = readJson(dump);
    CHECK(d["guide"]["recommendations"].empty());
    REQUIRE(!d["guide"]["blockers"].empty());
    CHECK_FALSE(d["targets"].contains("open:0"));
    CHECK(d["targets"].contains("change"));
    checkLayout(d, false, 1080);
    // Never an empty screen: the explanation is drawn between the bar and "change my answers".
    const Image img = loadPng(shot.string());
    const json band = {64, 140, 1792, d["targets"]["change"][1].get<double>() - 160};
    CHECK(countIn(img, band, dark) > 2000);
}

TEST_CASE("guide: the answers are wiped with the visit, and advisor mode compares the first two cars") {
    const fs::path during = workDir() / "guide-reset-during.json", after = workDir() / "guide-reset-after.json";
    const fs::path compare = workDir() / "guide-compare.json";
    json steps = {tap("start"), tap("guide"), tap("daily:150"), tap("next"), tap("longest:800"), tap("next"),
                  tap("seats:7"), {{"frames", 2}}, {{"dump", during.string()}}, {{"advance_s", 200}}, {{"frames", 2}},
                  {{"dump", after.string()}},
                  // The advisor goes through the guide with a customer and compares the first two.
                  // "Help me choose" on the attract screen starts a visit in the guide; back leads to the models.
                  tap("guide"), {{"expect_screen", "guide"}}, tap("back"), {{"expect_screen", "models"}},
                  tap("advisor"), {{"type", "2468\n"}}, tap("guide")};
    answer(steps, kFamily);
    steps.push_back(tap("compare"));
    steps.push_back({{"frames", 2}});
    steps.push_back({{"dump", compare.string()}});
    const auto r = replay("guide-reset", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json d = readJson(during);
    CHECK(d["guide"]["answers"]["daily_km"] == 150.0);
    CHECK(d["guide"]["answers"]["seats"] == 7);
    const json a = readJson(after);
    CHECK(a["screen"] == "attract");
    CHECK(a["guide"]["step"] == 0);
    for (auto it = a["guide"]["answers"].begin(); it != a["guide"]["answers"].end(); ++it) {
        INFO(it.key());
        CHECK((it->is_null() || *it == ""));
    }
    const json c = readJson(compare);
    CHECK(c["screen"] == "compare");
    CHECK(c["advisor_unlocked"] == true);
    REQUIRE(c["guide"]["recommendations"].size() >= 2);
    CHECK(c["configuration"]["trim"] == c["guide"]["recommendations"][0]["trim"]);
}

TEST_CASE("guide: every step in both languages and every layout: text fits, targets touch-sized, apart and within reach") {
    const fs::path shots = fs::path(testing_paths::binaryDir()) / "screenshots";
    fs::create_directories(shots);
    struct Layout {
        std::string name, screen;
        bool lowReach;
        double height;
    };
    for (const Layout& l : {Layout{"landscape", "1920x1080x24", false, 1080}, Layout{"portrait", "1080x1920x24", false, 1920},
                            Layout{"portrait-a11y", "1080x1920x24", true, 1920}}) {
        json steps = {tap("start")};
        if (l.lowReach)
            for (const char* t : {"access", "access:large-text", "access:low-reach", "access"}) steps.push_back(tap(t));
        std::vector<std::pair<std::string, fs::path>> dumps;
        for (const std::string lang : {"zh-CN", "en"}) {
            steps.push_back(tap("guide"));
            for (size_t q = 0; q <= kFamily.size(); ++q) {
                if (q > 0) {
                    for (const auto& t : kFamily[q - 1]) steps.push_back(tap(t));
                    steps.push_back(tap("next"));
                }
                const std::string name = "guide-" + l.name + "-" + lang + "-" + (q < kFamily.size() ? "q" + std::to_string(q + 1) : "results");
                const fs::path dump = workDir() / (name + ".json");
                steps.push_back({{"frames", 2}});
                steps.push_back({{"screenshot", (shots / (name + ".png")).string()}});
                steps.push_back({{"dump", dump.string()}});
                dumps.emplace_back(name, dump);
            }
            steps.push_back(tap("change"));
            steps.push_back(tap("back"));  // to the model chooser
            steps.push_back(tap("lang"));
        }
        const auto r = replay("guide-" + l.name, steps, {.screen = l.screen, .extra = {}, .with3d = false, .env = {}, .ownData = true});
        INFO(l.name << ": " << r.err);
        REQUIRE(r.exitCode == 0);
        for (const auto& [name, path] : dumps) {
            INFO(name);
            const json d = readJson(path);
            CHECK(d["screen"] == "guide");
            CHECK(d["access"]["low_reach"] == l.lowReach);
            checkLayout(d, l.lowReach, l.height);
        }
    }
}
