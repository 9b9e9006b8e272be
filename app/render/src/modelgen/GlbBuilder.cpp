#include "GlbBuilder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace render::gen {

void Primitive::append(const Primitive& o, const Mat4& transform) {
    const auto base = static_cast<std::uint32_t>(positions.size());
    for (size_t i = 0; i < o.positions.size(); ++i) {
        positions.push_back(transform.transformPoint(o.positions[i]));
        normals.push_back(normalize(transform.transformDir(o.normals[i])));
        uvs.push_back(o.uvs[i]);
    }
    for (auto idx : o.indices) indices.push_back(base + idx);
}

Primitive& Mesh::primitive(const std::string& material) {
    for (auto& p : primitives)
        if (p.material == material) return p;
    Primitive p;
    p.material = material;
    primitives.push_back(std::move(p));
    return primitives.back();
}

size_t Mesh::triangles() const {
    size_t n = 0;
    for (const auto& p : primitives) n += p.indices.size() / 3;
    return n;
}

void GlbBuilder::addMaterial(const std::string& name, nlohmann::json material) {
    material["name"] = name;
    m_materials.emplace_back(name, std::move(material));
}

int GlbBuilder::addMesh(Mesh mesh) {
    std::vector<Primitive> kept;
    for (auto& p : mesh.primitives)
        if (!p.indices.empty()) kept.push_back(std::move(p));
    mesh.primitives = std::move(kept);
    m_meshes.push_back(std::move(mesh));
    return static_cast<int>(m_meshes.size() - 1);
}

int GlbBuilder::addNode(Node node) {
    m_nodes.push_back(std::move(node));
    return static_cast<int>(m_nodes.size() - 1);
}

size_t GlbBuilder::triangles() const {
    // Counted per node use, as a renderer draws them.
    size_t n = 0;
    for (const auto& node : m_nodes)
        if (node.mesh >= 0) n += m_meshes[node.mesh].triangles();
    return n;
}

namespace {

// Rounds to 1/65536 m so that the output does not depend on the last bits of libm results.
float quantize(float v) { return std::round(v * 65536.0f) / 65536.0f; }

class BinaryBuffer {
public:
    size_t append(const void* data, size_t bytes) {
        const size_t offset = m_bytes.size();
        const auto* p = static_cast<const std::uint8_t*>(data);
        m_bytes.insert(m_bytes.end(), p, p + bytes);
        while (m_bytes.size() % 4) m_bytes.push_back(0);
        return offset;
    }
    const std::vector<std::uint8_t>& bytes() const { return m_bytes; }

private:
    std::vector<std::uint8_t> m_bytes;
};

}  // namespace

std::vector<std::uint8_t> GlbBuilder::write() const {
    using nlohmann::json;
    json doc;
    doc["asset"] = {{"version", "2.0"}, {"generator", "showroom kiosk car generator"}};
    if (!m_assetExtras.is_null()) doc["asset"]["extras"] = m_assetExtras;
    doc["extensionsUsed"] = {"KHR_materials_clearcoat", "KHR_materials_emissive_strength"};
    std::map<std::string, int> materialIndex;
    json materials = json::array();
    for (const auto& [name, m] : m_materials) {
        materialIndex[name] = static_cast<int>(materials.size());
        materials.push_back(m);
    }
    doc["materials"] = materials;

    BinaryBuffer bin;
    json views = json::array(), accessors = json::array(), meshes = json::array();
    auto addView = [&](const void* data, size_t bytes, int target) {
        const size_t offset = bin.append(data, bytes);
        views.push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", bytes}, {"target", target}});
        return static_cast<int>(views.size() - 1);
    };
    for (const auto& mesh : m_meshes) {
        json prims = json::array();
        for (const auto& p : mesh.primitives) {
            auto mat = materialIndex.find(p.material);
            if (mat == materialIndex.end()) throw std::logic_error("car generator: unknown material " + p.material);
            const size_t n = p.positions.size();
            std::vector<float> pos, nrm, uv;
            Bounds b;
            for (size_t i = 0; i < n; ++i) {
                const Vec3 q{quantize(p.positions[i].x), quantize(p.positions[i].y), quantize(p.positions[i].z)};
                b.add(q);
                pos.insert(pos.end(), {q.x, q.y, q.z});
                const Vec3 nn = normalize(p.normals[i]);
                nrm.insert(nrm.end(), {quantize(nn.x), quantize(nn.y), quantize(nn.z)});
                uv.insert(uv.end(), {quantize(p.uvs[i].x), quantize(p.uvs[i].y)});
            }
            json attributes;
            const int posView = addView(pos.data(), pos.size() * 4, 34962);
            accessors.push_back({{"bufferView", posView}, {"componentType", 5126}, {"count", n}, {"type", "VEC3"},
                                 {"min", {b.min.x, b.min.y, b.min.z}}, {"max", {b.max.x, b.max.y, b.max.z}}});
            attributes["POSITION"] = accessors.size() - 1;
            const int nrmView = addView(nrm.data(), nrm.size() * 4, 34962);
            accessors.push_back({{"bufferView", nrmView}, {"componentType", 5126}, {"count", n}, {"type", "VEC3"}});
            attributes["NORMAL"] = accessors.size() - 1;
            const int uvView = addView(uv.data(), uv.size() * 4, 34962);
            accessors.push_back({{"bufferView", uvView}, {"componentType", 5126}, {"count", n}, {"type", "VEC2"}});
            attributes["TEXCOORD_0"] = accessors.size() - 1;
            if (p.occlusion.size() == n) {  // baked ambient occlusion as a grey vertex colour
                std::vector<std::uint8_t> rgba;
                for (float o : p.occlusion) {
                    const auto v = static_cast<std::uint8_t>(std::lround(std::clamp(o, 0.0f, 1.0f) * 255));
                    rgba.insert(rgba.end(), {v, v, v, 255});
                }
                const int colView = addView(rgba.data(), rgba.size(), 34962);
                accessors.push_back({{"bufferView", colView}, {"componentType", 5121}, {"normalized", true}, {"count", n}, {"type", "VEC4"}});
                attributes["COLOR_0"] = accessors.size() - 1;
            }
            int indexAccessor = 0;
            if (n < 65536) {
                std::vector<std::uint16_t> idx(p.indices.begin(), p.indices.end());
                const int v = addView(idx.data(), idx.size() * 2, 34963);
                accessors.push_back({{"bufferView", v}, {"componentType", 5123}, {"count", idx.size()}, {"type", "SCALAR"}});
            } else {
                const int v = addView(p.indices.data(), p.indices.size() * 4, 34963);
                accessors.push_back(
                    {{"bufferView", v}, {"componentType", 5125}, {"count", p.indices.size()}, {"type", "SCALAR"}});
            }
            indexAccessor = static_cast<int>(accessors.size() - 1);
            prims.push_back({{"attributes", attributes}, {"indices", indexAccessor}, {"material", mat->second}, {"mode", 4}});
            if (p.surface)
                prims.back()["extras"] = {
                    {"surface", {{"offset_mm", std::round(p.surface->offsetM * 1e4) / 10}, {"vertices", p.surface->vertices}}}};
        }
        meshes.push_back({{"name", mesh.name}, {"primitives", prims}});
    }
    json nodes = json::array();
    for (const auto& node : m_nodes) {
        json j = {{"name", node.name}};
        if (node.mesh >= 0) j["mesh"] = node.mesh;
        if (!node.children.empty()) j["children"] = node.children;
        if (node.translation.x != 0 || node.translation.y != 0 || node.translation.z != 0)
            j["translation"] = {quantize(node.translation.x), quantize(node.translation.y), quantize(node.translation.z)};
        if (node.yawRadians != 0)
            j["rotation"] = {0.0f, quantize(std::sin(node.yawRadians * 0.5f)), 0.0f, quantize(std::cos(node.yawRadians * 0.5f))};
        nodes.push_back(j);
    }
    doc["nodes"] = nodes;
    doc["meshes"] = meshes;
    doc["accessors"] = accessors;
    doc["bufferViews"] = views;
    doc["buffers"] = json::array({{{"byteLength", bin.bytes().size()}}});
    doc["scenes"] = json::array({{{"name", "car"}, {"nodes", m_roots}}});
    doc["scene"] = 0;

    std::string text = doc.dump();
    while (text.size() % 4) text.push_back(' ');
    const auto& data = bin.bytes();
    const std::uint32_t total = static_cast<std::uint32_t>(12 + 8 + text.size() + 8 + data.size());
    std::vector<std::uint8_t> out;
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    out.insert(out.end(), {'g', 'l', 'T', 'F'});
    u32(2);
    u32(total);
    u32(static_cast<std::uint32_t>(text.size()));
    u32(0x4E4F534Au);  // JSON
    out.insert(out.end(), text.begin(), text.end());
    u32(static_cast<std::uint32_t>(data.size()));
    u32(0x004E4942u);  // BIN
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

}  // namespace render::gen
