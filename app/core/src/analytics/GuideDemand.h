#pragma once
// GuideDemand: the part of the Aggregator that counts the buying guide's events (answers given,
// recommendations opened) per session; finish() gives the report's GuideReport. Internal to
// core_analytics. One thread.
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/analytics/AnalyticsSettings.h"
#include "core/analytics/Event.h"
#include "core/analytics/Report.h"

namespace core::analytics {

class GuideDemand {
public:
    // A checked event of any type; only guide_answered and recommendation_taken are counted.
    void add(const EventView& e, std::uint32_t session);
    // `booked[session]`: the session made a booking. `stock` may be null.
    GuideReport finish(const StockList* stock, const std::vector<bool>& booked) const;

private:
    struct Taken {
        std::set<std::uint32_t> sessions;
        std::array<std::int64_t, 3> byPlace{};
    };
    std::set<std::uint32_t> m_guided, m_took;
    std::map<std::pair<std::string, std::string>, std::set<std::uint32_t>> m_answers;  // (question, answer) -> sessions
    std::map<std::array<std::string, 5>, Taken> m_taken;                               // build -> opened
};

}  // namespace core::analytics
