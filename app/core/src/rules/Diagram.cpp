#include "core/rules/Diagram.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "Mdd.h"

namespace core::rules {

std::uint64_t Diagram::memoryBytes() const {
    return m_edgeFirst.size() * 4 + m_edgeValue.size() * 2 + m_edgeChild.size() * 4 + m_levelFirst.size() * 4;
}

namespace {

// One compile of `p` over one order: the layered diagram and its figures.
struct Built {
    bool ok = false;      // false: over budget (error says which)
    std::string error;
    detail::Layered layered;  // empty edgeFirst: the rules allow nothing
    CompileStats stats;
};

Built buildDiagram(const Problem& p, const std::vector<int>& order, std::uint64_t maxNodes, std::uint64_t maxBytes, double maxMs) {
    detail::Budget budget;
    budget.maxNodes = maxNodes;
    budget.maxBytes = maxBytes;
    budget.maxMs = maxMs;
    budget.startCpuMs = detail::threadCpuMs();
    Built b;
    const detail::BuildOutcome r = detail::buildLayered(p, order, budget, b.layered);
    b.stats.peakStates = r.peakNodes;
    b.stats.peakBytes = r.peakBytes;
    if (!r.ok) {
        b.error = r.error + " (the rule set is too tightly connected to compile within the budget)";
        return b;
    }
    b.ok = true;
    if (r.empty) {
        b.layered.edgeFirst.clear();
        return b;
    }
    b.stats.maxWidth = b.layered.maxWidth;
    b.stats.nodes = b.layered.edgeFirst.size();
    b.stats.edges = b.layered.edgeValue.size();
    return b;
}

// Compiles the first-ranked order with the whole budget, then, where the compile is small enough
// for several trials to fit in options.trialNodes, the next-ranked orders, each stopped once its
// store passes the best peak so far; keeps the smallest diagram (nodes + edges: the work of every
// click), the earlier rank on a tie. Every choice follows the ranks and node counts, never the
// clock, so a shuffled file makes the same trials and keeps the same order.
Built compileBest(const Problem& p, const std::vector<std::vector<int>>& orders, const CompileOptions& options, int& chosen) {
    const double start = detail::threadCpuMs();
    chosen = 0;
    Built best = buildDiagram(p, orders[0], options.maxNodes, options.maxBytes, options.maxMillis);
    best.stats.candidateOrders = static_cast<int>(orders.size());
    if (!best.ok || best.layered.edgeFirst.empty()) return best;
    int trials = 0;
    std::uint64_t spent = 0;
    for (size_t i = 1; i < orders.size() && trials < options.maxTrials; ++i) {
        const std::uint64_t cap = best.stats.peakStates;
        if (cap * 4 > options.trialNodes || spent + cap > options.trialNodes) break;
        const double left = options.maxMillis - (detail::threadCpuMs() - start);
        if (left <= 0) break;
        Built trial = buildDiagram(p, orders[i], std::min(cap, options.maxNodes), options.maxBytes, left);
        ++trials;
        spent += trial.ok ? trial.stats.peakStates : cap;
        if (!trial.ok || trial.layered.edgeFirst.empty()) continue;
        if (trial.stats.nodes + trial.stats.edges < best.stats.nodes + best.stats.edges) {
            best = std::move(trial);
            chosen = static_cast<int>(i);
        }
    }
    best.stats.candidateOrders = static_cast<int>(orders.size());
    best.stats.trialCompiles = trials;
    best.stats.chosenRank = chosen;
    best.stats.trialNodes = spent;
    return best;
}

}  // namespace

CompileResult Diagram::compile(Problem problem, const CompileOptions& options) {
    CompileResult result;
    const auto t0 = std::chrono::steady_clock::now();
    if (auto err = problem.validate()) {
        result.error = *err;
        return result;
    }
    for (const auto& v : problem.variables)
        if (v.size() > 65535) {
            result.error = "variable \"" + v.name + "\" has more than 65535 values";
            return result;
        }
    Diagram d;
    const std::vector<std::vector<int>> orders = candidateOrders(problem);
    int chosen = 0;
    Built built = compileBest(problem, orders, options, chosen);
    const std::vector<int>& order = orders[static_cast<size_t>(chosen)];
    if (!built.ok) {
        result.error = built.error;
        result.overBudget = true;
        return result;
    }
    if (built.layered.edgeFirst.empty()) {
        result.error = "the rules allow no configuration at all";
        // Blame: shrink to a minimal set of constraints that together allow nothing (deletion filter,
        // each test one compile of the subset), within a budget of compiles.
        std::vector<size_t> keep(problem.constraints.size());
        std::iota(keep.begin(), keep.end(), 0);
        int budget = options.maxBlameCompiles;
        auto unsatisfiable = [&](const std::vector<size_t>& subset) {
            Problem sub;
            sub.variables = problem.variables;
            for (size_t i : subset) sub.constraints.push_back(problem.constraints[i]);
            const Built probe = buildDiagram(sub, order, options.maxNodes, options.maxBytes, options.maxMillis);
            return probe.ok && probe.layered.edgeFirst.empty();  // too big to tell: keep the constraint
        };
        for (size_t i = keep.size(); i-- > 0 && budget > 0;) {
            std::vector<size_t> without = keep;
            without.erase(without.begin() + static_cast<long>(i));
            --budget;
            if (unsatisfiable(without)) keep = std::move(without);
        }
        for (size_t i : keep) result.blame.push_back(problem.constraints[i].name);
        if (budget <= 0) result.error += " (blame list not minimised: too many constraints)";
        return result;
    }
    d.m_levelVar = order;
    d.m_levelFirst = std::move(built.layered.levelFirst);
    d.m_edgeFirst = std::move(built.layered.edgeFirst);
    d.m_edgeValue = std::move(built.layered.edgeValue);
    d.m_edgeChild = std::move(built.layered.edgeChild);
    d.m_stats = built.stats;
    // Counts bottom-up.
    const int n = static_cast<int>(order.size());
    std::vector<BigUint> count(d.m_edgeFirst.size());
    count.back() = BigUint(1);
    for (int l = n - 1; l >= 0; --l)
        for (std::uint32_t node = d.m_levelFirst[static_cast<size_t>(l)]; node < d.m_levelFirst[static_cast<size_t>(l) + 1]; ++node) {
            BigUint c;
            for (std::uint32_t e = d.m_edgeFirst[node]; e < d.m_edgeFirst[node + 1]; ++e) c += count[d.m_edgeChild[e]];
            count[node] = std::move(c);
        }
    d.m_count = n == 0 ? BigUint(1) : count[0];
    d.m_problem = std::move(problem);
    d.m_stats.compileMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    result.diagram = std::make_shared<const Diagram>(std::move(d));
    return result;
}

}  // namespace core::rules
