#pragma once
// Showroom's private parts, shared by Showroom.cpp (construction and the frame) and
// ShowroomModel.cpp (loading and restyling the model). Who owns what:
//   PbrMaterials        the PBR program and the model's textures (how a material is drawn)
//   ImageBasedLighting  the studio environment and its lighting maps
//   HdrTarget, FootprintTarget, ReflectionTarget, AverageTarget  offscreen targets
//   StillFrames         whether the view is still, and which jittered sample to add
//   GpuScene            the model's meshes, draw items, materials and node visibility
#include <set>
#include <string>

#include "GpuScene.h"
#include "ImageBasedLighting.h"
#include "PbrMaterials.h"
#include "RenderTargets.h"
#include "render/Showroom.h"
#include "render/ShaderLibrary.h"
#include "render/StillFrames.h"

namespace render {

// The values one frame's passes share.
struct FrameView {
    int width = 0, height = 0;
    Mat4 view, projection, viewProjection;
    Vec3 eye;
    Bounds framed;  // what the camera frames: the floor is at its bottom
    float radius = 1;
    float environmentIntensity = 1;
    float exposure = 1;  // the settings' exposure, raised from the driver's seat
    bool outside = true;  // the eye is outside the car: the paint's faces are drawn front first
};

struct Showroom::Impl {
    ShaderLibrary shaders;
    PbrMaterials pbr;
    ImageBasedLighting ibl;
    gl::Program ground, background, post, footprint;
    struct {
        GLint viewProjection, center, extent, floorY, footprintRect, modelRadius, floorRadiance, environmentIntensity, shadowStrength,
            screenSize, eye, reflectionStrength, reflectionRect, reflectionLod;
    } ug{};
    struct {
        GLint inverseViewProjection, blurLod, environmentIntensity;
    } ub{};
    struct {
        GLint exposure, toneMapper, fxaa, texel, spinner, samples, stage, weight;
    } up{};
    struct {
        GLint model, viewProjection, floorY, falloff;
    } uf{};
    gl::VertexArray emptyVao;
    gl::VertexArray groundVao;
    gl::Buffer groundVbo;
    FootprintTarget footprintTarget;
    Bounds footprintRect;
    HdrTarget target;
    ReflectionTarget reflection;
    FrameKey reflectionKey;       // the view the reflection was drawn for
    bool reflectionValid = false;
    Vec4 reflectionRect;          // pixels of the screen the reflection can reach (x0, y0, x1, y1)
    float reflectionLod = 0;      // log2 of its divisor
    AverageTarget average;
    int averageStart = 0;          // the still view's first sample in the average (1: frame 0 lacked the reflection)
    bool lastFrameReflected = false;
    StillFrames still;
    bool software = false;

    GpuScene scene;
    std::set<int> paintMaterials, interiorMaterials;
    bool footprintDirty = true;

    Impl(const std::string& shaderDir, float maxAnisotropy, bool softwareGl, int zebraStripes);

    void renderFootprint(const Bounds& visible);
    void drawBackground(const FrameView& f);
    // The floor; `reflection` > 0 blends in the reflection target at that strength.
    void drawFloor(const FrameView& f, float reflection);
    // The model: opaque first, then blended parts back to front. Returns (draw calls, triangles).
    // `mirrorFade` > 0: the floor-reflection pass (see pbr.frag).
    std::pair<int, size_t> drawModel(const FrameView& f, float mirrorFade = 0);
    // The model mirrored in the floor into `reflection`, at 1/divisor of the frame's size.
    std::pair<int, size_t> renderReflection(const FrameView& f, int divisor);
    // The tone-mapping pass into the bound framebuffer: stage 0 to the display, 1 into the
    // average (with `weight`), 2 shows the average.
    void toneMap(const ShowroomSettings& s, const FrameView& f, int stage, float weight, bool fxaa, float spinner);

private:
    void loadPassPrograms();
    void createFloorQuad();
};

}  // namespace render
