#version 330 core
#include "common.glsl"
// Floor shading: the environment's floor radiance, brightened under the model by the
// overhead light, darkened by the model's soft contact shadow (a blurred footprint map of
// how close the model's underside is to the floor), with a glossy reflection of the model (the
// mirrored car at a fraction of the screen's size, premultiplied, its alpha fading with height:
// blurred more where it fades, so the reflection is crisp at the tyres and soft higher up), the
// reflection's strength rising towards grazing angles, fading into the background far away.
in vec3 v_world;
uniform vec3 u_floorRadiance;     // the prefiltered environment straight down (constant: read once)
uniform sampler2D u_footprint;
uniform vec4 u_footprintRect;   // xz min, xz size
uniform vec3 u_center;
uniform float u_modelRadius;
uniform float u_environmentIntensity;
uniform float u_shadowStrength;
uniform sampler2D u_reflection;
uniform vec2 u_screenSize;       // of the target the floor is drawn into, in pixels
uniform vec3 u_eye;
uniform float u_reflectionStrength;  // 0: no reflection
uniform vec4 u_reflectionRect;   // pixels (x0, y0, x1, y1) the reflection can reach; none outside
uniform float u_reflectionLod;   // log2 of the reflection target's divisor: blur sizes stay in screen pixels
out vec4 o_color;

// The reflection at `uv`, mip `lod`. A target of a quarter of the screen or less (software GL) is
// read with four taps on a rotated grid 0.6 texel around the pixel, from at least mip 0.5 (half
// way to the next mip's 2x2 average): a tent about two texels wide, so the mirrored car's outline,
// upsampled four times, neither steps texel by texel nor shows the taps as ghosts.
vec4 reflectionAt(vec2 uv, float lod) {
    if (u_reflectionLod < 1.5) return textureLod(u_reflection, uv, lod);
    lod = max(lod, 0.5);
    vec2 texel = exp2(floor(lod)) / vec2(textureSize(u_reflection, 0));
    return 0.25 * (textureLod(u_reflection, uv + vec2(0.6, 0.2) * texel, lod) +
                   textureLod(u_reflection, uv + vec2(-0.2, 0.6) * texel, lod) +
                   textureLod(u_reflection, uv + vec2(-0.6, -0.2) * texel, lod) +
                   textureLod(u_reflection, uv + vec2(0.2, -0.6) * texel, lod));
}

void main() {
    vec3 floorRadiance = u_floorRadiance;
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
    color *= u_environmentIntensity;
    if (u_reflectionStrength > 0.0 && all(greaterThanEqual(gl_FragCoord.xy, u_reflectionRect.xy)) &&
        all(lessThanEqual(gl_FragCoord.xy, u_reflectionRect.zw))) {
        vec2 screenUv = gl_FragCoord.xy / u_screenSize;
        // Blur, in screen pixels: 4 where the reflection is strong (near the floor), 24 where it has faded.
        float near = reflectionAt(screenUv, max(2.0 - u_reflectionLod, 0.0)).a;
        float lod = max(mix(4.6, 2.0, clamp(near * 1.6, 0.0, 1.0)) - u_reflectionLod, 0.0);
        vec4 mirrored = reflectionAt(screenUv, lod);
        float cosView = clamp(normalize(u_eye - v_world).y, 0.0, 1.0);
        float reflectance = u_reflectionStrength * (0.35 + 0.65 * pow(1.0 - cosView, 3.0));
        color = color * (1.0 - reflectance * mirrored.a) + mirrored.rgb * reflectance;
    }
    o_color = vec4(color, 1.0);
}
