// render-bench: the renderer benchmark. For each catalog car: import time (worker-side Assimp
// + decoding), upload time, draw calls, triangles, and per-frame times at 1920x1080 (default):
// CPU time of the calling thread in poll/update/render and the full frame time with glFinish, median and p95.
// Each car is timed on the turntable (every frame a new view), alternating frames without the
// floor reflection, with it as the kiosk draws it and with it drawn every frame; then, for the
// still camera, the median frame while temporal accumulation adds samples and once it is final.
//   render-bench [--frames N] [--width W] [--height H] [--content DIR] [--aa auto|none|fxaa|msaa]
//                [--reflection all|on|off]   (on: as the kiosk draws it)
//                [--baseline DIR]
// --baseline DIR compares each catalog car with an earlier file of it, DIR/MODEL.glb (the cars of
// another commit: `git show main:assets/cars/heron.glb > DIR/heron.glb`, or a kept fixture): both
// are loaded, each into a showroom of its own with the same settings and configuration, and timed
// on the turntable in alternating frames as the kiosk draws them (floor reflection "auto"), so
// the machine's load hits both alike; it prints both medians and their ratio.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CarSetup.h"
#include "OffscreenContext.h"
#include "core/ContentLoader.h"
#include "render/Showroom.h"

namespace {

// CPU time of this thread only (on Mesa llvmpipe it still includes the software vertex work).
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return argv[i + 1];
    return fallback;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

struct Timings {
    std::vector<double> cpu, frame;
};

// One frame: (CPU ms of this thread, wall ms until the GL work is finished).
std::pair<double, double> timeFrame(render::Showroom& showroom, const render::OffscreenContext& context, int width,
                                    int height) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = threadCpuMs();
    showroom.poll();
    showroom.update(1 / 60.0f);
    context.bind();
    showroom.render(width, height);
    const double c1 = threadCpuMs();
    glFinish();
    return {c1 - c0, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count()};
}

render::AntiAliasing antiAliasing(const std::string& aa) {
    return aa == "none" ? render::AntiAliasing::None
           : aa == "fxaa" ? render::AntiAliasing::Fxaa
           : aa == "msaa" ? render::AntiAliasing::Msaa4
                          : render::AntiAliasing::Auto;
}

// Loads `file` as `model` into `showroom` and configures it (the last trim, its defaults) for the
// turntable. False, with the reason printed, when it cannot be loaded.
bool loadForBench(render::Showroom& showroom, const core::Model& model, const render::ModelMapping& mapping,
                  const std::string& file) {
    render::ModelMapping m = mapping;
    m.asset = file;
    if (!showroom.loadModelNow(file, m)) {
        std::printf("%-8s %s: failed: %s\n", model.id.c_str(), file.c_str(), showroom.lastError().c_str());
        return false;
    }
    showroom.applyConfiguration(model, render::buildConfiguration(model, model.trims.back().id, "", "", {}));
    showroom.camera().setPreset("front-three-quarter", false);
    showroom.turntable(true);
    return true;
}

// --baseline: each car against its earlier file, frames alternating between the two showrooms.
int compareWithBaseline(const render::CarSetup& setup, const std::string& baselineDir, const render::ShowroomSettings& settings,
                        const render::OffscreenContext& context, int width, int height, int frames) {
    render::Showroom current(settings), baseline(settings);
    std::printf("renderer: %s\n", current.stats().glRenderer.c_str());
    std::printf("%-8s %-9s %10s %10s %6s %10s %14s %14s\n", "model", "cars", "import_ms", "upload_ms", "draws", "triangles",
                "frame_med_ms", "frame_p95_ms");
    std::vector<double> ratios;
    for (const auto& model : setup.catalog.models) {
        const render::ModelMapping* mapping = setup.mapping.find(model.id);
        const std::string earlier = baselineDir + "/" + model.id + ".glb";
        if (!mapping || !std::filesystem::exists(earlier)) continue;
        if (!loadForBench(current, model, *mapping, mapping->asset) || !loadForBench(baseline, model, *mapping, earlier)) continue;
        render::Showroom* rooms[2] = {&baseline, &current};
        const char* names[2] = {"baseline", "current"};
        std::vector<double> times[2];
        int draws[2] = {0, 0};
        size_t triangles[2] = {0, 0};
        for (int i = 0; i < 2 * (frames + 2); ++i) {
            const int k = (i / 2) % 2 == 0 ? i % 2 : 1 - i % 2;  // A B B A A B ...: neither always goes first
            const double ms = timeFrame(*rooms[k], context, width, height).second;
            draws[k] = rooms[k]->stats().drawCalls;
            triangles[k] = rooms[k]->stats().triangles;
            if (i >= 4) times[k].push_back(ms);  // warm-up: target allocation, first footprint
        }
        for (int k = 0; k < 2; ++k)
            std::printf("%-8s %-9s %10.1f %10.1f %6d %10zu %14.1f %14.1f\n", model.id.c_str(), names[k], rooms[k]->stats().importMs,
                        rooms[k]->stats().uploadMs, draws[k], triangles[k], percentile(times[k], 0.5), percentile(times[k], 0.95));
        ratios.push_back(percentile(times[1], 0.5) / percentile(times[0], 0.5));
        std::printf("%-8s current / baseline frame median: %.3f\n", model.id.c_str(), ratios.back());
    }
    if (ratios.empty()) {
        std::fprintf(stderr, "render-bench: no car of the catalog has a file in %s\n", baselineDir.c_str());
        return 1;
    }
    std::printf("median of the ratios over %zu cars: %.3f\n", ratios.size(), percentile(ratios, 0.5));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const int frames = std::stoi(arg(argc, argv, "--frames", "30"));
        const int width = std::stoi(arg(argc, argv, "--width", "1920")), height = std::stoi(arg(argc, argv, "--height", "1080"));
        render::OffscreenContext context(width, height);
        render::ShowroomSettings settings;
        const std::string reflection = arg(argc, argv, "--reflection", "all");
        settings.antiAliasing = antiAliasing(arg(argc, argv, "--aa", "auto"));
        settings.log = [](const std::string&) {};
        const std::string baselineDir = arg(argc, argv, "--baseline", "");
        if (!baselineDir.empty()) {
            const render::CarSetup setup = render::loadCarSetup(arg(argc, argv, "--content", core::defaultContentDirectory()));
            std::printf("%dx%d, %d frames per car and file, current cars against %s\n", width, height, frames, baselineDir.c_str());
            return compareWithBaseline(setup, baselineDir, settings, context, width, height, frames);
        }
        const auto startInit = std::chrono::steady_clock::now();
        render::Showroom showroom(settings);
        const double initMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - startInit).count();
        const render::CarSetup setup = render::loadCarSetup(arg(argc, argv, "--content", core::defaultContentDirectory()));
        std::printf("renderer: %s, %dx%d, %d frames per car, start-up (shaders + IBL precompute) %.0f ms\n",
                    showroom.stats().glRenderer.c_str(), width, height, frames, initMs);
        std::printf("%-8s %-8s %10s %10s %6s %10s %14s %14s %14s %14s\n", "model", "floor", "import_ms", "upload_ms", "draws", "triangles",
                    "cpu_med_ms", "cpu_p95_ms", "frame_med_ms", "frame_p95_ms");
        for (const auto& model : setup.catalog.models) {
            const render::ModelMapping* mapping = setup.mapping.find(model.id);
            if (!mapping) continue;
            if (!showroom.loadModelNow(mapping->asset, *mapping)) {
                std::printf("%-8s failed: %s\n", model.id.c_str(), showroom.lastError().c_str());
                continue;
            }
            showroom.applyConfiguration(model, render::buildConfiguration(model, model.trims.back().id, "", "", {}));
            // Frames of the three floors alternate, so all see the same machine load: "plain" with
            // no reflection (the passes of the renderer before it had one), "auto" as the kiosk draws
            // it (on software GL: none while the view moves) and "every" with the reflection drawn
            // each frame.
            showroom.camera().setPreset("front-three-quarter", false);
            showroom.turntable(true);
            const char* names[3] = {"plain", "auto", "every"};
            Timings timings[3];
            int draws[3] = {0, 0, 0};
            size_t triangles = 0;
            for (int i = 0; i < 3 * (frames + 2); ++i) {
                const int floor = reflection == "on" ? 1 : reflection == "off" ? 0 : i % 3;
                showroom.settings().floorReflection = floor == 0 ? 0.0f : 1.0f;
                showroom.settings().reflectionUpdate =
                    floor == 2 ? render::ReflectionUpdate::EveryFrame : render::ReflectionUpdate::Auto;
                const auto [cpuMs, frameMs] = timeFrame(showroom, context, width, height);
                draws[floor] = showroom.stats().drawCalls;
                triangles = showroom.stats().triangles;
                if (i < 6) continue;  // warm-up: target allocation, first footprint
                timings[floor].cpu.push_back(cpuMs);
                timings[floor].frame.push_back(frameMs);
            }
            for (int floor = 0; floor < 3; ++floor) {
                const Timings& t = timings[floor];
                if (t.frame.empty()) continue;
                const auto& s = showroom.stats();
                std::printf("%-8s %-8s %10.1f %10.1f %6d %10zu %14.2f %14.2f %14.1f %14.1f\n", model.id.c_str(),
                            names[floor], s.importMs, s.uploadMs, draws[floor], triangles, percentile(t.cpu, 0.5),
                            percentile(t.cpu, 0.95), percentile(t.frame, 0.5), percentile(t.frame, 0.95));
            }
            showroom.settings().floorReflection = 1;
            showroom.settings().reflectionUpdate = render::ReflectionUpdate::Auto;
            showroom.turntable(false);
            showroom.update(0);
            std::vector<double> refining, still;
            timeFrame(showroom, context, width, height);  // the plain frame of the still view
            while (showroom.refining()) refining.push_back(timeFrame(showroom, context, width, height).second);
            for (int i = 0; i < 3; ++i) still.push_back(timeFrame(showroom, context, width, height).second);
            if (!refining.empty())
                std::printf("%-8s still: %zu accumulated frames, median %.1f ms each; then %.1f ms per frame\n",
                            model.id.c_str(), refining.size() + 1, percentile(refining, 0.5), percentile(still, 0.5));
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "render-bench: %s\n", e.what());
        return 1;
    }
}
