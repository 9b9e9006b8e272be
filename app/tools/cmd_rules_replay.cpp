// kioskctl rules bench: the timed click replays (seeded customers, sold cars) and their checking,
// by a solution table or by an independent search.
#include "cmd_rules.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace tools::rulescli {

namespace {

using core::rules::Assignment;
using core::rules::kUnset;

// Times one click and, when an oracle is given, compares every variable's available values with it.
void checkAgainst(const core::rules::Session& s, const core::rules::SolutionTable* oracle, Replay& r) {
    if (!oracle) return;
    const auto want = oracle->available(s.picks());
    ++r.checked;
    for (size_t v = 0; v < want.size(); ++v)
        for (size_t x = 0; x < want[v].size(); ++x)
            if ((want[v][x] != 0) != s.available(static_cast<int>(v), static_cast<int>(x))) {
                ++r.mismatches;
                return;
            }
}

// `car` has every value `a` sets.
bool extends(const Assignment& car, const Assignment& a) {
    for (size_t w = 0; w < a.size(); ++w)
        if (a[w] != kUnset && car[w] != a[w]) return false;
    return true;
}

// Verification without a solution table (too many cars to list): one open variable per click,
// each offered value shown by a full car that satisfies every table, each greyed value refuted.
// The checker is another algorithm than the engine's: a SearchModel (arc consistency and
// backtracking) for a compiled engine, the reference backtracker for one in search mode.
void checkBySearch(const core::rules::Session& s, const core::rules::SearchModel* checker, WitnessPool& pool,
                   std::mt19937_64& rng, Replay& r) {
    const auto& p = s.problem();
    std::vector<int> open;
    for (size_t v = 0; v < p.variables.size(); ++v)
        if (s.picks()[v] == kUnset && !p.variables[v].auxiliary) open.push_back(static_cast<int>(v));
    if (open.empty() || !s.consistent()) return;
    const int v = open[rng() % open.size()];
    ++r.checked;
    const int values = p.variables[static_cast<size_t>(v)].size();
    auto with = [&](int x) {
        Assignment a = s.picks();
        a[static_cast<size_t>(v)] = x;
        return a;
    };
    // Offered values a pooled car already shows (re-checked against every table) need no search.
    std::vector<char> needed(static_cast<size_t>(values), 1);
    for (int x = 0; x < values; ++x)
        if (s.available(v, x))
            if (const Assignment* car = pool.find(with(x)); car && core::rules::satisfies(p, *car)) needed[static_cast<size_t>(x)] = 0;
    // The search checker propagates the picks once for the whole domain of v.
    std::vector<std::optional<Assignment>> cars;
    if (checker) cars = checker->solveEach(s.picks(), v, &needed);
    for (int x = 0; x < values; ++x) {
        if (!needed[static_cast<size_t>(x)]) continue;
        const Assignment a = with(x);
        std::optional<Assignment> car;
        if (checker) car = std::move(cars[static_cast<size_t>(x)]);
        else
            core::rules::enumerateSolutions(p, a, [&](const Assignment& full) {
                car = full;
                return false;
            });
        const bool right = s.available(v, x) ? car && extends(*car, a) && core::rules::satisfies(p, *car)
                                             : !car.has_value();
        if (!right) {
            ++r.mismatches;
            return;
        }
        if (car) pool.add(*car);
    }
}

}  // namespace

void WitnessPool::add(const Assignment& car) {
    if (cars.size() < kSize) cars.push_back(car);
    else cars[next++ % kSize] = car;
}

const Assignment* WitnessPool::find(const Assignment& a) const {
    for (const auto& car : cars)
        if (extends(car, a)) return &car;
    return nullptr;
}

void Verifier::check(const core::rules::Session& s, Replay& r) {
    checkAgainst(s, oracle.get(), r);
    if (bySearch) checkBySearch(s, checker.get(), pool, rng, r);
}

void timeExplanation(core::rules::Session& s, std::mt19937_64& rng, Replay& r) {
    const auto& vars = s.problem().variables;
    std::vector<std::pair<int, int>> greyed;
    for (size_t v = 0; v < vars.size(); ++v)
        for (int x = 0; x < vars[v].size(); ++x)
            if (!vars[v].auxiliary && !s.available(static_cast<int>(v), x)) greyed.emplace_back(static_cast<int>(v), x);
    if (greyed.empty()) return;
    const auto [v, x] = greyed[rng() % greyed.size()];
    const double c0 = threadCpuMs();
    const auto t0 = Clock::now();
    (void)s.explain(v, x);
    r.explainMs.push_back(msSince(t0));
    r.explainCpuMs.push_back(threadCpuMs() - c0);
}

Replay replaySequences(core::rules::Session& s, int sequences, std::mt19937_64& rng, Verifier* verify) {
    const auto& p = s.problem();
    Replay seq;
    for (int i = 0; i < sequences; ++i) {
        s.clear();
        if (verify) verify->check(s, seq);
        const size_t maxClicks = 20 * p.variables.size() + 20;
        for (size_t click = 0; click < maxClicks; ++click) {
            std::vector<int> open, picked;
            for (size_t v = 0; v < p.variables.size(); ++v) {
                if (p.variables[v].auxiliary) continue;
                if (s.picks()[v] != kUnset) picked.push_back(static_cast<int>(v));
                else if (s.availableCount(static_cast<int>(v)) > 1) open.push_back(static_cast<int>(v));
            }
            if (open.empty()) break;
            const bool unpick = !picked.empty() && rng() % 10 == 0;
            int v = 0, x = 0;
            if (unpick) {
                v = picked[rng() % picked.size()];
            } else {
                v = open[rng() % open.size()];
                std::vector<int> values;
                for (int y = 0; y < p.variables[static_cast<size_t>(v)].size(); ++y)
                    if (s.available(v, y)) values.push_back(y);
                x = values[rng() % values.size()];
            }
            const double c0 = threadCpuMs();
            const auto t0 = Clock::now();
            if (unpick) s.unpick(v);
            else s.pick(v, x);
            seq.domainsMs.push_back(msSince(t0));
            seq.domainsCpuMs.push_back(threadCpuMs() - c0);
            ++seq.clicks;
            if (verify) verify->check(s, seq);
            timeExplanation(s, rng, seq);
        }
        if (!s.complete()) ++seq.incomplete;
        else {
            Assignment full(p.variables.size());
            for (size_t v = 0; v < full.size(); ++v) full[v] = s.boundValue(static_cast<int>(v));
            if (!core::rules::satisfies(p, full)) ++seq.invalid;
        }
    }
    return seq;
}

nlohmann::json timings(const Replay& r) {
    return {{"valid_domains_ms", percentiles(r.domainsMs)},
            {"explanation_ms", percentiles(r.explainMs)},
            {"valid_domains_cpu_ms", percentiles(r.domainsCpuMs)},
            {"explanation_cpu_ms", percentiles(r.explainCpuMs)}};
}

bool replaySales(core::rules::Session& s, const std::string& salesFile, std::uint64_t fromCar, std::uint64_t maxCars, std::mt19937_64& rng,
                 Verifier* verify, Replay& sold, std::uint64_t& cars) {
    const auto& p = s.problem();
    std::ifstream sales(salesFile);
    if (!sales) {
        std::fprintf(stderr, "kioskctl rules: %s: cannot open the sales file\n", salesFile.c_str());
        return false;
    }
    std::string header;
    std::getline(sales, header);
    std::vector<int> cols;
    std::istringstream hs(header);
    for (std::string name; hs >> name;) {
        const int v = p.findVariable(name);
        if (v < 0) {
            std::fprintf(stderr, "kioskctl rules: %s: line 1: unknown variable \"%s\"\n", salesFile.c_str(), name.c_str());
            return false;
        }
        cols.push_back(v);
    }
    std::set<std::vector<int>> distinct;
    std::uint64_t skipped = 0;
    std::string line;
    int lineNo = 1;
    while (cars < maxCars && std::getline(sales, line)) {
        ++lineNo;
        std::istringstream ls(line);
        std::vector<int> values;
        for (std::string tok; ls >> tok && values.size() < cols.size();) {
            const int x = p.variables[static_cast<size_t>(cols[values.size()])].find(tok);
            if (x < 0) {
                std::fprintf(stderr, "kioskctl rules: %s: line %d: \"%s\" is not a value of %s\n", salesFile.c_str(), lineNo,
                             tok.c_str(), p.variables[static_cast<size_t>(cols[values.size()])].name.c_str());
                return false;
            }
            values.push_back(x);
        }
        if (values.empty()) continue;
        if (values.size() != cols.size()) {
            std::fprintf(stderr, "kioskctl rules: %s: line %d: %zu values, expected %zu\n", salesFile.c_str(), lineNo,
                         values.size(), cols.size());
            return false;
        }
        if (skipped < fromCar) {
            ++skipped;
            continue;
        }
        ++cars;
        const bool check = verify && distinct.insert(values).second;
        if (check && cols.size() == p.variables.size()) {
            // A sold car is a whole car: a witness for its own values (re-checked at each use).
            Assignment car(p.variables.size(), kUnset);
            for (size_t i = 0; i < cols.size(); ++i) car[static_cast<size_t>(cols[i])] = values[i];
            verify->pool.add(car);
        }
        s.clear();
        for (size_t i = 0; i < cols.size(); ++i) {
            if (!s.available(cols[i], values[i])) {
                ++sold.rejected;
                break;
            }
            const double c0 = threadCpuMs();
            const auto t0 = Clock::now();
            s.pick(cols[i], values[i]);
            sold.domainsMs.push_back(msSince(t0));
            sold.domainsCpuMs.push_back(threadCpuMs() - c0);
            ++sold.clicks;
            if (check) verify->check(s, sold);
            timeExplanation(s, rng, sold);
        }
    }
    return true;
}

}  // namespace tools::rulescli
