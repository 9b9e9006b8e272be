// kioskctl: validate content, and (as the product grows) quote, range, rules, models and benchmarks.
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "Commands.h"

namespace {

void printUsage() {
    std::puts(
        "usage: kioskctl <command> [options]\n"
        "\n"
        "commands:\n"
        "  validate [DIR]             check every content file of DIR (or --content DIR [--market ID]); lists all\n"
        "                             errors, exits 1 if any\n"
        "  range ...                  range, charging and costs of a car; spec, trims, validate, bench (range --help)\n"
        "  quote CODE [--json] [--pdf FILE]  price breakdown, financing and the take-away quote of a configuration code\n"
        "  codes --sample N --seed S  N random valid configuration codes (codes --restore CODE: what a code restores)\n"
        "  bench price                time to price a configuration, a loan and a configuration code\n"
        "  model info FILE            what the renderer imports from a model file (nodes, meshes, ...)\n"
        "  model check FILE [--json]  a model's quality limits: smooth material boundaries, no z-fighting (model --help)\n"
        "  model generate [--out DIR] regenerate the project's car models (assets/cars/*.glb)\n"
        "  report EVENTS [--json]     demand insight from an events file: CSV, HTML, JSON (report simulate|bench)\n"
        "  rules count|bench|explain|generate  rules engine on XCSP 2.1 / SXFM files or a catalog model (rules --help)\n"
        "  outbox show [--config F]   the kiosk's booking outbox (no personal data)\n"
        "  sync [--config F]          force a sync with the hub; sync bench: push and backlog-drain figures\n"
        "  export bookings [--out F]  the kiosk's bookings as CSV (holds personal data)\n"
        "  recommend [--daily-km N ...] the buying guide's three cars for a customer's answers (recommend --help)\n"
        "  pin-hash                   Argon2 hash of an advisor PIN read from stdin, for content/kiosk.json\n"
        "\n"
        "common options:\n"
        "  --content DIR              content folder (default: ./content, else the built-in one)\n"
        "  --market ID                the market of that folder to use (default: its own; markets/ID beside it)\n"
        "every command refuses an argument it does not take");
}

struct Command {
    std::function<int(const tools::Args&)> run;
    tools::ArgSpec takes;  // every argument the command (any of its subcommands) reads
};

// One table of what each command takes, so none silently ignores an argument it does not know.
std::map<std::string, Command> commandTable() {
    using S = std::set<std::string>;
    const S content = {"--content", "--market"};
    auto with = [](S a, const S& b) {
        a.insert(b.begin(), b.end());
        return a;
    };
    return {
        {"validate", {tools::cmdValidate, {content, {}, 1}}},
        {"range", {tools::cmdRange, {with(content, {"--data", "--iterations", "--model", "--trim", "--option", "--temp", "--speed",
                                                    "--city-share", "--payload", "--daily-km", "--home-share", "--dc-kw",
                                                    "--wallbox-kw", "--climate"}),
                                     {"--json", "--fit", "--kfold", "--help", "-h"}, 2}}},
        {"quote", {tools::cmdQuote, {with(content, {"--date", "--pdf", "--png", "--image", "--trade-in", "--discount",
                                                    "--finance", "--down", "--term", "--lang"}),
                                     {"--json", "--insurance", "--tco"}, 1}}},
        {"codes", {tools::cmdCodes, {with(content, {"--sample", "--seed", "--restore"}), {}, 0}}},
        {"bench", {tools::cmdBenchPrice, {with(content, {"--calls"}), {}, 1}}},
        {"rules", {tools::cmdRules, {{"--content", "--max-cars", "--picks", "--sales", "--scale", "--seed", "--sequences", "--value",
                                      "--max-nodes", "--explain-states", "--shuffles", "--variables", "--width", "--keep",
                                      "--tables", "--arity", "--max-domain", "--from-car"},
                                     {"--verify", "--search", "--help", "-h"}, 2}}},
        {"model", {tools::cmdModel, {{}, {}, 0, true}}},
        {"report", {tools::cmdReport, {with(content, {"--days", "--events", "--first-day", "--kiosks", "--lang", "--out", "--seed",
                                                      "--sessions", "--stock"}),
                                       {"--json", "--help", "-h"}, 1}}},
        {"outbox", {tools::cmdOutbox, {{"--config", "--limit"}, {"--pending"}, 1}}},
        {"sync", {tools::cmdSync, {with(content, {"--config", "--batch", "--bookings", "--events"}), {}, 1}}},
        {"export", {tools::cmdExport, {{"--config", "--out"}, {}, 1}}},
        {"pin-hash", {tools::cmdPinHash, {{}, {}, 0}}},
        {"recommend", {tools::cmdRecommend, {{}, {}, 0, true}}},
    };
}

}  // namespace

int main(int argc, char** argv) {
    const std::map<std::string, Command> commands = commandTable();
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        printUsage();
        return argc < 2 ? 2 : 0;
    }
    auto it = commands.find(argv[1]);
    if (it == commands.end()) {
        std::fprintf(stderr, "kioskctl: unknown command \"%s\"\n", argv[1]);
        printUsage();
        return 2;
    }
    const tools::Args args(argv + 2, argv + argc);
    if (const std::string bad = tools::unknownArgument(args, it->second.takes); !bad.empty()) {
        std::fprintf(stderr, "kioskctl %s: %s (kioskctl %s --help, or kioskctl --help)\n", argv[1], bad.c_str(), argv[1]);
        return 2;
    }
    try {
        return it->second.run(args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kioskctl %s: %s\n", argv[1], e.what());
        return 1;
    }
}
