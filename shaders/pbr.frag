#version 330 core
#include "common.glsl"
// Metallic-roughness PBR under image-based lighting: Cook-Torrance GGX, height-correlated
// Smith visibility, Schlick Fresnel, split-sum IBL; a clearcoat lobe over the base for car
// paint, whose base layer gets a metallic-flake normal perturbation; specular anti-aliasing by
// normal-variance filtering on both lobes. Output is linear HDR.
in vec3 v_world;
in vec3 v_object;
in vec3 v_normal;
in vec4 v_tangent;
in vec2 v_uv;
in vec4 v_color;

uniform vec3 u_cameraPosition;
uniform vec4 u_baseColor;        // linear
uniform float u_metallic;
uniform float u_roughness;
uniform vec3 u_emissive;         // linear, strength applied
uniform float u_clearcoat;
uniform float u_clearcoatRoughness;
uniform float u_flake;           // 0..1 flake density
uniform float u_flakeScale;      // flake cells per model unit
uniform int u_alphaMode;         // 0 opaque, 1 mask, 2 blend
uniform float u_alphaCutoff;
uniform float u_backfaceDim;     // < 1 darkens back faces (the inside of a body shell)
uniform float u_occlusionStrength;
uniform float u_normalScale;
uniform ivec4 u_hasTexture;      // base colour, metallic-roughness, normal, occlusion
uniform int u_hasEmissiveTexture;
uniform mat3 u_uvTransform[5];   // glTF KHR_texture_transform per texture, in glTF UV space
uniform sampler2D u_baseColorTexture;
uniform sampler2D u_metallicRoughnessTexture;
uniform sampler2D u_normalTexture;
uniform sampler2D u_occlusionTexture;
uniform sampler2D u_emissiveTexture;
uniform samplerCube u_irradiance;
uniform samplerCube u_prefiltered;
uniform sampler2D u_brdfLut;
uniform float u_prefilteredMaxLod;
uniform float u_environmentIntensity;
uniform float u_floorY;          // for a little ground bounce occlusion on low surfaces
uniform float u_mirrorFade;      // > 0 in the floor-reflection pass: metres over which it fades with height

out vec4 o_color;

vec2 textureUv(int i) {
    // Assimp flips V on import; textures are uploaded top row first, as glTF expects.
    vec3 uv = u_uvTransform[i] * vec3(v_uv.x, 1.0 - v_uv.y, 1.0);
    return uv.xy;
}

float hash13(vec3 p) {
    p = fract(p * 0.1031);
    p += dot(p, p.zyx + 31.32);
    return fract((p.x + p.y) * p.z);
}
vec3 hash33(vec3 p) {
    return vec3(hash13(p), hash13(p + 17.31), hash13(p + 41.7)) * 2.0 - 1.0;
}

// Specular anti-aliasing (normal-variance filtering, as Kaplanyan et al. and Filament do it): the
// lobe is widened by how much the normal turns across the pixel, so a thin studio-strip
// highlight on curved paint neither sparkles nor steps along the triangles. Perceptual roughness
// in and out; the kernel is added to alpha squared and capped.
float filteredRoughness(vec3 n, float perceptualRoughness) {
    vec3 du = dFdx(n), dv = dFdy(n);
    float variance = 0.15 * (dot(du, du) + dot(dv, dv));
    float kernel = min(2.0 * variance, 0.2);
    float alpha = perceptualRoughness * perceptualRoughness;
    return sqrt(sqrt(clamp(alpha * alpha + kernel, 0.0, 1.0)));
}

vec3 specularIbl(vec3 n, vec3 v, vec3 f0, float roughness, out vec2 brdf) {
    float nDotV = clamp(dot(n, v), 1e-3, 1.0);
    vec3 r = reflect(-v, n);
    brdf = texture(u_brdfLut, vec2(nDotV, roughness)).rg;
    vec3 radiance = textureLod(u_prefiltered, r, roughness * u_prefilteredMaxLod).rgb;
    // Multiple-scattering energy compensation (Fdez-Aguera) keeps rough metals from darkening.
    vec3 fss = f0 * brdf.x + brdf.y;
    float ems = 1.0 - (brdf.x + brdf.y);
    vec3 favg = f0 + (1.0 - f0) / 21.0;
    vec3 fms = fss * favg / (1.0 - ems * favg);
    return radiance * (fss + fms * ems);
}

void main() {
    vec4 base = u_baseColor * v_color;
    if (u_hasTexture.x != 0) base *= texture(u_baseColorTexture, textureUv(0));
    if (u_alphaMode == 1 && base.a < u_alphaCutoff) discard;
    float metallic = u_metallic, roughness = u_roughness;
    if (u_hasTexture.y != 0) {
        vec4 mr = texture(u_metallicRoughnessTexture, textureUv(1));
        roughness *= mr.g;
        metallic *= mr.b;
    }
    vec3 n = normalize(v_normal);
    vec3 geometricNormal = n;
    float clearcoat = u_clearcoat;
    float dim = 1.0;
    if (!gl_FrontFacing) {
        n = -n;
        geometricNormal = -geometricNormal;
        dim = u_backfaceDim;
        if (dim < 1.0) clearcoat = 0.0;
    }
    if (u_hasTexture.z != 0) {
        vec3 t = normalize(v_tangent.xyz - n * dot(n, v_tangent.xyz));
        vec3 b = cross(n, t) * v_tangent.w;
        vec3 tn = texture(u_normalTexture, textureUv(2)).xyz * 2.0 - 1.0;
        tn.xy *= u_normalScale;
        n = normalize(mat3(t, b, n) * tn);
    }
    vec3 v = normalize(u_cameraPosition - v_world);
    if (dot(n, v) < 0.0) n = normalize(n - v * dot(n, v) * 1.01);  // keep shading normals facing the eye

    // Derivatives outside any branch: the coat's roughness is filtered on the geometric normal.
    roughness = clamp(filteredRoughness(n, roughness), 0.03, 1.0);
    float coatRoughness = clamp(filteredRoughness(geometricNormal, u_clearcoatRoughness), 0.03, 1.0);
    // Metallic flakes: a per-cell random tilt of the base layer's normal. Where a cell is smaller
    // than a pixel the tilts average out into a wider highlight instead of shimmering noise.
    vec3 baseNormal = n;
    if (u_flake > 0.0) {
        vec3 cellPos = v_object * u_flakeScale;
        float cellsPerPixel = length(fwidth(cellPos));
        float resolved = 1.0 - smoothstep(0.4, 1.5, cellsPerPixel);
        vec3 tilt = hash33(floor(cellPos));
        baseNormal = normalize(n + tilt * (0.22 * u_flake * resolved));
        roughness = clamp(roughness + 0.12 * u_flake * (1.0 - resolved), 0.03, 1.0);
    }

    vec3 albedo = base.rgb * dim;
    vec3 f0 = mix(vec3(0.04), albedo, metallic);
    vec3 diffuseColor = albedo * (1.0 - metallic);
    vec2 brdf;
    vec3 specular = specularIbl(baseNormal, v, f0, roughness, brdf);
    vec3 irradiance = texture(u_irradiance, n).rgb;
    vec3 fss = f0 * brdf.x + brdf.y;
    vec3 diffuse = diffuseColor * irradiance * (1.0 - fss);  // energy the specular lobe did not take

    float ao = 1.0;
    if (u_hasTexture.w != 0) ao = mix(1.0, texture(u_occlusionTexture, textureUv(3)).r, u_occlusionStrength);
    // Blended surfaces (glass) are premultiplied: reflections stay at full strength while the
    // diffuse part fades with alpha.
    float alpha = u_alphaMode == 2 ? base.a : 1.0;
    vec3 color = (diffuse * alpha + specular) * ao * u_environmentIntensity;

    if (clearcoat > 0.0) {
        // The coat uses the geometric normal: a smooth lacquer over the flaky base.
        vec3 cn = geometricNormal;
        if (dot(cn, v) < 0.0) cn = n;
        vec2 coatBrdf;
        vec3 coatSpecular = specularIbl(cn, v, vec3(0.04), coatRoughness, coatBrdf);
        float nDotV = clamp(dot(cn, v), 1e-3, 1.0);
        float coatFresnel = 0.04 + 0.96 * pow(1.0 - nDotV, 5.0);
        color = color * (1.0 - clearcoat * coatFresnel) + coatSpecular * clearcoat * u_environmentIntensity;
    }

    vec3 emissive = u_emissive;
    if (u_hasEmissiveTexture != 0) emissive *= texture(u_emissiveTexture, textureUv(4)).rgb;
    color += emissive * dim;
    if (u_mirrorFade > 0.0) {
        // The floor reflection, premultiplied: parts high above the floor reflect fainter, and the
        // floor shader reads how faint (alpha) to blur them more.
        float fade = exp(-max(v_world.y - u_floorY, 0.0) / u_mirrorFade);
        o_color = vec4(color * alpha * fade, alpha * fade);
        return;
    }
    o_color = vec4(color, alpha);
}
