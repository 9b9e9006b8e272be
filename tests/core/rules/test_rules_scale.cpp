// Rules engine at carmaker scale (../shared/data/configurator-benchmarks): the compiled form does
// not depend on declaration order or names (seeded shuffles and renamings give the same count, the
// same valid domains and the same compile work), and the tightly connected Renault "big" range compiles, counts exactly and
// answers clicks, each checked independently of the diagram: an offered value by a full car that
// satisfies every table (checked tuple by tuple), a greyed value by the reference backtracker.
// Timings are in `kioskctl rules bench`, not here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>

#include "core/rules/Diagram.h"
#include "core/rules/Import.h"
#include "core/rules/Reference.h"
#include "core/rules/Session.h"
#include "core/rules/Synthetic.h"
#include "support/Skip.h"
#include "support/TestPaths.h"

using namespace core::rules;

namespace {

std::optional<Problem> loadShared(const std::string& file) {
    const auto dir = testing_paths::sharedData("configurator-benchmarks");
    if (!dir) return std::nullopt;
    auto r = loadProblemFile(*dir + "/" + file);
    REQUIRE(r.problem);
    return std::move(r.problem);
}

// The compile of a shuffled, renamed file takes the same steps as the original's: an order of the
// same shape (the same variables, up to interchangeable ones: tied to the same neighbours by the
// same tables, which no structure tells apart), the same peak of the node store (the compile's
// work: held here instead of a time, which the machine's load would make flaky), the same diagram.
void checkSameCompile(const Diagram& original, const Diagram& shuffled) {
    const auto a = orderShape(original.problem(), original.order()), b = orderShape(shuffled.problem(), shuffled.order());
    CHECK(a.maxOpen == b.maxOpen);
    CHECK(a.cost == b.cost);
    CHECK(shuffled.stats().peakStates == original.stats().peakStates);
    CHECK(shuffled.stats().nodes == original.stats().nodes);
    CHECK(shuffled.stats().edges == original.stats().edges);
}

void checkShuffles(const Problem& p, const std::string& count) {
    auto original = Diagram::compile(p);
    REQUIRE(original.diagram);
    CHECK(original.diagram->solutionCount().toString() == count);
    Session base(original.diagram);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        INFO("seed " << seed);
        const Shuffled s = shuffleAndRename(p, seed);
        auto c = Diagram::compile(s.problem);
        REQUIRE(c.diagram);
        CHECK(c.diagram->solutionCount().toString() == count);
        checkSameCompile(*original.diagram, *c.diagram);
        // Same valid domains at the root and after one pick of each of a few variables.
        Session shuffled(c.diagram);
        std::mt19937_64 rng(seed);
        for (int round = 0; round < 4; ++round) {
            int mismatches = 0;
            for (size_t v = 0; v < p.variables.size(); ++v)
                for (int x = 0; x < p.variables[v].size(); ++x)
                    mismatches += base.available(static_cast<int>(v), x) != shuffled.available(s.varOf[v], x);
            CHECK(mismatches == 0);
            const int v = static_cast<int>(rng() % p.variables.size());
            std::vector<int> offered;
            for (int x = 0; x < p.variables[static_cast<size_t>(v)].size(); ++x)
                if (base.available(v, x)) offered.push_back(x);
            if (offered.empty()) continue;
            const int x = offered[rng() % offered.size()];
            base.pick(v, x);
            shuffled.pick(s.varOf[static_cast<size_t>(v)], x);
        }
        base.clear();
    }
}

}  // namespace

TEST_CASE("Five seeded shuffles and renamings of Renault medium and DELL compile to the same counts and domains") {
    const auto medium = loadShared("renault-br4cp-medium/medium_domainsorted.xml");
    if (!medium) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    checkShuffles(*medium, "278744");
    const auto dell = loadShared("splot-dell-laptop/DELL.splx");
    REQUIRE(dell);
    checkShuffles(*dell, "2319");
}

// The compiler trials the next-ranked orders of a small rule set and keeps the smallest diagram
// (the work of every click): never larger than the first-ranked order's alone, the same count.
static void checkTrials(const Problem& p) {
    auto c = Diagram::compile(p);
    REQUIRE(c.diagram);
    CompileOptions firstOnly;
    firstOnly.trialNodes = 0;
    auto first = Diagram::compile(p, firstOnly);
    REQUIRE(first.diagram);
    const auto& st = c.diagram->stats();
    CHECK(first.diagram->stats().trialCompiles == 0);
    CHECK(st.trialCompiles > 0);
    CHECK(st.trialCompiles <= CompileOptions{}.maxTrials);
    CHECK(st.trialNodes <= CompileOptions{}.trialNodes);
    CHECK(st.chosenRank <= st.trialCompiles);
    CHECK(st.nodes + st.edges <= first.diagram->stats().nodes + first.diagram->stats().edges);
    CHECK(c.diagram->solutionCount() == first.diagram->solutionCount());
    const auto orders = candidateOrders(p);
    CHECK(c.diagram->order() == orders[static_cast<size_t>(st.chosenRank)]);
}

TEST_CASE("Renault medium and DELL: of the candidate orders it trials, the compiler keeps the smallest diagram") {
    const auto medium = loadShared("renault-br4cp-medium/medium_domainsorted.xml");
    if (!medium) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    checkTrials(*medium);
    const auto dell = loadShared("splot-dell-laptop/DELL.splx");
    REQUIRE(dell);
    checkTrials(*dell);
}

TEST_CASE("Renault big: compiles within its budget, exact count, clicks checked independently of the diagram") {
    const auto big = loadShared("renault-br4cp-big/big_domainsorted.xml");
    if (!big) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    const Problem& p = *big;
    auto c = Diagram::compile(p);
    REQUIRE(c.diagram);
    // The benchmark's published figure (24,566,537,954,855,758,069,760) is a double: it is exactly
    // 2^22 (one unit in the last place) below the double nearest to the exact count, so it was
    // rounded in floating point. The exact count must agree with it to that ulp and be the same
    // under a shuffled and renamed file (a different decision order, a different diagram).
    // A large compile: no trial of other orders fits the trial budget, so loading big stays one compile.
    CHECK(c.diagram->stats().trialCompiles == 0);
    const BigUint count = c.diagram->solutionCount();
    BigUint published;
    REQUIRE(BigUint::fromString("24566537954855758069760", published));
    const BigUint ulp(std::uint64_t{1} << 22);
    CHECK(published < count + BigUint(1));
    CHECK(count < published + ulp + ulp);
    // Five shuffled and renamed files: the same count and the same compile, step for step.
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        INFO("shuffle " << seed);
        auto shuffled = Diagram::compile(shuffleAndRename(p, seed).problem);
        REQUIRE(shuffled.diagram);
        CHECK(shuffled.diagram->solutionCount() == count);
        checkSameCompile(*c.diagram, *shuffled.diagram);
    }
    CHECK(count.toString() == "24566537954855761920000");

    Session s(c.diagram);
    // Per-value counts: every variable's values split the whole range.
    const auto perValue = s.valueCounts();
    int splitWrong = 0;
    for (const auto& counts : perValue) {
        BigUint sum;
        for (const auto& k : counts) sum += k;
        splitWrong += !(sum == count);
    }
    CHECK(splitWrong == 0);
    std::mt19937_64 rng(5);
    Session probe(c.diagram);
    int offeredChecked = 0, greyedChecked = 0, wrongOffered = 0, wrongGreyed = 0;
    for (int sequence = 0; sequence < 3; ++sequence) {
        s.clear();
        for (int click = 0; click < 10; ++click) {
            std::vector<int> open;
            for (size_t v = 0; v < p.variables.size(); ++v)
                if (s.picks()[v] == kUnset && s.availableCount(static_cast<int>(v)) > 1) open.push_back(static_cast<int>(v));
            if (open.empty()) break;
            const int v = open[rng() % open.size()];
            std::vector<int> offered, greyed;
            for (int x = 0; x < p.variables[static_cast<size_t>(v)].size(); ++x)
                (s.available(v, x) ? offered : greyed).push_back(x);
            // Offered: a full car with the value, checked against every table (up to 6 values).
            std::vector<int> sample = offered;
            std::shuffle(sample.begin(), sample.end(), rng);
            sample.resize(std::min<size_t>(sample.size(), 6));
            for (int x : sample) {
                Assignment a = s.picks();
                a[static_cast<size_t>(v)] = x;
                probe.setPicks(a);
                const auto car = probe.cheapestCompletion();
                wrongOffered += !car || !satisfies(p, *car);
                ++offeredChecked;
            }
            // Greyed: a minimal explanation (the value comes back once any one of its picks goes).
            for (int x : greyed) {
                const auto why = s.explain(v, x);
                Assignment subset(p.variables.size(), kUnset);
                for (int w : why) subset[static_cast<size_t>(w)] = s.picks()[static_cast<size_t>(w)];
                bool minimal = !s.possibleWith(subset, v, x);
                for (int w : why) {
                    Assignment less = subset;
                    less[static_cast<size_t>(w)] = kUnset;
                    minimal = minimal && s.possibleWith(less, v, x);
                }
                CHECK(minimal);
            }
            // Greyed: the reference backtracker finds no car with the picks and the value.
            for (size_t i = 0; i < std::min<size_t>(greyed.size(), 2); ++i) {
                Assignment a = s.picks();
                a[static_cast<size_t>(v)] = greyed[rng() % greyed.size()];
                wrongGreyed += satisfiable(p, a);
                ++greyedChecked;
            }
            s.pick(v, offered[rng() % offered.size()]);
            REQUIRE(s.consistent());
        }
    }
    CHECK(wrongOffered == 0);
    CHECK(wrongGreyed == 0);
    CHECK(offeredChecked > 30);
    CHECK(greyedChecked > 3);
}

TEST_CASE("Renault big and medium: every value greyed at the root is explained (dead at the root) and proved impossible") {
    // Medium has 5 values no car can have (its marginals file); big has none, every value is used.
    for (const auto& [file, expected] : {std::pair{"renault-br4cp-medium/medium_domainsorted.xml", 5},
                                         std::pair{"renault-br4cp-big/big_domainsorted.xml", 0}}) {
        const auto p = loadShared(file);
        if (!p) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
        INFO(file);
        auto c = Diagram::compile(*p);
        REQUIRE(c.diagram);
        Session s(c.diagram);
        int greyed = 0, wrong = 0;
        for (size_t v = 0; v < p->variables.size(); ++v)
            for (int x = 0; x < p->variables[v].size(); ++x) {
                if (s.available(static_cast<int>(v), x)) continue;
                ++greyed;
                CHECK(s.explain(static_cast<int>(v), x).empty());  // no pick to blame: the rules alone
                Assignment a(p->variables.size(), kUnset);
                a[v] = x;
                wrong += satisfiable(*p, a);
            }
        CHECK(greyed == expected);
        CHECK(wrong == 0);
    }
}

namespace {

struct GreyedWalk {
    int explained = 0, notMinimal = 0, deadButPossible = 0;
};

// Every greyed value after `states` seeded sets of 1 to 8 picks: explained minimally (the value
// comes back once any one of its picks goes), and one with no pick to blame proved impossible.
GreyedWalk explainEveryGreyed(const Problem& p, int states, std::uint64_t seed) {
    auto c = Diagram::compile(p);
    REQUIRE(c.diagram);
    Session s(c.diagram);
    std::mt19937_64 rng(seed);
    GreyedWalk walk;
    for (int state = 0; state < states; ++state) {
        s.clear();
        for (int k = 0; k < 1 + state % 8; ++k) {
            std::vector<int> open;
            for (size_t v = 0; v < p.variables.size(); ++v)
                if (s.picks()[v] == kUnset && s.availableCount(static_cast<int>(v)) > 1) open.push_back(static_cast<int>(v));
            if (open.empty()) break;
            const int v = open[rng() % open.size()];
            std::vector<int> values;
            for (int x = 0; x < p.variables[static_cast<size_t>(v)].size(); ++x)
                if (s.available(v, x)) values.push_back(x);
            s.pick(v, values[rng() % values.size()]);
        }
        REQUIRE(s.consistent());
        for (size_t v = 0; v < p.variables.size(); ++v)
            for (int x = 0; x < p.variables[v].size(); ++x) {
                if (s.available(static_cast<int>(v), x)) continue;
                ++walk.explained;
                const auto why = s.explain(static_cast<int>(v), x);
                Assignment subset(p.variables.size(), kUnset);
                for (int w : why) subset[static_cast<size_t>(w)] = s.picks()[static_cast<size_t>(w)];
                bool minimal = !s.possibleWith(subset, static_cast<int>(v), x);
                for (int w : why) {
                    Assignment less = subset;
                    less[static_cast<size_t>(w)] = kUnset;
                    minimal = minimal && s.possibleWith(less, static_cast<int>(v), x);
                }
                walk.notMinimal += minimal ? 0 : 1;
                if (why.empty()) {
                    Assignment a(p.variables.size(), kUnset);
                    a[v] = x;
                    walk.deadButPossible += satisfiable(p, a) ? 1 : 0;
                }
            }
    }
    return walk;
}

}  // namespace

TEST_CASE("Renault medium: every greyed value after seeded picks is explained minimally, dead ones proved impossible") {
    const auto p = loadShared("renault-br4cp-medium/medium_domainsorted.xml");
    if (!p) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    const GreyedWalk walk = explainEveryGreyed(*p, 12, 17);
    CHECK(walk.explained > 500);
    CHECK(walk.notMinimal == 0);
    CHECK(walk.deadButPossible == 0);
}

TEST_CASE("Renault big: every greyed value after seeded picks is explained minimally") {
    const auto p = loadShared("renault-br4cp-big/big_domainsorted.xml");
    if (!p) KIOSK_SKIP(testing_paths::sharedDataAbsent("configurator-benchmarks"));
    const GreyedWalk walk = explainEveryGreyed(*p, 4, 23);
    CHECK(walk.explained > 500);
    CHECK(walk.notMinimal == 0);
    CHECK(walk.deadButPossible == 0);
}
