// Session in search mode: the answers a compiled Session gets from sweeps, found by the
// SearchModel's complete search. Witness cars are reused: each one found marks every value it
// uses as offered, so only the values no car has shown yet cost a search of their own.
#include <algorithm>
#include <limits>

#include "core/rules/Session.h"

namespace core::rules {

namespace {

std::int64_t priceOf(const Problem& p, const Assignment& a) {
    std::int64_t sum = 0;
    for (size_t v = 0; v < a.size(); ++v) sum += p.variables[v].priceMinor[static_cast<size_t>(a[v])];
    return sum;
}

// Costs that rank cars by `extra` first (each unit outweighs any price difference), then by price
// (or by the negated price when `dearest`), shifted so that every cost is non-negative.
ValueCosts rankedCosts(const Problem& p, const ValueCosts& extra, bool dearest) {
    std::int64_t span = 1;
    for (const auto& v : p.variables) {
        if (v.priceMinor.empty()) continue;
        const auto [lo, hi] = std::minmax_element(v.priceMinor.begin(), v.priceMinor.end());
        span += *hi - *lo;
    }
    ValueCosts cost(p.variables.size());
    for (size_t v = 0; v < p.variables.size(); ++v) {
        const auto& price = p.variables[v].priceMinor;
        if (price.empty()) continue;
        const auto [lo, hi] = std::minmax_element(price.begin(), price.end());
        cost[v].resize(price.size());
        for (size_t x = 0; x < price.size(); ++x) {
            const std::int64_t e = v < extra.size() && !extra[v].empty() ? extra[v][x] : 0;
            cost[v][x] = e * span + (dearest ? *hi - price[x] : price[x] - *lo);
        }
    }
    return cost;
}

// `car` has every pick, except perhaps that of `except`.
bool agreesExcept(const Assignment& car, const Assignment& picks, int except) {
    for (size_t v = 0; v < picks.size(); ++v)
        if (picks[v] != kUnset && static_cast<int>(v) != except && car[v] != picks[v]) return false;
    return true;
}

}  // namespace

// Keeps the most recent witness cars (a ring): most of them still hold after the next click.
void Session::remember(const Assignment& car) const {
    constexpr size_t kWitnesses = 256;
    if (m_witnesses.size() < kWitnesses) m_witnesses.push_back(car);
    else m_witnesses[m_nextWitness++ % kWitnesses] = car;
}

void Session::updateBySearch() {
    const SearchModel& m = *m_search;
    const auto& vars = problem().variables;
    m_bounds.reset();
    std::fill(m_available.begin(), m_available.end(), 0);
    m_consistent = false;
    auto mark = [&](size_t v, size_t x) { m_available[m_offset[v] + x] = 1; };
    // Unpicked variables: values left by propagation are candidates; a car shows a value offered,
    // a failed search with it proves it greyed.
    std::vector<std::vector<char>> uncovered;
    if (m.propagate(m_picks, uncovered)) {
        for (size_t v = 0; v < vars.size(); ++v)
            if (m_picks[v] != kUnset) uncovered[v].clear();
        auto cover = [&](const Assignment& car) {
            for (size_t v = 0; v < vars.size(); ++v)
                if (m_picks[v] == kUnset) {
                    mark(v, static_cast<size_t>(car[v]));
                    uncovered[v][static_cast<size_t>(car[v])] = 0;
                }
        };
        // Cars found for earlier clicks that still agree with every pick show their values at once.
        for (const auto& car : m_witnesses)
            if (agreesExcept(car, m_picks, -1)) {
                m_consistent = true;
                cover(car);
            }
        const auto first = m_consistent ? std::optional<Assignment>() : m.solve(m_picks, &uncovered);
        if (first) {
            m_consistent = true;
            remember(*first);
            cover(*first);
        }
        if (m_consistent) {
            Assignment a = m_picks;
            for (size_t v = 0; v < vars.size(); ++v)
                for (size_t x = 0; x < uncovered[v].size(); ++x) {
                    if (!uncovered[v][x]) continue;
                    a[v] = static_cast<int>(x);
                    if (const auto car = m.solve(a, &uncovered)) {
                        remember(*car);
                        cover(*car);
                    } else {
                        uncovered[v][x] = 0;
                    }
                    a[v] = kUnset;
                }
        }
    }
    // Picked variables: the values they could be switched to, every other pick kept.
    for (size_t v = 0; v < vars.size(); ++v) {
        if (m_picks[v] == kUnset) continue;
        Assignment others = m_picks;
        others[v] = kUnset;
        std::vector<std::vector<char>> dom;
        if (!m.propagate(others, dom)) continue;
        for (const auto& car : m_witnesses)
            if (agreesExcept(car, m_picks, static_cast<int>(v))) mark(v, static_cast<size_t>(car[v]));
        for (size_t x = 0; x < dom[v].size(); ++x) {
            if (!dom[v][x] || m_available[m_offset[v] + x]) continue;
            if (static_cast<int>(x) == m_picks[v]) {
                if (m_consistent) mark(v, x);
                continue;
            }
            others[v] = static_cast<int>(x);
            if (auto car = m.solve(others)) {
                mark(v, x);
                remember(*car);
            }
            others[v] = kUnset;
        }
    }
    for (size_t v = 0; v < vars.size(); ++v) {
        int n = 0;
        for (size_t x = m_offset[v]; x < m_offset[v + 1]; ++x) n += m_available[x];
        m_availableCount[v] = n;
    }
}

// Fewest changed picks, then the cheapest car: one changed pick costs more than any price span.
Repair Session::repairBySearch(int var, int value) const {
    const Problem& p = problem();
    ValueCosts changes(p.variables.size());
    for (size_t u = 0; u < p.variables.size(); ++u) {
        if (static_cast<int>(u) == var || m_picks[u] == kUnset) continue;
        changes[u].assign(static_cast<size_t>(p.variables[u].size()), 1);
        changes[u][static_cast<size_t>(m_picks[u])] = 0;
    }
    Assignment partial(p.variables.size(), kUnset);
    partial[static_cast<size_t>(var)] = value;
    const auto best = m_search->minimise(partial, rankedCosts(p, changes, false));
    if (!best) return Repair{};
    return repairFrom(*best, var, value);
}

PriceBounds Session::priceBoundsBySearch() const {
    const Problem& p = problem();
    PriceBounds b;
    const auto lo = m_search->minimise(m_picks, rankedCosts(p, {}, false));
    const auto hi = lo ? m_search->minimise(m_picks, rankedCosts(p, {}, true)) : std::nullopt;
    if (!lo || !hi) return b;
    b.valid = true;
    b.minMinor = priceOf(p, *lo);
    b.maxMinor = priceOf(p, *hi);
    return b;
}

std::optional<Assignment> Session::preferredBySearch(const Assignment& partial, const ValueCosts& penalty) const {
    return m_search->minimise(partial, rankedCosts(problem(), penalty, false));
}

}  // namespace core::rules
