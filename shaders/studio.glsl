// The project's own photo studio, as radiance (linear, HDR) per direction: a grey cyclorama
// with a bright horizon band, a large overhead softbox, two tall strip boxes at the sides and
// a key box front-left. Softbox edges are smoothed so that reflections stay clean.
float softRect(vec2 p, vec2 center, vec2 halfSize, float feather) {
    vec2 d = abs(p - center) - halfSize;
    float outside = length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
    return 1.0 - smoothstep(-feather, feather, outside);
}

vec3 studioRadiance(vec3 dir) {
    float y = dir.y;
    float azimuth = atan(dir.x, dir.z);  // 0 towards +Z (the car's front)
    float elevation = asin(clamp(y, -1.0, 1.0));
    // Cyclorama: a floor, a soft horizon glow, walls darkening towards the ceiling.
    vec3 floorColor = vec3(0.20, 0.20, 0.21);
    vec3 wall = mix(vec3(0.42, 0.43, 0.45), vec3(0.05, 0.052, 0.056), smoothstep(0.0, 0.7, y));
    vec3 c = y < 0.0 ? mix(wall, floorColor, smoothstep(0.0, 0.08, -y)) : wall;
    c += vec3(0.8) * exp(-abs(elevation) * 25.0);  // horizon band (the reflection line on the sides)
    // Overhead softbox: a big rectangle on the ceiling.
    if (y > 0.0) {
        vec2 q = dir.xz / max(y, 1e-3);
        c += vec3(6.0) * softRect(q, vec2(0.0), vec2(0.55, 0.9), 0.08);
    }
    // Side strips (tall) at +-75 degrees, and a key box front-left.
    vec2 ae = vec2(azimuth, elevation);
    c += vec3(3.5) * softRect(ae, vec2(1.3, 0.45), vec2(0.07, 0.35), 0.03);
    c += vec3(3.5) * softRect(ae, vec2(-1.3, 0.45), vec2(0.07, 0.35), 0.03);
    c += vec3(5.0, 4.9, 4.7) * softRect(ae, vec2(0.55, 0.32), vec2(0.22, 0.14), 0.04);
    c += vec3(2.0, 2.05, 2.2) * softRect(ae, vec2(-2.6, 0.35), vec2(0.3, 0.12), 0.05);  // rear fill
    return c;
}
