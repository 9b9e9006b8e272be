#version 330 core
#include "common.glsl"
#include "studio.glsl"
// Renders one face of the studio environment cube map.
uniform int u_face;
uniform float u_size;
uniform int u_zebra;  // > 0: that many pairs of slanted stripes instead of the studio (zebra test)
out vec4 o_color;
void main() {
    vec3 dir = cubeDirection(u_face, gl_FragCoord.xy / u_size);
    if (u_zebra > 0) {
        // Stripes across a direction tilted 45 degrees between up and forward, so that on a body
        // side they run at a slant to the mesh's rows and columns.
        float angle = asin(clamp(dot(dir, vec3(0.0, 0.70710678, 0.70710678)), -1.0, 1.0));
        float s = sin(angle * float(u_zebra) * 2.0);
        float k = float(u_zebra) * 4.0 / u_size;  // about two texels of feathering
        o_color = vec4(vec3(mix(0.02, 24.0, smoothstep(-k, k, s))), 1.0);  // bright enough to read on black paint
        return;
    }
    o_color = vec4(studioRadiance(dir), 1.0);
}
