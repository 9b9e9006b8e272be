#include "render/ChordError.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "SurfaceProjector.h"
#include "SurfaceRecord.h"

namespace render {

namespace {

using gen::BodySurface;

// The glTF JSON of a .glb (its first chunk) or a .gltf file.
std::optional<nlohmann::json> readGltfJson(const std::string& path, std::string& why) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        why = "cannot read " + path;
        return std::nullopt;
    }
    std::string text = bytes;
    if (bytes.size() >= 20 && bytes.compare(0, 4, "glTF") == 0) {
        std::uint32_t length = 0;
        for (int i = 0; i < 4; ++i) length |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[12 + i])) << (8 * i);
        if (length > bytes.size() - 20) {
            why = "the binary glTF's JSON chunk runs past the end of the file";
            return std::nullopt;
        }
        text = bytes.substr(20, length);
    }
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        why = "the file holds no glTF JSON";
        return std::nullopt;
    }
    return json;
}

using Projector = gen::SurfaceProjector;

struct Tagged {
    size_t mesh;  // into SceneData::meshes
    std::string meshName, material;
    double offsetM;
    size_t vertices;
};

// The primitives the record says lie on the surface, matched to the imported meshes (one per
// glTF primitive, in file order), or nullopt with `why`.
std::optional<std::vector<Tagged>> taggedPrimitives(const nlohmann::json& gltf, const SceneData& scene, std::string& why) {
    std::vector<Tagged> out;
    size_t k = 0;
    try {
        for (const auto& m : gltf.at("meshes")) {
            for (const auto& p : m.at("primitives")) {
                const size_t index = k++;
                if (!p.contains("extras") || !p["extras"].contains("surface")) continue;
                const auto& tag = p["extras"]["surface"];
                const size_t count = gltf.at("accessors").at(p.at("attributes").at("POSITION").get<size_t>()).at("count");
                if (index >= scene.meshes.size() || scene.meshes[index].vertices.size() != count) {
                    why = "the imported meshes do not match the file's primitives";
                    return std::nullopt;
                }
                const std::string material = gltf.at("materials").at(p.at("material").get<size_t>()).value("name", "");
                out.push_back({index, m.value("name", ""), material, tag.at("offset_mm").get<double>() / 1000,
                               std::min(count, tag.at("vertices").get<size_t>())});
            }
        }
    } catch (const nlohmann::json::exception& e) {
        why = std::string("the file's meshes cannot be read: ") + e.what();
        return std::nullopt;
    }
    if (k != scene.meshes.size()) {
        why = "the imported meshes do not match the file's primitives";
        return std::nullopt;
    }
    return out;
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

// Measures one tagged primitive: per triangle the worst of its centroid and edge midpoints.
// Returns false when its vertices do not lie on the surface (the record does not describe it).
bool measure(const Projector& proj, const MeshData& mesh, const Tagged& tag, ChordGroup& g, std::vector<double>& errors) {
    constexpr double kTwoPi = 6.283185307179586;
    auto param = [&](std::uint32_t i) {  // Assimp's glTF import flips V: v = 1 - t / 2 pi
        const Vec2 uv = mesh.vertices[i].uv;
        return std::pair<double, double>{uv.x, (1.0 - uv.y) * kTwoPi};
    };
    auto error = [&](const Vec3& p, double s, double t, Vec3& at) {
        at = p;
        return proj.distance(p, s, t, tag.offsetM) * 1000;
    };
    // The corners themselves must lie on the surface (to the file's 1/65536 m and UV rounding).
    double onSurface = 0;
    const size_t probe = std::min<size_t>(tag.vertices, 64);
    for (size_t i = 0; i < probe; ++i) {
        const auto [s, t] = param(static_cast<std::uint32_t>(i * tag.vertices / probe));
        Vec3 at;
        onSurface = std::max(onSurface, error(mesh.vertices[i * tag.vertices / probe].position, s, t, at));
    }
    if (onSurface > 0.5) return false;
    std::unordered_map<std::uint64_t, std::pair<double, Vec3>> edges;
    std::vector<double> own;
    for (size_t f = 0; f + 2 < mesh.indices.size(); f += 3) {
        const std::uint32_t v[3] = {mesh.indices[f], mesh.indices[f + 1], mesh.indices[f + 2]};
        if (v[0] >= tag.vertices || v[1] >= tag.vertices || v[2] >= tag.vertices) continue;
        std::pair<double, double> uv[3] = {param(v[0]), param(v[1]), param(v[2])};
        const double tMin = std::min({uv[0].second, uv[1].second, uv[2].second});
        for (auto& p : uv)
            if (p.second - tMin > kTwoPi / 2) p.second -= kTwoPi;  // across the seam at the bottom centre
        if (std::any_of(uv, uv + 3, [&](const auto& a) {
                return std::any_of(uv, uv + 3, [&](const auto& b) {
                    return proj.surface().stepBetween(static_cast<float>(a.first), static_cast<float>(b.first),
                                                      static_cast<float>(a.second));
                });
            })) {
            ++g.acrossSteps;
            continue;
        }
        const Vec3 p[3] = {mesh.vertices[v[0]].position, mesh.vertices[v[1]].position, mesh.vertices[v[2]].position};
        Vec3 at;
        double worst = error((p[0] + p[1] + p[2]) / 3.0f, (uv[0].first + uv[1].first + uv[2].first) / 3,
                             (uv[0].second + uv[1].second + uv[2].second) / 3, at);
        Vec3 worstAt = at;
        for (int e = 0; e < 3; ++e) {
            const int a = e, b = (e + 1) % 3;
            const std::uint64_t key = (static_cast<std::uint64_t>(std::min(v[a], v[b])) << 32) | std::max(v[a], v[b]);
            auto it = edges.find(key);
            if (it == edges.end()) {
                const double d = error((p[a] + p[b]) / 2.0f, (uv[a].first + uv[b].first) / 2, (uv[a].second + uv[b].second) / 2, at);
                it = edges.emplace(key, std::pair<double, Vec3>{d, at}).first;
            }
            if (it->second.first > worst) {
                worst = it->second.first;
                worstAt = it->second.second;
            }
        }
        own.push_back(worst);
        if (worst >= g.maxMm) {
            g.maxMm = worst;
            g.worst = worstAt;
        }
    }
    g.triangles = own.size();
    g.p99Mm = percentile(own, 0.99);
    errors.insert(errors.end(), own.begin(), own.end());
    return true;
}

}  // namespace

std::string ChordReport::violation() const {
    if (passed()) return {};
    for (const auto& g : groups)
        if (g.maxMm == maxMm) {
            char line[256];
            std::snprintf(line, sizeof line,
                          "chord error %.2f mm in %s (%s) at (%.3f, %.3f, %.3f): limit %.1f mm for the %s level of detail",
                          g.maxMm, g.mesh.c_str(), g.material.c_str(), g.worst.x, g.worst.y, g.worst.z, limitMm,
                          levelOfDetail.c_str());
            return line;
        }
    return "chord error over the limit";
}

ChordReport measureChordError(const SceneData& scene, const std::string& path) {
    ChordReport r;
    const auto gltf = readGltfJson(path, r.why);
    if (!gltf) return r;
    const auto recorded = gen::readSurfaceRecord(*gltf, r.why);
    if (!recorded) return r;
    const auto tagged = taggedPrimitives(*gltf, scene, r.why);
    if (!tagged) return r;
    if (tagged->empty()) {
        r.why = "the file records a surface but no primitive on it";
        return r;
    }
    const Projector proj(recorded->surface);
    std::vector<double> all;
    for (const Tagged& t : *tagged) {
        ChordGroup g;
        g.mesh = t.meshName;
        g.material = t.material;
        g.offsetMm = t.offsetM * 1000;
        if (!measure(proj, scene.meshes[t.mesh], t, g, all)) {
            r.why = "the vertices of " + t.meshName + " (" + t.material + ") do not lie on the recorded surface";
            return r;
        }
        r.triangles += g.triangles;
        r.maxMm = std::max(r.maxMm, g.maxMm);
        r.groups.push_back(std::move(g));
    }
    r.known = true;
    r.levelOfDetail = recorded->levelOfDetail;
    r.p99Mm = percentile(std::move(all), 0.99);
    return r;
}

}  // namespace render
