#pragma once
// ShareQuote: what the phone page of a share link shows about one configuration code, computed
// with the kiosk's own core code (restore, pricing, finance, range) over the hub's content.
// ShareContent owns the content the figures point into (catalog with the market's price list,
// pricing, range); immutable after construction, any thread. quoteOf() is a pure function.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/pricing/Date.h"
#include "core/pricing/Financing.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/pricing/PricingContent.h"
#include "core/range/Estimate.h"
#include "core/range/RangeData.h"

namespace hub {

class ShareContent {
public:
    // Throws std::runtime_error naming the content file when pricing or range content is invalid.
    explicit ShareContent(const core::Catalog& catalog);
    ShareContent(const ShareContent&) = delete;
    ShareContent& operator=(const ShareContent&) = delete;
    const core::Catalog& catalog() const { return m_catalog; }
    const core::pricing::PricingContent& pricing() const { return m_pricing; }
    const core::range::RangeData& range() const { return m_range; }

private:
    core::Catalog m_catalog;  // with the market's price list applied, as the kiosk shows it
    core::pricing::PricingContent m_pricing;
    core::range::RangeData m_range;
};

// The default finance offer as the kiosk's summary first shows it.
struct SharedFinance {
    const core::pricing::FinanceOffer* offer = nullptr;
    std::int64_t downMinor = 0;
    int termMonths = 0;
    core::pricing::LoanQuote quote;
};

struct SharedQuote {
    std::string code;  // the code as the kiosk and kioskctl print it for this car
    core::Configuration config;
    const core::Model* model = nullptr;
    const core::Trim* trim = nullptr;
    core::pricing::PriceBreakdown price;  // on the day quoted
    core::pricing::Date today;
    bool expired = false;     // today is after the quote's validity date
    bool offerEnded = false;  // a promotion of the quote no longer runs today
    std::optional<SharedFinance> finance;
    std::optional<core::range::Estimate> typical, winter, highway;
    std::array<float, 3> paintSrgb{0.6f, 0.6f, 0.6f};
};

// The page's figures of `code` quoted on `quoted` (clamped to `today`: a link cannot quote the
// future); an error (the code does not decode, the car cannot be priced) with the reason.
core::Result<SharedQuote> quoteOf(const ShareContent& content, const std::string& code, core::pricing::Date quoted,
                                  core::pricing::Date today);

}  // namespace hub
