// render-shot: renders a model file or a configured catalog car to a PNG with a hidden window
// (under Xvfb on machines without a display). Used for golden images, README pictures and to
// check the loader and renderer on any model file.
//   render-shot --out FILE.png [--model FILE | --car MODEL] [--trim ID] [--paint ID] [--wheels ID]
//               [--options A,B] [--view NAME] [--width W] [--height H] [--content DIR]
//               [--tonemap neutral|aces] [--aa auto|none|fxaa|msaa] [--turntable SECONDS]
//               [--still N] [--reflection STRENGTH] [--drag DX,DY]
// --still N renders the still view N times, so temporal accumulation (software GL) averages N frames.
// --drag DX,DY turns the view as a drag of that many pixels would (e.g. to look round the cabin).
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "CarSetup.h"
#include "OffscreenContext.h"
#include "core/ContentLoader.h"
#include "render/Showroom.h"

namespace {

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback = "") {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return argv[i + 1];
    return fallback;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string out = arg(argc, argv, "--out");
    const std::string modelFile = arg(argc, argv, "--model"), car = arg(argc, argv, "--car");
    if (out.empty() || (modelFile.empty() == car.empty())) {
        std::fprintf(stderr, "usage: render-shot --out FILE.png (--model FILE | --car MODEL [--trim ID] [--paint ID] [--wheels ID]\n"
                             "                   [--options A,B]) [--view NAME] [--width W] [--height H] [--content DIR]\n"
                             "                   [--tonemap neutral|aces] [--aa auto|none|fxaa|msaa] [--turntable SECONDS]\n"
                             "                   [--still N] [--reflection STRENGTH] [--drag DX,DY]\n");
        return 2;
    }
    try {
        const int width = std::stoi(arg(argc, argv, "--width", "960")), height = std::stoi(arg(argc, argv, "--height", "540"));
        render::OffscreenContext context(width, height);
        render::ShowroomSettings settings;
        if (arg(argc, argv, "--tonemap") == "aces") settings.toneMapper = render::ToneMapper::Aces;
        const std::string aa = arg(argc, argv, "--aa", "auto");
        settings.antiAliasing = aa == "none" ? render::AntiAliasing::None
                                : aa == "fxaa" ? render::AntiAliasing::Fxaa
                                : aa == "msaa" ? render::AntiAliasing::Msaa4
                                               : render::AntiAliasing::Auto;
        settings.floorReflection = std::stof(arg(argc, argv, "--reflection", "1"));
        render::Showroom showroom(settings);
        if (!modelFile.empty()) {
            if (!showroom.loadModelNow(modelFile)) std::fprintf(stderr, "render-shot: %s\n", showroom.lastError().c_str());
        } else {
            const render::CarSetup setup = render::loadCarSetup(arg(argc, argv, "--content", core::defaultContentDirectory()));
            const core::Model* model = setup.catalog.findModel(car);
            if (!model) throw std::runtime_error("\"" + car + "\" is not a model in the catalog");
            const render::ModelMapping* mapping = setup.mapping.find(car);
            if (!mapping) throw std::runtime_error("the render mapping has no entry for " + car);
            const core::Configuration config = render::buildConfiguration(
                *model, arg(argc, argv, "--trim"), arg(argc, argv, "--paint"), arg(argc, argv, "--wheels"),
                split(arg(argc, argv, "--options")));
            if (!showroom.loadModelNow(mapping->asset, *mapping)) std::fprintf(stderr, "render-shot: %s\n", showroom.lastError().c_str());
            showroom.applyConfiguration(*model, config);
        }
        const std::string view = arg(argc, argv, "--view", "front-three-quarter");
        if (!showroom.camera().setPreset(view, false)) throw std::runtime_error("unknown view \"" + view + "\"");
        const std::vector<std::string> drag = split(arg(argc, argv, "--drag"));
        if (drag.size() == 2) showroom.camera().drag(std::stof(drag[0]), std::stof(drag[1]));
        else if (!drag.empty()) throw std::runtime_error("--drag takes DX,DY in pixels");
        const float turntable = std::stof(arg(argc, argv, "--turntable", "0"));
        if (turntable > 0) {
            showroom.turntable(true);
            showroom.update(turntable);
        }
        showroom.update(0);
        context.bind();
        showroom.render(width, height);
        for (int i = 1; i < std::stoi(arg(argc, argv, "--still", "1")); ++i) showroom.render(width, height);
        if (!context.writePng(out)) throw std::runtime_error("cannot write " + out);
        const auto& s = showroom.stats();
        std::printf("%s: %dx%d, %d draw calls, %zu triangles, %d frames averaged, import %.1f ms, upload %.1f ms, %s\n",
                    out.c_str(), width, height, s.drawCalls, s.triangles, s.accumulatedSamples, s.importMs, s.uploadMs,
                    s.glRenderer.c_str());
        return showroom.modelState() == render::ModelState::Ready ? 0 : 3;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "render-shot: %s\n", e.what());
        return 1;
    }
}
