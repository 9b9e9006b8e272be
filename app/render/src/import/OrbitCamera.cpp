#include "render/OrbitCamera.h"

#include <algorithm>
#include <cmath>

namespace render {

namespace {

constexpr float kPi = 3.14159265f;
constexpr float kRadiansPerPixel = 0.006f;
constexpr float kTransitionSeconds = 0.9f;
constexpr float kTurntableRadPerSecond = 0.25f;

float easeInOutCubic(float t) { return t < 0.5f ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3.0f) / 2; }

Vec3 direction(float yaw, float pitch) {
    return {std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw)};
}

float wrapAngle(float a) {
    while (a > kPi) a -= 2 * kPi;
    while (a < -kPi) a += 2 * kPi;
    return a;
}

}  // namespace

const std::vector<std::string>& OrbitCamera::presetNames() {
    static const std::vector<std::string> names = {"front-three-quarter", "side", "rear-three-quarter", "top", "interior"};
    return names;
}

void OrbitCamera::frame(const Bounds& bounds) {
    m_bounds = bounds.empty() ? Bounds{{-1, 0, -1}, {1, 1, 1}} : bounds;
    // The last preset asked for, so a view chosen while the model was loading is kept.
    m_pose = presetPose(m_preset);
    m_targetDistance = m_pose.distance;
    m_transition = 1;
    m_interior = m_preset == "interior";
    m_yawVelocity = m_pitchVelocity = 0;
}

OrbitCamera::Pose OrbitCamera::presetPose(const std::string& name) const {
    Pose p;
    const Vec3 size = m_bounds.size();
    const Vec3 c = m_bounds.center();
    p.target = {c.x, m_bounds.min.y + size.y * 0.42f, c.z};
    p.fovY = 0.55f;
    // Far enough that the whole model fits the vertical field of view with a margin.
    const float fit = m_bounds.radius() / std::sin(p.fovY * 0.5f);
    p.distance = fit * 0.78f;
    if (name == "side") {
        p.yaw = kPi / 2;
        p.pitch = 0.06f;
    } else if (name == "rear-three-quarter") {
        p.yaw = kPi - 0.75f;
        p.pitch = 0.16f;
    } else if (name == "top") {
        p.yaw = 0.0f;
        p.pitch = 1.45f;
        p.distance = fit * 0.85f;
    } else if (name == "interior") {
        // Driver's head: left-hand drive (+X is the car's left), a little behind the centre.
        p.target = {c.x + size.x * 0.18f, m_bounds.min.y + size.y * 0.74f, c.z - size.z * 0.06f};
        p.yaw = kPi;  // eye behind the head point, so the view looks forward (+Z)
        p.pitch = 0.08f;
        p.distance = size.z * 0.01f;
        p.fovY = 1.1f;
        if (m_driverEye) {
            p.target = *m_driverEye;
            p.pitch = 0.2f;  // down towards the dashboard and the wheel
        }
    } else {  // front-three-quarter
        p.yaw = 0.75f;
        p.pitch = 0.16f;
    }
    return p;
}

bool OrbitCamera::setPreset(const std::string& name, bool animate) {
    const auto& names = presetNames();
    if (std::find(names.begin(), names.end(), name) == names.end()) return false;
    m_to = presetPose(name);
    m_preset = name;
    m_fromInterior = m_interior;
    m_interior = name == "interior";
    m_yawVelocity = m_pitchVelocity = 0;
    m_targetDistance = m_to.distance;
    if (!animate) {
        m_pose = m_to;
        m_transition = 1;
        return true;
    }
    m_from = m_pose;
    m_from.yaw = m_to.yaw + wrapAngle(m_from.yaw - m_to.yaw);  // the short way round
    m_transition = 0;
    return true;
}

float OrbitCamera::interiorWeight() const {
    const float to = m_interior ? 1.0f : 0.0f;
    if (m_transition >= 1) return to;
    const float from = m_fromInterior ? 1.0f : 0.0f;
    return from + (to - from) * easeInOutCubic(m_transition);
}

void OrbitCamera::drag(float dx, float dy) {
    if (m_transition < 1) {  // a drag takes over from a running transition where it is
        m_transition = 1;
        m_targetDistance = m_pose.distance;
    }
    const float dyaw = -dx * kRadiansPerPixel, dpitch = dy * kRadiansPerPixel;
    m_pose.yaw += dyaw;
    m_pose.pitch += dpitch;
    // Velocity for inertia, as if the drag took one 60 Hz frame.
    m_yawVelocity = dyaw * 60;
    m_pitchVelocity = dpitch * 60;
    m_dragged = true;
    clamp(m_pose);
}

void OrbitCamera::zoom(float factor) {
    if (!(factor > 0)) return;
    if (m_interior && factor > 1) {  // zooming out of the interior goes back outside
        setPreset("front-three-quarter");
        return;
    }
    if (m_interior) return;
    if (m_transition < 1) {
        m_transition = 1;
        m_targetDistance = m_pose.distance;
    }
    m_targetDistance *= factor;
    Pose p = m_pose;
    p.distance = m_targetDistance;
    clamp(p);
    m_targetDistance = p.distance;
}

void OrbitCamera::update(float dt) {
    dt = std::clamp(dt, 0.0f, 0.25f);
    if (m_transition < 1) {
        m_transition = std::min(1.0f, m_transition + dt / kTransitionSeconds);
        const float t = easeInOutCubic(m_transition);
        m_pose.target = lerp(m_from.target, m_to.target, t);
        m_pose.yaw = m_from.yaw + (m_to.yaw - m_from.yaw) * t;
        m_pose.pitch = m_from.pitch + (m_to.pitch - m_from.pitch) * t;
        // Distance eases in log space so a long fly-in does not rush at the end.
        m_pose.distance = std::exp(std::log(m_from.distance) + (std::log(m_to.distance) - std::log(m_from.distance)) * t);
        m_pose.fovY = m_from.fovY + (m_to.fovY - m_from.fovY) * t;
        return;
    }
    if (!m_dragged) {
        m_pose.yaw += m_yawVelocity * dt;
        m_pose.pitch += m_pitchVelocity * dt;
        const float decay = std::exp(-dt * 4.0f);
        m_yawVelocity *= decay;
        m_pitchVelocity *= decay;
    }
    m_dragged = false;
    if (m_turntable && !m_interior) m_pose.yaw += kTurntableRadPerSecond * dt;
    m_pose.yaw = wrapAngle(m_pose.yaw);
    m_pose.distance += (m_targetDistance - m_pose.distance) * (1 - std::exp(-dt * 10.0f));
    clamp(m_pose);
}

void OrbitCamera::clamp(Pose& p) const {
    if (m_interior) {
        p.pitch = std::clamp(p.pitch, -0.9f, 0.9f);
        return;
    }
    const float radius = m_bounds.radius();
    p.distance = std::clamp(p.distance, radius * 1.05f, radius * 6.0f);
    // Keep the eye above the floor by a margin.
    const float floorY = m_bounds.min.y + radius * 0.03f;
    const float minSin = std::clamp((floorY - p.target.y) / p.distance, -1.0f, 1.0f);
    p.pitch = std::clamp(p.pitch, std::asin(minSin), 1.50f);
}

Vec3 OrbitCamera::eye() const { return m_pose.target + direction(m_pose.yaw, m_pose.pitch) * m_pose.distance; }

Mat4 OrbitCamera::view() const { return Mat4::lookAt(eye(), m_pose.target, {0, 1, 0}); }

Mat4 OrbitCamera::projection(float aspect) const {
    const float r = m_bounds.radius();
    float zNear = m_interior ? r * 0.01f : std::max(r * 0.02f, m_pose.distance - r * 1.5f);
    if (!m_interior) {
        // The floor under the bottom edge of the view must stay beyond the near plane. Along the
        // bottom frustum plane every ray drops by the same amount per unit of view depth.
        const float height = eye().y - m_bounds.min.y;
        const float drop = std::sin(m_pose.pitch) + std::tan(m_pose.fovY * 0.5f) * std::cos(m_pose.pitch);
        if (height > 0 && drop > 1e-4f) zNear = std::max(r * 0.02f, std::min(zNear, 0.8f * height / drop));
    }
    const float zFar = m_pose.distance + r * 40.0f;
    return Mat4::perspective(m_pose.fovY, aspect, zNear, zFar);
}

}  // namespace render
