#pragma once
// The buying guide: turns a customer's answers about their week (distances, passengers, home
// charging, winter, budget, what matters most) into up to three complete cars, each valid by the
// rules engine, priced by the pricing engine on the given date, with range from the range model in
// the customer's own conditions, ranked by a transparent score and explained in benefits.
//
// Pure: a Recommender holds the priced candidate cars of one catalog on one date (built once, about
// a millisecond per model) and recommend() is a function of the answers. Not thread-safe to build,
// safe to call from one thread at a time. Answers never hold personal data.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/ContentError.h"
#include "core/Text.h"
#include "core/pricing/Date.h"
#include "core/pricing/PricingContent.h"
#include "core/range/RangeData.h"

namespace core::recommend {

// What matters most to the customer.
enum class Priority { None, Cost, Space, Comfort, Assistance, Performance };
// "cost", "space", "comfort", "assistance", "performance"; "" for None.
const char* priorityName(Priority p);
// Also takes "assist" and "driver-assistance"; nullopt for an unknown name.
std::optional<Priority> priorityFromName(const std::string& name);

struct ClimateRegion {
    std::string id;
    Text name;
    double winterC = 0;  // January mean of a typical city
};

struct LuggageLevel {
    std::string id;
    Text name;
    int litres = 0;
};

struct ModelFacts {
    int luggageL = 0;          // with the seats folded as far as the passengers allow
    int luggageAllSeatsL = 0;  // with every seat in use
    int childSeatPositions = 0;
};

// The answers a touch screen offers for each question, in the market's units.
struct AnswerChoices {
    std::vector<double> dailyKm, highwayShare, longestKm;
    std::vector<int> seats, childSeats;
    std::vector<std::int64_t> budgetMonthlyMinor, maxPriceMinor;
};

// content/recommend/<market>.json: the market's climate regions, the assumptions behind the
// figures, model facts the catalog does not carry, which options give which benefit, the score's
// weights and every sentence the guide shows.
struct RecommendContent {
    Text source;
    std::vector<ClimateRegion> climates;
    std::string unknownClimate;  // the region assumed when the customer skips the question
    double defaultDailyKm = 40;
    double defaultHighwayShare = 0.3;
    double highwaySpeedKmh = 110;
    double reserveShare = 0.1;        // arrive with this share of the range left
    double homeChargingShare = 0.9;   // share of energy charged at home for a customer with a charger
    int publicChargesPerWeekMax = 2;  // without a home charger
    double fastChargeWindowShare = 0.7;  // 10 -> 80 %
    double payloadKgPerPerson = 75;
    double payloadKgPerChildSeat = 25;
    std::vector<LuggageLevel> luggage;
    AnswerChoices choices;
    std::map<std::string, ModelFacts> models;                    // by model id
    std::map<std::string, std::vector<std::string>> benefits;    // "assistance" | "comfort" | "space" -> option ids
    std::map<std::string, double> weights;                       // score part -> weight
    double priorityFactor = 4;
    std::vector<std::pair<std::string, Text>> priorities;        // id -> name, display order
    std::map<std::string, Text> texts;
    std::string sourceFile;

    const ClimateRegion* findClimate(const std::string& id) const;
    const LuggageLevel* findLuggage(const std::string& id) const;
};

struct RecommendLoadResult {
    std::optional<RecommendContent> content;
    ContentErrors errors;
};
// Reads catalog.moduleFiles["recommend"]; checks every model and option id against the catalog.
RecommendLoadResult loadRecommendContent(const Catalog& catalog);

// The customer's answers; every one may be skipped (nullopt / empty).
struct Answers {
    std::optional<double> dailyKm{};        // a usual day
    std::optional<double> longestKm{};      // the longest regular trip, there and back
    std::optional<double> highwayShare{};   // 0..1 of the distance
    std::optional<int> seats{};             // people who ride along, the driver included
    std::optional<int> childSeats{};
    std::string luggage{};                  // luggage level id, "" when skipped
    std::optional<bool> homeCharging{};
    std::string climate{};                  // climate region id, "" when skipped
    std::optional<std::int64_t> budgetMonthlyMinor{};
    std::optional<std::int64_t> maxPriceMinor{};
    Priority priority = Priority::None;
};

// Problems with the answers, each naming the answer ("seats 12 is outside 1..9").
std::vector<std::string> checkAnswers(const Answers& a, const RecommendContent& content);

struct FinanceChoice {
    std::string offerId;  // "" when no plain loan runs on the date
    std::int64_t downPaymentMinor = 0;
    int termMonths = 0;
    std::int64_t monthlyMinor = -1;  // -1: no offer
};

struct Recommendation {
    Configuration config;
    std::string code;                 // configuration code, as kioskctl quote takes it
    std::int64_t totalMinor = 0;      // the quote's total on the date
    FinanceChoice finance;            // the plain loan with the lowest monthly payment
    double officialKm = 0;            // the trim's published figure with this battery
    double mildKm = 0;                // customer's driving at 23 degC
    double winterKm = 0;              // customer's driving in their region's winter
    double weeklyKm = 0;
    std::int64_t energyPerWeekMinor = 0;
    double score = 0;                 // 0..1
    std::map<std::string, double> scoreParts;  // each 0..1, before weights
    std::vector<std::pair<std::string, Text>> reasons;  // id -> sentence
    std::vector<std::pair<std::string, Text>> givesUp;  // against the first recommendation
};

// Which answer rules every car out, and what relaxing it would give.
struct Blocker {
    std::string answer;  // "seats", "child_seats", "luggage", "budget_monthly", "max_price", "longest_km", "home_charging", "combined"
    Text text;
};

struct RecommendResult {
    std::vector<Recommendation> recommendations;  // best first, at most three
    std::vector<Blocker> blockers;                // only when recommendations is empty
    std::vector<std::string> errors;              // invalid answers or content
};

// One car the guide may recommend, priced once on the Recommender's date.
struct Candidate {
    Configuration config;
    std::string code;
    std::int64_t totalMinor = 0;
    FinanceChoice finance;
    std::vector<std::string> benefitOptions;  // options of the car that give a benefit (content "benefits")
    int seats = 0;
    ModelFacts facts;
    double motorPowerKw = 0;
    bool awd = false;
    int trimRank = 0;   // 0 for the model's first trim
    int trimCount = 1;
};

struct Evaluated;  // a candidate measured against one set of answers (internal)

class Recommender {
public:
    // Builds and prices every candidate car (trim x battery, with and without each benefit option).
    Recommender(const Catalog& catalog, const pricing::PricingContent& pricing, const range::RangeData& range,
                const RecommendContent& content, pricing::Date date);

    RecommendResult recommend(const Answers& answers) const;
    const std::vector<Candidate>& candidates() const { return m_candidates; }
    // Problems met while building the candidates (a model whose rules allow no car, a price error).
    const std::vector<std::string>& buildErrors() const { return m_buildErrors; }

private:
    void addCandidates(const Model& model);
    Evaluated evaluate(const Candidate& c, const Answers& a) const;
    void score(std::vector<Evaluated*>& feasible, const Answers& a) const;
    std::vector<Blocker> explainEmpty(const std::vector<Evaluated>& all, const Answers& a) const;
    Recommendation describe(const Evaluated& e, const Answers& a, const Evaluated* first) const;

    const Catalog& m_catalog;
    const pricing::PricingContent& m_pricing;
    const range::RangeData& m_range;
    const RecommendContent& m_content;
    pricing::Date m_date;
    std::vector<Candidate> m_candidates;
    std::vector<std::string> m_buildErrors;
};

}  // namespace core::recommend
