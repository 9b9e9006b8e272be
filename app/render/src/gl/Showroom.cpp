#include "render/Showroom.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "render/ShaderLibrary.h"

namespace render {

namespace {

constexpr int kEnvSize = 256;
constexpr int kIrradianceSize = 32;
constexpr int kPrefilterSize = 128;
constexpr int kPrefilterLevels = 6;  // roughness 0, 0.2, ... 1 on mips 0..5
constexpr int kBrdfLutSize = 128;
constexpr int kFootprintSize = 256;

enum TextureUnit { kUnitBase = 0, kUnitMr, kUnitNormal, kUnitOcclusion, kUnitEmissive, kUnitIrradiance, kUnitPrefiltered, kUnitBrdf };

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

Mat4 orthographic(float l, float r, float b, float t, float n, float f) {
    Mat4 m;
    m.at(0, 0) = 2 / (r - l);
    m.at(1, 1) = 2 / (t - b);
    m.at(2, 2) = -2 / (f - n);
    m.at(0, 3) = -(r + l) / (r - l);
    m.at(1, 3) = -(t + b) / (t - b);
    m.at(2, 3) = -(f + n) / (f - n);
    return m;
}

// glTF KHR_texture_transform as a 3x3 matrix (column-major), T * R * S.
std::array<float, 9> uvMatrix(const TextureRef& t) {
    const float c = std::cos(t.rotation), s = std::sin(t.rotation);
    return {c * t.scale.x, -s * t.scale.x, 0, s * t.scale.y, c * t.scale.y, 0, t.offset.x, t.offset.y, 1};
}

struct PbrUniforms {
    GLint model, normalMatrix, viewProjection, cameraPosition, baseColor, metallic, roughness, emissive, clearcoat,
        clearcoatRoughness, flake, flakeScale, alphaMode, alphaCutoff, backfaceDim, occlusionStrength, normalScale,
        hasTexture, hasEmissiveTexture, uvTransform, prefilteredMaxLod, environmentIntensity, floorY;
};

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

// Offscreen HDR targets at the current output size.
struct Targets {
    int width = 0, height = 0, samples = 0;
    gl::Framebuffer msaaFbo, resolveFbo;
    gl::Renderbuffer msaaColor, depth;
    gl::Texture resolved;
};

}  // namespace

struct Showroom::Impl {
    ShaderLibrary shaders;
    gl::Program pbr, ground, background, post, footprint;
    PbrUniforms u{};
    struct {
        GLint viewProjection, center, extent, floorY, footprintRect, modelRadius, blurLod, environmentIntensity, shadowStrength;
    } ug{};
    struct {
        GLint inverseViewProjection, blurLod, environmentIntensity;
    } ub{};
    struct {
        GLint exposure, toneMapper, fxaa, texel, spinner;
    } up{};
    struct {
        GLint model, viewProjection, floorY, falloff;
    } uf{};
    gl::VertexArray emptyVao;
    gl::Texture envCube, irradiance, prefiltered, brdfLut;
    gl::VertexArray groundVao;
    gl::Buffer groundVbo;
    gl::Framebuffer footprintFbo;
    gl::Texture footprintTex;
    gl::Renderbuffer footprintDepth;
    Bounds footprintRect;
    Targets targets;
    bool software = false;
    float maxAnisotropy = 1;

    // The loaded model.
    std::vector<GpuMesh> meshes;
    std::map<std::pair<int, bool>, gl::Texture> textures;  // (texture index, sRGB)
    std::vector<MaterialData> materials;
    std::vector<NodeData> nodes;
    std::vector<bool> nodeHidden;  // own flag; a node is drawn when neither it nor an ancestor is hidden
    std::vector<DrawItem> items;
    std::set<int> paintMaterials, interiorMaterials;
    bool footprintDirty = true;

    explicit Impl(const std::string& shaderDir) : shaders(shaderDir) {}

    bool drawn(int node) const {
        for (int n = node; n >= 0; n = nodes[n].parent)
            if (nodeHidden[n]) return false;
        return true;
    }
};

Showroom::Showroom(ShowroomSettings settings) : m_settings(std::move(settings)) {
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    if (!version) throw std::runtime_error("3D renderer: no OpenGL context is current");
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    const auto* rendererName = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    m_stats.glRenderer = rendererName ? rendererName : "?";
    if (major * 10 + minor < 33)
        throw std::runtime_error("3D renderer needs OpenGL 3.3 core or newer; this context is " + std::string(version) +
                                 " on " + m_stats.glRenderer);
    m_impl = std::make_unique<Impl>(m_settings.shaderDirectory);
    Impl& d = *m_impl;
    d.software = m_stats.glRenderer.find("llvmpipe") != std::string::npos ||
                 m_stats.glRenderer.find("softpipe") != std::string::npos ||
                 m_stats.glRenderer.find("Software") != std::string::npos;
    if (epoxy_has_gl_extension("GL_EXT_texture_filter_anisotropic") || epoxy_gl_version() >= 46)
        glGetFloatv(GL_MAX_TEXTURE_MAX_ANISOTROPY_EXT, &d.maxAnisotropy);

    d.pbr = d.shaders.load("pbr.vert", "pbr.frag");
    d.ground = d.shaders.load("ground.vert", "ground.frag");
    d.background = d.shaders.load("fullscreen.vert", "background.frag");
    d.post = d.shaders.load("fullscreen.vert", "post.frag");
    d.footprint = d.shaders.load("footprint.vert", "footprint.frag");
    {
        const auto& p = d.pbr;
        auto& u = d.u;
        u.model = uniformLocation(p, "u_model");
        u.normalMatrix = uniformLocation(p, "u_normalMatrix");
        u.viewProjection = uniformLocation(p, "u_viewProjection");
        u.cameraPosition = uniformLocation(p, "u_cameraPosition");
        u.baseColor = uniformLocation(p, "u_baseColor");
        u.metallic = uniformLocation(p, "u_metallic");
        u.roughness = uniformLocation(p, "u_roughness");
        u.emissive = uniformLocation(p, "u_emissive");
        u.clearcoat = uniformLocation(p, "u_clearcoat");
        u.clearcoatRoughness = uniformLocation(p, "u_clearcoatRoughness");
        u.flake = uniformLocation(p, "u_flake");
        u.flakeScale = uniformLocation(p, "u_flakeScale");
        u.alphaMode = uniformLocation(p, "u_alphaMode");
        u.alphaCutoff = uniformLocation(p, "u_alphaCutoff");
        u.backfaceDim = uniformLocation(p, "u_backfaceDim");
        u.occlusionStrength = uniformLocation(p, "u_occlusionStrength");
        u.normalScale = uniformLocation(p, "u_normalScale");
        u.hasTexture = uniformLocation(p, "u_hasTexture");
        u.hasEmissiveTexture = uniformLocation(p, "u_hasEmissiveTexture");
        u.uvTransform = uniformLocation(p, "u_uvTransform");
        u.prefilteredMaxLod = uniformLocation(p, "u_prefilteredMaxLod");
        u.environmentIntensity = uniformLocation(p, "u_environmentIntensity");
        u.floorY = uniformLocation(p, "u_floorY");
        glUseProgram(p.id());
        const std::pair<const char*, int> samplers[] = {
            {"u_baseColorTexture", kUnitBase}, {"u_metallicRoughnessTexture", kUnitMr}, {"u_normalTexture", kUnitNormal},
            {"u_occlusionTexture", kUnitOcclusion}, {"u_emissiveTexture", kUnitEmissive}, {"u_irradiance", kUnitIrradiance},
            {"u_prefiltered", kUnitPrefiltered}, {"u_brdfLut", kUnitBrdf}};
        for (const auto& [name, unit] : samplers) glUniform1i(uniformLocation(p, name), unit);
    }
    d.ug = {uniformLocation(d.ground, "u_viewProjection"), uniformLocation(d.ground, "u_center"),
            uniformLocation(d.ground, "u_extent"),         uniformLocation(d.ground, "u_floorY"),
            uniformLocation(d.ground, "u_footprintRect"),  uniformLocation(d.ground, "u_modelRadius"),
            uniformLocation(d.ground, "u_blurLod"),        uniformLocation(d.ground, "u_environmentIntensity"),
            uniformLocation(d.ground, "u_shadowStrength")};
    glUseProgram(d.ground.id());
    glUniform1i(uniformLocation(d.ground, "u_prefiltered"), kUnitPrefiltered);
    glUniform1i(uniformLocation(d.ground, "u_footprint"), 0);
    d.ub = {uniformLocation(d.background, "u_inverseViewProjection"), uniformLocation(d.background, "u_blurLod"),
            uniformLocation(d.background, "u_environmentIntensity")};
    glUseProgram(d.background.id());
    glUniform1i(uniformLocation(d.background, "u_prefiltered"), kUnitPrefiltered);
    d.up = {uniformLocation(d.post, "u_exposure"), uniformLocation(d.post, "u_toneMapper"), uniformLocation(d.post, "u_fxaa"),
            uniformLocation(d.post, "u_texel"), uniformLocation(d.post, "u_spinner")};
    glUseProgram(d.post.id());
    glUniform1i(uniformLocation(d.post, "u_hdr"), 0);
    d.uf = {uniformLocation(d.footprint, "u_model"), uniformLocation(d.footprint, "u_viewProjection"),
            uniformLocation(d.footprint, "u_floorY"), uniformLocation(d.footprint, "u_falloff")};
    glUseProgram(0);

    GLint previousFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousFbo);
    glEnable(GL_TEXTURE_CUBE_MAP_SEAMLESS);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glBindVertexArray(d.emptyVao.id());
    gl::Framebuffer fbo;
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.id());

    auto makeCube = [](gl::Texture& tex, int size, bool mips) {
        glBindTexture(GL_TEXTURE_CUBE_MAP, tex.id());
        for (int f = 0; f < 6; ++f)
            glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + f, 0, GL_RGBA16F, size, size, 0, GL_RGBA, GL_HALF_FLOAT, nullptr);
        glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MIN_FILTER, mips ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
        glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        for (GLenum w : {GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R}) glTexParameteri(GL_TEXTURE_CUBE_MAP, w, GL_CLAMP_TO_EDGE);
        if (mips) glGenerateMipmap(GL_TEXTURE_CUBE_MAP);
    };
    auto renderCube = [&](const gl::Program& program, gl::Texture& target, int size, int mip, float roughness) {
        glUseProgram(program.id());
        glUniform1f(glGetUniformLocation(program.id(), "u_size"), static_cast<float>(size));
        glUniform1f(glGetUniformLocation(program.id(), "u_roughness"), roughness);
        glUniform1f(glGetUniformLocation(program.id(), "u_envSize"), static_cast<float>(kEnvSize));
        glUniform1i(glGetUniformLocation(program.id(), "u_env"), 0);
        glViewport(0, 0, size, size);
        for (int f = 0; f < 6; ++f) {
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_CUBE_MAP_POSITIVE_X + f, target.id(), mip);
            if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
                throw std::runtime_error("3D renderer: this OpenGL cannot render to RGBA16F cube maps");
            glUniform1i(glGetUniformLocation(program.id(), "u_face"), f);
            glDrawArrays(GL_TRIANGLES, 0, 3);
        }
    };
    // Studio environment, then its irradiance and prefiltered specular maps.
    makeCube(d.envCube, kEnvSize, true);
    renderCube(d.shaders.load("fullscreen.vert", "env_studio.frag"), d.envCube, kEnvSize, 0, 0);
    glBindTexture(GL_TEXTURE_CUBE_MAP, d.envCube.id());
    glGenerateMipmap(GL_TEXTURE_CUBE_MAP);
    makeCube(d.irradiance, kIrradianceSize, false);
    glActiveTexture(GL_TEXTURE0);  // makeCube bound its own texture: the source goes back on unit 0
    glBindTexture(GL_TEXTURE_CUBE_MAP, d.envCube.id());
    renderCube(d.shaders.load("fullscreen.vert", "env_irradiance.frag"), d.irradiance, kIrradianceSize, 0, 0);
    makeCube(d.prefiltered, kPrefilterSize, true);
    glBindTexture(GL_TEXTURE_CUBE_MAP, d.prefiltered.id());
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MAX_LEVEL, kPrefilterLevels - 1);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_CUBE_MAP, d.envCube.id());
    {
        gl::Program prefilter = d.shaders.load("fullscreen.vert", "env_prefilter.frag");
        for (int mip = 0; mip < kPrefilterLevels; ++mip)
            renderCube(prefilter, d.prefiltered, kPrefilterSize >> mip, mip, static_cast<float>(mip) / (kPrefilterLevels - 1));
    }
    // Split-sum BRDF table.
    glBindTexture(GL_TEXTURE_2D, d.brdfLut.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RG16F, kBrdfLutSize, kBrdfLutSize, 0, GL_RG, GL_HALF_FLOAT, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, d.brdfLut.id(), 0);
    glViewport(0, 0, kBrdfLutSize, kBrdfLutSize);
    {
        gl::Program lut = d.shaders.load("fullscreen.vert", "brdf_lut.frag");
        glUseProgram(lut.id());
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
    // Floor quad and the footprint target for the contact shadow.
    const float quad[] = {-1, 0, -1, 1, 0, -1, 1, 0, 1, -1, 0, -1, 1, 0, 1, -1, 0, 1};
    glBindVertexArray(d.groundVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, d.groundVbo.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof(quad), quad, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 12, nullptr);
    glBindTexture(GL_TEXTURE_2D, d.footprintTex.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, kFootprintSize, kFootprintSize, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindRenderbuffer(GL_RENDERBUFFER, d.footprintDepth.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, kFootprintSize, kFootprintSize);
    glBindFramebuffer(GL_FRAMEBUFFER, d.footprintFbo.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, d.footprintTex.id(), 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, d.footprintDepth.id());

    glBindVertexArray(0);
    glUseProgram(0);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
    log(std::string("3D renderer ready on ") + m_stats.glRenderer + " (OpenGL " + version + ")");
}

Showroom::~Showroom() {
    // Imports cannot be cancelled; wait for them so no worker outlives the renderer.
    if (m_pending.valid()) m_pending.wait();
    for (auto& f : m_abandoned) f.wait();
}

void Showroom::log(const std::string& line) const {
    if (m_settings.log) m_settings.log(line);
    else std::fprintf(stderr, "render: %s\n", line.c_str());
}

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
    d.meshes.clear();
    d.textures.clear();
    d.items.clear();
    d.materials = scene.materials;
    d.nodes = scene.nodes;
    d.nodeHidden.assign(d.nodes.size(), false);
    d.paintMaterials.clear();
    d.interiorMaterials.clear();

    GLint previousVao = 0;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &previousVao);
    for (const auto& m : scene.meshes) {
        GpuMesh g;
        g.indexCount = static_cast<GLsizei>(m.indices.size());
        g.material = m.material;
        g.bounds = m.bounds;
        glBindVertexArray(g.vao.id());
        glBindBuffer(GL_ARRAY_BUFFER, g.vertices.id());
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m.vertices.size() * sizeof(Vertex)), m.vertices.data(), GL_STATIC_DRAW);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.indices.id());
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(m.indices.size() * 4), m.indices.data(), GL_STATIC_DRAW);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, position)));
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, normal)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, tangent)));
        glEnableVertexAttribArray(3);
        glVertexAttribPointer(3, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, uv)));
        d.meshes.push_back(std::move(g));
    }
    glBindVertexArray(static_cast<GLuint>(previousVao));

    // Textures, once per (image, colour space) actually used.
    auto useTexture = [&](const TextureRef& ref, bool srgb) {
        if (!ref.valid() || ref.texture >= static_cast<int>(scene.textures.size())) return;
        auto key = std::make_pair(ref.texture, srgb);
        if (d.textures.count(key)) return;
        const TextureData& t = scene.textures[ref.texture];
        gl::Texture tex;
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, tex.id());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, srgb ? GL_SRGB8_ALPHA8 : GL_RGBA8, t.width, t.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, t.rgba.data());
        glGenerateMipmap(GL_TEXTURE_2D);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, t.nearest ? GL_NEAREST_MIPMAP_NEAREST : GL_LINEAR_MIPMAP_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, t.nearest ? GL_NEAREST : GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_REPEAT);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_REPEAT);
        if (d.maxAnisotropy > 1 && !t.nearest) glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_MAX_ANISOTROPY_EXT, std::min(8.0f, d.maxAnisotropy));
        d.textures.emplace(key, std::move(tex));
    };
    for (const auto& m : d.materials) {
        useTexture(m.baseColorTex, true);
        useTexture(m.emissiveTex, true);
        useTexture(m.metallicRoughnessTex, false);
        useTexture(m.normalTex, false);
        useTexture(m.occlusionTex, false);
    }

    for (int n = 0; n < static_cast<int>(d.nodes.size()); ++n) {
        if (d.nodes[n].meshes.empty()) continue;
        const Mat4 world = scene.worldTransform(n);
        const Mat4 normal = world.inverse().transposed();
        const float det = std::fabs(world.at(0, 0) * (world.at(1, 1) * world.at(2, 2) - world.at(1, 2) * world.at(2, 1)) -
                                    world.at(0, 1) * (world.at(1, 0) * world.at(2, 2) - world.at(1, 2) * world.at(2, 0)) +
                                    world.at(0, 2) * (world.at(1, 0) * world.at(2, 1) - world.at(1, 1) * world.at(2, 0)));
        for (int m : d.nodes[n].meshes) {
            DrawItem item;
            item.mesh = m;
            item.node = n;
            item.world = world;
            item.normalMatrix = {normal.at(0, 0), normal.at(1, 0), normal.at(2, 0), normal.at(0, 1), normal.at(1, 1),
                                 normal.at(2, 1), normal.at(0, 2), normal.at(1, 2), normal.at(2, 2)};
            item.flakeScale = 400.0f * std::cbrt(std::max(det, 1e-30f));  // 2.5 mm flakes in world units
            item.worldBounds = transformBounds(d.meshes[m].bounds, world);
            d.items.push_back(item);
        }
    }

    if (m_mapping) {
        auto indexOf = [&](const std::vector<std::string>& names, std::set<int>& out, const char* what) {
            for (const auto& name : names) {
                bool found = false;
                for (int i = 0; i < static_cast<int>(d.materials.size()); ++i)
                    if (d.materials[i].name == name) {
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
    for (int m : d.paintMaterials) d.materials[m].doubleSided = true;
    d.footprintDirty = true;
    m_camera.frame(visibleBounds());
    m_stats.importMs = importMs;
    m_stats.uploadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Bounds Showroom::visibleBounds() const {
    const Impl& d = *m_impl;
    Bounds b;
    for (const auto& item : d.items)
        if (d.drawn(item.node)) b.add(item.worldBounds);
    return b;
}

void Showroom::applyConfiguration(const core::Model& model, const core::Configuration& config) {
    if (!m_mapping || m_state != ModelState::Ready) return;
    applyLook(resolveCarLook(*m_mapping, model, config));
}

void Showroom::applyLook(const CarLook& look) {
    Impl& d = *m_impl;
    if (look.hasPaint) setPaint(look.paint);
    if (look.interiorColorSrgb)
        for (int m : d.interiorMaterials)
            d.materials[m].baseColor = {srgbToLinear((*look.interiorColorSrgb)[0]), srgbToLinear((*look.interiorColorSrgb)[1]),
                                        srgbToLinear((*look.interiorColorSrgb)[2]), 1};
    for (int n = 0; n < static_cast<int>(d.nodes.size()); ++n) {
        const std::string& name = d.nodes[n].name;
        if (look.hiddenNodes.count(name)) d.nodeHidden[n] = true;
        if (look.shownNodes.count(name)) d.nodeHidden[n] = false;
    }
    d.footprintDirty = true;
}

void Showroom::setPaint(const core::PaintSpec& paint) {
    Impl& d = *m_impl;
    for (int m : d.paintMaterials) {
        MaterialData& mat = d.materials[m];
        mat.baseColor = {srgbToLinear(paint.baseColorSrgb[0]), srgbToLinear(paint.baseColorSrgb[1]),
                         srgbToLinear(paint.baseColorSrgb[2]), 1};
        mat.metallic = paint.metallic;
        mat.roughness = paint.roughness;
        mat.clearcoat = paint.clearcoat;
        mat.clearcoatRoughness = paint.clearcoatRoughness;
        mat.flake = paint.flake;
    }
}

void Showroom::update(float dt) {
    m_time += dt;
    m_camera.update(dt);
}

void Showroom::renderFootprint() {
    Impl& d = *m_impl;
    d.footprintDirty = false;
    Bounds b = visibleBounds();
    if (b.empty()) b = {{-1, 0, -1}, {1, 1, 1}};
    const Vec3 size = b.size();
    const float margin = std::max(size.x, size.z) * 0.25f;
    d.footprintRect = {{b.min.x - margin, b.min.y, b.min.z - margin}, {b.max.x + margin, b.max.y, b.max.z + margin}};
    const Vec3 lo = d.footprintRect.min, hi = d.footprintRect.max;
    // Looking straight up from under the floor: the nearest surface is the lowest one.
    const Mat4 view = Mat4::lookAt({0, b.min.y - 1, 0}, {0, b.min.y, 0}, {0, 0, 1});
    // In this view x maps to -x (looking up flips handedness); derive the ortho box from it.
    const Vec3 a = view.transformPoint({lo.x, b.min.y, lo.z}), c = view.transformPoint({hi.x, b.min.y, hi.z});
    const Mat4 proj = orthographic(std::min(a.x, c.x), std::max(a.x, c.x), std::min(a.y, c.y), std::max(a.y, c.y), 0.0f,
                                   1 + size.y + 0.01f);
    // The ground shader maps world xz to uv by the rect; flip the projection where the view mirrored it.
    Mat4 fix;
    if (a.x > c.x) fix.at(0, 0) = -1;
    if (a.y > c.y) fix.at(1, 1) = -1;
    const Mat4 viewProjection = fix * proj * view;
    glBindFramebuffer(GL_FRAMEBUFFER, d.footprintFbo.id());
    glViewport(0, 0, kFootprintSize, kFootprintSize);
    glClearColor(0, 0, 0, 0);
    glClearDepth(1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glUseProgram(d.footprint.id());
    glUniformMatrix4fv(d.uf.viewProjection, 1, GL_FALSE, viewProjection.data());
    glUniform1f(d.uf.floorY, b.min.y);
    glUniform1f(d.uf.falloff, std::max(size.y * 0.1f, 1e-4f));
    for (const auto& item : d.items) {
        if (!d.drawn(item.node) || d.materials[d.meshes[item.mesh].material].alphaMode == AlphaMode::Blend) continue;
        glUniformMatrix4fv(d.uf.model, 1, GL_FALSE, item.world.data());
        glBindVertexArray(d.meshes[item.mesh].vao.id());
        glDrawElements(GL_TRIANGLES, d.meshes[item.mesh].indexCount, GL_UNSIGNED_INT, nullptr);
    }
    glBindTexture(GL_TEXTURE_2D, d.footprintTex.id());
    glGenerateMipmap(GL_TEXTURE_2D);
}

void Showroom::render(int width, int height) {
    Impl& d = *m_impl;
    if (width <= 0 || height <= 0) return;
    GLint output = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &output);
    if (d.footprintDirty && !d.items.empty()) renderFootprint();

    // (Re)create the HDR targets for this size and anti-aliasing mode.
    const AntiAliasing aa = m_settings.antiAliasing == AntiAliasing::Auto ? (d.software ? AntiAliasing::Fxaa : AntiAliasing::Msaa4)
                                                                          : m_settings.antiAliasing;
    const int samples = aa == AntiAliasing::Msaa4 ? 4 : 0;
    Targets& t = d.targets;
    if (t.width != width || t.height != height || t.samples != samples || !t.resolved) {
        t = Targets{};
        t.width = width;
        t.height = height;
        t.samples = samples;
        glBindTexture(GL_TEXTURE_2D, t.resolved.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA16F, width, height, 0, GL_RGBA, GL_HALF_FLOAT, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindFramebuffer(GL_FRAMEBUFFER, t.resolveFbo.id());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, t.resolved.id(), 0);
        glBindRenderbuffer(GL_RENDERBUFFER, t.depth.id());
        if (samples > 0) {
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, width, height);
            glBindRenderbuffer(GL_RENDERBUFFER, t.msaaColor.id());
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA16F, width, height);
            glBindFramebuffer(GL_FRAMEBUFFER, t.msaaFbo.id());
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.msaaColor.id());
        } else {
            glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
        }
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t.depth.id());
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            throw std::runtime_error("3D renderer: cannot create an RGBA16F render target of " + std::to_string(width) + "x" +
                                     std::to_string(height));
        m_stats.msaa = samples > 0;
        m_stats.fxaa = aa == AntiAliasing::Fxaa;
    }
    const GLuint sceneFbo = samples > 0 ? t.msaaFbo.id() : t.resolveFbo.id();
    glBindFramebuffer(GL_FRAMEBUFFER, sceneFbo);
    glViewport(0, 0, width, height);
    glDepthMask(GL_TRUE);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

    const float aspect = static_cast<float>(width) / height;
    const Mat4 view = m_camera.view();
    const Mat4 projection = m_camera.projection(aspect);
    const Mat4 viewProjection = projection * view;
    const Vec3 eye = m_camera.eye();
    Bounds framed = m_camera.framedBounds();
    const float floorY = framed.min.y;
    const float radius = std::max(framed.radius(), 1e-4f);
    const float envIntensity = m_settings.environmentIntensity;

    glActiveTexture(GL_TEXTURE0 + kUnitIrradiance);
    glBindTexture(GL_TEXTURE_CUBE_MAP, d.irradiance.id());
    glActiveTexture(GL_TEXTURE0 + kUnitPrefiltered);
    glBindTexture(GL_TEXTURE_CUBE_MAP, d.prefiltered.id());
    glActiveTexture(GL_TEXTURE0 + kUnitBrdf);
    glBindTexture(GL_TEXTURE_2D, d.brdfLut.id());

    // Background studio.
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glUseProgram(d.background.id());
    const Mat4 rotationOnly = [&] {
        Mat4 v = view;
        v.at(0, 3) = v.at(1, 3) = v.at(2, 3) = 0;
        return (projection * v).inverse();
    }();
    glUniformMatrix4fv(d.ub.inverseViewProjection, 1, GL_FALSE, rotationOnly.data());
    glUniform1f(d.ub.blurLod, 2.0f);
    glUniform1f(d.ub.environmentIntensity, envIntensity);
    glBindVertexArray(d.emptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    int drawCalls = 1;

    // Floor with contact shadow, faded into the background at its edge.
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(d.ground.id());
    glUniformMatrix4fv(d.ug.viewProjection, 1, GL_FALSE, viewProjection.data());
    const Vec3 center = framed.center();
    glUniform3f(d.ug.center, center.x, center.y, center.z);
    glUniform1f(d.ug.extent, radius * 12);
    glUniform1f(d.ug.floorY, floorY);
    const Vec3 fr = d.footprintRect.min, frs = d.footprintRect.size();
    glUniform4f(d.ug.footprintRect, fr.x, fr.z, std::max(frs.x, 1e-6f), std::max(frs.z, 1e-6f));
    glUniform1f(d.ug.modelRadius, radius);
    glUniform1f(d.ug.blurLod, 2.0f);
    glUniform1f(d.ug.environmentIntensity, envIntensity);
    glUniform1f(d.ug.shadowStrength, d.items.empty() ? 0.0f : 0.85f);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, d.footprintTex.id());
    glBindVertexArray(d.groundVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 6);
    ++drawCalls;

    // The model: opaque first, then blended parts back to front.
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glUseProgram(d.pbr.id());
    glUniformMatrix4fv(d.u.viewProjection, 1, GL_FALSE, viewProjection.data());
    glUniform3f(d.u.cameraPosition, eye.x, eye.y, eye.z);
    glUniform1f(d.u.prefilteredMaxLod, static_cast<float>(kPrefilterLevels - 1));
    glUniform1f(d.u.environmentIntensity, envIntensity);
    glUniform1f(d.u.floorY, floorY);
    std::vector<const DrawItem*> opaque, blended;
    for (const auto& item : d.items) {
        if (!d.drawn(item.node)) continue;
        (d.materials[d.meshes[item.mesh].material].alphaMode == AlphaMode::Blend ? blended : opaque).push_back(&item);
    }
    std::sort(blended.begin(), blended.end(), [&](const DrawItem* a, const DrawItem* b) {
        return length(a->worldBounds.center() - eye) > length(b->worldBounds.center() - eye);
    });
    size_t triangles = 0;
    int boundMaterial = -1;
    auto bindTexture = [&](int unit, const TextureRef& ref, bool srgb) {
        if (!ref.valid()) return false;
        auto it = d.textures.find({ref.texture, srgb});
        if (it == d.textures.end()) return false;
        glActiveTexture(GL_TEXTURE0 + unit);
        glBindTexture(GL_TEXTURE_2D, it->second.id());
        return true;
    };
    auto draw = [&](const DrawItem& item) {
        const GpuMesh& mesh = d.meshes[item.mesh];
        const MaterialData& m = d.materials[mesh.material];
        if (boundMaterial != mesh.material) {
            boundMaterial = mesh.material;
            glUniform4f(d.u.baseColor, m.baseColor.x, m.baseColor.y, m.baseColor.z, m.baseColor.w);
            glUniform1f(d.u.metallic, m.metallic);
            glUniform1f(d.u.roughness, m.roughness);
            glUniform3f(d.u.emissive, m.emissive.x * m.emissiveStrength, m.emissive.y * m.emissiveStrength,
                        m.emissive.z * m.emissiveStrength);
            glUniform1f(d.u.clearcoat, m.clearcoat);
            glUniform1f(d.u.clearcoatRoughness, m.clearcoatRoughness);
            glUniform1f(d.u.flake, m.flake);
            glUniform1i(d.u.alphaMode, m.alphaMode == AlphaMode::Blend ? 2 : (m.alphaMode == AlphaMode::Mask ? 1 : 0));
            glUniform1f(d.u.alphaCutoff, m.alphaCutoff);
            glUniform1f(d.u.backfaceDim, d.paintMaterials.count(mesh.material) ? 0.12f : 1.0f);
            glUniform1f(d.u.occlusionStrength, m.occlusionTex.strength);
            glUniform1f(d.u.normalScale, m.normalTex.strength);
            const bool hb = bindTexture(kUnitBase, m.baseColorTex, true);
            const bool hm = bindTexture(kUnitMr, m.metallicRoughnessTex, false);
            const bool hn = bindTexture(kUnitNormal, m.normalTex, false);
            const bool ho = bindTexture(kUnitOcclusion, m.occlusionTex, false);
            const bool he = bindTexture(kUnitEmissive, m.emissiveTex, true);
            glUniform4i(d.u.hasTexture, hb, hm, hn, ho);
            glUniform1i(d.u.hasEmissiveTexture, he);
            std::array<float, 45> uv{};
            const TextureRef* refs[] = {&m.baseColorTex, &m.metallicRoughnessTex, &m.normalTex, &m.occlusionTex, &m.emissiveTex};
            for (int i = 0; i < 5; ++i) {
                const auto mat = uvMatrix(*refs[i]);
                std::copy(mat.begin(), mat.end(), uv.begin() + i * 9);
            }
            glUniformMatrix3fv(d.u.uvTransform, 5, GL_FALSE, uv.data());
            if (m.doubleSided) glDisable(GL_CULL_FACE);
            else glEnable(GL_CULL_FACE);
        }
        glUniformMatrix4fv(d.u.model, 1, GL_FALSE, item.world.data());
        glUniformMatrix3fv(d.u.normalMatrix, 1, GL_FALSE, item.normalMatrix.data());
        glUniform1f(d.u.flakeScale, item.flakeScale);
        glBindVertexArray(mesh.vao.id());
        glDrawElements(GL_TRIANGLES, mesh.indexCount, GL_UNSIGNED_INT, nullptr);
        triangles += static_cast<size_t>(mesh.indexCount) / 3;
        ++drawCalls;
    };
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    for (const DrawItem* item : opaque) draw(*item);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied glass
    glDepthMask(GL_FALSE);
    for (const DrawItem* item : blended) draw(*item);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);

    if (samples > 0) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, t.msaaFbo.id());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, t.resolveFbo.id());
        glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }

    // Tone map into the caller's framebuffer.
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(output));
    glViewport(0, 0, width, height);
    glUseProgram(d.post.id());
    glUniform1f(d.up.exposure, m_settings.exposure);
    glUniform1i(d.up.toneMapper, m_settings.toneMapper == ToneMapper::Aces ? 1 : 0);
    glUniform1i(d.up.fxaa, aa == AntiAliasing::Fxaa ? 1 : 0);
    glUniform2f(d.up.texel, 1.0f / width, 1.0f / height);
    glUniform1f(d.up.spinner, m_state == ModelState::Loading ? std::fmod(m_time, 1.0f) : -1.0f);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, t.resolved.id());
    glBindVertexArray(d.emptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    ++drawCalls;
    glBindVertexArray(0);
    glUseProgram(0);
    m_stats.drawCalls = drawCalls;
    m_stats.triangles = triangles;
}

}  // namespace render
