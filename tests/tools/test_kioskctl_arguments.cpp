// kioskctl and sales-hub refuse what they do not take (a misspelt option used to be ignored, and
// `kioskctl validate DIR` validated the built-in content instead of DIR), and `kioskctl quote`
// gives the same official range as `kioskctl range` for the same car.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/Process.h"
#include "support/RunJson.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

using testing_process::runJson;

namespace {

}  // namespace

TEST_CASE("every kioskctl command refuses an argument it does not take, by name") {
    const std::vector<std::vector<std::string>> calls = {
        {"validate"}, {"range"}, {"range", "trims"}, {"quote", "ABC"}, {"codes", "--sample", "1"}, {"bench", "price"},
        {"rules", "count", "heron"}, {"model", "generate"}, {"report", "events.jsonl"}, {"outbox", "show"},
        {"sync"}, {"export", "bookings"}, {"pin-hash"}, {"recommend"}};
    for (auto call : calls) {
        call.insert(call.begin(), KIOSKCTL_PATH);
        call.push_back("--contnet");
        call.push_back("x");
        INFO(call[1]);
        const auto r = testing_process::run(call);
        CHECK(r.exitCode == 2);
        // Commands that parse their own subcommands word it "unexpected"; the rest "unknown".
        CHECK((r.err.find("unknown argument \"--contnet\"") != std::string::npos ||
               r.err.find("unexpected argument \"--contnet\"") != std::string::npos));
    }
    // A word too many is refused too, and an option without its value.
    const auto extra = testing_process::run({KIOSKCTL_PATH, "quote", "ABC", "DEF"});
    CHECK(extra.exitCode == 2);
    CHECK(extra.err.find("unexpected argument \"DEF\"") != std::string::npos);
    const auto dangling = testing_process::run({KIOSKCTL_PATH, "validate", "--content"});
    CHECK(dangling.exitCode == 2);
    CHECK(dangling.err.find("--content needs a value") != std::string::npos);
}

TEST_CASE("every command kioskctl --help points to with (COMMAND --help) prints its usage and succeeds") {
    const auto top = testing_process::run({KIOSKCTL_PATH, "--help"});
    REQUIRE(top.exitCode == 0);
    const std::string text = top.out + top.err;
    std::vector<std::string> pointed;
    for (size_t at = text.find(" --help)"); at != std::string::npos; at = text.find(" --help)", at + 1)) {
        const size_t open = text.rfind('(', at);
        if (open != std::string::npos) pointed.push_back(text.substr(open + 1, at - open - 1));
    }
    CHECK(pointed.size() >= 4);  // range, model, rules, recommend at least
    for (const auto& command : pointed) {
        INFO(command);
        const auto r = testing_process::run({KIOSKCTL_PATH, command, "--help"});
        CHECK(r.exitCode == 0);
        std::string out = r.out;
        std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        CHECK(out.find("usage") != std::string::npos);
    }
}

TEST_CASE("kioskctl validate DIR validates DIR, and refuses two folders") {
    const std::string bad = testing_paths::fixtures() + "/content/many-errors";
    const auto r = testing_process::run({KIOSKCTL_PATH, "validate", bad});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("6 errors in " + bad) != std::string::npos);
    CHECK(r.out.find("ok") == std::string::npos);
    const auto good = testing_process::run({KIOSKCTL_PATH, "validate", testing_paths::contentDir()});
    CHECK(good.exitCode == 0);
    const auto both = testing_process::run({KIOSKCTL_PATH, "validate", bad, "--content", testing_paths::contentDir()});
    CHECK(both.exitCode == 2);
    CHECK(both.err.find("give the folder once") != std::string::npos);
    const auto missing = testing_process::run({KIOSKCTL_PATH, "validate", testing_paths::contentDir(), "--market", "xx"});
    CHECK(missing.exitCode != 0);
    CHECK(missing.err.find("no market \"xx\"") != std::string::npos);
}

TEST_CASE("sales-hub refuses an argument its command does not take") {
#ifndef SALES_HUB_PATH
    KIOSK_SKIP("sales-hub is not part of this build");
#else
    for (const std::vector<std::string>& call :
         std::vector<std::vector<std::string>>{{SALES_HUB_PATH, "--listen", "127.0.0.1:0", "--data", "/nonexistent", "--lisen", "x"},
                                               {SALES_HUB_PATH, "purge", "--data", "/nonexistent", "--force"},
                                               {SALES_HUB_PATH, "report", "--data", "/nonexistent", "--out", "o", "--jsn"}}) {
        const auto r = testing_process::run(call);
        INFO(r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find("unknown argument") != std::string::npos);
    }
    const auto unknown = testing_process::run({SALES_HUB_PATH, "purg", "--data", "/nonexistent"});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("unknown command \"purg\"") != std::string::npos);
#endif
}

TEST_CASE("kioskctl quote's official range is the one kioskctl range gives, published where the catalog publishes") {
    const std::string content = testing_paths::contentDir();
    const auto codes = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", "25", "--seed", "7", "--content", content});
    REQUIRE(codes.exitCode == 0);
    std::istringstream lines(codes.out);
    std::string code;
    int checked = 0;
    while (std::getline(lines, code)) {
        if (code.empty()) continue;
        const auto q = runJson({KIOSKCTL_PATH, "quote", code, "--json", "--date", "2026-11-27", "--content", content});
        REQUIRE(q.contains("official_range"));
        const auto& cfg = q["configuration"];
        std::vector<std::string> args = {KIOSKCTL_PATH, "range", "--json", "--content", content,
                                         "--model", cfg["model"].get<std::string>(), "--trim", cfg["trim"].get<std::string>()};
        for (const auto& o : cfg["options"]) args.insert(args.end(), {"--option", o.get<std::string>()});
        const auto r = runJson(args);
        INFO(code);
        CHECK(q["official_range"]["range_km"] == r["official"]["range_km"]);
        CHECK(q["official_range"]["cycle"] == "cltc_p");
        CHECK(q["official_range"]["range_km"].get<double>() > 300);
        ++checked;
    }
    CHECK(checked == 25);
}
