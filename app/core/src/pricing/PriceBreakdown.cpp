#include "core/pricing/PriceBreakdown.h"

#include <algorithm>

namespace core::pricing {
namespace {

constexpr RoundingRule kToMinor{1, RoundingMode::HalfUp};

bool incentiveApplies(const PriceRuleVersion& v, const Model& model, const Trim& trim, std::int64_t listPriceMinor,
                      const PriceOptions& options) {
    switch (v.condition) {
        case Condition::Always: break;
        case Condition::TradeInScrappage:
            if (options.tradeIn != TradeIn::Scrappage) return false;
            break;
        case Condition::TradeInReplacement:
            if (options.tradeIn != TradeIn::Replacement) return false;
            break;
    }
    if (v.qualifiedOnly && !trim.purchaseTaxQualified) return false;
    if (!v.models.empty() && std::find(v.models.begin(), v.models.end(), model.id) == v.models.end()) return false;
    if (v.maxListPriceMinor >= 0 && listPriceMinor > v.maxListPriceMinor) return false;
    return true;
}

// A fixed amount, or a rate of `baseMinor` capped; never more than the base itself.
std::int64_t incentiveAmount(const PriceRuleVersion& v, std::int64_t baseMinor) {
    std::int64_t amount = v.rateBp > 0 ? applyBasisPoints(baseMinor, v.rateBp, v.rounding) : v.amountMinor;
    if (v.capMinor >= 0) amount = std::min(amount, v.capMinor);
    return std::clamp<std::int64_t>(amount, 0, std::max<std::int64_t>(baseMinor, 0));
}

std::string money(std::int64_t minor) {
    // Plain "12345.67" for the English detail strings (logs); the UI formats amounts itself.
    const bool neg = minor < 0;
    const std::uint64_t m = neg ? std::uint64_t(0) - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::string frac = std::to_string(m % 100);
    if (frac.size() < 2) frac.insert(frac.begin(), '0');
    return (neg ? "-" : "") + std::to_string(m / 100) + "." + frac;
}

class Builder {
public:
    Builder(PriceBreakdown& b) : m_b(b) {}

    PriceLine& add(LineKind kind, const Text* label, std::int64_t amount, const std::string& file, const std::string& id) {
        m_total = addMinor(m_total, amount);
        PriceLine& line = m_b.lines.emplace_back();
        line.kind = kind;
        line.label = label;
        line.amountMinor = amount;
        line.sourceFile = file;
        line.sourceId = id;
        return line;
    }
    // Tracks the earliest end of a dated rule used, so the quote is never valid past it.
    void used(const Period& p) { m_validUntil = std::min(m_validUntil, p.until); }
    std::int64_t total() const { return m_total; }
    Date validUntil() const { return m_validUntil; }

private:
    PriceBreakdown& m_b;
    std::int64_t m_total = 0;
    Date m_validUntil = Date::max();
};

}  // namespace

const char* lineKindName(LineKind kind) {
    switch (kind) {
        case LineKind::Base: return "base";
        case LineKind::Option: return "option";
        case LineKind::Package: return "package";
        case LineKind::Included: return "included";
        case LineKind::DealerDiscount: return "dealer_discount";
        case LineKind::BrandPromotion: return "brand_promotion";
        case LineKind::DeliveryFee: return "delivery_fee";
        case LineKind::PurchaseTax: return "purchase_tax";
        case LineKind::RegistrationFee: return "registration_fee";
        case LineKind::PlateFee: return "plate_fee";
        case LineKind::InsuranceEstimate: return "insurance_estimate";
        case LineKind::StateIncentive: return "state_incentive";
    }
    return "unknown";
}

Result<PriceBreakdown> priceConfiguration(const Catalog& catalog, const PricingContent& pricing, const Configuration& config,
                                          const PriceOptions& options) {
    std::string problems;
    for (const auto& v : checkConfiguration(catalog, config)) problems += (problems.empty() ? "" : "; ") + v.message;
    if (options.dealerDiscountMinor < 0)
        problems += (problems.empty() ? "" : "; ") + ("dealer discount " + std::to_string(options.dealerDiscountMinor) + " is negative");
    if (!problems.empty()) return fail(problems);
    const Model& model = *catalog.findModel(config.model);
    const Trim& trim = *model.findTrim(config.trim);

    try {
        PriceBreakdown b;
        b.currency = pricing.currency;
        b.date = options.date;
        b.lines.reserve(12 + config.options.size());
        Builder lines(b);

        // Vehicle: base, options, packages. A package's price replaces those of the options it
        // includes; an option brought by two packages (or also picked alone) is charged once, in a package.
        std::int64_t listPrice = 0;
        lines.add(LineKind::Base, &trim.name, pricing.trimPrice(trim), model.sourceFile, trim.id);
        listPrice = addMinor(listPrice, pricing.trimPrice(trim));
        for (const auto& id : config.options) {
            const Option& option = *model.findOption(id);
            const core::Rule* includedBy = nullptr;
            bool isPackage = option.category == "package";
            for (const auto& rule : model.rules) {
                if (rule.kind != core::RuleKind::Includes) continue;
                if (rule.subject == id) isPackage = true;
                if (!includedBy && config.has(rule.subject) &&
                    std::find(rule.targets.begin(), rule.targets.end(), id) != rule.targets.end())
                    includedBy = &rule;
            }
            if (includedBy) {
                PriceLine& l = lines.add(LineKind::Included, &option.name, 0, model.sourceFile, includedBy->id);
                l.detail = option.id + " included in " + includedBy->subject;
                continue;
            }
            const std::int64_t price = pricing.optionPrice(option);
            lines.add(isPackage ? LineKind::Package : LineKind::Option, &option.name, price, model.sourceFile, option.id);
            listPrice = addMinor(listPrice, price);
        }

        std::int64_t invoice = listPrice;
        const std::int64_t discount = roundMinor(options.dealerDiscountMinor, pricing.contract);
        if (discount > listPrice) return fail("dealer discount " + money(discount) + " is above the list price " + money(listPrice));
        if (discount > 0) {
            lines.add(LineKind::DealerDiscount, &pricing.label("dealer_discount"), -discount, "advisor", "dealer_discount");
            invoice -= discount;
        }

        // Brand promotions lower the invoice price (and so the taxes on it).
        for (const auto& rule : pricing.rules) {
            if (rule.kind != PriceRuleKind::Incentive) continue;
            const PriceRuleVersion* v = rule.at(options.date);
            if (!v || v->payer != Payer::Brand || !incentiveApplies(*v, model, trim, listPrice, options)) continue;
            const std::int64_t amount = incentiveAmount(*v, invoice);
            if (amount == 0) continue;
            lines.add(LineKind::BrandPromotion, &v->label, -amount, pricing.file, v->id);
            lines.used(v->period);
            invoice -= amount;
        }
        for (const auto& rule : pricing.rules) {
            if (rule.kind != PriceRuleKind::DeliveryFee) continue;
            if (const PriceRuleVersion* v = rule.at(options.date)) {
                lines.add(LineKind::DeliveryFee, &v->label, v->amountMinor, pricing.file, v->id);
                lines.used(v->period);
                if (v->inInvoice) invoice = addMinor(invoice, v->amountMinor);
            }
        }
        b.vehiclePriceMinor = invoice;
        b.vatIncludedMinor = mulDivRound(invoice, pricing.vatBp, 10'000 + pricing.vatBp, kToMinor);

        for (const auto& rule : pricing.rules) {
            const PriceRuleVersion* v = rule.at(options.date);
            if (!v) continue;
            switch (rule.kind) {
                case PriceRuleKind::PurchaseTax: {
                    // rate x (price incl. VAT) / (1 + VAT): one exact step, rounded once.
                    const std::int64_t tax = mulDivRound(invoice, v->rateBp, 10'000 + pricing.vatBp, v->rounding);
                    std::int64_t reduction = 0;
                    if (trim.purchaseTaxQualified && v->reductionShareBp > 0) {
                        reduction = applyBasisPoints(tax, v->reductionShareBp, v->rounding);
                        if (v->capMinor >= 0) reduction = std::min(reduction, v->capMinor);
                    }
                    PriceLine& l = lines.add(LineKind::PurchaseTax, &v->label, tax - reduction, pricing.file, v->id);
                    l.detail = "tax " + money(tax) + " on " + money(invoice) + " incl. VAT, reduction " + money(reduction) +
                               (trim.purchaseTaxQualified ? "" : " (trim not on the NEV catalogue)");
                    lines.used(v->period);
                    break;
                }
                case PriceRuleKind::RegistrationFee:
                    lines.add(LineKind::RegistrationFee, &v->label, v->amountMinor, pricing.file, v->id);
                    lines.used(v->period);
                    break;
                case PriceRuleKind::PlateFee:
                    lines.add(LineKind::PlateFee, &v->label, v->amountMinor, pricing.file, v->id);
                    lines.used(v->period);
                    break;
                case PriceRuleKind::InsuranceEstimate:
                    if (options.includeInsurance) {
                        const std::int64_t amount =
                            roundMinor(addMinor(v->amountMinor, applyBasisPoints(invoice, v->rateBp, kToMinor)), v->rounding);
                        lines.add(LineKind::InsuranceEstimate, &v->label, amount, pricing.file, v->id);
                        lines.used(v->period);
                    }
                    break;
                default: break;
            }
        }

        // State incentives come last and are shown as what they are, never as a brand discount.
        std::int64_t paidLater = 0;
        for (const auto& rule : pricing.rules) {
            if (rule.kind != PriceRuleKind::Incentive) continue;
            const PriceRuleVersion* v = rule.at(options.date);
            if (!v || v->payer != Payer::State || !incentiveApplies(*v, model, trim, listPrice, options)) continue;
            const std::int64_t amount = incentiveAmount(*v, invoice);
            if (amount == 0) continue;
            PriceLine& l = lines.add(LineKind::StateIncentive, &v->label, -amount, pricing.file, v->id);
            l.paidLater = v->paid == PaidWhen::AfterPurchase;
            if (l.paidLater) paidLater = addMinor(paidLater, amount);
            lines.used(v->period);
        }
        b.totalMinor = lines.total();
        b.dueAtPurchaseMinor = addMinor(b.totalMinor, paidLater);
        b.validUntil = std::min(options.date.plusDays(static_cast<std::int32_t>(pricing.quoteValidityDays)), lines.validUntil());
        return b;
    } catch (const MoneyError& e) {
        return fail(e.what());
    }
}

}  // namespace core::pricing
