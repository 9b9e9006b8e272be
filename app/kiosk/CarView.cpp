#include "CarView.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cstdio>

namespace kiosk {

CarView::CarView(const core::Catalog& catalog, render::RenderMapping mapping)
    : m_catalog(catalog), m_mapping(std::move(mapping)) {}

void CarView::showModel(const std::string& modelId) {
    if (modelId == m_shownModel) return;
    const render::ModelMapping* mapping = m_mapping.find(modelId);
    if (!mapping) {
        std::fprintf(stderr, "kiosk: no 3D model is mapped for \"%s\"\n", modelId.c_str());
        return;
    }
    m_shownModel = modelId;
    m_pending.reset();
    m_showroom.loadModel(mapping->asset, *mapping);
    touch();
}

void CarView::showFile(const std::string& path) {
    m_shownModel = "file:" + path;
    m_showroom.loadModel(path);
    touch();
}

void CarView::configure(const core::Configuration& config) {
    m_pending = config;
    touch();
}

void CarView::setPreset(const std::string& name, bool animate) {
    m_showroom.camera().setPreset(name, animate);
    touch();
}

void CarView::turntable(bool on) {
    m_turntable = on;
    m_showroom.turntable(on);
    touch();
}

void CarView::drag(float dx, float dy) {
    m_showroom.camera().drag(dx, dy);
    touch();
}

void CarView::zoom(float factor) {
    m_showroom.camera().zoom(factor);
    touch();
}

void CarView::resize(int width, int height) {
    if (width == m_width && height == m_height) return;
    glBindRenderbuffer(GL_RENDERBUFFER, m_color.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m_color.id());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    m_width = width;
    m_height = height;
    touch();
}

void CarView::frame(float dt, const ui::Rect& area, int framebufferHeight) {
    const int w = std::max(1, static_cast<int>(area.w)), h = std::max(1, static_cast<int>(area.h));
    resize(w, h);
    m_showroom.poll();
    const render::ModelState state = m_showroom.modelState();
    if (state != m_lastState) {
        m_lastState = state;
        touch();
    }
    if (state == render::ModelState::Ready && m_pending) {
        if (const core::Model* model = m_catalog.findModel(m_pending->model)) m_showroom.applyConfiguration(*model, *m_pending);
        m_pending.reset();
        touch();
    }
    m_showroom.update(dt);
    // A still view keeps being redrawn while the renderer smooths it (temporal accumulation).
    if (m_redrawFor > 0 || m_turntable || state == render::ModelState::Loading || m_showroom.refining()) {
        m_redrawFor -= dt;
        glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
        m_showroom.render(w, h);
    }
    // Copy the car into its place on screen (GL counts rows from the bottom).
    const int x = static_cast<int>(area.x), y = framebufferHeight - static_cast<int>(area.y) - h;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, w, h, x, y, x + w, y + h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace kiosk
