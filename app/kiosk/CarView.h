#pragma once
// CarView: the 3D car on the kiosk's screens. Owns the renderer (render::Showroom) and an
// offscreen colour buffer the car is drawn into at the size of its screen area, then copied into
// place under the UI. Redraws only while something moves (turntable, orbit inertia, a change)
// and, on software GL, for the few frames after that the renderer averages into a smooth still
// picture; then a still screen costs a copy. Main (GL) thread only; construct with the window's context
// current (throws when the context lacks what the renderer needs).
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "render/Gl.h"
#include "render/RenderMapping.h"
#include "render/Showroom.h"
#include "ui/Layout.h"

namespace kiosk {

class CarView {
public:
    CarView(const core::Catalog& catalog, render::RenderMapping mapping);

    // Shows a catalog model (imported on a worker; a spinner until then). No-op when already shown.
    void showModel(const std::string& modelId);
    // Shows any model file (no mapping: not configurable).
    void showFile(const std::string& path);
    // Restyles the shown car for `config` (paint, wheels, parts) as soon as it is loaded.
    void configure(const core::Configuration& config);
    void setPreset(const std::string& name, bool animate = true);
    void turntable(bool on);
    void drag(float dx, float dy);
    void zoom(float factor);
    void touch() { m_redrawFor = 2.0f; }  // something changed: redraw for a moment (inertia, easing)

    // Advances the camera and, when needed, redraws the car into `area` of a window whose
    // framebuffer is `framebufferHeight` pixels tall; then copies it into place.
    void frame(float dtSeconds, const ui::Rect& area, int framebufferHeight);
    bool loading() const { return m_showroom.modelState() == render::ModelState::Loading; }
    bool failed() const { return m_showroom.modelState() == render::ModelState::Failed; }
    const std::string& lastError() const { return m_showroom.lastError(); }

private:
    void resize(int width, int height);

    const core::Catalog& m_catalog;
    render::RenderMapping m_mapping;
    render::Showroom m_showroom;
    render::gl::Framebuffer m_fbo;
    render::gl::Renderbuffer m_color;
    int m_width = 0, m_height = 0;
    std::string m_shownModel;
    std::optional<core::Configuration> m_pending;  // applied once the model is ready
    float m_redrawFor = 0;                         // seconds of redrawing left
    bool m_turntable = false;
    render::ModelState m_lastState = render::ModelState::Empty;
};

}  // namespace kiosk
