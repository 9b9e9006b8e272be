#version 330 core
#include "common.glsl"
#include "studio.glsl"
// Renders one face of the studio environment cube map.
uniform int u_face;
uniform float u_size;
out vec4 o_color;
void main() {
    vec3 dir = cubeDirection(u_face, gl_FragCoord.xy / u_size);
    o_color = vec4(studioRadiance(dir), 1.0);
}
