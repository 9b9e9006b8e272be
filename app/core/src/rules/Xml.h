#pragma once
// A minimal XML reader for the two rule-set formats: elements, attributes, text, comments.
// No DTDs, namespaces or entities beyond the five predefined ones. Private to core_rules.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace core::rules::xml {

struct Element {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<std::unique_ptr<Element>> children;
    std::string text;  // concatenated character data directly inside this element
    int line = 0;

    const std::string* attribute(const std::string& key) const;
    std::vector<const Element*> childrenNamed(const std::string& childName) const;
    const Element* child(const std::string& childName) const;
};

struct ParseResult {
    std::unique_ptr<Element> root;
    std::string error;  // "line N: what is wrong"
};

ParseResult parse(const std::string& text);

}  // namespace core::rules::xml
