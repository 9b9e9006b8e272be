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

namespace core::rules {

// Every solution of a problem held as rows, enumerated by the reference backtracker: the
// independent oracle for valid domains in tests and `kioskctl rules bench --verify`.
class SolutionTable {
public:
    // Enumerates at most maxRows solutions; truncated() says whether there were more.
    SolutionTable(const Problem& problem, std::uint64_t maxRows);
    bool truncated() const { return m_truncated; }
    std::uint64_t size() const { return m_rows; }
    // available[var][value]: some solution agrees with every pick of the other variables and has
    // `value` for `var` (the same meaning as Session::available).
    std::vector<std::vector<char>> available(const Assignment& picks) const;

private:
    size_t m_width = 0;
    std::uint64_t m_rows = 0;
    bool m_truncated = false;
    std::vector<std::uint16_t> m_cells;
    std::vector<int> m_sizes;
};

}  // namespace core::rules
