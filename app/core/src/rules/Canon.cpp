#include "Canon.h"

#include <algorithm>
#include <numeric>

namespace core::rules::detail {

namespace {

std::uint64_t combine(std::uint64_t h, std::uint64_t x) { return mix64(h ^ (x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2))); }

// Number of distinct colours.
size_t classes(std::vector<std::uint64_t> colours) {
    std::sort(colours.begin(), colours.end());
    return static_cast<size_t>(std::unique(colours.begin(), colours.end()) - colours.begin());
}

class Refiner {
public:
    explicit Refiner(const Problem& p) : m_p(p), m_ofVar(p.variables.size()) {
        m_var.resize(p.variables.size());
        for (size_t v = 0; v < p.variables.size(); ++v) {
            const Variable& var = p.variables[v];
            std::uint64_t h = combine(static_cast<std::uint64_t>(var.size()), var.auxiliary ? 1 : 0);
            for (std::int64_t price : var.priceMinor) h = combine(h, static_cast<std::uint64_t>(price));
            m_var[v] = h;
        }
        m_con.resize(p.constraints.size());
        m_label.resize(p.constraints.size());
        for (size_t c = 0; c < p.constraints.size(); ++c) {
            const TableConstraint& t = p.constraints[c];
            for (size_t i = 0; i < t.arity(); ++i) m_ofVar[static_cast<size_t>(t.scope[i])].push_back({c, i});
            m_label[c] = columnHistograms(c);
            m_con[c] = tableColour(c);
            m_work += t.tuples.size();
        }
    }

    // Refines until the number of classes stops growing; false when the work cap is spent. With
    // `tuples`, each round also relabels every column from the table's tuples and the current
    // colours of the other columns' variables (which value of this column goes with which values
    // of theirs): finer than the columns' value counts alone, at a pass over every tuple per round.
    bool refine(bool tuples) {
        size_t before = classes(m_var) + classes(m_con);
        for (;;) {
            if (m_work > kWorkCap) return false;
            if (tuples) relabel();
            std::vector<std::uint64_t> var(m_var.size()), con(m_con.size());
            for (size_t v = 0; v < m_ofVar.size(); ++v) {
                std::uint64_t sum = 0;  // a multiset hash: the order of the incidences does not matter
                for (const Column& at : m_ofVar[v]) sum += mix64(m_label[at.table][at.column] ^ mix64(m_con[at.table]));
                var[v] = combine(m_var[v], sum);
                m_work += m_ofVar[v].size();
            }
            for (size_t c = 0; c < m_con.size(); ++c) {
                const auto& scope = m_p.constraints[c].scope;
                std::uint64_t sum = 0;
                for (size_t i = 0; i < scope.size(); ++i) sum += mix64(m_label[c][i] ^ mix64(m_var[static_cast<size_t>(scope[i])] + 1));
                con[c] = combine(m_con[c], sum);
            }
            const size_t after = classes(var) + classes(con);
            m_var = std::move(var);
            m_con = std::move(con);
            if (after <= before) return true;
            before = after;
        }
    }

    // Individualises one member of the smallest class of variables sharing a colour (smallest
    // colour first); false when every variable's colour is distinct.
    bool individualise(std::uint64_t round) {
        std::vector<size_t> byColour(m_var.size());
        std::iota(byColour.begin(), byColour.end(), 0);
        std::sort(byColour.begin(), byColour.end(), [&](size_t a, size_t b) { return m_var[a] != m_var[b] ? m_var[a] < m_var[b] : a < b; });
        size_t bestStart = 0, bestSize = 0;
        for (size_t i = 0; i < byColour.size();) {
            size_t j = i;
            while (j < byColour.size() && m_var[byColour[j]] == m_var[byColour[i]]) ++j;
            if (j - i > 1 && (bestSize == 0 || j - i < bestSize)) bestStart = i, bestSize = j - i;
            i = j;
        }
        if (bestSize == 0) return false;
        const size_t v = byColour[bestStart];
        m_var[v] = combine(m_var[v], 0xD1B54A32D192ED03ull + round);
        return true;
    }

    std::vector<std::uint64_t> colours() const { return m_var; }

private:
    struct Column {
        size_t table, column;
    };
    // Work cap (tuple cells and incidences visited): a few hundred rounds on rule sets of
    // thousands of variables. Past it the colours stay as they are.
    static constexpr std::uint64_t kWorkCap = 60'000'000;

    // Per column: how many tuples hold each of its values.
    std::vector<std::uint64_t> columnHistograms(size_t c) const {
        const TableConstraint& t = m_p.constraints[c];
        const size_t k = t.arity(), rows = t.tupleCount();
        std::vector<std::uint64_t> column(k);
        for (size_t i = 0; i < k; ++i) {
            std::vector<std::uint64_t> count(static_cast<size_t>(m_p.variables[static_cast<size_t>(t.scope[i])].size()), 0);
            for (size_t r = 0; r < rows; ++r) ++count[static_cast<size_t>(t.tuples[r * k + i])];
            std::uint64_t h = combine(count.size(), t.supports ? 2 : 3);
            for (std::uint64_t n : count) h = combine(h, n);
            column[i] = h;
        }
        return column;
    }

    // The table's kind, size and columns (as a multiset), and each tuple as the multiset of its
    // (column, value) pairs.
    std::uint64_t tableColour(size_t c) const {
        const TableConstraint& t = m_p.constraints[c];
        const size_t k = t.arity();
        std::uint64_t rowSum = 0;
        for (size_t r = 0; r < t.tupleCount(); ++r) {
            std::uint64_t s = 0;
            for (size_t i = 0; i < k; ++i) s += mix64(m_label[c][i] ^ static_cast<std::uint64_t>(t.tuples[r * k + i]));
            rowSum += mix64(s);
        }
        std::vector<std::uint64_t> sorted = m_label[c];
        std::sort(sorted.begin(), sorted.end());
        std::uint64_t h = combine(combine(k, t.tupleCount()), rowSum);
        for (std::uint64_t s : sorted) h = combine(h, s);
        return h;
    }

    // Each column's label from its tuples: per tuple, its own value with the multiset of the
    // other columns' (variable colour, value) pairs.
    void relabel() {
        for (size_t c = 0; c < m_label.size(); ++c) {
            const TableConstraint& t = m_p.constraints[c];
            const size_t k = t.arity(), rows = t.tupleCount();
            std::vector<std::uint64_t> sums(k, 0), term(k);
            for (size_t r = 0; r < rows; ++r) {
                std::uint64_t all = 0;
                for (size_t i = 0; i < k; ++i) {
                    term[i] = mix64(m_var[static_cast<size_t>(t.scope[i])] + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(t.tuples[r * k + i] + 1));
                    all += term[i];
                }
                for (size_t i = 0; i < k; ++i) sums[i] += mix64((all - term[i]) ^ static_cast<std::uint64_t>(t.tuples[r * k + i]));
            }
            for (size_t i = 0; i < k; ++i) m_label[c][i] = combine(m_label[c][i], sums[i]);
            m_work += t.tuples.size();
        }
    }

    const Problem& m_p;
    std::vector<std::vector<Column>> m_ofVar;        // the columns each variable fills
    std::vector<std::vector<std::uint64_t>> m_label;  // per table, per column
    std::vector<std::uint64_t> m_var, m_con;
    std::uint64_t m_work = 0;
};

}  // namespace

std::vector<std::uint64_t> structuralColours(const Problem& p) {
    Refiner r(p);
    // Tuple-level refinement once, then individualisation with the cheaper variable-table rounds:
    // what is left tied after the first is, on real rule sets, interchangeable variables.
    if (r.refine(true))
        for (std::uint64_t round = 0; r.individualise(round); ++round)
            if (!r.refine(false)) break;
    return r.colours();
}

std::uint64_t tableHash(const TableConstraint& c, const std::vector<int>& key) {
    const size_t k = c.arity();
    std::vector<size_t> cols(k);
    std::iota(cols.begin(), cols.end(), 0);
    std::sort(cols.begin(), cols.end(), [&](size_t a, size_t b) { return key[static_cast<size_t>(c.scope[a])] < key[static_cast<size_t>(c.scope[b])]; });
    std::uint64_t sum = 0;
    for (size_t r = 0; r < c.tupleCount(); ++r) {
        std::uint64_t h = 0;
        for (size_t i : cols) h = combine(h, static_cast<std::uint64_t>(c.tuples[r * k + i]));
        sum += mix64(h);
    }
    return combine(combine(k, c.supports ? 1 : 0), sum);
}

}  // namespace core::rules::detail
