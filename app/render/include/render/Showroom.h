#pragma once
// Showroom: the 3D car view. Owns every GL resource of the renderer (shaders, the studio
// environment and its image-based-lighting maps, the floor, the loaded model) and the orbit
// camera. Construct it on the render thread with a live OpenGL 3.3+ core context current; it
// throws std::runtime_error naming what the context lacks. All methods are render-thread only;
// model import runs on a worker thread and is handed over in poll().
//
// Per frame:   showroom.poll();  showroom.update(dt);  showroom.render(width, height);
// render() draws into the framebuffer bound when it is called (the kiosk draws ImGui on top).
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "render/Gl.h"
#include "render/Importer.h"
#include "render/OrbitCamera.h"
#include "render/RenderMapping.h"
#include "render/SceneData.h"

namespace render {

enum class ToneMapper { PbrNeutral, Aces };
enum class AntiAliasing { Auto, None, Fxaa, Msaa4 };  // Auto: MSAA 4x on GPUs, FXAA on software GL
// Temporal accumulation of jittered frames while the view is still. Auto: on software GL only.
enum class Accumulation { Auto, Off, On };
// When the floor reflection is drawn. Auto: every frame on GPUs; on software GL (StillOnly) only
// once the view is still, so a moving camera's frames cost what they did without it.
enum class ReflectionUpdate { Auto, EveryFrame, StillOnly };

// The shaders folder built in (the source tree, or the installed one in a package).
std::string defaultShaderDirectory();

// Plain settings; change freely between frames.
struct ShowroomSettings {
    std::string shaderDirectory = defaultShaderDirectory();
    ToneMapper toneMapper = ToneMapper::PbrNeutral;
    float exposure = 1.0f;
    // Exposure is multiplied by this from the driver's seat, as a camera metering the cabin
    // would (eased in and out with the camera's transition to and from the interior view).
    float interiorExposure = 1.7f;
    float environmentIntensity = 1.0f;
    AntiAliasing antiAliasing = AntiAliasing::Auto;
    Accumulation accumulation = Accumulation::Auto;
    int accumulationSamples = 16;  // frames averaged before a still view is final
    float floorReflection = 1.0f;  // strength of the car's reflection in the floor; 0: none
    // The reflection is drawn at 1/divisor of the output's width and height; 0: 2 on GPUs, 4 on
    // software GL. It is redrawn only when the view or the car changes (see reflectionUpdate).
    int reflectionDivisor = 0;
    ReflectionUpdate reflectionUpdate = ReflectionUpdate::Auto;
    ImportLimits importLimits;
    // > 0: the environment is this many pairs of light and dark slanted stripes instead of the
    // studio (a zebra test of surface continuity); read once, at construction.
    int zebraStripes = 0;
    std::function<void(const std::string&)> log;  // one line per event; stderr when empty
};

struct ShowroomStats {
    int drawCalls = 0;        // in the last render(), the floor reflection's included
    size_t triangles = 0;     // of the model, in the last frame that drew the scene (not its reflection)
    double importMs = 0;      // of the current model, on the worker
    double uploadMs = 0;      // of the current model, on the render thread
    std::string glRenderer;   // GL_RENDERER
    bool msaa = false;
    bool fxaa = false;
    int reflectionWidth = 0;     // of the floor reflection's target; 0 when none is drawn
    int accumulatedSamples = 0;  // frames averaged into the last render() (1: a plain frame)
    bool refining = false;       // a still view that further render() calls will smooth
};

enum class ModelState { Empty, Loading, Ready, Failed };

class Showroom {
public:
    explicit Showroom(ShowroomSettings settings = {});
    ~Showroom();
    Showroom(const Showroom&) = delete;
    Showroom& operator=(const Showroom&) = delete;

    // Starts importing `path` on a worker thread; the spinner shows until poll() uploads it.
    // With a mapping, applyConfiguration() can restyle it. On failure a placeholder body is
    // shown and the reason logged and kept in lastError().
    void loadModel(const std::string& path, std::optional<ModelMapping> mapping = std::nullopt);
    // Imports and uploads right away on this thread (command-line tools, tests). False on failure.
    bool loadModelNow(const std::string& path, std::optional<ModelMapping> mapping = std::nullopt);
    // Uploads a scene already in memory (tests that alter an imported model).
    void loadSceneNow(SceneData scene, std::optional<ModelMapping> mapping = std::nullopt);
    void poll();  // call once per frame: uploads a finished import
    ModelState modelState() const { return m_state; }
    const std::string& lastError() const { return m_lastError; }
    const std::vector<std::string>& warnings() const { return m_warnings; }

    // Restyles the loaded model for a configuration through its mapping (paint, interior
    // colour, wheel set, trim and option parts), within the frame. Ignored without a mapping.
    void applyConfiguration(const core::Model& model, const core::Configuration& config);
    void applyLook(const CarLook& look);
    void setPaint(const core::PaintSpec& paint);  // on the mapping's paint materials

    OrbitCamera& camera() { return m_camera; }
    void turntable(bool on) { m_camera.turntable(on); }
    void update(float dtSeconds);
    void render(int width, int height);
    // True while the view is still and temporal accumulation has frames left to add: keep calling
    // render() to smooth it (a caller that redraws only on change should redraw while this holds).
    bool refining() const { return m_stats.refining; }

    ShowroomSettings& settings() { return m_settings; }
    const ShowroomStats& stats() const { return m_stats; }
    Bounds visibleBounds() const;  // of the shown parts, in world space

private:
    struct Impl;
    void log(const std::string& line) const;
    void upload(SceneData scene, double importMs);
    void uploadPlaceholder();

    ShowroomSettings m_settings;
    std::unique_ptr<Impl> m_impl;
    OrbitCamera m_camera;
    ModelState m_state = ModelState::Empty;
    std::string m_lastError;
    std::vector<std::string> m_warnings;
    std::optional<ModelMapping> m_mapping;
    std::future<ImportResult> m_pending;
    std::optional<ModelMapping> m_pendingMapping;
    std::vector<std::future<ImportResult>> m_abandoned;  // superseded imports, finished before destruction
    ShowroomStats m_stats;
    std::chrono::steady_clock::time_point m_loadStart;
    float m_time = 0;
    std::uint64_t m_sceneVersion = 0;  // bumped by every change to the model or its look
};

}  // namespace render
