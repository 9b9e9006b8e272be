#pragma once
// Private to core_rules: invariants of the rule structure that do not depend on how a file names
// or orders things. The variable order and the compiler's constraint schedule break their ties
// with these, so a shuffled and renamed file compiles through the same steps (see README.md,
// "Variable order").
#include <cstdint>
#include <vector>

#include "core/rules/Problem.h"

namespace core::rules::detail {

// A 64-bit colour per variable, computed from the rule structure only: colour refinement
// (1-dimensional Weisfeiler-Leman) on the bipartite graph of variables and tables, starting from
// each variable's domain (size, prices, auxiliary flag) and each table's content (kind, size, per
// column the count of tuples holding each value, the tuples as multisets of (column, value)), with
// each variable-table edge labelled by its column. The first refinement also relabels the columns
// from the tuples and the other columns' variable colours. Where that leaves several variables
// with one colour, one of the smallest such class is individualised and (cheaper) refinement
// resumes, until every colour is distinct or a work cap is reached. Renaming variables, tables or
// relations and reordering variables, tables, columns or tuples gives every variable the same
// colour, except that the individualised choice is arbitrary among variables refinement cannot
// tell apart: on real rule sets, interchangeable ones (the same tables over the same neighbours).
std::vector<std::uint64_t> structuralColours(const Problem& p);

// Hash of one table's content with its columns taken in the order of `key` (key[variable], all
// distinct over a scope; here the variable's decision level): independent of the table's name and
// of the order of its columns and tuples.
std::uint64_t tableHash(const TableConstraint& c, const std::vector<int>& key);

// A 64-bit mixer (splitmix64's finaliser).
inline std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

}  // namespace core::rules::detail
