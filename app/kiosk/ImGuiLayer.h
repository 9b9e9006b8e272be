#pragma once
// ImGuiLayer: RAII for the Dear ImGui context and its GLFW and OpenGL 3 backends, bound to one
// window. Main thread only; created after the window, destroyed before it.
struct GLFWwindow;

namespace kiosk {

class ImGuiLayer {
public:
    explicit ImGuiLayer(GLFWwindow* window);
    ~ImGuiLayer();
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    void beginFrame();
    void endFrame();  // renders ImGui's draw data into the bound framebuffer
    void reloadFonts();  // uploads the font atlas again after it was rebuilt
};

}  // namespace kiosk
