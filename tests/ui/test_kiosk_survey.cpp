// A home-charger site survey booked from the fit check, and the visit's anonymous insight events:
// both land in the kiosk's store outbox (the same queue as test drives), nothing personal in the
// events, and an abandoned visit says where it ended.
#include <catch2/catch.hpp>

#include <iterator>
#include <map>
#include <sstream>

#include "KioskReplay.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;

namespace {

// `kioskctl outbox show` for an embedded kiosk's data folder: event types and their counts.
std::map<std::string, int> outboxTypes(const fs::path& data) {
    const fs::path config = data / "outbox-config.json";
    std::ofstream(config) << nlohmann::json{{"kiosk_id", "kiosk-1"},
                                            {"database", (data / "kiosk.db").string()},
                                            {"store_key_file", (data / "store.key").string()}}
                                 .dump();
    const auto r = testing_process::run({KIOSKCTL_PATH, "outbox", "show", "--config", config.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::map<std::string, int> counts;
    std::istringstream lines(r.out);
    std::string seq, type;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        if (words >> seq >> type && !seq.empty() && std::isdigit(static_cast<unsigned char>(seq[0]))) ++counts[type];
    }
    return counts;
}

}  // namespace

TEST_CASE("site survey: booked from the fit check with its own consent, and the visit's insight events reach the outbox") {
    const fs::path data = workDir() / "survey-data";
    fs::remove_all(data);
    const fs::path large = workDir() / "survey-qr-large.json";
    const fs::path empty = workDir() / "survey-empty.json", wrong = workDir() / "survey-wrong.json",
                   done = workDir() / "survey-done.json", abandoned = workDir() / "survey-abandoned.json";
    const nlohmann::json steps = {
        {{"tap", "start"}}, {{"tap", "model:heron"}}, {{"tap", "tab:paint"}}, {{"tap", "option:heron-paint-blue"}},
        {{"tap", "tab:wheels"}}, {{"tap", "option:heron-wheel-21-forged"}},  // greyed out: the explanation opens
        {{"tap", "repair:cancel"}}, {{"tap", "summary"}},
        {{"tap", "qr"}}, {{"frames", 2}}, {{"dump", large.string()}}, {{"tap", "qr:close"}},  // the QR large, to scan
        {{"tap", "fit"}}, {{"tap", "parking:own_space"}},
        {{"tap", "survey"}}, {{"frames", 2}}, {{"expect_screen", "survey"}},
        {{"tap", "submit"}},  // nothing chosen yet: the button does nothing
        {{"dump", empty.string()}},
        {{"tap", "day:1"}}, {{"tap", "period:afternoon"}}, {{"tap", "field:name"}}, {{"type", "zhang\n"}},
        {{"tap", "key:done"}}, {{"tap", "field:mobile"}}, {{"type", "12345"}}, {{"tap", "key:done"}},
        {{"tap", "check:consent"}}, {{"tap", "submit"}}, {{"frames", 2}}, {{"dump", wrong.string()}},
        {{"tap", "field:mobile"}}, {{"key", "backspace"}}, {{"key", "backspace"}}, {{"key", "backspace"}},
        {{"key", "backspace"}}, {{"key", "backspace"}}, {{"type", "13800138000"}}, {{"tap", "key:done"}},
        {{"tap", "submit"}}, {{"frames", 2}}, {{"expect_screen", "confirmation"}}, {{"dump", done.string()}},
        {{"tap", "done"}},
        // A second visitor looks at the hatchback and walks away.
        {{"tap", "start"}}, {{"tap", "model:lark"}}, {{"advance_s", 200}}, {{"frames", 2}},
        {{"dump", abandoned.string()}}};
    const auto r = replay("survey", steps, {.screen = "1920x1080x24", .extra = {"--data", data.string()}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);

    const auto q = readJson(large);
    CHECK(q["screen"] == "summary");
    CHECK(q["targets"].contains("qr:close"));
    CHECK_FALSE(q["targets"].contains("fit"));  // the large code takes every touch until closed

    const auto e = readJson(empty);
    CHECK(e["screen"] == "survey");
    CHECK(e["stored_surveys"] == 0);
    CHECK(e["survey_form"]["consent_contact"] == false);  // never pre-ticked
    const auto w = readJson(wrong);
    CHECK(w["screen"] == "survey");
    CHECK(w["survey_form"]["errors"]["mobile"] == "invalid_mobile");
    CHECK(w["stored_surveys"] == 0);

    const auto d = readJson(done);
    CHECK(d["confirmation"]["survey"] == true);
    CHECK(d["stored_surveys"] == 1);
    CHECK(d["stored_bookings"] == 0);  // instead of a test drive, not beside one
    CHECK(d["has_personal_data"] == false);  // committed, then wiped from memory
    const std::vector<std::string> visit = d["insight"]["visit"];
    CHECK(visit == std::vector<std::string>{"session_started", "model_viewed", "option_picked", "option_greyed_out",
                                            "quote_shown", "qr_taken", "booking_made"});

    const auto a = readJson(abandoned);
    CHECK(a["screen"] == "attract");
    CHECK(a["insight"]["active"] == false);
    const std::vector<std::string> second = a["insight"]["visit"];
    CHECK(second == std::vector<std::string>{"session_started", "model_viewed", "abandoned"});
    CHECK(a["insight"]["dropped"] == 0);

    // Everything is in the outbox, in the store, waiting for a hub: one survey, ten events.
    const auto types = outboxTypes(data);
    CHECK(types.count("booking.create") == 0);
    CHECK(types.at("survey.create") == 1);
    CHECK(types.at("analytics.event") == 10);
    CHECK(a["insight"]["written"] == 10);
    // Nothing personal is readable in the database file: the survey is encrypted, events hold none.
    std::ifstream db(data / "kiosk.db", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
    CHECK(bytes.find("13800138000") == std::string::npos);
    CHECK(bytes.find("8613800138000") == std::string::npos);
}
