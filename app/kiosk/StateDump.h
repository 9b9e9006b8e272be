#pragma once
// StateDump: the kiosk's state as JSON for scripted tests ({"dump": "FILE"}): the screen, the visit,
// what the store holds, the desk, the insight log, and this frame's targets and text checks. The
// field names are what tests read; keep them stable.
#include <string>

#include "KioskContext.h"
#include "Visit.h"
#include "core/session/KioskSettings.h"
#include "ui/Layout.h"
#include "ui/Screen.h"

namespace kiosk {

struct StateSources {
    const Visit& visit;
    const KioskContext& ctx;
    const ui::HitMap& hits;     // the last drawn frame's targets
    const ui::TextAudit& audit; // the last drawn frame's strings
    double clock = 0;
    double pixelsPerMm = 0;
};

// Writes the dump to `path` (2-space indented JSON).
void writeStateDump(const std::string& path, const StateSources& s);
// `--dump-layout`: where the model chooser puts its parts on a screen of this size.
void writeChooserLayout(const std::string& path, const core::Catalog& catalog, int width, int height);

}  // namespace kiosk
