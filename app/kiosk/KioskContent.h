#pragma once
// KioskContent: everything the kiosk reads from its content folder, loaded and validated together
// at start; the kiosk refuses to start with the full list of problems. Immutable afterwards.
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "core/ContentError.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/ChargingContent.h"
#include "core/pricing/PricingContent.h"
#include "core/range/RangeData.h"
#include "core/recommend/Recommend.h"
#include "core/session/KioskSettings.h"

namespace kiosk {

struct KioskContent {
    core::Catalog catalog;
    core::session::KioskSettings settings;
    core::pricing::PricingContent pricing;
    core::range::RangeData range;
    core::BookingSettings booking;
    core::charging::ChargingContent charging;
    core::analytics::AnalyticsSettings analytics;
    core::recommend::RecommendContent recommend;  // the buying guide
};

struct KioskContentResult {
    std::optional<KioskContent> content;
    core::ContentErrors errors;
};

KioskContentResult loadKioskContent(const std::string& directory);

}  // namespace kiosk
