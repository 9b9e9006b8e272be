#pragma once
// ImageBasedLighting: the studio environment cube map the renderer draws itself (studio.glsl),
// and what the PBR shaders light with: its diffuse irradiance, its specular radiance prefiltered
// per roughness (one mip level each) and the split-sum BRDF table. All computed on the GPU once,
// in the constructor. Owns the textures; render thread only, with the context current.
#include "render/Gl.h"
#include "render/Math.h"
#include "render/ShaderLibrary.h"

namespace render {

class ImageBasedLighting {
public:
    static constexpr int kEnvironmentSize = 512;  // texels per cube face edge: strip edges stay crisp
    static constexpr int kIrradianceSize = 32;
    static constexpr int kPrefilteredSize = 256;
    static constexpr int kPrefilteredLevels = 6;  // roughness 0, 0.2, ... 1 on mips 0..5
    static constexpr int kBrdfLutSize = 128;

    // Throws std::runtime_error when the context cannot render to float cube maps.
    // zebraStripes > 0: slanted light and dark stripes instead of the studio (surface checks).
    explicit ImageBasedLighting(const ShaderLibrary& shaders, int zebraStripes = 0);

    // Binds irradiance, prefiltered radiance and the BRDF table to their units (TextureUnits.h).
    void bind() const;
    void bindPrefiltered(int unit) const;
    float prefilteredMaxLod() const { return static_cast<float>(kPrefilteredLevels - 1); }
    // The prefiltered radiance straight down at mip `mip` (what textureLod(.., (0, -1, 0), mip)
    // returns), read back once: the floor is lit by it everywhere, so no pixel need fetch it.
    Vec3 radianceBelow(int mip) const;

private:
    gl::Texture m_environment, m_irradiance, m_prefiltered, m_brdfLut;
};

}  // namespace render
