#include "ui/Layout.h"

#include <algorithm>

namespace ui {

float pixelsPerMm(int widthPx, int widthMm) {
    // Monitors that report nothing (or nonsense, as Xvfb may) get the 32-inch 16:9 default.
    if (widthMm < 100 || widthPx <= 0) return 1920.0f / 708.0f;
    return static_cast<float>(widthPx) / static_cast<float>(widthMm);
}

float reachTop(float height, bool lowReach) { return lowReach ? height * 0.42f : 0.0f; }

ChooserLayout computeChooserLayout(float width, float height, int modelCount, bool lowReach) {
    ChooserLayout l;
    const float unit = std::min(width, height) / 1080.0f;  // 1 at 1080p, 2 at 4K
    const float margin = 64.0f * unit;
    const bool portrait = height > width;
    const float headerH = (portrait ? 300.0f : 230.0f) * unit;
    const float footerH = 110.0f * unit;  // two lines of the price note, beside the advisor button
    l.header = {margin, margin * 0.5f, width - 2 * margin, headerH};
    l.languageSwitch = {width - margin - 180.0f * unit, margin * 0.5f, 180.0f * unit, 96.0f * unit};
    if (lowReach) l.languageSwitch.y = reachTop(height, true);
    l.footer = {margin, height - footerH, width - 2 * margin, footerH - margin * 0.25f};
    const float top = std::max(l.header.y + headerH, lowReach ? l.languageSwitch.y + l.languageSwitch.h + 30.0f * unit : 0.0f);
    const float bottom = l.footer.y - margin * 0.5f;
    const float gap = 40.0f * unit;
    const int n = std::max(modelCount, 1);
    for (int i = 0; i < modelCount; ++i) {
        Rect card;
        if (portrait) {
            const float h = (bottom - top - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
            card = {margin, top + static_cast<float>(i) * (h + gap), width - 2 * margin, h};
        } else {
            const float w = (width - 2 * margin - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
            card = {margin + static_cast<float>(i) * (w + gap), top, w, bottom - top};
        }
        l.cards.push_back(card);
        // The name sits below the picture, which takes the upper part of a landscape card
        // and the left part of a portrait one.
        const float pad = 24.0f * unit;
        if (portrait) {
            l.cardNames.push_back({card.x + card.w * 0.4f, card.y + pad, card.w * 0.6f - pad, 72.0f * unit});
        } else {
            l.cardNames.push_back({card.x + pad, card.y + card.h * 0.5f, card.w - 2 * pad, 72.0f * unit});
        }
    }
    return l;
}

}  // namespace ui
