#pragma once
// Reference methods: plain backtracking over a Problem, independent of the Diagram. Slow but
// obviously correct: tests and `kioskctl rules bench --verify` check the engine against them, and
// the catalog facade uses satisfiable() on its small models to name the rules behind a conflict.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/rules/Problem.h"

namespace core::rules {

// Calls `visit` for every solution extending `partial` (kUnset = free); stops early when visit returns false. Returns the number visited.
std::uint64_t enumerateSolutions(const Problem& problem, const Assignment& partial,
                                 const std::function<bool(const Assignment&)>& visit);

// Whether `partial` extends to a solution of the constraints marked in `active` (all when empty).
bool satisfiable(const Problem& problem, const Assignment& partial, const std::vector<char>& active = {});

// A subset-minimal set of the active constraints (indices) under which `partial` has no solution,
// found by deletion; empty when `partial` is satisfiable.
std::vector<int> minimalConflict(const Problem& problem, const Assignment& partial);

}  // namespace core::rules
