#include "render/ColorTarget.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace render {

void ColorTarget::resize(int width, int height, bool depth) {
    m_width = width;
    m_height = height;
    glBindRenderbuffer(GL_RENDERBUFFER, m_color.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m_color.id());
    if (depth) {
        glBindRenderbuffer(GL_RENDERBUFFER, m_depth.id());
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, m_depth.id());
    }
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("cannot create an RGBA8 colour target of " + std::to_string(width) + "x" +
                                 std::to_string(height));
}

void ColorTarget::bind() const { glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id()); }

void ColorTarget::copyToWindow(int x, int y) const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, m_width, m_height, x, y, x + m_width, y + m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

std::vector<std::uint8_t> ColorTarget::readRgba() const {
    std::vector<std::uint8_t> pixels(static_cast<size_t>(m_width) * m_height * 4), flipped(pixels.size());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    const size_t row = static_cast<size_t>(m_width) * 4;
    for (int y = 0; y < m_height; ++y)
        std::copy(pixels.begin() + (m_height - 1 - y) * row, pixels.begin() + (m_height - y) * row, flipped.begin() + y * row);
    return flipped;
}

}  // namespace render
