#version 330 core
// HDR to display: exposure, tone mapping (Khronos PBR Neutral by default so catalog paint
// colours survive; ACES filmic as an option), optional FXAA, sRGB encoding, and a loading
// spinner drawn over the studio while a model imports. Temporal accumulation splits it in two:
// stage 1 writes the tone-mapped frame, linear, with its weight in the running average as alpha
// (blended into the average target); stage 2 shows the average.
const float PI_POST = 3.14159265359;
in vec2 v_uv;
uniform sampler2D u_hdr;
uniform sampler2DMS u_hdrSamples;  // with MSAA: the scene's samples, tone mapped one by one
uniform int u_samples;             // 0 without MSAA
uniform float u_exposure;
uniform int u_toneMapper;   // 0 PBR Neutral, 1 ACES
uniform int u_fxaa;
uniform vec2 u_texel;       // 1 / size
uniform float u_spinner;    // < 0: none, else the spinner's phase in turns
uniform int u_stage;        // 0 tone map to the display, 1 into the running average, 2 show the average
uniform float u_weight;     // stage 1: this frame's weight in the average
uniform sampler2D u_average;
out vec4 o_color;

vec3 pbrNeutral(vec3 color) {
    const float startCompression = 0.8 - 0.04;
    const float desaturation = 0.15;
    float x = min(color.r, min(color.g, color.b));
    float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
    color -= offset;
    float peak = max(color.r, max(color.g, color.b));
    if (peak < startCompression) return color;
    const float d = 1.0 - startCompression;
    float newPeak = 1.0 - d * d / (peak + d - startCompression);
    color *= newPeak / peak;
    float g = 1.0 - 1.0 / (desaturation * (peak - newPeak) + 1.0);
    return mix(color, vec3(newPeak), g);
}

vec3 aces(vec3 x) {  // Narkowicz's fit
    x *= 0.6;
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

vec3 toneMap(vec3 hdr) {
    vec3 c = max(hdr * u_exposure, vec3(0.0));
    return clamp(u_toneMapper == 1 ? aces(c) : pbrNeutral(c), 0.0, 1.0);
}

vec3 sampleLdr(vec2 uv) { return toneMap(texture(u_hdr, uv).rgb); }
float luma(vec3 c) { return dot(c, vec3(0.299, 0.587, 0.114)); }

// The edge search's luma straight from HDR (a Reinhard curve instead of the full tone map): four
// of the five samples every pixel reads need no tone mapping, which software GL pays per pixel.
float lumaFast(vec2 uv) {
    float l = luma(texture(u_hdr, uv).rgb) * u_exposure;
    return l / (1.0 + l);
}

vec3 fxaa(vec2 uv) {
    vec3 m = sampleLdr(uv);
    float lM = lumaFast(uv);
    float lNW = lumaFast(uv + vec2(-1.0, -1.0) * u_texel);
    float lNE = lumaFast(uv + vec2(1.0, -1.0) * u_texel);
    float lSW = lumaFast(uv + vec2(-1.0, 1.0) * u_texel);
    float lSE = lumaFast(uv + vec2(1.0, 1.0) * u_texel);
    float lMin = min(lM, min(min(lNW, lNE), min(lSW, lSE)));
    float lMax = max(lM, max(max(lNW, lNE), max(lSW, lSE)));
    if (lMax - lMin < max(0.0312, lMax * 0.125)) return m;
    vec2 dir = vec2(-((lNW + lNE) - (lSW + lSE)), (lNW + lSW) - (lNE + lSE));
    float reduce = max((lNW + lNE + lSW + lSE) * 0.25 * 0.125, 1.0 / 128.0);
    float rcpMin = 1.0 / (min(abs(dir.x), abs(dir.y)) + reduce);
    dir = clamp(dir * rcpMin, vec2(-8.0), vec2(8.0)) * u_texel;
    vec3 a = 0.5 * (sampleLdr(uv + dir * (1.0 / 3.0 - 0.5)) + sampleLdr(uv + dir * (2.0 / 3.0 - 0.5)));
    vec3 b = a * 0.5 + 0.25 * (sampleLdr(uv - dir * 0.5) + sampleLdr(uv + dir * 0.5));
    // On edge pixels only: the range again, tone mapped, to judge b in the same space.
    float tNW = luma(sampleLdr(uv + vec2(-1.0, -1.0) * u_texel)), tNE = luma(sampleLdr(uv + vec2(1.0, -1.0) * u_texel));
    float tSW = luma(sampleLdr(uv + vec2(-1.0, 1.0) * u_texel)), tSE = luma(sampleLdr(uv + vec2(1.0, 1.0) * u_texel));
    float tM = luma(m);
    float lB = luma(b);
    return (lB < min(tM, min(min(tNW, tNE), min(tSW, tSE))) || lB > max(tM, max(max(tNW, tNE), max(tSW, tSE)))) ? a : b;
}

vec3 linearToSrgb(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

// MSAA resolved after tone mapping: a bright highlight on one sample of an edge pixel no longer
// floods the whole pixel, so edges against the studio's strips stay smooth.
vec3 resolveToneMapped() {
    ivec2 p = ivec2(gl_FragCoord.xy);
    vec3 sum = vec3(0.0);
    for (int i = 0; i < u_samples; ++i) sum += toneMap(texelFetch(u_hdrSamples, p, i).rgb);
    return sum / float(u_samples);
}

void main() {
    vec3 c;
    if (u_stage == 2) c = texelFetch(u_average, ivec2(gl_FragCoord.xy), 0).rgb;
    else c = u_samples > 0 ? resolveToneMapped() : (u_fxaa != 0 ? fxaa(v_uv) : sampleLdr(v_uv));
    if (u_stage == 1) {
        o_color = vec4(c, u_weight);
        return;
    }
    if (u_spinner >= 0.0) {
        vec2 size = 1.0 / u_texel;
        vec2 p = (v_uv - 0.5) * size / min(size.x, size.y);
        float r = length(p);
        float angle = fract(atan(p.y, p.x) / (2.0 * PI_POST) + u_spinner);
        float ring = smoothstep(0.006, 0.0, abs(r - 0.05) - 0.008);
        c = mix(c, vec3(1.0), ring * angle * 0.9);
    }
    o_color = vec4(linearToSrgb(c), 1.0);
}
