#pragma once
// OrbitCamera: the showroom camera around a framed model. Mouse/finger drag orbits with
// inertia, zoom is eased, presets ("front-three-quarter", "side", "rear-three-quarter",
// "top", "interior") are reached with an eased transition, and a turntable turns it slowly
// for the attract screen. Never goes under the floor or inside the body's bounds (except the
// interior preset, which puts the eye at the driver's head). Plain value; render thread.
// Units: metres, radians, seconds; drag in pixels.
#include <optional>
#include <string>
#include <vector>

#include "render/Math.h"

namespace render {

class OrbitCamera {
public:
    struct Pose {
        Vec3 target;
        float yaw = 0, pitch = 0, distance = 5;  // eye = target + distance * dir(yaw, pitch)
        float fovY = 0.6f;
    };

    // Frames a model whose visible parts have `bounds` (the floor is at bounds.min.y) from the
    // last preset asked for (front three-quarter until one is).
    void frame(const Bounds& bounds);
    const Bounds& framedBounds() const { return m_bounds; }
    // The driver's eye point in world space, when the model marks it ("driver-eye" node); the
    // interior preset looks from there at the dashboard. Without one it guesses from the bounds.
    void setDriverEye(std::optional<Vec3> eye) { m_driverEye = eye; }

    void drag(float dxPixels, float dyPixels);
    void zoom(float factor);  // < 1 moves closer
    bool setPreset(const std::string& name, bool animate = true);  // false for an unknown name
    static const std::vector<std::string>& presetNames();
    void turntable(bool on) { m_turntable = on; }
    bool turntableOn() const { return m_turntable; }
    void update(float dtSeconds);

    const Pose& pose() const { return m_pose; }
    Vec3 eye() const;
    Mat4 view() const;
    Mat4 projection(float aspect) const;
    bool inTransition() const { return m_transition < 1; }
    bool interior() const { return m_interior; }
    // 1 in the interior view, 0 outside, eased in between while the camera flies in or out.
    float interiorWeight() const;

private:
    Pose presetPose(const std::string& name) const;
    void clamp(Pose& p) const;

    Bounds m_bounds{{-2, 0, -2}, {2, 1.5f, 2}};
    Pose m_pose;
    Pose m_from, m_to;
    float m_transition = 1;  // 0..1 progress of a preset transition
    float m_targetDistance = 5;
    float m_yawVelocity = 0, m_pitchVelocity = 0;  // radians per second, for inertia
    bool m_dragged = false;
    bool m_turntable = false;
    bool m_interior = false;
    bool m_fromInterior = false;  // where the running transition started
    std::optional<Vec3> m_driverEye;
    std::string m_preset = "front-three-quarter";  // the last one asked for; frame() returns to it
};

}  // namespace render
