#include "Mdd.h"

#include <time.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "Canon.h"

namespace core::rules::detail {

double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

namespace {

using Edge = std::pair<std::uint16_t, std::uint32_t>;
constexpr std::uint32_t kFalse = 0, kTrue = 1;

// Hash-consed store of reduced MDD nodes: a node is (level, edges sorted by value); edges to
// kFalse are left out and a node whose every value leads to one child is that child.
class Store {
public:
    Store(std::vector<int> domain, const Budget& budget) : m_domain(std::move(domain)), m_budget(budget) {
        const int terminalLevel = static_cast<int>(m_domain.size());
        for (int i = 0; i < 2; ++i) {
            m_level.push_back(terminalLevel);
            m_first.push_back(0);
            m_size.push_back(0);
        }
        m_slots.assign(1024, 0);
        m_cache.assign(1u << 12, CacheEntry{});
        m_scratch.resize(m_domain.size());
    }

    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }
    std::uint64_t size() const { return m_level.size(); }
    std::uint64_t bytes() const {
        return m_level.capacity() * 4 + m_first.capacity() * 4 + m_size.capacity() * 4 + m_value.capacity() * 2 +
               m_child.capacity() * 4 + m_slots.capacity() * 4 + m_cache.capacity() * sizeof(CacheEntry);
    }
    int level(std::uint32_t id) const { return m_level[id]; }
    std::uint32_t edgeCount(std::uint32_t id) const { return m_size[id]; }
    Edge edge(std::uint32_t id, std::uint32_t i) const { return {m_value[m_first[id] + i], m_child[m_first[id] + i]}; }

    // The node (level, edges); `edges` sorted by value, may hold kFalse children.
    std::uint32_t make(int level, std::vector<Edge>& edges) {
        edges.erase(std::remove_if(edges.begin(), edges.end(), [](const Edge& e) { return e.second == kFalse; }), edges.end());
        if (edges.empty()) return kFalse;
        if (static_cast<int>(edges.size()) == m_domain[static_cast<size_t>(level)] &&
            std::all_of(edges.begin(), edges.end(), [&](const Edge& e) { return e.second == edges[0].second; }))
            return edges[0].second;
        std::uint64_t h = static_cast<std::uint64_t>(level) * 0x9E3779B97F4A7C15ull;
        for (const auto& e : edges) h = (h ^ (std::uint64_t{e.first} << 32 | e.second)) * 0xFF51AFD7ED558CCDull;
        const size_t mask = m_slots.size() - 1;
        for (size_t s = (h ^ (h >> 29)) & mask;; s = (s + 1) & mask) {
            const std::uint32_t id = m_slots[s];
            if (id == 0) {
                m_slots[s] = append(level, edges);
                if (m_level.size() * 2 > m_slots.size()) rehash();
                return static_cast<std::uint32_t>(m_level.size() - 1);
            }
            if (same(id, level, edges)) return id;
        }
    }

    std::uint32_t conjoin(std::uint32_t a, std::uint32_t b) {
        if (a == kFalse || b == kFalse || failed()) return kFalse;
        if (a == kTrue) return b;
        if (b == kTrue || a == b) return a;
        if (a > b) std::swap(a, b);
        const std::uint64_t key = std::uint64_t{a} << 32 | b;
        CacheEntry& slot = m_cache[(key * 0x9E3779B97F4A7C15ull >> 20) & (m_cache.size() - 1)];
        if (slot.key == key && slot.result != kNone) return slot.result;
        const int la = m_level[a], lb = m_level[b];
        const int l = std::min(la, lb);
        std::vector<Edge>& out = m_scratch[static_cast<size_t>(l)];
        out.clear();
        if (la != lb) {
            const std::uint32_t top = la < lb ? a : b, other = la < lb ? b : a;
            for (std::uint32_t i = 0; i < m_size[top]; ++i) {
                const Edge e = edge(top, i);
                const std::uint32_t r = conjoin(e.second, other);
                if (r != kFalse) m_scratch[static_cast<size_t>(l)].emplace_back(e.first, r);
            }
        } else {
            std::uint32_t i = 0, j = 0;
            while (i < m_size[a] && j < m_size[b]) {
                const Edge ea = edge(a, i), eb = edge(b, j);
                if (ea.first < eb.first) ++i;
                else if (eb.first < ea.first) ++j;
                else {
                    const std::uint32_t r = conjoin(ea.second, eb.second);
                    if (r != kFalse) m_scratch[static_cast<size_t>(l)].emplace_back(ea.first, r);
                    ++i, ++j;
                }
            }
        }
        const std::uint32_t r = make(l, m_scratch[static_cast<size_t>(l)]);
        // A lossy cache that is too small makes apply exponential: keep it as large as the work.
        if (++m_cacheFills > 2 * m_cache.size() && m_cache.size() < (1u << 24)) {
            m_cache.assign(m_cache.size() * 4, CacheEntry{});
            m_cacheFills = 0;
        }
        CacheEntry& again = m_cache[(key * 0x9E3779B97F4A7C15ull >> 20) & (m_cache.size() - 1)];
        again = {key, r};
        return r;
    }

    // A fresh store holding only what `root` reaches; `root` is renumbered in it.
    Store compact(std::uint32_t& root) const {
        Store next(m_domain, m_budget);
        next.m_peakNodes = peakNodes();
        next.m_peakBytes = peakBytes();
        std::vector<std::uint32_t> map(m_level.size(), std::numeric_limits<std::uint32_t>::max());
        map[kFalse] = kFalse;
        map[kTrue] = kTrue;
        root = copyInto(next, root, map);
        return next;
    }

    std::uint64_t peakNodes() const { return std::max<std::uint64_t>(m_peakNodes, m_level.size()); }
    std::uint64_t peakBytes() const { return std::max(m_peakBytes, bytes()); }

private:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    struct CacheEntry {
        std::uint64_t key = std::numeric_limits<std::uint64_t>::max();
        std::uint32_t result = kNone;
    };

    bool same(std::uint32_t id, int level, const std::vector<Edge>& edges) const {
        if (m_level[id] != level || m_size[id] != edges.size()) return false;
        for (size_t i = 0; i < edges.size(); ++i)
            if (m_value[m_first[id] + i] != edges[i].first || m_child[m_first[id] + i] != edges[i].second) return false;
        return true;
    }

    std::uint32_t append(int level, const std::vector<Edge>& edges) {
        m_level.push_back(level);
        m_first.push_back(static_cast<std::uint32_t>(m_value.size()));
        m_size.push_back(static_cast<std::uint32_t>(edges.size()));
        for (const auto& e : edges) {
            m_value.push_back(e.first);
            m_child.push_back(e.second);
        }
        checkBudget();
        return static_cast<std::uint32_t>(m_level.size() - 1);
    }

    // The node count is checked at every node (a small budget is kept exactly), bytes and time
    // every 16,384 nodes.
    void checkBudget() {
        if (failed()) return;
        if (m_level.size() > m_budget.maxNodes) {
            m_error = "the diagram needs more than " + std::to_string(m_budget.maxNodes) + " nodes";
            return;
        }
        if ((m_level.size() & 0x3FFF) != 0) return;
        m_peakBytes = std::max(m_peakBytes, bytes());
        if (m_value.size() > std::numeric_limits<std::uint32_t>::max() / 2)
            m_error = "the diagram needs more than " + std::to_string(m_budget.maxNodes) + " nodes";
        else if (bytes() > m_budget.maxBytes)
            m_error = "the diagram needs more than " + std::to_string(m_budget.maxBytes >> 20) + " MiB";
        else if (threadCpuMs() - m_budget.startCpuMs > m_budget.maxMs)
            m_error = "compiling takes more than " + std::to_string(static_cast<long>(m_budget.maxMs)) + " ms of CPU time";
    }

    void rehash() {
        std::vector<std::uint32_t> slots(m_slots.size() * 2, 0);
        const size_t mask = slots.size() - 1;
        for (std::uint32_t id = 2; id < m_level.size(); ++id) {
            std::uint64_t h = static_cast<std::uint64_t>(m_level[id]) * 0x9E3779B97F4A7C15ull;
            for (std::uint32_t i = 0; i < m_size[id]; ++i)
                h = (h ^ (std::uint64_t{m_value[m_first[id] + i]} << 32 | m_child[m_first[id] + i])) * 0xFF51AFD7ED558CCDull;
            size_t s = (h ^ (h >> 29)) & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            slots[s] = id;
        }
        m_slots = std::move(slots);
        if (m_cache.size() < m_slots.size()) m_cache.assign(m_slots.size(), CacheEntry{});
    }

    std::uint32_t copyInto(Store& next, std::uint32_t id, std::vector<std::uint32_t>& map) const {
        if (map[id] != std::numeric_limits<std::uint32_t>::max()) return map[id];
        std::vector<Edge> edges;
        edges.reserve(m_size[id]);
        for (std::uint32_t i = 0; i < m_size[id]; ++i) edges.emplace_back(m_value[m_first[id] + i], copyInto(next, m_child[m_first[id] + i], map));
        map[id] = next.make(m_level[id], edges);
        return map[id];
    }

    std::vector<int> m_domain;
    Budget m_budget;
    std::vector<int> m_level;
    std::vector<std::uint32_t> m_first, m_size;
    std::vector<std::uint16_t> m_value;
    std::vector<std::uint32_t> m_child;
    std::vector<std::uint32_t> m_slots;
    std::vector<CacheEntry> m_cache;
    std::vector<std::vector<Edge>> m_scratch;  // per level: a recursion holds one frame per level
    std::string m_error;
    std::uint64_t m_peakNodes = 0, m_peakBytes = 0;
    std::uint64_t m_cacheFills = 0;
};

// One table constraint as a reduced MDD: its tuples in level order form a trie; a supports table
// keeps the trie's paths, a conflicts table sends every value off the trie to kTrue.
class TableBuilder {
public:
    TableBuilder(Store& store, const TableConstraint& c, const std::vector<int>& levelOf, const std::vector<int>& domain)
        : m_store(store), m_c(c), m_domain(domain) {
        const size_t k = c.scope.size();
        m_perm.resize(k);
        std::iota(m_perm.begin(), m_perm.end(), 0);
        std::sort(m_perm.begin(), m_perm.end(), [&](size_t a, size_t b) {
            return levelOf[static_cast<size_t>(c.scope[a])] < levelOf[static_cast<size_t>(c.scope[b])];
        });
        for (size_t i = 0; i < k; ++i) m_levels.push_back(levelOf[static_cast<size_t>(c.scope[m_perm[i]])]);
        m_rows.resize(c.tupleCount());
        std::iota(m_rows.begin(), m_rows.end(), 0);
        std::sort(m_rows.begin(), m_rows.end(), [&](size_t a, size_t b) {
            for (size_t i = 0; i < k; ++i) {
                const int x = at(a, i), y = at(b, i);
                if (x != y) return x < y;
            }
            return false;
        });
    }

    std::uint32_t build() { return m_c.scope.empty() ? kTrue : node(0, m_rows.size(), 0); }

private:
    int at(size_t row, size_t depth) const { return m_c.tuples[row * m_c.scope.size() + m_perm[depth]]; }

    std::uint32_t node(size_t lo, size_t hi, size_t depth) {
        if (depth == m_c.scope.size()) return m_c.supports ? kTrue : kFalse;
        std::vector<Edge> edges;
        int expect = 0;  // conflicts: values below the next listed one are allowed outright
        for (size_t i = lo; i < hi;) {
            const int x = at(m_rows[i], depth);
            size_t j = i;
            while (j < hi && at(m_rows[j], depth) == x) ++j;
            if (!m_c.supports)
                for (; expect < x; ++expect) edges.emplace_back(static_cast<std::uint16_t>(expect), kTrue);
            edges.emplace_back(static_cast<std::uint16_t>(x), node(i, j, depth + 1));
            expect = x + 1;
            i = j;
        }
        if (!m_c.supports)
            for (; expect < m_domain[static_cast<size_t>(m_levels[depth])]; ++expect)
                edges.emplace_back(static_cast<std::uint16_t>(expect), kTrue);
        return m_store.make(m_levels[depth], edges);
    }

    Store& m_store;
    const TableConstraint& m_c;
    const std::vector<int>& m_domain;  // per level
    std::vector<size_t> m_perm;
    std::vector<int> m_levels;
    std::vector<size_t> m_rows;
};

void layout(const Store& store, std::uint32_t root, const std::vector<int>& domain, Layered& out) {
    const int n = static_cast<int>(domain.size());
    out = Layered{};
    out.levelFirst.assign(static_cast<size_t>(n) + 1, 0);
    std::vector<std::uint32_t> localOf(store.size(), std::numeric_limits<std::uint32_t>::max());
    std::vector<std::uint32_t> current{root}, next;
    for (int l = 0; l < n; ++l) {
        out.levelFirst[static_cast<size_t>(l) + 1] = out.levelFirst[static_cast<size_t>(l)] + static_cast<std::uint32_t>(current.size());
        out.maxWidth = std::max(out.maxWidth, static_cast<int>(current.size()));
        const std::uint32_t below = out.levelFirst[static_cast<size_t>(l) + 1];
        auto childOf = [&](std::uint32_t target) {
            if (localOf[target] == std::numeric_limits<std::uint32_t>::max()) {
                localOf[target] = static_cast<std::uint32_t>(next.size());
                next.push_back(target);
            }
            return below + localOf[target];
        };
        for (std::uint32_t t : current) {
            out.edgeFirst.push_back(static_cast<std::uint32_t>(out.edgeValue.size()));
            if (store.level(t) == l) {
                for (std::uint32_t i = 0; i < store.edgeCount(t); ++i) {
                    const Edge e = store.edge(t, i);
                    out.edgeValue.push_back(e.first);
                    out.edgeChild.push_back(childOf(e.second));
                }
            } else {  // the reduced edge skips this level: every value passes through
                const std::uint32_t c = childOf(t);
                for (int x = 0; x < domain[static_cast<size_t>(l)]; ++x) {
                    out.edgeValue.push_back(static_cast<std::uint16_t>(x));
                    out.edgeChild.push_back(c);
                }
            }
        }
        for (std::uint32_t t : current) localOf[t] = std::numeric_limits<std::uint32_t>::max();
        for (std::uint32_t t : next) localOf[t] = std::numeric_limits<std::uint32_t>::max();
        std::swap(current, next);
        next.clear();
    }
    out.edgeFirst.push_back(static_cast<std::uint32_t>(out.edgeValue.size()));  // the terminal
}

}  // namespace

BuildOutcome buildLayered(const Problem& p, const std::vector<int>& order, const Budget& budget, Layered& out) {
    const int n = static_cast<int>(order.size());
    std::vector<int> levelOf(static_cast<size_t>(n)), domain(static_cast<size_t>(n));
    for (int l = 0; l < n; ++l) {
        levelOf[static_cast<size_t>(order[static_cast<size_t>(l)])] = l;
        domain[static_cast<size_t>(l)] = p.variables[static_cast<size_t>(order[static_cast<size_t>(l)])].size();
    }
    // Schedule: top-down by the level where a constraint ends (then by where it starts, deepest
    // first, then by size). The running conjunction is then always the diagram of a prefix of the
    // order, which stays close to the final diagram's size on thin rule sets; the reverse schedule
    // (deepest constraints first) lets the hub variables' constraints multiply the width before
    // the others prune it (medium: 19 s and 1 M nodes against 0.3 s and 93 k). Remaining ties go
    // by a hash of the table's levels and content, never by its place in the file: a shuffled
    // file conjoins the same tables in the same sequence.
    struct Item {
        int top, bottom;
        size_t tuples;
        std::uint64_t content;
        size_t index;
    };
    std::vector<Item> items;
    for (size_t c = 0; c < p.constraints.size(); ++c) {
        const auto& con = p.constraints[c];
        if (con.scope.empty()) continue;
        Item it{n, -1, con.tupleCount(), 0, c};
        std::vector<int> levels;
        for (int v : con.scope) {
            levels.push_back(levelOf[static_cast<size_t>(v)]);
            it.top = std::min(it.top, levels.back());
            it.bottom = std::max(it.bottom, levels.back());
        }
        std::sort(levels.begin(), levels.end());
        std::uint64_t h = tableHash(con, levelOf);
        for (int l : levels) h = mix64(h ^ (static_cast<std::uint64_t>(l) + 0x9E3779B97F4A7C15ull));
        it.content = h;
        items.push_back(it);
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.bottom != b.bottom) return a.bottom < b.bottom;
        if (a.top != b.top) return a.top > b.top;
        if (a.tuples != b.tuples) return a.tuples < b.tuples;
        return a.content < b.content;
    });
    Store store(domain, budget);
    std::uint32_t root = kTrue;
    std::uint64_t sinceCompact = store.size();
    BuildOutcome r;
    constexpr int kBatch = 16;
    std::uint32_t batch = kTrue;
    int inBatch = 0;
    for (const Item& it : items) {
        const auto& con = p.constraints[it.index];
        // A few consecutive constraints are conjoined among themselves first (they end close
        // together, so that is cheap): the running conjunction is then walked once per batch.
        batch = store.conjoin(batch, TableBuilder(store, con, levelOf, domain).build());
        if (++inBatch < kBatch && &it != &items.back()) continue;
        root = store.conjoin(root, batch);
        batch = kTrue;
        inBatch = 0;
        if (store.failed()) break;
        if (root == kFalse) break;
        if (store.size() > 2 * sinceCompact + (1u << 16)) {  // drop the intermediate nodes
            store = store.compact(root);
            sinceCompact = store.size();
        }
    }
    r.peakNodes = store.peakNodes();
    r.peakBytes = store.peakBytes();
    if (store.failed()) {
        r.error = store.error();
        return r;
    }
    r.ok = true;
    if (root == kFalse) {
        r.empty = true;
        return r;
    }
    store = store.compact(root);
    r.reducedNodes = store.size();
    layout(store, root, domain, out);
    return r;
}

}  // namespace core::rules::detail
