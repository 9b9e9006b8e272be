#version 330 core
#include "common.glsl"
// Floor shading: the environment's floor radiance, brightened under the model by the
// overhead light, darkened by the model's soft contact shadow (a blurred footprint map of
// how close the model's underside is to the floor), fading into the background far away.
in vec3 v_world;
uniform samplerCube u_prefiltered;
uniform sampler2D u_footprint;
uniform vec4 u_footprintRect;   // xz min, xz size
uniform vec3 u_center;
uniform float u_modelRadius;
uniform float u_blurLod;
uniform float u_environmentIntensity;
uniform float u_shadowStrength;
out vec4 o_color;
void main() {
    vec3 floorRadiance = textureLod(u_prefiltered, vec3(0.0, -1.0, 0.0), u_blurLod).rgb;
    vec2 d = (v_world.xz - u_center.xz) / u_modelRadius;
    float r2 = dot(d, d);
    vec3 color = floorRadiance * (1.0 + 0.55 * exp(-r2 * 0.9));
    vec2 uv = (v_world.xz - u_footprintRect.xy) / u_footprintRect.zw;
    float occlusion = 0.0;
    if (all(greaterThan(uv, vec2(0.0))) && all(lessThan(uv, vec2(1.0)))) {
        float sharp = textureLod(u_footprint, uv, 1.0).r;
        float soft = textureLod(u_footprint, uv, 3.5).r;
        float wide = textureLod(u_footprint, uv, 5.0).r;
        occlusion = clamp(0.45 * sharp + 0.35 * soft + 0.35 * wide, 0.0, 1.0);
    }
    color *= 1.0 - u_shadowStrength * occlusion;
    o_color = vec4(color * u_environmentIntensity, 1.0);
}
