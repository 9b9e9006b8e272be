#include "RenderTargets.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace render {

bool HdrTarget::ensure(int width, int height, int samples) {
    if (m_width == width && m_height == height && m_samples == samples && m_resolved) return false;
    *this = HdrTarget{};
    m_width = width;
    m_height = height;
    m_samples = samples;
    m_resolveFbo = gl::Framebuffer{};
    m_depth = gl::Renderbuffer{};
    m_resolved = gl::Texture{};
    glBindTexture(GL_TEXTURE_2D, m_resolved.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA16F, width, height, 0, GL_RGBA, GL_HALF_FLOAT, nullptr);
    gl::setSampling(GL_TEXTURE_2D, GL_LINEAR, GL_LINEAR, GL_CLAMP_TO_EDGE);
    glBindFramebuffer(GL_FRAMEBUFFER, m_resolveFbo.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_resolved.id(), 0);
    glBindRenderbuffer(GL_RENDERBUFFER, m_depth.id());
    if (samples > 0) {
        m_msaaFbo = gl::Framebuffer{};
        m_msaaColor = gl::Texture{};
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, width, height);
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, m_msaaColor.id());
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, samples, GL_RGBA16F, width, height, GL_TRUE);
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
        glBindFramebuffer(GL_FRAMEBUFFER, m_msaaFbo.id());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE, m_msaaColor.id(), 0);
    } else {
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
    }
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, m_depth.id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("3D renderer: cannot create an RGBA16F render target of " + std::to_string(width) + "x" +
                                 std::to_string(height));
    return true;
}

void HdrTarget::beginScene() const {
    glBindFramebuffer(GL_FRAMEBUFFER, m_samples > 0 ? m_msaaFbo.id() : m_resolveFbo.id());
    glViewport(0, 0, m_width, m_height);
    glDepthMask(GL_TRUE);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void HdrTarget::bindForToneMapping(int unit, int samplesUnit) const {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_2D, m_resolved.id());
    glActiveTexture(GL_TEXTURE0 + samplesUnit);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, m_samples > 0 ? m_msaaColor.id() : 0);
}

FootprintTarget::FootprintTarget() {
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, kSize, kSize, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
    gl::setSampling(GL_TEXTURE_2D, GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR, GL_CLAMP_TO_EDGE);
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindRenderbuffer(GL_RENDERBUFFER, m_depth.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, kSize, kSize);
    GLint previousFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousFbo);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_texture.id(), 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, m_depth.id());
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
}

void FootprintTarget::begin() const {
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glViewport(0, 0, kSize, kSize);
    glClearColor(0, 0, 0, 0);
    glClearDepth(1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void FootprintTarget::finish() const {
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    glGenerateMipmap(GL_TEXTURE_2D);
}

void FootprintTarget::bindTexture(int unit) const {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
}

namespace {

// A framebuffer with one colour texture of `format` (and a depth buffer when `depth` is given).
void attachColor(const gl::Framebuffer& fbo, const gl::Texture& texture, const gl::Renderbuffer* depth, int width,
                 int height, const char* what) {
    GLint previousFbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousFbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture.id(), 0);
    if (depth) glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth->id());
    const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
    if (!complete)
        throw std::runtime_error(std::string("3D renderer: cannot create the ") + what + " target of " +
                                 std::to_string(width) + "x" + std::to_string(height));
}

}  // namespace

void ReflectionTarget::ensure(int width, int height) {
    width = std::max(width, 1);
    height = std::max(height, 1);
    if (m_width == width && m_height == height && m_texture) return;
    m_width = width;
    m_height = height;
    m_fbo = gl::Framebuffer{};
    m_texture = gl::Texture{};
    m_depth = gl::Renderbuffer{};
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA16F, width, height, 0, GL_RGBA, GL_HALF_FLOAT, nullptr);
    gl::setSampling(GL_TEXTURE_2D, GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR, GL_CLAMP_TO_EDGE);
    // The floor blurs with the first few mips only: fewer levels to rebuild (a pass each on software GL).
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, kMipLevels - 1);
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindRenderbuffer(GL_RENDERBUFFER, m_depth.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
    attachColor(m_fbo, m_texture, &m_depth, width, height, "floor reflection");
}

void ReflectionTarget::begin() const {
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glViewport(0, 0, m_width, m_height);
    glDepthMask(GL_TRUE);
    glClearColor(0, 0, 0, 0);
    glClearDepth(1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void ReflectionTarget::finish() const {
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    glGenerateMipmap(GL_TEXTURE_2D);
}

void ReflectionTarget::bindTexture(int unit) const {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
}

void AverageTarget::ensure(int width, int height) {
    if (m_width == width && m_height == height && m_texture) return;
    m_width = width;
    m_height = height;
    m_fbo = gl::Framebuffer{};
    m_texture = gl::Texture{};
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, width, height, 0, GL_RGBA, GL_FLOAT, nullptr);
    gl::setSampling(GL_TEXTURE_2D, GL_NEAREST, GL_NEAREST, GL_CLAMP_TO_EDGE);
    attachColor(m_fbo, m_texture, nullptr, width, height, "frame average");
}

void AverageTarget::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glViewport(0, 0, m_width, m_height);
}

void AverageTarget::bindTexture(int unit) const {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
}

}  // namespace render
