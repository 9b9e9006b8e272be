// The advisor screen laid out for every screen the kiosk ships on (the layout audit's ctest
// entries check it in every layout and mode): its two columns stacked on a narrow screen (so the desk's
// and the quote's buttons keep their words), and a day's list of walk-up visitors fitting in
// portrait with every desk step touch-sized; the code field reads as a field in high contrast.
#include <catch2/catch.hpp>

#include "AuditRun.h"
#include "ui/AdvisorScreen.h"

using namespace kiosk_replay;
using namespace kiosk_audit;

namespace {

bool overlap(const ui::Rect& a, const ui::Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

bool within(const ui::Rect& r, float w, float h) { return r.x >= 0 && r.y >= 0 && r.x + r.w <= w + 0.5f && r.y + r.h <= h + 0.5f; }

}  // namespace

TEST_CASE("the advisor screen stacks its columns on a narrow screen and gives the title its own line when it must") {
    // Landscape: side by side, the title between the buttons.
    const ui::AdvisorLayout wide = ui::computeAdvisorLayout(1920, 1080, 1, 250, 230, 500);
    CHECK_FALSE(wide.stacked);
    CHECK(wide.bookings.y == Approx(wide.customer.y));
    CHECK(wide.title.y == Approx(wide.lock.y));
    CHECK(wide.title.w >= 250);
    // Portrait: stacked, each column the whole width; the customer's card as tall as asked.
    const ui::AdvisorLayout tall = ui::computeAdvisorLayout(1080, 1920, 1, 250, 230, 500);
    CHECK(tall.stacked);
    CHECK(tall.customer.w == Approx(1080 - 2 * 64));
    CHECK(tall.bookings.w == Approx(tall.customer.w));
    CHECK(tall.customer.h == Approx(500));
    CHECK(tall.bookings.y >= tall.customer.y + tall.customer.h);
    CHECK(tall.bookings.h > 900);
    // A title longer than the room between the buttons: a line of its own, the columns under it.
    const ui::AdvisorLayout longTitle = ui::computeAdvisorLayout(1080, 1920, 1.25f, 600, 300, 500);
    CHECK(longTitle.title.w >= 600);
    CHECK(longTitle.title.y >= longTitle.lock.y + longTitle.lock.h);
    CHECK(longTitle.customer.y >= longTitle.title.y + longTitle.title.h);
    for (const auto& l : {wide, tall, longTitle}) {
        const float w = l.stacked ? 1080 : 1920, h = l.stacked ? 1920 : 1080;
        for (const auto& r : {l.lock, l.guide, l.title, l.bookings, l.customer}) CHECK(within(r, w, h));
        CHECK_FALSE(overlap(l.lock, l.guide));
        CHECK_FALSE(overlap(l.title, l.guide));
        CHECK_FALSE(overlap(l.bookings, l.customer));
    }
}

TEST_CASE("advisor desk in portrait: each visitor's row and its desk steps fit, touch-sized, in English and with large text") {
    // Three walk-up visitors at an event, then advisor mode in English with large text.
    nlohmann::json steps = {{{"tap", "start"}}};
    for (int i = 0; i < 3; ++i)
        for (const nlohmann::json& step : nlohmann::json::array(
                 {{{"tap", "model:" + std::vector<std::string>{"lark", "heron", "crane"}[static_cast<size_t>(i)]}},
                  {{"tap", "book"}}, {{"tap", "field:name"}}, {{"type", "wang\n"}}, {{"tap", "key:done"}},
                  {{"tap", "field:mobile"}}, {{"type", "1380013800" + std::to_string(i)}}, {{"tap", "key:done"}},
                  {{"tap", "check:licence"}}, {{"tap", "check:consent"}}, {{"tap", "submit"}}, {{"frames", 2}},
                  {{"expect_screen", "confirmation"}}, {{"tap", "done"}}, {{"tap", "start"}}}))
            steps.push_back(step);
    steps.push_back({{"tap", "lang"}});
    for (const auto& step : accessSteps({"large-text"})) steps.push_back(step);
    const auto dump = workDir() / "advisor-portrait-desk.json";
    for (const nlohmann::json& step : nlohmann::json::array({{{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 3}},
                                                             {{"expect_screen", "advisor"}}, {{"dump", dump.string()}}}))
        steps.push_back(step);
    ReplayOptions o;
    o.screen = "1080x1920x24";
    o.extra = {"--event"};
    const auto r = replay("advisor-portrait-desk", steps, o);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto d = readJson(dump);
    REQUIRE(d["language"] == "en");
    REQUIRE(d["access"]["large_text"] == true);
    REQUIRE(d["desk"].size() == 3);
    for (const auto& o2 : d["text_overflows"]) UNSCOPED_INFO(o2.dump());
    CHECK(d["text_overflows"].empty());
    const float minPx = d["min_target_mm"].get<float>() * d["pixels_per_mm"].get<float>();
    size_t steps_ = 0;
    for (auto it = d["targets"].begin(); it != d["targets"].end(); ++it) {
        INFO(it.key() << " " << it->dump());
        const ui::Rect t{(*it)[0].get<float>(), (*it)[1].get<float>(), (*it)[2].get<float>(), (*it)[3].get<float>()};
        CHECK(std::min(t.w, t.h) >= minPx - 0.5f);
        CHECK(within(t, 1080, 1920));
        if (it.key().rfind("desk:", 0) == 0) ++steps_;
    }
    CHECK(steps_ >= 3);  // each visitor's first step at least
}

TEST_CASE("the advisor's code field is outlined in high contrast, where its fill is the card's white") {
    const auto dump = workDir() / "advisor-contrast.json", shot = workDir() / "advisor-contrast.png";
    nlohmann::json steps = {{{"tap", "start"}}, {{"frames", 2}}};
    for (const auto& step : accessSteps({"high-contrast"})) steps.push_back(step);
    for (const nlohmann::json& step : nlohmann::json::array({{{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 3}},
                                                             {{"expect_screen", "advisor"}}, {{"dump", dump.string()}},
                                                             {{"screenshot", shot.string()}}, {{"frames", 1}}}))
        steps.push_back(step);
    const auto r = replay("advisor-contrast", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto d = readJson(dump);
    REQUIRE(d["access"]["high_contrast"] == true);
    REQUIRE(d["targets"].contains("field:code"));
    const auto& f = d["targets"]["field:code"];
    // Across the field's left edge at mid-height: an outline's worth of ink, then the empty face.
    const EdgeInk e = leftEdgeInk(shot, f, 8);
    REQUIRE(e.read);
    INFO("ink across the edge " << e.across);
    CHECK(e.across >= 300);
    CHECK(e.face < 40);
}
