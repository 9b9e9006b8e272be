#pragma once
// Demand-insight report: the Aggregator reads events (lines of an events file, or parsed views)
// and finish() produces the Report: the conversion funnel per kiosk and per day, the builds
// customers configure and how often each ends in a booking, the options tapped while greyed
// out, where sessions were abandoned, and the wanted builds missing from the stock list.
// The Report holds exact counts; every output (ReportOutput.h) shows them only through
// shownCount(), which suppresses small cells. An Aggregator belongs to one thread.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/analytics/AnalyticsSettings.h"
#include "core/analytics/Event.h"

namespace core::analytics {

// Funnel stages: sessions that reached each.
constexpr size_t kStageCount = 6;
constexpr std::array<const char*, kStageCount> kStageNames = {"started",     "model_viewed", "option_picked",
                                                              "quote_shown", "qr_taken",     "booking_made"};
using Funnel = std::array<std::int64_t, kStageCount>;

struct BuildRow {
    Build build;
    std::int64_t sessions = 0;  // sessions whose last quote showed this build
    std::int64_t bookings = 0;  // of those, sessions that booked (a test drive or a survey)
    int inStock = 0;            // the stock list's quantity; 0 when not listed
};

struct GreyedRow {
    std::string model, trim, category, option;
    std::int64_t taps = 0;
    std::int64_t sessions = 0;  // distinct sessions that tapped it
};

// The buying guide's demand: what customers said they need (guide_answered) and which of its
// recommended cars they opened (recommendation_taken), against the stock list.
struct GuideAnswerRow {
    std::string question, answer;  // the guide's content ids
    std::int64_t sessions = 0;     // distinct sessions that gave this answer
};

struct TakenRow {
    Build build;
    std::int64_t sessions = 0;              // sessions that opened this recommended build
    std::int64_t bookings = 0;              // of those, sessions that booked
    std::array<std::int64_t, 3> byPlace{};  // opened as the first, second, third recommendation
    int inStock = 0;                        // the stock list's quantity; 0 when not listed
};

struct GuideReport {
    std::int64_t sessions = 0;             // sessions that answered at least one question
    std::int64_t tookRecommendation = 0;   // sessions that opened a recommended car
    std::vector<GuideAnswerRow> answers;   // by question, then most sessions first
    std::vector<TakenRow> taken;           // most sessions first
    std::vector<TakenRow> takenNotInStock; // with a stock list: taken builds with no car in stock
};

struct Report {
    int minCellCount = 5;
    std::int64_t lines = 0, events = 0, badLines = 0;
    std::vector<std::string> badLineSamples;  // "line 12: unknown key at column 40" (no values), first 10
    std::int64_t sessions = 0;
    std::string firstDay, lastDay;  // showroom-local "YYYY-MM-DD" of the first and last session
    Funnel funnel{};
    // Share links opened on a phone: the step after qr_taken. The phone is not the kiosk's
    // session (nothing links them), so it is a count of its own, not a funnel stage of sessions.
    std::int64_t sharePagesOpened = 0;
    std::map<std::pair<std::string, std::string>, Funnel> byKioskDay;  // (kiosk, day)
    std::map<std::string, Funnel> byKiosk, byDay;
    std::map<std::string, std::int64_t> abandonedByScreen;  // sessions whose last screen it was
    std::vector<BuildRow> builds;    // every configured build, most sessions first
    std::vector<GreyedRow> greyed;   // most taps first
    bool haveStock = false;
    std::vector<BuildRow> wantedNotInStock;  // configured builds with no car in stock, most sessions first
    int topBuilds = 15;
    GuideReport guide;
};

// The count as a report may show it: nullopt (suppressed) when 0 < count < minCellCount.
std::optional<std::int64_t> shownCount(std::int64_t count, int minCellCount);

class Aggregator {
public:
    Aggregator(Vocabulary vocabulary, AnalyticsSettings settings);
    ~Aggregator();
    Aggregator(const Aggregator&) = delete;
    Aggregator& operator=(const Aggregator&) = delete;

    // One events-file line: parsed, checked against the vocabulary, counted; a bad line is counted
    // and sampled by number, never echoed (it may hold what must not be logged). Blank lines are skipped.
    void addLine(std::string_view line);
    // A whole events file in memory, lines separated by '\n'.
    void addText(std::string_view text);
    // An event already parsed; false (and counted as bad) when it fails checkEvent.
    bool add(const EventView& event);

    // The report; `stock` (may be null) fills in-stock quantities and the wanted-not-in-stock list.
    Report finish(const StockList* stock) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace core::analytics
