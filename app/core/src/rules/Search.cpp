#include "core/rules/Search.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace core::rules {

// Flat domains: dom[offset(var) + value] != 0 while the value is possible; size[var] counts them.
struct SearchModel::State {
    std::vector<char> dom;
    std::vector<int> size;
};

SearchModel::SearchModel(Problem problem) : m_problem(std::move(problem)) {
    const auto& vars = m_problem.variables;
    m_offset.assign(vars.size() + 1, 0);
    for (size_t v = 0; v < vars.size(); ++v) m_offset[v + 1] = m_offset[v] + static_cast<size_t>(vars[v].size());
    // Duplicate tuples would be counted twice against a conflicts table's combinations.
    for (auto& c : m_problem.constraints) {
        const size_t arity = c.arity();
        if (arity == 0) continue;
        std::vector<std::vector<int>> rows;
        for (size_t t = 0; t < c.tupleCount(); ++t) rows.emplace_back(c.tuples.begin() + static_cast<long>(t * arity), c.tuples.begin() + static_cast<long>((t + 1) * arity));
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        c.tuples.clear();
        for (const auto& r : rows) c.tuples.insert(c.tuples.end(), r.begin(), r.end());
    }
    m_constraintsOf.resize(vars.size());
    for (size_t c = 0; c < m_problem.constraints.size(); ++c)
        for (int v : m_problem.constraints[c].scope) m_constraintsOf[static_cast<size_t>(v)].push_back(static_cast<int>(c));
}

SearchModel::State SearchModel::initial(const Assignment& partial, bool& ok) const {
    State s;
    s.dom.assign(m_offset.back(), 1);
    s.size.resize(m_problem.variables.size());
    std::vector<int> changed;
    for (size_t v = 0; v < s.size.size(); ++v) {
        s.size[v] = m_problem.variables[v].size();
        if (partial[v] == kUnset) continue;
        std::fill(s.dom.begin() + static_cast<long>(m_offset[v]), s.dom.begin() + static_cast<long>(m_offset[v + 1]), 0);
        s.dom[m_offset[v] + static_cast<size_t>(partial[v])] = 1;
        s.size[v] = 1;
        changed.push_back(static_cast<int>(v));
    }
    // Every constraint once at the start (a table can prune without any pick).
    ok = true;
    for (size_t c = 0; c < m_problem.constraints.size() && ok; ++c) ok = revise(s, static_cast<int>(c), changed);
    ok = ok && propagateFrom(s, changed);
    return s;
}

// Generalised arc consistency on one table: a value stays when some tuple allowed by the table
// and by the current domains has it. Supports tables are scanned tuple by tuple; for a conflicts
// table a value loses its support only when the forbidden tuples with it cover every combination
// of the other variables' domains.
bool SearchModel::revise(State& s, int constraint, std::vector<int>& changed) const {
    const TableConstraint& c = m_problem.constraints[static_cast<size_t>(constraint)];
    const size_t arity = c.arity();
    const size_t tuples = c.tupleCount();
    // Combinations of the other variables' domains as they were before this revision (the hits
    // below count tuples live then), saturated past the tuple count.
    std::vector<std::uint64_t> others(arity, 1);
    if (!c.supports)
        for (size_t i = 0; i < arity; ++i)
            for (size_t j = 0; j < arity && others[i] <= tuples; ++j)
                if (j != i) others[i] *= static_cast<std::uint64_t>(s.size[static_cast<size_t>(c.scope[j])]);
    std::vector<std::vector<std::uint64_t>> hits(arity);
    for (size_t i = 0; i < arity; ++i) hits[i].assign(static_cast<size_t>(m_problem.variables[static_cast<size_t>(c.scope[i])].size()), 0);
    for (size_t t = 0; t < tuples; ++t) {
        const int* row = c.tuples.data() + t * arity;
        bool live = true;
        for (size_t i = 0; i < arity && live; ++i) live = s.dom[m_offset[static_cast<size_t>(c.scope[i])] + static_cast<size_t>(row[i])] != 0;
        if (!live) continue;
        for (size_t i = 0; i < arity; ++i) ++hits[i][static_cast<size_t>(row[i])];
    }
    for (size_t i = 0; i < arity; ++i) {
        const size_t var = static_cast<size_t>(c.scope[i]);
        bool shrunk = false;
        for (size_t x = 0; x < hits[i].size(); ++x) {
            char& d = s.dom[m_offset[var] + x];
            if (!d) continue;
            const bool supported = c.supports ? hits[i][x] > 0 : hits[i][x] < others[i];
            if (supported) continue;
            d = 0;
            --s.size[var];
            shrunk = true;
        }
        if (s.size[var] == 0) return false;
        if (shrunk) changed.push_back(static_cast<int>(var));
    }
    return true;
}

bool SearchModel::propagateFrom(State& s, const std::vector<int>& changed) const {
    std::vector<char> queued(m_problem.constraints.size(), 0);
    std::vector<int> queue;
    auto enqueue = [&](int var) {
        for (int c : m_constraintsOf[static_cast<size_t>(var)])
            if (!queued[static_cast<size_t>(c)]) {
                queued[static_cast<size_t>(c)] = 1;
                queue.push_back(c);
            }
    };
    for (int v : changed) enqueue(v);
    std::vector<int> more;
    while (!queue.empty()) {
        const int c = queue.back();
        queue.pop_back();
        queued[static_cast<size_t>(c)] = 0;
        more.clear();
        if (!revise(s, c, more)) return false;
        for (int v : more) enqueue(v);
    }
    return true;
}

// Smallest domain first (more than one value left), ties to the variable in more constraints;
// -1 when every variable is decided.
int SearchModel::branchVariable(const State& s) const {
    int best = -1;
    for (size_t v = 0; v < s.size.size(); ++v) {
        if (s.size[v] <= 1) continue;
        if (best < 0 || s.size[v] < s.size[static_cast<size_t>(best)] ||
            (s.size[v] == s.size[static_cast<size_t>(best)] &&
             m_constraintsOf[v].size() > m_constraintsOf[static_cast<size_t>(best)].size()))
            best = static_cast<int>(v);
    }
    return best;
}

bool SearchModel::propagate(const Assignment& partial, std::vector<std::vector<char>>& domains) const {
    bool ok = false;
    const State s = initial(partial, ok);
    domains.assign(m_problem.variables.size(), {});
    for (size_t v = 0; v < domains.size(); ++v)
        domains[v].assign(s.dom.begin() + static_cast<long>(m_offset[v]), s.dom.begin() + static_cast<long>(m_offset[v + 1]));
    return ok;
}

namespace {

// Arc consistency with every table at a fixpoint and every domain a single value means every
// table holds: the decided values are a solution.
Assignment decided(const std::vector<char>& dom, const std::vector<std::size_t>& offset) {
    Assignment a(offset.size() - 1, kUnset);
    for (size_t v = 0; v + 1 < offset.size(); ++v)
        for (size_t x = offset[v]; x < offset[v + 1]; ++x)
            if (dom[x]) a[v] = static_cast<int>(x - offset[v]);
    return a;
}

}  // namespace

void SearchModel::fix(State& s, int var, int value) const {
    const size_t v = static_cast<size_t>(var);
    std::fill(s.dom.begin() + static_cast<long>(m_offset[v]), s.dom.begin() + static_cast<long>(m_offset[v + 1]), 0);
    s.dom[m_offset[v] + static_cast<size_t>(value)] = 1;
    s.size[v] = 1;
}

// Depth-first from an arc-consistent state: the first valid configuration found, if any.
std::optional<Assignment> SearchModel::depthFirst(State& s, const std::vector<std::vector<char>>* prefer) const {
    const int var = branchVariable(s);
    if (var < 0) return decided(s.dom, m_offset);
    const size_t v = static_cast<size_t>(var);
    std::vector<int> values;
    for (size_t x = 0; x < m_offset[v + 1] - m_offset[v]; ++x)
        if (s.dom[m_offset[v] + x]) values.push_back(static_cast<int>(x));
    if (prefer && !(*prefer)[v].empty())
        std::stable_partition(values.begin(), values.end(), [&](int x) { return (*prefer)[v][static_cast<size_t>(x)] != 0; });
    for (int x : values) {
        State child = s;
        fix(child, var, x);
        if (!propagateFrom(child, {var})) continue;
        if (auto found = depthFirst(child, prefer)) return found;
    }
    return std::nullopt;
}

std::optional<Assignment> SearchModel::solve(const Assignment& partial, const std::vector<std::vector<char>>* prefer) const {
    bool ok = false;
    State root = initial(partial, ok);
    if (!ok) return std::nullopt;
    return depthFirst(root, prefer);
}

std::vector<std::optional<Assignment>> SearchModel::solveEach(const Assignment& partial, int var,
                                                                const std::vector<char>* needed) const {
    const size_t v = static_cast<size_t>(var);
    std::vector<std::optional<Assignment>> out(static_cast<size_t>(m_problem.variables[v].size()));
    Assignment free = partial;
    free[v] = kUnset;
    bool ok = false;
    const State root = initial(free, ok);
    if (!ok) return out;
    for (size_t x = 0; x < out.size(); ++x) {
        if (!root.dom[m_offset[v] + x]) continue;  // arc consistency already rules it out
        if (needed && !(*needed)[x]) continue;
        State child = root;
        fix(child, var, static_cast<int>(x));
        if (propagateFrom(child, {var})) out[x] = depthFirst(child, nullptr);
    }
    return out;
}

// Branch and bound: the bound of a node is the sum, over variables, of the cheapest value left
// in its domain (exact for decided variables), so a node that cannot beat the best car found is cut.
std::optional<Assignment> SearchModel::minimise(const Assignment& partial, const ValueCosts& cost) const {
    bool ok = false;
    State root = initial(partial, ok);
    if (!ok) return std::nullopt;
    auto costOf = [&](size_t v, size_t x) -> std::int64_t { return v < cost.size() && !cost[v].empty() ? cost[v][x] : 0; };
    auto bound = [&](const State& s) {
        std::int64_t sum = 0;
        for (size_t v = 0; v + 1 < m_offset.size(); ++v) {
            std::int64_t lo = std::numeric_limits<std::int64_t>::max();
            for (size_t x = 0; x < m_offset[v + 1] - m_offset[v]; ++x)
                if (s.dom[m_offset[v] + x]) lo = std::min(lo, costOf(v, x));
            sum += lo;
        }
        return sum;
    };
    std::optional<Assignment> best;
    std::int64_t bestCost = std::numeric_limits<std::int64_t>::max();
    std::function<void(State&)> dfs = [&](State& s) {
        const std::int64_t lb = bound(s);
        if (lb >= bestCost) return;
        const int var = branchVariable(s);
        if (var < 0) {
            best = decided(s.dom, m_offset);
            bestCost = lb;
            return;
        }
        const size_t v = static_cast<size_t>(var);
        std::vector<int> values;
        for (size_t x = 0; x < m_offset[v + 1] - m_offset[v]; ++x)
            if (s.dom[m_offset[v] + x]) values.push_back(static_cast<int>(x));
        std::stable_sort(values.begin(), values.end(),
                         [&](int a, int b) { return costOf(v, static_cast<size_t>(a)) < costOf(v, static_cast<size_t>(b)); });
        for (int x : values) {
            State child = s;
            std::fill(child.dom.begin() + static_cast<long>(m_offset[v]), child.dom.begin() + static_cast<long>(m_offset[v + 1]), 0);
            child.dom[m_offset[v] + static_cast<size_t>(x)] = 1;
            child.size[v] = 1;
            if (propagateFrom(child, {var})) dfs(child);
        }
    };
    dfs(root);
    return best;
}

std::uint64_t SearchModel::count(const Assignment& partial, std::uint64_t limit, bool& complete) const {
    bool ok = false;
    State root = initial(partial, ok);
    complete = true;
    if (!ok) return 0;
    std::uint64_t n = 0;
    std::function<void(State&)> dfs = [&](State& s) {
        if (n >= limit) {
            complete = false;
            return;
        }
        const int var = branchVariable(s);
        if (var < 0) {
            ++n;
            return;
        }
        const size_t v = static_cast<size_t>(var);
        for (size_t x = 0; x < m_offset[v + 1] - m_offset[v]; ++x) {
            if (!s.dom[m_offset[v] + x]) continue;
            State child = s;
            std::fill(child.dom.begin() + static_cast<long>(m_offset[v]), child.dom.begin() + static_cast<long>(m_offset[v + 1]), 0);
            child.dom[m_offset[v] + x] = 1;
            child.size[v] = 1;
            if (propagateFrom(child, {var})) dfs(child);
        }
    };
    dfs(root);
    return n;
}

RuleSet loadRuleSet(Problem problem, const CompileOptions& options) {
    RuleSet out;
    Problem copy = problem;
    CompileResult r = Diagram::compile(std::move(problem), options);
    if (r.diagram) {
        out.diagram = std::move(r.diagram);
        return out;
    }
    if (!r.overBudget) {
        out.error = std::move(r.error);
        out.blame = std::move(r.blame);
        return out;
    }
    out.fallbackReason = std::move(r.error);
    auto model = std::make_shared<const SearchModel>(std::move(copy));
    // Over budget and possibly without any solution: search tells, so a broken rule set is still refused.
    if (!model->solve(Assignment(model->problem().variables.size(), kUnset))) {
        out.error = "the rules allow no configuration at all";
        return out;
    }
    out.search = std::move(model);
    return out;
}

}  // namespace core::rules
