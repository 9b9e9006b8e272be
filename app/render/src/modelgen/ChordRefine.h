#pragma once
// ChordRefine: the generator measures its own tessellation's chord error against the body
// surface while it tessellates (as the mesh checker will: each triangle's centroid and edge
// midpoints projected onto the surface, SurfaceProjector) and refines where a triangle is over
// the target: the shell's grid gains a station or a ring through the cells that are, and a pane
// or lens takes the coarsest ring spacing whose triangles are all within it. So every part aims
// at the same chord error, whatever the car's dimensions and style. CPU only, deterministic.
#include <array>
#include <cstdint>
#include <vector>

#include "BodyShell.h"
#include "SurfaceProjector.h"

namespace render::gen {

// One triangle's chord error as the checker measures it: the largest distance (m) of its edge
// midpoints and centroid from the surface offset by `offsetM` (TEXCOORD_0 = (s, t / 2 pi)); a
// sample within `targetM` may report an upper bound. `edges`: its edges (edge e runs from corner
// e to e + 1) in the order to split them, the worst sample's edge first (the longest for the
// centroid), then by length. A triangle across a step of the surface (a wheel opening's edge)
// is `skipped`, as the checker leaves it out.
struct TriangleChord {
    double errorM = 0;
    bool skipped = false;
    std::array<int, 3> edges{0, 1, 2};
};
TriangleChord triangleChord(const SurfaceProjector& proj, const Primitive& p, const std::uint32_t* v, float offsetM,
                            float targetM);

// The largest chord error (m) of the triangles between the first `vertices` vertices of `p`.
double measureChord(const SurfaceProjector& proj, const Primitive& p, size_t vertices, float offsetM, float targetM);

struct RefineFigures {
    int passes = 0;
    double maxM = 0;       // of the refined triangles (those across a step left out)
    size_t triangles = 0;  // after refining
};

// Refines a shell emitted on the surface (every vertex on it, TEXCOORD_0 = (s, t / 2 pi)) where
// its triangles are over `targetM`: pass after pass, each such triangle has an edge split at its
// midpoint in parameters (a new vertex on the surface; both triangles beside the edge become two
// each, so the mesh stays free of T-junctions), until none is over or after `maxPasses`.
// Edges on the shell's border (openings' outlines, which bands and lenses share) are kept.
RefineFigures refineShell(const ParamSurface& surface, const SurfaceProjector& proj, Primitive& shell, float targetM,
                          int maxPasses = 16);

// emitPatch() at the coarsest ring spacing (from 160 mm down to 12 mm) whose triangles are all
// within `targetM` of the surface offset by `offsetM`.
void emitPatchWithin(const ParamSurface& surface, const SurfaceProjector& proj, const Outline& o, float offsetM,
                     Primitive& out, float targetM);

}  // namespace render::gen
