#version 330 core
// The studio floor: a square at the model's lowest point.
layout(location = 0) in vec3 a_position;
uniform mat4 u_viewProjection;
uniform vec3 u_center;
uniform float u_extent;
uniform float u_floorY;
out vec3 v_world;
void main() {
    v_world = vec3(u_center.x + a_position.x * u_extent, u_floorY, u_center.z + a_position.z * u_extent);
    gl_Position = u_viewProjection * vec4(v_world, 1.0);
}
