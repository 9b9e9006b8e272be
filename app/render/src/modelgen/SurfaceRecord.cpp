#include "SurfaceRecord.h"

#include <cmath>

namespace render::gen {

namespace {

constexpr const char* kKey = "car_surface";
constexpr float kProbeToleranceM = 5e-5f;  // 0.05 mm

// Parameters spread over the body: along it, around the section, over the shoulder and arches.
std::vector<std::pair<float, float>> probeParams() {
    std::vector<std::pair<float, float>> out;
    const float ss[] = {0.02f, 0.2f, 0.5f, 0.8f, 0.97f};
    const float ts[] = {-1.2f, 0.3f, BodySurface::shoulderT(), 1.3f};
    for (float s : ss)
        for (float t : ts) out.emplace_back(s, t);
    return out;
}

}  // namespace

nlohmann::json surfaceRecord(const BodySurface& surface, const std::string& levelOfDetail) {
    const BodyParams& p = surface.params();
    nlohmann::json probes = nlohmann::json::array();
    for (const auto& [s, t] : probeParams()) {
        const Vec3 q = surface.point(s, t);
        probes.push_back({s, t, q.x, q.y, q.z});
    }
    return {{kKey,
             {{"version", kBodySurfaceVersion},
              {"level_of_detail", levelOfDetail},
              {"uv", "TEXCOORD_0 = (s, t / 2 pi) on primitives whose extras name a surface"},
              {"body_style", p.bodyStyle},
              {"length_m", p.length},
              {"width_m", p.width},
              {"height_m", p.height},
              {"wheelbase_m", p.wheelbase},
              {"clearance_m", p.clearance},
              {"max_tyre_radius_m", p.maxTyreRadius},
              {"probes", probes}}}};
}

std::optional<RecordedSurface> readSurfaceRecord(const nlohmann::json& gltf, std::string& why) {
    const auto asset = gltf.find("asset");
    if (asset == gltf.end() || !asset->is_object() || !asset->contains("extras") || !(*asset)["extras"].is_object() ||
        !(*asset)["extras"].contains(kKey)) {
        why = "the file records no surface (not made by the car generator)";
        return std::nullopt;
    }
    const nlohmann::json& r = (*asset)["extras"][kKey];
    try {
        const int version = r.at("version").get<int>();
        if (version != kBodySurfaceVersion) {
            why = "the file's surface is version " + std::to_string(version) + ", this checker knows version " +
                  std::to_string(kBodySurfaceVersion);
            return std::nullopt;
        }
        BodyParams p;
        p.bodyStyle = r.at("body_style").get<std::string>();
        p.length = r.at("length_m").get<float>();
        p.width = r.at("width_m").get<float>();
        p.height = r.at("height_m").get<float>();
        p.wheelbase = r.at("wheelbase_m").get<float>();
        p.clearance = r.at("clearance_m").get<float>();
        p.maxTyreRadius = r.at("max_tyre_radius_m").get<float>();
        RecordedSurface out{BodySurface(p), r.at("level_of_detail").get<std::string>()};
        for (const auto& probe : r.at("probes")) {
            const Vec3 q = out.surface.point(probe.at(0).get<float>(), probe.at(1).get<float>());
            const Vec3 want{probe.at(2).get<float>(), probe.at(3).get<float>(), probe.at(4).get<float>()};
            if (length(q - want) > kProbeToleranceM) {
                why = "the file's surface record does not match this generator's surface (probe at s " +
                      probe.at(0).dump() + ", t " + probe.at(1).dump() + " is " +
                      std::to_string(length(q - want) * 1000) + " mm away)";
                return std::nullopt;
            }
        }
        return out;
    } catch (const nlohmann::json::exception& e) {
        why = std::string("the file's surface record is malformed: ") + e.what();
        return std::nullopt;
    }
}

}  // namespace render::gen
