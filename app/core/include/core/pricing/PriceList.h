#pragma once
// The market's price list applied to the catalog: a market whose pricing content lists its own
// trim and option prices (another currency, another tax) sells the shared models at those prices
// on every screen, the rules engine's repairs included, not at the model files' prices.
#include "core/Catalog.h"
#include "core/pricing/PricingContent.h"

namespace core::pricing {

// Sets every trim's base price and every option's price to the pricing content's list price
// (unchanged where the list has none). Call once after loading, before the catalog is shared.
void applyPriceList(const PricingContent& pricing, Catalog& catalog);

}  // namespace core::pricing
