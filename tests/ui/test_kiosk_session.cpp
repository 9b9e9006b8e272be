// Scripted customer sessions replayed by the real kiosk under Xvfb (`--script`): the flow from the
// attract screen, and the idle countdown that wipes the visit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "KioskReplay.h"

namespace fs = std::filesystem;

using namespace kiosk_replay;

TEST_CASE("a visit starts from the attract screen and reaches a model by named taps") {
    const fs::path dump = workDir() / "flow.json";
    const auto r = replay("flow", {{{"frames", 3}},
                                   {{"expect_screen", "attract"}},
                                   {{"tap", "start"}},
                                   {{"expect_screen", "models"}},
                                   {{"tap", "lang"}},
                                   {{"tap", "model:crane"}},
                                   {{"expect_screen", "configure"}},
                                   {{"dump", dump.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto state = readJson(dump);
    CHECK(state["model"] == "crane");
    CHECK(state["language"] == "en");
    CHECK(state["targets"].contains("back"));
}

TEST_CASE("a script naming something that is not on screen fails clearly") {
    const auto r = replay("missing", {{{"tap", "start"}}, {{"tap", "model:zeppelin"}}});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("script step 2: nothing named \"model:zeppelin\" on screen \"models\"") != std::string::npos);
}

TEST_CASE("idle: a countdown, then the visit is wiped back to the attract screen") {
    const fs::path during = workDir() / "idle-during.json";
    const fs::path after = workDir() / "idle-after.json";
    const fs::path resumed = workDir() / "idle-resumed.json";
    // The shipped content: 60 s browsing timeout and a 15 s countdown.
    const auto r = replay("idle", {{{"tap", "start"}},
                                   {{"tap", "lang"}},
                                   {{"tap", "model:heron"}},
                                   {{"advance_s", 62}},
                                   {{"frames", 2}},
                                   {{"dump", during.string()}},
                                   {{"tap", "idle:continue"}},
                                   {{"frames", 2}},
                                   {{"dump", resumed.string()}},
                                   {{"advance_s", 80}},
                                   {{"frames", 2}},
                                   {{"dump", after.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto d = readJson(during);
    CHECK(d["screen"] == "configure");
    CHECK(d["targets"].contains("idle:continue"));
    const auto back = readJson(resumed);
    CHECK(back["screen"] == "configure");  // a touch on the countdown keeps the visit
    CHECK_FALSE(back["targets"].contains("idle:continue"));
    const auto a = readJson(after);
    CHECK(a["screen"] == "attract");
    CHECK(a["language"] == "zh-CN");
    CHECK(a["model"] == "");
    CHECK(a["has_personal_data"] == false);
}

TEST_CASE("every screen in both languages: text fits its widgets, targets are touch-sized, screenshots saved") {
    const fs::path shots = fs::path(testing_paths::binaryDir()) / "screenshots";
    fs::create_directories(shots);
    nlohmann::json steps = nlohmann::json::array();
    std::vector<std::pair<std::string, fs::path>> dumps;
    for (const std::string lang : {"zh-CN", "en"}) {
        auto capture = [&](const std::string& name) {
            const fs::path dump = workDir() / ("screen-" + lang + "-" + name + ".json");
            steps.push_back({{"frames", 2}});
            steps.push_back({{"screenshot", (shots / (lang + "-" + name + ".png")).string()}});
            steps.push_back({{"dump", dump.string()}});
            dumps.emplace_back(lang + " " + name, dump);
        };
        capture("attract");
        steps.push_back({{"tap", "start"}});
        if (lang == "en") steps.push_back({{"tap", "lang"}});
        capture("models");
        for (const std::string model : {"lark", "heron", "crane"}) {
            steps.push_back({{"tap", "model:" + model}});
            capture("model-" + model);
            steps.push_back({{"tap", "back"}});
        }
        steps.push_back({{"tap", "model:heron"}});
        for (const std::string tab : {"trim", "paint", "wheels", "interior", "battery", "package", "accessory"}) {
            steps.push_back({{"tap", "tab:" + tab}});
            capture("configure-" + tab);
        }
        steps.push_back({{"tap", "tab:wheels"}});
        steps.push_back({{"tap", "option:heron-wheel-21-forged"}});
        capture("configure-repair");
        steps.push_back({{"tap", "repair:cancel"}});
        steps.push_back({{"tap", "summary"}});
        capture("summary");
        steps.push_back({{"tap", "qr"}});
        capture("summary-qr");
        steps.push_back({{"tap", "qr:close"}});
        steps.push_back({{"tap", "fit"}});
        steps.push_back({{"tap", "parking:own_space"}});
        capture("fit-check");
        steps.push_back({{"tap", "survey"}});
        capture("survey");
        steps.push_back({{"tap", "field:district"}});
        capture("survey-keyboard");
        steps.push_back({{"tap", "key:done"}});
        steps.push_back({{"tap", "back"}});
        steps.push_back({{"tap", "parking:shared_parking"}});
        capture("fit-check-public");
        steps.push_back({{"tap", "back"}});
        steps.push_back({{"tap", "back"}});
        steps.push_back({{"tap", "back"}});  // the model chooser, where the advisor button is
        steps.push_back({{"tap", "advisor"}});
        steps.push_back({{"type", "2468\n"}});
        capture("advisor");
        steps.push_back({{"tap", "field:code"}});
        capture("advisor-keyboard");
        steps.push_back({{"tap", "key:done"}});
        steps.push_back({{"tap", "lock"}});
        steps.push_back({{"advance_s", 62}});
        capture("idle-countdown");
        steps.push_back({{"advance_s", 30}});  // back to the attract screen, in the default language
    }
    const auto r = replay("all-screens", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const auto& [name, path] : dumps) {
        INFO(name);
        const auto d = readJson(path);
        // A field being typed in stays above the keyboard.
        if (d["targets"].contains("key:done"))
            for (const char* field : {"field:name", "field:mobile", "field:district", "field:code", "field:advisor_id"})
                if (d["targets"].contains(field)) {
                    INFO(field);
                    CHECK((*d["targets"].find(field))[1].get<double>() + (*d["targets"].find(field))[3].get<double>() <=
                          d["targets"]["key:done"][1].get<double>() - 4 * (104.0 + 12.0) - 12.0);
                }
        CHECK(d["text_checked"].get<int>() >= 3);
        for (const auto& o : d["text_overflows"]) UNSCOPED_INFO(o.dump());
        CHECK(d["text_overflows"].empty());
        const double minPx = d["min_target_mm"].get<double>() * d["pixels_per_mm"].get<double>();
        for (auto it = d["targets"].begin(); it != d["targets"].end(); ++it) {
            INFO(it.key());
            CHECK(std::min((*it)[2].get<double>(), (*it)[3].get<double>()) >= minPx);
        }
    }
}

TEST_CASE("accessibility: large text still fits, low reach keeps controls low on a portrait screen") {
    std::vector<fs::path> dumps;
    nlohmann::json steps = {{{"tap", "start"}}, {{"tap", "access"}}, {{"tap", "access:large-text"}},
                            {{"tap", "access:low-reach"}}, {{"tap", "access"}}};
    for (const std::string lang : {"zh-CN", "en"}) {
        for (const std::string model : {"lark", "heron", "crane"}) {
            const fs::path models = workDir() / ("a11y-" + lang + "-models-" + model + ".json");
            const fs::path detail = workDir() / ("a11y-" + lang + "-" + model + ".json");
            steps.push_back({{"frames", 2}});
            steps.push_back({{"dump", models.string()}});
            steps.push_back({{"tap", "model:" + model}});
            steps.push_back({{"frames", 2}});
            steps.push_back({{"dump", detail.string()}});
            steps.push_back({{"tap", "back"}});
            dumps.push_back(models);
            dumps.push_back(detail);
        }
        steps.push_back({{"tap", "lang"}});
    }
    const auto r = replay("a11y", steps, {.screen = "1080x1920x24", .extra = {}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const auto& path : dumps) {
        INFO(path.filename().string());
        const auto d = readJson(path);
        CHECK(d["access"]["large_text"] == true);
        CHECK(d["access"]["low_reach"] == true);
        for (const auto& o : d["text_overflows"]) UNSCOPED_INFO(o.dump());
        CHECK(d["text_overflows"].empty());
        for (auto it = d["targets"].begin(); it != d["targets"].end(); ++it) {
            INFO(it.key());
            CHECK((*it)[1].get<double>() >= 1920 * 0.42 - 1);  // nothing to reach in the top part
        }
    }
}

TEST_CASE("book a test drive with the on-screen keyboard, then find it in advisor mode") {
    const fs::path data = workDir() / "booking-data";
    fs::remove_all(data);
    const fs::path typed = workDir() / "booking-typed.json";
    const fs::path booked = workDir() / "booking-booked.json";
    const fs::path advisor = workDir() / "booking-advisor.json";
    const fs::path wrong = workDir() / "booking-wrong-pin.json";
    nlohmann::json steps = {{{"tap", "start"}},       {{"tap", "model:heron"}},  {{"tap", "book"}},
                            {{"tap", "day:1"}},       {{"tap_first", "slot:"}},  {{"tap", "field:name"}},
                            {{"tap", "key:l"}},       {{"tap", "key:i"}},        {{"tap_first", "key:cand"}},
                            {{"tap", "field:mobile"}}, {{"type", "138 0013 8000"}}, {{"tap", "key:done"}},
                            {{"tap", "check:licence"}}, {{"tap", "check:consent"}}, {{"dump", typed.string()}},
                            {{"tap", "submit"}},      {{"frames", 2}},           {{"expect_screen", "confirmation"}},
                            {{"dump", booked.string()}}, {{"tap", "done"}},       {{"tap", "start"}},
                            {{"tap", "advisor"}},     {{"type", "1111\n"}},      {{"frames", 2}},
                            {{"dump", wrong.string()}}, {{"type", "2468\n"}},     {{"frames", 2}},
                            {{"expect_screen", "advisor"}}, {{"dump", advisor.string()}}};
    const auto r = replay("booking", steps, {.screen = "1920x1080x24", .extra = {"--data", data.string()}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto t = readJson(typed);
    CHECK(t["form"]["mobile"] == "13800138000");
    CHECK(t["form"]["name"].get<std::string>().size() == 3);  // one hanzi, three UTF-8 bytes, from the candidates
    CHECK(t["form"]["consent_contact"] == false);             // never pre-ticked
    const auto b = readJson(booked);
    CHECK(b["confirmation"]["confirmed"] == true);  // embedded mode: the kiosk holds every seat
    CHECK(b["stored_bookings"] == 1);
    CHECK(b["has_personal_data"] == false);         // committed, then wiped from memory
    CHECK(readJson(wrong)["screen"] == "advisor-pin");
    const auto a = readJson(advisor);
    CHECK(a["advisor_unlocked"] == true);
    CHECK(a["targets"].contains("restore"));
    // Nothing personal is readable in the kiosk's database file.
    std::ifstream db(data / "kiosk.db", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
    CHECK(bytes.find("13800138000") == std::string::npos);
}

TEST_CASE("walking away from a half-filled form wipes it") {
    const fs::path data = workDir() / "wipe-data";
    const fs::path during = workDir() / "wipe-during.json";
    const fs::path after = workDir() / "wipe-after.json";
    nlohmann::json steps = {{{"tap", "start"}},     {{"tap", "model:lark"}},   {{"tap", "book"}},
                            {{"tap", "field:mobile"}}, {{"type", "13912345678"}}, {{"tap", "key:done"}},
                            {{"dump", during.string()}}, {{"advance_s", 200}},   {{"frames", 2}},
                            {{"dump", after.string()}}};
    const auto r = replay("wipe", steps, {.screen = "1920x1080x24", .extra = {"--data", data.string()}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(readJson(during)["form"]["mobile"] == "13912345678");
    const auto a = readJson(after);
    CHECK(a["screen"] == "attract");
    CHECK(a["form"]["mobile"] == "");
    CHECK(a["has_personal_data"] == false);
    CHECK(a["booking_ui"]["pinyin"] == "");
}

TEST_CASE("a 4K screen: the same layouts at twice the scale, nothing overflows") {
    std::vector<fs::path> dumps;
    nlohmann::json steps = nlohmann::json::array();
    auto capture = [&](const std::string& name) {
        const fs::path dump = workDir() / ("uhd-" + name + ".json");
        steps.push_back({{"frames", 2}});
        steps.push_back({{"dump", dump.string()}});
        dumps.push_back(dump);
    };
    steps.push_back({{"tap", "start"}});
    steps.push_back({{"tap", "lang"}});
    capture("models");
    steps.push_back({{"tap", "model:crane"}});
    capture("configure");
    steps.push_back({{"tap", "summary"}});
    capture("summary");
    steps.push_back({{"tap", "book"}});
    capture("booking");
    const auto r = replay("uhd", steps, {.screen = "3840x2160x24", .extra = {}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const auto& path : dumps) {
        INFO(path.filename().string());
        const auto d = readJson(path);
        for (const auto& o : d["text_overflows"]) UNSCOPED_INFO(o.dump());
        CHECK(d["text_overflows"].empty());
        // Targets scale with the screen: the language switch is twice its 1080p size.
        REQUIRE(d["targets"].contains("lang"));
        CHECK(d["targets"]["lang"][2].get<double>() == Approx(360.0));
    }
}

TEST_CASE("a monkey tapping whatever is on screen never crashes the kiosk") {
    // Seeded random taps over every target the screens offer (booking forms, the keyboard, advisor
    // PIN, repairs, sliders...). The kiosk must end the script normally with nothing logged as an error.
    const fs::path dump = workDir() / "monkey-end.json";
    const auto r = replay("monkey", {{{"monkey", {{"taps", 150}, {"seed", 20261127}}}}, {{"dump", dump.string()}}});
    INFO(r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.err.find("kiosk: error") == std::string::npos);
    CHECK(fs::exists(dump));
}

// The state dump names the current car only, not the kept column: what the compare screen shows in
// its two columns is not checked here.
TEST_CASE("compare: keep one car, change its trim, open compare with its text fitting, and go back to the summary") {
    const fs::path dump = workDir() / "compare.json";
    const auto r = replay("compare", {{{"tap", "start"}},
                                      {{"tap", "model:heron"}},
                                      {{"tap", "summary"}},
                                      {{"tap", "compare"}},
                                      {{"tap", "back"}},
                                      {{"tap", "tab:trim"}},
                                      {{"tap", "option:heron-performance"}},
                                      {{"tap", "summary"}},
                                      {{"tap", "compare"}},
                                      {{"frames", 2}},
                                      {{"expect_screen", "compare"}},
                                      {{"dump", dump.string()}},
                                      {{"tap", "back"}},
                                      {{"expect_screen", "summary"}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto d = readJson(dump);
    CHECK(d["text_overflows"].empty());
    CHECK(d["configuration"]["trim"] == "heron-performance");
}
