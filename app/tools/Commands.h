#pragma once
// The kioskctl subcommands. Each takes the arguments after its name and returns the exit code.
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

// Finds "--name VALUE" in args; returns fallback when absent.
std::string optionValue(const Args& args, const std::string& name, const std::string& fallback = "");
bool hasFlag(const Args& args, const std::string& name);

}  // namespace tools
