// kioskctl rules: count, bench and explain on third-party rule sets (XCSP 2.1, SPLOT SXFM) or on a
// model of our catalog (pass its model id instead of a file).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

#include <time.h>

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "core/ContentLoader.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/rules/Diagram.h"
#include "core/rules/Import.h"
#include "core/rules/Reference.h"
#include "core/rules/Search.h"
#include "core/rules/Session.h"
#include "core/rules/Synthetic.h"

namespace tools {

namespace {

using core::rules::Assignment;
using core::rules::kUnset;
using Clock = std::chrono::steady_clock;
constexpr size_t kMaxVariablesForConstraintBlame = 40;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

long peakMemoryKb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

struct Loaded {
    std::optional<core::rules::Problem> problem;
    double parseMs = 0;
    std::string error;
};

Loaded loadInput(const std::string& file, const Args& args) {
    Loaded out;
    const auto t0 = Clock::now();
    if (!std::filesystem::exists(file)) {
        // Not a file: a model id of our catalog.
        const std::string dir = optionValue(args, "--content", core::defaultContentDirectory());
        auto loaded = core::loadContent(dir);
        const auto& catalog = loaded.catalog;
        if (!catalog) {
            out.error = file + ": no such file, and the content in " + dir + " does not load";
            return out;
        }
        const core::Model* model = catalog->findModel(file);
        if (!model) {
            out.error = file + ": no such file or catalog model";
            return out;
        }
        out.problem = core::rules::compileCatalogModel(*catalog, *model);
    } else {
        auto r = core::rules::loadProblemFile(file);
        if (!r.problem) {
            out.error = r.error;
            return out;
        }
        out.problem = std::move(r.problem);
    }
    out.parseMs = msSince(t0);
    return out;
}

// N copies of a problem side by side, each copy's first variable tied to the next copy's by a
// "different values" table: a larger instance of the same shape, for scale measurements.
core::rules::Problem scaled(const core::rules::Problem& p, int copies) {
    core::rules::Problem out;
    out.name = p.name + " x" + std::to_string(copies);
    const int n = static_cast<int>(p.variables.size());
    for (int k = 0; k < copies; ++k) {
        for (const auto& v : p.variables) {
            out.variables.push_back(v);
            out.variables.back().name = v.name + "#" + std::to_string(k);
        }
        for (const auto& c : p.constraints) {
            out.constraints.push_back(c);
            out.constraints.back().name = c.name + "#" + std::to_string(k);
            for (int& v : out.constraints.back().scope) v += k * n;
        }
        if (k > 0 && n > 0)
            out.addPredicate("link#" + std::to_string(k), {(k - 1) * n, k * n},
                             [&](const std::vector<int>& v) { return v[0] != v[1] || p.variables[0].size() == 1; });
    }
    return out;
}

// Compiled within the budget (--max-nodes N lowers the node limit; --search skips compiling), or
// in search mode past it; says so on stderr when it falls back.
core::rules::RuleSet loadOrReport(const core::rules::Problem& problem, const std::string& file, const Args& args) {
    core::rules::CompileOptions options;
    options.maxNodes = std::stoull(optionValue(args, "--max-nodes", std::to_string(options.maxNodes)));
    if (hasFlag(args, "--search")) options.maxNodes = 0;
    auto r = core::rules::loadRuleSet(problem, options);
    if (!r) {
        std::fprintf(stderr, "kioskctl rules: %s: %s\n", file.c_str(), r.error.c_str());
        if (!r.blame.empty()) {
            std::fprintf(stderr, "constraints to blame:");
            for (const auto& b : r.blame) std::fprintf(stderr, " %s", b.c_str());
            std::fprintf(stderr, "\n");
        }
    } else if (r.search) {
        std::fprintf(stderr, "kioskctl rules: %s: search mode (%s)\n", file.c_str(), r.fallbackReason.c_str());
    }
    return r;
}

nlohmann::json percentiles(std::vector<double> ms) {
    nlohmann::json j;
    j["samples"] = ms.size();
    if (ms.empty()) return j;
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
    j["p50"] = at(0.50);
    j["p99"] = at(0.99);
    j["max"] = ms.back();
    return j;
}

// "VAR=VAL" with the value as the file spells it.
bool parseAssignment(const core::rules::Problem& p, const std::string& text, int& var, int& value, std::string& error) {
    const size_t eq = text.find('=');
    if (eq == std::string::npos) {
        error = "\"" + text + "\" is not VAR=VALUE";
        return false;
    }
    const std::string name = text.substr(0, eq), label = text.substr(eq + 1);
    var = p.findVariable(name);
    if (var < 0) {
        error = "unknown variable \"" + name + "\"";
        return false;
    }
    value = p.variables[static_cast<size_t>(var)].find(label);
    if (value < 0) {
        error = "\"" + label + "\" is not a value of " + name;
        return false;
    }
    return true;
}

int rulesCount(const Args& args) {
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: kioskctl rules count FILE\n");
        return 2;
    }
    Loaded in = loadInput(args[1], args);
    if (!in.problem) {
        std::fprintf(stderr, "kioskctl rules: %s\n", in.error.c_str());
        return 1;
    }
    const auto rules = loadOrReport(*in.problem, args[1], args);
    if (!rules) return 1;
    if (rules.diagram) {
        std::printf("%s\n", rules.diagram->solutionCount().toString().c_str());
        return 0;
    }
    // Search mode counts by enumeration: exact up to its limit, a lower bound past it.
    const core::rules::Session s(rules);
    const auto n = s.count();
    std::printf("%s%s\n", s.countExact() ? "" : "at least ", n.toString().c_str());
    return 0;
}

// CPU time of this thread: per-click work without the time other processes hold the core.
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Replay {
    std::vector<double> domainsMs, explainMs, domainsCpuMs, explainCpuMs;
    std::uint64_t clicks = 0, checked = 0, mismatches = 0, incomplete = 0, invalid = 0, rejected = 0;
};

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

// Valid cars found by the checker (and sold cars), most recent last: a car that agrees with the
// picks and has the value shows it offered without another search. Each use re-checks the car
// table by table, so the pool only saves searches, it proves nothing by itself.
struct WitnessPool {
    static constexpr size_t kSize = 64;
    std::vector<Assignment> cars;
    size_t next = 0;

    void add(const Assignment& car) {
        if (cars.size() < kSize) cars.push_back(car);
        else cars[next++ % kSize] = car;
    }
    const Assignment* find(const Assignment& a) const {
        for (const auto& car : cars)
            if (extends(car, a)) return &car;
        return nullptr;
    }
};

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

// Explains every greyed value with no picks (dead-at-root values: no valid configuration has them).
nlohmann::json explainAllAtRoot(const core::rules::RuleSet& rules) {
    core::rules::Session s(rules);
    const auto& vars = s.problem().variables;
    std::vector<double> ms;
    for (size_t v = 0; v < vars.size(); ++v)
        for (int x = 0; x < vars[v].size(); ++x)
            if (!s.available(static_cast<int>(v), x)) {
                const auto t0 = Clock::now();
                (void)s.explain(static_cast<int>(v), x);
                ms.push_back(msSince(t0));
            }
    return percentiles(std::move(ms));
}

// What a bench run checks its clicks with: every solution listed (small sets), or per click one
// open variable by search (too many solutions to list).
struct Verifier {
    std::unique_ptr<core::rules::SolutionTable> oracle;
    std::unique_ptr<core::rules::SearchModel> checker;  // compiled engine: an independent search
    bool bySearch = false;
    std::mt19937_64 rng;
    WitnessPool pool;

    void check(const core::rules::Session& s, Replay& r) {
        checkAgainst(s, oracle.get(), r);
        if (bySearch) checkBySearch(s, checker.get(), pool, rng, r);
    }
};

// Seeded customers: each clicks a random offered value of a random open variable (one click in
// ten un-picks instead) until the car is complete; every click timed, then one greyed value explained.
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

// The sales file: a header of variable names, then one sold car per line. Each car is clicked in
// column order, every click timed; a value the engine greys out on the way counts as rejected.
// Returns false (after saying why) on a bad file.
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

// The loaded rule set: its mode, and for a compiled one the diagram's figures.
nlohmann::json describe(const core::rules::RuleSet& rules, const core::rules::Session& root) {
    nlohmann::json out;
    out["mode"] = rules.mode();
    if (rules.search) {
        out["fallback_reason"] = rules.fallbackReason;
        const auto n = root.count();
        out["count"] = (root.countExact() ? "" : "at least ") + n.toString();
        return out;
    }
    const auto& d = *rules.diagram;
    out["count"] = d.solutionCount().toString();
    out["compile_ms"] = d.stats().compileMs;
    out["compile_peak"] = {{"nodes", d.stats().peakStates}, {"bytes", d.stats().peakBytes}};
    const auto shape = core::rules::orderShape(d.problem(), d.order());
    out["order"] = {{"max_open_variables", shape.maxOpen}, {"max_open_bits", shape.maxOpenBits},
                    {"min_fill_width", core::rules::treeWidth(d.problem(), core::rules::minFillOrder(d.problem(), 1))}};
    // What the file's own declaration order would keep open (the engine never uses it).
    std::vector<int> fileOrder(d.problem().variables.size());
    std::iota(fileOrder.begin(), fileOrder.end(), 0);
    const auto asDeclared = core::rules::orderShape(d.problem(), fileOrder);
    out["file_order"] = {{"max_open_variables", asDeclared.maxOpen}, {"max_open_bits", asDeclared.maxOpenBits}};
    const auto t0 = Clock::now();
    (void)root.valueCounts();
    out["per_value_counts_ms"] = msSince(t0);
    out["diagram"] = {{"nodes", d.stats().nodes}, {"edges", d.stats().edges}, {"bytes", d.memoryBytes()}, {"max_width", d.stats().maxWidth}};
    return out;
}

// Every greyed value explained, at the root and after `states` seeded sets of 1 to 8 picks (each an
// offered value of an open variable): the explanation's worst case is a value dead at the root or
// one greyed by many picks, and this walks all of them, not a sample.
nlohmann::json explainAllGreyed(core::rules::Session& s, int states, std::mt19937_64& rng) {
    const auto& vars = s.problem().variables;
    std::vector<double> ms, cpuMs;
    std::uint64_t empty = 0;
    for (int state = 0; state <= states; ++state) {
        s.clear();
        const int picks = state == 0 ? 0 : 1 + static_cast<int>(rng() % 8);
        for (int k = 0; k < picks; ++k) {
            std::vector<int> open;
            for (size_t v = 0; v < vars.size(); ++v)
                if (!vars[v].auxiliary && s.picks()[v] == kUnset && s.availableCount(static_cast<int>(v)) > 1) open.push_back(static_cast<int>(v));
            if (open.empty()) break;
            const int v = open[rng() % open.size()];
            std::vector<int> values;
            for (int x = 0; x < vars[static_cast<size_t>(v)].size(); ++x)
                if (s.available(v, x)) values.push_back(x);
            s.pick(v, values[rng() % values.size()]);
        }
        for (size_t v = 0; v < vars.size(); ++v)
            for (int x = 0; x < vars[v].size(); ++x) {
                if (vars[v].auxiliary || s.available(static_cast<int>(v), x)) continue;
                const double c0 = threadCpuMs();
                const auto t0 = Clock::now();
                empty += s.explain(static_cast<int>(v), x).empty() ? 1 : 0;
                ms.push_back(msSince(t0));
                cpuMs.push_back(threadCpuMs() - c0);
            }
    }
    return {{"states", states + 1}, {"dead_at_root", empty}, {"explanation_ms", percentiles(ms)}, {"explanation_cpu_ms", percentiles(cpuMs)}};
}

// `shuffles` seeded shuffles and renamings of the rule set, each compiled and counted: the count
// must not change, and the compile time should not either (the order comes from the structure).
nlohmann::json benchShuffles(const core::rules::Problem& p, const core::rules::RuleSet& rules, int shuffles, bool& sameCount) {
    nlohmann::json out = nlohmann::json::array();
    const std::string count = rules.diagram ? rules.diagram->solutionCount().toString() : "";
    for (int seed = 1; seed <= shuffles; ++seed) {
        const auto shuffled = core::rules::shuffleAndRename(p, static_cast<std::uint64_t>(seed));
        const double c0 = threadCpuMs();
        const auto c = core::rules::Diagram::compile(shuffled.problem);
        const double cpuMs = threadCpuMs() - c0;
        nlohmann::json one = {{"seed", seed}, {"compile_cpu_ms", cpuMs}};
        if (c.diagram) {
            one["count"] = c.diagram->solutionCount().toString();
            one["diagram_nodes"] = c.diagram->stats().nodes;
            one["max_open_variables"] = core::rules::orderShape(c.diagram->problem(), c.diagram->order()).maxOpen;
        } else {
            one["error"] = c.error;
        }
        sameCount = sameCount && c.diagram && one["count"] == count;
        out.push_back(std::move(one));
    }
    return out;
}

int rulesBench(const Args& args) {
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: kioskctl rules bench FILE [--seed N] [--sequences N] [--sales FILE [--from-car N] [--max-cars N]] [--verify] [--scale N] [--max-nodes N] [--search] [--explain-states N] [--shuffles N]\n");
        return 2;
    }
    const std::string file = args[1];
    const std::uint64_t seed = std::stoull(optionValue(args, "--seed", "1"));
    const int sequences = std::stoi(optionValue(args, "--sequences", "1000"));
    const std::string salesFile = optionValue(args, "--sales");
    const int copies = std::stoi(optionValue(args, "--scale", "1"));
    Loaded in = loadInput(file, args);
    if (!in.problem) {
        std::fprintf(stderr, "kioskctl rules: %s\n", in.error.c_str());
        return 1;
    }
    if (copies > 1) in.problem = scaled(*in.problem, copies);
    const auto loadStart = Clock::now();
    const auto rules = loadOrReport(*in.problem, file, args);
    const double loadMs = msSince(loadStart);
    if (!rules) return 1;
    core::rules::Session s(rules);
    const auto& p = s.problem();
    nlohmann::json out;
    out["instance"] = file;
    if (copies > 1) out["scale_copies"] = copies;
    out["variables"] = p.variables.size();
    out["constraints"] = p.constraints.size();
    out["parse_ms"] = in.parseMs;
    out["load_ms"] = loadMs;
    out.update(describe(rules, s));
    bool sameCount = true;
    if (rules.diagram) {
        // The unshuffled compile again, timed the same way as the shuffles (thread CPU).
        const double c0 = threadCpuMs();
        (void)core::rules::Diagram::compile(p);
        out["compile_cpu_ms"] = threadCpuMs() - c0;
        const int shuffles = std::stoi(optionValue(args, "--shuffles", "0"));
        if (shuffles > 0) out["shuffles"] = benchShuffles(p, rules, shuffles, sameCount);
    }
    out["root_explanations"] = explainAllAtRoot(rules);
    {
        std::mt19937_64 greyRng(seed + 2);
        out["greyed_explanations"] = explainAllGreyed(s, std::stoi(optionValue(args, "--explain-states", "20")), greyRng);
    }

    std::optional<Verifier> verify;
    if (hasFlag(args, "--verify")) {
        verify.emplace(Verifier{nullptr, nullptr, false, std::mt19937_64(seed + 1), WitnessPool{}});
        const auto total = s.count();
        if (s.countExact() && total < core::rules::BigUint(20'000'000))
            verify->oracle = std::make_unique<core::rules::SolutionTable>(p, 20'000'000);
        verify->bySearch = !verify->oracle;
        if (verify->bySearch && rules.diagram) verify->checker = std::make_unique<core::rules::SearchModel>(p);
    }
    std::mt19937_64 rng(seed);
    const auto tSeq = Clock::now();
    Replay seq = replaySequences(s, sequences, rng, verify ? &*verify : nullptr);
    out["seed"] = seed;
    out["sequences"] = {{"count", sequences}, {"clicks", seq.clicks}, {"incomplete", seq.incomplete}, {"invalid", seq.invalid},
                        {"wall_ms", msSince(tSeq)}};
    out["sequences"].update(timings(seq));
    if (verify) {
        out["sequences"]["verified_clicks"] = seq.checked, out["sequences"]["mismatches"] = seq.mismatches;
        out["sequences"]["verified_by"] = verify->bySearch
                                              ? (rules.diagram ? "one open variable per click, every value: a witness car found by search (arc consistency, no diagram) and checked table by table, or no car by that search"
                                                               : "one open variable per click, every value: a witness car from the reference backtracker checked table by table, or none by it")
                                              : "every solution listed by backtracking, every variable per click";
    }
    if (!salesFile.empty()) {
        Replay sold;
        std::uint64_t cars = 0;
        const std::uint64_t maxCars = std::stoull(optionValue(args, "--max-cars", "18446744073709551615"));
        const std::uint64_t fromCar = std::stoull(optionValue(args, "--from-car", "0"));
        const auto tSales = Clock::now();
        if (!replaySales(s, salesFile, fromCar, maxCars, rng, verify ? &*verify : nullptr, sold, cars)) return 1;
        out["sales"] = {{"from_car", fromCar}, {"cars", cars}, {"clicks", sold.clicks}, {"rejected", sold.rejected}, {"wall_ms", msSince(tSales)}};
        out["sales"].update(timings(sold));
        if (verify) out["sales"]["verified_clicks"] = sold.checked, out["sales"]["mismatches"] = sold.mismatches;
        seq.mismatches += sold.mismatches;
        seq.invalid += sold.rejected;
    }
    out["peak_memory_kb"] = peakMemoryKb();
    std::printf("%s\n", out.dump(2).c_str());
    return (seq.mismatches || seq.invalid || seq.incomplete || !sameCount) ? 1 : 0;
}

// Writes a seeded synthetic rule set (Synthetic.h) as an XCSP 2.1 file.
int rulesGenerate(const Args& args) {
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: kioskctl rules generate OUT.xml [--seed N] [--variables N] [--width K] [--keep F] [--tables N] [--arity N] [--max-domain N]\n");
        return 2;
    }
    core::rules::SyntheticShape shape;
    try {
        shape.seed = std::stoull(optionValue(args, "--seed", "1"));
        shape.variables = std::stoi(optionValue(args, "--variables", std::to_string(shape.variables)));
        shape.width = std::stoi(optionValue(args, "--width", std::to_string(shape.width)));
        shape.keep = std::stod(optionValue(args, "--keep", std::to_string(shape.keep)));
        shape.tablesPerVariable = std::stoi(optionValue(args, "--tables", std::to_string(shape.tablesPerVariable)));
        shape.maxArity = std::stoi(optionValue(args, "--arity", std::to_string(shape.maxArity)));
        shape.maxDomain = std::stoi(optionValue(args, "--max-domain", std::to_string(shape.maxDomain)));
    } catch (const std::exception&) {
        std::fprintf(stderr, "kioskctl rules generate: --seed, --variables and --width take integers, --keep a number\n");
        return 2;
    }
    if (shape.variables < 2 || shape.variables > 100000 || shape.width < 1 || shape.keep <= 0 || shape.keep > 1 ||
        shape.tablesPerVariable < 1 || shape.maxArity < 2 || shape.maxArity > 8 || shape.maxDomain < shape.minDomain || shape.maxDomain > 64) {
        std::fprintf(stderr, "kioskctl rules generate: need --variables 2..100000, --width >= 1, --keep in (0, 1], --tables >= 1, --arity 2..8, --max-domain 2..64\n");
        return 2;
    }
    std::ofstream out(args[1]);
    out << core::rules::toXcsp(core::rules::syntheticRuleSet(shape));
    if (!out) {
        std::fprintf(stderr, "kioskctl rules generate: %s: cannot write\n", args[1].c_str());
        return 1;
    }
    return 0;
}

int rulesExplain(const Args& args) {
    const std::string value = optionValue(args, "--value");
    if (args.size() < 2 || value.empty()) {
        std::fprintf(stderr, "usage: kioskctl rules explain FILE --picks VAR=VAL[,VAR=VAL...] --value VAR=VAL\n");
        return 2;
    }
    Loaded in = loadInput(args[1], args);
    if (!in.problem) {
        std::fprintf(stderr, "kioskctl rules: %s\n", in.error.c_str());
        return 1;
    }
    const auto rules = loadOrReport(*in.problem, args[1], args);
    if (!rules) return 1;
    core::rules::Session s(rules);
    const auto& p = s.problem();
    std::string picks = optionValue(args, "--picks");
    std::replace(picks.begin(), picks.end(), ',', ' ');
    std::istringstream ps(picks);
    std::string error;
    for (std::string tok; ps >> tok;) {
        int v = 0, x = 0;
        if (!parseAssignment(p, tok, v, x, error)) {
            std::fprintf(stderr, "kioskctl rules: --picks: %s\n", error.c_str());
            return 2;
        }
        s.pick(v, x);
    }
    int var = 0, val = 0;
    if (!parseAssignment(p, value, var, val, error)) {
        std::fprintf(stderr, "kioskctl rules: --value: %s\n", error.c_str());
        return 2;
    }
    auto label = [&](int v, int x) {
        return p.variables[static_cast<size_t>(v)].name + "=" + p.variables[static_cast<size_t>(v)].labels[static_cast<size_t>(x)];
    };
    nlohmann::json out;
    out["mode"] = s.mode();
    out["value"] = label(var, val);
    out["picks_consistent"] = s.consistent();
    out["available"] = s.available(var, val);
    if (!s.available(var, val)) {
        const auto t0 = Clock::now();
        const std::vector<int> why = s.explain(var, val);
        out["explanation_ms"] = msSince(t0);
        Assignment context(p.variables.size(), kUnset);
        nlohmann::json because = nlohmann::json::array();
        for (int v : why) {
            because.push_back(label(v, s.picks()[static_cast<size_t>(v)]));
            context[static_cast<size_t>(v)] = s.picks()[static_cast<size_t>(v)];
        }
        out["because_of_picks"] = because;
        context[static_cast<size_t>(var)] = val;
        // Naming the constraints means a deletion filter over backtracking searches: exponential in
        // the worst case, so only for models small enough to bound it (our catalog's).
        if (p.variables.size() <= kMaxVariablesForConstraintBlame) {
            nlohmann::json cons = nlohmann::json::array();
            for (int c : core::rules::minimalConflict(p, context)) cons.push_back(p.constraints[static_cast<size_t>(c)].name);
            out["constraints"] = cons;
        }
        if (why.empty()) out["note"] = "no valid configuration has this value";
        const auto repair = s.repair(var, val);
        nlohmann::json changes = nlohmann::json::array();
        for (const auto& c : repair.changes)
            changes.push_back({{"variable", p.variables[static_cast<size_t>(c.var)].name},
                               {"from", c.from == kUnset ? "" : p.variables[static_cast<size_t>(c.var)].labels[static_cast<size_t>(c.from)]},
                               {"to", p.variables[static_cast<size_t>(c.var)].labels[static_cast<size_t>(c.to)]}});
        out["repair"] = {{"possible", repair.possible}, {"changes", changes}, {"price_delta_minor", repair.priceDeltaMinor}};
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
}

}  // namespace

int cmdRules(const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    if (sub == "count") return rulesCount(args);
    if (sub == "bench") return rulesBench(args);
    if (sub == "explain") return rulesExplain(args);
    if (sub == "generate") return rulesGenerate(args);
    std::fprintf(stderr,
                 "usage: kioskctl rules count FILE\n"
                 "       kioskctl rules bench FILE [--seed N] [--sequences N] [--sales FILE [--from-car N] [--max-cars N]] [--verify] [--scale N]\n"
                 "         --max-nodes N  compile budget in nodes (past it: search mode); --search  search mode at once\n"
                 "         --explain-states N  explain every greyed value at the root and after N seeded pick sets (20)\n"
                 "         --max-cars N  replay only N sold cars; --from-car N  skip the first N (to split a replay)\n"
                 "         --verify   check every click against every solution listed by plain backtracking, or, with\n"
                 "                    more than 20 M solutions, each value of one open variable by search\n"
                 "         --scale N  bench N linked copies of the rule set (scale test)\n"
                 "         --shuffles N  also compile N seeded shuffles and renamings (same count, compile CPU time)\n"
                 "       kioskctl rules explain FILE --picks VAR=VAL[,VAR=VAL...] --value VAR=VAL\n"
                 "       kioskctl rules generate OUT.xml [--seed N] [--variables N] [--width K] [--keep F] [--tables N]\n"
                 "                                       [--arity N] [--max-domain N]\n"
                 "         a seeded synthetic rule set as XCSP 2.1: a partial k-tree of width K, N tables per variable\n"
                 "         of up to --arity columns, each supports table keeping a share F of its combinations\n"
                 "FILE is an XCSP 2.1 (.xml) or SPLOT SXFM (.splx/.xml) file, or a model id of the catalog\n");
    return 2;
}

}  // namespace tools
