// kioskctl recommend: the buying guide's recommendations for a customer's answers, as text or JSON.
#include <cstdio>
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "JsonText.h"
#include "PricingCli.h"
#include "core/range/RangeData.h"
#include "core/recommend/Recommend.h"

namespace tools {
namespace {

using Json = nlohmann::json;

const char* const kRecommendUsage =
    "usage: kioskctl recommend [--daily-km N] [--longest-km N] [--highway-share P] [--seats N] [--child-seats N]\n"
    "         [--luggage light|normal|lots] [--home-charging yes|no] [--climate ID]\n"
    "         [--budget-monthly MINOR | --max-price MINOR] [--priority cost|space|comfort|assistance|performance]\n"
    "         [--json] [--date YYYY-MM-DD] [--lang LANG] [--content DIR]\n"
    "  Every answer may be left out. --highway-share: a share 0..1, or a percentage (\"30\" or \"30%\").\n"
    "  Money in minor units (fen for CNY).";


std::optional<double> number(const std::string& name, const std::string& v, bool& bad) {
    if (v.empty()) return std::nullopt;
    try {
        size_t used = 0;
        const double d = std::stod(v, &used);
        if (used == v.size()) return d;
    } catch (const std::exception&) {
    }
    std::fprintf(stderr, "kioskctl recommend: %s \"%s\" is not a number\n", name.c_str(), v.c_str());
    bad = true;
    return std::nullopt;
}

std::optional<std::int64_t> integer(const std::string& name, const std::string& v, bool& bad) {
    const auto d = number(name, v, bad);
    if (!d) return std::nullopt;
    if (*d != static_cast<double>(static_cast<std::int64_t>(*d))) {
        std::fprintf(stderr, "kioskctl recommend: %s \"%s\" is not a whole number\n", name.c_str(), v.c_str());
        bad = true;
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*d);
}

// Reads the answers from the flags; false (with a message naming the flag) on a bad value.
bool readAnswers(const Args& args, core::recommend::Answers& a) {
    bool bad = false;
    a.dailyKm = number("--daily-km", optionValue(args, "--daily-km"), bad);
    a.longestKm = number("--longest-km", optionValue(args, "--longest-km"), bad);
    std::string share = optionValue(args, "--highway-share");
    const bool percent = !share.empty() && share.back() == '%';
    if (percent) share.pop_back();
    if (auto s = number("--highway-share", share, bad)) a.highwayShare = (percent || *s > 1) ? *s / 100.0 : *s;
    if (auto n = integer("--seats", optionValue(args, "--seats"), bad)) a.seats = static_cast<int>(*n);
    if (auto n = integer("--child-seats", optionValue(args, "--child-seats"), bad)) a.childSeats = static_cast<int>(*n);
    a.luggage = optionValue(args, "--luggage");
    if (const std::string h = optionValue(args, "--home-charging"); !h.empty()) {
        if (h == "yes") a.homeCharging = true;
        else if (h == "no") a.homeCharging = false;
        else {
            std::fprintf(stderr, "kioskctl recommend: --home-charging \"%s\" must be yes or no\n", h.c_str());
            bad = true;
        }
    }
    a.climate = optionValue(args, "--climate");
    a.budgetMonthlyMinor = integer("--budget-monthly", optionValue(args, "--budget-monthly"), bad);
    a.maxPriceMinor = integer("--max-price", optionValue(args, "--max-price"), bad);
    if (const std::string p = optionValue(args, "--priority"); !p.empty()) {
        if (auto priority = core::recommend::priorityFromName(p)) a.priority = *priority;
        else {
            std::fprintf(stderr, "kioskctl recommend: --priority \"%s\" must be cost, space, comfort, assistance or performance\n", p.c_str());
            bad = true;
        }
    }
    return !bad;
}

Json sentencesJson(const std::vector<std::pair<std::string, core::Text>>& list) {
    Json out = Json::array();
    for (const auto& [id, text] : list) out.push_back({{"id", id}, {"text", textJson(text)}});
    return out;
}

Json recommendationJson(const core::recommend::Recommendation& r) {
    Json j;
    j["code"] = r.code;
    j["model"] = r.config.model;
    j["trim"] = r.config.trim;
    j["options"] = Json(r.config.options);
    j["total_minor"] = r.totalMinor;
    j["monthly_minor"] = r.finance.monthlyMinor;
    j["finance"] = {{"offer", r.finance.offerId}, {"down_payment_minor", r.finance.downPaymentMinor},
                    {"term_months", r.finance.termMonths}, {"monthly_payment_minor", r.finance.monthlyMinor}};
    j["range"] = {{"official_km", r.officialKm}, {"mild_km", r.mildKm}, {"winter_km", r.winterKm}, {"weekly_km", r.weeklyKm}};
    j["energy_per_week_minor"] = r.energyPerWeekMinor;
    j["score"] = r.score;
    j["score_parts"] = r.scoreParts;
    j["reasons"] = sentencesJson(r.reasons);
    j["gives_up"] = sentencesJson(r.givesUp);
    return j;
}

// Refuses flags the command does not take, so a typo never passes silently.
bool onlyKnownFlags(const Args& args) {
    static const std::set<std::string> valued = {"--daily-km", "--longest-km", "--highway-share", "--seats", "--child-seats",
                                                 "--luggage", "--home-charging", "--climate", "--budget-monthly",
                                                 "--max-price", "--priority", "--date", "--lang", "--content"};
    for (size_t i = 0; i < args.size(); ++i) {
        if (valued.count(args[i]) && i + 1 < args.size()) ++i;
        else if (args[i] != "--json") {
            std::fprintf(stderr, "kioskctl recommend: unknown argument \"%s\"\n%s\n", args[i].c_str(), kRecommendUsage);
            return false;
        }
    }
    return true;
}

}  // namespace

int cmdRecommend(const Args& args) {
    if (hasFlag(args, "--help")) {
        std::puts(kRecommendUsage);
        return 0;
    }
    if (!onlyKnownFlags(args)) return 2;
    core::recommend::Answers answers;
    if (!readAnswers(args, answers)) return 2;
    auto content = loadPricedContent(args);
    if (!content) return 1;
    const auto date = dateOption(args, content->catalog.market.timeZone);
    if (!date) return 2;
    auto range = core::range::loadRangeData(content->catalog);
    auto guide = core::recommend::loadRecommendContent(content->catalog);
    for (const auto& e : range.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
    for (const auto& e : guide.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
    if (!range.data || !guide.content) return 1;
    const core::recommend::Recommender recommender(content->catalog, content->pricing, *range.data, *guide.content, *date);
    for (const auto& e : recommender.buildErrors()) std::fprintf(stderr, "kioskctl recommend: %s\n", e.c_str());
    const auto result = recommender.recommend(answers);
    for (const auto& e : result.errors) std::fprintf(stderr, "kioskctl recommend: %s\n", e.c_str());
    if (!result.errors.empty()) return 2;

    const std::string lang = optionValue(args, "--lang", content->catalog.defaultLanguage());
    if (hasFlag(args, "--json")) {
        Json j;
        j["date"] = date->str();
        j["currency"] = content->catalog.market.currency.code;
        j["content_version"] = content->catalog.contentVersion;
        j["recommendations"] = Json::array();
        for (const auto& r : result.recommendations) j["recommendations"].push_back(recommendationJson(r));
        j["blockers"] = Json::array();
        for (const auto& b : result.blockers) j["blockers"].push_back({{"answer", b.answer}, {"text", textJson(b.text)}});
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    const auto& fmt = content->catalog.market.currency;
    for (const auto& b : result.blockers) std::printf("no car: %s\n", b.text.get(lang).c_str());
    for (size_t i = 0; i < result.recommendations.size(); ++i) {
        const auto& r = result.recommendations[i];
        std::printf("%zu. %s %s  %s  total %s, %s/month  (score %.2f)\n", i + 1, r.config.model.c_str(), r.config.trim.c_str(),
                    r.code.c_str(), core::formatMoney(r.totalMinor, fmt, lang).c_str(),
                    r.finance.monthlyMinor < 0 ? "-" : core::formatMoney(r.finance.monthlyMinor, fmt, lang).c_str(), r.score);
        for (const auto& [id, text] : r.reasons) std::printf("   + %s\n", text.get(lang).c_str());
        for (const auto& [id, text] : r.givesUp) std::printf("   - %s\n", text.get(lang).c_str());
    }
    return 0;
}

}  // namespace tools
