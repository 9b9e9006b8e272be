#pragma once
// The price of one configuration on one date: every line with where it comes from, and totals.
// Pure functions of their arguments (the date too); safe on any thread; fast enough for every frame.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/Result.h"
#include "core/pricing/PricingContent.h"

namespace core::pricing {

enum class LineKind {
    Base,              // the trim's list price
    Option,            // an option charged on its own
    Package,           // a package: its price replaces the prices of the options it includes
    Included,          // an option brought by a package: 0, shown so the advisor can say why
    DealerDiscount,    // the advisor's discount (negative)
    BrandPromotion,    // a discount paid by the brand (negative)
    DeliveryFee,
    PurchaseTax,
    RegistrationFee,
    PlateFee,
    InsuranceEstimate,
    StateIncentive,    // a government subsidy, never shown as a discount (negative)
};

// JSON / CLI name: "base", "option", "package", "included", "dealer_discount", "brand_promotion",
// "delivery_fee", "purchase_tax", "registration_fee", "plate_fee", "insurance_estimate", "state_incentive".
const char* lineKindName(LineKind kind);

enum class TradeIn { None, Scrappage, Replacement };

// What the advisor states about this sale; the date decides which rules are in force.
struct PriceOptions {
    Date date;
    TradeIn tradeIn = TradeIn::None;       // confirmed eligibility for the trade-in subsidy
    std::int64_t dealerDiscountMinor = 0;  // >= 0; rounded by the market's contract rule
    bool includeInsurance = false;         // add the first-year insurance estimate
};

// One line. `label` points into the catalog or pricing content: both must outlive the breakdown.
// `detail` is a short explanation in English for logs (e.g. "10% of 339,000.00 / 1.13, halved, cap 15,000").
struct PriceLine {
    LineKind kind = LineKind::Base;
    const Text* label = nullptr;
    std::int64_t amountMinor = 0;
    std::string sourceFile;   // content file the figure comes from
    std::string sourceId;     // id inside it (trim, option, rule version)
    std::string detail;
    bool paidLater = false;   // a subsidy paid to the customer after purchase
};

struct PriceBreakdown {
    CurrencyCode currency;
    Date date;
    std::vector<PriceLine> lines;
    std::int64_t vehiclePriceMinor = 0;  // invoice price of the car incl. VAT, after discounts
    std::int64_t vatIncludedMinor = 0;   // the VAT inside vehiclePriceMinor
    std::int64_t dueAtPurchaseMinor = 0; // what the customer pays on the road, before subsidies paid later
    std::int64_t totalMinor = 0;         // sum of every line: the customer's cost after every incentive
    Date validUntil;                     // date + the market's quote validity
};

// Prices a complete configuration; refuses invalid ones (checkConfiguration) with the reasons,
// joined by "; ".
Result<PriceBreakdown> priceConfiguration(const Catalog& catalog, const PricingContent& pricing, const Configuration& config,
                               const PriceOptions& options);

}  // namespace core::pricing
