#pragma once
// GlbBuilder: collects named nodes, meshes (one primitive per material) and materials and
// writes them as one binary glTF 2.0 file. Used only by the car generator; CPU only.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/Math.h"

namespace render::gen {

// One primitive's triangles, vertices already unshared where normals must be sharp.
struct Primitive {
    std::string material;
    std::vector<Vec3> positions, normals;
    std::vector<Vec2> uvs;
    std::vector<std::uint32_t> indices;
    std::vector<float> occlusion;  // per vertex, 1 open; empty when not baked (written as COLOR_0)
    // When the first `vertices` vertices lie on the car's recorded body surface (offset by
    // `offsetM` along its normal) with TEXCOORD_0 = (s, t / 2 pi): written to the primitive's
    // extras, so the mesh checker can measure the chord error of the triangles between them.
    struct SurfaceTag {
        float offsetM = 0;
        size_t vertices = 0;
    };
    std::optional<SurfaceTag> surface;

    std::uint32_t add(const Vec3& p, const Vec3& n, const Vec2& uv) {
        positions.push_back(p);
        normals.push_back(n);
        uvs.push_back(uv);
        return static_cast<std::uint32_t>(positions.size() - 1);
    }
    void tri(std::uint32_t a, std::uint32_t b, std::uint32_t c) { indices.insert(indices.end(), {a, b, c}); }
    void quad(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) { tri(a, b, c); tri(a, c, d); }
    void append(const Primitive& o, const Mat4& transform);
};

struct Mesh {
    std::string name;
    std::vector<Primitive> primitives;
    Primitive& primitive(const std::string& material);  // the one for `material`, created on first use
    size_t triangles() const;
};

struct Node {
    std::string name;
    Vec3 translation{0, 0, 0};
    float yawRadians = 0;  // rotation about +Y
    int mesh = -1;
    std::vector<int> children;
};

class GlbBuilder {
public:
    // A material as glTF JSON (pbrMetallicRoughness, emissive, extensions...); name filled in.
    void addMaterial(const std::string& name, nlohmann::json material);
    int addMesh(Mesh mesh);  // empty primitives are dropped
    int addNode(Node node);  // children are given by index into the nodes added so far or later
    Node& node(int index) { return m_nodes[index]; }
    void setRoots(std::vector<int> roots) { m_roots = std::move(roots); }
    void setAssetExtras(nlohmann::json extras) { m_assetExtras = std::move(extras); }  // the asset's "extras"
    std::vector<std::uint8_t> write() const;
    const std::vector<Node>& nodes() const { return m_nodes; }
    const std::vector<int>& roots() const { return m_roots; }
    const std::vector<Mesh>& meshes() const { return m_meshes; }
    std::vector<Mesh>& meshes() { return m_meshes; }
    size_t triangles() const;

private:
    std::vector<std::pair<std::string, nlohmann::json>> m_materials;
    std::vector<Mesh> m_meshes;
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
    nlohmann::json m_assetExtras;
};

}  // namespace render::gen
