#pragma once
// A seeded simulation of kiosk sessions over the real catalog, for tests and the report
// benchmark: customers view models, pick options (taps that break a rule become greyed-out
// taps), see quotes, take QR codes, book or walk away. The same seed gives the same events on
// every machine (own integer generator, no std distributions). Alongside the events it returns
// the truth it decided, so a test can check the report against it exactly. Pure; any thread.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "core/Catalog.h"
#include "core/analytics/Report.h"

namespace core::analytics {

struct SimulationSettings {
    int sessions = 10000;
    std::uint64_t seed = 1;
    int kiosks = 3;                    // "kiosk-a", "kiosk-b", ...
    std::string firstDay = "2026-11-02";  // showroom-local first day
    int days = 14;
    TimeZone zone;                     // the showroom's days (the market's time zone)
};

struct SimulationTruth {
    std::int64_t events = 0;
    Funnel funnel{};
    std::map<std::pair<std::string, std::string>, Funnel> byKioskDay;
    std::map<std::string, std::int64_t> abandonedByScreen;
    std::int64_t greyedTaps = 0;
    std::int64_t quoteSessions = 0;    // sessions with a build
    std::int64_t bookedBuildSessions = 0;  // of those, booked
};

// Calls `sink` with every event in time order within each session, sessions one after another.
// Screens named by abandoned events are among `screens` (analytics content).
SimulationTruth simulateSessions(const Catalog& catalog, const SimulationSettings& settings,
                                 const std::function<void(const Event&)>& sink);

}  // namespace core::analytics
