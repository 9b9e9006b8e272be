#include "core/rules/Import.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "Xml.h"

namespace core::rules {

namespace {

constexpr long long kMaxDomainSize = 1 << 16;

ImportResult failure(const std::string& source, const std::string& what) {
    ImportResult r;
    r.error = source + ": " + what;
    return r;
}

std::string where(const xml::Element& e) {
    std::string s = "<" + e.name;
    if (const auto* n = e.attribute("name")) s += " name=\"" + *n + "\"";
    return s + "> (line " + std::to_string(e.line) + ")";
}

bool parseInt(const std::string& s, long long& out) {
    if (s.empty()) return false;
    const char* first = s.data();
    if (*first == '+') ++first;
    auto [p, ec] = std::from_chars(first, s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string> splitWhitespace(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string tok;
    while (in >> tok) out.push_back(tok);
    return out;
}

// ---- XCSP 2.1 ----------------------------------------------------------------------------

struct Relation {
    const xml::Element* element = nullptr;
    size_t arity = 0;
    bool supports = true;
    std::vector<long long> values;  // flattened tuples, raw integers
};

ImportResult xcspFromDocument(const xml::Element& root, const std::string& source) {
    if (root.name != "instance") return failure(source, "the root element is <" + root.name + ">, expected <instance>");
    Problem problem;
    if (const auto* pres = root.child("presentation"))
        if (const auto* n = pres->attribute("name")) problem.name = *n;
    if (const auto* pres = root.child("presentation"))
        if (const auto* f = pres->attribute("format"); f && f->rfind("XCSP 2", 0) != 0)
            return failure(source, where(*pres) + ": format \"" + *f + "\" is not XCSP 2.x");

    const auto* domains = root.child("domains");
    const auto* variables = root.child("variables");
    if (!domains) return failure(source, "<instance> has no <domains>");
    if (!variables) return failure(source, "<instance> has no <variables>");

    std::map<std::string, std::vector<long long>> domainValues;
    for (const auto* d : domains->childrenNamed("domain")) {
        const auto* name = d->attribute("name");
        if (!name) return failure(source, where(*d) + ": domain without a name");
        std::vector<long long> values;
        for (const auto& tok : splitWhitespace(d->text)) {
            const size_t dots = tok.find("..");
            long long a = 0, b = 0;
            if (dots != std::string::npos) {
                if (!parseInt(tok.substr(0, dots), a) || !parseInt(tok.substr(dots + 2), b) || b < a)
                    return failure(source, where(*d) + ": bad range \"" + tok + "\"");
                if (b - a >= kMaxDomainSize || static_cast<long long>(values.size()) + (b - a) >= kMaxDomainSize)
                    return failure(source, where(*d) + ": domain has more than " + std::to_string(kMaxDomainSize) + " values");
                for (long long v = a; v <= b; ++v) values.push_back(v);
            } else {
                if (!parseInt(tok, a)) return failure(source, where(*d) + ": \"" + tok + "\" is not an integer");
                values.push_back(a);
                if (static_cast<long long>(values.size()) > kMaxDomainSize)
                    return failure(source, where(*d) + ": domain has more than " + std::to_string(kMaxDomainSize) + " values");
            }
        }
        if (values.empty()) return failure(source, where(*d) + ": empty domain");
        std::vector<long long> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            return failure(source, where(*d) + ": a value is listed twice");
        if (const auto* nb = d->attribute("nbValues")) {
            long long n = 0;
            if (!parseInt(*nb, n) || n != static_cast<long long>(values.size()))
                return failure(source, where(*d) + ": nbValues=\"" + *nb + "\" but " + std::to_string(values.size()) +
                                           " values are listed");
        }
        if (!domainValues.emplace(*name, std::move(values)).second)
            return failure(source, where(*d) + ": domain \"" + *name + "\" is defined twice");
    }

    std::vector<std::vector<long long>> varValues;
    for (const auto* v : variables->childrenNamed("variable")) {
        const auto* name = v->attribute("name");
        const auto* dom = v->attribute("domain");
        if (!name || !dom) return failure(source, where(*v) + ": a variable needs \"name\" and \"domain\"");
        auto it = domainValues.find(*dom);
        if (it == domainValues.end()) return failure(source, where(*v) + ": unknown domain \"" + *dom + "\"");
        if (problem.findVariable(*name) >= 0) return failure(source, where(*v) + ": variable \"" + *name + "\" is defined twice");
        std::vector<std::string> labels;
        for (long long x : it->second) labels.push_back(std::to_string(x));
        problem.addVariable(*name, std::move(labels));
        varValues.push_back(it->second);
    }
    if (const auto* nb = variables->attribute("nbVariables")) {
        long long n = 0;
        if (!parseInt(*nb, n) || n != static_cast<long long>(problem.variables.size()))
            return failure(source, where(*variables) + ": nbVariables=\"" + *nb + "\" but " +
                                       std::to_string(problem.variables.size()) + " are defined");
    }

    std::map<std::string, Relation> relations;
    if (const auto* rels = root.child("relations")) {
        for (const auto* r : rels->childrenNamed("relation")) {
            const auto* name = r->attribute("name");
            const auto* arity = r->attribute("arity");
            const auto* semantics = r->attribute("semantics");
            if (!name || !arity) return failure(source, where(*r) + ": a relation needs \"name\" and \"arity\"");
            Relation rel;
            rel.element = r;
            long long k = 0;
            if (!parseInt(*arity, k) || k < 1 || k > 64) return failure(source, where(*r) + ": bad arity \"" + *arity + "\"");
            rel.arity = static_cast<size_t>(k);
            const std::string sem = semantics ? *semantics : "supports";
            if (sem == "supports") rel.supports = true;
            else if (sem == "conflicts") rel.supports = false;
            else return failure(source, where(*r) + ": semantics \"" + sem + "\" is not supported (supports or conflicts)");
            size_t tupleCount = 0;
            std::string text = r->text;
            size_t start = 0;
            while (start <= text.size()) {
                size_t bar = text.find('|', start);
                if (bar == std::string::npos) bar = text.size();
                const auto toks = splitWhitespace(text.substr(start, bar - start));
                if (!toks.empty() || bar != text.size()) {
                    if (toks.size() != rel.arity)
                        return failure(source, where(*r) + ": tuple " + std::to_string(tupleCount + 1) + " has " +
                                                   std::to_string(toks.size()) + " values, arity is " +
                                                   std::to_string(rel.arity));
                    for (const auto& t : toks) {
                        long long x = 0;
                        if (!parseInt(t, x))
                            return failure(source, where(*r) + ": \"" + t + "\" in tuple " +
                                                       std::to_string(tupleCount + 1) + " is not an integer");
                        rel.values.push_back(x);
                    }
                    ++tupleCount;
                }
                start = bar + 1;
            }
            if (const auto* nb = r->attribute("nbTuples")) {
                long long n = 0;
                if (!parseInt(*nb, n) || n != static_cast<long long>(tupleCount))
                    return failure(source, where(*r) + ": nbTuples=\"" + *nb + "\" but " + std::to_string(tupleCount) +
                                               " tuples are listed (truncated file?)");
            }
            if (!relations.emplace(*name, std::move(rel)).second)
                return failure(source, where(*r) + ": relation \"" + *name + "\" is defined twice");
        }
    }

    const auto* constraints = root.child("constraints");
    if (constraints) {
        for (const auto* c : constraints->childrenNamed("constraint")) {
            const auto* name = c->attribute("name");
            const auto* scope = c->attribute("scope");
            const auto* ref = c->attribute("reference");
            if (!name || !scope || !ref)
                return failure(source, where(*c) + ": a constraint needs \"name\", \"scope\" and \"reference\"");
            auto it = relations.find(*ref);
            if (it == relations.end())
                return failure(source, where(*c) + ": unknown relation \"" + *ref +
                                           "\" (only extensional relations are supported)");
            const Relation& rel = it->second;
            TableConstraint tc;
            tc.name = *name;
            tc.supports = rel.supports;
            for (const auto& vname : splitWhitespace(*scope)) {
                const int v = problem.findVariable(vname);
                if (v < 0) return failure(source, where(*c) + ": scope names variable \"" + vname + "\", which is not defined");
                if (std::find(tc.scope.begin(), tc.scope.end(), v) != tc.scope.end())
                    return failure(source, where(*c) + ": scope names \"" + vname + "\" twice");
                tc.scope.push_back(v);
            }
            if (const auto* ar = c->attribute("arity")) {
                long long k = 0;
                if (!parseInt(*ar, k) || k != static_cast<long long>(tc.scope.size()))
                    return failure(source, where(*c) + ": arity=\"" + *ar + "\" but the scope has " +
                                               std::to_string(tc.scope.size()) + " variables");
            }
            if (tc.scope.size() != rel.arity)
                return failure(source, where(*c) + ": scope has " + std::to_string(tc.scope.size()) +
                                           " variables but relation \"" + *ref + "\" has arity " + std::to_string(rel.arity));
            tc.tuples.reserve(rel.values.size());
            for (size_t i = 0; i < rel.values.size(); ++i) {
                const int v = tc.scope[i % rel.arity];
                const auto& dom = varValues[static_cast<size_t>(v)];
                const auto pos = std::find(dom.begin(), dom.end(), rel.values[i]);
                if (pos == dom.end())
                    return failure(source, where(*c) + ": relation \"" + *ref + "\" tuple " +
                                               std::to_string(i / rel.arity + 1) + " gives \"" +
                                               problem.variables[static_cast<size_t>(v)].name + "\" the value " +
                                               std::to_string(rel.values[i]) + ", outside its domain");
                tc.tuples.push_back(static_cast<int>(pos - dom.begin()));
            }
            problem.constraints.push_back(std::move(tc));
        }
        if (const auto* nb = constraints->attribute("nbConstraints")) {
            long long n = 0;
            if (!parseInt(*nb, n) || n != static_cast<long long>(problem.constraints.size()))
                return failure(source, where(*constraints) + ": nbConstraints=\"" + *nb + "\" but " +
                                           std::to_string(problem.constraints.size()) + " are defined (truncated file?)");
        }
    }
    if (auto err = problem.validate()) return failure(source, *err);
    ImportResult r;
    r.problem = std::move(problem);
    return r;
}

// ---- SPLOT SXFM --------------------------------------------------------------------------

struct Feature {
    std::string id;
    std::string name;
    int parent = -1;     // feature index
    int group = -1;      // group index when a group member
    bool mandatory = false;
    bool alwaysOn = false;
    int var = -1;        // own boolean variable, or the group's variable for a one-of member
    int value = 1;       // value of `var` meaning "present"
};

struct Group {
    std::string id;
    int parent = -1;  // feature index
    int min = 1, max = 1;
    std::vector<int> members;
    int var = -1;  // single variable when max == 1
};

// A literal "feature present" (or absent when negated); var -1 means the feature is always present.
struct Literal {
    int var = -1;
    int value = 0;
    bool negated = false;
};

ImportResult sxfmFromDocument(const xml::Element& root, const std::string& source) {
    if (root.name != "feature_model")
        return failure(source, "the root element is <" + root.name + ">, expected <feature_model>");
    const auto* tree = root.child("feature_tree");
    if (!tree) return failure(source, "<feature_model> has no <feature_tree>");
    Problem problem;
    if (const auto* n = root.attribute("name")) problem.name = *n;

    std::vector<Feature> features;
    std::vector<Group> groups;
    std::map<std::string, int> byId;
    // Stack of (indent, feature index or -(group index)-2) for finding each line's parent.
    std::vector<std::pair<size_t, int>> stack;
    std::istringstream lines(tree->text);
    std::string line;
    int lineNo = tree->line - 1;
    auto fail = [&](const std::string& what) {
        return failure(source, "<feature_tree> line " + std::to_string(lineNo) + ": " + what);
    };
    auto parseFeature = [&](const std::string& rest, Feature& f) -> bool {
        std::string s = rest;
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
        const size_t open = s.rfind('(');
        if (open != std::string::npos && s.back() == ')') {
            f.id = s.substr(open + 1, s.size() - open - 2);
            f.name = s.substr(0, open);
        } else {
            f.id = s;
            f.name = s;
        }
        while (!f.name.empty() && std::isspace(static_cast<unsigned char>(f.name.front()))) f.name.erase(0, 1);
        return !f.id.empty();
    };
    while (std::getline(lines, line)) {
        ++lineNo;
        size_t indent = 0;
        while (indent < line.size() && (line[indent] == '\t' || line[indent] == ' ')) ++indent;
        std::string body = line.substr(indent);
        while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back()))) body.pop_back();
        if (body.empty()) continue;
        if (body[0] != ':') return fail("expected a line starting with ':', got \"" + body + "\"");
        while (!stack.empty() && stack.back().first >= indent) stack.pop_back();
        const int parentRef = stack.empty() ? -1 : stack.back().second;
        const char kind = body.size() > 1 ? body[1] : ' ';
        if (kind == 'g') {
            if (parentRef < 0) return fail("a group must sit under a feature");
            Group g;
            g.parent = parentRef;
            const size_t lb = body.find('['), comma = body.find(',', lb), rb = body.find(']', lb);
            if (lb == std::string::npos || comma == std::string::npos || rb == std::string::npos)
                return fail("group without [min,max] cardinality");
            long long mn = 0, mx = 0;
            const std::string maxText = body.substr(comma + 1, rb - comma - 1);
            if (!parseInt(body.substr(lb + 1, comma - lb - 1), mn) || mn < 0) return fail("bad group minimum");
            if (maxText == "*") mx = -1;
            else if (!parseInt(maxText, mx) || mx < mn || mx < 1) return fail("bad group maximum \"" + maxText + "\"");
            g.min = static_cast<int>(mn);
            g.max = static_cast<int>(mx);
            const size_t op = body.find('('), cp = body.find(')');
            g.id = (op != std::string::npos && cp != std::string::npos && op < lb) ? body.substr(op + 1, cp - op - 1)
                                                                                   : "group" + std::to_string(groups.size());
            groups.push_back(g);
            stack.emplace_back(indent, -static_cast<int>(groups.size()) - 1);
            continue;
        }
        Feature f;
        if (!parseFeature(body.substr(kind == ' ' ? 1 : 2), f)) return fail("feature without a name");
        if (byId.count(f.id)) return fail("feature id \"" + f.id + "\" is used twice");
        if (kind == 'r') {
            if (!features.empty()) return fail("a second root feature");
            f.alwaysOn = true;
        } else if (kind == 'm' || kind == 'o') {
            if (parentRef < 0) return fail(kind == 'm' ? "mandatory feature without a parent" : "optional feature without a parent");
            if (parentRef <= -2) return fail("a group may only hold ': ' members");
            f.parent = parentRef;
            f.mandatory = kind == 'm';
        } else if (kind == ' ') {
            if (parentRef > -2) return fail("group member outside a group");
            f.group = -parentRef - 2;
            f.parent = groups[static_cast<size_t>(f.group)].parent;
        } else {
            return fail(std::string("unknown line kind ':") + kind + "'");
        }
        features.push_back(f);
        const int idx = static_cast<int>(features.size()) - 1;
        byId[f.id] = idx;
        if (f.group >= 0) groups[static_cast<size_t>(f.group)].members.push_back(idx);
        stack.emplace_back(indent, idx);
    }
    if (features.empty()) return failure(source, "<feature_tree> has no root feature");

    // Variables in tree order (parents come before children).
    for (auto& f : features) {
        if (f.parent >= 0 && f.mandatory && features[static_cast<size_t>(f.parent)].alwaysOn) f.alwaysOn = true;
        if (f.alwaysOn || f.group >= 0) continue;
        f.var = problem.addVariable(f.id, {"0", "1"});
        f.value = 1;
    }
    auto literalOf = [&](int feature) {
        const Feature& f = features[static_cast<size_t>(feature)];
        return Literal{f.alwaysOn ? -1 : f.var, f.value, false};
    };
    auto holds = [](const Literal& l, const std::vector<int>& scope, const std::vector<int>& values) {
        if (l.var < 0) return !l.negated;
        for (size_t i = 0; i < scope.size(); ++i)
            if (scope[i] == l.var) return (values[i] == l.value) != l.negated;
        return false;
    };
    auto scopeOf = [](const std::vector<Literal>& lits) {
        std::vector<int> scope;
        for (const auto& l : lits)
            if (l.var >= 0 && std::find(scope.begin(), scope.end(), l.var) == scope.end()) scope.push_back(l.var);
        return scope;
    };
    // Groups become one variable when at most one member may be chosen, else one Boolean per member.
    // Members must exist before features below them refer to them, so assign group variables first.
    for (size_t gi = 0; gi < groups.size(); ++gi) {
        Group& g = groups[gi];
        if (g.members.empty()) return failure(source, "group \"" + g.id + "\" has no members");
        const int k = static_cast<int>(g.members.size());
        if (g.max < 0 || g.max > k) g.max = k;
        if (g.min > k) return failure(source, "group \"" + g.id + "\" needs " + std::to_string(g.min) + " of " + std::to_string(k) + " members");
        if (g.max == 1) {
            std::vector<std::string> labels;
            for (int m : g.members) labels.push_back(features[static_cast<size_t>(m)].id);
            // "-": no member chosen, when the parent can be absent or the group is [0,1].
            if (!features[static_cast<size_t>(g.parent)].alwaysOn || g.min == 0) labels.push_back("-");
            g.var = problem.addVariable(g.id, labels);
            for (int i = 0; i < k; ++i) {
                features[static_cast<size_t>(g.members[static_cast<size_t>(i)])].var = g.var;
                features[static_cast<size_t>(g.members[static_cast<size_t>(i)])].value = i;
            }
        } else {
            for (int m : g.members) features[static_cast<size_t>(m)].var = problem.addVariable(features[static_cast<size_t>(m)].id, {"0", "1"});
        }
    }
    // Tree constraints.
    for (size_t fi = 0; fi < features.size(); ++fi) {
        const Feature& f = features[fi];
        if (f.parent < 0 || f.group >= 0 || f.alwaysOn) continue;
        const Literal self = literalOf(static_cast<int>(fi)), parent = literalOf(f.parent);
        const std::vector<int> scope = scopeOf({self, parent});
        const bool mandatory = f.mandatory;
        problem.addPredicate("tree:" + f.id, scope, [&, mandatory](const std::vector<int>& v) {
            const bool s = holds(self, scope, v), p = holds(parent, scope, v);
            return mandatory ? s == p : (!s || p);
        });
    }
    for (const Group& g : groups) {
        const Literal parent = literalOf(g.parent);
        if (g.var >= 0) {
            const int none = static_cast<int>(g.members.size());
            const int mn = g.min;
            const std::vector<int> scope = scopeOf({parent, Literal{g.var, 0, false}});
            problem.addPredicate("group:" + g.id, scope, [&, none, mn](const std::vector<int>& v) {
                const bool p = holds(parent, scope, v);
                int gv = 0;
                for (size_t i = 0; i < scope.size(); ++i)
                    if (scope[i] == g.var) gv = v[i];
                return p ? (mn == 0 || gv != none) : gv == none;
            });
            continue;
        }
        // Cardinality over Boolean members: a running count per member keeps each table small.
        int prevCount = -1;
        for (size_t i = 0; i < g.members.size(); ++i) {
            const int cap = std::min(static_cast<int>(i) + 1, g.max + 1);
            std::vector<std::string> labels;
            for (int c = 0; c <= cap; ++c) labels.push_back(std::to_string(c));
            const int count = problem.addVariable(g.id + "#count" + std::to_string(i), labels, true);
            const int member = features[static_cast<size_t>(g.members[i])].var;
            std::vector<int> scope = {member, count};
            if (prevCount >= 0) scope.insert(scope.begin(), prevCount);
            const int capValue = cap;
            problem.addPredicate("group:" + g.id, scope, [capValue, hasPrev = prevCount >= 0](const std::vector<int>& v) {
                const int before = hasPrev ? v[0] : 0;
                const int x = hasPrev ? v[1] : v[0];
                const int after = hasPrev ? v[2] : v[1];
                return after == std::min(before + x, capValue);
            });
            prevCount = count;
        }
        const std::vector<int> scope = scopeOf({parent, Literal{prevCount, 0, false}});
        const int mn = g.min, mx = g.max;
        problem.addPredicate("group:" + g.id, scope, [&, mn, mx, prevCount](const std::vector<int>& v) {
            const bool p = holds(parent, scope, v);
            int c = 0;
            for (size_t i = 0; i < scope.size(); ++i)
                if (scope[i] == prevCount) c = v[i];
            return p ? (c >= mn && c <= mx) : c == 0;
        });
    }
    // Cross-tree clauses.
    if (const auto* cons = root.child("constraints")) {
        std::istringstream in(cons->text);
        int consLine = cons->line - 1;
        while (std::getline(in, line)) {
            ++consLine;
            const auto first = line.find_first_not_of(" \t\r");
            if (first == std::string::npos) continue;
            const size_t colon = line.find(':');
            if (colon == std::string::npos)
                return failure(source, "<constraints> line " + std::to_string(consLine) + ": expected \"id:clause\"");
            std::string id = line.substr(first, colon - first);
            std::vector<Literal> lits;
            bool alwaysTrue = false;
            std::string clause = line.substr(colon + 1);
            for (auto& ch : clause) ch = static_cast<char>(ch == '(' || ch == ')' ? ' ' : ch);
            const auto toks = splitWhitespace(clause);
            for (size_t t = 0; t < toks.size(); ++t) {
                if (t % 2 == 1) {
                    if (toks[t] != "or")
                        return failure(source, "<constraints> line " + std::to_string(consLine) + ": expected \"or\", got \"" + toks[t] + "\"");
                    continue;
                }
                std::string name = toks[t];
                bool neg = false;
                if (!name.empty() && name[0] == '~') {
                    neg = true;
                    name.erase(0, 1);
                }
                auto it = byId.find(name);
                if (it == byId.end())
                    return failure(source, "<constraints> line " + std::to_string(consLine) + ": unknown feature \"" + name + "\"");
                Literal l = literalOf(it->second);
                l.negated = neg;
                if (l.var < 0) {
                    if (!neg) alwaysTrue = true;
                    continue;  // an always-present feature: positive satisfies the clause, negative drops out
                }
                lits.push_back(l);
            }
            if (toks.empty() || toks.size() % 2 == 0)
                return failure(source, "<constraints> line " + std::to_string(consLine) + ": malformed clause");
            if (alwaysTrue) continue;
            std::vector<int> scope = scopeOf(lits);
            if (scope.empty()) scope.push_back(0);  // a clause that can never hold: an empty table
            if (!problem.addPredicate(id, scope, [&](const std::vector<int>& v) {
                    for (const auto& l : lits)
                        if (holds(l, scope, v)) return true;
                    return false;
                }))
                return failure(source, "<constraints> line " + std::to_string(consLine) + ": clause \"" + id + "\" is too wide");
        }
    }
    if (problem.variables.empty()) problem.addVariable("root", {"1"});
    if (auto err = problem.validate()) return failure(source, *err);
    ImportResult r;
    r.problem = std::move(problem);
    return r;
}

}  // namespace

ImportResult parseXcsp(const std::string& text, const std::string& source) {
    auto doc = xml::parse(text);
    if (!doc.root) return failure(source, doc.error);
    return xcspFromDocument(*doc.root, source);
}

ImportResult parseSxfm(const std::string& text, const std::string& source) {
    auto doc = xml::parse(text);
    if (!doc.root) return failure(source, doc.error);
    return sxfmFromDocument(*doc.root, source);
}

ImportResult loadProblemFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return failure(path, "cannot open the file");
    const auto size = static_cast<std::uint64_t>(in.tellg());
    if (size > kMaxImportBytes)
        return failure(path, "the file has " + std::to_string(size) + " bytes, more than the limit of " +
                                 std::to_string(kMaxImportBytes) + " bytes");
    in.seekg(0);
    std::string text(static_cast<size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size))) return failure(path, "cannot read the file");
    auto doc = xml::parse(text);
    if (!doc.root) return failure(path, doc.error);
    if (doc.root->name == "instance") return xcspFromDocument(*doc.root, path);
    if (doc.root->name == "feature_model") return sxfmFromDocument(*doc.root, path);
    return failure(path, "unknown format: the root element is <" + doc.root->name +
                             ">, expected <instance> (XCSP 2.1) or <feature_model> (SPLOT SXFM)");
}

}  // namespace core::rules
