// The project's own photo studio, as radiance (linear, HDR) per direction, laid out the way car
// studios light paint: long strip softboxes overhead running the length of the car, tall narrow
// strips at both sides, black flags between and around the strips so each reflects as a crisp
// line with dark paint beside it, a dark floor and a soft, dim horizon. Softbox edges are
// feathered so reflections stay clean. +Z is the car's front, +Y up.
float softRect(vec2 p, vec2 center, vec2 halfSize, float feather) {
    vec2 d = abs(p - center) - halfSize;
    float outside = length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
    return 1.0 - smoothstep(-feather, feather, outside);
}

// Ceiling: three long strips along Z over a black flag that covers the rig.
vec3 overheadStrips(vec2 q, vec3 c) {
    c *= 1.0 - 0.92 * softRect(q, vec2(0.0), vec2(0.95, 2.5), 0.15);  // the flag
    float strips = 0.0;
    for (int i = -1; i <= 1; ++i) strips += softRect(q, vec2(0.5 * float(i), 0.0), vec2(0.06, 2.2), 0.025);
    return c + vec3(7.0) * strips;
}

// One side wall (side = +1 right of the car, -1 left): two tall strips in a black flag.
vec3 sideStrips(vec2 ae, float side, vec3 c) {
    float center = side * 1.5707963;
    c *= 1.0 - 0.9 * softRect(ae, vec2(center, 0.42), vec2(0.62, 0.5), 0.08);  // the flag
    float strips = softRect(ae, vec2(center - 0.32, 0.4), vec2(0.035, 0.38), 0.012) +
                   softRect(ae, vec2(center + 0.32, 0.4), vec2(0.035, 0.38), 0.012);
    // A long low strip along the wall: the line that runs down the body side.
    float band = softRect(ae, vec2(center, 0.2), vec2(1.25, 0.05), 0.015);
    return c + vec3(4.5, 4.5, 4.6) * strips + vec3(3.0) * band;
}

vec3 studioRadiance(vec3 dir) {
    float y = dir.y;
    float azimuth = atan(dir.x, dir.z);  // 0 towards +Z (the car's front)
    float elevation = asin(clamp(y, -1.0, 1.0));
    // Cyclorama: a dark floor, a soft dim horizon, walls darkening towards the ceiling.
    vec3 floorColor = vec3(0.06, 0.06, 0.065);
    vec3 wall = mix(vec3(0.13, 0.133, 0.14), vec3(0.015, 0.016, 0.018), smoothstep(0.0, 0.5, y));
    vec3 c = y < 0.0 ? mix(wall, floorColor, smoothstep(0.0, 0.12, -y)) : wall;
    c += vec3(0.22) * exp(-abs(elevation) * 9.0);  // soft horizon glow
    if (y > 0.0) c = overheadStrips(dir.xz / max(y, 1e-3), c);
    vec2 ae = vec2(azimuth, elevation);
    c = sideStrips(ae, 1.0, c);
    c = sideStrips(ae, -1.0, c);
    // A soft key box front-left and a dim fill behind, for the faces the strips miss.
    c += vec3(2.2, 2.15, 2.05) * softRect(ae, vec2(0.55, 0.3), vec2(0.2, 0.12), 0.06);
    c += vec3(1.0, 1.02, 1.1) * softRect(ae, vec2(-2.6, 0.35), vec2(0.3, 0.12), 0.06);
    return c;
}
