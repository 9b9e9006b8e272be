// The advisor's desk on a kiosk that syncs to a sales hub: the PIN opens advisor mode, the hub's
// list needs the advisor's own sign-in (a wrong password is refused), and a check-in is made at
// the hub, which the list then shows. A real sales-hub process on a free local port.
#include <catch2/catch.hpp>

#include "KioskReplay.h"
#include "sync/ChildProcess.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;

namespace {

std::string run(const std::vector<std::string>& argv) {
    const auto r = testing_process::run(argv);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

TEST_CASE("advisor desk with a hub: sign in as the advisor, then check a visitor in at the hub") {
    const fs::path dir = workDir() / "desk-hub";
    fs::remove_all(dir);
    fs::create_directories(dir / "hub");
    const std::string hubData = (dir / "hub").string(), content = testing_paths::contentDir();
    const std::string token = run({SALES_HUB_PATH, "register", "--data", hubData, "--device", "kiosk-1", "--role", "kiosk",
                                   "--content", content});
    std::ofstream(dir / "password") << "desk-pass-1\n";
    run({SALES_HUB_PATH, "advisor", "--data", hubData, "--id", "li-na", "--password-file", (dir / "password").string()});
    testing_process::ChildProcess hub({SALES_HUB_PATH, "--listen", "127.0.0.1:0", "--data", hubData, "--content", content});
    REQUIRE(hub.waitFor("listening on http://127.0.0.1:", std::chrono::seconds(20)));
    hub.waitFor("\n", std::chrono::seconds(1));
    const std::string& out = hub.output();
    const std::string prefix = "listening on http://127.0.0.1:";
    const std::string url = "http://127.0.0.1:" + std::to_string(std::stoi(out.substr(out.find(prefix) + prefix.size())));

    const fs::path locked = dir / "locked.json", refused = dir / "refused.json", signedIn = dir / "signed-in.json",
                   checkedIn = dir / "checked-in.json", after = dir / "after.json";
    const nlohmann::json steps = {
        {{"tap", "start"}}, {{"tap", "model:heron"}}, {{"tap", "book"}}, {{"tap", "field:name"}}, {{"type", "wang\n"}},
        {{"tap", "key:done"}}, {{"tap", "field:mobile"}}, {{"type", "13800138000"}}, {{"tap", "key:done"}},
        {{"tap", "check:licence"}}, {{"tap", "check:consent"}}, {{"tap", "submit"}}, {{"frames", 2}},
        {{"expect_screen", "confirmation"}}, {{"tap", "done"}}, {{"tap", "start"}},
        {{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 3}}, {{"dump", locked.string()}},
        {{"tap", "field:advisor_id"}}, {{"type", "li-na"}}, {{"tap", "key:done"}},
        {{"tap", "field:password"}}, {{"type", "not-the-password\n"}}, {{"frames", 40}}, {{"dump", refused.string()}},
        {{"tap", "field:password"}}, {{"type", "desk-pass-1\n"}}, {{"frames", 60}}, {{"dump", signedIn.string()}},
        {{"tap", "desk:0:check-in"}}, {{"frames", 60}}, {{"dump", checkedIn.string()}},
        {{"tap", "lock"}}, {{"frames", 3}}, {{"dump", after.string()}}};
    const auto r = replay("desk-hub", steps,
                          {.screen = "1920x1080x24",
                           .extra = {"--event"},
                           .with3d = false,
                           .env = {"KIOSK_ID=kiosk-1", "KIOSK_DATABASE=" + (dir / "kiosk.db").string(),
                                   "KIOSK_HUB_URL=" + url, "KIOSK_HUB_TOKEN=" + token,
                                   "KIOSK_STORE_KEY=" + std::string(64, 'a')},
                           .ownData = false});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);

    // The PIN opens advisor mode, but the hub's list needs the advisor's own sign-in.
    const auto l = readJson(locked);
    CHECK(l["screen"] == "advisor");
    CHECK(l["targets"].contains("field:advisor_id"));
    CHECK(l["desk"].empty());
    const auto w = readJson(refused);
    CHECK(w["desk_error"] == "invalid_credentials");
    CHECK(w["desk"].empty());

    const auto s = readJson(signedIn);
    CHECK(s["desk_error"] == "");
    REQUIRE(s["desk"].size() == 1);  // the booking made on this kiosk, as the hub holds it
    CHECK(s["desk"][0]["status"] == "confirmed");

    const auto c = readJson(checkedIn);
    REQUIRE(c["desk"].size() == 1);
    CHECK(c["desk"][0]["status"] == "checked_in");
    CHECK(c["desk"][0]["actions"] == nlohmann::json::array({"start", "no-show"}));

    // Locking advisor mode signs out at the hub and forgets the list.
    const auto a = readJson(after);
    CHECK(a["advisor_unlocked"] == false);
    CHECK(a["desk"].empty());
}
