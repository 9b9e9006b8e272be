// kioskctl rules bench: loads a rule set and prints JSON with its figures (compile, diagram, order),
// explanations of every greyed value, shuffled and renamed compiles, and the click replays
// (cmd_rules_replay.cpp).
#include "cmd_rules.h"

#include <cstdio>
#include <numeric>

#include "core/rules/Diagram.h"
#include "core/rules/Synthetic.h"

namespace tools::rulescli {

namespace {

using core::rules::kUnset;

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
    out["orders"] = {{"candidates", d.stats().candidateOrders}, {"trial_compiles", d.stats().trialCompiles},
                     {"trial_peak_nodes", d.stats().trialNodes}, {"chosen_rank", d.stats().chosenRank}};
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
// must not change, and neither should the compile's work (the order and the schedule come from
// the structure): its peak store and diagram are compared with the unshuffled compile's, its CPU
// time given as a ratio to `baseCpuMs`.
nlohmann::json benchShuffles(const core::rules::Problem& p, const core::rules::RuleSet& rules, int shuffles, double baseCpuMs,
                             bool& sameCount) {
    nlohmann::json out = nlohmann::json::array();
    const std::string count = rules.diagram ? rules.diagram->solutionCount().toString() : "";
    for (int seed = 1; seed <= shuffles; ++seed) {
        const auto shuffled = core::rules::shuffleAndRename(p, static_cast<std::uint64_t>(seed));
        const double c0 = threadCpuMs();
        const auto c = core::rules::Diagram::compile(shuffled.problem);
        const double cpuMs = threadCpuMs() - c0;
        nlohmann::json one = {{"seed", seed}, {"compile_cpu_ms", cpuMs}, {"cpu_ratio", baseCpuMs > 0 ? cpuMs / baseCpuMs : 0.0}};
        if (c.diagram) {
            const auto& st = c.diagram->stats();
            const auto& base = rules.diagram->stats();
            one["count"] = c.diagram->solutionCount().toString();
            one["compile_peak_nodes"] = st.peakStates;
            one["diagram"] = {{"nodes", st.nodes}, {"edges", st.edges}};
            one["same_work"] = st.peakStates == base.peakStates && st.nodes == base.nodes && st.edges == base.edges;
            one["max_open_variables"] = core::rules::orderShape(c.diagram->problem(), c.diagram->order()).maxOpen;
        } else {
            one["error"] = c.error;
        }
        sameCount = sameCount && c.diagram && one["count"] == count;
        out.push_back(std::move(one));
    }
    return out;
}

}  // namespace

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
        const double baseCpuMs = threadCpuMs() - c0;
        out["compile_cpu_ms"] = baseCpuMs;
        const int shuffles = std::stoi(optionValue(args, "--shuffles", "0"));
        if (shuffles > 0) out["shuffles"] = benchShuffles(p, rules, shuffles, baseCpuMs, sameCount);
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

}  // namespace tools::rulescli
