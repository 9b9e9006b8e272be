#pragma once
// AnalyticsSettings: demand-insight settings from content/analytics/*.json (content.json
// "modules"."analytics"): the smallest count a report may show, how many builds to list, the kiosk's screen ids, and the dealer's stock list (CSV).
// Loaded once; immutable afterwards; any thread.
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/ContentError.h"
#include "core/TimeZone.h"
#include "core/analytics/Event.h"

namespace core::analytics {

struct AnalyticsSettings {
    int minCellCount = 5;        // aggregated cells below this (and above 0) are suppressed
    TimeZone zone;               // "per day" is a showroom day: the market's time zone (Market::timeZone)
    int topBuilds = 15;          // builds listed in the report
    std::vector<std::string> screens;  // screen ids an abandoned session may name
    std::string stockFile;       // path ready to open; "" when none
    std::string sourceFile;
};

struct AnalyticsLoadResult {
    std::optional<AnalyticsSettings> settings;
    ContentErrors errors;
};
// `market` gives the time zone of the showroom's days (and names its file in errors).
AnalyticsLoadResult loadAnalyticsSettings(const std::string& file, const Market& market);
// The file named by the catalog's "analytics" module, or an error when it is not registered.
AnalyticsLoadResult loadAnalyticsSettings(const Catalog& catalog);

// The dealer's stock: CSV "model,trim,battery,paint,wheels,quantity" with that header line.
struct StockItem {
    Build build;
    int quantity = 0;
};
struct StockList {
    std::vector<StockItem> items;
    std::string sourceFile;
    // Cars in stock of exactly this build; 0 when the build is not listed.
    int quantityOf(const Build& build) const;
};
struct StockLoadResult {
    std::optional<StockList> stock;
    ContentErrors errors;  // path "line N" (1-based, the header is line 1), message naming the column and value
};
StockLoadResult loadStockCsv(const std::string& file, const Catalog& catalog);

}  // namespace core::analytics
