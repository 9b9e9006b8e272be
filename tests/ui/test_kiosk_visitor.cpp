// What a visitor reads and types: every change a repair makes is on screen (the Crane's 22-inch
// wheels make six), the name keyboard starts in the screen's language and switches on request,
// and the confirmation gives the booking reference, the showroom's address and a readable local
// time; a walk-up visitor at an event is told to wait for their number, not to come on time.
#include <catch2/catch.hpp>

#include <regex>

#include "KioskReplay.h"

using namespace kiosk_replay;

namespace {

// The text drawn under `id` (a wrapped string's lines joined), or "" when none was.
const std::regex kIsoDate(R"(\d{4}-\d{2}-\d{2})");

}  // namespace

TEST_CASE("the fix for the Crane's 22-inch wheels shows every change it makes, each with its price") {
    const auto dump = workDir() / "repair-crane.json";
    const auto r = replay("repair-crane", {{{"tap", "start"}}, {{"tap", "model:crane"}}, {{"tap", "option:crane-standard"}},
                                           {{"tap", "tab:wheels"}}, {{"tap", "option:crane-wheel-22"}}, {{"frames", 3}},
                                           {{"dump", dump.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto s = readJson(dump);
    REQUIRE(s["explaining"] == "crane-wheel-22");
    const auto& changes = s["repair"]["changes"];
    REQUIRE(changes.size() >= 5);  // the trim, the wheels and what the flagship's defaults bring
    for (size_t i = 0; i < changes.size(); ++i) {
        INFO("change " << i << ": " << changes[i].dump());
        CHECK_FALSE(shown(s, "repair.step" + std::to_string(i)).empty());
    }
    CHECK_FALSE(shown(s, "repair.price").empty());
    CHECK(s["targets"].contains("repair:apply"));
    CHECK(s["text_overflows"].empty());
}

TEST_CASE("the name keyboard starts in Latin letters on an English screen, and the visitor can switch it") {
    const auto typed = workDir() / "name-en-typed.json", switched = workDir() / "name-en-switched.json",
               booked = workDir() / "name-en-booked.json";
    const auto r = replay("name-en", {{{"tap", "start"}},          {{"tap", "lang"}},          {{"tap", "model:heron"}},
                                      {{"tap", "book"}},           {{"tap", "day:1"}},         {{"tap_first", "slot:"}},
                                      {{"tap", "field:name"}},     {{"tap", "key:a"}},         {{"tap", "key:n"}},
                                      {{"tap", "key:n"}},          {{"tap", "key:a"}},         {{"dump", typed.string()}},
                                      {{"tap", "key:mode"}},       {{"tap", "key:l"}},         {{"tap", "key:i"}},
                                      {{"tap_first", "key:cand"}}, {{"dump", switched.string()}}, {{"tap", "key:backspace"}},
                                      {{"tap", "key:done"}},
                                      {{"tap", "field:mobile"}},   {{"type", "13800138000"}},  {{"tap", "key:done"}},
                                      {{"tap", "check:licence"}},  {{"tap", "check:consent"}}, {{"tap", "submit"}},
                                      {{"frames", 2}},             {{"expect_screen", "confirmation"}}, {{"dump", booked.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto t = readJson(typed);
    REQUIRE(t["language"] == "en");
    CHECK(t["form"]["name"] == "anna");      // Latin letters as tapped, no pinyin candidates
    CHECK(t["booking_ui"]["pinyin"] == "");
    const auto w = readJson(switched);
    const std::string name = w["form"]["name"];
    CHECK(name.rfind("anna", 0) == 0);
    CHECK(name.size() == 4 + 3);  // the 中 key: "li" became one hanzi after the Latin name

    // The confirmation: the booking reference, where the showroom is, and the time as people write it.
    const auto b = readJson(booked);
    const std::string id = b["confirmation"]["booking_id"], slot = b["confirmation"]["slot"];
    REQUIRE_FALSE(id.empty());
    CHECK(shown(b, "confirm.reference").find(id) != std::string::npos);
    CHECK(shown(b, "confirm.address").find("Example Road") != std::string::npos);
    const std::string when = shown(b, "confirm.when");
    INFO(when);
    CHECK_FALSE(std::regex_search(when, kIsoDate));
    CHECK(when.find(slot.substr(11, 5)) != std::string::npos);  // "14:30"
    // The slot's day and month in words: "Tue 8 December 2026".
    static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
    CHECK(when.find(std::to_string(std::stoi(slot.substr(8, 2))) + " " + kMonths[std::stoi(slot.substr(5, 2)) - 1]) != std::string::npos);
}

TEST_CASE("a walk-up visitor at an event is told to wait for their number, in the screen's language") {
    const auto dump = workDir() / "event-confirm.json";
    const auto r = replay("event-confirm",
                          {{{"tap", "start"}}, {{"tap", "model:lark"}}, {{"tap", "book"}}, {{"tap", "field:name"}},
                           {{"type", "wang\n"}}, {{"tap", "key:done"}}, {{"tap", "field:mobile"}}, {{"type", "13800138001"}},
                           {{"tap", "key:done"}}, {{"tap", "check:licence"}}, {{"tap", "check:consent"}}, {{"tap", "submit"}},
                           {{"frames", 2}}, {{"expect_screen", "confirmation"}}, {{"dump", dump.string()}}},
                          {.screen = "1920x1080x24", .extra = {"--event"}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto s = readJson(dump);
    REQUIRE(s["language"] == "zh-CN");
    const std::string next = shown(s, "confirm.next");
    INFO(next);
    REQUIRE_FALSE(next.empty());
    CHECK(next.find("按时") == std::string::npos);  // "on time": there is no time for a walk-up visitor
    CHECK(shown(s, "confirm.reference").find(s["confirmation"]["booking_id"].get<std::string>()) != std::string::npos);
    CHECK_FALSE(shown(s, "confirm.address").empty());
}
