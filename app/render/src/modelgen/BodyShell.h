#pragma once
// BodyShell: a car body as one smooth parametric surface S(s, t) (s along the car from tail 0 to
// nose 1, t around the cross section in radians) tessellated on a station x ring grid, with
// openings (windows, lamps, the roof panel) cut along smooth closed outlines. An opening's
// outline is sampled densely by arc length and turning angle, the grid cells around it are
// stitched to the outline, and what fills it (a black border band and inset glass, a lamp lens,
// a panel) shares the outline's vertices: every material boundary lies on a smooth curve by
// construction, never on a staircase of grid cells. Normals come from the surface itself, so
// shading is continuous across the stitching. CPU only, deterministic.
#include <functional>
#include <vector>

#include "GlbBuilder.h"

namespace render::gen {

struct Param {
    float s = 0, t = 0;
};

class ParamSurface {
public:
    explicit ParamSurface(std::function<Vec3(float, float)> f);
    Vec3 point(const Param& p) const { return m_f(p.s, p.t); }
    Vec3 normal(const Param& p) const;  // outward, unit
    // Metres per unit of s and of t at p (for offsets measured on the body).
    Vec2 metric(const Param& p) const;

private:
    std::function<Vec3(float, float)> m_f;
    float m_sign = 1;
};

// A closed outline in parameter space, counter-clockwise around `centre` (s right, t up).
struct Outline {
    std::vector<Param> points;
    Param centre;
};

// Samples the superellipse |u|^n + |w|^n = 1 through `map` ((u, w) in [-1, 1]^2 to parameter
// space) so that no edge is longer than `maxEdgeM` on the body or turns more than `maxTurnDeg`.
Outline sampleOutline(const ParamSurface& surface, const std::function<Param(float, float)>& map, float exponent,
                      float maxEdgeM = 0.010f, float maxTurnDeg = 2.0f);

// The smallest radius (m) the outline turns with on the body, measured at each point from its
// two neighbours (the turning angle there over the mean of the two edges).
float minTurnRadius(const ParamSurface& surface, const Outline& o);

// The outline moved into the opening by `widthM` along the body (a band's inner edge).
Outline insetOutline(const ParamSurface& surface, const Outline& o, float widthM);

// The grid: stations (increasing, 0 and 1 included) by `ringCount` ring positions, by default
// t_k = -pi/2 + 2 pi k / ringCount (k = 0 is the bottom centre), or the increasing positions in
// `rings` (from -pi/2, less than 3 pi / 2) where a feature line needs rings closer together.
struct ShellGrid {
    std::vector<float> stations;
    int ringCount = 128;
    std::vector<float> rings;  // empty: uniform; else ringCount == rings.size()
    float ringT(int k) const;  // k in [0, ringCount]; ringCount is the first ring again, 2 pi on
};

// Emits the shell in `material` with every opening cut out and stitched to its outline.
// Throws std::logic_error when two openings' stitching regions overlap (a style error).
void emitShell(const ParamSurface& surface, const ShellGrid& grid, const std::vector<Outline>& openings, Primitive& out);

// Fills an outline with the surface itself, offset by `offsetM` along the normal (a panel, a
// lens): concentric rings to the centre, about `maxEdgeM` apart.
void emitPatch(const ParamSurface& surface, const Outline& o, float offsetM, Primitive& out, float maxEdgeM = 0.08f);

// A band between two outlines of equal point count (an inset is one), each at its own offset.
void emitBand(const ParamSurface& surface, const Outline& outer, float outerOffsetM, const Outline& inner,
              float innerOffsetM, Primitive& out);

}  // namespace render::gen
