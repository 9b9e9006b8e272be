#pragma once
// The buying guide's answers as demand insight sees them: each answered question as a
// (question, answer) pair of ids taken from the guide's content (the values its screen offers),
// and the vocabulary that lets exactly those pairs through the insight privacy check. Nothing
// typed, nothing personal: an answer outside the offered choices has no id and is not reported.
#include <string>
#include <utility>
#include <vector>

#include "core/analytics/Event.h"
#include "core/recommend/Recommend.h"

namespace core::recommend {

// The id of a numeric answer, as the guide's screen and its insight events name it ("40", "0.3").
std::string choiceId(double value);

// Every question the guide asks, with the answers its content offers, added to `vocabulary`.
void addGuideVocabulary(analytics::Vocabulary& vocabulary, const RecommendContent& content);

// The insight vocabulary of a catalog (analytics::vocabularyOf) with the guide's questions and
// answers when the catalog has valid guide content (content.json "recommend"); without it, guide
// events do not pass.
analytics::Vocabulary insightVocabulary(const Catalog& catalog, const std::vector<std::string>& screens);

// The answered questions of `answers` whose answer is one the content offers, in question order:
// ("daily_km", "40"), ("home_charging", "yes"), ("priority", "cost"), ...
std::vector<std::pair<std::string, std::string>> answerIds(const Answers& answers, const RecommendContent& content);

}  // namespace core::recommend
