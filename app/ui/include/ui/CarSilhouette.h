#pragma once
// A flat side view of a car drawn with ImGui shapes, from the model's dimensions and body
// style: the card picture until the 3D renderer provides one.
#include <string>

#include "core/Catalog.h"
#include "ui/Layout.h"
#include "ui/Theme.h"

struct ImDrawList;

namespace ui {

void drawCarSilhouette(ImDrawList* draw, const Rect& area, const core::Model& model, std::uint32_t paint,
                       const Palette& palette);

// The colour to show a model in: the paint of its first demo car (the one a customer can drive
// today), else its first trim's default paint.
std::uint32_t showcasePaint(const core::Catalog& catalog, const core::Model& model, const Palette& palette);

}  // namespace ui
