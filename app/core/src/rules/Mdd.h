#pragma once
// Private to core_rules: the compiler behind Diagram::compile. Each table constraint becomes a
// reduced MDD over the decision order; they are conjoined bottom-up (deepest constraints first)
// with a memoised apply on a hash-consed node store, within a node, memory and time budget. The
// result is then laid out level by level (a pass-through node where a reduced edge skips levels),
// which is the form Session sweeps.
#include <cstdint>
#include <string>
#include <vector>

#include "core/rules/Problem.h"

namespace core::rules::detail {

struct Budget {
    std::uint64_t maxNodes = 0;   // nodes alive in the store (after compaction)
    std::uint64_t maxBytes = 0;   // heap of the store, unique table and cache
    double maxMs = 0;             // CPU time of the compiling thread since startCpuMs (other
                                  // load on the machine must not turn a good compile into a failure)
    double startCpuMs = 0;
};

struct Layered {
    std::vector<std::uint32_t> levelFirst;  // levels + 1 entries; the last is the terminal
    std::vector<std::uint32_t> edgeFirst;   // one per node; the terminal's equals the edge count
    std::vector<std::uint16_t> edgeValue;
    std::vector<std::uint32_t> edgeChild;
    int maxWidth = 0;
};

struct BuildOutcome {
    bool ok = false;      // false: over budget (error says which), nothing built
    bool empty = false;   // ok, and the rules allow no configuration
    std::string error;
    std::uint64_t peakNodes = 0;   // most nodes held by the store at once
    std::uint64_t peakBytes = 0;
    std::uint64_t reducedNodes = 0;  // the final diagram before layout
};

// CPU time of the calling thread.
double threadCpuMs();

// Compiles `p` over `order` (order[l] = variable decided at level l) into `out`.
BuildOutcome buildLayered(const Problem& p, const std::vector<int>& order, const Budget& budget, Layered& out);

}  // namespace core::rules::detail
