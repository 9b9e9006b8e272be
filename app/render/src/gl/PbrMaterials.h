#pragma once
// PbrMaterials: how a material is drawn, in the spirit of gltfio's MaterialProvider. Owns the
// PBR program (pbr.vert/pbr.frag) with its uniform locations, and the GL textures of the loaded
// model's materials (one per image and colour space used). It binds the frame's camera and
// lighting values, one material's parameters and textures, and one draw's transform. Render
// thread only. Car paint lives here: a clearcoat lobe over a flaky metallic base.
#include <array>
#include <map>
#include <utility>
#include <vector>

#include "render/Gl.h"
#include "render/SceneData.h"
#include "render/ShaderLibrary.h"

namespace render {

// What every PBR draw of one frame shares.
struct PbrFrame {
    Mat4 viewProjection;
    Vec3 eye;
    float prefilteredMaxLod = 0;
    float environmentIntensity = 1;
    float floorY = 0;
    float mirrorFade = 0;  // > 0: the floor-reflection pass (premultiplied output fading with height, metres)
};

class PbrMaterials {
public:
    PbrMaterials(const ShaderLibrary& shaders, float maxAnisotropy);

    // Replaces the textures with those `materials` use from `scene` (decoded on the CPU).
    void uploadTextures(const SceneData& scene);
    void clear() { m_textures.clear(); }

    void beginFrame(const PbrFrame& frame) const;  // uses the program and sets the shared values
    // Sets a material's parameters, textures and face culling. `paint`: a body-shell material
    // whose inside (back faces) is shown darkened, without clearcoat.
    void bind(const MaterialData& material, bool paint) const;
    void setTransform(const Mat4& world, const std::array<float, 9>& normalMatrix, float flakeScale) const;

private:
    struct Uniforms {
        GLint model, normalMatrix, viewProjection, cameraPosition, baseColor, metallic, roughness, emissive, clearcoat,
            clearcoatRoughness, flake, flakeScale, alphaMode, alphaCutoff, backfaceDim, occlusionStrength, normalScale,
            hasTexture, hasEmissiveTexture, uvTransform, prefilteredMaxLod, environmentIntensity, floorY, mirrorFade;
    };
    bool bindTexture(int unit, const TextureRef& ref, bool srgb) const;

    gl::Program m_program;
    Uniforms m_u{};
    float m_maxAnisotropy = 1;
    std::map<std::pair<int, bool>, gl::Texture> m_textures;  // (texture index, sRGB)
};

}  // namespace render
