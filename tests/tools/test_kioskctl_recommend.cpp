// kioskctl recommend, run as a check outside the tests would run it: its cars quote exactly as
// `kioskctl quote` quotes them, and bad flags are refused by name.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/Process.h"
#include "support/RunJson.h"
#include "support/TestPaths.h"

using testing_process::runJson;

TEST_CASE("kioskctl recommend: every car it recommends quotes the same in kioskctl quote") {
    const std::vector<std::vector<std::string>> answerSets = {
        {"--daily-km", "30", "--longest-km", "120", "--highway-share", "20", "--seats", "2", "--home-charging", "yes",
         "--climate", "hot-summer-cold-winter", "--priority", "cost"},
        {"--daily-km", "45", "--longest-km", "260", "--highway-share", "0.4", "--seats", "5", "--child-seats", "2",
         "--home-charging", "no", "--climate", "severe-cold", "--priority", "space"},
        {"--daily-km", "57", "--highway-share", "85%", "--budget-monthly", "200000", "--priority", "assistance"},
        {"--max-price", "25000000", "--priority", "performance"},
        {},
    };
    int checked = 0;
    for (const auto& answers : answerSets) {
        std::vector<std::string> cmd = {KIOSKCTL_PATH, "recommend", "--json", "--date", "2026-11-20",
                                        "--content", testing_paths::contentDir()};
        cmd.insert(cmd.end(), answers.begin(), answers.end());
        const auto rec = runJson(cmd);
        REQUIRE_FALSE(rec["recommendations"].empty());
        for (const auto& r : rec["recommendations"]) {
            const auto quote = runJson({KIOSKCTL_PATH, "quote", r["code"].get<std::string>(), "--json", "--date", "2026-11-20",
                                        "--content", testing_paths::contentDir(), "--finance", r["finance"]["offer"].get<std::string>(),
                                        "--down", std::to_string(r["finance"]["down_payment_minor"].get<long long>()),
                                        "--term", std::to_string(r["finance"]["term_months"].get<int>())});
            CHECK(quote["total_minor"] == r["total_minor"]);
            CHECK(quote["finance"]["monthly_payment_minor"] == r["monthly_minor"]);
            CHECK(quote["configuration"]["trim"] == r["trim"]);
            CHECK(r["reasons"].is_array());
            ++checked;
        }
    }
    CHECK(checked >= 10);
}

TEST_CASE("kioskctl recommend: nothing fits says which answer and what relaxing it gives") {
    const auto rec = runJson({KIOSKCTL_PATH, "recommend", "--json", "--date", "2026-11-20", "--content",
                              testing_paths::contentDir(), "--seats", "9"});
    CHECK(rec["recommendations"].empty());
    REQUIRE(rec["blockers"].size() == 1);
    CHECK(rec["blockers"][0]["answer"] == "seats");
    CHECK(rec["blockers"][0]["text"]["en"].get<std::string>().find("the most is 7") != std::string::npos);
}

TEST_CASE("kioskctl recommend: unknown flags and bad values are refused by name") {
    auto r = testing_process::run({KIOSKCTL_PATH, "recommend", "--daily-kms", "30"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("unknown argument \"--daily-kms\"") != std::string::npos);
    r = testing_process::run({KIOSKCTL_PATH, "recommend", "--home-charging", "maybe"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--home-charging \"maybe\" must be yes or no") != std::string::npos);
    r = testing_process::run({KIOSKCTL_PATH, "recommend", "--seats", "12", "--content", testing_paths::contentDir()});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("seats 12 is outside 1..9") != std::string::npos);
    r = testing_process::run({KIOSKCTL_PATH, "recommend", "--help"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("--budget-monthly") != std::string::npos);
}
