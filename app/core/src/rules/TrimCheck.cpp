#include "core/rules/TrimCheck.h"

#include <algorithm>
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
    // A dearer trim must give more than a cheaper one: not the same default car, and not a smaller
    // battery (the range is what a dearer electric trim is bought for).
    auto usableKwh = [&](const Configuration& car) {
        double kwh = 0;
        for (const auto& id : car.options)
            if (const Option* o = model.findOption(id); o && o->battery) kwh = std::max(kwh, o->battery->usableKwh);
        return kwh;
    };
    for (size_t i = 0; i < model.trims.size(); ++i)
        for (size_t j = 0; j < model.trims.size(); ++j) {
            const Trim& a = model.trims[i];
            const Trim& b = model.trims[j];
            if (a.basePriceMinor <= b.basePriceMinor) continue;
            const std::string price = " at a higher price (" + std::to_string(a.basePriceMinor) + " against " +
                                      std::to_string(b.basePriceMinor) + " minor units)";
            if (defaults[i].options == defaults[j].options)
                fail(i, "the same default car as \"" + b.id + "\" (" + joined(defaults[i].options) + ")" + price);
            else if (usableKwh(defaults[i]) < usableKwh(defaults[j]))
                fail(i, "a smaller default battery (" + std::to_string(usableKwh(defaults[i])) + " kWh) than \"" + b.id + "\" (" +
                            std::to_string(usableKwh(defaults[j])) + " kWh)" + price);
        }
    return out;
}

}  // namespace core::rules
