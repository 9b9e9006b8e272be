#include "contentpack/ContentCheck.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/ContentLoader.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/ChargingContent.h"
#include "core/pricing/PricingContent.h"
#include "core/range/RangeData.h"
#include "core/recommend/Recommend.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/rules/TrimCheck.h"
#include "core/session/KioskSettings.h"
#include "hub/HubSettings.h"
#include "render/RenderMapping.h"

namespace contentpack {
namespace {

// Module files (kiosk behaviour, range, pricing, booking, ...) are read by their own loaders.
core::ContentErrors checkModules(const core::Catalog& catalog) {
    core::ContentErrors errors;
    auto add = [&](const core::ContentErrors& more) { errors.insert(errors.end(), more.begin(), more.end()); };
    const auto& modules = catalog.moduleFiles;
    add(core::session::loadKioskSettings(catalog).errors);
    if (modules.count("range")) add(core::range::loadRangeData(catalog).errors);
    if (modules.count("pricing")) add(core::pricing::loadPricing(catalog).errors);
    if (modules.count("booking")) add(core::loadBookingSettings(catalog).errors);
    if (modules.count("hub")) add(hub::loadHubSettings(catalog).errors);
    if (modules.count("recommend")) add(core::recommend::loadRecommendContent(catalog).errors);
    if (modules.count("charging")) add(core::charging::loadChargingContent(catalog).errors);
    if (modules.count("analytics")) {
        const auto analytics = core::analytics::loadAnalyticsSettings(catalog);
        add(analytics.errors);
        if (analytics.settings && !analytics.settings->stockFile.empty())
            add(core::analytics::loadStockCsv(analytics.settings->stockFile, catalog).errors);
    }
    if (auto it = modules.find("render"); it != modules.end()) {
        core::ContentErrors renderErrors;
        render::loadRenderMapping(catalog, it->second, renderErrors);
        add(renderErrors);
    }
    return errors;
}

// Every model's rules must leave at least one complete car (the rules engine names the rules to
// blame), and each trim's default car is valid, what tapping the trim gives, and not another
// trim's at another price.
core::ContentErrors checkModels(const core::Catalog& catalog) {
    core::ContentErrors errors;
    for (const auto& m : catalog.models) {
        try {
            core::rules::CatalogConfigurator check(catalog, m);
        } catch (const std::exception& e) {
            errors.push_back({m.sourceFile, "/rules", e.what()});
        }
        const auto trims = core::rules::checkTrimDefaults(catalog, m);
        errors.insert(errors.end(), trims.begin(), trims.end());
    }
    return errors;
}

}  // namespace

CheckResult checkContentFolder(const std::string& directory) {
    core::LoadResult loaded = core::loadContent(directory);
    CheckResult result;
    result.errors = std::move(loaded.errors);
    if (!loaded.ok()) return result;
    for (const auto& more : {checkModules(*loaded.catalog), checkModels(*loaded.catalog)})
        result.errors.insert(result.errors.end(), more.begin(), more.end());
    if (result.errors.empty()) result.catalog = std::move(loaded.catalog);
    return result;
}

CheckResult checkPublishedFolder(const std::string& directory) {
    CheckResult result = checkContentFolder(directory);
    const std::filesystem::path markets = std::filesystem::path(directory) / "markets";
    std::error_code ec;
    if (!std::filesystem::is_directory(markets, ec)) return result;
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(markets, ec))
        if (std::filesystem::is_regular_file(entry.path() / "content.json")) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    // A market shares files with the folder (models, strings): a problem in one is listed once.
    std::set<std::string> listed;
    for (const auto& e : result.errors) listed.insert(e.toString());
    for (const auto& folder : folders)
        for (const auto& e : checkContentFolder(folder.string()).errors)
            if (listed.insert(e.toString()).second) result.errors.push_back(e);
    if (!result.errors.empty()) result.catalog.reset();
    return result;
}

std::string describeErrors(const core::ContentErrors& errors, size_t maxLines) {
    std::string out;
    for (size_t i = 0; i < errors.size() && i < maxLines; ++i) out += (i ? "\n" : "") + errors[i].toString();
    if (errors.size() > maxLines) out += "\n... and " + std::to_string(errors.size() - maxLines) + " more";
    return out;
}

}  // namespace contentpack
