#include "GuideDemand.h"

#include <algorithm>
#include <tuple>

namespace core::analytics {
namespace {

int placeOf(std::string_view kind) {
    if (kind == "first") return 0;
    if (kind == "second") return 1;
    if (kind == "third") return 2;
    return -1;
}

}  // namespace

void GuideDemand::add(const EventView& e, std::uint32_t session) {
    if (e.type == EventType::GuideAnswered) {
        m_guided.insert(session);
        m_answers[{std::string(e.category), std::string(e.option)}].insert(session);
    } else if (e.type == EventType::RecommendationTaken) {
        m_took.insert(session);
        Taken& t = m_taken[{std::string(e.model), std::string(e.trim), std::string(e.battery), std::string(e.paint),
                            std::string(e.wheels)}];
        t.sessions.insert(session);
        if (const int place = placeOf(e.kind); place >= 0) ++t.byPlace[static_cast<size_t>(place)];
    }
}

GuideReport GuideDemand::finish(const StockList* stock, const std::vector<bool>& booked) const {
    GuideReport g;
    g.sessions = static_cast<std::int64_t>(m_guided.size());
    g.tookRecommendation = static_cast<std::int64_t>(m_took.size());
    for (const auto& [key, sessions] : m_answers)
        g.answers.push_back({key.first, key.second, static_cast<std::int64_t>(sessions.size())});
    std::stable_sort(g.answers.begin(), g.answers.end(), [](const GuideAnswerRow& a, const GuideAnswerRow& b) {
        return std::tie(a.question, b.sessions, a.answer) < std::tie(b.question, a.sessions, b.answer);
    });
    for (const auto& [key, t] : m_taken) {
        TakenRow row;
        row.build = {key[0], key[1], key[2], key[3], key[4]};
        row.sessions = static_cast<std::int64_t>(t.sessions.size());
        for (std::uint32_t s : t.sessions) row.bookings += s < booked.size() && booked[s] ? 1 : 0;
        row.byPlace = t.byPlace;
        if (stock) row.inStock = stock->quantityOf(row.build);
        g.taken.push_back(std::move(row));
    }
    std::stable_sort(g.taken.begin(), g.taken.end(),
                     [](const TakenRow& a, const TakenRow& b) { return a.sessions > b.sessions; });
    if (stock)
        for (const auto& row : g.taken)
            if (row.inStock == 0) g.takenNotInStock.push_back(row);
    return g;
}

}  // namespace core::analytics
