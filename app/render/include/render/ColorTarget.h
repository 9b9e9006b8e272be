#pragma once
// ColorTarget: an RGBA8 framebuffer (with an optional depth-stencil buffer) that Showroom::render
// draws into, then read back (tools, tests) or copied onto the window (the kiosk's car area).
// Owns its GL objects; render thread only, with the context current. A target made with
// gl::NoCreate holds nothing until a created one is assigned to it.
#include <cstdint>
#include <vector>

#include "render/Gl.h"

namespace render {

class ColorTarget {
public:
    ColorTarget() = default;  // creates the GL objects, no storage until resize()
    explicit ColorTarget(gl::NoCreateT) noexcept
        : m_fbo(gl::NoCreate), m_color(gl::NoCreate), m_depth(gl::NoCreate) {}

    // (Re)allocates storage; throws std::runtime_error when the framebuffer is incomplete.
    void resize(int width, int height, bool depth);
    void bind() const;  // as the draw and read framebuffer
    // Copies the whole target onto the window's framebuffer with its lower-left corner at (x, y)
    // (GL counts rows from the bottom), then binds the window's framebuffer.
    void copyToWindow(int x, int y) const;
    std::vector<std::uint8_t> readRgba() const;  // top row first
    int width() const { return m_width; }
    int height() const { return m_height; }
    explicit operator bool() const { return static_cast<bool>(m_fbo); }

private:
    gl::Framebuffer m_fbo;
    gl::Renderbuffer m_color, m_depth;
    int m_width = 0, m_height = 0;
};

}  // namespace render
