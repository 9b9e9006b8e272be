// kioskctl validate: loads a content folder and lists every problem with file and JSON path.
#include <cstdio>
#include <optional>

#include "Commands.h"
#include "core/ContentLoader.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/ChargingContent.h"
#include "core/range/RangeData.h"
#include "core/recommend/Recommend.h"
#include "core/pricing/PricingContent.h"
#include "core/session/KioskSettings.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/rules/TrimCheck.h"
#include "hub/HubSettings.h"
#include "render/RenderMapping.h"

namespace tools {

namespace {

// The folder to check: `validate DIR` or `validate --content DIR` (each with --market ID), never both.
std::optional<std::string> folderToValidate(const Args& args) {
    std::string given;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--content" || args[i] == "--market") ++i;
        else if (given.empty()) given = args[i];
    }
    if (given.empty()) return contentDirectory(args);
    if (!optionValue(args, "--content").empty()) {
        std::fprintf(stderr, "kioskctl validate: give the folder once: \"%s\" or --content \"%s\"\n", given.c_str(),
                     optionValue(args, "--content").c_str());
        return std::nullopt;
    }
    Args withFolder = args;
    withFolder.insert(withFolder.end(), {"--content", given});
    return contentDirectory(withFolder);
}

}  // namespace

int cmdValidate(const Args& args) {
    const auto folder = folderToValidate(args);
    if (!folder) return 2;
    const std::string& dir = *folder;
    core::LoadResult result = core::loadContent(dir);
    // Module files (kiosk behaviour, range, pricing, booking, ...) are read by their own loaders.
    if (result.ok()) {
        auto add = [&](const core::ContentErrors& more) {
            result.errors.insert(result.errors.end(), more.begin(), more.end());
        };
        add(core::session::loadKioskSettings(*result.catalog).errors);
        if (result.catalog->moduleFiles.count("range")) add(core::range::loadRangeData(*result.catalog).errors);
        if (result.catalog->moduleFiles.count("pricing")) add(core::pricing::loadPricing(*result.catalog).errors);
        if (result.catalog->moduleFiles.count("booking")) add(core::loadBookingSettings(*result.catalog).errors);
        if (result.catalog->moduleFiles.count("hub")) add(hub::loadHubSettings(*result.catalog).errors);
        if (result.catalog->moduleFiles.count("recommend")) add(core::recommend::loadRecommendContent(*result.catalog).errors);
        if (result.catalog->moduleFiles.count("charging")) add(core::charging::loadChargingContent(*result.catalog).errors);
        if (result.catalog->moduleFiles.count("analytics")) {
            const auto analytics = core::analytics::loadAnalyticsSettings(*result.catalog);
            add(analytics.errors);
            if (analytics.settings && !analytics.settings->stockFile.empty())
                add(core::analytics::loadStockCsv(analytics.settings->stockFile, *result.catalog).errors);
        }
        if (auto it = result.catalog->moduleFiles.find("render"); it != result.catalog->moduleFiles.end()) {
            core::ContentErrors renderErrors;
            render::loadRenderMapping(*result.catalog, it->second, renderErrors);
            add(renderErrors);
        }
        // Every model's rules must leave at least one complete car (the rules engine names the rules to blame).
        for (const auto& m : result.catalog->models) {
            try {
                core::rules::CatalogConfigurator check(*result.catalog, m);
            } catch (const std::exception& e) {
                add({{m.sourceFile, "/rules", e.what()}});
            }
            // Each trim's default car: valid, what tapping the trim gives, and not another trim's at another price.
            add(core::rules::checkTrimDefaults(*result.catalog, m));
        }
        if (!result.errors.empty()) result.catalog.reset();
    }
    if (!result.ok()) {
        for (const auto& e : result.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        std::fprintf(stderr, "%zu error%s in %s\n", result.errors.size(), result.errors.size() == 1 ? "" : "s",
                     dir.c_str());
        return 1;
    }
    const core::Catalog& c = *result.catalog;
    size_t trims = 0, options = 0, rules = 0;
    for (const auto& m : c.models) {
        trims += m.trims.size();
        options += m.options.size();
        rules += m.rules.size();
    }
    std::printf("ok: %s (content version %s): %zu models, %zu trims, %zu options, %zu rules, %zu demo vehicles\n", dir.c_str(),
                c.contentVersion.c_str(), c.models.size(), trims, options, rules, c.showroom.demoFleet.size());
    return 0;
}

}  // namespace tools
