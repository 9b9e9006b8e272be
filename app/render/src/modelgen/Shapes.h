#pragma once
// Shapes: the generator's small geometric building blocks, shared by the body, wheel and cabin
// modules: a monotone profile curve, a smooth-normal point grid and its emission, superellipsoid
// boxes and solids of revolution, and a glTF metallic-roughness material. CPU only.
#include <functional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "GlbBuilder.h"

namespace render::gen {

constexpr float kPi = 3.14159265358979f;

float smoothstep(float a, float b, float x);
float spow(float v, float e);  // sign(v) |v|^e

// Monotone cubic interpolation (Fritsch-Carlson) through (x, y) points: smooth profiles without
// overshoot, so a roof never bulges above its control points.
class Profile {
public:
    explicit Profile(std::vector<std::pair<float, float>> pts);
    float operator()(float x) const;

private:
    std::vector<std::pair<float, float>> m_p;
    std::vector<float> m_m;
};

// A rows x cols grid of points with smooth (area-weighted) normals; columns may wrap around.
struct Grid {
    int rows = 0, cols = 0;
    bool wrap = false;
    std::vector<Vec3> p, n;
    std::vector<Vec2> uv;
    const Vec3& at(int r, int c) const { return p[r * cols + c]; }
    int colNext(int c) const { return wrap ? (c + 1) % cols : c + 1; }
    int quadCols() const { return wrap ? cols : cols - 1; }
};

Grid makeGrid(int rows, int cols, bool wrap, const std::function<Vec3(int, int)>& f);

// Emits the grid's quads into the primitive `pick` chooses for each (row, col) quad; nullptr skips it.
void emitGrid(const Grid& g, Mesh& mesh, const std::function<const char*(int, int)>& pick, bool flip = false);

// A superellipsoid ("rounded box") centred at `c` with half extents `h`; exponent 2 is an
// ellipsoid, larger is boxier.
void roundedBox(Mesh& mesh, const char* material, const Vec3& c, const Vec3& h, float exponent = 6, int res = 14);

// A solid of revolution about the X axis: profile points (x, radius), closed around.
void lathe(Mesh& mesh, const char* material, const std::vector<Vec2>& profile, int segments, bool flip = false);

// A closed tube along a path: `section(i, k)` gives ring k of row i (rows along the path);
// both ends are closed by fans to their rings' centres, so the tube is a solid.
void cappedTube(Mesh& mesh, const char* material, int rows, int ringSize, const std::function<Vec3(int, int)>& section);

nlohmann::json pbr(float r, float g, float b, float metallic, float roughness);

}  // namespace render::gen
