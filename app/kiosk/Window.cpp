#include "Window.h"

#include <GLFW/glfw3.h>

#include <stdexcept>

#include "ui/Layout.h"

namespace kiosk {
namespace {

std::string lastGlfwError() {
    const char* description = nullptr;
    glfwGetError(&description);
    return description ? description : "no further detail";
}

}  // namespace

GlfwLibrary::GlfwLibrary() {
    if (!glfwInit()) throw std::runtime_error("cannot start GLFW (is a display available?): " + lastGlfwError());
}

GlfwLibrary::~GlfwLibrary() { glfwTerminate(); }

Window::Window(bool fullscreen, int width, int height, const std::string& title) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 4);
    GLFWmonitor* monitor = nullptr;
    if (fullscreen) {
        monitor = glfwGetPrimaryMonitor();
        if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
            width = mode->width;
            height = mode->height;
        }
    }
    m_window = glfwCreateWindow(width, height, title.c_str(), monitor, nullptr);
    if (!m_window)
        throw std::runtime_error("this display cannot give the kiosk an OpenGL 3.3 core profile context, which the "
                                 "kiosk needs (update the graphics driver or use Mesa): " + lastGlfwError());
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    m_glMajor = glfwGetWindowAttrib(m_window, GLFW_CONTEXT_VERSION_MAJOR);
    m_glMinor = glfwGetWindowAttrib(m_window, GLFW_CONTEXT_VERSION_MINOR);
    if (m_glMajor < 3 || (m_glMajor == 3 && m_glMinor < 3)) {
        glfwDestroyWindow(m_window);
        throw std::runtime_error("OpenGL " + std::to_string(m_glMajor) + "." + std::to_string(m_glMinor) +
                                 " found, the kiosk needs 3.3 core or newer");
    }
}

Window::~Window() {
    if (m_window) glfwDestroyWindow(m_window);
}

void Window::framebufferSize(int& width, int& height) const { glfwGetFramebufferSize(m_window, &width, &height); }

void Window::resize(int width, int height) { glfwSetWindowSize(m_window, width, height); }

float Window::pixelsPerMm() const {
    GLFWmonitor* monitor = glfwGetWindowMonitor(m_window);
    if (!monitor) monitor = glfwGetPrimaryMonitor();
    int widthMm = 0, heightMm = 0;
    if (monitor) glfwGetMonitorPhysicalSize(monitor, &widthMm, &heightMm);
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    return ui::pixelsPerMm(mode ? mode->width : 0, widthMm);
}

}  // namespace kiosk
