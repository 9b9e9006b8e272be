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

// Builds the layered diagram of `p` over `order` into the given members; false (with `error`) when
// over budget. An empty edgeFirst afterwards means the rules allow nothing.
static bool buildDiagram(const Problem& p, const std::vector<int>& order, const CompileOptions& options,
                         std::vector<int>& levelVar, std::vector<std::uint32_t>& levelFirst,
                         std::vector<std::uint32_t>& edgeFirst, std::vector<std::uint16_t>& edgeValue,
                         std::vector<std::uint32_t>& edgeChild, CompileStats& stats, std::string& error) {
    detail::Budget budget;
    budget.maxNodes = options.maxNodes;
    budget.maxBytes = options.maxBytes;
    budget.maxMs = options.maxMillis;
    budget.startCpuMs = detail::threadCpuMs();
    detail::Layered layered;
    const detail::BuildOutcome r = detail::buildLayered(p, order, budget, layered);
    stats.peakStates = r.peakNodes;
    stats.peakBytes = r.peakBytes;
    if (!r.ok) {
        error = r.error + " (the rule set is too tightly connected to compile within the budget)";
        return false;
    }
    levelVar = order;
    edgeFirst.clear();
    if (r.empty) return true;
    levelFirst = std::move(layered.levelFirst);
    edgeFirst = std::move(layered.edgeFirst);
    edgeValue = std::move(layered.edgeValue);
    edgeChild = std::move(layered.edgeChild);
    stats.maxWidth = layered.maxWidth;
    stats.nodes = edgeFirst.size();
    stats.edges = edgeValue.size();
    return true;
}

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
    const std::vector<int> order = compileOrder(problem);
    if (!buildDiagram(problem, order, options, d.m_levelVar, d.m_levelFirst, d.m_edgeFirst, d.m_edgeValue,
                      d.m_edgeChild, d.m_stats, result.error)) {
        result.overBudget = true;
        return result;
    }
    if (d.m_edgeFirst.empty()) {
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
            Diagram probe;
            CompileStats st;
            std::string err;
            if (!buildDiagram(sub, order, options, probe.m_levelVar, probe.m_levelFirst, probe.m_edgeFirst,
                              probe.m_edgeValue, probe.m_edgeChild, st, err))
                return false;  // too big to tell: keep the constraint
            return probe.m_edgeFirst.empty();
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
