#include "core/analytics/Report.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "GuideDemand.h"
#include "core/booking/BookingSettings.h"

namespace core::analytics {
namespace {

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Small dense ids for the strings of many events; lookups by string_view allocate nothing.
class Interner {
public:
    std::uint32_t id(std::string_view s) {
        auto it = m_ids.find(s);
        if (it != m_ids.end()) return it->second;
        const auto id = static_cast<std::uint32_t>(m_names.size());
        m_names.emplace_back(s);
        m_ids.emplace(m_names.back(), id);
        return id;
    }
    const std::string& name(std::uint32_t id) const { return m_names[id]; }

private:
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> m_ids;
    std::vector<std::string> m_names;
};

using BuildKey = std::array<std::uint32_t, 5>;
struct BuildKeyHash {
    size_t operator()(const BuildKey& k) const noexcept {
        std::uint64_t h = 1469598103934665603ULL;
        for (auto v : k) h = (h ^ v) * 1099511628211ULL;
        return static_cast<size_t>(h);
    }
};

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct SessionAgg {
    std::uint32_t kiosk = 0;
    std::int64_t firstT = std::numeric_limits<std::int64_t>::max();
    std::uint8_t stages = 0;
    std::uint32_t build = kNone;
    std::int64_t buildT = std::numeric_limits<std::int64_t>::min();
    std::uint32_t screen = kNone;
    std::int64_t screenT = std::numeric_limits<std::int64_t>::min();
};

struct GreyedAgg {
    std::uint32_t model = 0, trim = 0, category = 0, option = 0;
    std::int64_t taps = 0;
    std::int64_t sessions = 0;
};

int stageOf(EventType t) {
    switch (t) {
        case EventType::SessionStarted: return 0;
        case EventType::ModelViewed: return 1;
        case EventType::OptionPicked: return 2;
        case EventType::QuoteShown: return 3;
        case EventType::QrTaken: return 4;
        case EventType::BookingMade: return 5;
        default: return -1;
    }
}

void addFunnel(Funnel& f, std::uint8_t stages) {
    for (size_t s = 0; s < kStageCount; ++s)
        if (stages & (1u << s)) ++f[s];
}

}  // namespace

std::optional<std::int64_t> shownCount(std::int64_t count, int minCellCount) {
    if (count > 0 && count < minCellCount) return std::nullopt;
    return count;
}

struct Aggregator::State {
    Vocabulary vocabulary;
    AnalyticsSettings settings;
    Interner strings;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> sessionIndex;
    std::vector<SessionAgg> sessions;
    std::unordered_map<BuildKey, std::uint32_t, BuildKeyHash> buildIndex;
    std::vector<BuildKey> builds;
    std::unordered_map<std::uint64_t, std::uint32_t> greyedIndex;  // (model << 32 | option) -> row
    std::vector<GreyedAgg> greyed;
    std::unordered_set<std::uint64_t> greyedSeen;  // (session << 32 | row)
    std::int64_t lines = 0, events = 0, badLines = 0;
    std::int64_t sharePagesOpened = 0;
    std::vector<std::string> badSamples;
    GuideDemand guide;  // the buying guide's answers and opened recommendations

    void bad(const std::string& why) {
        ++badLines;
        if (badSamples.size() < 10) badSamples.push_back("line " + std::to_string(lines) + ": " + why);
    }
};

Aggregator::Aggregator(Vocabulary vocabulary, AnalyticsSettings settings) : m_state(std::make_unique<State>()) {
    m_state->vocabulary = std::move(vocabulary);
    m_state->settings = std::move(settings);
}

Aggregator::~Aggregator() = default;

void Aggregator::addLine(std::string_view line) {
    State& s = *m_state;
    ++s.lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    EventView e;
    std::string error;
    if (!parseEventLine(line, e, error)) {
        s.bad(error);
        return;
    }
    add(e);
}

void Aggregator::addText(std::string_view text) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        addLine(text.substr(start, end - start));
        start = end + 1;
    }
}

bool Aggregator::add(const EventView& e) {
    State& s = *m_state;
    if (auto problems = checkEvent(e, s.vocabulary); !problems.empty()) {
        s.bad(problems.front());
        return false;
    }
    ++s.events;
    if (e.type == EventType::SharePageOpened) {  // a phone, not a kiosk session
        ++s.sharePagesOpened;
        return true;
    }
    auto it = s.sessionIndex.find(e.session);
    if (it == s.sessionIndex.end()) {
        it = s.sessionIndex.emplace(std::string(e.session), static_cast<std::uint32_t>(s.sessions.size())).first;
        s.sessions.emplace_back();
        s.sessions.back().kiosk = s.strings.id(e.kiosk);
    }
    const std::uint32_t sessionId = it->second;
    SessionAgg& a = s.sessions[sessionId];
    a.firstT = std::min(a.firstT, e.timeS);
    if (const int stage = stageOf(e.type); stage >= 0) a.stages = static_cast<std::uint8_t>(a.stages | (1u << stage));
    if (e.type == EventType::QuoteShown && e.timeS >= a.buildT) {
        const BuildKey key{s.strings.id(e.model), s.strings.id(e.trim), s.strings.id(e.battery), s.strings.id(e.paint),
                           s.strings.id(e.wheels)};
        auto b = s.buildIndex.find(key);
        if (b == s.buildIndex.end()) {
            b = s.buildIndex.emplace(key, static_cast<std::uint32_t>(s.builds.size())).first;
            s.builds.push_back(key);
        }
        a.build = b->second;
        a.buildT = e.timeS;
    }
    if (e.type == EventType::Abandoned && e.timeS >= a.screenT) {
        a.screen = s.strings.id(e.screen);
        a.screenT = e.timeS;
    }
    if (e.type == EventType::OptionGreyedOut) {
        const std::uint32_t model = s.strings.id(e.model), option = s.strings.id(e.option);
        const std::uint64_t key = (static_cast<std::uint64_t>(model) << 32) | option;
        auto g = s.greyedIndex.find(key);
        if (g == s.greyedIndex.end()) {
            g = s.greyedIndex.emplace(key, static_cast<std::uint32_t>(s.greyed.size())).first;
            s.greyed.push_back({model, s.strings.id(e.trim), s.strings.id(e.category), option, 0, 0});
        }
        GreyedAgg& row = s.greyed[g->second];
        ++row.taps;
        if (s.greyedSeen.insert((static_cast<std::uint64_t>(sessionId) << 32) | g->second).second) ++row.sessions;
    }
    s.guide.add(e, sessionId);
    return true;
}

Report Aggregator::finish(const StockList* stock) const {
    const State& s = *m_state;
    Report r;
    r.minCellCount = s.settings.minCellCount;
    r.topBuilds = s.settings.topBuilds;
    r.lines = s.lines;
    r.events = s.events;
    r.badLines = s.badLines;
    r.badLineSamples = s.badSamples;
    r.sessions = static_cast<std::int64_t>(s.sessions.size());
    r.sharePagesOpened = s.sharePagesOpened;

    std::vector<std::int64_t> buildSessions(s.builds.size()), buildBookings(s.builds.size());
    for (const SessionAgg& a : s.sessions) {
        const std::string day = localFromUtcMs(a.firstT * 1000, s.settings.zone).first.toString();
        const std::string& kiosk = s.strings.name(a.kiosk);
        if (r.firstDay.empty() || day < r.firstDay) r.firstDay = day;
        if (r.lastDay.empty() || day > r.lastDay) r.lastDay = day;
        addFunnel(r.funnel, a.stages);
        addFunnel(r.byKioskDay[{kiosk, day}], a.stages);
        addFunnel(r.byKiosk[kiosk], a.stages);
        addFunnel(r.byDay[day], a.stages);
        if (a.screen != kNone) ++r.abandonedByScreen[s.strings.name(a.screen)];
        if (a.build != kNone) {
            ++buildSessions[a.build];
            if (a.stages & (1u << 5)) ++buildBookings[a.build];
        }
    }
    for (size_t i = 0; i < s.builds.size(); ++i) {
        const BuildKey& k = s.builds[i];
        BuildRow row;
        row.build = {s.strings.name(k[0]), s.strings.name(k[1]), s.strings.name(k[2]), s.strings.name(k[3]), s.strings.name(k[4])};
        row.sessions = buildSessions[i];
        row.bookings = buildBookings[i];
        if (stock) row.inStock = stock->quantityOf(row.build);
        if (row.sessions > 0) r.builds.push_back(std::move(row));
    }
    auto byBuild = [](const BuildRow& a, const BuildRow& b) {
        return std::tie(b.sessions, a.build.model, a.build.trim, a.build.battery, a.build.paint, a.build.wheels) <
               std::tie(a.sessions, b.build.model, b.build.trim, b.build.battery, b.build.paint, b.build.wheels);
    };
    std::sort(r.builds.begin(), r.builds.end(), byBuild);
    if (stock) {
        r.haveStock = true;
        for (const auto& row : r.builds)
            if (row.inStock == 0) r.wantedNotInStock.push_back(row);
    }
    for (const GreyedAgg& g : s.greyed)
        r.greyed.push_back({s.strings.name(g.model), s.strings.name(g.trim), s.strings.name(g.category), s.strings.name(g.option),
                            g.taps, g.sessions});
    std::sort(r.greyed.begin(), r.greyed.end(), [](const GreyedRow& a, const GreyedRow& b) {
        return std::tie(b.taps, a.model, a.option) < std::tie(a.taps, b.model, b.option);
    });
    std::vector<bool> booked(s.sessions.size());
    for (size_t i = 0; i < s.sessions.size(); ++i) booked[i] = (s.sessions[i].stages & (1u << 5)) != 0;
    r.guide = s.guide.finish(stock, booked);
    return r;
}

}  // namespace core::analytics
