#pragma once
// Random rule sets for the rules tests: n variables with small priced domains and random binary
// and ternary tables, supports and conflicts.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/rules/Problem.h"

namespace rules_test {

struct RandomShape {
    int domainSpread = 3;          // domains of 2 .. 1 + domainSpread values
    std::int64_t priceRange = 100;  // prices 0 .. priceRange - 1
    int extraConstraints = 4;      // n + 0 .. extraConstraints - 1 tables
    unsigned supportsPercent = 70;  // share of tuples a supports table allows
    unsigned conflictsPercent = 25; // share of tuples a conflicts table forbids
};

inline core::rules::Problem randomProblem(std::mt19937_64& rng, int n, const RandomShape& shape = {}) {
    core::rules::Problem p;
    for (int v = 0; v < n; ++v) {
        const int d = 2 + static_cast<int>(rng() % static_cast<unsigned>(shape.domainSpread));
        std::vector<std::string> labels;
        for (int x = 0; x < d; ++x) labels.push_back(std::to_string(x));
        const int var = p.addVariable("x" + std::to_string(v), labels);
        for (int x = 0; x < d; ++x)
            p.variables[static_cast<size_t>(var)].priceMinor[static_cast<size_t>(x)] =
                static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(shape.priceRange));
    }
    const int m = n + static_cast<int>(rng() % static_cast<unsigned>(shape.extraConstraints));
    for (int c = 0; c < m; ++c) {
        const int arity = 2 + static_cast<int>(rng() % 2);
        std::vector<int> scope;
        while (static_cast<int>(scope.size()) < arity) {
            const int v = static_cast<int>(rng() % static_cast<unsigned>(n));
            if (std::find(scope.begin(), scope.end(), v) == scope.end()) scope.push_back(v);
        }
        const bool supports = rng() % 2 == 0;
        const unsigned percent = supports ? shape.supportsPercent : shape.conflictsPercent;
        p.addPredicate("c" + std::to_string(c), scope, [&](const std::vector<int>&) { return rng() % 100 < percent; });
        p.constraints.back().supports = supports;
    }
    return p;
}

}  // namespace rules_test
