#pragma once
// Running `kiosk --audit` over some layouts, modes and states for the UI tests, and the cars the
// audit stages (the cheapest and the dearest with the most price lines).
#include <catch2/catch.hpp>

#include <climits>
#include <string>
#include <utility>

#include "KioskReplay.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/PricingTestSupport.h"
#include "core/pricing/Sampling.h"

namespace kiosk_audit {

constexpr const char* kAllModes = "standard,high_contrast,large_text,large_high,low_reach";

struct AuditRun {
    testing_process::Result process;
    nlohmann::json report;
};

// `name` keeps each run's findings and data apart.
inline AuditRun runAudit(const std::string& name, const std::string& layouts, const std::string& states,
                         const std::string& modes = kAllModes) {
    using namespace kiosk_replay;
    const auto out = workDir() / ("audit-" + name + ".json");
    const std::vector<std::string> argv = {XVFB_EXEC_PATH, "1920x1080x24", KIOSK_PATH, "--content",
                                           testing_paths::contentDir(), "--date", "2026-11-27", "--no-3d", "--data",
                                           (workDir() / ("audit-" + name + "-data")).string(), "--audit", out.string(),
                                           "--audit-layouts", layouts, "--audit-modes", modes, "--audit-states", states};
    AuditRun run{testing_process::run(argv), {}};
    if (std::filesystem::exists(out)) run.report = readJson(out);
    return run;
}

// Every finding fails the test and is printed.
inline void requireClean(const AuditRun& run, int cases) {
    INFO(run.process.err);
    REQUIRE(run.report.is_object());
    CHECK(run.report["cases"] == cases);
    for (const auto& f : run.report["findings"]) {
        INFO(f.dump());
        CHECK(f.is_null());
    }
    CHECK(run.process.exitCode == 0);
}

// The cheapest valid car and the one with the most price lines (the dearest of those), as codes.
inline std::pair<std::string, std::string> extremeCodes() {
    const auto content = pricing_test::china();
    core::pricing::PriceOptions options;
    options.date = pricing_test::day("2026-11-27");
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    std::string cheapest, dearest;
    for (const auto& car : core::pricing::enumerateValidConfigurations(content.catalog)) {
        auto price = core::pricing::priceConfiguration(content.catalog, content.pricing, car, options);
        if (!price) continue;
        const std::int64_t key = static_cast<std::int64_t>(price->lines.size()) * 1'000'000'000'000LL + price->dueAtPurchaseMinor;
        if (key > hi) hi = key, dearest = core::pricing::encodeConfiguration(content.catalog, car, price->vehiclePriceMinor);
        if (price->dueAtPurchaseMinor < lo)
            lo = price->dueAtPurchaseMinor, cheapest = core::pricing::encodeConfiguration(content.catalog, car, price->vehiclePriceMinor);
    }
    REQUIRE_FALSE(cheapest.empty());
    REQUIRE_FALSE(dearest.empty());
    return {cheapest, dearest};
}

// Script steps that switch accessibility modes from the panel ("large_text", "low_reach", ...).
inline nlohmann::json accessSteps(const std::vector<std::string>& toggles) {
    nlohmann::json steps = nlohmann::json::array();
    if (toggles.empty()) return steps;
    steps.push_back({{"tap", "access"}});
    steps.push_back({{"frames", 2}});  // the panel opens on the next frame
    for (const auto& t : toggles) steps.push_back({{"tap", "access:" + t}}), steps.push_back({{"frames", 2}});
    if (toggles.back() != "high-contrast") steps.push_back({{"tap", "access"}});  // high contrast closes it itself
    steps.push_back({{"frames", 2}});
    return steps;
}

}  // namespace kiosk_audit
