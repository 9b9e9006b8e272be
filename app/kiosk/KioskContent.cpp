#include "KioskContent.h"

#include "core/ContentLoader.h"
#include "core/pricing/PriceList.h"

namespace kiosk {

KioskContentResult loadKioskContent(const std::string& directory) {
    KioskContentResult result;
    core::LoadResult base = core::loadContent(directory);
    if (!base.ok()) {
        result.errors = std::move(base.errors);
        return result;
    }
    auto add = [&](const core::ContentErrors& more) { result.errors.insert(result.errors.end(), more.begin(), more.end()); };
    auto settings = core::session::loadKioskSettings(*base.catalog);
    add(settings.errors);
    auto pricing = core::pricing::loadPricing(*base.catalog);
    add(pricing.errors);
    auto range = core::range::loadRangeData(*base.catalog);
    add(range.errors);
    auto booking = core::loadBookingSettings(*base.catalog);
    add(booking.errors);
    auto charging = core::charging::loadChargingContent(*base.catalog);
    add(charging.errors);
    auto analytics = core::analytics::loadAnalyticsSettings(*base.catalog);
    add(analytics.errors);
    auto recommend = core::recommend::loadRecommendContent(*base.catalog);
    add(recommend.errors);
    if (!result.errors.empty()) return result;
    core::pricing::applyPriceList(*pricing.content, *base.catalog);  // the market's prices on every screen
    result.content = KioskContent{std::move(*base.catalog), *settings.settings, std::move(*pricing.content),
                                  std::move(*range.data), std::move(*booking.settings),
                                  std::move(*charging.content), std::move(*analytics.settings),
                                  std::move(*recommend.content)};
    return result;
}

}  // namespace kiosk
