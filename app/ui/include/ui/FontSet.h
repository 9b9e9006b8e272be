#pragma once
// FontSet: the kiosk's fonts, built into the current ImGui context's atlas with glyphs for the
// text the app actually shows (Chinese glyph ranges are built from the content's strings, not
// the whole CJK block). Owned by the App; used on the UI thread only.
#include <string>
#include <vector>

struct ImFont;

namespace ui {

struct FontSet {
    ImFont* body = nullptr;    // running text
    ImFont* small = nullptr;   // notes and sources
    ImFont* large = nullptr;   // card names, prices
    ImFont* title = nullptr;   // screen titles
    std::string warning;       // set when the CJK font was not found and a fallback is used

    // `text` holds every string that can appear; `scale` is 1 at 1080p. `fileCache`, when given,
    // keeps the font file's bytes between builds (the CJK collection is tens of megabytes, read
    // four times a build otherwise); it must outlive the atlas built from it.
    static FontSet build(const std::string& fontPath, int fontIndex, const std::string& text, float scale,
                         std::vector<unsigned char>* fileCache = nullptr);
    // Code points of `text` the fonts cannot draw (they would show as '?').
    std::vector<unsigned> missingGlyphs(const std::string& text) const;
};

// The Noto Sans CJK file from fonts-noto-cjk and its Simplified Chinese face index.
std::string defaultCjkFontPath();
constexpr int kNotoSansCjkScIndex = 2;

}  // namespace ui
