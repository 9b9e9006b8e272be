#include "GpuScene.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace render {

namespace {

GpuMesh uploadMesh(const MeshData& m) {
    GpuMesh g;
    g.indexCount = static_cast<GLsizei>(m.indices.size());
    g.material = m.material;
    g.bounds = m.bounds;
    glBindVertexArray(g.vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, g.vertices.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m.vertices.size() * sizeof(Vertex)), m.vertices.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.indices.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(m.indices.size() * 4), m.indices.data(), GL_STATIC_DRAW);
    const std::pair<int, size_t> attributes[] = {{3, offsetof(Vertex, position)},
                                                 {3, offsetof(Vertex, normal)},
                                                 {4, offsetof(Vertex, tangent)},
                                                 {2, offsetof(Vertex, uv)},
                                                 {4, offsetof(Vertex, color)}};
    for (GLuint i = 0; i < 5; ++i) {
        glEnableVertexAttribArray(i);
        glVertexAttribPointer(i, attributes[i].first, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                              reinterpret_cast<void*>(attributes[i].second));
    }
    return g;
}

float determinant3(const Mat4& w) {
    return w.at(0, 0) * (w.at(1, 1) * w.at(2, 2) - w.at(1, 2) * w.at(2, 1)) -
           w.at(0, 1) * (w.at(1, 0) * w.at(2, 2) - w.at(1, 2) * w.at(2, 0)) +
           w.at(0, 2) * (w.at(1, 0) * w.at(2, 1) - w.at(1, 1) * w.at(2, 0));
}

}  // namespace

void GpuScene::upload(const SceneData& scene) {
    meshes.clear();
    items.clear();
    materials = scene.materials;
    nodes = scene.nodes;
    nodeHidden.assign(nodes.size(), false);

    GLint previousVao = 0;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &previousVao);
    for (const auto& m : scene.meshes) meshes.push_back(uploadMesh(m));
    glBindVertexArray(static_cast<GLuint>(previousVao));

    for (int n = 0; n < static_cast<int>(nodes.size()); ++n) {
        if (nodes[n].meshes.empty()) continue;
        const Mat4 world = scene.worldTransform(n);
        const Mat4 normal = world.inverse().transposed();
        const float det = std::fabs(determinant3(world));
        for (int m : nodes[n].meshes) {
            DrawItem item;
            item.mesh = m;
            item.node = n;
            item.world = world;
            item.normalMatrix = {normal.at(0, 0), normal.at(1, 0), normal.at(2, 0), normal.at(0, 1), normal.at(1, 1),
                                 normal.at(2, 1), normal.at(0, 2), normal.at(1, 2), normal.at(2, 2)};
            item.flakeScale = 400.0f * std::cbrt(std::max(det, 1e-30f));  // 2.5 mm flakes in world units
            item.worldBounds = transformBounds(meshes[m].bounds, world);
            items.push_back(item);
        }
    }
}

bool GpuScene::drawn(int node) const {
    for (int n = node; n >= 0; n = nodes[n].parent)
        if (nodeHidden[n]) return false;
    return true;
}

Bounds GpuScene::visibleBounds() const {
    Bounds b;
    for (const auto& item : items)
        if (drawn(item.node)) b.add(item.worldBounds);
    return b;
}

void GpuScene::draw(const DrawItem& item) const {
    const GpuMesh& mesh = meshes[item.mesh];
    glBindVertexArray(mesh.vao.id());
    glDrawElements(GL_TRIANGLES, mesh.indexCount, GL_UNSIGNED_INT, nullptr);
}

}  // namespace render
