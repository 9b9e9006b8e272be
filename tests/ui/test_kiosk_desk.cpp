// The advisor's desk on an embedded kiosk (no hub): the day's walk-up queue in a list that scrolls
// by drag with momentum, and the desk's steps (check in, start, complete, no-show) kept in the
// kiosk's own store.
#include <catch2/catch.hpp>

#include "KioskReplay.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;

namespace {

// Nine walk-up bookings at an event, typed as visitors would.
nlohmann::json nineBookings() {
    nlohmann::json steps = {{{"tap", "start"}}};
    for (int i = 0; i < 9; ++i) {
        const std::string model = std::vector<std::string>{"lark", "heron", "crane"}[static_cast<size_t>(i % 3)];
        for (const nlohmann::json& step : nlohmann::json::array(
                 {{{"tap", "model:" + model}}, {{"tap", "book"}}, {{"tap", "field:name"}}, {{"type", "wang\n"}},
                  {{"tap", "key:done"}}, {{"tap", "field:mobile"}}, {{"type", "1380013800" + std::to_string(i)}},
                  {{"tap", "key:done"}}, {{"tap", "check:licence"}}, {{"tap", "check:consent"}}, {{"tap", "submit"}},
                  {{"frames", 2}}, {{"expect_screen", "confirmation"}}, {{"tap", "done"}}, {{"tap", "start"}}}))
            steps.push_back(step);
    }
    return steps;
}

}  // namespace

TEST_CASE("advisor desk: a flicked list glides on and stops at its end, and desk steps move a visitor through the day") {
    const fs::path data = workDir() / "desk-data";
    fs::remove_all(data);
    const fs::path listed = workDir() / "desk-listed.json", lifted = workDir() / "desk-lifted.json",
                   gliding = workDir() / "desk-gliding.json", settled = workDir() / "desk-settled.json",
                   stepped = workDir() / "desk-stepped.json", regliding = workDir() / "desk-regliding.json",
                   stopped = workDir() / "desk-stopped.json";
    nlohmann::json steps = nineBookings();
    for (const nlohmann::json& step : nlohmann::json::array(
             {{{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 3}}, {{"expect_screen", "advisor"}},
              {{"dump", listed.string()}},
              // A quick flick upwards over the list: 60 px in two frames.
              {{"drag", {{"from", {400, 700}}, {"to", {400, 640}}, {"frames", 2}}}},
              {{"dump", lifted.string()}}, {{"frames", 6}}, {{"dump", gliding.string()}}, {{"frames", 150}},
              {{"dump", settled.string()}},
              {{"tap", "desk:3:check-in"}}, {{"tap", "desk:3:start"}}, {{"tap", "desk:3:complete"}},
              {{"tap", "desk:4:no-show"}}, {{"frames", 2}}, {{"dump", stepped.string()}},
              // Flick back down, and touch a row while the list still glides: the touch only stops it.
              {{"drag", {{"from", {400, 500}}, {"to", {400, 560}}, {"frames", 2}}}}, {{"frames", 2}},
              {{"dump", regliding.string()}}, {{"tap_first", "desk:"}}, {{"frames", 2}}, {{"dump", stopped.string()}}}))
        steps.push_back(step);
    const auto r = replay("desk", steps, {.screen = "1920x1080x24", .extra = {"--data", data.string(), "--event"}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);

    const auto l = readJson(listed);
    REQUIRE(l["desk"].size() == 9);
    for (const auto& row : l["desk"]) CHECK(row["status"] == "confirmed");
    CHECK(l["advisor_scroll"]["offset"] == 0);
    // The list is taller than its card: the last rows are off screen until scrolled.
    CHECK_FALSE(l["targets"].contains("desk:8:check-in"));

    const double atLift = readJson(lifted)["advisor_scroll"]["offset"].get<double>();
    const auto g = readJson(gliding);
    CHECK(atLift > 0);
    CHECK(g["advisor_scroll"]["velocity"].get<double>() > 0);                // still moving after the finger lifted
    CHECK(g["advisor_scroll"]["offset"].get<double>() > atLift + 10);       // momentum carried it on
    const auto s = readJson(settled);
    CHECK(s["advisor_scroll"]["velocity"] == 0);
    CHECK(s["targets"].contains("desk:8:check-in"));                        // the end of the list is in view
    CHECK_FALSE(s["targets"].contains("desk:0:check-in"));
    for (const auto& row : s["desk"]) CHECK(row["status"] == "confirmed");  // a drag is not a tap

    const auto d = readJson(stepped);
    CHECK(d["desk_error"] == "");
    CHECK(d["desk"][3]["status"] == "completed");
    CHECK(d["desk"][3]["actions"].empty());
    CHECK(d["desk"][4]["status"] == "no_show");
    CHECK(d["desk"][5]["status"] == "confirmed");

    CHECK(readJson(regliding)["advisor_scroll"]["velocity"].get<double>() < 0);  // gliding back up the list
    const auto st = readJson(stopped);
    CHECK(st["advisor_scroll"]["velocity"] == 0);
    CHECK(st["desk"] == d["desk"]);  // the touch that stopped the glide changed no booking

    // The steps are in the store: a restarted kiosk shows them.
    const fs::path again = workDir() / "desk-again.json";
    const auto r2 = replay("desk-again",
                           {{{"tap", "start"}}, {{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 3}},
                            {{"dump", again.string()}}},
                           {.screen = "1920x1080x24", .extra = {"--data", data.string(), "--event"}, .with3d = false, .env = {}, .ownData = true});
    INFO(r2.err);
    REQUIRE(r2.exitCode == 0);
    const auto a = readJson(again);
    CHECK(a["desk"][3]["status"] == "completed");
    CHECK(a["desk"][4]["status"] == "no_show");
}
