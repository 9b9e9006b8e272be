#version 330 core
#include "common.glsl"
// Prefiltered specular radiance for one roughness (one mip level), GGX importance sampling
// with filtered sampling (the source mip chosen from each sample's solid angle) to keep it smooth.
uniform samplerCube u_env;
uniform int u_face;
uniform float u_size;
uniform float u_roughness;
uniform float u_envSize;
out vec4 o_color;
void main() {
    vec3 n = cubeDirection(u_face, gl_FragCoord.xy / u_size);
    if (u_roughness <= 0.0) {
        o_color = vec4(textureLod(u_env, n, 0.0).rgb, 1.0);
        return;
    }
    vec3 v = n;
    float a = u_roughness * u_roughness;
    const uint kSamples = 96u;
    vec3 sum = vec3(0.0);
    float weight = 0.0;
    for (uint i = 0u; i < kSamples; ++i) {
        vec3 h = importanceSampleGgx(hammersley(i, kSamples), n, a);
        vec3 l = normalize(2.0 * dot(v, h) * h - v);
        float nDotL = dot(n, l);
        if (nDotL > 0.0) {
            float nDotH = max(dot(n, h), 0.0);
            float pdf = distributionGgx(nDotH, a) * 0.25 + 1e-4;
            float saSample = 1.0 / (float(kSamples) * pdf);
            float saTexel = 4.0 * PI / (6.0 * u_envSize * u_envSize);
            float lod = clamp(0.5 * log2(saSample / saTexel) + 1.0, 0.0, 7.0);
            sum += textureLod(u_env, l, lod).rgb * nDotL;
            weight += nDotL;
        }
    }
    o_color = vec4(sum / max(weight, 1e-4), 1.0);
}
