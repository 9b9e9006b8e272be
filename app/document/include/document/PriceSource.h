#pragma once
// Where a price line's figure comes from, in words a customer reads ("Qingyu price list, November
// 2026", "Purchase tax: MOF/STA/MIIT notice 2023 No. 10"), never a file name or an id. The words
// are the content string "source.<citation id>" when the content has one, else the citation's
// title. Shared by the kiosk's summary and the quote document. Pure; any thread.
#include <string>

#include "core/Catalog.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/pricing/PricingContent.h"

namespace document {

std::string priceLineSource(const core::Catalog& catalog, const core::pricing::PricingContent& pricing,
                            const core::pricing::PriceLine& line, const std::string& language);

// The citation id behind a line ("" for the advisor's discount and for lines with no citation).
std::string priceLineCitation(const core::Catalog& catalog, const core::pricing::PricingContent& pricing,
                              const core::pricing::PriceLine& line);

}  // namespace document
