// Rules engine on real third-party rule sets (../shared/data/configurator-benchmarks): exact
// counts, root marginals, seeded click sequences and the replay of sold cars, each click checked
// against an independent oracle (every solution listed by the reference backtracker).
// ctest runs a seeded subset; `kioskctl rules bench FILE --verify` runs all 1,000 sequences.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/rules/Diagram.h"
#include "core/rules/Import.h"
#include "core/rules/Reference.h"
#include "core/rules/Session.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

using namespace core::rules;

namespace {

std::shared_ptr<const Diagram> compileShared(const std::string& path) {
    auto r = loadProblemFile(path);
    REQUIRE(r.problem);
    auto c = Diagram::compile(*r.problem);
    REQUIRE(c.diagram);
    return c.diagram;
}

bool sameAsOracle(const Session& s, const SolutionTable& oracle) {
    const auto want = oracle.available(s.picks());
    for (size_t v = 0; v < want.size(); ++v)
        for (size_t x = 0; x < want[v].size(); ++x)
            if ((want[v][x] != 0) != s.available(static_cast<int>(v), static_cast<int>(x))) return false;
    return true;
}

// Seeded random click sequences: pick an offered value of an open variable, now and then un-pick,
// until every variable is bound; checks every click and the final car.
void runSequences(const std::shared_ptr<const Diagram>& d, const SolutionTable& oracle, int count, std::uint64_t seed) {
    const Problem& p = d->problem();
    std::mt19937_64 rng(seed);
    Session s(d);
    int mismatches = 0, incomplete = 0, invalid = 0, explained = 0;
    for (int i = 0; i < count; ++i) {
        s.clear();
        for (size_t click = 0; click < 20 * p.variables.size(); ++click) {
            std::vector<int> open, picked;
            for (size_t v = 0; v < p.variables.size(); ++v) {
                if (s.picks()[v] != kUnset) picked.push_back(static_cast<int>(v));
                else if (s.availableCount(static_cast<int>(v)) > 1) open.push_back(static_cast<int>(v));
            }
            if (open.empty()) break;
            if (!picked.empty() && rng() % 10 == 0) {
                s.unpick(picked[rng() % picked.size()]);
            } else {
                const int v = open[rng() % open.size()];
                std::vector<int> values;
                for (int x = 0; x < p.variables[static_cast<size_t>(v)].size(); ++x)
                    if (s.available(v, x)) values.push_back(x);
                s.pick(v, values[rng() % values.size()]);
            }
            if (!sameAsOracle(s, oracle)) ++mismatches;
            // One greyed-out value per click: its explanation is minimal.
            if (click % 5 == 0) {
                for (size_t v = rng() % p.variables.size(), tries = 0; tries < p.variables.size(); ++tries, v = (v + 1) % p.variables.size()) {
                    int grey = -1;
                    for (int x = 0; x < p.variables[v].size() && grey < 0; ++x)
                        if (!s.available(static_cast<int>(v), x)) grey = x;
                    if (grey < 0) continue;
                    const auto why = s.explain(static_cast<int>(v), grey);
                    Assignment subset(p.variables.size(), kUnset);
                    for (int w : why) subset[static_cast<size_t>(w)] = s.picks()[static_cast<size_t>(w)];
                    bool minimal = !s.possibleWith(subset, static_cast<int>(v), grey);
                    for (int w : why) {
                        Assignment less = subset;
                        less[static_cast<size_t>(w)] = kUnset;
                        minimal = minimal && s.possibleWith(less, static_cast<int>(v), grey);
                    }
                    CHECK(minimal);
                    ++explained;
                    break;
                }
            }
        }
        if (!s.complete()) {
            ++incomplete;
            continue;
        }
        Assignment full(p.variables.size());
        for (size_t v = 0; v < full.size(); ++v) full[v] = s.boundValue(static_cast<int>(v));
        if (!satisfies(p, full)) ++invalid;
    }
    CHECK(mismatches == 0);
    CHECK(incomplete == 0);
    CHECK(invalid == 0);
    CHECK(explained > 0);
}

}  // namespace

TEST_CASE("DELL (SXFM): 2,319 products, 1,000 click sequences match brute force") {
    const auto dir = testing_paths::sharedData("configurator-benchmarks");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    auto d = compileShared(*dir + "/splot-dell-laptop/DELL.splx");
    CHECK(d->solutionCount().toString() == "2319");
    SolutionTable oracle(d->problem(), 1'000'000);
    CHECK(oracle.size() == 2319);
    runSequences(d, oracle, 1000, 7);
}

TEST_CASE("Renault medium (XCSP): 278,744 cars, the root marginals and per-value counts") {
    const auto dir = testing_paths::sharedData("configurator-benchmarks");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    auto d = compileShared(*dir + "/renault-br4cp-medium/medium_domainsorted.xml");
    CHECK(d->solutionCount().toString() == "278744");
    std::ifstream in(*dir + "/renault-br4cp-medium/medium_root_marginals.json");
    const auto marginals = nlohmann::json::parse(in);
    CHECK(marginals.at("total_solutions").get<std::uint64_t>() == 278744);
    Session s(d);
    const Problem& p = d->problem();
    const auto perValue = s.valueCounts();  // "how many cars have this value", against the oracle's marginals
    int checked = 0, greyed = 0;
    for (const auto& [name, counts] : marginals.at("per_value_solution_counts").items()) {
        const int v = p.findVariable(name);
        REQUIRE(v >= 0);
        for (const auto& [label, count] : counts.items()) {
            const int x = p.variables[static_cast<size_t>(v)].find(label);
            REQUIRE(x >= 0);
            INFO(name << "=" << label);
            CHECK(s.available(v, x) == (count.get<std::uint64_t>() != 0));
            CHECK(perValue[static_cast<size_t>(v)][static_cast<size_t>(x)] == BigUint(count.get<std::uint64_t>()));
            greyed += count.get<std::uint64_t>() == 0;
            ++checked;
        }
    }
    CHECK(checked == 426);
    CHECK(greyed == 5);
}

TEST_CASE("Renault medium: seeded click sequences and every distinct sold car against the oracle") {
    const auto dir = testing_paths::sharedData("configurator-benchmarks");
    if (!dir) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    auto d = compileShared(*dir + "/renault-br4cp-medium/medium_domainsorted.xml");
    const Problem& p = d->problem();
    SolutionTable oracle(p, 1'000'000);
    REQUIRE(oracle.size() == 278744);
    runSequences(d, oracle, 8, 11);

    std::ifstream sales(*dir + "/renault-br4cp-medium/config_medium_filtered.txt");
    std::string line;
    std::getline(sales, line);
    std::vector<int> cols;
    std::istringstream hs(line);
    for (std::string name; hs >> name;) {
        cols.push_back(p.findVariable(name));
        REQUIRE(cols.back() >= 0);
    }
    std::set<std::vector<int>> cars;
    while (std::getline(sales, line)) {
        std::istringstream ls(line);
        std::vector<int> values;
        for (std::string tok; ls >> tok;) values.push_back(p.variables[static_cast<size_t>(cols[values.size()])].find(tok));
        if (!values.empty()) cars.insert(values);
    }
    CHECK(cars.size() == 939);
    Session s(d);
    int rejected = 0, mismatches = 0, oracleChecks = 0, carIndex = 0;
    for (const auto& car : cars) {
        s.clear();
        // The oracle is slow on the first clicks (many matching cars): check all clicks of every
        // 20th car and the last clicks of every car.
        const bool full = carIndex++ % 50 == 0;
        for (size_t i = 0; i < cols.size(); ++i) {
            if (!s.available(cols[i], car[i])) {
                ++rejected;
                break;
            }
            s.pick(cols[i], car[i]);
            if (full || i + 3 >= cols.size()) {
                ++oracleChecks;
                if (!sameAsOracle(s, oracle)) ++mismatches;
            }
        }
        CHECK(s.consistent());
        const BigUint completions = s.count();
        CHECK((completions == BigUint(1) || completions == BigUint(2)));
    }
    CHECK(rejected == 0);
    CHECK(mismatches == 0);
    CHECK(oracleChecks > 2000);
}
