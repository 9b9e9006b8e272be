#include "core/rules/CatalogConfigurator.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/rules/Reference.h"

namespace core::rules {

namespace {

struct Lit {
    int var = -1;
    int value = 0;
};

bool isOneOf(const Catalog& catalog, const std::string& category) {
    const Category* c = catalog.findCategory(category);
    return c == nullptr || c->single;
}

// Compiled within the default budget, or in search mode past it (the same engine as any rule file).
RuleSet loadOrThrow(const Catalog& catalog, const Model& model) {
    RuleSet r = loadRuleSet(compileCatalogModel(catalog, model));
    if (!r) {
        std::string what = "rules of model \"" + model.id + "\": " + r.error;
        if (!r.blame.empty()) {
            what += " (conflicting rules:";
            for (const auto& b : r.blame) what += " " + b;
            what += ")";
        }
        throw std::runtime_error(what);
    }
    return r;
}

std::string replaceAll(std::string s, const std::string& key, const std::string& value) {
    for (size_t p = s.find(key); p != std::string::npos; p = s.find(key, p + value.size())) s.replace(p, key.size(), value);
    return s;
}

}  // namespace

namespace {

using Literals = std::map<std::string, Lit>;  // option or trim id -> the value that stands for it

bool offeredOn(const Trim& t, const std::string& option) {
    return std::find(t.options.begin(), t.options.end(), option) != t.options.end();
}

bool holds(const Lit& l, const std::vector<int>& scope, const std::vector<int>& values) {
    for (size_t i = 0; i < scope.size(); ++i)
        if (scope[i] == l.var) return values[i] == l.value;
    return false;
}

std::vector<int> scopeOf(const std::vector<Lit>& lits) {
    std::vector<int> scope;
    for (const auto& l : lits)
        if (std::find(scope.begin(), scope.end(), l.var) == scope.end()) scope.push_back(l.var);
    return scope;
}

// `trim`, priced by the trims' base prices.
int addTrimVariable(Problem& p, const Model& model, Literals& literal) {
    std::vector<std::string> trimIds;
    for (const auto& t : model.trims) trimIds.push_back(t.id);
    const int trimVar = p.addVariable("trim", trimIds);
    for (size_t i = 0; i < model.trims.size(); ++i) {
        p.variables[static_cast<size_t>(trimVar)].priceMinor[i] = model.trims[i].basePriceMinor;
        literal[model.trims[i].id] = {trimVar, static_cast<int>(i)};
    }
    return trimVar;
}

// A one-of category: one variable over its options (plus "-" when some trim offers none of them),
// tied to the trim by what each trim offers.
void addOneOfCategory(Problem& p, const Model& model, int trimVar, const std::string& cat,
                      const std::vector<const Option*>& options, Literals& literal) {
    std::vector<std::string> labels;
    for (const auto* o : options) labels.push_back(o->id);
    auto offersAny = [&](const Trim& t) {
        for (const auto* o : options)
            if (offeredOn(t, o->id)) return true;
        return false;
    };
    bool someTrimWithout = false;
    for (const auto& t : model.trims) someTrimWithout = someTrimWithout || !offersAny(t);
    if (someTrimWithout) labels.push_back("-");
    const int var = p.addVariable(cat, labels);
    for (size_t i = 0; i < options.size(); ++i) {
        p.variables[static_cast<size_t>(var)].priceMinor[i] = options[i]->priceMinor;
        literal[options[i]->id] = {var, static_cast<int>(i)};
    }
    const int none = someTrimWithout ? static_cast<int>(options.size()) : -1;
    p.addPredicate("offer:" + cat, {trimVar, var}, [&, none](const std::vector<int>& v) {
        const Trim& t = model.trims[static_cast<size_t>(v[0])];
        if (v[1] == none) return !offersAny(t);
        return offeredOn(t, options[static_cast<size_t>(v[1])]->id);
    });
}

// Packages and accessories: a 0/1 variable each, 1 only on trims that offer it.
void addOptionalOptions(Problem& p, const Model& model, int trimVar, const std::vector<const Option*>& options, Literals& literal) {
    for (const auto* o : options) {
        const int var = p.addVariable(o->id, {"0", "1"});
        p.variables[static_cast<size_t>(var)].priceMinor[1] = o->priceMinor;
        literal[o->id] = {var, 1};
        p.addPredicate("offer:" + o->id, {trimVar, var}, [&, o](const std::vector<int>& v) {
            return v[1] == 0 || offeredOn(model.trims[static_cast<size_t>(v[0])], o->id);
        });
    }
}

// One table per content rule (requires / excludes / includes). Returns, per option id, the
// packages (or trims) that include it.
std::map<std::string, std::vector<Lit>> addRuleTables(Problem& p, const Model& model, const Literals& literal) {
    auto lit = [&](const std::string& id) {
        auto it = literal.find(id);
        if (it == literal.end()) throw std::runtime_error("rule names unknown id \"" + id + "\" in model \"" + model.id + "\"");
        return it->second;
    };
    std::map<std::string, std::vector<Lit>> includedBy;
    for (const auto& rule : model.rules) {
        const Lit s = lit(rule.subject);
        std::vector<Lit> targets;
        for (const auto& t : rule.targets) targets.push_back(lit(t));
        std::vector<Lit> all = targets;
        all.insert(all.begin(), s);
        const std::vector<int> scope = scopeOf(all);
        const RuleKind kind = rule.kind;
        p.addPredicate(rule.id, scope, [&, s, targets, kind](const std::vector<int>& v) {
            if (!holds(s, scope, v)) return true;
            switch (kind) {
                case RuleKind::Requires:
                    for (const auto& t : targets)
                        if (holds(t, scope, v)) return true;
                    return false;
                case RuleKind::Excludes:
                    for (const auto& t : targets)
                        if (holds(t, scope, v)) return false;
                    return true;
                case RuleKind::Includes:
                    for (const auto& t : targets)
                        if (!holds(t, scope, v)) return false;
                    return true;
            }
            return true;
        });
        if (kind == RuleKind::Includes)
            for (const auto& t : rule.targets) includedBy[t].push_back(s);
    }
    return includedBy;
}

// An option a package includes is paid for only when no including package is in the car: the
// option's own value costs nothing and a bookkeeping variable, fixed by the others, carries it.
void addChargedVariables(Problem& p, const Model& model, const Literals& literal,
                         const std::map<std::string, std::vector<Lit>>& includedBy) {
    for (const auto& [id, subjects] : includedBy) {
        const Lit t = literal.at(id);
        const Option* o = model.findOption(id);
        p.variables[static_cast<size_t>(t.var)].priceMinor[static_cast<size_t>(t.value)] = 0;
        const int charged = p.addVariable("charged:" + id, {"0", "1"}, true);
        p.variables[static_cast<size_t>(charged)].priceMinor[1] = o ? o->priceMinor : 0;
        std::vector<Lit> all = subjects;
        all.push_back(t);
        all.push_back({charged, 1});
        const std::vector<int> scope = scopeOf(all);
        p.addPredicate("charged:" + id, scope, [&, t, charged](const std::vector<int>& v) {
            bool included = false;
            for (const auto& s : subjects) included = included || holds(s, scope, v);
            return holds({charged, 1}, scope, v) == (holds(t, scope, v) && !included);
        });
    }
}

}  // namespace

Problem compileCatalogModel(const Catalog& catalog, const Model& model) {
    Problem p;
    p.name = model.id;
    Literals literal;
    const int trimVar = addTrimVariable(p, model, literal);
    // One-of categories in catalog order, then packages and accessories one by one.
    std::vector<std::string> categoryIds;
    for (const auto& c : catalog.categories)
        if (c.id != "trim") categoryIds.push_back(c.id);
    for (const auto& o : model.options)
        if (std::find(categoryIds.begin(), categoryIds.end(), o.category) == categoryIds.end()) categoryIds.push_back(o.category);
    for (const auto& cat : categoryIds) {
        std::vector<const Option*> options;
        for (const auto& o : model.options)
            if (o.category == cat) options.push_back(&o);
        if (options.empty()) continue;
        if (isOneOf(catalog, cat)) addOneOfCategory(p, model, trimVar, cat, options, literal);
        else addOptionalOptions(p, model, trimVar, options, literal);
    }
    addChargedVariables(p, model, literal, addRuleTables(p, model, literal));
    return p;
}

CatalogConfigurator::CatalogConfigurator(const Catalog& catalog, const Model& model)
    : m_catalog(catalog), m_model(model), m_session(loadOrThrow(catalog, model)) {
    const Problem& p = m_session.problem();
    m_trimVar = p.findVariable("trim");
    m_categoryOrder.push_back("trim");
    for (const auto& v : p.variables) {
        std::vector<std::string> ids;
        std::string category;
        if (v.auxiliary) {
            ids.assign(v.labels.size(), "");
        } else if (v.name == "trim") {
            category = "trim";
            ids = v.labels;
        } else if (const Option* o = model.findOption(v.name); o && !isOneOf(catalog, o->category)) {
            category = o->category;
            ids = {"", o->id};
        } else {
            category = v.name;
            for (const auto& l : v.labels) ids.push_back(l == "-" ? "" : l);
        }
        if (!category.empty() && std::find(m_categoryOrder.begin(), m_categoryOrder.end(), category) == m_categoryOrder.end())
            m_categoryOrder.push_back(category);
        m_varCategory.push_back(category);
        m_valueId.push_back(std::move(ids));
    }
    std::stable_sort(m_categoryOrder.begin() + 1, m_categoryOrder.end(), [&](const std::string& a, const std::string& b) {
        const Category* ca = catalog.findCategory(a);
        const Category* cb = catalog.findCategory(b);
        return (ca ? ca->order : 1000) < (cb ? cb->order : 1000);
    });
}

std::optional<std::pair<int, int>> CatalogConfigurator::literalOf(const std::string& id) const {
    if (id.empty()) return std::nullopt;
    for (size_t v = 0; v < m_valueId.size(); ++v)
        for (size_t x = 0; x < m_valueId[v].size(); ++x)
            if (m_valueId[v][x] == id) return std::make_pair(static_cast<int>(v), static_cast<int>(x));
    return std::nullopt;
}

std::string CatalogConfigurator::idOf(int var, int value) const {
    return m_valueId[static_cast<size_t>(var)][static_cast<size_t>(value)];
}

std::string CatalogConfigurator::categoryOf(int var) const { return m_varCategory[static_cast<size_t>(var)]; }

std::optional<ChoiceState> CatalogConfigurator::state(const std::string& id) const {
    const auto lit = literalOf(id);
    if (!lit) return std::nullopt;
    const auto [var, value] = *lit;
    ChoiceState s;
    s.id = id;
    s.category = categoryOf(var);
    s.available = m_session.available(var, value);
    const auto& now = car();
    s.selected = now ? (*now)[static_cast<size_t>(var)] == value : m_session.boundValue(var) == value;
    s.picked = m_session.picks()[static_cast<size_t>(var)] == value;
    const bool boolean = m_valueId[static_cast<size_t>(var)].size() == 2 && m_valueId[static_cast<size_t>(var)][0].empty() &&
                         s.category != "trim" && !isOneOf(m_catalog, s.category);
    if (boolean && s.selected) s.removable = m_session.available(var, 0);
    if (var == m_trimVar) {
        s.offered = true;
    } else {
        const int trim = m_session.boundValue(m_trimVar);
        s.offered = false;
        for (size_t t = 0; t < m_model.trims.size(); ++t) {
            if (trim != kUnset && static_cast<int>(t) != trim) continue;
            const auto& opts = m_model.trims[t].options;
            s.offered = s.offered || std::find(opts.begin(), opts.end(), id) != opts.end();
        }
    }
    return s;
}

std::vector<ChoiceState> CatalogConfigurator::choices(const std::string& category) const {
    std::vector<ChoiceState> out;
    if (category == "trim") {
        for (const auto& t : m_model.trims) out.push_back(*state(t.id));
        return out;
    }
    for (const auto& o : m_model.options)
        if (o.category == category) out.push_back(*state(o.id));
    return out;
}

Text CatalogConfigurator::offerMessage(const std::string& option, const Assignment& context) const {
    std::map<std::string, std::string> byLanguage;
    const int trim = context[static_cast<size_t>(m_trimVar)];
    for (const auto& lang : m_catalog.market.languages) {
        const Option* o = m_model.findOption(option);
        const std::string optionName = o ? o->name.get(lang) : option;
        if (trim != kUnset) {
            byLanguage[lang] = replaceAll(replaceAll(m_catalog.ui("rules.not_offered_on_trim", lang), "{option}", optionName),
                                          "{trim}", m_model.trims[static_cast<size_t>(trim)].name.get(lang));
        } else {
            std::string trims;
            for (const auto& t : m_model.trims)
                if (std::find(t.options.begin(), t.options.end(), option) != t.options.end())
                    trims += (trims.empty() ? "" : ", ") + t.name.get(lang);
            byLanguage[lang] = replaceAll(replaceAll(m_catalog.ui("rules.offered_only_on", lang), "{option}", optionName),
                                          "{trims}", trims);
        }
    }
    return Text(std::move(byLanguage));
}

std::optional<Explanation> CatalogConfigurator::explainValue(int var, int value) const {
    if (m_session.available(var, value)) return std::nullopt;
    Explanation e;
    const std::vector<int> vars = m_session.explain(var, value);
    Assignment context(m_session.picks().size(), kUnset);
    for (int v : vars) {
        const int pv = m_session.picks()[static_cast<size_t>(v)];
        context[static_cast<size_t>(v)] = pv;
        const std::string id = idOf(v, pv);
        e.picks.push_back(id.empty() ? "-" + categoryOf(v) : id);
    }
    context[static_cast<size_t>(var)] = value;
    // The rules behind it: a minimal set of constraints that the minimal picks and the value break.
    // Our catalog models are small, so plain backtracking over rule subsets is instant.
    const Problem& p = m_session.problem();
    for (int c : minimalConflict(p, context)) {
        const std::string& name = p.constraints[static_cast<size_t>(c)].name;
        if (name.rfind("offer:", 0) == 0) {
            // The option the offer constraint is about: the tapped value if it is on that
            // constraint's variable, else the pick there.
            const int ov = p.constraints[static_cast<size_t>(c)].scope[1];
            const std::string option = idOf(ov, context[static_cast<size_t>(ov)] == kUnset ? 1 : context[static_cast<size_t>(ov)]);
            e.reasons.push_back({"offer:" + option, offerMessage(option, context)});
        } else if (name.rfind("charged:", 0) != 0) {
            Text message;
            for (const auto& r : m_model.rules)
                if (r.id == name) message = r.message;
            e.reasons.push_back({name, message});
        }
    }
    return e;
}

std::optional<Explanation> CatalogConfigurator::explain(const std::string& id) const {
    const auto lit = literalOf(id);
    if (!lit) return std::nullopt;
    return explainValue(lit->first, lit->second);
}

std::optional<Explanation> CatalogConfigurator::explainRemoval(const std::string& id) const {
    const auto lit = literalOf(id);
    if (!lit || m_valueId[static_cast<size_t>(lit->first)].size() != 2 || lit->second != 1) return std::nullopt;
    return explainValue(lit->first, 0);
}

bool CatalogConfigurator::pick(const std::string& id) {
    const auto lit = literalOf(id);
    if (!lit || !m_session.available(lit->first, lit->second)) return false;
    m_session.pick(lit->first, lit->second);
    m_car.reset();
    return true;
}

void CatalogConfigurator::unpick(const std::string& id) {
    const auto lit = literalOf(id);
    if (lit && m_session.picks()[static_cast<size_t>(lit->first)] == lit->second) m_session.unpick(lit->first);
    m_car.reset();
}

void CatalogConfigurator::reset() {
    m_session.clear();
    m_car.reset();
}

// The trim is the picked (or only possible) one, else the cheapest car's; every one-of category
// the customer has not picked then keeps that trim's default unless the rules rule it out.
std::optional<Assignment> CatalogConfigurator::carFor(const Assignment& picks) const {
    Assignment partial = picks;
    if (partial[static_cast<size_t>(m_trimVar)] == kUnset) {
        const auto cheapest = m_session.preferredCompletion(picks, {});
        if (!cheapest) return std::nullopt;
        partial[static_cast<size_t>(m_trimVar)] = (*cheapest)[static_cast<size_t>(m_trimVar)];
    }
    const Trim& trim = m_model.trims[static_cast<size_t>(partial[static_cast<size_t>(m_trimVar)])];
    const Problem& p = m_session.problem();
    std::vector<std::vector<std::int64_t>> penalty(p.variables.size());
    for (size_t v = 0; v < p.variables.size(); ++v) {
        if (picks[v] != kUnset || static_cast<int>(v) == m_trimVar) continue;
        const auto it = trim.defaults.find(m_varCategory[v]);
        if (it == trim.defaults.end()) continue;
        penalty[v].assign(static_cast<size_t>(p.variables[v].size()), 1);
        for (size_t x = 0; x < m_valueId[v].size(); ++x)
            if (m_valueId[v][x] == it->second) penalty[v][x] = 0;
    }
    return m_session.preferredCompletion(partial, penalty);
}

const std::optional<Assignment>& CatalogConfigurator::car() const {
    if (!m_car) m_car = m_session.consistent() ? carFor(m_session.picks()) : std::nullopt;
    return *m_car;
}

// Every variable whose value differs between the two cars, as lines: the pick changes first (in
// their order), then the rest. A bookkeeping `charged:` variable is priced into the line of the
// option it charges when that option changed, else into the line of a changed package including it.
std::vector<PickChange> CatalogConfigurator::carChanges(const Assignment& before, const Assignment& after,
                                                        const std::vector<ValueChange>& pickChanges) const {
    const Problem& p = m_session.problem();
    std::vector<std::int64_t> delta(p.variables.size(), 0);
    for (size_t v = 0; v < p.variables.size(); ++v)
        delta[v] = p.variables[v].priceMinor[static_cast<size_t>(after[v])] - p.variables[v].priceMinor[static_cast<size_t>(before[v])];
    for (const auto& c : p.constraints) {
        if (c.name.rfind("charged:", 0) != 0) continue;
        const int aux = c.scope.back();
        if (delta[static_cast<size_t>(aux)] == 0) continue;
        const auto lit = literalOf(c.name.substr(8));
        const int option = lit ? lit->first : -1;
        int owner = -1;
        if (option >= 0 && before[static_cast<size_t>(option)] != after[static_cast<size_t>(option)]) owner = option;
        for (size_t i = 0; owner < 0 && i + 1 < c.scope.size(); ++i)
            if (before[static_cast<size_t>(c.scope[i])] != after[static_cast<size_t>(c.scope[i])]) owner = c.scope[i];
        if (owner < 0) continue;  // cannot happen: the bookkeeping value is a function of the others
        delta[static_cast<size_t>(owner)] += delta[static_cast<size_t>(aux)];
        delta[static_cast<size_t>(aux)] = 0;
    }
    std::vector<PickChange> out;
    std::vector<char> listed(p.variables.size(), 0);
    for (const auto& c : pickChanges) {
        listed[static_cast<size_t>(c.var)] = 1;
        out.push_back({categoryOf(c.var), idOf(c.var, before[static_cast<size_t>(c.var)]),
                       c.to == kUnset ? "" : idOf(c.var, c.to), true, delta[static_cast<size_t>(c.var)]});
    }
    for (size_t v = 0; v < p.variables.size(); ++v) {
        if (listed[v] || p.variables[v].auxiliary || before[v] == after[v]) continue;
        const int var = static_cast<int>(v);
        out.push_back({categoryOf(var), idOf(var, before[v]), idOf(var, after[v]), false, delta[v]});
    }
    return out;
}

RepairProposal CatalogConfigurator::proposeRepair(const std::string& id) const {
    RepairProposal out;
    out.target = id;
    const auto lit = literalOf(id);
    if (!lit) return out;
    const Repair r = m_session.repair(lit->first, lit->second);
    if (!r.possible) return out;
    Assignment next = m_session.picks();
    for (const auto& c : r.changes) next[static_cast<size_t>(c.var)] = c.to;
    const auto after = carFor(next);
    if (!after) return out;
    // With conflicting picks there is no car now: price against the cheapest car of the picks
    // without the ones the repair changes.
    auto before = car();
    if (!before) {
        Assignment kept = m_session.picks();
        for (const auto& c : r.changes) kept[static_cast<size_t>(c.var)] = kUnset;
        before = carFor(kept);
    }
    if (!before) return out;
    out.possible = true;
    out.changes = carChanges(*before, *after, r.changes);
    for (const auto& c : out.changes) out.priceDeltaMinor += c.priceDeltaMinor;
    return out;
}

bool CatalogConfigurator::applyRepair(const RepairProposal& proposal) {
    if (!proposal.possible) return false;
    Assignment next = m_session.picks();
    const auto& now = car();
    for (const auto& c : proposal.changes) {
        if (!c.pick) continue;  // follows from the pick changes
        const auto from = literalOf(c.from);
        const auto to = literalOf(c.to);
        const Assignment& current = now ? *now : m_session.picks();
        if (from && current[static_cast<size_t>(from->first)] != from->second) return false;  // stale proposal
        if (to) next[static_cast<size_t>(to->first)] = to->second;
        else if (from) next[static_cast<size_t>(from->first)] = kUnset;  // dropped: "none" / "without"
    }
    m_session.setPicks(next);
    m_car.reset();
    return m_session.consistent();
}

bool CatalogConfigurator::isComplete() const {
    if (!m_session.consistent()) return false;
    for (size_t v = 0; v < m_varCategory.size(); ++v) {
        const std::string& cat = m_varCategory[v];
        if (cat.empty() || (cat != "trim" && !isOneOf(m_catalog, cat))) continue;
        if (m_session.boundValue(static_cast<int>(v)) == kUnset) return false;
    }
    return true;
}

PriceRange CatalogConfigurator::priceBounds() const {
    const PriceBounds b = m_session.priceBounds();
    return {b.valid, b.minMinor, b.maxMinor};
}

std::optional<Configuration> CatalogConfigurator::toConfiguration() const {
    const auto& full = car();
    if (!full) return std::nullopt;
    Configuration c;
    c.model = m_model.id;
    for (size_t v = 0; v < full->size(); ++v) {
        const std::string id = idOf(static_cast<int>(v), (*full)[v]);
        if (id.empty()) continue;
        if (static_cast<int>(v) == m_trimVar) c.trim = id;
        else c.options.insert(id);
    }
    return c;
}

std::vector<std::string> CatalogConfigurator::pickedIds() const {
    std::vector<std::string> out;
    for (int v : m_session.pickOrder()) {
        const std::string id = idOf(v, m_session.picks()[static_cast<size_t>(v)]);
        if (!id.empty()) out.push_back(id);
    }
    return out;
}

}  // namespace core::rules
