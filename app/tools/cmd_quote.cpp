// kioskctl quote CODE: the price breakdown of a configuration code, as a table, JSON or a PDF quote.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "JsonText.h"
#include "PricingCli.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Financing.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/pricing/Tco.h"
#include "core/range/Estimate.h"
#include "document/PriceSource.h"
#include "document/Quote.h"

namespace tools {
namespace {

using core::pricing::LineKind;
using Json = nlohmann::json;


std::optional<std::int64_t> integerOption(const Args& args, const std::string& name, std::int64_t fallback) {
    const std::string v = optionValue(args, name);
    if (v.empty()) return fallback;
    try {
        size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used == v.size()) return n;
    } catch (const std::exception&) {
    }
    std::fprintf(stderr, "%s \"%s\" is not an integer\n", name.c_str(), v.c_str());
    return std::nullopt;
}

Json linesJson(const core::Catalog& catalog, const core::pricing::PricingContent& pricing,
               const core::pricing::PriceBreakdown& b, const std::string& lang) {
    Json lines = Json::array();
    for (const auto& l : b.lines)
        lines.push_back({{"kind", core::pricing::lineKindName(l.kind)},
                         {"label", l.label->get(lang)},
                         {"labels", textJson(*l.label)},
                         {"amount_minor", l.amountMinor},
                         {"source", l.sourceFile + "#" + l.sourceId},
                         {"source_file", l.sourceFile},
                         {"source_id", l.sourceId},
                         {"source_text", document::priceLineSource(catalog, pricing, l, lang)},
                         {"paid_later", l.paidLater},
                         {"detail", l.detail}});
    return lines;
}

Json financeJson(const document::FinanceSummary& f, const std::string& offerId) {
    return {{"offer", offerId}, {"cash_price_minor", f.cashPriceMinor},
            {"down_payment_minor", f.downPaymentMinor}, {"term_months", f.termMonths},
            {"apr_bp", f.aprBp}, {"monthly_payment_minor", f.quote.monthlyPaymentMinor},
            {"last_payment_minor", f.quote.lastPaymentMinor},
            {"final_payment_minor", f.quote.balloonMinor},
            {"total_interest_minor", f.quote.totalInterestMinor},
            {"total_cost_minor", f.quote.totalCostMinor}};
}

Json tcoJson(const core::pricing::TcoResult& t) {
    return {{"years", t.years}, {"km_per_year", t.kmPerYear}, {"ev_wh_per_km", t.evWhPerKm},
            {"consumption_source", t.consumptionSource}, {"home_charging_share_bp", t.homeChargingShareBp},
            {"home_minor_per_kwh", t.homeMinorPerKwh}, {"public_minor_per_kwh", t.publicMinorPerKwh},
            {"petrol_minor_per_litre", t.petrolMinorPerLitre}, {"petrol_car", t.petrol->id},
            {"ev_total_minor", t.ev.totalMinor}, {"ev_energy_minor", t.ev.energyMinor},
            {"petrol_total_minor", t.petrolSide.totalMinor}, {"petrol_energy_minor", t.petrolSide.energyMinor},
            {"difference_minor", t.differenceMinor}};
}

// The build's one official range figure, as every kiosk screen shows it. Content without a range
// module has none (nullopt, no error); a range module that cannot give one is an error (false).
bool officialRangeOf(const core::Catalog& catalog, const core::Configuration& config,
                     std::optional<core::range::OfficialFigure>& out) {
    if (!catalog.moduleFiles.count("range")) return true;
    const core::range::RangeLoadResult data = core::range::loadRangeData(catalog);
    if (!data.data) {
        for (const auto& e : data.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return false;
    }
    const auto figure = core::range::officialRange(*data.data, catalog, config);
    if (!figure) {
        std::fprintf(stderr, "kioskctl quote: %s\n", figure.error().c_str());
        return false;
    }
    out = *figure;
    return true;
}

Json officialRangeJson(const core::range::OfficialFigure& f) {
    return {{"cycle", f.cycle}, {"regime", f.regime}, {"range_km", f.rangeKm}, {"kwh_per_100km", f.kwhPer100km},
            {"published", f.published}};
}

// What changed since the code was made, on stderr (the quote itself goes to stdout).
void printRestoreNotes(const core::Catalog& catalog, const core::pricing::RestoredCode& restored,
                       const core::pricing::PriceBreakdown& b) {
    for (const auto& change : restored.changes) std::fprintf(stderr, "note: %s\n", change.c_str());
    if (!restored.sameContentVersion)
        std::fprintf(stderr, "note: code made with content %s, now %s\n", restored.codeContentVersion.c_str(),
                     catalog.contentVersion.c_str());
    if (restored.codedVehiclePriceMajor >= 0 && restored.codedVehiclePriceMajor * 100 != b.vehiclePriceMinor / 100 * 100)
        std::fprintf(stderr, "note: the car's price was %lld when the code was made, is %s now\n",
                     static_cast<long long>(restored.codedVehiclePriceMajor),
                     core::formatMoney(b.vehiclePriceMinor, catalog.market.currency, "en").c_str());
}

// The quote as a table on stdout.
void printQuote(const core::Catalog& catalog, const core::Configuration& config, const core::pricing::PriceBreakdown& b,
                const std::string& code, const std::string& lang, const std::optional<document::FinanceSummary>& finance,
                const std::string& offerId, const std::optional<core::pricing::TcoResult>& tco) {
    const auto& fmt = catalog.market.currency;
    std::printf("%s %s  (%s, valid until %s, code %s)\n", config.model.c_str(), config.trim.c_str(),
                b.date.str().c_str(), b.validUntil.str().c_str(), code.c_str());
    for (const auto& l : b.lines)
        std::printf("  %-18s %-58s %18s  %s#%s\n", core::pricing::lineKindName(l.kind), l.label->get(lang).c_str(),
                    core::formatMoney(l.amountMinor, fmt, lang).c_str(), l.sourceFile.c_str(), l.sourceId.c_str());
    std::printf("  vehicle price %s (VAT %s); due at purchase %s; total %s\n",
                core::formatMoney(b.vehiclePriceMinor, fmt, lang).c_str(), core::formatMoney(b.vatIncludedMinor, fmt, lang).c_str(),
                core::formatMoney(b.dueAtPurchaseMinor, fmt, lang).c_str(), core::formatMoney(b.totalMinor, fmt, lang).c_str());
    if (finance)
        std::printf("  finance %s: %d x %s, last %s, final %s, interest %s, total cost %s\n", offerId.c_str(),
                    finance->termMonths, core::formatMoney(finance->quote.monthlyPaymentMinor, fmt, lang).c_str(),
                    core::formatMoney(finance->quote.lastPaymentMinor, fmt, lang).c_str(),
                    core::formatMoney(finance->quote.balloonMinor, fmt, lang).c_str(),
                    core::formatMoney(finance->quote.totalInterestMinor, fmt, lang).c_str(),
                    core::formatMoney(finance->quote.totalCostMinor, fmt, lang).c_str());
    if (tco)
        std::printf("  %d-year cost: EV %s vs %s %s (%s, %lld Wh/km)\n", tco->years,
                    core::formatMoney(tco->ev.totalMinor, fmt, lang).c_str(), tco->petrol->id.c_str(),
                    core::formatMoney(tco->petrolSide.totalMinor, fmt, lang).c_str(), tco->consumptionSource.c_str(),
                    static_cast<long long>(tco->evWhPerKm));
}

// --finance OFFER [--down MINOR] [--term MONTHS]: the loan of the quote. 0, or the exit code.
int financeOf(const Args& args, const core::pricing::PricingContent& pricing, const core::pricing::PriceBreakdown& b,
              core::pricing::Date date, std::optional<document::FinanceSummary>& out) {
    const std::string offerId = optionValue(args, "--finance");
    if (offerId.empty()) return 0;
    const auto* offer = pricing.findOffer(offerId);
    if (!offer) {
        std::fprintf(stderr, "kioskctl quote: unknown finance offer \"%s\"\n", offerId.c_str());
        return 1;
    }
    // Default: the offer's minimum down payment, rounded up to the contract unit.
    const auto down = integerOption(args, "--down", core::mulDivRound(b.vehiclePriceMinor, offer->minDownBp, 10'000,
                                                                       {pricing.contract.incrementMinor, core::RoundingMode::Up}));
    const auto term = integerOption(args, "--term", offer->termsMonths.back());
    if (!down || !term) return 2;
    const auto loan = core::pricing::computeOffer(*offer, date, b.vehiclePriceMinor, *down, static_cast<int>(*term));
    if (!loan) {
        std::fprintf(stderr, "kioskctl quote: %s\n", loan.error().c_str());
        return 1;
    }
    out = document::FinanceSummary{&offer->label, b.vehiclePriceMinor, *down, static_cast<int>(*term), offer->aprBp, *loan};
    return 0;
}

// --pdf FILE and --png FILE: the take-away quote. 0, or the exit code.
int writeDocuments(const Args& args, const document::QuoteInput& doc) {
    if (const std::string pdf = optionValue(args, "--pdf"); !pdf.empty()) {
        if (const std::string err = document::writeQuotePdf(doc, pdf); !err.empty()) {
            std::fprintf(stderr, "kioskctl quote: %s\n", err.c_str());
            return 1;
        }
        if (!hasFlag(args, "--json")) std::printf("wrote %s\n", pdf.c_str());
    }
    if (const std::string png = optionValue(args, "--png"); !png.empty()) {
        if (const std::string err = document::writeQuotePng(doc, png); !err.empty()) {
            std::fprintf(stderr, "kioskctl quote: %s\n", err.c_str());
            return 1;
        }
        if (!hasFlag(args, "--json")) std::printf("wrote %s\n", png.c_str());
    }
    return 0;
}

}  // namespace

int cmdQuote(const Args& args) {
    if (args.empty() || args[0].rfind("--", 0) == 0) {
        std::fprintf(stderr,
                     "usage: kioskctl quote CODE [--json] [--pdf FILE] [--png FILE] [--image CAR.png] [--date YYYY-MM-DD]\n"
                     "         [--trade-in none|scrappage|replacement] [--discount MINOR] [--insurance]\n"
                     "         [--finance OFFER --down MINOR --term MONTHS] [--tco] [--lang LANG] [--content DIR] [--market ID]\n");
        return 2;
    }
    auto content = loadPricedContent(args);
    if (!content) return 1;
    const core::Catalog& catalog = content->catalog;
    const core::pricing::PricingContent& pricing = content->pricing;
    const auto date = dateOption(args, content->catalog.market.timeZone);
    if (!date) return 2;

    const auto restoredCode = core::pricing::restoreConfiguration(catalog, args[0]);
    if (!restoredCode) {
        std::fprintf(stderr, "kioskctl quote: %s\n", restoredCode.error().c_str());
        return 1;
    }
    const auto& restored = *restoredCode;
    core::pricing::PriceOptions options;
    options.date = *date;
    const std::string tradeIn = optionValue(args, "--trade-in", "none");
    if (tradeIn == "scrappage") options.tradeIn = core::pricing::TradeIn::Scrappage;
    else if (tradeIn == "replacement") options.tradeIn = core::pricing::TradeIn::Replacement;
    else if (tradeIn != "none") {
        std::fprintf(stderr, "--trade-in \"%s\" must be none, scrappage or replacement\n", tradeIn.c_str());
        return 2;
    }
    const auto discount = integerOption(args, "--discount", 0);
    if (!discount) return 2;
    options.dealerDiscountMinor = *discount;
    options.includeInsurance = hasFlag(args, "--insurance");
    const auto priced = core::pricing::priceConfiguration(catalog, pricing, restored.config, options);
    if (!priced) {
        std::fprintf(stderr, "kioskctl quote: %s\n", priced.error().c_str());
        return 1;
    }
    const auto& b = *priced;
    const std::string code = core::pricing::encodeConfiguration(catalog, restored.config, b.vehiclePriceMinor);

    std::optional<document::FinanceSummary> finance;
    if (const int failed = financeOf(args, pricing, b, *date, finance)) return failed;
    std::optional<core::range::OfficialFigure> official;
    if (!officialRangeOf(catalog, restored.config, official)) return 1;
    std::optional<core::pricing::OfficialConsumption> consumption;
    if (official) consumption = core::pricing::OfficialConsumption{official->kwhPer100km, official->cycle};
    std::optional<core::pricing::TcoResult> tco;
    if (hasFlag(args, "--tco") || !optionValue(args, "--pdf").empty() || !optionValue(args, "--png").empty())
        tco = core::pricing::totalCostOfOwnership(catalog, pricing, restored.config, b, 0, 0, consumption);

    const std::string lang = optionValue(args, "--lang", catalog.defaultLanguage());
    const std::string currency = b.currency.str();
    printRestoreNotes(catalog, restored, b);

    if (hasFlag(args, "--json")) {
        Json j;
        j["currency"] = currency;
        j["content_version"] = catalog.contentVersion;
        j["code"] = code;
        j["date"] = b.date.str();
        j["valid_until"] = b.validUntil.str();
        j["configuration"] = {{"model", restored.config.model}, {"trim", restored.config.trim},
                              {"options", Json(restored.config.options)}};
        j["restore"] = {{"exact", restored.exact}, {"same_content_version", restored.sameContentVersion},
                        {"code_content_version", restored.codeContentVersion}, {"changes", restored.changes}};
        j["lines"] = linesJson(catalog, pricing, b, lang);
        j["vehicle_price_minor"] = b.vehiclePriceMinor;
        j["vat_included_minor"] = b.vatIncludedMinor;
        j["due_at_purchase_minor"] = b.dueAtPurchaseMinor;
        j["total_minor"] = b.totalMinor;
        if (finance) j["finance"] = financeJson(*finance, optionValue(args, "--finance"));
        if (tco) j["tco"] = tcoJson(*tco);
        if (official) j["official_range"] = officialRangeJson(*official);
        std::cout << j.dump(2) << "\n";
    } else if (optionValue(args, "--pdf").empty() && optionValue(args, "--png").empty()) {
        printQuote(catalog, restored.config, b, code, lang, finance, optionValue(args, "--finance"), tco);
        if (official)
            std::printf("  official range %.0f km (%s, %s)\n", official->rangeKm, official->cycle.c_str(),
                        official->published ? "published" : "model");
    }
    document::QuoteInput doc;
    doc.catalog = &catalog;
    doc.pricing = &pricing;
    doc.config = restored.config;
    doc.price = b;
    doc.finance = finance;
    doc.tco = tco;
    doc.officialRange = official;
    doc.code = code;
    doc.language = lang;
    doc.carImagePng = optionValue(args, "--image");
    return writeDocuments(args, doc);
}

}  // namespace tools
