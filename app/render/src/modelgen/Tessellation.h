#pragma once
// Tessellation: where the body's grid lines go so that its flat triangles stay within a chord
// tolerance of the surface. Stations (along s) and rings (around t) are placed at equal steps of
// a cost that grows with the surface's curvature: a step of arc length l on a curve of curvature
// k costs l sqrt(k / (8 tol)), one whose sagitta would be exactly tol, and never less than
// l / maxEdge. Curvature is taken as the largest over a few representative curves (rings across
// several stations, stations along several rings). A step at the tolerance along s and one
// across t leave a cell's diagonal about twice as far off; the generator then refines the cells
// that are over (ChordRefine.h). CPU only, deterministic.
#include <vector>

#include "BodySurface.h"

namespace render::gen {

struct ChordTolerance {
    float tolM = 0.0008f;     // the sagitta each grid step aims at
    float maxEdgeM = 0.09f;   // the longest step on a flat stretch
};

// Increasing section angles from -pi/2 (the bottom centre) to less than 3 pi / 2, symmetric
// about the car's centre plane (t and pi - t), with the shoulder line's ring on each side.
std::vector<float> adaptiveRings(const BodySurface& body, const ChordTolerance& tol);

// Increasing stations from 0 to 1, both included; the wheel openings' steps cost nothing.
std::vector<float> adaptiveStations(const BodySurface& body, const ChordTolerance& tol);

}  // namespace render::gen
