// kioskctl rules: count, bench and explain on third-party rule sets (XCSP 2.1, SPLOT SXFM) or on a
// model of our catalog (pass its model id instead of a file). This file: the shared loading and
// parsing, count, explain, generate and the dispatch; bench in cmd_rules_bench.cpp, the click
// replays in cmd_rules_replay.cpp.
#include "cmd_rules.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <time.h>

#include "core/ContentLoader.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/rules/Import.h"
#include "core/rules/Synthetic.h"

namespace tools {

namespace rulescli {

using core::rules::Assignment;
using core::rules::kUnset;
constexpr size_t kMaxVariablesForConstraintBlame = 40;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

long peakMemoryKb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

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

double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
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

}  // namespace rulescli

int cmdRules(const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    if (sub == "count") return rulescli::rulesCount(args);
    if (sub == "bench") return rulescli::rulesBench(args);
    if (sub == "explain") return rulescli::rulesExplain(args);
    if (sub == "generate") return rulescli::rulesGenerate(args);
    // Asked for, the usage goes to standard output and the command succeeds; otherwise it is an error.
    const bool asked = std::find(args.begin(), args.end(), "--help") != args.end() ||
                       std::find(args.begin(), args.end(), "-h") != args.end();
    std::fprintf(asked ? stdout : stderr,
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
    return asked ? 0 : 2;
}

}  // namespace tools
