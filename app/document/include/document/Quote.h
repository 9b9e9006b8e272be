#pragma once
// The take-away quote: one A4 page with the car's picture, configuration, price breakdown,
// financing, range, cost of ownership, validity, showroom details and the configuration code as a
// QR code. Drawn with cairo to PDF (for the customer) or PNG (for checks). Text in one language
// (zh-CN renders with Noto Sans CJK through fontconfig). Pure function of its inputs; any thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/Result.h"
#include "core/pricing/Financing.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/pricing/Tco.h"
#include "core/range/Estimate.h"

namespace document {

struct FinanceSummary {
    const core::Text* label = nullptr;  // the offer's label (points into pricing content)
    std::int64_t cashPriceMinor = 0;
    std::int64_t downPaymentMinor = 0;
    int termMonths = 0;
    std::int64_t aprBp = 0;
    core::pricing::LoanQuote quote;
};

// Everything one quote shows. Pointers refer to content that outlives the call.
struct QuoteInput {
    const core::Catalog* catalog = nullptr;
    const core::pricing::PricingContent* pricing = nullptr;
    core::Configuration config;
    core::pricing::PriceBreakdown price;
    std::optional<FinanceSummary> finance;
    std::optional<core::pricing::TcoResult> tco;
    // The build's one official range figure (core::range::officialRange), as every screen shows it.
    std::optional<core::range::OfficialFigure> officialRange;
    std::string code;          // the configuration code, printed and encoded in the QR code
    std::string language;      // one of the market's languages; empty: the market's default
    std::string carImagePng;   // optional picture of the car; a drawn placeholder when empty
};

// What the page drew, for checks that add up the printed amounts: every money row with its words
// as printed and its baseline (points from the top), and the footer's notes.
struct QuoteRow {
    std::string section;  // "line" (a breakdown line), "line_later" (a subsidy paid later), "vehicle",
                          // "vat", "due", "total", "finance", "tco"
    std::string label;
    std::string amount;   // as printed
    double y = 0;
};
struct QuoteDrawn {
    std::vector<QuoteRow> rows;
    std::vector<std::string> notes;  // the small print: cost-of-ownership basis, sources
    double footerTop = 0;            // rows must end above it
    std::vector<std::string> texts;  // every line of text, in drawing order (what a reader sees)
};

// Writes the quote as a one-page PDF. Returns an error message, or "" on success. `drawn`, when
// given, receives what the page shows.
std::string writeQuotePdf(const QuoteInput& input, const std::string& path, QuoteDrawn* drawn = nullptr);
// Every line of text the page draws, in drawing order (what a reader of the PDF sees), or the error.
core::Result<std::vector<std::string>> quoteText(const QuoteInput& input);
// The same page as a PNG at `pixelsPerPoint` (1 = 595 x 842 px), for tests and previews.
std::string writeQuotePng(const QuoteInput& input, const std::string& path, double pixelsPerPoint = 1.5,
                          QuoteDrawn* drawn = nullptr);

// A QR code's modules, row-major, true = dark. size x size, without the quiet zone.
struct QrMatrix {
    int size = 0;
    std::vector<bool> dark;
    bool at(int x, int y) const { return dark[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)]; }
};
// Encodes text at error-correction level M; nullopt when libqrencode refuses it.
std::optional<QrMatrix> encodeQr(const std::string& text);

// Where the page draws the QR code (points, top-left origin) and its module size, for tests.
struct QrPlacement {
    double x = 0, y = 0, moduleSize = 0;
};
QrPlacement qrPlacement(const QrMatrix& qr);

}  // namespace document
