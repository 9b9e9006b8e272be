// kioskctl bench price: how long pricing, financing and configuration codes take (the finance
// slider calls them every frame: the target is under 50 microseconds per price).
#include <chrono>
#include <cstdio>

#include "Commands.h"
#include "PricingCli.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Financing.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/pricing/Sampling.h"

namespace tools {
namespace {

template <class F>
double microsecondsPerCall(size_t calls, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < calls; ++i) f(i);
    const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    return took.count() / static_cast<double>(calls);
}

}  // namespace

int cmdBenchPrice(const Args& args) {
    if (args.empty() || args[0] != "price") {
        std::fprintf(stderr, "usage: kioskctl bench price [--content DIR] [--calls N]\n");
        return 2;
    }
    auto content = loadPricedContent(args);
    if (!content) return 1;
    const size_t calls = static_cast<size_t>(std::stoull(optionValue(args, "--calls", "20000")));
    const auto all = core::pricing::enumerateValidConfigurations(content->catalog);
    const auto cars = core::pricing::sampleConfigurations(all, 1000, 1);
    const auto date = *core::pricing::Date::parse("2026-11-27");
    volatile std::int64_t sink = 0;

    const double price = microsecondsPerCall(calls, [&](size_t i) {
        const core::pricing::PriceOptions o{date, static_cast<core::pricing::TradeIn>(i % 3), 0, false};
        sink = sink + core::pricing::priceConfiguration(content->catalog, content->pricing, cars[i % cars.size()], o)->totalMinor;
    });
    const double loan96 = microsecondsPerCall(calls, [&](size_t i) {
        core::pricing::LoanInput in{30'000'000 + static_cast<std::int64_t>(i % 1000) * 100, 6'000'000, 96, 349, 0, {}};
        sink = sink + core::pricing::computeLoan(in)->monthlyPaymentMinor;
    });
    const double encode = microsecondsPerCall(calls, [&](size_t i) {
        sink = sink + static_cast<std::int64_t>(core::pricing::encodeConfiguration(content->catalog, cars[i % cars.size()]).size());
    });
    const std::string code = core::pricing::encodeConfiguration(content->catalog, cars[0]);
    const double restore = microsecondsPerCall(calls, [&](size_t) {
        sink = sink + static_cast<std::int64_t>(core::pricing::restoreConfiguration(content->catalog, code)->config.options.size());
    });
    std::printf("valid configurations: %zu; %zu calls each\n", all.size(), calls);
    std::printf("price a configuration:        %8.2f us  (target < 50 us)\n", price);
    std::printf("96-month loan with schedule:  %8.2f us\n", loan96);
    std::printf("encode configuration code:    %8.2f us\n", encode);
    std::printf("restore configuration code:   %8.2f us\n", restore);
    return price < 50.0 ? 0 : 1;
}

}  // namespace tools
