#pragma once
// A content text as JSON: {"zh-CN": "...", "en": "..."}, for the commands' --json output.
#include <nlohmann/json.hpp>

#include "core/Text.h"

namespace tools {

inline nlohmann::json textJson(const core::Text& t) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [lang, s] : t.all()) j[lang] = s;
    return j;
}

}  // namespace tools
