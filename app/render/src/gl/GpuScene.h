#pragma once
// GpuScene: the loaded model on the GPU: one vertex array per mesh, one draw item per (node,
// mesh) with its world transform, the materials' current parameters (restyled by the
// configuration) and which nodes are hidden. Owns the buffers; render thread only.
#include <array>
#include <vector>

#include "render/Gl.h"
#include "render/SceneData.h"

namespace render {

struct GpuMesh {
    gl::VertexArray vao;
    gl::Buffer vertices, indices;
    GLsizei indexCount = 0;
    int material = 0;
    Bounds bounds;
};

struct DrawItem {
    int mesh = 0;
    int node = 0;
    Mat4 world;
    std::array<float, 9> normalMatrix{};
    float flakeScale = 400;
    Bounds worldBounds;
};

struct GpuScene {
    std::vector<GpuMesh> meshes;
    std::vector<MaterialData> materials;
    std::vector<NodeData> nodes;
    std::vector<bool> nodeHidden;  // own flag; a node is drawn when neither it nor an ancestor is hidden
    std::vector<DrawItem> items;

    void upload(const SceneData& scene);  // replaces everything; every node shown
    bool drawn(int node) const;
    bool blended(const DrawItem& item) const { return materialOf(item).alphaMode == AlphaMode::Blend; }
    const MaterialData& materialOf(const DrawItem& item) const { return materials[meshes[item.mesh].material]; }
    Bounds visibleBounds() const;  // world space
    void draw(const DrawItem& item) const;  // its vertex array and elements; the program is the caller's
};

}  // namespace render
