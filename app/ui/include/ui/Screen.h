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
#include "ui/Metrics.h"
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

// The customer's accessibility choices; they last for the visit and reset with it.
struct Accessibility {
    bool largeText = false;     // fonts a quarter larger
    bool highContrast = false;  // black on white, strong borders
    bool lowReach = false;      // every control in the lower part of the screen
    bool panelOpen = false;     // the accessibility panel is showing
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
    Accessibility access;
};

// What a screen's draw() works with, unpacked once from its view: the catalog, the language, the
// palette, the scale and the shared sizes, the window's draw list, and, called as a function, one
// line of text drawn through the view's text audit.
struct Pen {
    explicit Pen(const ScreenView& view, Align defaultAlign = Align::Left);
    const core::Catalog& c;
    const std::string& lang;
    const Palette& pal;
    float s;
    Metrics sizes;
    ImDrawList* draw;
    TextAudit* audit;
    Align align;

    void operator()(ImFont* font, const Rect& box, std::uint32_t color, const std::string& text, const std::string& id) const;
    void operator()(ImFont* font, const Rect& box, std::uint32_t color, const std::string& text, const std::string& id,
                    Align a) const;
};

struct Intent {
    bool switchLanguage = false;
    std::optional<std::string> openModel;  // model id
    bool back = false;
    bool start = false;  // leave the attract screen
    // Configurator
    std::optional<std::string> pick;        // an available option or trim tapped
    std::optional<std::string> unpick;      // a chosen package or accessory tapped again
    std::optional<std::string> explain;     // a greyed-out option tapped: show why, offer a repair
    std::optional<std::string> category;    // a category tab tapped
    bool applyRepair = false;
    bool dismissRepair = false;
    bool openSummary = false;
    bool openBooking = false;
    bool openAdvisor = false;
    bool openFitCheck = false;
    bool openGuide = false;   // the buying guide ("help me choose")
    bool openSurvey = false;  // book a home-charger site survey (from the fit check)
    bool compare = false;  // keep this car for comparison, or compare with the kept one
    std::optional<std::string> cameraPreset;  // a camera preset button
    float zoom = 0;                           // a zoom button: factor (< 1 closer)
    bool toggleAccessPanel = false;
    bool toggleLargeText = false;
    bool toggleHighContrast = false;
    bool toggleLowReach = false;
};

// Replaces "{name}" in a UI string with a value.
std::string fillTemplate(std::string text, const std::string& name, const std::string& value);

// Every customer-facing string of the catalog in every language, for building font glyph ranges.
std::string collectDisplayText(const core::Catalog& catalog);

}  // namespace ui
