#pragma once
// Loads the shipped catalogs (China and the euro demonstration market) and their pricing for tests.
#include <catch2/catch.hpp>

#include <string>

#include "core/ContentLoader.h"
#include "core/pricing/PriceBreakdown.h"
#include "support/TestPaths.h"

namespace pricing_test {

struct Market {
    core::Catalog catalog;
    core::pricing::PricingContent pricing;
};

inline Market load(const std::string& dir) {
    auto loaded = core::loadContent(dir);
    for (const auto& e : loaded.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(loaded.ok());
    auto p = core::pricing::loadPricing(*loaded.catalog);
    for (const auto& e : p.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(p.content);
    return {std::move(*loaded.catalog), std::move(*p.content)};
}

inline Market china() { return load(testing_paths::contentDir()); }
inline Market euro() { return load(testing_paths::contentDir() + "/pricing/eu-demo"); }

inline core::pricing::Date day(const char* text) { return *core::pricing::Date::parse(text); }

inline core::Configuration defaults(const core::Catalog& c, const std::string& model, const std::string& trim) {
    const core::Model* m = c.findModel(model);
    REQUIRE(m);
    const core::Trim* t = m->findTrim(trim);
    REQUIRE(t);
    return core::defaultConfiguration(*m, *t);
}

inline const core::pricing::PriceLine* findLine(const core::pricing::PriceBreakdown& b, core::pricing::LineKind kind) {
    for (const auto& l : b.lines)
        if (l.kind == kind) return &l;
    return nullptr;
}

inline core::pricing::PriceBreakdown price(const Market& m, const core::Configuration& c, core::pricing::PriceOptions o) {
    auto r = core::pricing::priceConfiguration(m.catalog, m.pricing, c, o);
    INFO(r.error());
    REQUIRE(r.ok());
    return *r;
}

inline std::int64_t amountOf(const core::pricing::PriceBreakdown& b, core::pricing::LineKind kind) {
    const auto* l = findLine(b, kind);
    return l ? l->amountMinor : 0;
}

}  // namespace pricing_test
