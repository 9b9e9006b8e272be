#include "CarSetup.h"

#include <stdexcept>

#include "core/ContentLoader.h"

namespace render {

CarSetup loadCarSetup(const std::string& contentDir) {
    core::LoadResult content = core::loadContent(contentDir);
    std::string errors;
    if (!content.ok()) {
        for (const auto& e : content.errors) errors += e.toString() + "\n";
        throw std::runtime_error("content errors:\n" + errors);
    }
    CarSetup setup{std::move(*content.catalog), {}};
    auto it = setup.catalog.moduleFiles.find("render");
    if (it == setup.catalog.moduleFiles.end()) throw std::runtime_error(contentDir + ": content.json names no \"render\" module");
    core::ContentErrors mappingErrors;
    setup.mapping = loadRenderMapping(setup.catalog, it->second, mappingErrors);
    for (const auto& e : mappingErrors) errors += e.toString() + "\n";
    if (!errors.empty()) throw std::runtime_error("render mapping errors:\n" + errors);
    return setup;
}

core::Configuration buildConfiguration(const core::Model& model, const std::string& trimId, const std::string& paint,
                                       const std::string& wheels, const std::vector<std::string>& options) {
    const core::Trim* trim = trimId.empty() ? &model.trims.front() : model.findTrim(trimId);
    if (!trim) throw std::runtime_error("\"" + trimId + "\" is not a trim of " + model.id);
    core::Configuration config = core::defaultConfiguration(model, *trim);
    auto replace = [&](const std::string& id, const char* category) {
        if (id.empty()) return;
        const core::Option* o = model.findOption(id);
        if (!o || o->category != category) throw std::runtime_error("\"" + id + "\" is not a " + category + " option of " + model.id);
        for (auto it = config.options.begin(); it != config.options.end();) {
            const core::Option* other = model.findOption(*it);
            it = (other && other->category == category) ? config.options.erase(it) : std::next(it);
        }
        config.options.insert(id);
    };
    replace(paint, "paint");
    replace(wheels, "wheels");
    for (const auto& id : options) {
        if (!model.findOption(id)) throw std::runtime_error("\"" + id + "\" is not an option of " + model.id);
        config.options.insert(id);
    }
    return config;
}

}  // namespace render
