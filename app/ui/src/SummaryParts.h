#pragma once
// The summary's parts, for SummaryScreen*.cpp only. Every part is laid out by one function that
// either measures (nothing drawn, no target recorded) or draws, so the screen decides where the
// parts go from what each needs before it draws any: nothing is placed over what another drew.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ui/SummaryScreen.h"
#include "ui/TextBox.h"

struct ImFont;

namespace ui::summary {

// `text` with no-break spaces: an amount wrapped text never splits.
std::string keepTogether(const std::string& text);
// Wrapped text's height as drawTextWrapped draws it.
float wrappedHeight(ImFont* font, const std::string& words, float width);

// A column being laid out from y down, `w` wide: measured (drawing false) or drawn.
struct Flow {
    const ScreenView& view;
    bool drawing;
    float x, y, w;

    // Text wrapped in the column's width from y down; moves y under it.
    void wrapped(ImFont* font, std::uint32_t colour, const std::string& words, const std::string& id);
    // One line in `box`; y stays.
    void line(ImFont* font, const Rect& box, std::uint32_t colour, const std::string& text, const std::string& id,
              Align align = Align::Left) const;
    // A figure right-aligned beside its label (the label wraps in the room the figure leaves).
    void row(const std::string& label, const std::string& value, const std::string& id);
    bool button(const std::string& id, const std::string& label, const Rect& r, bool accent) const;
    // A touch slider: the value follows the finger along the track.
    bool slider(const std::string& id, const Rect& r, int& value, int lo, int hi, int step) const;
};

// One group of a column that stays together (the down payment and its slider, the range rows).
using Block = std::function<void(Flow&)>;

// Financing: the offer, the down payment, the terms, the monthly payment, the loan's figures, and
// (when `tradeIn` and a trade-in subsidy runs) the trade-in control.
std::vector<Block> financeBlocks(const SummaryView& sv, SummaryIntent& changes, bool tradeIn);
// Range in the customer's conditions, charging, the week's charging and the cost against petrol.
std::vector<Block> rangeBlocks(const SummaryView& sv, SummaryIntent& changes);
// The trade-in control alone ("I trade in a car": none, scrapped, sold).
Block tradeInBlock(const SummaryView& sv, SummaryIntent& changes);
// The height of `blocks` one under the other in a column `w` wide.
float blocksHeight(const ScreenView& view, const std::vector<Block>& blocks, float w);
// Draws `blocks` one under the other from `at`'s top; returns the y under them.
float drawBlocks(const ScreenView& view, const std::vector<Block>& blocks, const Rect& at);

// Each block's height in a column `w` wide.
std::vector<float> blockHeights(const ScreenView& view, const std::vector<Block>& blocks, float w);
// Blocks of these heights flowed into side-by-side sub-columns `h` high: which block starts each
// sub-column. Empty when they need more sub-columns than `columns` (or one is taller than `h`).
std::vector<size_t> flowColumns(const std::vector<float>& heights, float h, size_t columns);

// The QR code: the configuration to take away. The full block has the words and the code in lines
// beside it; the compact one is the code alone with "tap to enlarge" under it.
float qrBlockHeight(const ScreenView& view, const SummaryView& sv, float width);
void drawQrBlock(const ScreenView& view, const SummaryView& sv, const Rect& area, SummaryIntent& changes);
float compactQrHeight(const ScreenView& view, const SummaryView& sv, float side);
// The code alone at (x, y), at most `side` wide in whole pixels per module; returns its side.
float drawQrSquare(const ScreenView& view, const SummaryView& sv, float x, float y, float side, SummaryIntent& changes);
void drawCompactQr(const ScreenView& view, const SummaryView& sv, const Rect& area, SummaryIntent& changes);

// What the price card holds besides its list and totals.
struct PriceCardParts {
    bool tradeIn = false;      // the trade-in control under the list
    float qrSide = 0;          // a compact QR code this wide left of the totals (0: none)
    bool fullQr = false;       // the full QR block under the list (and the trade-in)
    bool wide = false;         // the totals right of the list instead of under it (a wide, low card)
};
// How many of the price list's first lines show whole in the card's list window, and how many
// lines there are.
std::pair<size_t, size_t> priceLinesShown(const ScreenView& view, const SummaryView& sv, const Rect& card, const PriceCardParts& parts);
// The width the price card needs to show every line's label, source and amount on one line, and
// its totals (with the compact QR code) side by side.
float priceCardWidth(const ScreenView& view, const SummaryView& sv, const PriceCardParts& parts);
void drawPriceCard(const ScreenView& view, const SummaryView& sv, const Rect& card, const PriceCardParts& parts, SummaryIntent& changes);

}  // namespace ui::summary
