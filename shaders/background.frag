#version 330 core
#include "common.glsl"
// The studio behind the model: the environment seen slightly blurred, so the set reads as a
// soft cyclorama rather than sharp boxes.
in vec2 v_uv;
uniform mat4 u_inverseViewProjection;
uniform samplerCube u_prefiltered;
uniform float u_blurLod;
uniform float u_environmentIntensity;
out vec4 o_color;
void main() {
    vec4 p = u_inverseViewProjection * vec4(v_uv * 2.0 - 1.0, 1.0, 1.0);
    vec3 dir = normalize(p.xyz / p.w);
    o_color = vec4(textureLod(u_prefiltered, dir, u_blurLod).rgb * u_environmentIntensity, 1.0);
}
