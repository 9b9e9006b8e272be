#version 330 core
#include "common.glsl"
// Split-sum BRDF table: (scale, bias) on F0 for (NoV, roughness).
in vec2 v_uv;
out vec4 o_color;
void main() {
    float nDotV = max(v_uv.x, 1e-3);
    float roughness = v_uv.y;
    float a = roughness * roughness;
    vec3 v = vec3(sqrt(1.0 - nDotV * nDotV), 0.0, nDotV);
    vec3 n = vec3(0.0, 0.0, 1.0);
    float scale = 0.0, bias = 0.0;
    const uint kSamples = 256u;
    for (uint i = 0u; i < kSamples; ++i) {
        vec3 h = importanceSampleGgx(hammersley(i, kSamples), n, a);
        vec3 l = normalize(2.0 * dot(v, h) * h - v);
        float nDotL = max(l.z, 0.0), nDotH = max(h.z, 0.0), vDotH = max(dot(v, h), 0.0);
        if (nDotL > 0.0) {
            float vis = visibilitySmithGgx(nDotV, nDotL, a);
            float g = 4.0 * vis * nDotL * vDotH / max(nDotH, 1e-4);
            float fc = pow(1.0 - vDotH, 5.0);
            scale += (1.0 - fc) * g;
            bias += fc * g;
        }
    }
    o_color = vec4(scale / float(kSamples), bias / float(kSamples), 0.0, 1.0);
}
