#version 330 core
// Occlusion the floor gets from a surface `v_height` above it: 1 when touching, fading out.
in float v_height;
uniform float u_falloff;
out vec4 o_color;
void main() {
    o_color = vec4(exp(-max(v_height, 0.0) / u_falloff), 0.0, 0.0, 1.0);
}
