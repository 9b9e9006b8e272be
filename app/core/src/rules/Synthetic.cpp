#include "core/rules/Synthetic.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <sstream>

namespace core::rules {

namespace {

// Every combination of the scope's domains (the last column fastest), passed to `visit`.
template <typename Visit>
void forEachCombination(const std::vector<int>& sizes, Visit visit) {
    std::vector<int> values(sizes.size(), 0);
    for (;;) {
        visit(values);
        size_t i = sizes.size();
        while (i > 0 && ++values[i - 1] == sizes[i - 1]) values[--i] = 0;
        if (i == 0) return;
    }
}

// The table that ties variable `scope.back()` to the others: for every combination of the others a
// non-empty random set of its values (each kept with probability `keep`, the planted car's value
// always in the planted combination). Like an option that the chosen trim and pack narrow down
// but do not always decide, it never empties a domain by itself.
TableConstraint choiceTable(const std::vector<int>& scope, const std::vector<int>& sizes, const std::vector<int>& car,
                            double keep, std::mt19937_64& rng) {
    TableConstraint t;
    t.scope = scope;
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    const std::vector<int> others(scope.begin(), scope.end() - 1);
    std::vector<int> otherSizes;
    for (int v : others) otherSizes.push_back(sizes[static_cast<size_t>(v)]);
    const int own = sizes[static_cast<size_t>(scope.back())];
    forEachCombination(otherSizes, [&](const std::vector<int>& values) {
        bool planted = true;
        for (size_t i = 0; i < others.size(); ++i) planted = planted && values[i] == car[static_cast<size_t>(others[i])];
        std::vector<char> allowed(static_cast<size_t>(own), 0);
        for (int x = 0; x < own; ++x) allowed[static_cast<size_t>(x)] = coin(rng) < keep;
        if (planted) allowed[static_cast<size_t>(car[static_cast<size_t>(scope.back())])] = 1;
        if (std::find(allowed.begin(), allowed.end(), 1) == allowed.end()) allowed[rng() % allowed.size()] = 1;
        for (int x = 0; x < own; ++x)
            if (allowed[static_cast<size_t>(x)]) {
                t.tuples.insert(t.tuples.end(), values.begin(), values.end());
                t.tuples.push_back(x);
            }
    });
    return t;
}

}  // namespace

Problem syntheticRuleSet(const SyntheticShape& shape) {
    std::mt19937_64 rng(shape.seed);
    const int n = std::max(shape.variables, 2);
    const int k = std::clamp(shape.width, 1, n - 1);
    std::vector<int> sizes(static_cast<size_t>(n)), car(static_cast<size_t>(n));
    for (int v = 0; v < n; ++v) {
        sizes[static_cast<size_t>(v)] = shape.minDomain + static_cast<int>(rng() % static_cast<std::uint64_t>(shape.maxDomain - shape.minDomain + 1));
        car[static_cast<size_t>(v)] = static_cast<int>(rng() % static_cast<std::uint64_t>(sizes[static_cast<size_t>(v)]));
    }
    // Bags of the k-tree in build order: the first k+1 variables, then each new one with a
    // k-subset of an earlier bag. Each new variable's tables pick their other columns from it.
    std::vector<std::vector<int>> bags;
    std::vector<std::vector<int>> tiedTo(static_cast<size_t>(n));
    for (int v = 1; v <= k; ++v) {
        tiedTo[static_cast<size_t>(v)].resize(static_cast<size_t>(v));
        std::iota(tiedTo[static_cast<size_t>(v)].begin(), tiedTo[static_cast<size_t>(v)].end(), 0);
    }
    bags.emplace_back(static_cast<size_t>(k + 1));
    std::iota(bags.back().begin(), bags.back().end(), 0);
    for (int v = k + 1; v < n; ++v) {
        std::vector<int> clique = bags[rng() % bags.size()];
        clique.erase(clique.begin() + static_cast<long>(rng() % clique.size()));
        tiedTo[static_cast<size_t>(v)] = clique;
        clique.push_back(v);
        bags.push_back(std::move(clique));
    }
    std::vector<TableConstraint> tables;
    for (int v = 1; v < n; ++v) {
        auto others = tiedTo[static_cast<size_t>(v)];
        for (int t = 0; t < shape.tablesPerVariable; ++t) {
            std::shuffle(others.begin(), others.end(), rng);
            const size_t arity = 2 + rng() % static_cast<std::uint64_t>(std::max(1, shape.maxArity - 1));
            std::vector<int> scope(others.begin(), others.begin() + static_cast<long>(std::min(arity - 1, others.size())));
            scope.push_back(v);
            tables.push_back(choiceTable(scope, sizes, car, shape.keep, rng));
        }
    }
    // The file's order: a seeded permutation of variables and of tables, names from file position.
    std::vector<int> filePos(static_cast<size_t>(n));
    std::iota(filePos.begin(), filePos.end(), 0);
    std::shuffle(filePos.begin(), filePos.end(), rng);
    std::shuffle(tables.begin(), tables.end(), rng);
    Problem p;
    p.name = "synthetic-" + std::to_string(n) + "-w" + std::to_string(k) + "-s" + std::to_string(shape.seed);
    p.variables.resize(static_cast<size_t>(n));
    for (int v = 0; v < n; ++v) {
        Variable& var = p.variables[static_cast<size_t>(filePos[static_cast<size_t>(v)])];
        var.name = "x" + std::to_string(filePos[static_cast<size_t>(v)]);
        for (int x = 0; x < sizes[static_cast<size_t>(v)]; ++x) var.labels.push_back(std::to_string(x));
        var.priceMinor.assign(var.labels.size(), 0);
    }
    for (auto& t : tables) {
        for (int& v : t.scope) v = filePos[static_cast<size_t>(v)];
        t.name = "c" + std::to_string(p.constraints.size());
        p.constraints.push_back(std::move(t));
    }
    return p;
}

Shuffled shuffleAndRename(const Problem& p, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const size_t n = p.variables.size();
    Shuffled out;
    out.varOf.resize(n);
    std::iota(out.varOf.begin(), out.varOf.end(), 0);
    std::shuffle(out.varOf.begin(), out.varOf.end(), rng);
    out.problem.name = p.name + " shuffled " + std::to_string(seed);
    out.problem.variables.resize(n);
    for (size_t v = 0; v < n; ++v) {
        auto& to = out.problem.variables[static_cast<size_t>(out.varOf[v])];
        to = p.variables[v];
        to.name = "x" + std::to_string(out.varOf[v]);
    }
    std::vector<size_t> cons(p.constraints.size());
    std::iota(cons.begin(), cons.end(), 0);
    std::shuffle(cons.begin(), cons.end(), rng);
    for (size_t c : cons) {
        const auto& from = p.constraints[c];
        std::vector<size_t> cols(from.arity());
        std::iota(cols.begin(), cols.end(), 0);
        std::shuffle(cols.begin(), cols.end(), rng);
        TableConstraint t;
        t.name = "k" + std::to_string(out.problem.constraints.size());
        t.supports = from.supports;
        for (size_t i : cols) t.scope.push_back(out.varOf[static_cast<size_t>(from.scope[i])]);
        for (size_t row = 0; row < from.tupleCount(); ++row)
            for (size_t i : cols) t.tuples.push_back(from.tuples[row * from.arity() + i]);
        out.problem.constraints.push_back(std::move(t));
    }
    return out;
}

std::string toXcsp(const Problem& p) {
    std::ostringstream out;
    out << "<instance>\n <presentation format=\"XCSP 2.1\" type=\"CSP\" name=\"" << p.name << "\"/>\n";
    out << " <domains nbDomains=\"" << p.variables.size() << "\">\n";
    for (const auto& v : p.variables) {
        out << "  <domain name=\"D" << v.name << "\" nbValues=\"" << v.labels.size() << "\">";
        for (const auto& l : v.labels) out << ' ' << l;
        out << "</domain>\n";
    }
    out << " </domains>\n <variables nbVariables=\"" << p.variables.size() << "\">\n";
    for (const auto& v : p.variables) out << "  <variable name=\"" << v.name << "\" domain=\"D" << v.name << "\"/>\n";
    out << " </variables>\n <relations nbRelations=\"" << p.constraints.size() << "\">\n";
    for (const auto& c : p.constraints) {
        out << "  <relation name=\"R" << c.name << "\" arity=\"" << c.arity() << "\" nbTuples=\"" << c.tupleCount()
            << "\" semantics=\"" << (c.supports ? "supports" : "conflicts") << "\">";
        for (size_t t = 0; t < c.tupleCount(); ++t) {
            out << (t ? " |" : "");
            for (size_t i = 0; i < c.arity(); ++i)
                out << ' ' << p.variables[static_cast<size_t>(c.scope[i])].labels[static_cast<size_t>(c.tuples[t * c.arity() + i])];
        }
        out << "</relation>\n";
    }
    out << " </relations>\n <constraints nbConstraints=\"" << p.constraints.size() << "\">\n";
    for (const auto& c : p.constraints) {
        out << "  <constraint name=\"" << c.name << "\" arity=\"" << c.arity() << "\" reference=\"R" << c.name << "\" scope=\"";
        for (size_t i = 0; i < c.arity(); ++i) out << (i ? " " : "") << p.variables[static_cast<size_t>(c.scope[i])].name;
        out << "\"/>\n";
    }
    out << " </constraints>\n</instance>\n";
    return out.str();
}

}  // namespace core::rules
