#pragma once
// What every screen draws from, and what it can ask for. Screens keep no copy of the model:
// they draw from this view each frame and return intents the App applies.
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "ui/FontSet.h"
#include "ui/Theme.h"

namespace ui {

struct ScreenView {
    const core::Catalog& catalog;
    const std::string& language;
    const FontSet& fonts;
    const Palette& palette;
    float width = 1920;   // window size in pixels
    float height = 1080;
    float scale = 1;      // 1 at 1080p
};

struct Intent {
    bool switchLanguage = false;
    std::optional<std::string> openModel;  // model id
    bool back = false;
};

// Replaces "{name}" in a UI string with a value.
std::string fillTemplate(std::string text, const std::string& name, const std::string& value);

// Every customer-facing string of the catalog in every language, for building font glyph ranges.
std::string collectDisplayText(const core::Catalog& catalog);

}  // namespace ui
