#pragma once
// Showroom's private parts, shared by Showroom.cpp (construction and the frame) and
// ShowroomModel.cpp (loading and restyling the model). Who owns what:
//   PbrMaterials        the PBR program and the model's textures (how a material is drawn)
//   ImageBasedLighting  the studio environment and its lighting maps
//   HdrTarget, FootprintTarget  offscreen targets
//   GpuScene            the model's meshes, draw items, materials and node visibility
#include <set>
#include <string>

#include "GpuScene.h"
#include "ImageBasedLighting.h"
#include "PbrMaterials.h"
#include "RenderTargets.h"
#include "render/Showroom.h"
#include "render/ShaderLibrary.h"

namespace render {

// The values one frame's passes share.
struct FrameView {
    int width = 0, height = 0;
    Mat4 view, projection, viewProjection;
    Vec3 eye;
    Bounds framed;  // what the camera frames: the floor is at its bottom
    float radius = 1;
    float environmentIntensity = 1;
};

struct Showroom::Impl {
    ShaderLibrary shaders;
    PbrMaterials pbr;
    ImageBasedLighting ibl;
    gl::Program ground, background, post, footprint;
    struct {
        GLint viewProjection, center, extent, floorY, footprintRect, modelRadius, blurLod, environmentIntensity, shadowStrength;
    } ug{};
    struct {
        GLint inverseViewProjection, blurLod, environmentIntensity;
    } ub{};
    struct {
        GLint exposure, toneMapper, fxaa, texel, spinner, samples;
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
    bool software = false;

    GpuScene scene;
    std::set<int> paintMaterials, interiorMaterials;
    bool footprintDirty = true;

    Impl(const std::string& shaderDir, float maxAnisotropy, bool softwareGl, int zebraStripes);

    void renderFootprint(const Bounds& visible);
    void drawBackground(const FrameView& f);
    void drawFloor(const FrameView& f);
    // The model: opaque first, then blended parts back to front. Returns (draw calls, triangles).
    std::pair<int, size_t> drawModel(const FrameView& f);

private:
    void loadPassPrograms();
    void createFloorQuad();
};

}  // namespace render
