#include "core/Catalog.h"

#include <algorithm>
#include <limits>

namespace core {

const Trim* Model::findTrim(const std::string& trimId) const {
    for (const auto& t : trims)
        if (t.id == trimId) return &t;
    return nullptr;
}

const Option* Model::findOption(const std::string& optionId) const {
    for (const auto& o : options)
        if (o.id == optionId) return &o;
    return nullptr;
}

std::int64_t Model::fromPriceMinor() const {
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    for (const auto& t : trims) best = std::min(best, t.basePriceMinor);
    return trims.empty() ? 0 : best;
}

const Model* Catalog::findModel(const std::string& modelId) const {
    for (const auto& m : models)
        if (m.id == modelId) return &m;
    return nullptr;
}

const Category* Catalog::findCategory(const std::string& categoryId) const {
    for (const auto& c : categories)
        if (c.id == categoryId) return &c;
    return nullptr;
}

std::string Catalog::ui(const std::string& key, const std::string& language) const {
    auto it = strings.find(key);
    if (it == strings.end()) return key;
    return it->second.get(language);
}

std::optional<std::string> Catalog::requireModuleFile(const std::string& module, const std::string& why,
                                                     ContentErrors& errors) const {
    auto it = moduleFiles.find(module);
    if (it != moduleFiles.end()) return it->second;
    errors.push_back({directory + "/content.json", "/modules", "no \"" + module + "\" module: " + why});
    return std::nullopt;
}

}  // namespace core
