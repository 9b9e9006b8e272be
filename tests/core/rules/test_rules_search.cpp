// The search-based fallback: rule sets forced over a small compile budget load in search mode, and
// every answer the screen needs equals the compiled engine's on the same rule set and clicks.
#include <catch2/catch.hpp>

#include <random>

#include "core/ContentLoader.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/rules/Reference.h"
#include "core/rules/Search.h"
#include "core/rules/Session.h"
#include "RandomProblem.h"
#include "support/TestPaths.h"

using namespace core::rules;

namespace {

std::int64_t price(const Problem& p, const Assignment& a) {
    std::int64_t sum = 0;
    for (size_t v = 0; v < a.size(); ++v) sum += p.variables[v].priceMinor[static_cast<size_t>(a[v])];
    return sum;
}

// A budget far too small for any of these rule sets.
CompileOptions tinyBudget() {
    CompileOptions o;
    o.maxNodes = 8;
    return o;
}

// Every answer of `search` equals the compiled session's, for the current picks of both.
void sameAnswers(const Session& compiled, const Session& search, std::mt19937_64& rng) {
    const Problem& p = compiled.problem();
    REQUIRE(search.consistent() == compiled.consistent());
    CHECK(search.complete() == compiled.complete());
    CHECK(search.count() == compiled.count());
    CHECK(search.countExact());
    const PriceBounds a = compiled.priceBounds(), b = search.priceBounds();
    CHECK(a.valid == b.valid);
    CHECK(a.minMinor == b.minMinor);
    CHECK(a.maxMinor == b.maxMinor);
    if (compiled.consistent()) {
        const auto ca = compiled.cheapestCompletion(), cb = search.cheapestCompletion();
        REQUIRE(ca);
        REQUIRE(cb);
        CHECK(satisfies(p, *cb));
        CHECK(price(p, *ca) == price(p, *cb));
        // A preference (the catalog's trim defaults): same least penalty, then same price.
        ValueCosts penalty(p.variables.size());
        for (size_t v = 0; v < p.variables.size(); ++v)
            if (rng() % 2 == 0)
                for (int x = 0; x < p.variables[v].size(); ++x) penalty[v].push_back(static_cast<std::int64_t>(rng() % 3));
        const auto pa = compiled.preferredCompletion(compiled.picks(), penalty), pb = search.preferredCompletion(search.picks(), penalty);
        REQUIRE(pb);
        auto cost = [&](const Assignment& car) {
            std::int64_t sum = 0;
            for (size_t v = 0; v < car.size(); ++v)
                if (!penalty[v].empty()) sum += penalty[v][static_cast<size_t>(car[v])];
            return sum;
        };
        CHECK(cost(*pa) == cost(*pb));
        CHECK(price(p, *pa) == price(p, *pb));
    }
    for (size_t v = 0; v < p.variables.size(); ++v) {
        const int var = static_cast<int>(v);
        CHECK(search.boundValue(var) == compiled.boundValue(var));
        CHECK(search.availableCount(var) == compiled.availableCount(var));
        for (int x = 0; x < p.variables[v].size(); ++x) {
            INFO("var " << v << " value " << x);
            REQUIRE(search.available(var, x) == compiled.available(var, x));
            if (compiled.available(var, x)) continue;
            CHECK(search.explain(var, x) == compiled.explain(var, x));
            const Repair ra = compiled.repair(var, x), rb = search.repair(var, x);
            REQUIRE(ra.possible == rb.possible);
            if (!ra.possible) continue;
            CHECK(ra.changes.size() == rb.changes.size());
            CHECK(ra.cheapestPriceMinor == rb.cheapestPriceMinor);
            CHECK(ra.priceDeltaMinor == rb.priceDeltaMinor);
            Session applied = search;
            applied.apply(rb);
            CHECK(applied.consistent());
            CHECK(applied.picks()[v] == x);
        }
    }
}

}  // namespace

TEST_CASE("Search mode: a rule set over the compile budget answers every click as the compiled engine does") {
    std::mt19937_64 rng(2026);
    int checked = 0;
    for (int attempt = 0; attempt < 100 && checked < 25; ++attempt) {
        const Problem p = rules_test::randomProblem(rng, 6 + static_cast<int>(rng() % 7), {4, 1000, 6, 75, 20});
        const RuleSet full = loadRuleSet(p);
        if (!full) continue;  // rules with no solution: refused in both modes (below)
        REQUIRE(full.diagram);
        const RuleSet forced = loadRuleSet(p, tinyBudget());
        REQUIRE(forced.search);
        REQUIRE_FALSE(forced.diagram);
        CHECK(std::string(forced.mode()) == "search");
        CHECK(forced.fallbackReason.find("budget") != std::string::npos);
        ++checked;
        Session compiled(full), search(forced);
        CHECK(std::string(search.mode()) == "search");
        CHECK(search.valueCounts().empty());
        sameAnswers(compiled, search, rng);
        for (int step = 0; step < 8; ++step) {
            // Any value, conflicting ones too (the screen then offers a repair), or an un-pick.
            const int v = static_cast<int>(rng() % p.variables.size());
            const int x = static_cast<int>(rng() % static_cast<unsigned>(p.variables[static_cast<size_t>(v)].size()));
            if (rng() % 4 == 0) {
                compiled.unpick(v);
                search.unpick(v);
            } else {
                compiled.pick(v, x);
                search.pick(v, x);
            }
            sameAnswers(compiled, search, rng);
        }
    }
    CHECK(checked >= 20);
}

TEST_CASE("Search mode: rules that allow nothing are still refused, with no fallback") {
    Problem p;
    const int a = p.addVariable("a", {"0", "1"});
    const int b = p.addVariable("b", {"0", "1"});
    p.addPredicate("same", {a, b}, [](const std::vector<int>& v) { return v[0] == v[1]; });
    p.addPredicate("differ", {a, b}, [](const std::vector<int>& v) { return v[0] != v[1]; });
    const RuleSet r = loadRuleSet(p, tinyBudget());
    CHECK_FALSE(r);
    CHECK(r.error.find("no configuration") != std::string::npos);
}

TEST_CASE("Search mode: a count past the enumeration limit is reported as a lower bound") {
    // No two neighbours both 0: Fibonacci(32) = 2,178,309 configurations of 30 variables.
    Problem p;
    for (int v = 0; v < 30; ++v) p.addVariable("v" + std::to_string(v), {"0", "1"});
    for (int v = 0; v + 1 < 30; ++v)
        p.addPredicate("n" + std::to_string(v), {v, v + 1}, [](const std::vector<int>& x) { return x[0] + x[1] >= 1; });
    REQUIRE(loadRuleSet(p).diagram->solutionCount() == BigUint(2'178'309));
    const RuleSet r = loadRuleSet(p, tinyBudget());
    REQUIRE(r.search);
    Session s(r);
    CHECK(s.count() == BigUint(Session::kSearchCountLimit));
    CHECK_FALSE(s.countExact());
    for (int v = 0; v < 30; v += 2) s.pick(v, 0);  // every odd one is then forced to 1
    CHECK(s.count() == BigUint(1));
    CHECK(s.countExact());
    CHECK(s.complete());
}

TEST_CASE("Search mode: the catalog's own models forced over budget give the compiled answers") {
    static const core::LoadResult loaded = core::loadContent(testing_paths::contentDir());
    REQUIRE(loaded.catalog);
    std::mt19937_64 rng(5);
    for (const auto& model : loaded.catalog->models) {
        INFO(model.id);
        const Problem p = compileCatalogModel(*loaded.catalog, model);
        const RuleSet full = loadRuleSet(p), forced = loadRuleSet(p, tinyBudget());
        REQUIRE(full.diagram);
        REQUIRE(forced.search);
        Session compiled(full), search(forced);
        sameAnswers(compiled, search, rng);
        for (int step = 0; step < 6; ++step) {
            const int v = static_cast<int>(rng() % p.variables.size());
            if (p.variables[static_cast<size_t>(v)].auxiliary) continue;
            const int x = static_cast<int>(rng() % static_cast<unsigned>(p.variables[static_cast<size_t>(v)].size()));
            compiled.pick(v, x);
            search.pick(v, x);
            sameAnswers(compiled, search, rng);
        }
    }
}

TEST_CASE("SearchModel::solveEach finds a car for a value exactly when solve does, sharing one propagation") {
    std::mt19937_64 rng(41);
    for (int model = 0; model < 40; ++model) {
        const Problem p = rules_test::randomProblem(rng, 6 + static_cast<int>(rng() % 5));
        const SearchModel m(p);
        Assignment partial(p.variables.size(), kUnset);
        for (size_t v = 0; v < partial.size(); ++v)
            if (rng() % 4 == 0) partial[v] = static_cast<int>(rng() % static_cast<std::uint64_t>(p.variables[v].size()));
        const int var = static_cast<int>(rng() % p.variables.size());
        const auto cars = m.solveEach(partial, var);
        REQUIRE(cars.size() == static_cast<size_t>(p.variables[static_cast<size_t>(var)].size()));
        for (int x = 0; x < p.variables[static_cast<size_t>(var)].size(); ++x) {
            Assignment a = partial;
            a[static_cast<size_t>(var)] = x;
            const auto& car = cars[static_cast<size_t>(x)];
            CHECK(car.has_value() == satisfiable(p, a));
            if (!car) continue;
            CHECK(satisfies(p, *car));
            for (size_t v = 0; v < a.size(); ++v)
                if (a[v] != kUnset) CHECK((*car)[v] == a[v]);
        }
        // Only the values asked for are searched.
        std::vector<char> needed(cars.size(), 0);
        needed[0] = 1;
        const auto some = m.solveEach(partial, var, &needed);
        for (size_t x = 1; x < some.size(); ++x) CHECK_FALSE(some[x].has_value());
        CHECK(some[0].has_value() == cars[0].has_value());
    }
}
