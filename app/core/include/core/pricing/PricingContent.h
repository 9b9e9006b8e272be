#pragma once
// PricingContent: one market's price rules read from content (content/pricing/*.json): the
// price list (or the catalog's own prices), rounding rules, dated taxes, incentives and fees,
// financing offers and total-cost-of-ownership assumptions, each with its citation.
// Immutable after loading; shared read-only by every thread. Money in minor units, rates in bp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/ContentError.h"
#include "core/Money.h"
#include "core/Text.h"
#include "core/pricing/Date.h"

namespace core::pricing {

// Where a rule comes from, shown to the advisor: an official notice, a price list.
struct Citation {
    std::string id;
    Text title;
    std::string issuer;
    std::string issued;  // "2023-06-19"
    std::string url;
    std::string note;    // how the rule was read from the notice
};

enum class PriceRuleKind {
    DeliveryFee,        // a fixed fee; `inInvoice` puts it into the taxable vehicle price
    PurchaseTax,        // a tax on the VAT-exclusive vehicle price, with an optional NEV reduction
    Incentive,          // a state subsidy or a brand promotion, fixed or a rate with a cap
    RegistrationFee,    // fixed
    PlateFee,           // fixed
    InsuranceEstimate,  // base + rate of the vehicle price; only when asked for
};

enum class Payer { State, Brand };
enum class Condition { Always, TradeInScrappage, TradeInReplacement };
enum class PaidWhen { AtPurchase, AfterPurchase };

// One dated version of a rule. Fields not used by the rule's kind stay zero.
struct PriceRuleVersion {
    std::string id;          // unique in the file: the "source id" of the line it makes
    std::string path;        // JSON pointer in the file
    Text label;
    Period period;
    std::string citation;    // key into PricingContent::citations
    RoundingRule rounding;   // the named rounding rule of the market this version uses
    std::int64_t amountMinor = 0;   // fixed fees and fixed incentives
    std::int64_t rateBp = 0;        // purchase tax rate, incentive or insurance rate
    std::int64_t capMinor = -1;     // incentive cap, purchase-tax reduction cap; -1: none
    std::int64_t reductionShareBp = 0;  // purchase tax: share of the tax waived for qualifying NEVs
    std::int64_t maxListPriceMinor = -1;  // incentive: only when the list price (before discounts) is at most this; -1: any
    bool inInvoice = false;         // delivery fee is part of the invoice (taxable) price
    bool qualifiedOnly = false;     // incentive: only trims on the NEV catalogue
    Payer payer = Payer::State;
    Condition condition = Condition::Always;
    PaidWhen paid = PaidWhen::AtPurchase;
    std::vector<std::string> models;  // incentive: only these models; empty: all
};

// A rule with its versions over time; the versions' periods never overlap.
struct PriceRule {
    std::string id;
    PriceRuleKind kind = PriceRuleKind::DeliveryFee;
    std::vector<PriceRuleVersion> versions;
    const PriceRuleVersion* at(Date date) const;  // the version in force, or nullptr
};

enum class FinanceKind { Loan, Lease };

// A finance product the showroom offers, with its dated period and limits.
struct FinanceOffer {
    std::string id;
    std::string path;
    FinanceKind kind = FinanceKind::Loan;
    Text label;
    Period period;
    std::string citation;
    std::int64_t aprBp = 0;              // annual percentage rate in basis points (0 for 0 % offers)
    std::vector<int> termsMonths;        // allowed terms
    std::int64_t minDownBp = 0;          // minimum down payment, share of the cash price
    std::int64_t maxDownBp = 10'000;
    std::int64_t balloonBp = 0;          // loan: final payment; lease: residual value, share of the cash price
    RoundingRule rounding;               // payments and interest
};

// A comparable petrol car for the total cost of ownership.
struct PetrolCar {
    std::string id;
    std::string bodyStyle;               // matched to the model's body style
    Text label;
    std::int64_t onTheRoadPriceMinor = 0;
    std::int64_t litresPer100kmCenti = 0;  // 6.5 L/100 km -> 650
    std::int64_t maintenanceMinorPerYear = 0;
    std::int64_t insuranceMinorPerYear = 0;
};

struct TcoAssumptions {
    std::string path;
    int years = 5;
    std::int64_t kmPerYear = 15'000;
    std::int64_t homeChargingShareBp = 7'000;
    std::int64_t homeMinorPerKwh = 0;
    std::int64_t publicMinorPerKwh = 0;
    std::int64_t petrolMinorPerLitre = 0;
    std::int64_t evMaintenanceMinorPerYear = 0;
    std::int64_t evInsuranceMinorPerYear = 0;
    std::string citation;
    std::vector<PetrolCar> petrolCars;
};

struct PricingContent {
    std::string file;         // as opened, e.g. "content/pricing/cn.json"
    std::string market;       // must equal the catalog's market id
    CurrencyCode currency;
    int minorDigits = 2;
    std::int64_t vatBp = 0;   // VAT rate included in every list price (shown as "incl. VAT")
    std::map<std::string, RoundingRule> roundings;  // "contract", "tax", ...
    RoundingRule contract;    // dealer discount and list prices are multiples of it
    std::map<std::string, Citation> citations;
    // Market price list in minor units, by trim / option id; empty maps: the catalog's own prices.
    std::map<std::string, std::int64_t> trimPrices;
    std::map<std::string, std::int64_t> optionPrices;
    std::string priceListCitation;
    std::vector<PriceRule> rules;
    std::vector<FinanceOffer> offers;
    TcoAssumptions tco;
    std::int64_t quoteValidityDays = 14;
    // Customer-facing words of the quote ("dealer_discount", "total", "valid_until", ...), by key.
    std::map<std::string, Text> labels;

    std::int64_t trimPrice(const Trim& t) const;
    std::int64_t optionPrice(const Option& o) const;
    const FinanceOffer* findOffer(const std::string& id) const;
    const Citation* findCitation(const std::string& id) const;
    // The label for `key`; a missing key is a load error, so this never fails for loaded content.
    const Text& label(const std::string& key) const;
};

struct PricingLoadResult {
    std::optional<PricingContent> content;  // set only when errors is empty
    ContentErrors errors;
};

// Reads and validates a pricing file against the catalog it prices. Every problem is reported with
// file and JSON pointer: unknown currency, negative or overflowing amounts, overlapping periods of
// one rule, unknown citations, trims or options left without a price, configuration-code clashes.
PricingLoadResult loadPricing(const Catalog& catalog, const std::string& file);
// The file the catalog's content.json names under "modules": {"pricing": ...}.
PricingLoadResult loadPricing(const Catalog& catalog);

std::string priceRuleKindName(PriceRuleKind kind);

}  // namespace core::pricing
