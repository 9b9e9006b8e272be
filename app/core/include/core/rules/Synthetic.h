#pragma once
// Seeded synthetic rule sets of a chosen structure, for scale tests and `kioskctl rules generate`:
// a carmaker range we are not given (about a hundred tightly connected variables, a min-fill width
// near 8) is tested through instances of the same class. The structure is a partial k-tree (each
// new variable is tied by its tables to a k-clique of earlier ones, so the treewidth is at most
// k), and the file declares variables and tables in a seeded random order, far from any good
// decision order. A hidden car is planted in every table, so the rules always allow some car.
#include <cstdint>
#include <string>
#include <vector>

#include "core/rules/Problem.h"

namespace core::rules {

struct SyntheticShape {
    int variables = 100;
    int width = 8;               // k of the partial k-tree: the treewidth is at most this
    int minDomain = 2;
    int maxDomain = 4;
    int tablesPerVariable = 2;   // tables that tie each new variable to its clique: each allows it a
                                 // random non-empty set of values for every combination of the others
    int maxArity = 5;
    double keep = 0.5;           // chance that a table allows a value for a combination of the others
    std::uint64_t seed = 1;
};

// The rule set of that shape and seed: always the same Problem for the same arguments.
Problem syntheticRuleSet(const SyntheticShape& shape);

// The same instance with variables, tables and each table's columns in a seeded random order, and
// every variable and table renamed: what a compile must not depend on. varOf[original] = new index.
struct Shuffled {
    Problem problem;
    std::vector<int> varOf;
};
Shuffled shuffleAndRename(const Problem& problem, std::uint64_t seed);

// `problem` as an XCSP 2.1 extensional instance (the form loadProblemFile reads back).
std::string toXcsp(const Problem& problem);

}  // namespace core::rules
