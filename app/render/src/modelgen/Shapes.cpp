#include "Shapes.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace render::gen {

using nlohmann::json;

float smoothstep(float a, float b, float x) {
    const float t = std::clamp((x - a) / (b - a), 0.0f, 1.0f);
    return t * t * (3 - 2 * t);
}
float spow(float v, float e) { return std::copysign(std::pow(std::fabs(v), e), v); }

Profile::Profile(std::vector<std::pair<float, float>> pts) : m_p(std::move(pts)) {
        const size_t n = m_p.size();
        std::vector<float> d(n - 1);
        m_m.assign(n, 0);
        for (size_t i = 0; i + 1 < n; ++i) d[i] = (m_p[i + 1].second - m_p[i].second) / (m_p[i + 1].first - m_p[i].first);
        m_m[0] = d[0];
        m_m[n - 1] = d[n - 2];
        for (size_t i = 1; i + 1 < n; ++i) m_m[i] = (d[i - 1] * d[i] <= 0) ? 0 : (d[i - 1] + d[i]) / 2;
        for (size_t i = 0; i + 1 < n; ++i) {
            if (d[i] == 0) {
                m_m[i] = m_m[i + 1] = 0;
                continue;
            }
            const float a = m_m[i] / d[i], b = m_m[i + 1] / d[i];
            const float s = a * a + b * b;
            if (s > 9) {
                const float t = 3 / std::sqrt(s);
                m_m[i] = t * a * d[i];
                m_m[i + 1] = t * b * d[i];
            }
        }
    }

float Profile::operator()(float x) const {
    if (x <= m_p.front().first) return m_p.front().second;
    if (x >= m_p.back().first) return m_p.back().second;
    size_t i = 0;
    while (m_p[i + 1].first < x) ++i;
    const float h = m_p[i + 1].first - m_p[i].first, t = (x - m_p[i].first) / h;
    const float t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * m_p[i].second + (t3 - 2 * t2 + t) * h * m_m[i] + (-2 * t3 + 3 * t2) * m_p[i + 1].second +
           (t3 - t2) * h * m_m[i + 1];
}

Grid makeGrid(int rows, int cols, bool wrap, const std::function<Vec3(int, int)>& f) {
    Grid g;
    g.rows = rows;
    g.cols = cols;
    g.wrap = wrap;
    g.p.resize(rows * cols);
    g.n.assign(rows * cols, {0, 0, 0});
    g.uv.resize(rows * cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            g.p[r * cols + c] = f(r, c);
            g.uv[r * cols + c] = {static_cast<float>(r) / (rows - 1), static_cast<float>(c) / cols};
        }
    for (int r = 0; r + 1 < rows; ++r)
        for (int c = 0; c < g.quadCols(); ++c) {
            const int a = r * cols + c, b = (r + 1) * cols + c, cc = (r + 1) * cols + g.colNext(c), d = r * cols + g.colNext(c);
            const Vec3 n1 = cross(g.p[b] - g.p[a], g.p[cc] - g.p[a]);
            const Vec3 n2 = cross(g.p[cc] - g.p[a], g.p[d] - g.p[a]);
            for (int i : {a, b, cc}) g.n[i] += n1;
            for (int i : {a, cc, d}) g.n[i] += n2;
        }
    for (auto& v : g.n) v = normalize(v);
    return g;
}

void emitGrid(const Grid& g, Mesh& mesh, const std::function<const char*(int, int)>& pick, bool flip) {
    std::map<std::pair<std::string, int>, std::uint32_t> remap;
    for (int r = 0; r + 1 < g.rows; ++r)
        for (int c = 0; c < g.quadCols(); ++c) {
            const char* material = pick(r, c);
            if (!material) continue;
            Primitive& prim = mesh.primitive(material);
            auto vertex = [&](int i) {
                auto key = std::make_pair(std::string(material), i);
                auto it = remap.find(key);
                if (it != remap.end()) return it->second;
                const std::uint32_t v = prim.add(g.p[i], flip ? -g.n[i] : g.n[i], g.uv[i]);
                remap[key] = v;
                return v;
            };
            const std::uint32_t a = vertex(r * g.cols + c), b = vertex((r + 1) * g.cols + c);
            const std::uint32_t cc = vertex((r + 1) * g.cols + g.colNext(c)), d = vertex(r * g.cols + g.colNext(c));
            if (flip) prim.quad(a, d, cc, b);
            else prim.quad(a, b, cc, d);
        }
}

void roundedBox(Mesh& mesh, const char* material, const Vec3& c, const Vec3& h, float exponent, int res) {
    const float e = 2.0f / exponent;
    Grid g = makeGrid(res + 1, res * 2, true, [&](int r, int k) {
        const float v = -kPi / 2 + kPi * r / res, u = 2 * kPi * k / (res * 2);
        const bool pole = r == 0 || r == res;  // exactly on the axis, so the poles close
        const float cv = pole ? 0.0f : spow(std::cos(v), e), sv = spow(std::sin(v), e);
        return Vec3{c.x + h.x * cv * spow(std::cos(u), e), c.y + h.y * sv, c.z + h.z * cv * spow(std::sin(u), e)};
    });
    emitGrid(g, mesh, [&](int, int) { return material; });
}

void lathe(Mesh& mesh, const char* material, const std::vector<Vec2>& profile, int segments, bool flip) {
    Grid g = makeGrid(static_cast<int>(profile.size()), segments, true, [&](int r, int k) {
        const float a = 2 * kPi * k / segments;
        return Vec3{profile[r].x, profile[r].y * std::cos(a), profile[r].y * std::sin(a)};
    });
    emitGrid(g, mesh, [&](int, int) { return material; }, flip);
}

json pbr(float r, float g, float b, float metallic, float roughness) {
    return {{"pbrMetallicRoughness", {{"baseColorFactor", {r, g, b, 1.0}}, {"metallicFactor", metallic}, {"roughnessFactor", roughness}}}};
}

void cappedTube(Mesh& mesh, const char* material, int rows, int ringSize, const std::function<Vec3(int, int)>& section) {
    Grid g = makeGrid(rows, ringSize, true, section);
    emitGrid(g, mesh, [&](int, int) { return material; });
    Primitive& p = mesh.primitive(material);
    for (int end : {0, rows - 1}) {
        Vec3 centre{0, 0, 0};
        for (int k = 0; k < ringSize; ++k) centre += g.at(end, k);
        centre = centre * (1.0f / ringSize);
        const Vec3 axis = normalize(end == 0 ? g.at(0, 0) - g.at(1, 0) : g.at(rows - 1, 0) - g.at(rows - 2, 0));
        const std::uint32_t c = p.add(centre, axis, {0.5f, 0.5f});
        std::vector<std::uint32_t> ring;
        for (int k = 0; k < ringSize; ++k) ring.push_back(p.add(g.at(end, k), axis, {0, 0}));
        for (int k = 0; k < ringSize; ++k) {
            const std::uint32_t a = ring[k], b = ring[(k + 1) % ringSize];
            const bool outward = dot(cross(p.positions[a] - centre, p.positions[b] - centre), axis) > 0;
            if (outward) p.tri(c, a, b);
            else p.tri(c, b, a);
        }
    }
}

}  // namespace render::gen
