#pragma once
// Configuration: one car as the customer has (partly) chosen it: a model, a trim and a set
// of option ids. A plain value type shared by rules, pricing, range, booking and the UI.
#include <set>
#include <string>
#include <vector>

#include "core/Catalog.h"

namespace core {

struct Configuration {
    std::string model;
    std::string trim;
    std::set<std::string> options;  // every chosen option id, including those a package brings

    bool has(const std::string& id) const { return trim == id || options.count(id) != 0; }
    bool operator==(const Configuration& o) const { return model == o.model && trim == o.trim && options == o.options; }
};

// One broken rule of a complete configuration, for messages and tests.
struct Violation {
    std::string ruleId;   // a content rule id, or "offer:<option>" / "category:<id>" for structural rules
    std::string message;  // English, for logs and tests; customer text comes from the rule's Text
};

// Checks a complete configuration directly against the model's content (trim offer, one option per
// single-choice category, requires, excludes, includes). A plain, obviously correct checker: the
// rules engine is tested against it, and pricing and booking use it to refuse invalid cars.
std::vector<Violation> checkConfiguration(const Catalog& catalog, const Configuration& config);

// The trim's default car: its defaults for every single-choice category, plus what they include.
Configuration defaultConfiguration(const Model& model, const Trim& trim);

}  // namespace core
