#include "core/rules/TrimCheck.h"

#include <stdexcept>

#include "core/Configuration.h"
#include <set>
#include "core/rules/CatalogConfigurator.h"

namespace core::rules {

namespace {

std::string defaultsPath(size_t trim) { return "/trims/" + std::to_string(trim) + "/defaults"; }

std::string joined(const std::set<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "(nothing)" : out;
}

}  // namespace

ContentErrors checkTrimDefaults(const Catalog& catalog, const Model& model) {
    ContentErrors out;
    auto fail = [&](size_t trim, const std::string& message) {
        out.push_back({model.sourceFile, defaultsPath(trim), "trim \"" + model.trims[trim].id + "\": " + message});
    };
    std::vector<Configuration> defaults;
    for (const auto& t : model.trims) defaults.push_back(defaultConfiguration(model, t));
    // The default car obeys every rule.
    for (size_t i = 0; i < model.trims.size(); ++i)
        for (const auto& v : checkConfiguration(catalog, defaults[i]))
            fail(i, "the default car breaks " + v.ruleId + " (" + v.message + ")");
    // Tapping the trim gives exactly its default car.
    try {
        CatalogConfigurator cfg(catalog, model);
        for (size_t i = 0; i < model.trims.size(); ++i) {
            cfg.reset();
            const auto car = cfg.pick(model.trims[i].id) ? cfg.toConfiguration() : std::nullopt;
            if (!car) fail(i, "the trim has no valid car");
            else if (car->options != defaults[i].options)
                fail(i, "tapping the trim gives " + joined(car->options) + ", not its defaults " + joined(defaults[i].options));
        }
    } catch (const std::exception&) {
        // The rules themselves are broken: `kioskctl validate` reports that on its own.
    }
    // A dearer trim must give more than a cheaper one: not the same default car.
    for (size_t i = 0; i < model.trims.size(); ++i)
        for (size_t j = 0; j < i; ++j) {
            const Trim& a = model.trims[i];
            const Trim& b = model.trims[j];
            if (a.basePriceMinor == b.basePriceMinor || defaults[i].options != defaults[j].options) continue;
            fail(i, "the same default car as \"" + b.id + "\" (" + joined(defaults[i].options) + ") at a different price (" +
                        std::to_string(a.basePriceMinor) + " against " + std::to_string(b.basePriceMinor) + " minor units)");
        }
    return out;
}

}  // namespace core::rules
