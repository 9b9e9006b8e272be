#include "core/rules/Problem.h"

#include <algorithm>
#include <set>

namespace core::rules {

int Variable::find(const std::string& label) const {
    for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == label) return static_cast<int>(i);
    return -1;
}

int Problem::findVariable(const std::string& varName) const {
    for (size_t i = 0; i < variables.size(); ++i)
        if (variables[i].name == varName) return static_cast<int>(i);
    return -1;
}

int Problem::addVariable(std::string varName, std::vector<std::string> labels, bool auxiliary) {
    Variable v;
    v.name = std::move(varName);
    v.priceMinor.assign(labels.size(), 0);
    v.labels = std::move(labels);
    v.auxiliary = auxiliary;
    variables.push_back(std::move(v));
    return static_cast<int>(variables.size()) - 1;
}

bool Problem::addPredicate(std::string constraintName, std::vector<int> scope,
                           const std::function<bool(const std::vector<int>&)>& allowed, std::uint64_t maxProduct) {
    std::uint64_t product = 1;
    for (int v : scope) {
        product *= static_cast<std::uint64_t>(variables[static_cast<size_t>(v)].size());
        if (product > maxProduct) return false;
    }
    TableConstraint c;
    c.name = std::move(constraintName);
    c.scope = scope;
    std::vector<int> values(scope.size(), 0);
    for (std::uint64_t n = 0; n < product; ++n) {
        if (allowed(values)) c.tuples.insert(c.tuples.end(), values.begin(), values.end());
        for (size_t i = scope.size(); i-- > 0;) {
            if (++values[i] < variables[static_cast<size_t>(scope[i])].size()) break;
            values[i] = 0;
        }
    }
    constraints.push_back(std::move(c));
    return true;
}

std::optional<std::string> Problem::validate() const {
    for (const auto& v : variables) {
        if (v.labels.empty()) return "variable \"" + v.name + "\" has an empty domain";
        if (v.priceMinor.size() != v.labels.size()) return "variable \"" + v.name + "\" has prices for the wrong number of values";
    }
    for (const auto& c : constraints) {
        std::set<int> seen;
        for (int v : c.scope) {
            if (v < 0 || static_cast<size_t>(v) >= variables.size())
                return "constraint \"" + c.name + "\" names a missing variable";
            if (!seen.insert(v).second)
                return "constraint \"" + c.name + "\" names variable \"" + variables[static_cast<size_t>(v)].name + "\" twice";
        }
        if (c.scope.empty()) continue;
        if (c.tuples.size() % c.scope.size() != 0) return "constraint \"" + c.name + "\" has a tuple of the wrong arity";
        for (size_t i = 0; i < c.tuples.size(); ++i) {
            const auto& var = variables[static_cast<size_t>(c.scope[i % c.scope.size()])];
            if (c.tuples[i] < 0 || c.tuples[i] >= var.size())
                return "constraint \"" + c.name + "\" has a value outside the domain of \"" + var.name + "\"";
        }
    }
    return std::nullopt;
}

namespace {
bool tupleListed(const TableConstraint& c, const Assignment& full) {
    const size_t k = c.arity();
    for (size_t t = 0; t < c.tupleCount(); ++t) {
        bool match = true;
        for (size_t i = 0; i < k && match; ++i) match = c.tuples[t * k + i] == full[static_cast<size_t>(c.scope[i])];
        if (match) return true;
    }
    return false;
}
}  // namespace

bool satisfies(const Problem& problem, const Assignment& full) {
    for (const auto& c : problem.constraints)
        if (!c.scope.empty() && tupleListed(c, full) != c.supports) return false;
    return true;
}

std::vector<std::string> violatedConstraints(const Problem& problem, const Assignment& full) {
    std::vector<std::string> out;
    for (const auto& c : problem.constraints)
        if (!c.scope.empty() && tupleListed(c, full) != c.supports) out.push_back(c.name);
    return out;
}

}  // namespace core::rules
