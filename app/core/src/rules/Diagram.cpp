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

namespace core::rules {

namespace {

// Membership test for one table constraint's tuples: a bitmap for small scopes, else a hash set of
// mixed-radix keys (or of the raw bytes when even 64 bits cannot hold the key).
class TupleSet {
public:
    TupleSet(const Problem& p, const TableConstraint& c) : m_supports(c.supports) {
        std::uint64_t product = 1;
        bool fits = true;
        for (int v : c.scope) {
            const auto d = static_cast<std::uint64_t>(p.variables[static_cast<size_t>(v)].size());
            m_radix.push_back(d);
            if (product > std::numeric_limits<std::uint64_t>::max() / d) fits = false;
            else product *= d;
        }
        m_mode = !fits ? Mode::Bytes : product <= (1u << 20) ? Mode::Bitmap : Mode::Hash;
        if (m_mode == Mode::Bitmap) m_bitmap.assign(product, 0);
        const size_t k = c.scope.size();
        std::vector<int> t(k);
        for (size_t i = 0; i < c.tupleCount(); ++i) {
            std::copy(c.tuples.begin() + static_cast<long>(i * k), c.tuples.begin() + static_cast<long>((i + 1) * k), t.begin());
            insert(t);
        }
    }
    bool allowed(const std::vector<int>& t) const { return contains(t) == m_supports; }

private:
    enum class Mode { Bitmap, Hash, Bytes };
    std::uint64_t key(const std::vector<int>& t) const {
        std::uint64_t k = 0;
        for (size_t i = 0; i < t.size(); ++i) k = k * m_radix[i] + static_cast<std::uint64_t>(t[i]);
        return k;
    }
    static std::string bytes(const std::vector<int>& t) {
        return std::string(reinterpret_cast<const char*>(t.data()), t.size() * sizeof(int));
    }
    void insert(const std::vector<int>& t) {
        if (m_mode == Mode::Bitmap) m_bitmap[key(t)] = 1;
        else if (m_mode == Mode::Hash) m_hash.insert(key(t));
        else m_bytes.insert(bytes(t));
    }
    bool contains(const std::vector<int>& t) const {
        if (m_mode == Mode::Bitmap) return m_bitmap[key(t)] != 0;
        if (m_mode == Mode::Hash) return m_hash.count(key(t)) != 0;
        return m_bytes.count(bytes(t)) != 0;
    }

    bool m_supports;
    Mode m_mode = Mode::Bitmap;
    std::vector<std::uint64_t> m_radix;
    std::vector<std::uint8_t> m_bitmap;
    std::unordered_set<std::uint64_t> m_hash;
    std::unordered_set<std::string> m_bytes;
};

// Sum over levels of 2^(open bits): a proxy for the diagram size an order leads to.
struct OrderResult {
    std::vector<int> order;
    double cost = 0;
};

OrderResult greedyOrder(const Problem& p, const std::vector<std::vector<int>>& varCons, int start, bool tieByConnectivity) {
    const int n = static_cast<int>(p.variables.size());
    std::vector<double> bits(static_cast<size_t>(n));
    for (int v = 0; v < n; ++v) bits[static_cast<size_t>(v)] = std::log2(std::max(2, p.variables[static_cast<size_t>(v)].size()));
    std::vector<int> remaining(p.constraints.size());
    for (size_t c = 0; c < p.constraints.size(); ++c) remaining[c] = static_cast<int>(p.constraints[c].scope.size());
    std::vector<int> openCount(static_cast<size_t>(n), 0);
    std::vector<char> placed(static_cast<size_t>(n), 0);
    std::vector<int> touch(static_cast<size_t>(n), 0);  // constraints shared with placed variables
    std::vector<int> dec(static_cast<size_t>(n), 0);
    OrderResult r;
    double open = 0;
    auto place = [&](int v) {
        placed[static_cast<size_t>(v)] = 1;
        r.order.push_back(v);
        int own = 0;
        for (int c : varCons[static_cast<size_t>(v)]) {
            --remaining[static_cast<size_t>(c)];
            if (remaining[static_cast<size_t>(c)] > 0) ++own;
            for (int u : p.constraints[static_cast<size_t>(c)].scope) {
                ++touch[static_cast<size_t>(u)];
                if (remaining[static_cast<size_t>(c)] == 0 && u != v && placed[static_cast<size_t>(u)]) {
                    if (--openCount[static_cast<size_t>(u)] == 0) open -= bits[static_cast<size_t>(u)];
                }
            }
        }
        openCount[static_cast<size_t>(v)] = own;
        if (own > 0) open += bits[static_cast<size_t>(v)];
        r.cost += std::exp2(std::min(open, 60.0));
    };
    place(start);
    for (int step = 1; step < n; ++step) {
        int best = -1;
        double bestDelta = 0;
        int bestTouch = -1;
        // Stay next to what is placed (a component is finished before another starts: switching
        // between loosely linked parts would keep both open); jump only when nothing is adjacent.
        bool anyAdjacent = false;
        for (int v = 0; v < n && !anyAdjacent; ++v) anyAdjacent = !placed[static_cast<size_t>(v)] && touch[static_cast<size_t>(v)] > 0;
        for (int v = 0; v < n; ++v) {
            if (placed[static_cast<size_t>(v)] || (anyAdjacent && touch[static_cast<size_t>(v)] == 0)) continue;
            double delta = 0;
            int own = 0;
            for (int c : varCons[static_cast<size_t>(v)]) {
                if (remaining[static_cast<size_t>(c)] > 1) ++own;
                else
                    for (int u : p.constraints[static_cast<size_t>(c)].scope)
                        if (u != v && placed[static_cast<size_t>(u)]) ++dec[static_cast<size_t>(u)];
            }
            if (own > 0) delta += bits[static_cast<size_t>(v)];
            for (int c : varCons[static_cast<size_t>(v)])
                if (remaining[static_cast<size_t>(c)] == 1)
                    for (int u : p.constraints[static_cast<size_t>(c)].scope)
                        if (u != v && placed[static_cast<size_t>(u)] && dec[static_cast<size_t>(u)] != 0) {
                            if (dec[static_cast<size_t>(u)] == openCount[static_cast<size_t>(u)]) delta -= bits[static_cast<size_t>(u)];
                            dec[static_cast<size_t>(u)] = 0;
                        }
            const int t = tieByConnectivity ? touch[static_cast<size_t>(v)] : 0;
            if (best < 0 || delta < bestDelta - 1e-9 || (std::abs(delta - bestDelta) <= 1e-9 && t > bestTouch)) {
                best = v;
                bestDelta = delta;
                bestTouch = t;
            }
        }
        place(best);
    }
    return r;
}

}  // namespace

std::vector<int> compileOrder(const Problem& p) {
    const int n = static_cast<int>(p.variables.size());
    if (n == 0) return {};
    std::vector<std::vector<int>> varCons(static_cast<size_t>(n));
    for (size_t c = 0; c < p.constraints.size(); ++c)
        for (int v : p.constraints[c].scope) varCons[static_cast<size_t>(v)].push_back(static_cast<int>(c));
    // A few starting points: the most and least constrained variables, and the first.
    std::vector<int> byDegree(static_cast<size_t>(n));
    std::iota(byDegree.begin(), byDegree.end(), 0);
    std::stable_sort(byDegree.begin(), byDegree.end(), [&](int a, int b) {
        return varCons[static_cast<size_t>(a)].size() > varCons[static_cast<size_t>(b)].size();
    });
    std::vector<int> starts;
    for (int i = 0; i < std::min(n, 4); ++i) starts.push_back(byDegree[static_cast<size_t>(i)]);
    for (int i = 0; i < std::min(n, 4); ++i) {
        int v = byDegree[static_cast<size_t>(n - 1 - i)];
        if (!varCons[static_cast<size_t>(v)].empty()) starts.push_back(v);
    }
    starts.push_back(0);
    OrderResult best;
    best.cost = std::numeric_limits<double>::infinity();
    for (int s : starts)
        for (bool tie : {true, false}) {
            OrderResult r = greedyOrder(p, varCons, s, tie);
            if (r.cost < best.cost) best = std::move(r);
        }
    return best.order;
}

namespace {

struct Built {
    std::optional<Diagram> diagram;
    std::string error;
};

}  // namespace

std::uint64_t Diagram::memoryBytes() const {
    return m_edgeFirst.size() * 4 + m_edgeValue.size() * 2 + m_edgeChild.size() * 4 + m_levelFirst.size() * 4;
}

// Frontier construction: level by level, a node is the assignment of the decided variables that
// still share a constraint with an undecided one. Every constraint is checked at its last
// variable, then dead nodes are pruned and equal nodes merged bottom-up.
static bool buildDiagram(const Problem& p, const std::vector<int>& order, const CompileOptions& options, Diagram& out,
                         std::vector<int>& levelVar, std::vector<int>& varLevel, std::vector<std::uint32_t>& levelFirst,
                         std::vector<std::uint32_t>& edgeFirst, std::vector<std::uint16_t>& edgeValue,
                         std::vector<std::uint32_t>& edgeChild, CompileStats& stats, std::string& error) {
    (void)out;
    const int n = static_cast<int>(order.size());
    levelVar = order;
    varLevel.assign(static_cast<size_t>(n), 0);
    for (int l = 0; l < n; ++l) varLevel[static_cast<size_t>(order[static_cast<size_t>(l)])] = l;
    std::vector<TupleSet> sets;
    sets.reserve(p.constraints.size());
    for (const auto& c : p.constraints) sets.emplace_back(p, c);
    std::vector<int> lastLevel(p.constraints.size(), -1);
    std::vector<int> lastUse(static_cast<size_t>(n), -1);
    for (size_t c = 0; c < p.constraints.size(); ++c) {
        for (int v : p.constraints[c].scope) lastLevel[c] = std::max(lastLevel[c], varLevel[static_cast<size_t>(v)]);
        for (int v : p.constraints[c].scope)
            lastUse[static_cast<size_t>(v)] = std::max(lastUse[static_cast<size_t>(v)], lastLevel[c]);
    }
    // frontier[l]: variables decided at levels <= l still needed after level l, in level order.
    std::vector<std::vector<int>> frontier(static_cast<size_t>(n));
    for (int l = 0; l < n; ++l) {
        if (l > 0) {
            for (int v : frontier[static_cast<size_t>(l - 1)])
                if (lastUse[static_cast<size_t>(v)] > l) frontier[static_cast<size_t>(l)].push_back(v);
        }
        const int v = order[static_cast<size_t>(l)];
        if (lastUse[static_cast<size_t>(v)] > l) frontier[static_cast<size_t>(l)].push_back(v);
    }
    std::vector<std::vector<int>> checksAt(static_cast<size_t>(n));
    for (size_t c = 0; c < p.constraints.size(); ++c)
        if (lastLevel[c] >= 0) checksAt[static_cast<size_t>(lastLevel[c])].push_back(static_cast<int>(c));

    // Top-down: states[l] holds the frontier assignments reaching level l (before deciding it).
    std::vector<std::vector<std::int32_t>> children(static_cast<size_t>(n));  // per level: nodes x domain
    std::vector<std::uint16_t> states;  // current level, flattened
    size_t stateLen = 0;
    std::uint64_t nodesCount = 1;
    states.clear();
    std::vector<std::uint64_t> levelSize(static_cast<size_t>(n) + 1, 0);
    levelSize[0] = 1;
    std::uint64_t total = 1;
    for (int l = 0; l < n; ++l) {
        const int var = order[static_cast<size_t>(l)];
        const int d = p.variables[static_cast<size_t>(var)].size();
        const std::vector<int> prevF = l > 0 ? frontier[static_cast<size_t>(l - 1)] : std::vector<int>{};
        const std::vector<int>& nextF = frontier[static_cast<size_t>(l)];
        auto posIn = [&](int v) -> int {
            if (v == var) return -1;
            for (size_t i = 0; i < prevF.size(); ++i)
                if (prevF[i] == v) return static_cast<int>(i);
            return -2;
        };
        std::vector<int> nextSrc;
        for (int v : nextF) nextSrc.push_back(posIn(v));
        struct Check {
            int constraint;
            std::vector<int> src;
        };
        std::vector<Check> checks;
        for (int c : checksAt[static_cast<size_t>(l)]) {
            Check ch{c, {}};
            for (int v : p.constraints[static_cast<size_t>(c)].scope) ch.src.push_back(posIn(v));
            checks.push_back(std::move(ch));
        }
        const std::uint64_t count = nodesCount;
        auto& kids = children[static_cast<size_t>(l)];
        kids.assign(count * static_cast<std::uint64_t>(d), -1);
        std::unordered_map<std::string, std::int32_t> next;
        std::vector<std::uint16_t> nextStates;
        std::string key(nextF.size() * sizeof(std::uint16_t), '\0');
        std::vector<int> tuple;
        for (std::uint64_t s = 0; s < count; ++s) {
            const std::uint16_t* st = states.data() + s * stateLen;
            for (int x = 0; x < d; ++x) {
                bool ok = true;
                for (const auto& ch : checks) {
                    tuple.resize(ch.src.size());
                    for (size_t i = 0; i < ch.src.size(); ++i) tuple[i] = ch.src[i] < 0 ? x : st[ch.src[i]];
                    if (!sets[static_cast<size_t>(ch.constraint)].allowed(tuple)) {
                        ok = false;
                        break;
                    }
                }
                if (!ok) continue;
                for (size_t i = 0; i < nextSrc.size(); ++i) {
                    const std::uint16_t val = nextSrc[i] < 0 ? static_cast<std::uint16_t>(x) : st[nextSrc[i]];
                    std::memcpy(key.data() + i * sizeof(std::uint16_t), &val, sizeof val);
                }
                auto [it, inserted] = next.try_emplace(key, static_cast<std::int32_t>(next.size()));
                if (inserted) {
                    const size_t at = nextStates.size();
                    nextStates.resize(at + nextF.size());
                    if (!nextF.empty()) std::memcpy(nextStates.data() + at, key.data(), key.size());
                    if (++total > options.maxNodes) {
                        error = "the diagram needs more than " + std::to_string(options.maxNodes) +
                                " intermediate nodes (the rule set is too tightly connected for this order)";
                        return false;
                    }
                }
                kids[s * static_cast<std::uint64_t>(d) + static_cast<std::uint64_t>(x)] = it->second;
            }
        }
        states = std::move(nextStates);
        stateLen = nextF.size();
        nodesCount = next.size();
        levelSize[static_cast<size_t>(l) + 1] = nodesCount;
        stats.peakStates = std::max<std::uint64_t>(stats.peakStates, nodesCount);
    }
    // After the last level every state is the empty assignment: at most one node, the terminal.
    // Bottom-up: drop dead nodes, merge nodes with equal outgoing edges.
    std::vector<std::vector<std::int32_t>> remap(static_cast<size_t>(n) + 1);
    remap[static_cast<size_t>(n)].assign(nodesCount, 0);  // reduced id 0 = terminal
    std::vector<std::vector<std::pair<std::uint16_t, std::int32_t>>> reducedEdges(static_cast<size_t>(n));
    std::vector<std::vector<std::uint32_t>> reducedEdgeFirst(static_cast<size_t>(n));
    std::vector<std::int32_t> reducedCount(static_cast<size_t>(n) + 1, 0);
    reducedCount[static_cast<size_t>(n)] = nodesCount > 0 ? 1 : 0;
    if (nodesCount == 0) remap[static_cast<size_t>(n)].clear();
    for (int l = n - 1; l >= 0; --l) {
        const int d = p.variables[static_cast<size_t>(order[static_cast<size_t>(l)])].size();
        const std::uint64_t count = levelSize[static_cast<size_t>(l)];
        auto& map = remap[static_cast<size_t>(l)];
        map.assign(count, -1);
        std::unordered_map<std::string, std::int32_t> unique;
        std::string key;
        auto& edges = reducedEdges[static_cast<size_t>(l)];
        auto& first = reducedEdgeFirst[static_cast<size_t>(l)];
        const auto& below = remap[static_cast<size_t>(l) + 1];
        for (std::uint64_t s = 0; s < count; ++s) {
            key.clear();
            for (int x = 0; x < d; ++x) {
                const std::int32_t c = children[static_cast<size_t>(l)][s * static_cast<std::uint64_t>(d) + static_cast<std::uint64_t>(x)];
                if (c < 0) continue;
                const std::int32_t rc = below[static_cast<size_t>(c)];
                if (rc < 0) continue;
                const std::uint16_t xv = static_cast<std::uint16_t>(x);
                key.append(reinterpret_cast<const char*>(&xv), sizeof xv);
                key.append(reinterpret_cast<const char*>(&rc), sizeof rc);
            }
            if (key.empty()) continue;
            auto [it, inserted] = unique.try_emplace(key, static_cast<std::int32_t>(unique.size()));
            if (inserted) {
                first.push_back(static_cast<std::uint32_t>(edges.size()));
                for (size_t i = 0; i < key.size(); i += sizeof(std::uint16_t) + sizeof(std::int32_t)) {
                    std::uint16_t xv;
                    std::int32_t rc;
                    std::memcpy(&xv, key.data() + i, sizeof xv);
                    std::memcpy(&rc, key.data() + i + sizeof xv, sizeof rc);
                    edges.emplace_back(xv, rc);
                }
            }
            map[s] = it->second;
        }
        reducedCount[static_cast<size_t>(l)] = static_cast<std::int32_t>(unique.size());
        children[static_cast<size_t>(l)].clear();
        children[static_cast<size_t>(l)].shrink_to_fit();
        if (l + 1 <= n) remap[static_cast<size_t>(l) + 1].clear();
    }
    if (n > 0 && reducedCount[0] == 0) return true;  // no solution: the caller reports it
    // Global layout: level by level, ids increasing; the terminal last.
    levelFirst.assign(static_cast<size_t>(n) + 1, 0);
    std::uint32_t next = 0;
    for (int l = 0; l <= n; ++l) {
        levelFirst[static_cast<size_t>(l)] = next;
        next += static_cast<std::uint32_t>(reducedCount[static_cast<size_t>(l)]);
    }
    edgeFirst.clear();
    edgeValue.clear();
    edgeChild.clear();
    for (int l = 0; l < n; ++l) {
        const auto& edges = reducedEdges[static_cast<size_t>(l)];
        const auto& first = reducedEdgeFirst[static_cast<size_t>(l)];
        for (size_t node = 0; node < first.size(); ++node) {
            edgeFirst.push_back(static_cast<std::uint32_t>(edgeValue.size()));
            const size_t end = node + 1 < first.size() ? first[node + 1] : edges.size();
            for (size_t e = first[node]; e < end; ++e) {
                edgeValue.push_back(edges[e].first);
                edgeChild.push_back(levelFirst[static_cast<size_t>(l) + 1] + static_cast<std::uint32_t>(edges[e].second));
            }
        }
        stats.maxWidth = std::max(stats.maxWidth, static_cast<int>(first.size()));
    }
    edgeFirst.push_back(static_cast<std::uint32_t>(edgeValue.size()));  // the terminal
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
    if (!buildDiagram(problem, order, options, d, d.m_levelVar, d.m_varLevel, d.m_levelFirst, d.m_edgeFirst,
                      d.m_edgeValue, d.m_edgeChild, d.m_stats, result.error))
        return result;
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
            if (!buildDiagram(sub, compileOrder(sub), options, probe, probe.m_levelVar, probe.m_varLevel,
                              probe.m_levelFirst, probe.m_edgeFirst, probe.m_edgeValue, probe.m_edgeChild, st, err))
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
