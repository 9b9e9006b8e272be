#pragma once
// OffscreenContext: a hidden GLFW window with an OpenGL 3.3 core context, made current, plus
// an RGBA8 framebuffer of the requested size to render into and read back. For the render
// tools and tests (run under Xvfb where no display exists). Owns GLFW; one per process.
#include <cstdint>
#include <string>
#include <vector>

#include "render/ColorTarget.h"

struct GLFWwindow;

namespace render {

class OffscreenContext {
public:
    OffscreenContext(int width, int height);  // throws std::runtime_error with the reason
    ~OffscreenContext();
    OffscreenContext(const OffscreenContext&) = delete;
    OffscreenContext& operator=(const OffscreenContext&) = delete;

    void resize(int width, int height);
    void bind() const { m_target.bind(); }  // the offscreen framebuffer, ready for Showroom::render
    std::vector<std::uint8_t> readRgba() const { return m_target.readRgba(); }  // top row first
    bool writePng(const std::string& path) const;
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    GLFWwindow* m_window = nullptr;
    int m_width = 0, m_height = 0;
    ColorTarget m_target{gl::NoCreate};  // created once the context exists, destroyed before it
};

}  // namespace render
