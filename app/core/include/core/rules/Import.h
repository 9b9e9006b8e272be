#pragma once
// Importers for third-party rule sets: XCSP 2.1 (extensional constraints, supports and conflicts)
// and SPLOT SXFM feature models. Failures come back as a value naming the file, the element or
// line, and what is wrong; nothing here throws or aborts on bad input.
#include <cstdint>
#include <optional>
#include <string>

#include "core/rules/Problem.h"

namespace core::rules {

struct ImportResult {
    std::optional<Problem> problem;
    std::string error;  // "file: where: what is wrong" when problem is empty
};

inline constexpr std::uint64_t kMaxImportBytes = 256ull << 20;  // refuse larger files outright

// `source` names the input in error messages (usually the path).
ImportResult parseXcsp(const std::string& text, const std::string& source);
ImportResult parseSxfm(const std::string& text, const std::string& source);
// Reads a file and picks the format from its content (<instance> = XCSP, <feature_model> = SXFM).
ImportResult loadProblemFile(const std::string& path);

}  // namespace core::rules
