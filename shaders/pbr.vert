#version 330 core
// Mesh vertices to world space for the PBR shader.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec4 a_tangent;
layout(location = 3) in vec2 a_uv;
layout(location = 4) in vec4 a_color;  // COLOR_0 (baked ambient occlusion on the generated cars)
uniform mat4 u_model;
uniform mat3 u_normalMatrix;
uniform mat4 u_viewProjection;
out vec3 v_world;
out vec3 v_object;
out vec3 v_normal;
out vec4 v_tangent;
out vec2 v_uv;
out vec4 v_color;
void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_world = world.xyz;
    v_object = a_position;
    v_normal = normalize(u_normalMatrix * a_normal);
    v_tangent = vec4(normalize(mat3(u_model) * a_tangent.xyz), a_tangent.w);
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = u_viewProjection * world;
}
