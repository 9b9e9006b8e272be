#include "OffscreenContext.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <stdexcept>

namespace render {

OffscreenContext::OffscreenContext(int width, int height) {
    if (!glfwInit()) throw std::runtime_error("cannot initialise GLFW: no display? (run under xvfb-run)");
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    m_window = glfwCreateWindow(64, 64, "render", nullptr, nullptr);
    if (!m_window) {
        glfwTerminate();
        throw std::runtime_error("cannot create an OpenGL 3.3 core context (is a display or Xvfb running?)");
    }
    glfwMakeContextCurrent(m_window);
    m_fbo.emplace();
    m_color.emplace();
    m_depth.emplace();
    resize(width, height);
}

OffscreenContext::~OffscreenContext() {
    m_fbo.reset();
    m_color.reset();
    m_depth.reset();
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

void OffscreenContext::resize(int width, int height) {
    m_width = width;
    m_height = height;
    glBindTexture(GL_TEXTURE_2D, m_color->id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindRenderbuffer(GL_RENDERBUFFER, m_depth->id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo->id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_color->id(), 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, m_depth->id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("cannot create the offscreen framebuffer");
}

void OffscreenContext::bind() const { glBindFramebuffer(GL_FRAMEBUFFER, m_fbo->id()); }

std::vector<std::uint8_t> OffscreenContext::readRgba() const {
    std::vector<std::uint8_t> pixels(static_cast<size_t>(m_width) * m_height * 4), flipped(pixels.size());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo->id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    const size_t row = static_cast<size_t>(m_width) * 4;
    for (int y = 0; y < m_height; ++y)
        std::copy(pixels.begin() + (m_height - 1 - y) * row, pixels.begin() + (m_height - y) * row, flipped.begin() + y * row);
    return flipped;
}

bool OffscreenContext::writePng(const std::string& path) const {
    const auto pixels = readRgba();
    return stbi_write_png(path.c_str(), m_width, m_height, 4, pixels.data(), m_width * 4) != 0;
}

}  // namespace render
