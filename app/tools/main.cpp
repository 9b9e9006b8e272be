// kioskctl: validate content, and (as the product grows) quote, range, rules, models and benchmarks.
#include <cstdio>
#include <exception>
#include <functional>
#include <map>

#include "Commands.h"

namespace {

void printUsage() {
    std::puts(
        "usage: kioskctl <command> [options]\n"
        "\n"
        "commands:\n"
        "  validate [--content DIR]   check every content file; lists all errors, exits 1 if any\n"
        "  range ...                  range, charging and costs of a car; spec, trims, validate, bench (range --help)\n"
        "  quote CODE [--json] [--pdf FILE]  price breakdown, financing and the take-away quote of a configuration code\n"
        "  codes --sample N --seed S  N random valid configuration codes (codes --restore CODE: what a code restores)\n"
        "  bench price                time to price a configuration, a loan and a configuration code\n"
        "  model info FILE            what the renderer imports from a model file (nodes, meshes, ...)\n"
        "  model check FILE [--json]  a model's quality limits: smooth material boundaries, no z-fighting (model --help)\n"
        "  model generate [--out DIR] regenerate the project's car models (assets/cars/*.glb)\n"
        "  report EVENTS [--json]     demand insight from an events file: CSV, HTML, JSON (report simulate|bench)\n"
        "  rules count|bench|explain  rules engine on XCSP 2.1 / SXFM files or a catalog model (rules --help)\n"
        "  outbox show [--config F]   the kiosk's booking outbox (no personal data)\n"
        "  sync [--config F]          force a sync with the hub; sync bench: push and backlog-drain figures\n"
        "  export bookings [--out F]  the kiosk's bookings as CSV (holds personal data)\n"
        "  recommend [--daily-km N ...] the buying guide's three cars for a customer's answers (recommend --help)\n"
        "  pin-hash                   Argon2 hash of an advisor PIN read from stdin, for content/kiosk.json\n"
        "\n"
        "common options:\n"
        "  --content DIR              content folder (default: ./content, else the built-in one)");
}

}  // namespace

int main(int argc, char** argv) {
    const std::map<std::string, std::function<int(const tools::Args&)>> commands = {
        {"validate", tools::cmdValidate},
        {"range", tools::cmdRange},
        {"quote", tools::cmdQuote},
        {"codes", tools::cmdCodes},
        {"bench", tools::cmdBenchPrice},
        {"rules", tools::cmdRules},
        {"model", tools::cmdModel},
        {"report", tools::cmdReport},
        {"outbox", tools::cmdOutbox},
        {"sync", tools::cmdSync},
        {"export", tools::cmdExport},
        {"pin-hash", tools::cmdPinHash},
        {"recommend", tools::cmdRecommend},
    };
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
    try {
        return it->second(tools::Args(argv + 2, argv + argc));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kioskctl %s: %s\n", argv[1], e.what());
        return 1;
    }
}
