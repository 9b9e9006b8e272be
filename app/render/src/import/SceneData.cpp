#include "render/SceneData.h"

namespace render {

size_t SceneData::triangleCount() const {
    size_t n = 0;
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i)
        for (int m : nodes[i].meshes) n += meshes[m].indices.size() / 3;
    return n;
}

Mat4 SceneData::worldTransform(int node) const {
    Mat4 t = nodes[node].local;
    for (int p = nodes[node].parent; p >= 0; p = nodes[p].parent) t = nodes[p].local * t;
    return t;
}

Bounds SceneData::bounds() const {
    Bounds b;
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
        if (nodes[i].meshes.empty()) continue;
        const Mat4 w = worldTransform(i);
        for (int m : nodes[i].meshes) b.add(transformBounds(meshes[m].bounds, w));
    }
    return b;
}

int SceneData::findNode(const std::string& name) const {
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i)
        if (nodes[i].name == name) return i;
    return -1;
}

}  // namespace render
