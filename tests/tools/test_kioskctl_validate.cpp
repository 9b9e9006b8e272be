// kioskctl validate, run as a user runs it: exit status and the lines it prints.
#include <catch2/catch.hpp>

#include "support/Process.h"
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
