#include "render/StillFrames.h"

namespace render {

float halton(int index, int base) {
    float f = 1, r = 0;
    for (int i = index; i > 0; i /= base) {
        f /= static_cast<float>(base);
        r += f * static_cast<float>(i % base);
    }
    return r;
}

Vec2 jitterOffset(int sample) {
    if (sample <= 0) return {0, 0};
    // Index 1 onwards: Halton's index 0 is (0, 0), the unjittered first sample.
    return {halton(sample, 2) - 0.5f, halton(sample, 3) - 0.5f};
}

Mat4 jitteredProjection(const Mat4& projection, Vec2 offsetPixels, int width, int height) {
    // A clip-space translation by 2 * offset / size NDC units: x' = x + dx * w (w = clip w).
    Mat4 shift;
    shift.at(0, 3) = 2.0f * offsetPixels.x / static_cast<float>(width > 0 ? width : 1);
    shift.at(1, 3) = 2.0f * offsetPixels.y / static_cast<float>(height > 0 ? height : 1);
    Mat4 r = projection;
    // shift * projection, with shift acting on (x, y) by the clip w row.
    for (int col = 0; col < 4; ++col) {
        r.at(0, col) += shift.at(0, 3) * projection.at(3, col);
        r.at(1, col) += shift.at(1, 3) * projection.at(3, col);
    }
    return r;
}

int StillFrames::advance(const FrameKey& key) {
    if (!m_valid || key != m_key) {
        m_key = key;
        m_valid = true;
        m_next = 1;
        return 0;
    }
    if (m_next >= m_max) return m_max;
    return m_next++;
}

}  // namespace render
