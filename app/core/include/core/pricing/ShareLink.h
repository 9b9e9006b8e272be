#pragma once
// The share link the summary's QR code carries: "{share_base_url}/c/{CODE}?d=YYYY-MM-DD". The code
// alone names the car (the hub prices it with the same core code); `d` is the day the kiosk quoted
// it, so the phone page shows the price as quoted (with that quote's validity date) even after a
// promotion ended, instead of a silently different price. Nothing personal is in it. Pure.
#include <string>

#include "core/Catalog.h"
#include "core/pricing/Date.h"

namespace core::pricing {

// The link for a code quoted on `quoted`; the bare code when the market has no share_base_url.
std::string shareLink(const Market& market, const std::string& code, Date quoted);

}  // namespace core::pricing
