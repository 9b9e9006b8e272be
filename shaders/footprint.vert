#version 330 core
// Renders the model seen from below onto the floor plane, for the contact shadow.
layout(location = 0) in vec3 a_position;
uniform mat4 u_model;
uniform mat4 u_viewProjection;
out float v_height;
uniform float u_floorY;
void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_height = world.y - u_floorY;
    gl_Position = u_viewProjection * world;
}
