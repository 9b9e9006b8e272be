#pragma once
// CarGenerator: builds the project's own car model for a catalog model from its content
// dimensions (length, width, height, wheelbase, track, ground clearance, tyre sizes, body
// style) as a binary glTF (.glb) with named nodes: body, glass, roof, lights, interior, one
// wheel set per wheel option (tyre, rim of the option's design, brake disc and calliper), the
// optional parts the render mapping toggles, and an empty "driver-eye" node at the driver's eyes
// (the interior view looks from there). Deterministic: the same content gives the
// same bytes. Pure CPU; any thread.
#include <cstdint>
#include <string>
#include <vector>

#include "core/Catalog.h"

namespace render {

struct GeneratedCar {
    std::vector<std::uint8_t> glb;
    std::vector<std::string> wheelNodes;  // one group node per wheel option, in catalog order
    size_t triangles = 0;
};

// How finely the body surface is tessellated: every part on it (shell, panes, lenses, roof panel)
// aims at a chord error of `bodyToleranceMm`, measured against the surface while tessellating and
// refined where a triangle is over it; the shell's grid steps are never longer than
// `bodyMaxEdgeMm` (the defaults are the shipped software-GL level of detail, whose limit is 1.6 mm).
struct GeneratorOptions {
    float bodyToleranceMm = 1.3f;
    float bodyMaxEdgeMm = 90;
};

GeneratedCar generateCar(const core::Model& model, const GeneratorOptions& options = {});

// The wheel set node name generateCar() gives a wheel option.
std::string wheelSetNodeName(const std::string& optionId);

}  // namespace render
