// The model chooser laid out for every screen the kiosk ships on (the layout audit's ctest
// entries check it in every layout and mode), and with large text and low reach together (short cards
// under the reach line, bigger words) every word of a card stays inside its card.
#include <catch2/catch.hpp>

#include "AuditRun.h"

using namespace kiosk_replay;
using namespace kiosk_audit;

TEST_CASE("model chooser in portrait with large text and low reach: each card's words inside the card, every card within reach") {
    for (const char* lang : {"zh-CN", "en"}) {
        INFO(lang);
        const auto dump = workDir() / (std::string("models-large-low-") + lang + ".json");
        nlohmann::json steps = {{{"tap", "start"}}, {{"frames", 2}}};
        if (std::string(lang) == "en") steps.push_back({{"tap", "lang"}});
        for (const auto& step : accessSteps({"large-text", "low-reach"})) steps.push_back(step);
        steps.push_back({{"frames", 2}});
        steps.push_back({{"expect_screen", "models"}});
        steps.push_back({{"dump", dump.string()}});
        ReplayOptions o;
        o.screen = "1080x1920x24";
        const auto r = replay(std::string("models-large-low-") + lang, steps, o);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        const auto d = readJson(dump);
        REQUIRE(d["access"]["large_text"] == true);
        REQUIRE(d["access"]["low_reach"] == true);
        for (const auto& o2 : d["text_overflows"]) UNSCOPED_INFO(o2.dump());
        CHECK(d["text_overflows"].empty());
        size_t cards = 0;
        for (auto it = d["targets"].begin(); it != d["targets"].end(); ++it) {
            CHECK((*it)[1].get<float>() >= 1920 * 0.42f - 1);  // nothing to reach above the line
            if (it.key().rfind("model:", 0) != 0) continue;
            ++cards;
            const std::string prefix = "chooser." + it.key().substr(6) + ".";
            const auto& c = *it;
            size_t words = 0;
            for (auto t = d["text_boxes"].begin(); t != d["text_boxes"].end(); ++t) {
                if (t.key().rfind(prefix, 0) != 0) continue;
                ++words;
                INFO(t.key() << " " << t->dump() << " in " << c.dump());
                const auto& b = *t;
                CHECK(b[0].get<float>() >= c[0].get<float>());
                CHECK(b[1].get<float>() >= c[1].get<float>());
                CHECK(b[0].get<float>() + b[2].get<float>() <= c[0].get<float>() + c[2].get<float>());
                CHECK(b[1].get<float>() + b[3].get<float>() <= c[1].get<float>() + c[3].get<float>());
            }
            CHECK(words >= 7);  // name, body, from, price, range label, range, tagline
        }
        CHECK(cards == 3);
    }
}
