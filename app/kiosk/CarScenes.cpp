#include "CarScenes.h"

#include <cstdio>
#include <stdexcept>

#include "core/pricing/ConfigCode.h"

namespace kiosk {
namespace {

// Replaces the option of `option`'s category in `car` with it.
void swapIn(const core::Model& model, core::Configuration& car, const core::Option& option) {
    for (auto it = car.options.begin(); it != car.options.end();) {
        const core::Option* cur = model.findOption(*it);
        it = cur && cur->category == option.category ? car.options.erase(it) : std::next(it);
    }
    car.options.insert(option.id);
}

core::Configuration viewerCar(const core::Catalog& catalog, const KioskOptions& options) {
    if (!options.configCode.empty()) {
        auto restored = core::pricing::restoreConfiguration(catalog, options.configCode);
        if (!restored) throw std::runtime_error("--config: " + restored.error());
        return restored->config;
    }
    const core::Model* model = nullptr;
    for (const auto& m : catalog.models)
        if (m.findTrim(options.trim)) model = &m;
    if (!model) throw std::runtime_error("--trim \"" + options.trim + "\" is not a trim of any model");
    core::Configuration car = core::defaultConfiguration(*model, *model->findTrim(options.trim));
    for (const auto* id : {&options.paint, &options.wheels}) {
        if (id->empty()) continue;
        const core::Option* o = model->findOption(*id);
        if (!o) throw std::runtime_error("\"" + *id + "\" is not an option of " + model->id);
        swapIn(*model, car, *o);
    }
    return car;
}

}  // namespace

std::unique_ptr<CarView> startCarView(const core::Catalog& catalog) {
    // The car is what sells, but the kiosk still works without it: flat pictures replace it.
    try {
        core::ContentErrors errors;
        auto it = catalog.moduleFiles.find("render");
        render::RenderMapping mapping;
        if (it != catalog.moduleFiles.end()) mapping = render::loadRenderMapping(catalog, it->second, errors);
        for (const auto& e : errors) std::fprintf(stderr, "kiosk: %s\n", e.toString().c_str());
        return std::make_unique<CarView>(catalog, std::move(mapping));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: 3D view unavailable, showing flat pictures: %s\n", e.what());
        return nullptr;
    }
}

void showAttractCar(CarView* view, const core::Catalog& catalog) {
    if (!view || catalog.showroom.demoFleet.empty()) return;
    // The hero is the first demo car, in the paint the showroom can actually show on the floor.
    const core::DemoVehicle& hero = catalog.showroom.demoFleet.front();
    const core::Model* model = catalog.findModel(hero.model);
    const core::Trim* trim = model ? model->findTrim(hero.trim) : nullptr;
    if (!trim) return;
    core::Configuration car = core::defaultConfiguration(*model, *trim);
    if (const core::Option* paint = model->findOption(hero.paint)) {
        // Only the paint: the hero keeps the rest of its default configuration.
        for (auto it = car.options.begin(); it != car.options.end();) {
            const core::Option* o = model->findOption(*it);
            it = o && o->category == "paint" ? car.options.erase(it) : std::next(it);
        }
        car.options.insert(paint->id);
    }
    view->showModel(car.model);
    view->configure(car);
    view->setPreset("front-three-quarter", false);
    view->turntable(true);
}

bool setupViewer(CarView* view, const core::Catalog& catalog, const KioskOptions& options) {
    if (options.modelFile.empty() && options.configCode.empty() && options.trim.empty()) return false;
    if (!view) throw std::runtime_error("the 3D viewer needs the renderer (it could not start, or --no-3d was given)");
    if (!options.modelFile.empty()) {
        view->showFile(options.modelFile);
    } else {
        const core::Configuration car = viewerCar(catalog, options);
        view->showModel(car.model);
        view->configure(car);
    }
    if (!options.view.empty()) view->setPreset(options.view, false);
    return true;
}

}  // namespace kiosk
