// kioskctl rules count|explain|bench on the public Renault medium range, run as a user runs them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/Process.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

TEST_CASE("kioskctl rules count prints the exact number of cars") {
    const auto dir = testing_paths::sharedData("configurator-benchmarks");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    const auto r = testing_process::run({KIOSKCTL_PATH, "rules", "count", *dir + "/renault-br4cp-medium/medium_domainsorted.xml"});
    CHECK(r.exitCode == 0);
    CHECK(r.out == "278744\n");
}

TEST_CASE("kioskctl rules explain answers a value that is dead at the root without searching") {
    const auto dir = testing_paths::sharedData("configurator-benchmarks");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    // v18=3 is in no valid car (the marginals file): the explanation is "the rules alone", at once
    // (it used to run an exponential deletion filter over backtracking searches).
    const auto r = testing_process::run(
        {KIOSKCTL_PATH, "rules", "explain", *dir + "/renault-br4cp-medium/medium_domainsorted.xml", "--value", "v18=3"});
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("available") == false);
    CHECK(j.at("because_of_picks").empty());
    CHECK(j.at("note") == "no valid configuration has this value");
    CHECK(j.at("repair").at("possible") == false);
}

TEST_CASE("kioskctl rules bench prints the mode, compile figures and verified clicks as JSON") {
    const auto dir = testing_paths::sharedData("configurator-benchmarks");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    const auto r = testing_process::run({KIOSKCTL_PATH, "rules", "bench", *dir + "/splot-dell-laptop/DELL.splx", "--sequences",
                                         "20", "--verify", "--shuffles", "3"});
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("mode") == "compiled");
    // Shuffled and renamed files: the same count and the same compile work as the file itself.
    REQUIRE(j.at("shuffles").size() == 3);
    for (const auto& s : j.at("shuffles")) {
        CHECK(s.at("count") == "2319");
        CHECK(s.at("same_work") == true);
        CHECK(s.at("compile_peak_nodes").get<long>() > 0);
    }
    CHECK(j.at("count") == "2319");
    CHECK(j.at("diagram").at("nodes").get<int>() > 0);
    CHECK(j.at("sequences").at("verified_clicks").get<int>() > 0);
    CHECK(j.at("sequences").at("mismatches") == 0);
    CHECK(j.contains("peak_memory_kb"));
    CHECK(j.at("root_explanations").contains("samples"));
}

TEST_CASE("kioskctl rules count and bench fall back to search mode past the compile budget, with the same answers") {
    const std::string content = testing_paths::contentDir();
    const auto compiled = testing_process::run({KIOSKCTL_PATH, "rules", "count", "heron", "--content", content});
    REQUIRE(compiled.exitCode == 0);
    const auto search = testing_process::run({KIOSKCTL_PATH, "rules", "count", "heron", "--content", content, "--max-nodes", "10"});
    REQUIRE(search.exitCode == 0);
    CHECK(search.out == compiled.out);
    CHECK(search.err.find("search mode (the diagram needs more than 10 nodes") != std::string::npos);

    const auto r = testing_process::run({KIOSKCTL_PATH, "rules", "bench", "crane", "--content", content, "--max-nodes", "10",
                                         "--sequences", "20", "--verify"});
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("mode") == "search");
    CHECK(j.at("fallback_reason").get<std::string>().find("10 nodes") != std::string::npos);
    CHECK(j.at("sequences").at("mismatches") == 0);
    CHECK(j.at("sequences").at("verified_clicks").get<int>() > 20);
    CHECK(j.at("sequences").at("valid_domains_cpu_ms").at("samples").get<int>() > 20);
}
