#include "core/rules/Session.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace core::rules {

Session::Session(std::shared_ptr<const Diagram> diagram) : m_diagram(std::move(diagram)) { init(); }

Session::Session(std::shared_ptr<const SearchModel> search) : m_search(std::move(search)) { init(); }

Session::Session(const RuleSet& rules) : m_diagram(rules.diagram), m_search(rules.diagram ? nullptr : rules.search) { init(); }

void Session::init() {
    const auto& vars = problem().variables;
    m_picks.assign(vars.size(), kUnset);
    m_offset.resize(vars.size() + 1, 0);
    for (size_t v = 0; v < vars.size(); ++v) m_offset[v + 1] = m_offset[v] + static_cast<size_t>(vars[v].size());
    m_available.assign(m_offset.back(), 0);
    m_availableCount.assign(vars.size(), 0);
    if (m_diagram) {
        m_down.assign(m_diagram->nodeCount(), 0);
        m_up.assign(m_diagram->nodeCount(), 0);
        m_mark.assign(m_diagram->nodeCount(), 0);
    }
    update();
}

void Session::pick(int var, int value) {
    if (m_picks[static_cast<size_t>(var)] != kUnset) m_order.erase(std::find(m_order.begin(), m_order.end(), var));
    m_picks[static_cast<size_t>(var)] = value;
    m_order.push_back(var);
    update();
}

void Session::unpick(int var) {
    if (m_picks[static_cast<size_t>(var)] == kUnset) return;
    m_picks[static_cast<size_t>(var)] = kUnset;
    m_order.erase(std::find(m_order.begin(), m_order.end(), var));
    update();
}

void Session::clear() {
    std::fill(m_picks.begin(), m_picks.end(), kUnset);
    m_order.clear();
    update();
}

void Session::setPicks(const Assignment& picks) {
    m_order.erase(std::remove_if(m_order.begin(), m_order.end(),
                                 [&](int v) { return picks[static_cast<size_t>(v)] == kUnset; }),
                  m_order.end());
    for (size_t v = 0; v < picks.size(); ++v)
        if (picks[v] != kUnset && m_picks[v] == kUnset) m_order.push_back(static_cast<int>(v));
    m_picks = picks;
    update();
}

// Two sweeps over the diagram: `down` marks nodes reachable from the root through picked values,
// `up` nodes that reach the terminal. An edge of variable v is then usable by v's values exactly
// when its source is down-reachable and its child up-reachable: the other picks only filter edges
// of other levels, which is what makes the result exact and cheap (O(edges) per tap).
void Session::update() {
    if (m_search) return updateBySearch();
    const Diagram& d = *m_diagram;
    const auto& values = d.edgeValues();
    const auto& children = d.edgeChildren();
    const int n = d.variableCount();
    m_bounds.reset();
    std::fill(m_down.begin(), m_down.end(), 0);
    std::fill(m_up.begin(), m_up.end(), 0);
    std::fill(m_available.begin(), m_available.end(), 0);
    std::fill(m_availableCount.begin(), m_availableCount.end(), 0);
    m_down[root()] = 1;
    for (int l = 0; l < n; ++l) {
        const int pv = m_picks[static_cast<size_t>(d.varAt(l))];
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node) {
            if (!m_down[node]) continue;
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e)
                if (pv == kUnset || values[e] == pv) m_down[children[e]] = 1;
        }
    }
    m_up[d.terminal()] = 1;
    for (int l = n - 1; l >= 0; --l) {
        const int var = d.varAt(l);
        const int pv = m_picks[static_cast<size_t>(var)];
        std::uint8_t* avail = m_available.data() + m_offset[static_cast<size_t>(var)];
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node) {
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e) {
                if (!m_up[children[e]]) continue;
                if (pv == kUnset || values[e] == pv) m_up[node] = 1;
                if (m_down[node]) avail[values[e]] = 1;
            }
        }
        int count = 0;
        for (int x = 0; x < problem().variables[static_cast<size_t>(var)].size(); ++x) count += avail[x];
        m_availableCount[static_cast<size_t>(var)] = count;
    }
    m_consistent = m_up[root()] != 0;
}

int Session::boundValue(int var) const {
    const int p = m_picks[static_cast<size_t>(var)];
    if (p != kUnset) return p;
    if (m_availableCount[static_cast<size_t>(var)] != 1) return kUnset;
    const int size = problem().variables[static_cast<size_t>(var)].size();
    for (int x = 0; x < size; ++x)
        if (available(var, x)) return x;
    return kUnset;
}

bool Session::complete() const {
    if (!m_consistent) return false;
    for (size_t v = 0; v < m_picks.size(); ++v)
        if (boundValue(static_cast<int>(v)) == kUnset) return false;
    return true;
}

// Forward reachability restricted to the nodes actually reached, so a test with many picks
// touches only a thin slice of the diagram.
bool Session::reachable(const Assignment& a) const {
    if (m_search) return m_search->solve(a).has_value();
    const Diagram& d = *m_diagram;
    const auto& values = d.edgeValues();
    const auto& children = d.edgeChildren();
    if (++m_generation == 0) {
        std::fill(m_mark.begin(), m_mark.end(), 0);
        m_generation = 1;
    }
    m_frontA.assign(1, root());
    const int n = d.variableCount();
    for (int l = 0; l < n; ++l) {
        const int pv = a[static_cast<size_t>(d.varAt(l))];
        m_frontB.clear();
        for (std::uint32_t node : m_frontA)
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e) {
                if (pv != kUnset && values[e] != pv) continue;
                const std::uint32_t c = children[e];
                if (m_mark[c] != m_generation) {
                    m_mark[c] = m_generation;
                    m_frontB.push_back(c);
                }
            }
        if (m_frontB.empty()) return false;
        std::swap(m_frontA, m_frontB);
    }
    return true;
}

bool Session::possibleWith(const Assignment& partial, int var, int value) const {
    Assignment a = partial;
    a[static_cast<size_t>(var)] = value;
    return reachable(a);
}

// QuickXplain (Junker 2004): a preferred minimal conflict among the picks in O(k log(n/k))
// reachability tests, where k is the size of the explanation (usually 1 to 3).
std::vector<int> Session::explain(int var, int value) const {
    if (available(var, value)) return {};
    Assignment base(m_picks.size(), kUnset);
    base[static_cast<size_t>(var)] = value;
    if (!reachable(base)) return {};
    std::vector<int> candidates;
    for (int v : m_order)
        if (v != var) candidates.push_back(v);
    // background: the assignment of B; returns the minimal subset of `c` that conflicts with it.
    auto consistentWith = [&](Assignment& background) { return reachable(background); };
    std::function<std::vector<int>(Assignment&, bool, std::vector<int>)> qx =
        [&](Assignment& background, bool deltaNonEmpty, std::vector<int> c) -> std::vector<int> {
        if (deltaNonEmpty && !consistentWith(background)) return {};
        if (c.size() == 1) return c;
        const size_t half = c.size() / 2;
        std::vector<int> c1(c.begin(), c.begin() + static_cast<long>(half)), c2(c.begin() + static_cast<long>(half), c.end());
        for (int v : c1) background[static_cast<size_t>(v)] = m_picks[static_cast<size_t>(v)];
        std::vector<int> d2 = qx(background, !c1.empty(), c2);
        for (int v : c1) background[static_cast<size_t>(v)] = kUnset;
        for (int v : d2) background[static_cast<size_t>(v)] = m_picks[static_cast<size_t>(v)];
        std::vector<int> d1 = qx(background, !d2.empty(), c1);
        for (int v : d2) background[static_cast<size_t>(v)] = kUnset;
        d1.insert(d1.end(), d2.begin(), d2.end());
        return d1;
    };
    if (candidates.empty()) return {};
    std::vector<int> result = qx(base, false, candidates);
    std::sort(result.begin(), result.end(), [&](int a, int b) {
        return std::find(m_order.begin(), m_order.end(), a) < std::find(m_order.begin(), m_order.end(), b);
    });
    return result;
}

Repair Session::repair(int var, int value) const {
    if (m_search) return repairBySearch(var, value);
    const Diagram& d = *m_diagram;
    const auto& values = d.edgeValues();
    const auto& children = d.edgeChildren();
    const auto& vars = problem().variables;
    const int n = d.variableCount();
    struct Cost {
        int changes = std::numeric_limits<int>::max();
        std::int64_t price = 0;
        bool operator<(const Cost& o) const { return changes != o.changes ? changes < o.changes : price < o.price; }
    };
    std::vector<Cost> best(d.nodeCount());
    std::vector<std::uint32_t> choice(d.nodeCount(), 0);
    best[d.terminal()] = Cost{0, 0};
    for (int l = n - 1; l >= 0; --l) {
        const int u = d.varAt(l);
        const int pv = m_picks[static_cast<size_t>(u)];
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node)
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e) {
                const Cost& c = best[children[e]];
                if (c.changes == std::numeric_limits<int>::max()) continue;
                if (u == var && values[e] != value) continue;
                const int change = (u != var && pv != kUnset && values[e] != pv) ? 1 : 0;
                const Cost total{c.changes + change, c.price + vars[static_cast<size_t>(u)].priceMinor[values[e]]};
                if (total < best[node]) {
                    best[node] = total;
                    choice[node] = e;
                }
            }
    }
    if (best[root()].changes == std::numeric_limits<int>::max()) return Repair{};
    std::uint32_t node = root();
    Assignment path(static_cast<size_t>(n));
    for (int l = 0; l < n; ++l) {
        const std::uint32_t e = choice[node];
        path[static_cast<size_t>(d.varAt(l))] = values[e];
        node = children[e];
    }
    return repairFrom(path, var, value);
}

// The repair that leads to the car `path`: the picks it changes (oldest first), then the wanted value.
Repair Session::repairFrom(const Assignment& path, int var, int value) const {
    Repair r;
    r.possible = true;
    for (size_t v = 0; v < path.size(); ++v) r.cheapestPriceMinor += problem().variables[v].priceMinor[static_cast<size_t>(path[v])];
    for (int v : m_order)
        if (v != var && path[static_cast<size_t>(v)] != m_picks[static_cast<size_t>(v)])
            r.changes.push_back({v, m_picks[static_cast<size_t>(v)], path[static_cast<size_t>(v)]});
    r.changes.push_back({var, m_picks[static_cast<size_t>(var)], value});
    const PriceBounds now = priceBounds();
    r.priceDeltaMinor = now.valid ? r.cheapestPriceMinor - now.minMinor : 0;
    return r;
}

void Session::apply(const Repair& repair) {
    if (!repair.possible) return;
    Assignment next = m_picks;
    for (const auto& c : repair.changes) next[static_cast<size_t>(c.var)] = c.to;
    m_order.erase(std::remove_if(m_order.begin(), m_order.end(),
                                 [&](int v) { return next[static_cast<size_t>(v)] == kUnset; }),
                  m_order.end());
    for (const auto& c : repair.changes)
        if (m_picks[static_cast<size_t>(c.var)] == kUnset && c.to != kUnset) m_order.push_back(c.var);
    m_picks = std::move(next);
    update();
}

BigUint Session::count() const {
    if (m_search) {
        bool complete = false;
        const std::uint64_t n = m_search->count(m_picks, kSearchCountLimit, complete);
        m_countExact = complete;
        return BigUint(n);
    }
    const Diagram& d = *m_diagram;
    const auto& values = d.edgeValues();
    const auto& children = d.edgeChildren();
    const int n = d.variableCount();
    std::vector<BigUint> c(d.nodeCount());
    c[d.terminal()] = BigUint(1);
    for (int l = n - 1; l >= 0; --l) {
        const int pv = m_picks[static_cast<size_t>(d.varAt(l))];
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node) {
            BigUint sum;
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e)
                if ((pv == kUnset || values[e] == pv) && !c[children[e]].isZero()) sum += c[children[e]];
            c[node] = std::move(sum);
        }
    }
    return c[root()];
}

// Paths from the root through the picks into each node times paths from each child to the
// terminal, summed per edge label: two BigUint sweeps and one product per edge.
std::vector<std::vector<BigUint>> Session::valueCounts() const {
    if (m_search) return {};
    const Diagram& d = *m_diagram;
    const auto& values = d.edgeValues();
    const auto& children = d.edgeChildren();
    const int n = d.variableCount();
    std::vector<BigUint> down(d.nodeCount()), up(d.nodeCount());
    down[root()] = BigUint(1);
    for (int l = 0; l < n; ++l) {
        const int pv = m_picks[static_cast<size_t>(d.varAt(l))];
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node) {
            if (down[node].isZero()) continue;
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e)
                if (pv == kUnset || values[e] == pv) down[children[e]] += down[node];
        }
    }
    up[d.terminal()] = BigUint(1);
    std::vector<std::vector<BigUint>> result(problem().variables.size());
    for (int l = n - 1; l >= 0; --l) {
        const int var = d.varAt(l);
        const int pv = m_picks[static_cast<size_t>(var)];
        auto& out = result[static_cast<size_t>(var)];
        out.assign(static_cast<size_t>(problem().variables[static_cast<size_t>(var)].size()), BigUint());
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node) {
            BigUint sum;
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e) {
                if (up[children[e]].isZero()) continue;
                if (pv == kUnset || values[e] == pv) sum += up[children[e]];
                if (!down[node].isZero()) out[values[e]] += down[node] * up[children[e]];
            }
            up[node] = std::move(sum);
        }
    }
    return result;
}

PriceBounds Session::priceBounds() const {
    if (m_bounds) return *m_bounds;
    if (m_search) return *(m_bounds = priceBoundsBySearch());
    const Diagram& d = *m_diagram;
    const auto& values = d.edgeValues();
    const auto& children = d.edgeChildren();
    const auto& vars = problem().variables;
    const int n = d.variableCount();
    constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> lo(d.nodeCount(), kNone), hi(d.nodeCount(), 0);
    lo[d.terminal()] = 0;
    for (int l = n - 1; l >= 0; --l) {
        const int u = d.varAt(l);
        const int pv = m_picks[static_cast<size_t>(u)];
        const auto& price = vars[static_cast<size_t>(u)].priceMinor;
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node)
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e) {
                const std::uint32_t c = children[e];
                if (lo[c] == kNone || (pv != kUnset && values[e] != pv)) continue;
                const std::int64_t p = price[values[e]];
                if (lo[node] == kNone) {
                    lo[node] = lo[c] + p;
                    hi[node] = hi[c] + p;
                } else {
                    lo[node] = std::min(lo[node], lo[c] + p);
                    hi[node] = std::max(hi[node], hi[c] + p);
                }
            }
    }
    PriceBounds b;
    b.valid = lo[root()] != kNone;
    if (b.valid) {
        b.minMinor = lo[root()];
        b.maxMinor = hi[root()];
    }
    m_bounds = b;
    return b;
}

std::optional<Assignment> Session::cheapestCompletion() const {
    if (!m_consistent) return std::nullopt;
    return preferredCompletion(m_picks, {});
}

// Shortest path from the root to the terminal through `partial`, by (penalty, price) in
// lexicographic order.
std::optional<Assignment> Session::preferredCompletion(const Assignment& partial,
                                                       const std::vector<std::vector<std::int64_t>>& penalty) const {
    if (m_search) return preferredBySearch(partial, penalty);
    const Diagram& d = *m_diagram;
    Assignment a = partial;
    const auto& values = d.edgeValues();
    const auto& children = d.edgeChildren();
    const auto& vars = problem().variables;
    const int n = d.variableCount();
    using Cost = std::pair<std::int64_t, std::int64_t>;
    constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::max();
    std::vector<Cost> lo(d.nodeCount(), Cost{kNone, kNone});
    std::vector<std::uint32_t> choice(d.nodeCount(), 0);
    lo[d.terminal()] = Cost{0, 0};
    for (int l = n - 1; l >= 0; --l) {
        const int u = d.varAt(l);
        const int pv = a[static_cast<size_t>(u)];
        const std::vector<std::int64_t>* pen =
            static_cast<size_t>(u) < penalty.size() && !penalty[static_cast<size_t>(u)].empty() ? &penalty[static_cast<size_t>(u)] : nullptr;
        for (std::uint32_t node = d.levelBegin(l); node < d.levelBegin(l + 1); ++node)
            for (std::uint32_t e = d.edgeBegin(node); e < d.edgeEnd(node); ++e) {
                const std::uint32_t c = children[e];
                if (lo[c].first == kNone || (pv != kUnset && values[e] != pv)) continue;
                const Cost p{lo[c].first + (pen ? (*pen)[values[e]] : 0),
                             lo[c].second + vars[static_cast<size_t>(u)].priceMinor[values[e]]};
                if (p < lo[node]) {
                    lo[node] = p;
                    choice[node] = e;
                }
            }
    }
    if (lo[root()].first == kNone) return std::nullopt;
    std::uint32_t node = root();
    for (int l = 0; l < n; ++l) {
        const std::uint32_t e = choice[node];
        a[static_cast<size_t>(d.varAt(l))] = values[e];
        node = children[e];
    }
    return a;
}

}  // namespace core::rules
