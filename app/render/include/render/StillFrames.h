#pragma once
// StillFrames: temporal accumulation's bookkeeping, without GL. While the camera, the scene and
// the output stay the same from one frame to the next, each frame draws the view once more with
// the projection shifted by a sub-pixel Halton offset and adds it to a running average; any change
// starts the average over. Plain value; render thread. Offsets in pixels.
#include <array>
#include <cstdint>

#include "render/Math.h"

namespace render {

// What a frame shows: when two frames' keys are equal, the second may refine the first.
struct FrameKey {
    Mat4 view, projection;
    int width = 0, height = 0;
    std::uint64_t sceneVersion = 0;  // bumped by any change to the model, its paint or its parts
    std::array<float, 6> settings{};  // the picture's settings (exposure, tone mapper, ...)
    bool operator==(const FrameKey& o) const {
        return view.m == o.view.m && projection.m == o.projection.m && width == o.width && height == o.height &&
               sceneVersion == o.sceneVersion && settings == o.settings;
    }
    bool operator!=(const FrameKey& o) const { return !(*this == o); }
};

// The radical inverse of `index` in `base` (the Halton sequence), in [0, 1).
float halton(int index, int base);
// The sub-pixel offset of sample `sample` of a still view, each axis in [-0.5, 0.5): (0, 0) for
// sample 0, so a still view's first frame is the unjittered one; then Halton (2, 3), which covers
// the pixel evenly for any count.
Vec2 jitterOffset(int sample);
// `projection` moved by `offsetPixels` on a `width` x `height` target.
Mat4 jitteredProjection(const Mat4& projection, Vec2 offsetPixels, int width, int height);

class StillFrames {
public:
    explicit StillFrames(int maxSamples = 16) : m_max(maxSamples) {}
    // Call once per frame with what it shows; returns the sample to draw: 0 when the view changed
    // (draw it plainly and start the average over), n when n samples of this view are averaged
    // already. Once converged() it keeps returning maxSamples: nothing is left to add.
    int advance(const FrameKey& key);
    void reset() { m_valid = false; }
    bool converged() const { return m_valid && m_next >= m_max; }
    int maxSamples() const { return m_max; }

private:
    FrameKey m_key;
    bool m_valid = false;
    int m_next = 0;  // the sample the next still frame draws
    int m_max;
};

}  // namespace render
