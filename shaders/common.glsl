// Shared constants and helpers for the physically based shaders.
const float PI = 3.14159265359;

// Direction through texel `uv` (0..1) of cube map face `face` (GL face order +X -X +Y -Y +Z -Z).
vec3 cubeDirection(int face, vec2 uv) {
    vec2 c = uv * 2.0 - 1.0;
    if (face == 0) return normalize(vec3(1.0, -c.y, -c.x));
    if (face == 1) return normalize(vec3(-1.0, -c.y, c.x));
    if (face == 2) return normalize(vec3(c.x, 1.0, c.y));
    if (face == 3) return normalize(vec3(c.x, -1.0, -c.y));
    if (face == 4) return normalize(vec3(c.x, -c.y, 1.0));
    return normalize(vec3(-c.x, -c.y, -1.0));
}

float radicalInverse(uint bits) {
    bits = (bits << 16u) | (bits >> 16u);
    bits = ((bits & 0x55555555u) << 1u) | ((bits & 0xAAAAAAAAu) >> 1u);
    bits = ((bits & 0x33333333u) << 2u) | ((bits & 0xCCCCCCCCu) >> 2u);
    bits = ((bits & 0x0F0F0F0Fu) << 4u) | ((bits & 0xF0F0F0F0u) >> 4u);
    bits = ((bits & 0x00FF00FFu) << 8u) | ((bits & 0xFF00FF00u) >> 8u);
    return float(bits) * 2.3283064365386963e-10;
}
vec2 hammersley(uint i, uint n) { return vec2(float(i) / float(n), radicalInverse(i)); }

// GGX half-vector sample around n for roughness `a` (perceptual roughness squared).
vec3 importanceSampleGgx(vec2 xi, vec3 n, float a) {
    float phi = 2.0 * PI * xi.x;
    float cosTheta = sqrt((1.0 - xi.y) / (1.0 + (a * a - 1.0) * xi.y));
    float sinTheta = sqrt(1.0 - cosTheta * cosTheta);
    vec3 h = vec3(cos(phi) * sinTheta, sin(phi) * sinTheta, cosTheta);
    vec3 up = abs(n.z) < 0.999 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
    vec3 t = normalize(cross(up, n));
    vec3 b = cross(n, t);
    return normalize(t * h.x + b * h.y + n * h.z);
}

float distributionGgx(float nDotH, float a) {
    float a2 = a * a;
    float d = nDotH * nDotH * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

// Height-correlated Smith visibility V = G / (4 NoL NoV).
float visibilitySmithGgx(float nDotV, float nDotL, float a) {
    float a2 = a * a;
    float gv = nDotL * sqrt(nDotV * nDotV * (1.0 - a2) + a2);
    float gl = nDotV * sqrt(nDotL * nDotL * (1.0 - a2) + a2);
    return 0.5 / max(gv + gl, 1e-5);
}

vec3 fresnelSchlick(vec3 f0, float vDotH) { return f0 + (1.0 - f0) * pow(1.0 - vDotH, 5.0); }
