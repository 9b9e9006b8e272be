// Rules engine on small models: big integers, importers and their errors, and every engine answer
// (domains, explanations, repairs, counts, prices) checked against brute force.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

#include "core/rules/BigUint.h"
#include "core/rules/Diagram.h"
#include "core/rules/Import.h"
#include "core/rules/Reference.h"
#include "core/rules/Session.h"
#include "RandomProblem.h"
#include "support/TestPaths.h"

using namespace core::rules;

namespace {

std::string fixture(const std::string& name) { return testing_paths::fixtures() + "/rules/" + name; }

std::shared_ptr<const Diagram> compileFile(const std::string& name) {
    auto r = loadProblemFile(fixture(name));
    REQUIRE(r.problem);
    auto c = Diagram::compile(*r.problem);
    REQUIRE(c.diagram);
    return c.diagram;
}

using rules_test::randomProblem;

// Brute force over every full assignment.
std::vector<Assignment> allSolutions(const Problem& p) {
    std::vector<Assignment> out;
    Assignment a(p.variables.size(), 0);
    for (;;) {
        if (satisfies(p, a)) out.push_back(a);
        size_t i = 0;
        while (i < a.size() && ++a[i] == p.variables[i].size()) a[i++] = 0;
        if (i == a.size()) break;
    }
    return out;
}

bool agreesExcept(const Assignment& sol, const Assignment& picks, int except) {
    for (size_t v = 0; v < picks.size(); ++v)
        if (static_cast<int>(v) != except && picks[v] != kUnset && sol[v] != picks[v]) return false;
    return true;
}

}  // namespace

TEST_CASE("BigUint adds, multiplies and prints beyond 64 bits") {
    BigUint x(std::numeric_limits<std::uint64_t>::max());
    x += BigUint(1);
    CHECK(x.toString() == "18446744073709551616");
    BigUint p(1);
    for (int i = 0; i < 100; ++i) p *= BigUint(2);
    CHECK(p.toString() == "1267650600228229401496703205376");
    BigUint parsed;
    REQUIRE(BigUint::fromString("1267650600228229401496703205376", parsed));
    CHECK(parsed == p);
    CHECK(BigUint(0).toString() == "0");
    CHECK(BigUint(1000000000).toString() == "1000000000");
    CHECK(BigUint(999) < BigUint(1000));
    BigUint ten22(1);
    for (int i = 0; i < 22; ++i) ten22 *= BigUint(10);
    CHECK(ten22.toString() == "1" + std::string(22, '0'));
}

TEST_CASE("XCSP: supports, conflicts, ranges and -1 values compile to the brute-force count") {
    auto r = loadProblemFile(fixture("small.xml"));
    REQUIRE(r.problem);
    CHECK(r.problem->variables[2].labels == std::vector<std::string>{"-1", "0"});
    auto d = compileFile("small.xml");
    CHECK(d->solutionCount() == BigUint(allSolutions(d->problem()).size()));
    CHECK(d->solutionCount() == BigUint(7));
}

TEST_CASE("SXFM: groups, optional features and clauses") {
    auto d = compileFile("small.splx");
    CHECK(d->solutionCount().toString() == "20");
    CHECK(d->solutionCount() == BigUint(allSolutions(d->problem()).size()));
}

TEST_CASE("Bad rule files give a clear error, never a crash") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"unknown-relation.xml", "unknown relation \"nope\""},
        {"missing-variable.xml", "variable \"zz\", which is not defined"},
        {"wrong-arity.xml", "tuple 2 has 3 values, arity is 2"},
        {"out-of-domain.xml", "the value 7, outside its domain"},
        {"truncated.xml", "unexpected end of file"},
        {"huge-domain.xml", "more than 65536 values"},
        {"does-not-exist.xml", "cannot open the file"},
    };
    for (const auto& [file, message] : cases) {
        INFO(file);
        auto r = loadProblemFile(fixture(file));
        CHECK_FALSE(r.problem);
        CHECK(r.error.find(message) != std::string::npos);
        CHECK(r.error.find(file) != std::string::npos);
    }
    // A file over the size limit is refused before reading (a sparse file: no disk used).
    const auto big = std::filesystem::temp_directory_path() / ("kiosk-rules-huge-" + std::to_string(::getpid()) + ".xml");
    { std::ofstream(big.string()) << "<instance>"; }
    std::filesystem::resize_file(big, kMaxImportBytes + 1);
    auto r = loadProblemFile(big.string());
    std::filesystem::remove(big);
    CHECK_FALSE(r.problem);
    CHECK(r.error.find("more than the limit") != std::string::npos);
    // Garbage, an empty file and the wrong root element.
    CHECK_FALSE(parseXcsp("", "empty").problem);
    CHECK_FALSE(parseXcsp("<instance><domains>", "cut").problem);
    CHECK(parseXcsp("<model/>", "x").error.find("expected <instance>") != std::string::npos);
    CHECK(parseSxfm("<feature_model><feature_tree>\n:r A(a)\n\t:x B(b)\n</feature_tree></feature_model>", "f").error.find("unknown line kind") != std::string::npos);
    CHECK(parseSxfm("<feature_model><feature_tree>\n:r A(a)\n</feature_tree><constraints>\nc1:~zz or a\n</constraints></feature_model>", "f")
              .error.find("unknown feature \"zz\"") != std::string::npos);
}

TEST_CASE("An over-constrained model is reported at load with the constraints to blame") {
    auto r = loadProblemFile(fixture("unsat.xml"));
    REQUIRE(r.problem);
    auto c = Diagram::compile(*r.problem);
    CHECK_FALSE(c.diagram);
    CHECK(c.error.find("no configuration") != std::string::npos);
    std::sort(c.blame.begin(), c.blame.end());
    CHECK(c.blame == std::vector<std::string>{"ab", "ba"});
}

TEST_CASE("Random small models: domains, explanations, repairs, counts and prices equal brute force") {
    std::mt19937_64 rng(42);
    int models = 0;
    for (int attempt = 0; attempt < 200 && models < 60; ++attempt) {
        Problem p = randomProblem(rng, 3 + static_cast<int>(rng() % 5));
        const auto sols = allSolutions(p);
        auto c = Diagram::compile(p);
        if (sols.empty()) {
            CHECK_FALSE(c.diagram);
            CHECK_FALSE(c.blame.empty());
            continue;
        }
        REQUIRE(c.diagram);
        ++models;
        CHECK(c.diagram->solutionCount() == BigUint(sols.size()));
        Session s(c.diagram);
        for (int step = 0; step < 12; ++step) {
            // Random pick of any value (conflicting ones too), or an un-pick.
            const int v = static_cast<int>(rng() % p.variables.size());
            if (rng() % 4 == 0) s.unpick(v);
            else s.pick(v, static_cast<int>(rng() % static_cast<unsigned>(p.variables[static_cast<size_t>(v)].size())));
            const Assignment& picks = s.picks();
            std::uint64_t consistentCount = 0;
            std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
            for (const auto& sol : sols)
                if (agreesExcept(sol, picks, -1)) {
                    ++consistentCount;
                    std::int64_t price = 0;
                    for (size_t u = 0; u < sol.size(); ++u) price += p.variables[u].priceMinor[static_cast<size_t>(sol[u])];
                    lo = std::min(lo, price);
                    hi = std::max(hi, price);
                }
            CHECK(s.consistent() == (consistentCount > 0));
            CHECK(s.count() == BigUint(consistentCount));
            const PriceBounds b = s.priceBounds();
            CHECK(b.valid == (consistentCount > 0));
            if (b.valid) {
                CHECK(b.minMinor == lo);
                CHECK(b.maxMinor == hi);
                const auto cheapest = s.cheapestCompletion();
                REQUIRE(cheapest);
                CHECK(satisfies(p, *cheapest));
            }
            for (size_t u = 0; u < p.variables.size(); ++u)
                for (int x = 0; x < p.variables[u].size(); ++x) {
                    bool expected = false;
                    for (const auto& sol : sols) expected = expected || (sol[u] == x && agreesExcept(sol, picks, static_cast<int>(u)));
                    INFO("var " << u << " value " << x);
                    REQUIRE(s.available(static_cast<int>(u), x) == expected);
                    if (expected) continue;
                    // Explanation: still ruled out by the subset; dropping any member frees it.
                    const std::vector<int> why = s.explain(static_cast<int>(u), x);
                    Assignment subset(picks.size(), kUnset);
                    for (int w : why) subset[static_cast<size_t>(w)] = picks[static_cast<size_t>(w)];
                    CHECK_FALSE(s.possibleWith(subset, static_cast<int>(u), x));
                    for (int w : why) {
                        Assignment less = subset;
                        less[static_cast<size_t>(w)] = kUnset;
                        CHECK(s.possibleWith(less, static_cast<int>(u), x));
                    }
                    // Repair: fewest changed picks, then the cheapest car, by brute force.
                    const Repair r = s.repair(static_cast<int>(u), x);
                    int bestChanges = std::numeric_limits<int>::max();
                    std::int64_t bestPrice = 0;
                    for (const auto& sol : sols) {
                        if (sol[u] != x) continue;
                        int changes = 0;
                        std::int64_t price = 0;
                        for (size_t w = 0; w < sol.size(); ++w) {
                            if (w != u && picks[w] != kUnset && sol[w] != picks[w]) ++changes;
                            price += p.variables[w].priceMinor[static_cast<size_t>(sol[w])];
                        }
                        if (changes < bestChanges || (changes == bestChanges && price < bestPrice)) {
                            bestChanges = changes;
                            bestPrice = price;
                        }
                    }
                    CHECK(r.possible == (bestChanges != std::numeric_limits<int>::max()));
                    if (!r.possible) continue;
                    CHECK(static_cast<int>(r.changes.size()) - 1 == bestChanges);
                    CHECK(r.cheapestPriceMinor == bestPrice);
                    Session after(c.diagram);
                    after.setPicks(picks);
                    after.apply(r);
                    CHECK(after.consistent());
                    CHECK(after.picks()[u] == x);
                }
        }
    }
    CHECK(models >= 30);
}
