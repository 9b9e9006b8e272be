#pragma once
// Shared by the range module's test files: the shipped content, loaded once, and a plain sedan.
#include <catch2/catch.hpp>

#include "core/ContentLoader.h"
#include "core/range/RangeData.h"
#include "core/range/Simulation.h"
#include "support/TestPaths.h"

namespace range_testing {

namespace rg = core::range;

struct Content {
    core::Catalog catalog;
    rg::RangeData data;
};

inline const Content& content() {
    static const Content c = [] {
        auto lr = core::loadContent(testing_paths::contentDir());
        for (const auto& e : lr.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(lr.ok());
        auto rr = rg::loadRangeData(*lr.catalog);
        for (const auto& e : rr.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(rr.data);
        return Content{std::move(*lr.catalog), std::move(*rr.data)};
    }();
    return c;
}

inline rg::Vehicle sedan() {
    rg::Vehicle v;
    v.massKg = 2000;
    v.roadLoad = {150, 1.5, 0.30};
    v.motorPowerKw = 220;
    v.usableBatteryKwh = 80;
    return v;
}

}  // namespace range_testing
