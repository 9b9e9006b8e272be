#pragma once
// LayoutAudit: what is wrong with one drawn frame, from what the screen recorded while drawing it
// (its tappable targets, every string with where its glyphs landed, the price list it showed):
// text clipped or shrunk out of its box, text cut by a scrolled list's edge, wrapped CJK text with a
// line starting with closing punctuation or one or two characters alone on its last line, targets that overlap or are covered by text, targets
// under the minimum touch size, off the screen or (in low reach) above the reach line, price lines the customer cannot reach, and
// strings on a customer screen that look like an internal id, a string key or a file path.
// Pure; any thread. `kiosk --audit` runs it over every screen, layout, language and mode.
#include <string>
#include <vector>

#include "ui/Screen.h"
#include "ui/SummaryScreen.h"

namespace ui {

struct AuditFinding {
    std::string kind;    // "clipped_text", "overlapping_targets", "text_over_target", "overlapping_text",
                         // "small_target", "off_screen_target", "out_of_reach_target", "unreachable_price_line",
                         // "id_like_text", "cut_text", "cjk_orphan"
    std::string id;      // the target or text id (two joined by " / " for an overlap)
    std::string detail;  // the text, the sizes
};

struct AuditFrame {
    float width = 0, height = 0;
    float pixelsPerMm = 0;
    float minTargetMm = 9;
    const HitMap* hits = nullptr;
    const TextAudit* texts = nullptr;
    const ShownPrice* price = nullptr;  // the summary's price list, when the summary was drawn
    size_t priceLines = 0;              // lines in the breakdown it shows
    bool customerScreen = true;         // ids and keys are only findings where customers look
    float reachTopPx = 0;               // low reach: no target may start above this line (0: no limit)
};

std::vector<AuditFinding> auditFrame(const AuditFrame& frame);

// A string a customer should never read: "models/heron.json", "heron-long-range", "summary.qr_tap",
// "dealer_discount". Dates, codes in capitals, prices and plain words pass.
bool looksLikeInternalId(const std::string& text);

}  // namespace ui
