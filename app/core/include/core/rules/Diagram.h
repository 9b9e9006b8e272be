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

struct CompileOptions {
    std::uint64_t maxNodes = 40'000'000;  // intermediate states before giving up with an error
    int maxBlameCompiles = 400;           // compiles spent finding the constraints to blame on no solution
};

struct CompileStats {
    double compileMs = 0;
    std::uint64_t peakStates = 0;  // widest intermediate level before reduction
    std::uint64_t nodes = 0;       // reduced diagram, terminal included
    std::uint64_t edges = 0;
    int maxWidth = 0;              // most nodes on one level
};

struct CompileResult;

class Diagram {
public:
    static CompileResult compile(Problem problem, const CompileOptions& options = {});

    const Problem& problem() const { return m_problem; }
    int variableCount() const { return static_cast<int>(m_levelVar.size()); }
    int varAt(int level) const { return m_levelVar[static_cast<size_t>(level)]; }
    int levelOf(int var) const { return m_varLevel[static_cast<size_t>(var)]; }
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
    std::vector<int> m_levelVar, m_varLevel;
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
};

// The variable order the compiler uses: a greedy order keeping few variables "open" (decided but
// still constrained by undecided ones), since that bounds the diagram's width.
std::vector<int> compileOrder(const Problem& problem);

}  // namespace core::rules
