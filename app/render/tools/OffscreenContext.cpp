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
    m_target = ColorTarget{};
    resize(width, height);
}

OffscreenContext::~OffscreenContext() {
    m_target = ColorTarget{gl::NoCreate};
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

void OffscreenContext::resize(int width, int height) {
    m_width = width;
    m_height = height;
    m_target.resize(width, height, true);
}

bool OffscreenContext::writePng(const std::string& path) const {
    const auto pixels = readRgba();
    return stbi_write_png(path.c_str(), m_width, m_height, 4, pixels.data(), m_width * 4) != 0;
}

}  // namespace render
