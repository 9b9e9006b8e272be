// The booking form (with its errors showing), the home-charger survey and the fit check laid out
// for every screen the kiosk ships on: the layout audit finds nothing in large text and low reach
// (where the rows are taller than the room below the reach line and scroll), nor in portrait; and
// in low reach the booking form's last row is reached by dragging the list, and every row shown is
// tappable below the reach line and clear of "book"; the e-mail field stays in view while the
// keyboard types into it.
#include <catch2/catch.hpp>

#include "KioskReplay.h"

using namespace kiosk_replay;

namespace {

// `kiosk --audit` over `layouts` (all when empty) and `modes` for the three screens; every finding
// fails the test, and is printed.
void auditClean(const std::string& name, const std::string& layouts, const std::string& modes, size_t cases) {
    const auto out = workDir() / (name + ".json");
    std::vector<std::string> argv = {"/usr/bin/xvfb-run", "-a", "-s", "-screen 0 3840x2160x24", KIOSK_PATH, "--content",
                                     testing_paths::contentDir(), "--date", "2026-11-27", "--no-3d", "--data",
                                     (workDir() / (name + "-data")).string(), "--audit", out.string(), "--audit-modes", modes,
                                     "--audit-states", "booking_error,survey,fit_check"};
    if (!layouts.empty()) argv.insert(argv.end(), {"--audit-layouts", layouts});
    const auto r = testing_process::run(argv);
    INFO(r.err);
    const auto j = readJson(out);
    CHECK(j["cases"] == cases);
    for (const auto& f : j["findings"]) {
        INFO(f.dump());
        CHECK(f.is_null());
    }
    CHECK(r.exitCode == 0);
}

}  // namespace

TEST_CASE("kiosk --audit: the booking form, the survey and the fit check have no finding in large text or low reach, in any layout") {
    auditClean("audit-forms-access", "", "large_text,low_reach", 4 * 2 * 2 * 3);  // layouts, languages, modes, screens
}

TEST_CASE("kiosk --audit: the fit check, the survey and the booking form have no finding in portrait") {
    auditClean("audit-forms-portrait", "1080x1920", "standard,high_contrast,large_high", 2 * 3 * 3);
}

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
