// The comparison laid out for every screen the kiosk ships on (the layout audit's ctest entries
// check it in every layout and mode): the figures' names move above the figures when they do not
// fit beside the cars, and no equipment line is ever dropped: a list longer than its window
// scrolls until its last line shows whole.
#include <catch2/catch.hpp>

#include "AuditRun.h"
#include "ui/CompareScreen.h"

using namespace kiosk_replay;
using namespace kiosk_audit;

TEST_CASE("the comparison puts the figures' names beside the cars only where they and the figures fit") {
    // 1080p landscape: a column of names as wide as the longest, the figures beside it.
    const ui::CompareLayout wide = ui::computeCompareLayout(1920, 1, 280, 240);
    CHECK(wide.labelsBeside);
    CHECK(wide.labelW >= 280);
    CHECK(wide.x0 >= 64 + wide.labelW);
    CHECK(wide.x1 + wide.colW <= 1920 - 64 + 0.5f);
    // Portrait: the same words do not leave the cars room; the names go above the figures and
    // the two cars share the whole width.
    const ui::CompareLayout tall = ui::computeCompareLayout(1080, 1, 280, 240);
    CHECK_FALSE(tall.labelsBeside);
    CHECK(tall.labelW == 0);
    CHECK(tall.x0 == Approx(64));
    CHECK(tall.x1 + tall.colW == Approx(1080 - 64));
    CHECK(tall.colW > 400);
    // A figure too wide for its card beside a label column stacks too.
    CHECK_FALSE(ui::computeCompareLayout(1920, 1, 200, 700).labelsBeside);
}

TEST_CASE("every equipment line of the dearest car scrolls into view on the tablet with large text") {
    const auto [cheapest, dearest] = extremeCodes();
    auto steps = [&](const nlohmann::json& more) {
        nlohmann::json s = {{{"frames", 2}}, {{"open_code", cheapest}}, {{"frames", 2}}, {{"tap", "compare"}},
                            {{"open_code", dearest}}, {{"frames", 2}}};
        for (const auto& step : accessSteps({"large-text"})) s.push_back(step);
        s.push_back({{"tap", "compare"}});
        s.push_back({{"frames", 3}});
        s.push_back({{"expect_screen", "compare"}});
        for (const auto& step : more) s.push_back(step);
        return s;
    };
    ReplayOptions o;
    o.screen = "1280x800x24";
    const auto top = workDir() / "compare-equipment-top.json", end = workDir() / "compare-equipment-end.json";
    auto r = replay("compare-equipment-top", steps({{{"dump", top.string()}}}), o);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto t = readJson(top);
    REQUIRE(t["access"]["large_text"] == true);
    CHECK(t["text_overflows"].empty());
    const size_t n = t["configuration"]["options"].size();
    REQUIRE(n >= 8);
    const std::string first = "compare.b.opt0#0", last = "compare.b.opt" + std::to_string(n - 1) + "#0";
    REQUIRE(t["text_boxes"].contains(first));
    // The list is longer than the room under the figures on this screen: its end is not shown yet.
    CHECK_FALSE(t["text_boxes"].contains(last));

    // A finger drags the equipment up, well past its end; the list stops at its last line.
    const auto& box = t["text_boxes"][first];
    const float x = box[0].get<float>() + 20, y = box[1].get<float>() + box[3].get<float>() / 2;
    r = replay("compare-equipment-end",
               steps({{{"drag", {{"from", {x, y}}, {"to", {x, y - 400}}, {"frames", 20}}}}, {{"frames", 90}}, {{"dump", end.string()}}}), o);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto e = readJson(end);
    CHECK(e["text_overflows"].empty());
    REQUIRE(e["text_boxes"].contains(last));
    const auto& lastBox = e["text_boxes"][last];
    INFO(lastBox.dump());
    CHECK(lastBox[3].get<float>() == Approx(box[3].get<float>()).margin(0.5));  // whole, not cut by the window
    CHECK(lastBox[1].get<float>() + lastBox[3].get<float>() <= 800);
    CHECK_FALSE(e["text_boxes"].contains(first));  // scrolled away
}

TEST_CASE("a car kept in Chinese is compared in English once the customer switches language") {
    const auto [cheapest, dearest] = extremeCodes();
    const auto dump = workDir() / "compare-language.json";
    const auto r = replay("compare-language", {{{"frames", 2}}, {{"open_code", cheapest}}, {{"frames", 2}}, {{"tap", "compare"}},
                                               {{"open_code", dearest}}, {{"frames", 2}}, {{"tap", "lang"}}, {{"frames", 2}},
                                               {{"tap", "compare"}}, {{"frames", 2}}, {{"expect_screen", "compare"}},
                                               {{"dump", dump.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto d = readJson(dump);
    REQUIRE(d["language"] == "en");
    size_t kept = 0;
    for (auto it = d["texts"].begin(); it != d["texts"].end(); ++it) {
        if (it.key().rfind("compare.a.", 0) != 0) continue;
        ++kept;
        const std::string text = *it;
        INFO(it.key() << ": " << text);
        // No CJK character (three-byte UTF-8 from U+3000 up) in the kept car's words.
        bool cjk = false;
        for (size_t i = 0; i + 2 < text.size(); ++i)
            if (static_cast<unsigned char>(text[i]) >= 0xE3 && static_cast<unsigned char>(text[i]) <= 0xE9) cjk = true;
        CHECK_FALSE(cjk);
    }
    CHECK(kept >= 3);  // the title and the equipment
}
