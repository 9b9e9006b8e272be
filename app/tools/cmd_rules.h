#pragma once
// kioskctl rules, shared by its files: cmd_rules.cpp (count, explain, generate and the dispatch),
// cmd_rules_bench.cpp (bench: the loaded rule set's figures, explanations, shuffles) and
// cmd_rules_replay.cpp (timed click replays, seeded customers and sold cars, and their checking).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "core/rules/Problem.h"
#include "core/rules/Reference.h"
#include "core/rules/Search.h"
#include "core/rules/Session.h"

namespace tools::rulescli {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0);
// CPU time of this thread: per-click work without the time other processes hold the core.
double threadCpuMs();
// Peak resident memory of this process (VmHWM), or -1.
long peakMemoryKb();

struct Loaded {
    std::optional<core::rules::Problem> problem;
    double parseMs = 0;
    std::string error;
};
// A rule-set file (XCSP 2.1, SXFM) or, when no such file exists, a model id of the catalog.
Loaded loadInput(const std::string& file, const Args& args);
// N copies of a problem side by side, each copy's first variable tied to the next copy's by a
// "different values" table: a larger instance of the same shape, for scale measurements.
core::rules::Problem scaled(const core::rules::Problem& p, int copies);
// Compiled within the budget (--max-nodes N lowers the node limit; --search skips compiling), or
// in search mode past it; says so on stderr when it falls back.
core::rules::RuleSet loadOrReport(const core::rules::Problem& problem, const std::string& file, const Args& args);
// {samples, p50, p99, max} of a list of milliseconds.
nlohmann::json percentiles(std::vector<double> ms);
// "VAR=VAL" with the value as the file spells it.
bool parseAssignment(const core::rules::Problem& p, const std::string& text, int& var, int& value, std::string& error);

// Timings and check counts of a replay.
struct Replay {
    std::vector<double> domainsMs, explainMs, domainsCpuMs, explainCpuMs;
    std::uint64_t clicks = 0, checked = 0, mismatches = 0, incomplete = 0, invalid = 0, rejected = 0;
};

// Valid cars found by the checker (and sold cars), most recent last: a car that agrees with the
// picks and has the value shows it offered without another search. Each use re-checks the car
// table by table, so the pool only saves searches, it proves nothing by itself.
struct WitnessPool {
    static constexpr size_t kSize = 64;
    std::vector<core::rules::Assignment> cars;
    size_t next = 0;

    void add(const core::rules::Assignment& car);
    const core::rules::Assignment* find(const core::rules::Assignment& a) const;
};

// What a bench run checks its clicks with: every solution listed (small sets), or per click one
// open variable by search (too many solutions to list).
struct Verifier {
    std::unique_ptr<core::rules::SolutionTable> oracle;
    std::unique_ptr<core::rules::SearchModel> checker;  // compiled engine: an independent search
    bool bySearch = false;
    std::mt19937_64 rng;
    WitnessPool pool;

    void check(const core::rules::Session& s, Replay& r);
};

// Explains one random greyed value (after a click), timed.
void timeExplanation(core::rules::Session& s, std::mt19937_64& rng, Replay& r);
// Seeded customers: each clicks a random offered value of a random open variable (one click in
// ten un-picks instead) until the car is complete; every click timed, then one greyed value explained.
Replay replaySequences(core::rules::Session& s, int sequences, std::mt19937_64& rng, Verifier* verify);
// The sales file: a header of variable names, then one sold car per line. Each car is clicked in
// column order, every click timed; a value the engine greys out on the way counts as rejected.
// Returns false (after saying why) on a bad file.
bool replaySales(core::rules::Session& s, const std::string& salesFile, std::uint64_t fromCar, std::uint64_t maxCars,
                 std::mt19937_64& rng, Verifier* verify, Replay& sold, std::uint64_t& cars);
// Wall and thread-CPU percentiles of a replay's clicks and explanations.
nlohmann::json timings(const Replay& r);

int rulesCount(const Args& args);
int rulesBench(const Args& args);
int rulesGenerate(const Args& args);
int rulesExplain(const Args& args);

}  // namespace tools::rulescli
