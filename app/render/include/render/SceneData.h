#pragma once
// SceneData: an imported model on the CPU, ready to upload: decoded textures, materials,
// meshes with normals and tangents, and the node tree. Produced by importModel() on any
// thread (the kiosk imports on a worker), consumed by the GL Showroom on the render thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "render/Math.h"

namespace render {

struct TextureData {
    std::string name;            // file name or "*0" for an embedded one
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // width*height*4, top row first
    bool nearest = false;        // sample with NEAREST filters (palette textures)
};

enum class AlphaMode { Opaque, Mask, Blend };

// A texture use: which image and the UV transform (Assimp's aiUVTransform, already V-flipped).
struct TextureRef {
    int texture = -1;  // index into SceneData::textures, -1 when absent
    Vec2 offset{0, 0};
    Vec2 scale{1, 1};
    float rotation = 0;  // radians, about the texture centre
    float strength = 1;  // normal scale / occlusion strength
    bool valid() const { return texture >= 0; }
};

// glTF metallic-roughness material, plus the car-paint and clearcoat parameters.
struct MaterialData {
    std::string name;
    Vec4 baseColor{1, 1, 1, 1};  // linear
    float metallic = 1, roughness = 1;
    Vec3 emissive{0, 0, 0};      // linear, multiplied by emissiveStrength
    float emissiveStrength = 1;
    AlphaMode alphaMode = AlphaMode::Opaque;
    float alphaCutoff = 0.5f;
    bool doubleSided = false;
    float clearcoat = 0, clearcoatRoughness = 0;
    float flake = 0;             // metallic flake density; set from paint specs
    float transmission = 0;      // KHR_materials_transmission, drawn as blended glass
    TextureRef baseColorTex, metallicRoughnessTex, normalTex, occlusionTex, emissiveTex;
};

struct Vertex {
    Vec3 position;
    Vec3 normal;
    Vec4 tangent{1, 0, 0, 1};  // xyz + handedness
    Vec2 uv;
    Vec4 color{1, 1, 1, 1};  // glTF COLOR_0, multiplies the base colour (the generated cars bake ambient occlusion there)
};

struct MeshData {
    std::string name;
    std::vector<Vertex> vertices;
    std::vector<std::uint32_t> indices;  // triangles
    int material = 0;
    Bounds bounds;  // in mesh space
};

struct NodeData {
    std::string name;
    int parent = -1;
    Mat4 local;
    std::vector<int> meshes;
    std::vector<int> children;
};

struct SceneData {
    std::string sourcePath;
    std::vector<TextureData> textures;
    std::vector<MaterialData> materials;
    std::vector<MeshData> meshes;
    std::vector<NodeData> nodes;  // nodes[0] is the root; parents precede children
    std::vector<std::string> warnings;  // non-fatal problems (missing texture, ...)
    int cameras = 0;
    std::vector<std::string> extensionsUsed;  // glTF only

    size_t triangleCount() const;
    Mat4 worldTransform(int node) const;
    Bounds bounds() const;  // of every mesh under its node transforms
    int findNode(const std::string& name) const;  // -1 when absent
};

}  // namespace render
