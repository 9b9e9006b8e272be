#include "core/rules/Reference.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/rules/Diagram.h"

namespace core::rules {

namespace {

class Backtracker {
public:
    // Variables are decided in a min-fill order (for speed only; any order gives the same answers)
    // and each constraint is checked once its scope is decided.
    Backtracker(const Problem& p, const std::vector<char>& active) : m_p(p), m_order(minFillDecisionOrder(p)) {
        std::vector<int> position(p.variables.size());
        for (size_t i = 0; i < m_order.size(); ++i) position[static_cast<size_t>(m_order[i])] = static_cast<int>(i);
        m_checksAt.resize(p.variables.size());
        m_sets.resize(p.constraints.size());
        m_lastUse.assign(p.variables.size(), -1);
        for (size_t c = 0; c < p.constraints.size(); ++c) {
            if (!active.empty() && !active[c]) continue;
            const auto& con = p.constraints[c];
            if (con.scope.empty()) continue;
            int last = 0;
            for (int v : con.scope) last = std::max(last, position[static_cast<size_t>(v)]);
            m_checksAt[static_cast<size_t>(last)].push_back(static_cast<int>(c));
            for (int v : con.scope) m_lastUse[static_cast<size_t>(v)] = std::max(m_lastUse[static_cast<size_t>(v)], last);
            for (size_t t = 0; t < con.tupleCount(); ++t)
                m_sets[c].insert(std::string(reinterpret_cast<const char*>(con.tuples.data() + t * con.arity()),
                                             con.arity() * sizeof(int)));
        }
        // Variables decided before depth d that constraints still need: the subtree below depth d
        // depends only on their values, so a state found dead once stays dead (nogood caching).
        m_needed.resize(m_order.size());
        for (size_t d = 1; d < m_order.size(); ++d)
            for (size_t i = 0; i < d; ++i)
                if (m_lastUse[static_cast<size_t>(m_order[i])] >= static_cast<int>(d)) m_needed[d].push_back(m_order[i]);
        m_dead.resize(m_order.size());
    }

    std::uint64_t run(const Assignment& partial, const std::function<bool(const Assignment&)>& visit) {
        m_a = partial;
        m_fixed = partial;
        m_visit = &visit;
        m_count = 0;
        m_stop = false;
        for (auto& d : m_dead) d.clear();
        descend(0);
        return m_count;
    }

private:
    bool ok(size_t depth) {
        for (int c : m_checksAt[depth]) {
            const auto& con = m_p.constraints[static_cast<size_t>(c)];
            m_tuple.resize(con.arity());
            for (size_t i = 0; i < con.arity(); ++i) m_tuple[i] = m_a[static_cast<size_t>(con.scope[i])];
            const bool listed = m_sets[static_cast<size_t>(c)].count(
                                    std::string(reinterpret_cast<const char*>(m_tuple.data()), m_tuple.size() * sizeof(int))) != 0;
            if (listed != con.supports) return false;
        }
        return true;
    }
    void descend(size_t depth) {
        if (m_stop) return;
        if (depth == m_a.size()) {
            ++m_count;
            if (!(*m_visit)(m_a)) m_stop = true;
            return;
        }
        std::string key;
        for (int v : m_needed[depth]) key.append(reinterpret_cast<const char*>(&m_a[static_cast<size_t>(v)]), sizeof(int));
        if (m_dead[depth].count(key)) return;
        const std::uint64_t before = m_count;
        const size_t var = static_cast<size_t>(m_order[depth]);
        const int fixed = m_fixed[var];
        const int size = m_p.variables[var].size();
        for (int x = fixed == kUnset ? 0 : fixed; x < (fixed == kUnset ? size : fixed + 1) && !m_stop; ++x) {
            m_a[var] = x;
            if (ok(depth)) descend(depth + 1);
        }
        m_a[var] = fixed;
        if (m_count == before && !m_stop) m_dead[depth].insert(key);
    }

    const Problem& m_p;
    std::vector<int> m_order;
    std::vector<std::vector<int>> m_checksAt;  // by depth
    std::vector<std::unordered_set<std::string>> m_sets;
    std::vector<int> m_tuple;
    std::vector<int> m_lastUse;                 // last depth at which a constraint reads the variable
    std::vector<std::vector<int>> m_needed;     // by depth
    std::vector<std::unordered_set<std::string>> m_dead;
    Assignment m_a, m_fixed;
    const std::function<bool(const Assignment&)>* m_visit = nullptr;
    std::uint64_t m_count = 0;
    bool m_stop = false;
};

}  // namespace

std::uint64_t enumerateSolutions(const Problem& problem, const Assignment& partial,
                                 const std::function<bool(const Assignment&)>& visit) {
    Backtracker b(problem, {});
    return b.run(partial, visit);
}

bool satisfiable(const Problem& problem, const Assignment& partial, const std::vector<char>& active) {
    Backtracker b(problem, active);
    return b.run(partial, [](const Assignment&) { return false; }) > 0;
}

std::vector<int> minimalConflict(const Problem& problem, const Assignment& partial) {
    std::vector<char> active(problem.constraints.size(), 1);
    if (satisfiable(problem, partial, active)) return {};
    for (size_t c = 0; c < active.size(); ++c) {
        active[c] = 0;
        if (satisfiable(problem, partial, active)) active[c] = 1;
    }
    std::vector<int> out;
    for (size_t c = 0; c < active.size(); ++c)
        if (active[c]) out.push_back(static_cast<int>(c));
    return out;
}

}  // namespace core::rules

namespace core::rules {

SolutionTable::SolutionTable(const Problem& problem, std::uint64_t maxRows) : m_width(problem.variables.size()) {
    for (const auto& v : problem.variables) m_sizes.push_back(v.size());
    Assignment none(m_width, kUnset);
    enumerateSolutions(problem, none, [&](const Assignment& a) {
        if (m_rows == maxRows) {
            m_truncated = true;
            return false;
        }
        for (int x : a) m_cells.push_back(static_cast<std::uint16_t>(x));
        ++m_rows;
        return true;
    });
}

std::vector<std::vector<char>> SolutionTable::available(const Assignment& picks) const {
    std::vector<std::vector<char>> out(m_width);
    for (size_t v = 0; v < m_width; ++v) out[v].assign(static_cast<size_t>(m_sizes[v]), 0);
    std::vector<size_t> picked;
    for (size_t v = 0; v < m_width; ++v)
        if (picks[v] != kUnset) picked.push_back(v);
    for (std::uint64_t r = 0; r < m_rows; ++r) {
        const std::uint16_t* row = m_cells.data() + r * m_width;
        // Count disagreeing picks: 0 = the row supports every variable; 1 = only the disagreeing one.
        int misses = 0;
        size_t missed = 0;
        for (size_t v : picked)
            if (row[v] != picks[v] && ++misses == 1) missed = v;
            else if (row[v] != picks[v] && misses > 1) break;
        if (misses == 0)
            for (size_t v = 0; v < m_width; ++v) out[v][row[v]] = 1;
        else if (misses == 1)
            out[missed][row[missed]] = 1;
    }
    return out;
}

}  // namespace core::rules
