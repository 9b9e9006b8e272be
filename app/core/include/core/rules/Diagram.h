#pragma once
// Diagram: a Problem compiled into a layered multi-valued decision diagram (MDD). Level l holds
// the nodes that decide variable varAt(l); every root-to-terminal path is one valid configuration
// and every valid configuration is one path. Built once at load; immutable afterwards and safe to
// share between threads and Sessions. See app/core/src/rules/README.md for why an MDD.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/rules/BigUint.h"
#include "core/rules/Problem.h"

namespace core::rules {

// The compile budget: past any of these limits compile() stops with an error naming the limit;
// loadRuleSet (Search.h) then answers by search instead.
struct CompileOptions {
    std::uint64_t maxNodes = 20'000'000;    // nodes alive at once while conjoining
    std::uint64_t maxBytes = 1536ull << 20;  // heap of the compiler's node store, unique table and cache
    double maxMillis = 30'000;               // CPU time of the compiling thread
    int maxBlameCompiles = 400;              // compiles spent finding the constraints to blame on no solution
    // Trial compiles of the runner-up orders: their node stores together hold at most this many
    // nodes, each stops past the best compile's peak, and they run only where at least four such
    // trials fit (small compiles: tens of milliseconds each). 0: the first-ranked order only.
    std::uint64_t trialNodes = 512 * 1024;
    int maxTrials = 8;
};

struct CompileStats {
    double compileMs = 0;
    std::uint64_t peakStates = 0;  // most nodes held while conjoining
    std::uint64_t peakBytes = 0;   // most heap held by the compiler
    std::uint64_t nodes = 0;       // reduced diagram, terminal included
    std::uint64_t edges = 0;
    int maxWidth = 0;              // most nodes on one level
    int candidateOrders = 0;       // distinct orders ranked (candidateOrders())
    int trialCompiles = 0;         // runner-up orders compiled besides the first
    int chosenRank = 0;            // rank of the order kept: the smallest diagram (nodes + edges)
    std::uint64_t trialNodes = 0;  // nodes the trials' stores held at their peaks, together
};

struct CompileResult;

class Diagram {
public:
    static CompileResult compile(Problem problem, const CompileOptions& options = {});

    const Problem& problem() const { return m_problem; }
    int variableCount() const { return static_cast<int>(m_levelVar.size()); }
    int varAt(int level) const { return m_levelVar[static_cast<size_t>(level)]; }
    const std::vector<int>& order() const { return m_levelVar; }
    const CompileStats& stats() const { return m_stats; }
    // Number of valid configurations.
    const BigUint& solutionCount() const { return m_count; }
    // Approximate heap bytes of the compiled diagram.
    std::uint64_t memoryBytes() const;

    // Layout, for Session: nodes of level l are [levelBegin(l), levelBegin(l+1)); the terminal is
    // node terminal(); edges of node n are [edgeBegin(n), edgeBegin(n+1)).
    std::uint32_t levelBegin(int level) const { return m_levelFirst[static_cast<size_t>(level)]; }
    std::uint32_t terminal() const { return static_cast<std::uint32_t>(m_edgeFirst.size()) - 1; }
    std::uint32_t nodeCount() const { return terminal() + 1; }
    std::uint32_t edgeBegin(std::uint32_t node) const { return m_edgeFirst[node]; }
    std::uint32_t edgeEnd(std::uint32_t node) const { return node == terminal() ? m_edgeFirst[node] : m_edgeFirst[node + 1]; }
    const std::vector<std::uint16_t>& edgeValues() const { return m_edgeValue; }
    const std::vector<std::uint32_t>& edgeChildren() const { return m_edgeChild; }

    Diagram() = default;  // empty; use compile()

private:

    Problem m_problem;
    std::vector<int> m_levelVar;
    std::vector<std::uint32_t> m_levelFirst;  // levels + 1 entries; the last is the terminal
    std::vector<std::uint32_t> m_edgeFirst;   // one per node; the terminal's equals the edge count
    std::vector<std::uint16_t> m_edgeValue;
    std::vector<std::uint32_t> m_edgeChild;
    BigUint m_count;
    CompileStats m_stats;
};

struct CompileResult {
    std::shared_ptr<const Diagram> diagram;  // null on error; shared by every Session that uses it
    std::string error;
    std::vector<std::string> blame;  // on "no solution": a minimal set of constraints with no common solution
    bool overBudget = false;         // the error is a budget limit (loadRuleSet then falls back to search)
};

// Candidate variable orders, derived from the constraint structure alone: min-fill elimination
// orders on the primal graph (a few seeded tie-breaks), each as a decision order that keeps every
// subtree of its elimination tree contiguous and reversed, and greedy "few open variables" orders
// from structural starting points. Distinct, ranked by how much their open variables weigh
// (orderShape().cost). Declaration order and names do not matter (up to interchangeable variables).
// The compiler compiles the first and, for small rule sets, trials the next few (CompileOptions).
std::vector<std::vector<int>> candidateOrders(const Problem& problem);
// The first-ranked candidate.
std::vector<int> compileOrder(const Problem& problem);
// The first-ranked min-fill candidate alone: what the plain backtracking of Reference.h decides in
// (there a greedy order can cost ten times the time: its tables are checked later).
std::vector<int> minFillDecisionOrder(const Problem& problem);
// A min-fill elimination order (first eliminated first); ties broken by a seeded random rank.
std::vector<int> minFillOrder(const Problem& problem, std::uint64_t seed);
// Induced width of an elimination order: the largest neighbourhood at elimination (treewidth bound).
int treeWidth(const Problem& problem, const std::vector<int>& elimination);

// How a decision order looks: a variable is "open" from its level until its last constraint is
// decided; the frontier of open variables bounds the diagram's width.
struct OrderShape {
    int maxOpen = 0;         // most variables open at once
    double maxOpenBits = 0;  // most log2(domain product) open at once
    double cost = 0;         // sum over levels of 2^(open bits): the size proxy the orders are ranked by
};
OrderShape orderShape(const Problem& problem, const std::vector<int>& order);

}  // namespace core::rules
