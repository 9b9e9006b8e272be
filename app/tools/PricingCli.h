#pragma once
// Shared by the pricing subcommands (quote, codes, bench price): load the catalog and its pricing
// content, printing every content error the way `kioskctl validate` does.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

#include "Commands.h"
#include "core/ContentLoader.h"
#include "core/pricing/PriceList.h"
#include "core/pricing/PricingContent.h"

namespace tools {

struct PricedContent {
    core::Catalog catalog;
    core::pricing::PricingContent pricing;
};

inline std::optional<PricedContent> loadPricedContent(const Args& args) {
    const std::string dir = contentDirectory(args);
    auto loaded = core::loadContent(dir);
    if (!loaded.ok()) {
        for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return std::nullopt;
    }
    auto pricing = core::pricing::loadPricing(*loaded.catalog);
    if (!pricing.content) {
        for (const auto& e : pricing.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return std::nullopt;
    }
    core::pricing::applyPriceList(*pricing.content, *loaded.catalog);
    return PricedContent{std::move(*loaded.catalog), std::move(*pricing.content)};
}

// --date YYYY-MM-DD, else today's date in the market's time zone.
inline std::optional<core::pricing::Date> dateOption(const Args& args, const core::TimeZone& marketZone) {
    const std::string text = optionValue(args, "--date");
    if (text.empty()) return core::pricing::Date::at(marketZone, static_cast<std::int64_t>(std::time(nullptr)));
    auto d = core::pricing::Date::parse(text);
    if (!d) std::fprintf(stderr, "--date \"%s\" is not YYYY-MM-DD\n", text.c_str());
    return d;
}

}  // namespace tools
