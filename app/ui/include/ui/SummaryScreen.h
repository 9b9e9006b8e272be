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

namespace ui {

struct FinanceChoice {
    const core::pricing::FinanceOffer* offer = nullptr;  // null: no offer runs today
    int downPercent = 30;
    int termMonths = 36;
    std::optional<core::pricing::LoanQuote> quote;
    std::string error;
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
};

struct SummaryIntent {
    bool enlargeQr = false;  // the QR code tapped: show it large for a phone to scan
    std::optional<int> downPercent;
    std::optional<int> termMonths;
    std::optional<int> dailyKm;
};

class SummaryScreen {
public:
    Intent draw(const ScreenView& view, const SummaryView& summary, SummaryIntent& changes) const;
    // The QR code large over the summary, for a phone held at arm's length; returns true when the
    // customer closes it (a tap anywhere).
    bool drawLargeQr(const ScreenView& view, const SummaryView& summary) const;
};

}  // namespace ui
