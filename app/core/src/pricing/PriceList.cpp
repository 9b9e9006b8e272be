#include "core/pricing/PriceList.h"

namespace core::pricing {

void applyPriceList(const PricingContent& pricing, Catalog& catalog) {
    for (auto& m : catalog.models) {
        for (auto& t : m.trims) t.basePriceMinor = pricing.trimPrice(t);
        for (auto& o : m.options) o.priceMinor = pricing.optionPrice(o);
    }
}

}  // namespace core::pricing
