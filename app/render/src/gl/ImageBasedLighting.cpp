#include "ImageBasedLighting.h"

#include <algorithm>
#include <vector>

#include <stdexcept>

#include "TextureUnits.h"

namespace render {

namespace {

// Allocates an RGBA16F cube map of `size` on the active unit, leaving it bound.
void allocateCube(const gl::Texture& tex, int size, bool mips) {
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex.id());
    for (int f = 0; f < 6; ++f)
        glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + f, 0, GL_RGBA16F, size, size, 0, GL_RGBA, GL_HALF_FLOAT, nullptr);
    gl::setSampling(GL_TEXTURE_CUBE_MAP, mips ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR, GL_LINEAR, GL_CLAMP_TO_EDGE);
    if (mips) glGenerateMipmap(GL_TEXTURE_CUBE_MAP);
}

// Runs `program` once per face of `target`'s `mip`, a full-screen triangle each, into the bound
// framebuffer. The source cube map (if any) is on unit 0.
void renderCube(const gl::Program& program, const gl::Texture& target, int size, int mip, float roughness) {
    glUseProgram(program.id());
    glUniform1f(uniformLocation(program, "u_size"), static_cast<float>(size));
    glUniform1f(uniformLocation(program, "u_roughness"), roughness);
    glUniform1f(uniformLocation(program, "u_envSize"), static_cast<float>(ImageBasedLighting::kEnvironmentSize));
    glUniform1i(uniformLocation(program, "u_env"), 0);
    const GLint face = uniformLocation(program, "u_face");
    glViewport(0, 0, size, size);
    for (int f = 0; f < 6; ++f) {
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_CUBE_MAP_POSITIVE_X + f, target.id(), mip);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            throw std::runtime_error("3D renderer: this OpenGL cannot render to RGBA16F cube maps");
        glUniform1i(face, f);
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
}

}  // namespace

ImageBasedLighting::ImageBasedLighting(const ShaderLibrary& shaders, int zebraStripes) {
    GLint previousFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousFbo);
    glEnable(GL_TEXTURE_CUBE_MAP_SEAMLESS);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    const gl::VertexArray emptyVao;
    glBindVertexArray(emptyVao.id());
    const gl::Framebuffer fbo;
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.id());
    glActiveTexture(GL_TEXTURE0);

    // Studio environment, then its irradiance and prefiltered specular maps (the source on unit 0).
    allocateCube(m_environment, kEnvironmentSize, true);
    const gl::Program studio = shaders.load("fullscreen.vert", "env_studio.frag");
    glUseProgram(studio.id());
    glUniform1i(uniformLocation(studio, "u_zebra"), zebraStripes);
    renderCube(studio, m_environment, kEnvironmentSize, 0, 0);
    glBindTexture(GL_TEXTURE_CUBE_MAP, m_environment.id());
    glGenerateMipmap(GL_TEXTURE_CUBE_MAP);
    allocateCube(m_irradiance, kIrradianceSize, false);
    glBindTexture(GL_TEXTURE_CUBE_MAP, m_environment.id());
    renderCube(shaders.load("fullscreen.vert", "env_irradiance.frag"), m_irradiance, kIrradianceSize, 0, 0);
    allocateCube(m_prefiltered, kPrefilteredSize, true);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MAX_LEVEL, kPrefilteredLevels - 1);
    glBindTexture(GL_TEXTURE_CUBE_MAP, m_environment.id());
    {
        const gl::Program prefilter = shaders.load("fullscreen.vert", "env_prefilter.frag");
        for (int mip = 0; mip < kPrefilteredLevels; ++mip)
            renderCube(prefilter, m_prefiltered, kPrefilteredSize >> mip, mip,
                       static_cast<float>(mip) / (kPrefilteredLevels - 1));
    }
    // Split-sum BRDF table.
    glBindTexture(GL_TEXTURE_2D, m_brdfLut.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RG16F, kBrdfLutSize, kBrdfLutSize, 0, GL_RG, GL_HALF_FLOAT, nullptr);
    gl::setSampling(GL_TEXTURE_2D, GL_LINEAR, GL_LINEAR, GL_CLAMP_TO_EDGE);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_brdfLut.id(), 0);
    glViewport(0, 0, kBrdfLutSize, kBrdfLutSize);
    {
        const gl::Program lut = shaders.load("fullscreen.vert", "brdf_lut.frag");
        glUseProgram(lut.id());
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
    glBindVertexArray(0);
    glUseProgram(0);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
}

void ImageBasedLighting::bind() const {
    glActiveTexture(GL_TEXTURE0 + kUnitIrradiance);
    glBindTexture(GL_TEXTURE_CUBE_MAP, m_irradiance.id());
    bindPrefiltered(kUnitPrefiltered);
    glActiveTexture(GL_TEXTURE0 + kUnitBrdf);
    glBindTexture(GL_TEXTURE_2D, m_brdfLut.id());
}

Vec3 ImageBasedLighting::radianceBelow(int mip) const {
    const int size = std::max(kPrefilteredSize >> mip, 1);
    std::vector<float> texels(static_cast<size_t>(size) * size * 4);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_CUBE_MAP, m_prefiltered.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glGetTexImage(GL_TEXTURE_CUBE_MAP_NEGATIVE_Y, mip, GL_RGBA, GL_FLOAT, texels.data());
    glBindTexture(GL_TEXTURE_CUBE_MAP, 0);
    // The face's centre: bilinear filtering there averages the (up to) four middle texels.
    const int lo = (size - 1) / 2, hi = size / 2;
    Vec3 sum;
    for (int y : {lo, hi})
        for (int x : {lo, hi}) {
            const float* t = &texels[(static_cast<size_t>(y) * size + x) * 4];
            sum += Vec3{t[0], t[1], t[2]};
        }
    return sum * 0.25f;
}

void ImageBasedLighting::bindPrefiltered(int unit) const {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_CUBE_MAP, m_prefiltered.id());
}

}  // namespace render
