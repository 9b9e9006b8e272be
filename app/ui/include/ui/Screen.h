#pragma once
// What every screen draws from, and what it can ask for. Screens keep no copy of the model:
// they draw from this view each frame and return intents the App applies.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Catalog.h"
#include "ui/FontSet.h"
#include "ui/Layout.h"
#include "ui/TextBox.h"
#include "ui/Theme.h"

namespace ui {

// Where each tappable thing was drawn this frame, by a stable name ("model:lark", "lang", ...):
// scripted sessions tap by name, tests check placement, the touch-size check measures them.
class HitMap {
public:
    void clear() { m_entries.clear(); }
    void add(std::string id, const Rect& r) { m_entries.emplace_back(std::move(id), r); }
    std::optional<Rect> find(const std::string& id) const {
        for (const auto& [name, r] : m_entries)
            if (name == id) return r;
        return std::nullopt;
    }
    const std::vector<std::pair<std::string, Rect>>& entries() const { return m_entries; }

private:
    std::vector<std::pair<std::string, Rect>> m_entries;
};

struct ScreenView {
    const core::Catalog& catalog;
    const std::string& language;
    const FontSet& fonts;
    const Palette& palette;
    float width = 1920;   // window size in pixels
    float height = 1080;
    float scale = 1;      // 1 at 1080p
    HitMap* hits = nullptr;  // screens record their tappable regions here
    double timeSeconds = 0;  // for animations; from the App's clock so scripted runs are repeatable
    TextAudit* audit = nullptr;  // every string is measured against its widget here
};

struct Intent {
    bool switchLanguage = false;
    std::optional<std::string> openModel;  // model id
    bool back = false;
    bool start = false;  // leave the attract screen
};

// Replaces "{name}" in a UI string with a value.
std::string fillTemplate(std::string text, const std::string& name, const std::string& value);

// Every customer-facing string of the catalog in every language, for building font glyph ranges.
std::string collectDisplayText(const core::Catalog& catalog);

}  // namespace ui
