#include "ShareQuote.h"

#include <algorithm>
#include <stdexcept>

#include "core/pricing/ConfigCode.h"
#include "core/pricing/PriceList.h"

namespace hub {
namespace {

// The kiosk's summary opens with a 30 % down payment over 36 months (ui::FinanceChoice), kept
// inside the offer's limits: the page shows the same default so the monthly figure matches.
constexpr int kKioskDownPercent = 30;
constexpr int kKioskTermMonths = 36;

std::string firstErrorOf(const core::ContentErrors& errors) {
    return errors.empty() ? std::string("invalid") : errors.front().toString();
}

std::optional<SharedFinance> defaultFinance(const core::pricing::PricingContent& pricing, core::pricing::Date date,
                                            std::int64_t cashMinor) {
    for (const auto& offer : pricing.offers) {
        if (!offer.period.contains(date) || offer.termsMonths.empty()) continue;
        SharedFinance f;
        f.offer = &offer;
        const auto& terms = offer.termsMonths;
        f.termMonths = std::find(terms.begin(), terms.end(), kKioskTermMonths) != terms.end() ? kKioskTermMonths : terms.back();
        const int downPercent = std::clamp(kKioskDownPercent, static_cast<int>((offer.minDownBp + 99) / 100),
                                           static_cast<int>(offer.maxDownBp / 100));
        f.downMinor = cashMinor / 100 * downPercent;
        auto quote = core::pricing::computeOffer(offer, date, cashMinor, f.downMinor, f.termMonths);
        if (!quote) return std::nullopt;
        f.quote = *quote;
        return f;
    }
    return std::nullopt;
}

// True when a brand promotion of `quoted` is missing from the same car priced today.
bool promotionEnded(const ShareContent& content, const SharedQuote& q) {
    core::pricing::PriceOptions now;
    now.date = q.today;
    const auto today = core::pricing::priceConfiguration(content.catalog(), content.pricing(), q.config, now);
    for (const auto& line : q.price.lines) {
        if (line.kind != core::pricing::LineKind::BrandPromotion) continue;
        if (!today) return true;
        const bool runs = std::any_of(today->lines.begin(), today->lines.end(),
                                      [&](const core::pricing::PriceLine& l) { return l.sourceId == line.sourceId; });
        if (!runs) return true;
    }
    return false;
}

}  // namespace

ShareContent::ShareContent(const core::Catalog& catalog) : m_catalog(catalog) {
    auto pricing = core::pricing::loadPricing(m_catalog);
    if (!pricing.content) throw std::runtime_error("pricing content: " + firstErrorOf(pricing.errors));
    auto range = core::range::loadRangeData(m_catalog);
    if (!range.data) throw std::runtime_error("range content: " + firstErrorOf(range.errors));
    m_pricing = std::move(*pricing.content);
    m_range = std::move(*range.data);
    core::pricing::applyPriceList(m_pricing, m_catalog);  // the market's prices, as on every kiosk screen
}

core::Result<SharedQuote> quoteOf(const ShareContent& content, const std::string& code, core::pricing::Date quoted,
                                  core::pricing::Date today) {
    const core::Catalog& catalog = content.catalog();
    auto restored = core::pricing::restoreConfiguration(catalog, code);
    if (!restored) return core::fail(restored.error());
    SharedQuote q;
    q.config = restored->config;
    q.today = today;
    q.model = catalog.findModel(q.config.model);
    q.trim = q.model ? q.model->findTrim(q.config.trim) : nullptr;
    if (!q.model || !q.trim) return core::fail("the code names no car of this content");
    core::pricing::PriceOptions options;
    options.date = std::min(quoted, today);
    auto price = core::pricing::priceConfiguration(catalog, content.pricing(), q.config, options);
    if (!price) return core::fail(price.error());
    q.price = std::move(*price);
    q.code = core::pricing::encodeConfiguration(catalog, q.config, q.price.vehiclePriceMinor);
    q.expired = today > q.price.validUntil;
    q.offerEnded = promotionEnded(content, q);
    q.finance = defaultFinance(content.pricing(), q.price.date, q.price.vehiclePriceMinor);
    auto scenario = [&](core::range::Conditions c) -> std::optional<core::range::Estimate> {
        auto r = core::range::estimate(content.range(), catalog, q.config, c);
        return r ? std::optional<core::range::Estimate>(std::move(*r)) : std::nullopt;
    };
    q.typical = scenario({});
    q.winter = scenario(core::range::winterConditions());
    q.highway = scenario(core::range::highwayConditions());
    for (const auto& id : q.config.options)
        if (const core::Option* o = q.model->findOption(id); o && o->paint) q.paintSrgb = o->paint->baseColorSrgb;
    return q;
}

}  // namespace hub
