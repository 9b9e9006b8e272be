#pragma once
// GlfwLibrary and Window: RAII for GLFW itself and for one window with an OpenGL 3.3+ core
// context. Constructors throw std::runtime_error with a message a technician can act on.
// Main thread only, as GLFW requires.
#include <string>

struct GLFWwindow;
struct GLFWmonitor;

namespace kiosk {

class GlfwLibrary {
public:
    GlfwLibrary();
    ~GlfwLibrary();
    GlfwLibrary(const GlfwLibrary&) = delete;
    GlfwLibrary& operator=(const GlfwLibrary&) = delete;
};

class Window {
public:
    // Full screen on the primary monitor, or a window of width x height.
    Window(bool fullscreen, int width, int height, const std::string& title);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    GLFWwindow* handle() const { return m_window; }
    int glMajor() const { return m_glMajor; }
    int glMinor() const { return m_glMinor; }
    // Framebuffer size in pixels.
    void framebufferSize(int& width, int& height) const;
    // Pixels per millimetre of the monitor the window is on (a 32-inch default when unknown).
    float pixelsPerMm() const;
    // Asks for a new size (windowed only); the framebuffer follows after the next event poll.
    void resize(int width, int height);

private:
    GLFWwindow* m_window = nullptr;
    int m_glMajor = 0, m_glMinor = 0;
};

}  // namespace kiosk
