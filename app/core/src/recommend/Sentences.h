#pragma once
// Internal to the buying guide: a candidate measured against one set of answers, and the sentences
// (reasons, what a choice gives up, what rules every car out) filled from content templates.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/recommend/Recommend.h"

namespace core::recommend {

struct Evaluated {
    const Candidate* candidate = nullptr;
    double officialKm = 0, mildKm = 0, winterKm = 0, weeklyKm = 0;
    std::int64_t energyPerWeekMinor = 0;
    double dcMinutes = 0;
    double publicChargesPerWeek = 0;
    int luggageL = 0;
    std::vector<std::string> failed;  // the answers this car does not meet (kConstraintAnswers ids)
    std::map<std::string, double> parts;
    double score = 0;
};

// A number for messages: integers without decimals, else up to two.
std::string num(double v);

class Sentences {
public:
    Sentences(const Catalog& catalog, const RecommendContent& content) : m_catalog(catalog), m_content(content) {}

    std::vector<std::pair<std::string, Text>> reasons(const Evaluated& e, const Answers& a) const;
    std::vector<std::pair<std::string, Text>> givesUp(const Evaluated& e, const Evaluated& first, const Answers& a) const;
    // "{money} less than the first choice", when this car costs less than the first.
    std::optional<std::pair<std::string, Text>> saves(const Evaluated& e, const Evaluated& first) const;
    // `only`: the cars that fail `answer` and nothing else (not empty).
    Text blocker(const std::string& answer, const std::vector<const Evaluated*>& only, const Answers& a) const;
    Text combined(const std::vector<std::string>& answers) const;

private:
    using Values = std::vector<std::pair<std::string, Text>>;
    Text fill(const std::string& textId, const Values& values) const;
    Text plain(const std::string& s) const;
    Text money(std::int64_t minor) const;
    Text carName(const Candidate& c) const;
    Text optionName(const Candidate& c, const std::string& optionId) const;

    const Catalog& m_catalog;
    const RecommendContent& m_content;
};

}  // namespace core::recommend
