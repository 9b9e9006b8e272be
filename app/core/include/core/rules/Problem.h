#pragma once
// Problem: the general configuration model the rules engine works on. Variables with finite
// domains (values are indices 0..size-1, each with a label and an additive price) and table
// constraints (allowed or forbidden tuples over a scope). Our catalog, XCSP 2.1 and SPLOT SXFM
// all compile into it. A plain value type; build it once, then hand it to Diagram::compile.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace core::rules {

struct Variable {
    std::string name;
    std::vector<std::string> labels;       // one per value, as the source spells it ("-1", "0", an option id)
    std::vector<std::int64_t> priceMinor;  // one per value; additive price of choosing it (0 when unpriced)
    bool auxiliary = false;                // determined by the others (bookkeeping); never picked by a customer

    int size() const { return static_cast<int>(labels.size()); }
    // Index of the value with this label, or -1.
    int find(const std::string& label) const;
};

struct TableConstraint {
    std::string name;           // source name: XCSP constraint name, SXFM clause id, catalog rule id
    std::vector<int> scope;     // variable indices, distinct
    std::vector<int> tuples;    // flattened, scope.size() value indices per tuple
    bool supports = true;       // true: only the listed tuples are allowed; false: the listed tuples are forbidden

    size_t arity() const { return scope.size(); }
    size_t tupleCount() const { return scope.empty() ? 0 : tuples.size() / scope.size(); }
};

struct Problem {
    std::string name;
    std::vector<Variable> variables;
    std::vector<TableConstraint> constraints;

    // Index of the variable with this name, or -1.
    int findVariable(const std::string& name) const;
    // Adds a variable and returns its index.
    int addVariable(std::string name, std::vector<std::string> labels, bool auxiliary = false);
    // Adds a supports table over `scope` holding every tuple of the scope's Cartesian product for which
    // `allowed(values)` is true. Returns false (adding nothing) when the product exceeds maxProduct.
    bool addPredicate(std::string name, std::vector<int> scope, const std::function<bool(const std::vector<int>&)>& allowed,
                      std::uint64_t maxProduct = 1u << 22);
    // Structural check: scopes name existing variables once each, tuples have the right arity and
    // in-domain values. Returns the first problem found, or nullopt.
    std::optional<std::string> validate() const;
};

// An assignment of some variables: value index per variable, or kUnset.
inline constexpr int kUnset = -1;
using Assignment = std::vector<int>;

// True when `full` (every variable set) satisfies every constraint of `problem`.
bool satisfies(const Problem& problem, const Assignment& full);
// Names of the constraints `full` violates.
std::vector<std::string> violatedConstraints(const Problem& problem, const Assignment& full);

}  // namespace core::rules
