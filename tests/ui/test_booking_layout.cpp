// The booking form in low reach (its rows are taller than the room below the reach line, and
// scroll): the last row is reached by dragging the list, and every row shown is tappable below the
// reach line and clear of "book"; the e-mail field stays in view while the keyboard types into
// it. The layout audit's ctest entries check these screens in every layout and mode.
#include <catch2/catch.hpp>

#include "KioskReplay.h"

using namespace kiosk_replay;

TEST_CASE("in low reach the booking form's rows scroll below the reach line, clear of book, and the last can be ticked") {
    const auto rest = workDir() / "low-reach-booking-rest.json", dragged = workDir() / "low-reach-booking-dragged.json",
               ticked = workDir() / "low-reach-booking-ticked.json";
    // A long drag up the list (the field under the finger is not focused by it): the list glides to its end.
    const nlohmann::json drag = {{"from", {1300, 720}}, {"to", {1300, 340}}, {"frames", 20}};
    const auto r = replay("low-reach-booking",
                          {{{"tap", "start"}}, {{"tap", "model:heron"}}, {{"tap", "access"}}, {{"frames", 2}},
                           {{"tap", "access:low-reach"}}, {{"frames", 2}}, {{"tap", "access"}}, {{"tap", "book"}}, {{"frames", 3}},
                           {{"expect_screen", "booking"}}, {{"dump", rest.string()}}, {{"drag", drag}}, {{"frames", 60}},
                           {{"dump", dragged.string()}}, {{"tap", "check:contact"}}, {{"frames", 2}}, {{"dump", ticked.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const float reachLine = 1080 * 0.42f;
    for (const auto& path : {rest, dragged}) {
        const auto d = readJson(path);
        INFO(path.filename().string());
        REQUIRE(d["access"]["low_reach"] == true);
        CHECK(d["text_overflows"].empty());
        const auto& targets = d["targets"];
        REQUIRE(targets.contains("submit"));
        const float submitTop = targets["submit"][1].get<float>();
        for (auto it = targets.begin(); it != targets.end(); ++it) {
            INFO(it.key() << " " << it->dump());
            const auto& t = *it;
            CHECK(t[1].get<float>() >= reachLine - 1);
            CHECK(t[1].get<float>() + t[3].get<float>() <= 1080.5f);
            if (it.key().rfind("field:", 0) == 0 || it.key().rfind("check:", 0) == 0) {
                CHECK(t[1].get<float>() + t[3].get<float>() <= submitTop);
                CHECK(t[3].get<float>() >= 60);  // a whole row, not a sliver
            }
        }
    }
    // At rest the first rows show; dragged, the last consent comes into view, and the drag focused nothing.
    CHECK(readJson(rest)["targets"].contains("field:name"));
    CHECK_FALSE(readJson(rest)["targets"].contains("check:contact"));
    const auto d = readJson(dragged);
    CHECK(d["targets"].contains("check:contact"));
    CHECK_FALSE(d["targets"].contains("field:name"));
    CHECK(d["booking_ui"]["focused"] == "");
    CHECK(readJson(ticked)["form"]["consent_contact"] == true);
}

TEST_CASE("the e-mail field stays in view above the keyboard that types into it") {
    const auto dump = workDir() / "email-keyboard.json";
    const auto r = replay("email-keyboard", {{{"tap", "start"}}, {{"tap", "model:heron"}}, {{"tap", "book"}}, {{"tap", "field:email"}},
                                             {{"tap", "key:a"}}, {{"tap", "key:@"}}, {{"tap", "key:b"}}, {{"frames", 2}},
                                             {{"dump", dump.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto d = readJson(dump);
    CHECK(d["booking_ui"]["focused"] == "email");
    CHECK(d["form"]["email"] == "a@b");
    const auto& targets = d["targets"];
    REQUIRE(targets.contains("field:email"));
    REQUIRE(targets.contains("key:q"));
    CHECK(targets["field:email"][1].get<float>() + targets["field:email"][3].get<float>() <= targets["key:q"][1].get<float>());
}
