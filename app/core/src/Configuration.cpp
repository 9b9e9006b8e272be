#include "core/Configuration.h"

#include <algorithm>

namespace core {

std::vector<Violation> checkConfiguration(const Catalog& catalog, const Configuration& config) {
    std::vector<Violation> out;
    const Model* model = catalog.findModel(config.model);
    if (!model) return {{"model", "unknown model \"" + config.model + "\""}};
    const Trim* trim = model->findTrim(config.trim);
    if (!trim) return {{"trim", "unknown trim \"" + config.trim + "\""}};

    for (const auto& id : config.options) {
        if (std::find(trim->options.begin(), trim->options.end(), id) == trim->options.end())
            out.push_back({"offer:" + id, "option \"" + id + "\" is not offered on trim \"" + trim->id + "\""});
    }
    for (const auto& cat : catalog.categories) {
        if (!cat.single || cat.id == "trim") continue;
        size_t offered = 0, chosen = 0;
        for (const auto& id : trim->options)
            if (const Option* o = model->findOption(id); o && o->category == cat.id) ++offered;
        for (const auto& id : config.options)
            if (const Option* o = model->findOption(id); o && o->category == cat.id) ++chosen;
        if (offered > 0 && chosen != 1)
            out.push_back({"category:" + cat.id, "category \"" + cat.id + "\" needs exactly one option, has " +
                                                     std::to_string(chosen)});
    }
    for (const auto& rule : model->rules) {
        if (!config.has(rule.subject)) continue;
        switch (rule.kind) {
            case RuleKind::Requires: {
                bool any = false;
                for (const auto& t : rule.targets) any = any || config.has(t);
                if (!any) out.push_back({rule.id, rule.subject + " requires one of its targets"});
                break;
            }
            case RuleKind::Excludes:
                for (const auto& t : rule.targets)
                    if (config.has(t)) out.push_back({rule.id, rule.subject + " excludes " + t});
                break;
            case RuleKind::Includes:
                for (const auto& t : rule.targets)
                    if (!config.has(t)) out.push_back({rule.id, rule.subject + " includes " + t});
                break;
        }
    }
    return out;
}

Configuration defaultConfiguration(const Model& model, const Trim& trim) {
    Configuration c;
    c.model = model.id;
    c.trim = trim.id;
    for (const auto& [category, option] : trim.defaults) c.options.insert(option);
    for (const auto& rule : model.rules)
        if (rule.kind == RuleKind::Includes && c.has(rule.subject))
            for (const auto& t : rule.targets) c.options.insert(t);
    return c;
}

}  // namespace core
