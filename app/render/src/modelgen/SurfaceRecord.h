#pragma once
// SurfaceRecord: what a generated car file says about its body surface, so that a checker can
// rebuild the exact surface and measure the tessellation against it. Written by the generator
// into the glTF asset's extras ("car_surface"): the generator's surface version, the figures
// the surface depends on (BodyParams), the level of detail, and probe points (parameters and the
// positions the generator evaluated there), which the reader evaluates again: a surface that
// differs from the one the file was made with (another generator version) is not known.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "BodySurface.h"

namespace render::gen {

nlohmann::json surfaceRecord(const BodySurface& surface, const std::string& levelOfDetail);

struct RecordedSurface {
    BodySurface surface;
    std::string levelOfDetail;
};

// The surface a record describes, or nullopt with `why` (no record, another version, probes that
// do not match, a missing or malformed field).
std::optional<RecordedSurface> readSurfaceRecord(const nlohmann::json& gltf, std::string& why);

}  // namespace render::gen
