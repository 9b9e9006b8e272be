// Showroom: construction and the frame. Passes in order: contact-shadow footprint (when the
// model changed), the floor reflection (when the view or the car changed), background studio,
// floor, model, tone mapping into the caller's framebuffer; while the view stays still (temporal
// accumulation), the scene is drawn again with a sub-pixel jitter and tone mapped into a running
// average, which is what the caller's framebuffer then shows.
// Loading and restyling the model: ShowroomModel.cpp.
#include "render/Showroom.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "ShowroomImpl.h"
#include "TextureUnits.h"

namespace render {

std::string defaultShaderDirectory() { return KIOSK_DEFAULT_SHADER_DIR; }


namespace {

Mat4 orthographic(float l, float r, float b, float t, float n, float f) {
    Mat4 m;
    m.at(0, 0) = 2 / (r - l);
    m.at(1, 1) = 2 / (t - b);
    m.at(2, 2) = -2 / (f - n);
    m.at(0, 3) = -(r + l) / (r - l);
    m.at(1, 3) = -(t + b) / (t - b);
    m.at(2, 3) = -(f + n) / (f - n);
    return m;
}

// The screen rectangle, in pixels, that `bounds` seen through `viewProjection` can cover, widened
// by the floor's widest reflection blur; the whole screen when a corner lies behind the eye.
Vec4 mirroredScreenRect(const Bounds& bounds, const Mat4& viewProjection, int width, int height) {
    const Vec4 whole{-1e9f, -1e9f, 1e9f, 1e9f};
    if (bounds.empty()) return whole;
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (int i = 0; i < 8; ++i) {
        const Vec3 p{i & 1 ? bounds.max.x : bounds.min.x, i & 2 ? bounds.max.y : bounds.min.y, i & 4 ? bounds.max.z : bounds.min.z};
        float c[4];
        for (int r = 0; r < 4; ++r)
            c[r] = viewProjection.at(r, 0) * p.x + viewProjection.at(r, 1) * p.y + viewProjection.at(r, 2) * p.z +
                   viewProjection.at(r, 3);
        if (c[3] <= 1e-4f) return whole;
        const float x = (c[0] / c[3] * 0.5f + 0.5f) * width, y = (c[1] / c[3] * 0.5f + 0.5f) * height;
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    }
    const float blur = 48;  // pixels: twice the widest blur (ground.frag)
    return {x0 - blur, y0 - blur, x1 + blur, y1 + blur};
}

bool isSoftwareRenderer(const std::string& name) {
    return name.find("llvmpipe") != std::string::npos || name.find("softpipe") != std::string::npos ||
           name.find("Software") != std::string::npos;
}

}  // namespace

Showroom::Impl::Impl(const std::string& shaderDir, float maxAnisotropy, bool softwareGl, int zebraStripes)
    : shaders(shaderDir), pbr(shaders, maxAnisotropy), ibl(shaders, zebraStripes), software(softwareGl) {
    loadPassPrograms();
    createFloorQuad();
}

void Showroom::Impl::loadPassPrograms() {
    ground = shaders.load("ground.vert", "ground.frag");
    background = shaders.load("fullscreen.vert", "background.frag");
    post = shaders.load("fullscreen.vert", "post.frag");
    footprint = shaders.load("footprint.vert", "footprint.frag");
    ug = {uniformLocation(ground, "u_viewProjection"), uniformLocation(ground, "u_center"),
          uniformLocation(ground, "u_extent"),         uniformLocation(ground, "u_floorY"),
          uniformLocation(ground, "u_footprintRect"),  uniformLocation(ground, "u_modelRadius"),
          uniformLocation(ground, "u_floorRadiance"),  uniformLocation(ground, "u_environmentIntensity"),
          uniformLocation(ground, "u_shadowStrength"),     uniformLocation(ground, "u_screenSize"),
          uniformLocation(ground, "u_eye"),                uniformLocation(ground, "u_reflectionStrength"),
          uniformLocation(ground, "u_reflectionRect"),     uniformLocation(ground, "u_reflectionLod")};
    const Vec3 below = ibl.radianceBelow(2);  // the floor's blur: roughness 0.4
    glUseProgram(ground.id());
    glUniform3f(ug.floorRadiance, below.x, below.y, below.z);
    glUniform1i(uniformLocation(ground, "u_footprint"), kUnitBase);
    glUniform1i(uniformLocation(ground, "u_reflection"), kUnitNormal);
    ub = {uniformLocation(background, "u_inverseViewProjection"), uniformLocation(background, "u_blurLod"),
          uniformLocation(background, "u_environmentIntensity")};
    glUseProgram(background.id());
    glUniform1i(uniformLocation(background, "u_prefiltered"), kUnitPrefiltered);
    up = {uniformLocation(post, "u_exposure"), uniformLocation(post, "u_toneMapper"), uniformLocation(post, "u_fxaa"),
          uniformLocation(post, "u_texel"), uniformLocation(post, "u_spinner"), uniformLocation(post, "u_samples"),
          uniformLocation(post, "u_stage"), uniformLocation(post, "u_weight")};
    glUseProgram(post.id());
    glUniform1i(uniformLocation(post, "u_hdr"), kUnitBase);
    glUniform1i(uniformLocation(post, "u_hdrSamples"), kUnitMr);  // a second unit: another sampler type
    glUniform1i(uniformLocation(post, "u_average"), kUnitNormal);
    uf = {uniformLocation(footprint, "u_model"), uniformLocation(footprint, "u_viewProjection"),
          uniformLocation(footprint, "u_floorY"), uniformLocation(footprint, "u_falloff")};
    glUseProgram(0);
}

void Showroom::Impl::createFloorQuad() {
    const float quad[] = {-1, 0, -1, 1, 0, -1, 1, 0, 1, -1, 0, -1, 1, 0, 1, -1, 0, 1};
    glBindVertexArray(groundVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, groundVbo.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof(quad), quad, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 12, nullptr);
    glBindVertexArray(0);
}

Showroom::Showroom(ShowroomSettings settings) : m_settings(std::move(settings)) {
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    if (!version) throw std::runtime_error("3D renderer: no OpenGL context is current");
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    const auto* rendererName = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    m_stats.glRenderer = rendererName ? rendererName : "?";
    if (major * 10 + minor < 33)
        throw std::runtime_error("3D renderer needs OpenGL 3.3 core or newer; this context is " + std::string(version) +
                                 " on " + m_stats.glRenderer);
    float maxAnisotropy = 1;
    if (epoxy_has_gl_extension("GL_EXT_texture_filter_anisotropic") || epoxy_gl_version() >= 46)
        glGetFloatv(GL_MAX_TEXTURE_MAX_ANISOTROPY_EXT, &maxAnisotropy);
    m_impl = std::make_unique<Impl>(m_settings.shaderDirectory, maxAnisotropy, isSoftwareRenderer(m_stats.glRenderer),
                                    m_settings.zebraStripes);
    log(std::string("3D renderer ready on ") + m_stats.glRenderer + " (OpenGL " + version + ")");
    // The first import otherwise pays for building Assimp's registries (most of a first car's load).
    m_abandoned.push_back(std::async(std::launch::async, [] {
        warmUpImporter();
        return ImportResult{};
    }));
}

Showroom::~Showroom() {
    // Imports cannot be cancelled; wait for them so no worker outlives the renderer.
    if (m_pending.valid()) m_pending.wait();
    for (auto& f : m_abandoned) f.wait();
}

void Showroom::log(const std::string& line) const {
    if (m_settings.log) m_settings.log(line);
    else std::fprintf(stderr, "render: %s\n", line.c_str());
}

void Showroom::update(float dt) {
    m_time += dt;
    m_camera.update(dt);
}

void Showroom::Impl::renderFootprint(const Bounds& visible) {
    footprintDirty = false;
    Bounds b = visible;
    if (b.empty()) b = {{-1, 0, -1}, {1, 1, 1}};
    const Vec3 size = b.size();
    const float margin = std::max(size.x, size.z) * 0.25f;
    footprintRect = {{b.min.x - margin, b.min.y, b.min.z - margin}, {b.max.x + margin, b.max.y, b.max.z + margin}};
    const Vec3 lo = footprintRect.min, hi = footprintRect.max;
    // Looking straight up from under the floor: the nearest surface is the lowest one.
    const Mat4 view = Mat4::lookAt({0, b.min.y - 1, 0}, {0, b.min.y, 0}, {0, 0, 1});
    // In this view x maps to -x (looking up flips handedness); derive the ortho box from it.
    const Vec3 a = view.transformPoint({lo.x, b.min.y, lo.z}), c = view.transformPoint({hi.x, b.min.y, hi.z});
    const Mat4 proj = orthographic(std::min(a.x, c.x), std::max(a.x, c.x), std::min(a.y, c.y), std::max(a.y, c.y), 0.0f,
                                   1 + size.y + 0.01f);
    // The ground shader maps world xz to uv by the rect; flip the projection where the view mirrored it.
    Mat4 fix;
    if (a.x > c.x) fix.at(0, 0) = -1;
    if (a.y > c.y) fix.at(1, 1) = -1;
    const Mat4 viewProjection = fix * proj * view;
    footprintTarget.begin();
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glUseProgram(footprint.id());
    glUniformMatrix4fv(uf.viewProjection, 1, GL_FALSE, viewProjection.data());
    glUniform1f(uf.floorY, b.min.y);
    glUniform1f(uf.falloff, std::max(size.y * 0.1f, 1e-4f));
    for (const auto& item : scene.items) {
        if (!scene.drawn(item.node) || scene.blended(item)) continue;
        glUniformMatrix4fv(uf.model, 1, GL_FALSE, item.world.data());
        scene.draw(item);
    }
    footprintTarget.finish();
}

void Showroom::Impl::drawBackground(const FrameView& f) {
    // Drawn after the floor, which left depth 0 where it is: the studio is shaded only where the
    // floor is not (software GL shades every pixel it is asked to). The depth is cleared after.
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_FALSE);
    glDepthRange(0.5, 0.5);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glUseProgram(background.id());
    Mat4 rotationOnly = f.view;
    rotationOnly.at(0, 3) = rotationOnly.at(1, 3) = rotationOnly.at(2, 3) = 0;
    const Mat4 inverse = (f.projection * rotationOnly).inverse();
    glUniformMatrix4fv(ub.inverseViewProjection, 1, GL_FALSE, inverse.data());
    glUniform1f(ub.blurLod, 1.0f);  // roughness 0.2: the strips read as soft shapes, the flags as dark
    glUniform1f(ub.environmentIntensity, f.environmentIntensity);
    glBindVertexArray(emptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glDepthRange(0, 1);
    glDepthMask(GL_TRUE);
    glClear(GL_DEPTH_BUFFER_BIT);
    glDisable(GL_DEPTH_TEST);
}

void Showroom::Impl::drawFloor(const FrameView& f, float reflectionStrength) {
    // Floor with contact shadow and reflection, opaque; it marks its pixels at depth 0 so the
    // studio behind it is not shaded there (drawBackground).
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_ALWAYS);
    glDepthMask(GL_TRUE);
    glDepthRange(0, 0);
    glUseProgram(ground.id());
    glUniformMatrix4fv(ug.viewProjection, 1, GL_FALSE, f.viewProjection.data());
    const Vec3 center = f.framed.center();
    glUniform3f(ug.center, center.x, center.y, center.z);
    glUniform1f(ug.extent, f.radius * 12);
    glUniform1f(ug.floorY, f.framed.min.y);
    const Vec3 fr = footprintRect.min, frs = footprintRect.size();
    glUniform4f(ug.footprintRect, fr.x, fr.z, std::max(frs.x, 1e-6f), std::max(frs.z, 1e-6f));
    glUniform1f(ug.modelRadius, f.radius);
    glUniform1f(ug.environmentIntensity, f.environmentIntensity);
    glUniform1f(ug.shadowStrength, scene.items.empty() ? 0.0f : 0.85f);
    glUniform2f(ug.screenSize, static_cast<float>(f.width), static_cast<float>(f.height));
    glUniform3f(ug.eye, f.eye.x, f.eye.y, f.eye.z);
    glUniform1f(ug.reflectionStrength, reflectionStrength);
    glUniform4f(ug.reflectionRect, reflectionRect.x, reflectionRect.y, reflectionRect.z, reflectionRect.w);
    glUniform1f(ug.reflectionLod, reflectionLod);
    footprintTarget.bindTexture(kUnitBase);
    if (reflectionStrength > 0) reflection.bindTexture(kUnitNormal);
    glBindVertexArray(groundVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glDepthRange(0, 1);
    glDepthFunc(GL_LESS);
}

std::pair<int, size_t> Showroom::Impl::drawModel(const FrameView& f, float mirrorFade) {
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    pbr.beginFrame({f.viewProjection, f.eye, ibl.prefilteredMaxLod(), f.environmentIntensity, f.framed.min.y, mirrorFade});
    std::vector<const DrawItem*> opaque, blended;
    for (const auto& item : scene.items) {
        if (!scene.drawn(item.node)) continue;
        (scene.blended(item) ? blended : opaque).push_back(&item);
    }
    // Opaque parts nearest first (by the nearest point of each box): the body shell, whose box holds
    // the cabin, goes before the cabin, so software GL's early depth test spares it shading the
    // cabin's pixels that the shell then covers. The glass: farthest first, for blending.
    auto nearest = [&](const DrawItem* item) {
        const Bounds& b = item->worldBounds;
        const Vec3 p{std::clamp(f.eye.x, b.min.x, b.max.x), std::clamp(f.eye.y, b.min.y, b.max.y),
                     std::clamp(f.eye.z, b.min.z, b.max.z)};
        return length(p - f.eye);
    };
    std::stable_sort(opaque.begin(), opaque.end(),
                     [&](const DrawItem* a, const DrawItem* b) { return nearest(a) < nearest(b); });
    std::sort(blended.begin(), blended.end(), [&](const DrawItem* a, const DrawItem* b) {
        return length(a->worldBounds.center() - f.eye) > length(b->worldBounds.center() - f.eye);
    });
    size_t triangles = 0;
    int boundMaterial = -1;
    // From outside, the double-sided paint is drawn in two passes: its front faces with the other
    // opaque parts, then its back faces, which the depth test now rejects wherever the shell's
    // outside covers them, so software GL shades only the few that show (the wheel arches' inside,
    // the roof's edge behind the glass). The picture is the same as with one double-sided pass.
    GLenum paintCull = f.outside ? GL_BACK : GL_NONE;
    auto draw = [&](const DrawItem& item) {
        const GpuMesh& mesh = scene.meshes[item.mesh];
        const bool paint = paintMaterials.count(mesh.material) > 0;
        if (boundMaterial != mesh.material) {
            boundMaterial = mesh.material;
            pbr.bind(scene.materials[mesh.material], paint);
            if (paint && paintCull != GL_NONE) {
                glEnable(GL_CULL_FACE);
                glCullFace(paintCull);
            }
        }
        pbr.setTransform(item.world, item.normalMatrix, item.flakeScale);
        scene.draw(item);
        if (paintCull != GL_FRONT) triangles += static_cast<size_t>(mesh.indexCount) / 3;
    };
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    for (const DrawItem* item : opaque) draw(*item);
    int backFaceDraws = 0;
    if (paintCull == GL_BACK) {
        paintCull = GL_FRONT;
        boundMaterial = -1;
        for (const DrawItem* item : opaque)
            if (paintMaterials.count(scene.meshes[item->mesh].material) > 0) {
                draw(*item);
                ++backFaceDraws;
            }
        glCullFace(GL_BACK);
        boundMaterial = -1;
        paintCull = GL_NONE;
    }
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied glass
    glDepthMask(GL_FALSE);
    for (const DrawItem* item : blended) draw(*item);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    return {static_cast<int>(opaque.size() + blended.size()) + backFaceDraws, triangles};
}

std::pair<int, size_t> Showroom::Impl::renderReflection(const FrameView& f, int divisor) {
    // The car mirrored about the floor plane, seen by the real camera: y -> 2 floorY - y. The
    // mirror turns the triangles' winding over, and the shading sees the mirrored eye, so each
    // point is lit as the floor would reflect it.
    reflection.ensure((f.width + divisor - 1) / divisor, (f.height + divisor - 1) / divisor);
    reflection.begin();
    ibl.bind();  // creating the target bound its texture on the active unit
    const float floorY = f.framed.min.y;
    Mat4 mirror = Mat4::scaling({1, -1, 1});
    mirror.at(1, 3) = 2 * floorY;
    FrameView m = f;
    m.viewProjection = f.viewProjection * mirror;
    m.eye = {f.eye.x, 2 * floorY - f.eye.y, f.eye.z};
    glFrontFace(GL_CW);
    // Fades over about half the car's height: the sills and wheels reflect clearly, the roof barely.
    const auto drawn = drawModel(m, std::max(f.framed.size().y * 0.45f, 0.05f));
    glFrontFace(GL_CCW);
    reflection.finish();
    reflectionLod = std::log2(static_cast<float>(divisor));
    reflectionRect = mirroredScreenRect(scene.visibleBounds(), m.viewProjection, f.width, f.height);
    return drawn;
}

void Showroom::Impl::toneMap(const ShowroomSettings& s, const FrameView& f, int stage, float weight, bool fxaa,
                             float spinner) {
    glUseProgram(post.id());
    glUniform1f(up.exposure, f.exposure);
    glUniform1i(up.toneMapper, s.toneMapper == ToneMapper::Aces ? 1 : 0);
    glUniform1i(up.fxaa, fxaa ? 1 : 0);
    glUniform2f(up.texel, 1.0f / f.width, 1.0f / f.height);
    glUniform1f(up.spinner, spinner);
    glUniform1i(up.samples, target.samples());
    glUniform1i(up.stage, stage);
    glUniform1f(up.weight, weight);
    target.bindForToneMapping(kUnitBase, kUnitMr);
    if (stage == 2) average.bindTexture(kUnitNormal);
    if (stage == 1) {
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);  // average += weight * (frame - average)
    }
    glBindVertexArray(emptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glDisable(GL_BLEND);
}

void Showroom::render(int width, int height) {
    Impl& d = *m_impl;
    if (width <= 0 || height <= 0) return;
    GLint output = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &output);
    if (d.footprintDirty && !d.scene.items.empty()) d.renderFootprint(visibleBounds());

    const AntiAliasing aa = m_settings.antiAliasing == AntiAliasing::Auto ? (d.software ? AntiAliasing::Fxaa : AntiAliasing::Msaa4)
                                                                          : m_settings.antiAliasing;
    if (d.target.ensure(width, height, aa == AntiAliasing::Msaa4 ? 4 : 0)) {
        m_stats.msaa = d.target.samples() > 0;
        m_stats.fxaa = aa == AntiAliasing::Fxaa;
    }

    FrameView f;
    f.width = width;
    f.height = height;
    f.view = m_camera.view();
    f.projection = m_camera.projection(static_cast<float>(width) / height);
    f.viewProjection = f.projection * f.view;
    f.eye = m_camera.eye();
    f.framed = m_camera.framedBounds();
    f.radius = std::max(f.framed.radius(), 1e-4f);
    f.environmentIntensity = m_settings.environmentIntensity;
    f.outside = !m_camera.interior() && m_camera.interiorWeight() <= 0;
    f.exposure = m_settings.exposure * (1 + (m_settings.interiorExposure - 1) * m_camera.interiorWeight());

    // From the driver's seat the floor is hardly seen: no reflection there.
    const float reflection =
        d.scene.items.empty() || m_camera.interior() ? 0.0f : std::max(m_settings.floorReflection, 0.0f);
    const int divisor = m_settings.reflectionDivisor > 0 ? m_settings.reflectionDivisor : (d.software ? 4 : 2);
    FrameKey key{f.view, f.projection, width, height, m_sceneVersion,
                 {f.exposure, m_settings.environmentIntensity, m_settings.toneMapper == ToneMapper::Aces ? 1.0f : 0.0f,
                  static_cast<float>(static_cast<int>(aa)), reflection, static_cast<float>(divisor)}};
    const bool accumulate = m_settings.accumulation == Accumulation::On ||
                            (m_settings.accumulation == Accumulation::Auto && d.software);
    const int maxSamples = std::max(m_settings.accumulationSamples, 1);
    if (d.still.maxSamples() != maxSamples) d.still = StillFrames(maxSamples);
    if (!accumulate) d.still.reset();
    const int sample = accumulate ? d.still.advance(key) : 0;
    const bool drawScene = sample < maxSamples;

    // StillOnly (software GL's default): a moving view's frames go without the reflection, which
    // comes with the first frame of a still view.
    const bool reflectWhileMoving = m_settings.reflectionUpdate == ReflectionUpdate::Auto
                                        ? !d.software
                                        : m_settings.reflectionUpdate == ReflectionUpdate::EveryFrame;
    const bool reflect = reflection > 0 && (reflectWhileMoving || !accumulate || sample > 0);
    int draws = 0;
    d.ibl.bind();
    if (reflect && (!d.reflectionValid || d.reflectionKey != key)) {
        draws += d.renderReflection(f, divisor).first;
        d.reflectionKey = key;
        d.reflectionValid = true;
    }
    d.reflectionValid = d.reflectionValid && reflection > 0;
    m_stats.reflectionWidth = reflect ? d.reflection.width() : 0;

    if (sample == 0) d.averageStart = 0;
    if (sample == 1 && reflect && !d.lastFrameReflected) {
        d.averageStart = 1;  // the plain first frame lacked the reflection: the average starts here
    } else if (sample == 1) {
        // The view held still: the plain frame still in the scene target starts the average.
        d.average.ensure(width, height);
        d.average.bind();
        d.toneMap(m_settings, f, 1, 1.0f, aa == AntiAliasing::Fxaa, -1);
    }
    if (sample == 1) d.average.ensure(width, height);
    d.lastFrameReflected = reflect;
    if (drawScene) {
        if (sample > 0) {
            f.projection = jitteredProjection(f.projection, jitterOffset(sample), width, height);
            f.viewProjection = f.projection * f.view;
        }
        // Creating and mip-mapping targets binds textures on whichever unit is active: bind the
        // lighting maps again.
        d.ibl.bind();
        d.target.beginScene();
        d.drawFloor(f, reflect ? reflection : 0.0f);
        d.drawBackground(f);
        const auto [modelDraws, modelTriangles] = d.drawModel(f);
        draws += 2 + modelDraws;  // background, floor, model parts
        m_stats.triangles = modelTriangles;
    }
    if (sample > 0 && drawScene) {
        d.average.bind();
        d.toneMap(m_settings, f, 1, 1.0f / static_cast<float>(sample - d.averageStart + 1), false, -1);
        ++draws;
    }

    // Tone map (or show the average) into the caller's framebuffer.
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(output));
    glViewport(0, 0, width, height);
    d.toneMap(m_settings, f, sample > 0 ? 2 : 0, 1.0f, aa == AntiAliasing::Fxaa,
              m_state == ModelState::Loading ? std::fmod(m_time, 1.0f) : -1.0f);
    glBindVertexArray(0);
    glUseProgram(0);
    m_stats.drawCalls = draws + 1;
    m_stats.accumulatedSamples = accumulate ? std::min(sample + 1, maxSamples) - d.averageStart : 1;
    m_stats.refining = accumulate && !d.still.converged();
}

}  // namespace render
