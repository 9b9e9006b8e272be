#pragma once
// ModelDetailScreen: one model's trims with price, CLTC range, battery and power, and a way back.
#include "ui/Screen.h"

namespace ui {

class ModelDetailScreen {
public:
    Intent draw(const ScreenView& view, const core::Model& model) const;
};

}  // namespace ui
