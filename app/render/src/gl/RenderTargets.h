#pragma once
// The renderer's offscreen targets. Each owns its GL objects; render thread only.
//   HdrTarget        the scene in linear HDR at the output size: RGBA16F, a multisampled texture
//                    with MSAA (the tone-mapping pass reads each sample, so edges are resolved
//                    after tone mapping), or a plain texture
//   FootprintTarget  the contact-shadow map: the model seen from under the floor, R8 with mips
//   ReflectionTarget the car mirrored in the floor at a fraction of the output size: RGBA16F,
//                    premultiplied, with mips the floor shader blurs with
//   AverageTarget    temporal accumulation's running average of tone-mapped frames: RGBA32F
#include "render/Gl.h"

namespace render {

class HdrTarget {
public:
    // (Re)creates the target when the size or sample count changed; true when it did. Throws
    // std::runtime_error when the context cannot render to RGBA16F at that size.
    bool ensure(int width, int height, int samples);
    // Binds the framebuffer the scene is drawn into, sets the viewport and clears colour and depth.
    void beginScene() const;
    // Binds what the tone-mapping pass reads: the plain texture on `unit`, or with MSAA the
    // multisampled one on `samplesUnit`.
    void bindForToneMapping(int unit, int samplesUnit) const;
    int samples() const { return m_samples; }

private:
    int m_width = 0, m_height = 0, m_samples = 0;
    gl::Framebuffer m_msaaFbo{gl::NoCreate}, m_resolveFbo{gl::NoCreate};
    gl::Renderbuffer m_depth{gl::NoCreate};
    gl::Texture m_resolved{gl::NoCreate}, m_msaaColor{gl::NoCreate};
};

class FootprintTarget {
public:
    static constexpr int kSize = 256;
    FootprintTarget();
    // Binds the framebuffer, sets the viewport and clears to "nothing near the floor".
    void begin() const;
    void finish() const;  // rebuilds the mips the floor shader blurs with
    void bindTexture(int unit) const;

private:
    gl::Framebuffer m_fbo;
    gl::Texture m_texture;
    gl::Renderbuffer m_depth;
};

class ReflectionTarget {
public:
    static constexpr int kMipLevels = 5;
    // (Re)creates the target when the size changed. Throws std::runtime_error when the context
    // cannot render to RGBA16F at that size.
    void ensure(int width, int height);
    // Binds the framebuffer, sets the viewport and clears to transparent (nothing reflected).
    void begin() const;
    void finish() const;  // rebuilds the mips
    void bindTexture(int unit) const;
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    int m_width = 0, m_height = 0;
    gl::Framebuffer m_fbo{gl::NoCreate};
    gl::Texture m_texture{gl::NoCreate};
    gl::Renderbuffer m_depth{gl::NoCreate};
};

class AverageTarget {
public:
    void ensure(int width, int height);  // throws like ReflectionTarget::ensure
    void bind() const;                   // as the framebuffer, with its viewport; contents kept
    void bindTexture(int unit) const;

private:
    int m_width = 0, m_height = 0;
    gl::Framebuffer m_fbo{gl::NoCreate};
    gl::Texture m_texture{gl::NoCreate};
};

}  // namespace render
