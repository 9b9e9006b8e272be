#pragma once
// SummaryScreen: everything about the configured car on one screen: the price breakdown with where
// each line comes from, financing with live sliders, range in the customer's conditions and
// charging times, the cost against a petrol car, and the QR code that carries the configuration.
#include <optional>
#include <string>
#include <vector>

#include "core/pricing/Financing.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/pricing/Tco.h"
#include "core/range/Estimate.h"
#include "ui/Screen.h"
#include "ui/Scroll.h"

namespace ui {

struct FinanceChoice {
    const core::pricing::FinanceOffer* offer = nullptr;  // null: no offer runs today
    size_t offerIndex = 0;                                // which of the offers running today
    size_t offerCount = 0;                                // how many run today (the customer picks)
    int downPercent = 30;
    std::int64_t downMinor = 0;  // the down payment in money, as the quote takes it
    int termMonths = 36;
    std::optional<core::pricing::LoanQuote> quote;
    std::string error;
};

// One line of the price breakdown as the summary lists it: the kiosk resolves the words (label and
// where the figure comes from, in the visit's language); the screen lays the lines out.
struct PriceRow {
    std::string label;
    std::int64_t amountMinor = 0;
    bool paidLater = false;  // a subsidy paid after purchase: after the on-the-road price
    bool included = false;   // brought by a package: no charge of its own
    std::string source;      // a human source ("Qingyu price list, November 2026"), never a file or id
};

// What the summary drew of the price, for the state dump, the layout audit and the tests: each
// line with the amount as drawn and where it lies in the scrolling list (content coordinates).
struct ShownPriceRow {
    std::string label;
    std::string amountText;
    std::int64_t amountMinor = 0;
    bool paidLater = false;
    Rect box;                 // content coordinates: y from the top of the list, before scrolling
    bool reachable = false;   // the list scrolls far enough to show the whole line
};
struct ShownPrice {
    std::vector<ShownPriceRow> rows;
    std::string dueText;      // the on-the-road total as drawn
    std::string totalText;    // the total after subsidies paid later, as drawn ("" when the same)
    Rect viewport;            // the list's window on screen
    float contentHeight = 0;  // the rows' height
    float maxScroll = 0;      // the furthest the list scrolls: a row's top, so the last page shows whole rows
    float scrollOffset = 0;
};

struct SummaryView {
    const core::Model& model;
    const core::Configuration& configuration;
    const core::pricing::PriceBreakdown& price;
    const FinanceChoice& finance;
    const core::range::Estimate* typical = nullptr;  // 23 degC, mixed driving
    const core::range::Estimate* winter = nullptr;   // -7 degC with heating
    const core::range::Estimate* highway = nullptr;  // 120 km/h steady
    const core::range::Estimate* week = nullptr;     // the customer's daily distance
    int dailyKm = 50;
    const core::pricing::TcoResult* tco = nullptr;
    const std::string& code;                         // the configuration code
    int qrSize = 0;
    const std::vector<bool>* qr = nullptr;           // qrSize x qrSize modules, row by row
    bool hasKeptCar = false;                         // a different car was kept for comparison
    const std::vector<PriceRow>* rows = nullptr;     // every line of the breakdown, in order
    ScrollState* priceScroll = nullptr;              // the price list's scroll position
    ShownPrice* shown = nullptr;                     // filled with what was drawn (may be null)
    core::pricing::TradeIn tradeIn = core::pricing::TradeIn::None;  // the customer trades in a car
    bool tradeInOffered = false;                     // a trade-in subsidy runs today
    int detailsTab = 0;  // where financing and range share a card: 0 shows financing, 1 range
};

struct SummaryIntent {
    bool enlargeQr = false;  // the QR code tapped: show it large for a phone to scan
    std::optional<int> downPercent;
    std::optional<int> termMonths;
    std::optional<int> dailyKm;
    std::optional<size_t> offerIndex;                    // another finance offer
    std::optional<core::pricing::TradeIn> tradeIn;       // "I trade in a car": none, scrap it, sell it
    std::optional<int> detailsTab;                       // the financing or the range tab
};

// Where the parts go is chosen each frame from what each measures (src/SummaryScreen.cpp): three
// cards side by side in landscape when everything fits whole, else the price card and one card
// whose tabs show financing or range.
class SummaryScreen {
public:
    Intent draw(const ScreenView& view, const SummaryView& summary, SummaryIntent& changes) const;
    // The QR code large over the summary, for a phone held at arm's length; returns true when the
    // customer closes it (a tap anywhere).
    bool drawLargeQr(const ScreenView& view, const SummaryView& summary) const;
};

}  // namespace ui
