#pragma once
// Text drawn inside a box: every string the screens show goes through here, so each one is
// measured against the width its widget gives it. A string that does not fit is recorded in the
// TextAudit (tests fail on any) and drawn shrunk to fit, never clipped or spilling out.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ui/Layout.h"

struct ImFont;
struct ImDrawList;

namespace ui {

struct TextOverflow {
    std::string id;
    std::string text;
    float widthPx = 0;
    float availablePx = 0;
};

// One string as drawn: its id, its words and where its glyphs landed (after any shrinking).
struct DrawnText {
    std::string id;
    std::string text;
    Rect box;      // the widget's box (h 0: one line from y)
    Rect drawn;    // the glyphs' extent (within the clip rectangle)
    float cutPx = 0;  // of the line's height, what a clip rectangle (a scrolled list's edge) hid
};

class TextAudit {
public:
    void clear() {
        m_overflows.clear();
        m_texts.clear();
        m_drawn.clear();
        m_missingGlyphs.clear();
        m_checked = 0;
    }
    void record(const std::string& id, const std::string& text, float width, float available);
    // Every string drawn this frame with its place, for the layout audit (overlaps, ids on screen).
    void drawn(DrawnText text) { m_drawn.push_back(std::move(text)); }
    // A modal panel now covers everything drawn so far: those strings are no longer on show.
    void cover() { m_drawn.clear(); }
    const std::vector<TextOverflow>& overflows() const { return m_overflows; }
    const std::vector<DrawnText>& drawnTexts() const { return m_drawn; }
    int checked() const { return m_checked; }
    // Code points drawn this frame with a font that has no glyph for them (ImGui shows '?'): text
    // the content's glyph ranges did not foresee (a visitor's name from the store or the hub). The
    // App adds them to the font atlas before the next frame.
    void missingGlyph(unsigned codepoint) { m_missingGlyphs.insert(codepoint); }
    const std::set<unsigned>& missingGlyphs() const { return m_missingGlyphs; }
    // The text last drawn under each id this frame, for state dumps (what the customer sees).
    const std::map<std::string, std::string>& texts() const { return m_texts; }

private:
    std::vector<TextOverflow> m_overflows;
    std::map<std::string, std::string> m_texts;
    std::vector<DrawnText> m_drawn;
    std::set<unsigned> m_missingGlyphs;
    int m_checked = 0;
};

enum class Align { Left, Center, Right };

// Draws `text` on one line inside `box` (vertically centred when the box is taller than the line).
void drawTextIn(ImDrawList* draw, ImFont* font, const Rect& box, std::uint32_t color, const std::string& text,
                TextAudit* audit, const std::string& id, Align align = Align::Left);

float textWidth(ImFont* font, const std::string& text);

// Splits `text` into lines no wider than `width`: Latin text breaks at spaces (or hyphens), CJK text
// between any two characters, except before closing punctuation ("）", "，", "。") or after an
// opening bracket; CJK text that would leave one or two characters alone on its last line wraps
// earlier (the same number of lines, evened out). A single word wider than `width` stays whole
// (and is what an audit reports).
std::vector<std::string> wrapText(ImFont* font, const std::string& text, float width);

// Whether a line may not start with this code point (UTF-8): closing brackets and punctuation.
bool closesCjkPhrase(const std::string& codePoint);

// Draws `text` wrapped within box.w from box.y down; returns the height used.
float drawTextWrapped(ImDrawList* draw, ImFont* font, const Rect& box, std::uint32_t color, const std::string& text,
                      TextAudit* audit, const std::string& id);

}  // namespace ui
