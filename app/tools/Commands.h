#pragma once
// The kioskctl subcommands. Each takes the arguments after its name and returns the exit code.
#include <set>
#include <string>
#include <vector>

namespace tools {

using Args = std::vector<std::string>;

int cmdValidate(const Args& args);
int cmdPinHash(const Args& args);
int cmdRange(const Args& args);  // range [spec|trims|validate|bench]
int cmdQuote(const Args& args);  // quote CODE [--json] [--pdf FILE] ...
int cmdCodes(const Args& args);  // codes --sample N --seed S | codes --restore CODE
int cmdBenchPrice(const Args& args);  // bench price
int cmdRules(const Args& args);  // rules count|bench|explain
int cmdModel(const Args& args);  // model info FILE | model generate
int cmdReport(const Args& args);  // report EVENTS [--json] | report simulate | report bench
int cmdOutbox(const Args& args);  // outbox show
int cmdSync(const Args& args);    // sync [now] | sync bench
int cmdExport(const Args& args);  // export bookings [--out FILE]
int cmdRecommend(const Args& args);  // recommend [--daily-km N ...] [--json]

// The arguments a command takes: options followed by a value, flags, and at most `words` other
// words (subcommands, files, a code). Every command is checked against its own before it runs.
struct ArgSpec {
    std::set<std::string> options;
    std::set<std::string> flags;
    size_t words = 0;
    bool ownCheck = false;  // the command refuses unknown arguments itself (each subcommand its own)
};
// The first argument `spec` does not take, as a message naming it ("unknown argument \"--x\""); empty when all fit.
std::string unknownArgument(const Args& args, const ArgSpec& spec);

// The content folder a command reads: --content DIR (default: core::defaultContentDirectory()),
// and within it the market named by --market ID (core::marketContentDirectory). Throws
// std::runtime_error naming the market when there is no such market.
std::string contentDirectory(const Args& args);

// Finds "--name VALUE" in args; returns fallback when absent.
std::string optionValue(const Args& args, const std::string& name, const std::string& fallback = "");
bool hasFlag(const Args& args, const std::string& name);

}  // namespace tools
