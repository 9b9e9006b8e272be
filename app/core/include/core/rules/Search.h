#pragma once
// SearchModel: the rules engine's fallback for a rule set whose compile goes over its budget.
// It answers the same questions as a Diagram by search instead of sweeps: backtracking with
// generalised arc consistency on every table (supports and conflicts), a smallest-domain-first
// variable choice, and branch and bound for the cheapest / preferred / dearest car. Complete, so
// the promise of no dead ends holds: a value is offered only when a whole valid configuration with
// it was found, greyed only when the search proved there is none. Latency is not bounded the way a
// sweep is (see the module README). Immutable after construction; every query keeps its own state,
// so several Sessions may share one model across threads.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/rules/Diagram.h"
#include "core/rules/Problem.h"

namespace core::rules {

// A per-variable, per-value cost (empty rows cost nothing).
using ValueCosts = std::vector<std::vector<std::int64_t>>;

class SearchModel {
public:
    // `problem` must be valid (Problem::validate()).
    explicit SearchModel(Problem problem);

    const Problem& problem() const { return m_problem; }

    // Domains left by arc consistency on `partial` (kUnset = free): domains[var][value] != 0.
    // False when some domain empties (then `partial` certainly has no completion).
    bool propagate(const Assignment& partial, std::vector<std::vector<char>>& domains) const;
    // A valid configuration extending `partial`, or nullopt when there is none. `prefer`, when
    // given, lists values to try first (prefer[var][value] != 0), so one witness covers many.
    std::optional<Assignment> solve(const Assignment& partial, const std::vector<std::vector<char>>* prefer = nullptr) const;
    // For every value x of `var`: a valid configuration extending `partial` with var = x, or
    // nullopt when there is none (`partial[var]` is ignored). The propagation of `partial` is done
    // once and shared by every value, so checking a whole domain costs one full propagation, not one
    // per value. With `needed`, only values with needed[x] != 0 are searched (the others: nullopt).
    std::vector<std::optional<Assignment>> solveEach(const Assignment& partial, int var,
                                                     const std::vector<char>* needed = nullptr) const;
    // The valid configuration extending `partial` of least total cost (ties: the first found).
    std::optional<Assignment> minimise(const Assignment& partial, const ValueCosts& cost) const;
    // Valid configurations extending `partial`, enumerated up to `limit`; `complete` tells
    // whether that is all of them (otherwise the result is a lower bound).
    std::uint64_t count(const Assignment& partial, std::uint64_t limit, bool& complete) const;

private:
    struct State;
    bool propagateFrom(State& s, const std::vector<int>& changed) const;
    bool revise(State& s, int constraint, std::vector<int>& changed) const;
    int branchVariable(const State& s) const;
    std::optional<Assignment> depthFirst(State& s, const std::vector<std::vector<char>>* prefer) const;
    void fix(State& s, int var, int value) const;
    State initial(const Assignment& partial, bool& ok) const;

    Problem m_problem;
    std::vector<std::size_t> m_offset;                 // start of each variable's values in flat arrays
    std::vector<std::vector<int>> m_constraintsOf;     // per variable: the constraints on it
};

// A rule set ready for Sessions: compiled when it fits the budget, otherwise held for search.
struct RuleSet {
    std::shared_ptr<const Diagram> diagram;      // compiled mode
    std::shared_ptr<const SearchModel> search;   // search mode: the compile went over its budget
    std::string fallbackReason;                  // search mode: the compile's error
    std::string error;                           // neither: the rule set is invalid or allows nothing
    std::vector<std::string> blame;              // on "no solution": constraints to blame

    explicit operator bool() const { return diagram || search; }
    const char* mode() const { return diagram ? "compiled" : search ? "search" : "none"; }
};

// Compiles `problem` within `options`; over the budget, falls back to a SearchModel instead of
// refusing the rule set. Invalid input and rules that allow nothing are still errors.
RuleSet loadRuleSet(Problem problem, const CompileOptions& options = {});

}  // namespace core::rules
