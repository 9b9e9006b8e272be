#pragma once
// Metrics: the layout sizes every screen shares, part of the theme: window pixels at the view's
// scale (1 at 1080p, 2 on a 4K screen). A size that belongs to one widget only stays where it is
// drawn; a size two screens share belongs here.
namespace ui {

struct Metrics {
    float margin = 64;   // from the screen's edges to the content
    float gap = 24;      // between blocks on a form
    float gapWide = 32;  // between columns and cards
    float spacing = 12;  // between the buttons of one row (tabs, days, slots, keys)
    float barH = 96;     // the top bar, and a touch button
    float rowH = 84;     // a row of choices or a text field
    float backW = 260;   // the "back" button
    float topBarW = 180; // the accessibility and language buttons
};

// The metrics at `scale`.
inline Metrics metricsFor(float scale) {
    const Metrics at1080;
    return Metrics{at1080.margin * scale, at1080.gap * scale,  at1080.gapWide * scale, at1080.spacing * scale,
                   at1080.barH * scale,   at1080.rowH * scale, at1080.backW * scale,   at1080.topBarW * scale};
}

}  // namespace ui
