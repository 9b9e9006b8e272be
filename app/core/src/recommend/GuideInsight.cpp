#include "core/recommend/GuideInsight.h"

#include <algorithm>
#include <cstdio>

namespace core::recommend {
namespace {

// One question: its id and, for the given answers (may be null), the answer's id ("" when the
// question was skipped or the answer is not one the content offers).
struct Question {
    const char* id;
    std::vector<std::string> offered;
    std::string answered;
};

template <class T>
std::vector<std::string> idsOf(const std::vector<T>& values) {
    std::vector<std::string> out;
    for (const T& v : values) out.push_back(choiceId(static_cast<double>(v)));
    return out;
}

template <class T>
std::string idOf(const std::optional<T>& v) {
    return v ? choiceId(static_cast<double>(*v)) : std::string();
}

std::vector<Question> questions(const RecommendContent& k, const Answers* a) {
    const AnswerChoices& ch = k.choices;
    std::vector<std::string> luggage, climates, priorities;
    for (const auto& l : k.luggage) luggage.push_back(l.id);
    for (const auto& c : k.climates) climates.push_back(c.id);
    for (const auto& [id, name] : k.priorities) priorities.push_back(id);
    const bool any = a != nullptr;
    return {
        {"daily_km", idsOf(ch.dailyKm), any ? idOf(a->dailyKm) : ""},
        {"highway_share", idsOf(ch.highwayShare), any ? idOf(a->highwayShare) : ""},
        {"longest_km", idsOf(ch.longestKm), any ? idOf(a->longestKm) : ""},
        {"seats", idsOf(ch.seats), any ? idOf(a->seats) : ""},
        {"child_seats", idsOf(ch.childSeats), any ? idOf(a->childSeats) : ""},
        {"luggage", luggage, any ? a->luggage : ""},
        {"home_charging", {"yes", "no"}, any && a->homeCharging ? (*a->homeCharging ? "yes" : "no") : ""},
        {"climate", climates, any ? a->climate : ""},
        {"budget_monthly", idsOf(ch.budgetMonthlyMinor), any ? idOf(a->budgetMonthlyMinor) : ""},
        {"max_price", idsOf(ch.maxPriceMinor), any ? idOf(a->maxPriceMinor) : ""},
        {"priority", priorities, any ? priorityName(a->priority) : ""},
    };
}

}  // namespace

std::string choiceId(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.12g", value);
    return buf;
}

void addGuideVocabulary(analytics::Vocabulary& vocabulary, const RecommendContent& content) {
    for (const Question& q : questions(content, nullptr)) vocabulary.guideAnswers[q.id].insert(q.offered.begin(), q.offered.end());
}

analytics::Vocabulary insightVocabulary(const Catalog& catalog, const std::vector<std::string>& screens) {
    analytics::Vocabulary v = analytics::vocabularyOf(catalog, screens);
    if (catalog.moduleFiles.count("recommend"))
        if (auto guide = loadRecommendContent(catalog); guide.content) addGuideVocabulary(v, *guide.content);
    return v;
}

std::vector<std::pair<std::string, std::string>> answerIds(const Answers& answers, const RecommendContent& content) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Question& q : questions(content, &answers))
        if (!q.answered.empty() && std::find(q.offered.begin(), q.offered.end(), q.answered) != q.offered.end())
            out.emplace_back(q.id, q.answered);
    return out;
}

}  // namespace core::recommend
