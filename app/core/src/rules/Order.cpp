// Variable order for the compiler: derived from the constraint structure (the primal graph), not
// from the order in which the file declares things. See README.md ("Variable order").
#include "core/rules/Diagram.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "Canon.h"

namespace core::rules {

namespace {

// log2 of a domain size in fixed point (2^-20 bits): sums are exact, so they do not depend on the
// order in which a file lists the variables they add up.
std::int64_t fixedBits(int domainSize) { return std::llround(std::log2(std::max(2, domainSize)) * 1048576.0); }
constexpr double kFixedOne = 1048576.0;

// Primal graph as adjacency bit rows plus neighbour lists.
struct Graph {
    int n = 0;
    size_t words = 0;
    std::vector<std::uint64_t> bits;
    std::vector<std::vector<int>> adj;
    std::vector<std::int64_t> weight;  // log2 of the domain size, fixed point

    bool has(int a, int b) const { return (bits[static_cast<size_t>(a) * words + static_cast<size_t>(b) / 64] >> (b % 64)) & 1u; }
    void link(int a, int b) {
        if (a == b || has(a, b)) return;
        bits[static_cast<size_t>(a) * words + static_cast<size_t>(b) / 64] |= std::uint64_t{1} << (b % 64);
        bits[static_cast<size_t>(b) * words + static_cast<size_t>(a) / 64] |= std::uint64_t{1} << (a % 64);
        adj[static_cast<size_t>(a)].push_back(b);
        adj[static_cast<size_t>(b)].push_back(a);
    }
};

Graph primalGraph(const Problem& p) {
    Graph g;
    g.n = static_cast<int>(p.variables.size());
    g.words = (static_cast<size_t>(g.n) + 63) / 64;
    g.bits.assign(static_cast<size_t>(g.n) * g.words, 0);
    g.adj.resize(static_cast<size_t>(g.n));
    for (const auto& v : p.variables) g.weight.push_back(fixedBits(v.size()));
    for (const auto& c : p.constraints)
        for (size_t i = 0; i < c.scope.size(); ++i)
            for (size_t j = i + 1; j < c.scope.size(); ++j) g.link(c.scope[i], c.scope[j]);
    return g;
}

// Min-fill elimination: repeatedly eliminate the variable whose neighbours need the fewest new
// edges to become a clique (ties: smaller cluster in bits, then fewer neighbours, then a seeded
// rank drawn from the variable's structural colour, so neither declaration order nor names ever
// decide). Returns the elimination order; `g` ends up as the filled (chordal) graph.
std::vector<int> minFillElimination(Graph& g, std::uint64_t seed, const std::vector<std::uint64_t>& colour) {
    const int n = g.n;
    std::vector<std::uint64_t> rank(static_cast<size_t>(n));
    for (size_t v = 0; v < rank.size(); ++v) rank[v] = detail::mix64(colour[v] ^ detail::mix64(seed));
    std::vector<char> gone(static_cast<size_t>(n), 0);
    std::vector<std::int64_t> fill(static_cast<size_t>(n), 0);
    std::vector<std::int64_t> cluster(static_cast<size_t>(n), 0);
    std::vector<int> degree(static_cast<size_t>(n), 0);
    auto score = [&](int v) {
        std::vector<int> nb;
        for (int u : g.adj[static_cast<size_t>(v)])
            if (!gone[static_cast<size_t>(u)]) nb.push_back(u);
        std::int64_t f = 0;
        std::int64_t c = g.weight[static_cast<size_t>(v)];
        for (size_t i = 0; i < nb.size(); ++i) {
            c += g.weight[static_cast<size_t>(nb[i])];
            for (size_t j = i + 1; j < nb.size(); ++j)
                if (!g.has(nb[i], nb[j])) ++f;
        }
        fill[static_cast<size_t>(v)] = f;
        cluster[static_cast<size_t>(v)] = c;
        degree[static_cast<size_t>(v)] = static_cast<int>(nb.size());
    };
    for (int v = 0; v < n; ++v) score(v);
    std::vector<int> order;
    std::vector<int> touched;
    std::vector<int> stamp(static_cast<size_t>(n), -1);
    for (int step = 0; step < n; ++step) {
        int best = -1;
        for (int v = 0; v < n; ++v) {
            if (gone[static_cast<size_t>(v)]) continue;
            const auto sv = static_cast<size_t>(v);
            if (best < 0) {
                best = v;
                continue;
            }
            const auto sb = static_cast<size_t>(best);
            if (fill[sv] != fill[sb] ? fill[sv] < fill[sb]
                : cluster[sv] != cluster[sb] ? cluster[sv] < cluster[sb]
                : degree[sv] != degree[sb] ? degree[sv] < degree[sb]
                : rank[sv] != rank[sb]     ? rank[sv] < rank[sb]
                                           : colour[sv] < colour[sb])
                best = v;
        }
        order.push_back(best);
        gone[static_cast<size_t>(best)] = 1;
        std::vector<int> nb;
        for (int u : g.adj[static_cast<size_t>(best)])
            if (!gone[static_cast<size_t>(u)]) nb.push_back(u);
        for (size_t i = 0; i < nb.size(); ++i)
            for (size_t j = i + 1; j < nb.size(); ++j) g.link(nb[i], nb[j]);
        // Scores change only for the neighbours and their neighbours.
        touched.clear();
        for (int u : nb) {
            if (stamp[static_cast<size_t>(u)] != step) stamp[static_cast<size_t>(u)] = step, touched.push_back(u);
            for (int w : g.adj[static_cast<size_t>(u)])
                if (!gone[static_cast<size_t>(w)] && stamp[static_cast<size_t>(w)] != step)
                    stamp[static_cast<size_t>(w)] = step, touched.push_back(w);
        }
        for (int u : touched) score(u);
    }
    return order;
}

// A decision order from an elimination order: the elimination tree's roots first, each subtree
// contiguous (depth-first, heavier subtrees first), so that once a subtree is decided only its
// ancestors stay open.
std::vector<int> treeOrder(const Graph& filled, const std::vector<int>& elimination) {
    const int n = filled.n;
    std::vector<int> position(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) position[static_cast<size_t>(elimination[static_cast<size_t>(i)])] = i;
    std::vector<int> parent(static_cast<size_t>(n), -1);
    std::vector<std::vector<int>> kids(static_cast<size_t>(n));
    std::vector<int> roots;
    for (int v : elimination) {
        int best = -1;
        for (int u : filled.adj[static_cast<size_t>(v)])
            if (position[static_cast<size_t>(u)] > position[static_cast<size_t>(v)] &&
                (best < 0 || position[static_cast<size_t>(u)] < position[static_cast<size_t>(best)]))
                best = u;
        parent[static_cast<size_t>(v)] = best;
        if (best < 0) roots.push_back(v);
        else kids[static_cast<size_t>(best)].push_back(v);
    }
    std::vector<std::int64_t> weight(static_cast<size_t>(n), 0);
    for (int v : elimination) {  // children come before parents in elimination order
        weight[static_cast<size_t>(v)] += filled.weight[static_cast<size_t>(v)];
        if (parent[static_cast<size_t>(v)] >= 0) weight[static_cast<size_t>(parent[static_cast<size_t>(v)])] += weight[static_cast<size_t>(v)];
    }
    auto heavierFirst = [&](int a, int b) {
        const auto sa = static_cast<size_t>(a), sb = static_cast<size_t>(b);
        return weight[sa] != weight[sb] ? weight[sa] > weight[sb] : position[sa] > position[sb];
    };
    std::sort(roots.begin(), roots.end(), heavierFirst);
    std::vector<int> order;
    std::vector<int> stack(roots.rbegin(), roots.rend());
    while (!stack.empty()) {
        const int v = stack.back();
        stack.pop_back();
        order.push_back(v);
        auto& k = kids[static_cast<size_t>(v)];
        std::sort(k.begin(), k.end(), heavierFirst);
        for (auto it = k.rbegin(); it != k.rend(); ++it) stack.push_back(*it);
    }
    return order;
}

}  // namespace

OrderShape orderShape(const Problem& p, const std::vector<int>& order) {
    const int n = static_cast<int>(order.size());
    std::vector<int> level(static_cast<size_t>(n));
    for (int l = 0; l < n; ++l) level[static_cast<size_t>(order[static_cast<size_t>(l)])] = l;
    std::vector<int> lastUse(static_cast<size_t>(n), -1);
    for (const auto& c : p.constraints) {
        int last = -1;
        for (int v : c.scope) last = std::max(last, level[static_cast<size_t>(v)]);
        for (int v : c.scope) lastUse[static_cast<size_t>(v)] = std::max(lastUse[static_cast<size_t>(v)], last);
    }
    // A variable is open from its level until its last constraint is decided.
    std::vector<std::int64_t> delta(static_cast<size_t>(n) + 1, 0);
    std::vector<int> countDelta(static_cast<size_t>(n) + 1, 0);
    for (int v = 0; v < n; ++v) {
        const int from = level[static_cast<size_t>(v)], to = lastUse[static_cast<size_t>(v)];
        if (to <= from) continue;
        const std::int64_t b = fixedBits(p.variables[static_cast<size_t>(v)].size());
        delta[static_cast<size_t>(from)] += b;
        delta[static_cast<size_t>(to)] -= b;
        ++countDelta[static_cast<size_t>(from)];
        --countDelta[static_cast<size_t>(to)];
    }
    OrderShape s;
    std::int64_t bits = 0;
    int open = 0;
    for (int l = 0; l < n; ++l) {
        bits += delta[static_cast<size_t>(l)];
        open += countDelta[static_cast<size_t>(l)];
        s.maxOpen = std::max(s.maxOpen, open);
        s.maxOpenBits = std::max(s.maxOpenBits, static_cast<double>(bits) / kFixedOne);
        s.cost += std::exp2(std::min(static_cast<double>(bits) / kFixedOne, 60.0));
    }
    return s;
}

int treeWidth(const Problem& p, const std::vector<int>& elimination) {
    Graph g = primalGraph(p);
    std::vector<char> gone(p.variables.size(), 0);
    int width = 0;
    for (int v : elimination) {
        std::vector<int> nb;
        for (int u : g.adj[static_cast<size_t>(v)])
            if (!gone[static_cast<size_t>(u)]) nb.push_back(u);
        width = std::max(width, static_cast<int>(nb.size()));
        for (size_t i = 0; i < nb.size(); ++i)
            for (size_t j = i + 1; j < nb.size(); ++j) g.link(nb[i], nb[j]);
        gone[static_cast<size_t>(v)] = 1;
    }
    return width;
}

std::vector<int> minFillOrder(const Problem& p, std::uint64_t seed) {
    Graph g = primalGraph(p);
    return minFillElimination(g, seed, detail::structuralColours(p));
}

namespace {

// The greedy "few open" order: grow from a start variable, each step placing the variable that
// opens the fewest bits net of those its tables close (fixed point, so sums do not depend on the
// file); ties: more tables shared with placed variables (when `byContact`), then the smaller
// structural colour. A connected part is finished before another is started.
std::vector<int> greedyOrder(const Problem& p, const std::vector<std::vector<int>>& tablesOf, int start, bool byContact,
                             const std::vector<std::uint64_t>& colour) {
    const int n = static_cast<int>(p.variables.size());
    std::vector<int> remaining(p.constraints.size());  // undecided variables per table
    for (size_t c = 0; c < p.constraints.size(); ++c) remaining[c] = static_cast<int>(p.constraints[c].scope.size());
    std::vector<int> openTables(static_cast<size_t>(n), 0), contact(static_cast<size_t>(n), 0), closing(static_cast<size_t>(n), 0);
    std::vector<char> placed(static_cast<size_t>(n), 0);
    std::vector<int> order;
    auto place = [&](int v) {
        placed[static_cast<size_t>(v)] = 1;
        order.push_back(v);
        int own = 0;
        for (int c : tablesOf[static_cast<size_t>(v)]) {
            if (--remaining[static_cast<size_t>(c)] > 0) ++own;
            for (int u : p.constraints[static_cast<size_t>(c)].scope) {
                ++contact[static_cast<size_t>(u)];
                if (remaining[static_cast<size_t>(c)] == 0 && u != v && placed[static_cast<size_t>(u)]) --openTables[static_cast<size_t>(u)];
            }
        }
        openTables[static_cast<size_t>(v)] = own;
    };
    // The change in open bits if `v` came next: its own bits if it stays open, minus every placed
    // variable whose last open tables it closes.
    auto delta = [&](int v) {
        std::int64_t d = 0;
        bool staysOpen = false;
        for (int c : tablesOf[static_cast<size_t>(v)]) {
            if (remaining[static_cast<size_t>(c)] > 1) staysOpen = true;
            else
                for (int u : p.constraints[static_cast<size_t>(c)].scope)
                    if (u != v && placed[static_cast<size_t>(u)]) ++closing[static_cast<size_t>(u)];
        }
        if (staysOpen) d += fixedBits(p.variables[static_cast<size_t>(v)].size());
        for (int c : tablesOf[static_cast<size_t>(v)])
            if (remaining[static_cast<size_t>(c)] == 1)
                for (int u : p.constraints[static_cast<size_t>(c)].scope)
                    if (u != v && closing[static_cast<size_t>(u)] != 0) {
                        if (closing[static_cast<size_t>(u)] == openTables[static_cast<size_t>(u)])
                            d -= fixedBits(p.variables[static_cast<size_t>(u)].size());
                        closing[static_cast<size_t>(u)] = 0;
                    }
        return d;
    };
    place(start);
    for (int step = 1; step < n; ++step) {
        bool anyAdjacent = false;
        for (int v = 0; v < n && !anyAdjacent; ++v) anyAdjacent = !placed[static_cast<size_t>(v)] && contact[static_cast<size_t>(v)] > 0;
        int best = -1, bestContact = -1;
        std::int64_t bestDelta = 0;
        for (int v = 0; v < n; ++v) {
            if (placed[static_cast<size_t>(v)] || (anyAdjacent && contact[static_cast<size_t>(v)] == 0)) continue;
            const std::int64_t d = delta(v);
            const int t = byContact ? contact[static_cast<size_t>(v)] : 0;
            if (best < 0 || d < bestDelta ||
                (d == bestDelta && (t > bestContact || (t == bestContact && colour[static_cast<size_t>(v)] < colour[static_cast<size_t>(best)])))) {
                best = v;
                bestDelta = d;
                bestContact = t;
            }
        }
        place(best);
    }
    return order;
}

// Greedy orders from a few structural starting points: the four variables in the most tables and
// the four (in some table) in the fewest, ties by colour; each with and without the contact tie-break.
void addGreedyOrders(const Problem& p, const std::vector<std::uint64_t>& colour, std::vector<std::vector<int>>& out) {
    const int n = static_cast<int>(p.variables.size());
    std::vector<std::vector<int>> tablesOf(static_cast<size_t>(n));
    for (size_t c = 0; c < p.constraints.size(); ++c)
        for (int v : p.constraints[c].scope) tablesOf[static_cast<size_t>(v)].push_back(static_cast<int>(c));
    std::vector<int> byTables(static_cast<size_t>(n));
    std::iota(byTables.begin(), byTables.end(), 0);
    std::sort(byTables.begin(), byTables.end(), [&](int a, int b) {
        const size_t ta = tablesOf[static_cast<size_t>(a)].size(), tb = tablesOf[static_cast<size_t>(b)].size();
        return ta != tb ? ta > tb : colour[static_cast<size_t>(a)] < colour[static_cast<size_t>(b)];
    });
    std::vector<int> starts(byTables.begin(), byTables.begin() + std::min(n, 4));
    int fewest = 0;
    for (int i = n - 1; i >= 0 && fewest < 4; --i)
        if (!tablesOf[static_cast<size_t>(byTables[static_cast<size_t>(i)])].empty()) {
            starts.push_back(byTables[static_cast<size_t>(i)]);
            ++fewest;
        }
    for (int s : starts)
        for (bool byContact : {true, false}) out.push_back(greedyOrder(p, tablesOf, s, byContact, colour));
}

}  // namespace

namespace {

// Min-fill elimination with a few seeded tie-breaks, each as a tree order and reversed.
void addMinFillOrders(const Problem& p, const std::vector<std::uint64_t>& colour, std::vector<std::vector<int>>& out) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Graph g = primalGraph(p);
        const std::vector<int> elimination = minFillElimination(g, seed, colour);
        out.push_back(treeOrder(g, elimination));
        out.emplace_back(elimination.rbegin(), elimination.rend());
    }
}

// Distinct orders ranked by how much their open variables weigh; equal costs keep the sequence
// they were made in, which does not depend on the file's order.
std::vector<std::vector<int>> rankDistinct(const Problem& p, std::vector<std::vector<int>> all) {
    std::vector<double> cost;
    for (const auto& o : all) cost.push_back(orderShape(p, o).cost);
    std::vector<size_t> rank(all.size());
    std::iota(rank.begin(), rank.end(), 0);
    std::stable_sort(rank.begin(), rank.end(), [&](size_t a, size_t b) { return cost[a] < cost[b]; });
    std::vector<std::vector<int>> out;
    for (size_t i : rank)
        if (std::find(out.begin(), out.end(), all[i]) == out.end()) out.push_back(std::move(all[i]));
    return out;
}

}  // namespace

std::vector<std::vector<int>> candidateOrders(const Problem& p) {
    if (p.variables.empty()) return {{}};
    const std::vector<std::uint64_t> colour = detail::structuralColours(p);
    std::vector<std::vector<int>> all;
    addMinFillOrders(p, colour, all);
    addGreedyOrders(p, colour, all);
    return rankDistinct(p, std::move(all));
}

std::vector<int> minFillDecisionOrder(const Problem& p) {
    if (p.variables.empty()) return {};
    std::vector<std::vector<int>> all;
    addMinFillOrders(p, detail::structuralColours(p), all);
    return rankDistinct(p, std::move(all)).front();
}

std::vector<int> compileOrder(const Problem& p) { return candidateOrders(p).front(); }

}  // namespace core::rules
