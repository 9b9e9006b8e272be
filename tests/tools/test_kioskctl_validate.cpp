// kioskctl validate, run as a user runs it: exit status and the lines it prints.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/Process.h"
#include "support/RunDir.h"
#include "support/TestPaths.h"

TEST_CASE("kioskctl validate accepts the shipped content") {
    const auto r = testing_process::run({KIOSKCTL_PATH, "validate", "--content", testing_paths::contentDir()});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("3 models") != std::string::npos);
}

TEST_CASE("kioskctl validate lists every error and exits non-zero") {
    const std::string dir = testing_paths::fixtures() + "/content/many-errors";
    const auto r = testing_process::run({KIOSKCTL_PATH, "validate", "--content", dir});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("/trims/0/options/3: unknown option \"mini-roof\"") != std::string::npos);
    CHECK(r.err.find("/trims/0/physics/drag_coefficient: value 5 is outside 0.15..0.6") != std::string::npos);
    CHECK(r.err.find("/options/3: unknown field \"categroy\"") != std::string::npos);
    CHECK(r.err.find("6 errors") != std::string::npos);
}

TEST_CASE("kioskctl rejects an unknown command") {
    const auto r = testing_process::run({KIOSKCTL_PATH, "frobnicate"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("unknown command \"frobnicate\"") != std::string::npos);
}

TEST_CASE("kioskctl validate finds a trim whose defaults do not give what its price buys") {
    testing_paths::TempDir dir("kiosk-validate-trims");
    const std::filesystem::path copy = std::filesystem::path(dir.path()) / "content";
    std::filesystem::copy(testing_paths::contentDir(), copy, std::filesystem::copy_options::recursive);
    const std::filesystem::path heron = copy / "models" / "heron.json";
    std::stringstream text;
    text << std::ifstream(heron).rdbuf();
    std::string json = text.str();
    // The Long Range trim's defaults: the standard battery instead of the long-range one.
    const std::string from = "\"battery\": \"heron-bat-94\"";
    const auto at = json.find(from);
    REQUIRE(at != std::string::npos);
    json.replace(at, from.size(), "\"battery\": \"heron-bat-73\"");
    std::ofstream(heron, std::ios::trunc) << json;
    const auto r = testing_process::run({KIOSKCTL_PATH, "validate", "--content", copy.string()});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("heron.json: /trims/1/defaults: trim \"heron-long-range\": the same default car as \"heron-standard\"") !=
          std::string::npos);
}
