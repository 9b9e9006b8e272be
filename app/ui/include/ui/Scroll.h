#pragma once
// Scroll: a list region the finger drags, with momentum after the finger lifts (the list glides
// and slows down), clamped at both ends, and a thin position bar. A drag beyond the touch slop is
// not a tap: rows check tapsAllowed() before acting. State lives in the screen's UI state; UI thread.
#include "ui/Screen.h"

namespace ui {

struct ScrollState {
    float offset = 0;       // pixels scrolled from the top
    float velocity = 0;     // pixels per second, positive = content moving up
    bool dragging = false;
    float lastY = 0;
    float moved = 0;        // pixels the current or last drag travelled
    double lastTime = -1;   // the view's clock at the previous frame
    void reset() { *this = ScrollState{}; }
};

class ScrollArea {
public:
    // Call before drawing the rows: handles this frame's drag and glide and clips drawing and
    // hit-testing to `viewport`. Rows are drawn at y - offset().
    ScrollArea(const ScreenView& view, ScrollState& state, const Rect& viewport, float contentHeight);
    // Restores the clip and draws the position bar when the content is taller than the viewport.
    ~ScrollArea();
    ScrollArea(const ScrollArea&) = delete;
    ScrollArea& operator=(const ScrollArea&) = delete;

    float offset() const { return m_state.offset; }
    // False while (or right after) the finger dragged the list: a lifted drag is not a tap.
    bool tapsAllowed() const;
    // Whether a row at [y, y+h) (content coordinates, before the offset) is at least partly visible.
    bool visible(float y, float h) const;

    static constexpr float kFrictionPerSecond = 3.5f;  // velocity decays as exp(-k t)
    static constexpr float kSlopPx = 12.0f;            // movement (at 1080p) that turns a touch into a drag
    static constexpr float kStopSpeedPx = 20.0f;       // px/s (at 1080p) below which a glide has stopped

private:
    const ScreenView& m_view;
    ScrollState& m_state;
    Rect m_viewport;
    float m_contentHeight;
};

}  // namespace ui
