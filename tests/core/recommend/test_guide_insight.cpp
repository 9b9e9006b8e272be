// The buying guide's demand-insight events: the answers a customer tapped become (question,
// answer) ids from the guide's content, and only those pass the insight privacy check; the car
// taken from the guide is reported as a full build with its place.
#include <catch2/catch.hpp>

#include "core/ContentLoader.h"
#include "core/analytics/Event.h"
#include "core/recommend/GuideInsight.h"
#include "support/TestPaths.h"

namespace {

using namespace core::recommend;
namespace an = core::analytics;

struct Loaded {
    core::Catalog catalog;
    RecommendContent content;
};

const Loaded& loaded() {
    static const Loaded l = [] {
        Loaded out;
        auto c = core::loadContent(testing_paths::contentDir());
        if (!c.ok()) throw std::runtime_error("content does not load");
        out.catalog = std::move(*c.catalog);
        auto r = loadRecommendContent(out.catalog);
        if (!r.content) throw std::runtime_error("recommend content does not load");
        out.content = std::move(*r.content);
        return out;
    }();
    return l;
}

an::Event guideEvent(const std::string& question, const std::string& answer) {
    an::Event e;
    e.type = an::EventType::GuideAnswered;
    e.session = std::string(an::kSessionIdLetters, 'q');
    e.kiosk = "kiosk-1";
    e.timeS = 1795000000;
    e.category = question;
    e.option = answer;
    return e;
}

}  // namespace

TEST_CASE("guide insight: answered questions become content ids, skipped and off-menu ones are left out") {
    const auto& l = loaded();
    Answers a;
    a.dailyKm = 40;
    a.highwayShare = 0.3;
    a.seats = 12;  // not an answer the screen offers: never reported
    a.luggage = "normal";
    a.homeCharging = false;
    a.climate = "cold";
    a.maxPriceMinor = 25000000;
    a.priority = Priority::Space;
    const auto ids = answerIds(a, l.content);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"daily_km", "40"}, {"highway_share", "0.3"}, {"luggage", "normal"}, {"home_charging", "no"},
        {"climate", "cold"}, {"max_price", "25000000"}, {"priority", "space"}};
    CHECK(ids == expected);
    CHECK(answerIds(Answers{}, l.content).empty());
}

TEST_CASE("guide insight: the vocabulary lets exactly the offered answers through the privacy check") {
    const auto& l = loaded();
    const an::Vocabulary plain = an::vocabularyOf(l.catalog, {"guide"});
    const an::Vocabulary v = insightVocabulary(l.catalog, {"guide"});
    Answers a;
    a.dailyKm = 60;
    a.childSeats = 2;
    a.budgetMonthlyMinor = 250000;
    a.climate = "severe-cold";
    for (const auto& [q, ans] : answerIds(a, l.content)) {
        INFO(q << "=" << ans);
        CHECK(an::checkEvent(an::viewOf(guideEvent(q, ans)), v).empty());
        CHECK_FALSE(an::checkEvent(an::viewOf(guideEvent(q, ans)), plain).empty());  // without the guide's content: refused
        CHECK(an::eventToJsonLine(guideEvent(q, ans), v).has_value());
    }
    // A phone number, a name or a question the guide does not ask never passes.
    CHECK_FALSE(an::checkEvent(an::viewOf(guideEvent("daily_km", "13800138000")), v).empty());
    CHECK_FALSE(an::checkEvent(an::viewOf(guideEvent("name", "zhang")), v).empty());
    CHECK_FALSE(an::checkEvent(an::viewOf(guideEvent("seats", "")), v).empty());
    an::Event withModel = guideEvent("seats", "5");
    withModel.model = "heron";
    CHECK_FALSE(an::checkEvent(an::viewOf(withModel), v).empty());
    // Through the sync protocol's strict parser and back.
    const auto back = an::eventFromJson(an::eventToJson(guideEvent("priority", "cost")), v);
    REQUIRE(back);
    CHECK(back->type == an::EventType::GuideAnswered);
    CHECK(back->option == "cost");
}

TEST_CASE("guide insight: the car taken from the guide is a full build with its place") {
    const auto& l = loaded();
    const an::Vocabulary v = insightVocabulary(l.catalog, {});
    an::Event e = guideEvent("", "");
    e.type = an::EventType::RecommendationTaken;
    e.category.clear();
    e.option.clear();
    const core::Model& heron = *l.catalog.findModel("heron");
    std::set<std::string> options;
    for (const char* cat : {"battery", "paint", "wheels"})
        for (const auto& o : heron.options)
            if (o.category == cat) {
                options.insert(o.id);
                break;
            }
    e.build = an::buildOf(l.catalog, "heron", heron.trims.front().id, options);
    e.kind = "second";
    CHECK(an::checkEvent(an::viewOf(e), v).empty());
    const auto line = an::eventToJsonLine(e, v);
    REQUIRE(line);
    an::EventView parsed;
    std::string error;
    REQUIRE(an::parseEventLine(*line, parsed, error));
    CHECK(parsed.type == an::EventType::RecommendationTaken);
    CHECK(parsed.kind == "second");
    e.kind = "fourth";
    CHECK_FALSE(an::checkEvent(an::viewOf(e), v).empty());
    e.kind = "first";
    e.build.paint.clear();  // a guide car is always complete
    CHECK_FALSE(an::checkEvent(an::viewOf(e), v).empty());
}
