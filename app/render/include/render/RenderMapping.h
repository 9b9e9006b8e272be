#pragma once
// RenderMapping: content/render/mapping.json, which says for each catalog model which asset
// to show, which materials are paint, glass, lights and interior, which node is the wheel set
// of each wheel option, and which nodes belong to trims or options. Loaded and validated with
// the rest of the content; read-only afterwards, any thread.
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/ContentError.h"

namespace render {

// A node shown only when any of `when` is picked (trim or option id), and not when any of
// `unless` is picked.
struct PartRule {
    std::string node;
    std::vector<std::string> when;
    std::vector<std::string> unless;
};

struct ModelMapping {
    std::string modelId;
    std::string asset;  // path to the .glb, resolved against the mapping file's folder
    std::vector<std::string> paintMaterials, glassMaterials, lightMaterials, interiorMaterials;
    std::map<std::string, std::array<float, 3>> interiorColorsSrgb;  // interior option id -> colour
    std::map<std::string, std::string> wheels;                        // wheel option id -> node name
    std::vector<PartRule> parts;
};

struct RenderMapping {
    std::map<std::string, ModelMapping> models;  // by model id
    const ModelMapping* find(const std::string& modelId) const;
};

// Reads and checks the mapping against the catalog (model, option and trim ids, colours);
// every problem goes to `errors` as "file: /json/pointer: what is wrong".
RenderMapping loadRenderMapping(const core::Catalog& catalog, const std::string& file, core::ContentErrors& errors);

// What a configuration looks like on a mapped model: paint, interior colour and which nodes
// (by name) are shown or hidden. Pure; tested without a GPU.
struct CarLook {
    core::PaintSpec paint;
    bool hasPaint = false;
    std::optional<std::array<float, 3>> interiorColorSrgb;
    std::set<std::string> shownNodes;   // wheel sets and parts that are on
    std::set<std::string> hiddenNodes;  // wheel sets and parts that are off
};

CarLook resolveCarLook(const ModelMapping& mapping, const core::Model& model, const core::Configuration& config);

// "#RRGGBB" -> sRGB 0..1; nullopt when malformed.
std::optional<std::array<float, 3>> parseHexColor(const std::string& text);

}  // namespace render
