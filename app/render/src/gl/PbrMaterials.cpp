#include "PbrMaterials.h"

#include <algorithm>
#include <cmath>

#include "TextureUnits.h"

namespace render {

namespace {

// glTF KHR_texture_transform as a 3x3 matrix (column-major), T * R * S.
std::array<float, 9> uvMatrix(const TextureRef& t) {
    const float c = std::cos(t.rotation), s = std::sin(t.rotation);
    return {c * t.scale.x, -s * t.scale.x, 0, s * t.scale.y, c * t.scale.y, 0, t.offset.x, t.offset.y, 1};
}

}  // namespace

PbrMaterials::PbrMaterials(const ShaderLibrary& shaders, float maxAnisotropy)
    : m_program(shaders.load("pbr.vert", "pbr.frag")), m_maxAnisotropy(maxAnisotropy) {
    const auto& p = m_program;
    auto& u = m_u;
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
    u.mirrorFade = uniformLocation(p, "u_mirrorFade");
    glUseProgram(p.id());
    const std::pair<const char*, int> samplers[] = {
        {"u_baseColorTexture", kUnitBase}, {"u_metallicRoughnessTexture", kUnitMr}, {"u_normalTexture", kUnitNormal},
        {"u_occlusionTexture", kUnitOcclusion}, {"u_emissiveTexture", kUnitEmissive}, {"u_irradiance", kUnitIrradiance},
        {"u_prefiltered", kUnitPrefiltered}, {"u_brdfLut", kUnitBrdf}};
    for (const auto& [name, unit] : samplers) glUniform1i(uniformLocation(p, name), unit);
    glUseProgram(0);
}

void PbrMaterials::uploadTextures(const SceneData& scene) {
    m_textures.clear();
    auto use = [&](const TextureRef& ref, bool srgb) {
        if (!ref.valid() || ref.texture >= static_cast<int>(scene.textures.size())) return;
        const auto key = std::make_pair(ref.texture, srgb);
        if (m_textures.count(key)) return;
        const TextureData& t = scene.textures[ref.texture];
        gl::Texture tex;
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, tex.id());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, srgb ? GL_SRGB8_ALPHA8 : GL_RGBA8, t.width, t.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     t.rgba.data());
        glGenerateMipmap(GL_TEXTURE_2D);
        gl::setSampling(GL_TEXTURE_2D, t.nearest ? GL_NEAREST_MIPMAP_NEAREST : GL_LINEAR_MIPMAP_LINEAR,
                        t.nearest ? GL_NEAREST : GL_LINEAR, GL_REPEAT);
        if (m_maxAnisotropy > 1 && !t.nearest)
            glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_MAX_ANISOTROPY_EXT, std::min(8.0f, m_maxAnisotropy));
        m_textures.emplace(key, std::move(tex));
    };
    for (const auto& m : scene.materials) {
        use(m.baseColorTex, true);
        use(m.emissiveTex, true);
        use(m.metallicRoughnessTex, false);
        use(m.normalTex, false);
        use(m.occlusionTex, false);
    }
}

void PbrMaterials::beginFrame(const PbrFrame& f) const {
    glUseProgram(m_program.id());
    glUniformMatrix4fv(m_u.viewProjection, 1, GL_FALSE, f.viewProjection.data());
    glUniform3f(m_u.cameraPosition, f.eye.x, f.eye.y, f.eye.z);
    glUniform1f(m_u.prefilteredMaxLod, f.prefilteredMaxLod);
    glUniform1f(m_u.environmentIntensity, f.environmentIntensity);
    glUniform1f(m_u.floorY, f.floorY);
    glUniform1f(m_u.mirrorFade, f.mirrorFade);
}

bool PbrMaterials::bindTexture(int unit, const TextureRef& ref, bool srgb) const {
    if (!ref.valid()) return false;
    const auto it = m_textures.find({ref.texture, srgb});
    if (it == m_textures.end()) return false;
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_2D, it->second.id());
    return true;
}

void PbrMaterials::bind(const MaterialData& m, bool paint) const {
    glUniform4f(m_u.baseColor, m.baseColor.x, m.baseColor.y, m.baseColor.z, m.baseColor.w);
    glUniform1f(m_u.metallic, m.metallic);
    glUniform1f(m_u.roughness, m.roughness);
    glUniform3f(m_u.emissive, m.emissive.x * m.emissiveStrength, m.emissive.y * m.emissiveStrength,
                m.emissive.z * m.emissiveStrength);
    glUniform1f(m_u.clearcoat, m.clearcoat);
    glUniform1f(m_u.clearcoatRoughness, m.clearcoatRoughness);
    glUniform1f(m_u.flake, m.flake);
    glUniform1i(m_u.alphaMode, m.alphaMode == AlphaMode::Blend ? 2 : (m.alphaMode == AlphaMode::Mask ? 1 : 0));
    glUniform1f(m_u.alphaCutoff, m.alphaCutoff);
    glUniform1f(m_u.backfaceDim, paint ? 0.12f : 1.0f);
    glUniform1f(m_u.occlusionStrength, m.occlusionTex.strength);
    glUniform1f(m_u.normalScale, m.normalTex.strength);
    const bool hb = bindTexture(kUnitBase, m.baseColorTex, true);
    const bool hm = bindTexture(kUnitMr, m.metallicRoughnessTex, false);
    const bool hn = bindTexture(kUnitNormal, m.normalTex, false);
    const bool ho = bindTexture(kUnitOcclusion, m.occlusionTex, false);
    const bool he = bindTexture(kUnitEmissive, m.emissiveTex, true);
    glUniform4i(m_u.hasTexture, hb, hm, hn, ho);
    glUniform1i(m_u.hasEmissiveTexture, he);
    std::array<float, 45> uv{};
    const TextureRef* refs[] = {&m.baseColorTex, &m.metallicRoughnessTex, &m.normalTex, &m.occlusionTex, &m.emissiveTex};
    for (int i = 0; i < 5; ++i) {
        const auto mat = uvMatrix(*refs[i]);
        std::copy(mat.begin(), mat.end(), uv.begin() + i * 9);
    }
    glUniformMatrix3fv(m_u.uvTransform, 5, GL_FALSE, uv.data());
    if (m.doubleSided) glDisable(GL_CULL_FACE);
    else glEnable(GL_CULL_FACE);
}

void PbrMaterials::setTransform(const Mat4& world, const std::array<float, 9>& normalMatrix, float flakeScale) const {
    glUniformMatrix4fv(m_u.model, 1, GL_FALSE, world.data());
    glUniformMatrix3fv(m_u.normalMatrix, 1, GL_FALSE, normalMatrix.data());
    glUniform1f(m_u.flakeScale, flakeScale);
}

}  // namespace render
