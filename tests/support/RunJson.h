#pragma once
// Runs a command that must succeed and parses its standard output as JSON (its standard error is
// shown when it fails).
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/Process.h"

namespace testing_process {

inline nlohmann::json runJson(const std::vector<std::string>& args) {
    const auto r = run(args);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return nlohmann::json::parse(r.out);
}

}  // namespace testing_process
