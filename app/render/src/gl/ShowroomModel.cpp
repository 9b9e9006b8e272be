// Showroom: loading the model (on a worker, handed over in poll()), the placeholder shown when
// it fails, and restyling it for a configuration (paint, interior colour, shown parts).
#include <algorithm>
#include <cmath>

#include "ShowroomImpl.h"

namespace render {

namespace {

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

}  // namespace

void Showroom::loadModel(const std::string& path, std::optional<ModelMapping> mapping) {
    if (m_pending.valid()) m_abandoned.push_back(std::move(m_pending));
    m_pendingMapping = std::move(mapping);
    m_state = ModelState::Loading;
    m_loadStart = std::chrono::steady_clock::now();
    const ImportLimits limits = m_settings.importLimits;
    m_pending = std::async(std::launch::async, [path, limits] { return importModel(path, limits); });
}

bool Showroom::loadModelNow(const std::string& path, std::optional<ModelMapping> mapping) {
    loadModel(path, std::move(mapping));
    m_pending.wait();
    poll();
    return m_state == ModelState::Ready;
}

void Showroom::loadSceneNow(SceneData scene, std::optional<ModelMapping> mapping) {
    if (m_pending.valid()) m_abandoned.push_back(std::move(m_pending));
    m_mapping = std::move(mapping);
    m_pendingMapping.reset();
    m_lastError.clear();
    m_warnings = scene.warnings;
    upload(std::move(scene), 0);
    m_state = ModelState::Ready;
}

void Showroom::poll() {
    m_abandoned.erase(std::remove_if(m_abandoned.begin(), m_abandoned.end(),
                                     [](auto& f) { return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }),
                      m_abandoned.end());
    if (!m_pending.valid() || m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    ImportResult result = m_pending.get();
    m_mapping = std::move(m_pendingMapping);
    m_pendingMapping.reset();
    if (!result.ok()) {
        m_lastError = result.error;
        m_warnings.clear();
        log("cannot load model: " + result.error + " (showing a placeholder)");
        uploadPlaceholder();
        m_state = ModelState::Failed;
        return;
    }
    m_lastError.clear();
    m_warnings = result.scene->warnings;
    for (const auto& w : m_warnings) log(result.scene->sourcePath + ": " + w);
    upload(std::move(*result.scene), result.importMs);
    m_state = ModelState::Ready;
}

void Showroom::uploadPlaceholder() {
    // A neutral car-sized rounded block, so the screen never shows an empty or broken studio.
    SceneData s;
    s.sourcePath = "placeholder";
    MaterialData m;
    m.name = "placeholder";
    m.baseColor = {0.35f, 0.36f, 0.38f, 1};
    m.metallic = 0;
    m.roughness = 0.6f;
    s.materials.push_back(m);
    MeshData mesh;
    mesh.name = "placeholder";
    const int rows = 16, cols = 32;
    const Vec3 half{0.9f, 0.7f, 2.2f};
    for (int r = 0; r <= rows; ++r)
        for (int c = 0; c <= cols; ++c) {
            const float v = -1.5707963f + 3.1415926f * r / rows, u = 6.2831853f * c / cols;
            auto sp = [](float x, float e) { return std::copysign(std::pow(std::fabs(x), e), x); };
            const Vec3 p{half.x * sp(std::cos(v), 0.4f) * sp(std::cos(u), 0.4f), half.y * sp(std::sin(v), 0.4f) + half.y,
                         half.z * sp(std::cos(v), 0.4f) * sp(std::sin(u), 0.4f)};
            Vertex vert;
            vert.position = p;
            vert.normal = normalize(Vec3{std::cos(v) * std::cos(u), std::sin(v), std::cos(v) * std::sin(u)});
            mesh.vertices.push_back(vert);
            mesh.bounds.add(p);
        }
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const std::uint32_t a = r * (cols + 1) + c, b = a + cols + 1;
            mesh.indices.insert(mesh.indices.end(), {a, b + 1, b, a, a + 1, b + 1});
        }
    s.meshes.push_back(std::move(mesh));
    NodeData node;
    node.name = "placeholder";
    node.meshes = {0};
    s.nodes.push_back(node);
    m_mapping.reset();
    upload(std::move(s), 0);
}

void Showroom::upload(SceneData scene, double importMs) {
    const auto start = std::chrono::steady_clock::now();
    Impl& d = *m_impl;
    d.scene.upload(scene);
    d.pbr.uploadTextures(scene);
    d.paintMaterials.clear();
    d.interiorMaterials.clear();

    if (m_mapping) {
        auto indexOf = [&](const std::vector<std::string>& names, std::set<int>& out, const char* what) {
            for (const auto& name : names) {
                bool found = false;
                for (int i = 0; i < static_cast<int>(d.scene.materials.size()); ++i)
                    if (d.scene.materials[i].name == name) {
                        out.insert(i);
                        found = true;
                    }
                if (!found) log(scene.sourcePath + ": mapped " + what + " material \"" + name + "\" is not in the model");
            }
        };
        indexOf(m_mapping->paintMaterials, d.paintMaterials, "paint");
        indexOf(m_mapping->interiorMaterials, d.interiorMaterials, "interior");
        // Until a configuration arrives: the first wheel set, and no optional parts.
        CarLook look;
        bool first = true;
        for (const auto& [option, node] : m_mapping->wheels) {
            (first ? look.shownNodes : look.hiddenNodes).insert(node);
            first = false;
        }
        for (const auto& part : m_mapping->parts) (part.when.empty() ? look.shownNodes : look.hiddenNodes).insert(part.node);
        applyLook(look);
    }
    for (int m : d.paintMaterials) d.scene.materials[m].doubleSided = true;
    d.footprintDirty = true;
    ++m_sceneVersion;
    const int eye = scene.findNode("driver-eye");
    m_camera.setDriverEye(eye >= 0 ? std::optional<Vec3>(scene.worldTransform(eye).transformPoint({0, 0, 0})) : std::nullopt);
    m_camera.frame(visibleBounds());
    m_stats.importMs = importMs;
    m_stats.uploadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Bounds Showroom::visibleBounds() const { return m_impl->scene.visibleBounds(); }

void Showroom::applyConfiguration(const core::Model& model, const core::Configuration& config) {
    if (!m_mapping || m_state != ModelState::Ready) return;
    applyLook(resolveCarLook(*m_mapping, model, config));
}

void Showroom::applyLook(const CarLook& look) {
    Impl& d = *m_impl;
    if (look.hasPaint) setPaint(look.paint);
    if (look.interiorColorSrgb)
        for (int m : d.interiorMaterials)
            d.scene.materials[m].baseColor = {srgbToLinear((*look.interiorColorSrgb)[0]), srgbToLinear((*look.interiorColorSrgb)[1]),
                                        srgbToLinear((*look.interiorColorSrgb)[2]), 1};
    for (int n = 0; n < static_cast<int>(d.scene.nodes.size()); ++n) {
        const std::string& name = d.scene.nodes[n].name;
        if (look.hiddenNodes.count(name)) d.scene.nodeHidden[n] = true;
        if (look.shownNodes.count(name)) d.scene.nodeHidden[n] = false;
    }
    d.footprintDirty = true;
    ++m_sceneVersion;
}

void Showroom::setPaint(const core::PaintSpec& paint) {
    Impl& d = *m_impl;
    ++m_sceneVersion;
    for (int m : d.paintMaterials) {
        MaterialData& mat = d.scene.materials[m];
        mat.baseColor = {srgbToLinear(paint.baseColorSrgb[0]), srgbToLinear(paint.baseColorSrgb[1]),
                         srgbToLinear(paint.baseColorSrgb[2]), 1};
        mat.metallic = paint.metallic;
        mat.roughness = paint.roughness;
        mat.clearcoat = paint.clearcoat;
        mat.clearcoatRoughness = paint.clearcoatRoughness;
        mat.flake = paint.flake;
    }
}

}  // namespace render
