#pragma once
// Escaping text for XML and HTML documents the project writes (lead documents, reports).
#include <string>

namespace core {

// Escapes & < > " ' for text and attribute values; drops control characters other than tab and
// newline, which XML 1.0 does not allow.
std::string escapeMarkup(const std::string& text);

}  // namespace core
