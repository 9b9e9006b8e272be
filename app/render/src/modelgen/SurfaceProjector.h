#pragma once
// SurfaceProjector: the distance from a point to the body surface (BodySurface), offset along its
// outward normal, found from parameters near the point's own. The mesh checker measures a
// tessellation's chord error with it, and the generator refines its tessellation with it, so
// both agree on what a triangle's error is. CPU only, deterministic, any thread.
#include "BodySurface.h"

namespace render::gen {

class SurfaceProjector {
public:
    explicit SurfaceProjector(const BodySurface& surface);

    const BodySurface& surface() const { return m_s; }

    // The distance (m) from P to the surface offset by `offset` along its outward normal: damped
    // Gauss-Newton steps from (s, t) (forward-difference Jacobian), each at most as long on the
    // body as P is far from the current point, stopping once a step gains under a micrometre.
    // The distance reported is the least met on the way, so a step across a crease (the wheel
    // openings) never inflates it. When the distance at (s, t) itself is at most `enough`, that
    // distance is returned at once (an upper bound, for callers that only ask "within a limit?").
    double distance(const Vec3& p, double s, double t, double offset, double enough = 0) const;

private:
    struct Jacobian {
        Vec3 s, t;
    };
    // The search runs in (w, t), w a smooth parameter along the car: s = w between the caps, and
    // over each cap the angle whose sine is the section's scale (scaled to meet the middle with
    // the same rate), so that the steps stay sound at the nose and tail tips, where the rate of
    // the surface along s grows without bound (a search in s stopped millimetres off there).
    static double sOf(double w);
    static double wOf(double s);
    static double wMax();
    Vec3 f(double w, double t) const { return m_s.point(static_cast<float>(sOf(w)), static_cast<float>(t)); }
    Jacobian jacobian(double s, double t, const Vec3& at) const;
    Vec3 target(double s, double t, double offset, Jacobian* jOut) const;

    const BodySurface& m_s;
    float m_sign = 1;
};

}  // namespace render::gen
