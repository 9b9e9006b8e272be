#pragma once
// The kioskctl subcommands. Each takes the arguments after its name and returns the exit code.
#include <string>
#include <vector>

namespace tools {

using Args = std::vector<std::string>;

int cmdValidate(const Args& args);
int cmdModel(const Args& args);  // model info FILE | model generate
int cmdRange(const Args& args);  // range [spec|trims|validate|bench]

// Finds "--name VALUE" in args; returns fallback when absent.
std::string optionValue(const Args& args, const std::string& name, const std::string& fallback = "");
bool hasFlag(const Args& args, const std::string& name);

}  // namespace tools
