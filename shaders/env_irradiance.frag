#version 330 core
#include "common.glsl"
// Diffuse irradiance (cosine-weighted hemisphere integral / PI) for one face texel.
uniform samplerCube u_env;
uniform int u_face;
uniform float u_size;
out vec4 o_color;
void main() {
    vec3 n = cubeDirection(u_face, gl_FragCoord.xy / u_size);
    vec3 up = abs(n.y) < 0.999 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0);
    vec3 t = normalize(cross(up, n));
    vec3 b = cross(n, t);
    vec3 sum = vec3(0.0);
    float count = 0.0;
    const float stepPhi = 2.0 * PI / 48.0, stepTheta = 0.5 * PI / 16.0;
    for (float phi = 0.0; phi < 2.0 * PI; phi += stepPhi) {
        for (float theta = 0.0; theta < 0.5 * PI; theta += stepTheta) {
            vec3 local = vec3(sin(theta) * cos(phi), sin(theta) * sin(phi), cos(theta));
            vec3 dir = local.x * t + local.y * b + local.z * n;
            sum += textureLod(u_env, dir, 3.0).rgb * cos(theta) * sin(theta);
            count += 1.0;
        }
    }
    o_color = vec4(PI * sum / count, 1.0);
}
