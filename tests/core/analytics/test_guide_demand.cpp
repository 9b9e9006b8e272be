// The demand report's buying-guide section: what customers answered (guide_answered) and which
// recommended builds they opened (recommendation_taken), against the stock list, with the
// report's small-cell suppression in every output.
#include <catch2/catch.hpp>

#include "AnalyticsTestSupport.h"
#include "core/analytics/Report.h"
#include "core/analytics/ReportOutput.h"

using namespace core::analytics;
using analytics_test::Fixture;

namespace {

std::string session(int n) {
    std::string s(kSessionIdLetters, 'g');
    s[s.size() - 1] = static_cast<char>('a' + n % 26);
    s[s.size() - 2] = static_cast<char>('a' + n / 26);
    return s;
}

Event base(EventType type, int sessionNumber) {
    Event e;
    e.type = type;
    e.session = session(sessionNumber);
    e.kiosk = "kiosk-a";
    e.timeS = 1794544365 + sessionNumber;
    return e;
}

void add(Aggregator& a, const Event& e) { REQUIRE(a.add(viewOf(e))); }

void answered(Aggregator& a, int s, const std::string& question, const std::string& answer) {
    Event e = base(EventType::GuideAnswered, s);
    e.category = question;
    e.option = answer;
    add(a, e);
}

void took(Aggregator& a, int s, const Build& build, const std::string& place) {
    Event e = base(EventType::RecommendationTaken, s);
    e.model = build.model;
    e.trim = build.trim;
    e.build = build;
    e.kind = place;
    add(a, e);
}

const Build kInStock{"heron", "heron-long-range", "heron-bat-94", "heron-paint-white", "heron-wheel-19-aero"};
const Build kSoldOut{"crane", "crane-long-range", "crane-bat-102", "crane-paint-grey", "crane-wheel-20"};
const Build kRare{"lark", "lark-standard", "lark-bat-45", "lark-paint-white", "lark-wheel-16-aero"};

}  // namespace

TEST_CASE("report: the buying guide's answers and opened recommendations against stock, small cells suppressed") {
    Fixture f;
    REQUIRE(f.settings.minCellCount == 5);
    REQUIRE(f.stock.quantityOf(kInStock) == 4);
    REQUIRE(f.stock.quantityOf(kSoldOut) == 0);
    Vocabulary v = f.vocabulary;
    v.guideAnswers["priority"] = {"cost", "space", "performance"};
    v.guideAnswers["home_charging"] = {"yes", "no"};
    Aggregator a(v, f.settings);
    // 20 guided sessions: 12 put cost first, 8 space; 3 (a small cell) say performance.
    for (int s = 0; s < 20; ++s) {
        add(a, base(EventType::SessionStarted, s));
        answered(a, s, "priority", s < 12 ? "cost" : "space");
        answered(a, s, "home_charging", s % 2 ? "yes" : "no");
    }
    for (int s = 0; s < 3; ++s) answered(a, s, "priority", "performance");  // a changed answer is a new one
    answered(a, 0, "priority", "cost");                                     // the same answer twice counts once
    // Opened: 7 sessions the in-stock Heron (5 as first), 6 the sold-out Crane (2 of them book), 2 a Lark.
    for (int s = 0; s < 7; ++s) took(a, s, kInStock, s < 5 ? "first" : "second");
    for (int s = 7; s < 13; ++s) {
        took(a, s, kSoldOut, "first");
        if (s < 9) {
            Event b = base(EventType::BookingMade, s);
            b.model = kSoldOut.model;
            b.trim = kSoldOut.trim;
            b.build = kSoldOut;
            b.kind = "test_drive";
            add(a, b);
        }
    }
    took(a, 13, kRare, "third");
    took(a, 14, kRare, "third");
    const Report r = a.finish(&f.stock);

    // Exact inside.
    const GuideReport& g = r.guide;
    CHECK(g.sessions == 20);
    CHECK(g.tookRecommendation == 15);
    REQUIRE(g.answers.size() == 5);
    CHECK(g.answers[0].question == "home_charging");
    CHECK(g.answers[2].question == "priority");
    CHECK(g.answers[2].answer == "cost");
    CHECK(g.answers[2].sessions == 12);
    CHECK(g.answers[4].answer == "performance");
    CHECK(g.answers[4].sessions == 3);
    REQUIRE(g.taken.size() == 3);
    CHECK(g.taken[0].build == kInStock);
    CHECK(g.taken[0].sessions == 7);
    CHECK(g.taken[0].byPlace == std::array<std::int64_t, 3>{5, 2, 0});
    CHECK(g.taken[0].inStock == 4);
    CHECK(g.taken[1].build == kSoldOut);
    CHECK(g.taken[1].bookings == 2);
    REQUIRE(g.takenNotInStock.size() == 1);  // the Lark is in stock
    CHECK(g.takenNotInStock[0].build == kSoldOut);

    // Shown: rows under five sessions are left out and counted, small cells are null / "<5".
    const auto j = reportToJson(r)["guide"];
    INFO(j.dump(2));
    CHECK(j["sessions"] == 20);
    CHECK(j["took_recommendation"] == 15);
    CHECK(j["answers"]["rows"].size() == 4);
    CHECK(j["answers"]["rows_suppressed"] == 1);
    for (const auto& row : j["answers"]["rows"]) CHECK(row["answer"] != "performance");
    const auto& taken = j["recommendations_taken"];
    REQUIRE(taken["rows"].size() == 2);
    CHECK(taken["rows_suppressed"] == 1);
    CHECK(taken["rows"][0]["model"] == "heron");
    CHECK(taken["rows"][0]["sessions"] == 7);
    CHECK(taken["rows"][0]["first"] == 5);
    CHECK(taken["rows"][0]["second"].is_null());  // 2: a small cell
    CHECK(taken["rows"][0]["third"] == 0);
    CHECK(taken["rows"][0]["in_stock"] == 4);
    CHECK(taken["rows"][1]["bookings"].is_null());
    REQUIRE(j["taken_not_in_stock"]["rows"].size() == 1);
    CHECK(j["taken_not_in_stock"]["rows"][0]["model"] == "crane");
    CHECK(j["taken_not_in_stock"]["rows"][0]["sessions"] == 6);

    bool answersCsv = false, takenCsv = false, missingCsv = false;
    for (const auto& [name, csv] : reportToCsv(r)) {
        INFO(name << "\n" << csv);
        if (name == "guide_answers.csv") {
            answersCsv = true;
            CHECK(csv.find("priority,cost,12\n") != std::string::npos);
            CHECK(csv.find("performance") == std::string::npos);
        }
        if (name == "guide_recommendations_taken.csv") {
            takenCsv = true;
            CHECK(csv.find("heron,heron-long-range,heron-bat-94,heron-paint-white,heron-wheel-19-aero,7,0,5,<5,0,4\n") !=
                  std::string::npos);
            CHECK(csv.find("lark") == std::string::npos);
        }
        if (name == "guide_taken_not_in_stock.csv") {
            missingCsv = true;
            CHECK(csv.find("crane,crane-long-range,crane-bat-102,crane-paint-grey,crane-wheel-20,6,<5,6,0,0\n") !=
                  std::string::npos);
        }
    }
    CHECK(answersCsv);
    CHECK(takenCsv);
    CHECK(missingCsv);

    const std::string page = reportToHtml(r, &f.catalog, "en");
    CHECK(page.find("<section id=\"guide\">") != std::string::npos);
    CHECK(page.find("data-key=\"guide.sessions\">20<") != std::string::npos);
    CHECK(page.find("data-key=\"guide.recommendations_taken.0.second\" data-suppressed=\"1\">&lt;5<") != std::string::npos);
    CHECK(page.find("data-key=\"guide.taken_not_in_stock.0.sessions\">6<") != std::string::npos);
    CHECK(page.find("performance") == std::string::npos);
    const std::string zh = reportToHtml(r, &f.catalog, "zh-CN");
    CHECK(zh.find("选车向导") != std::string::npos);
}

TEST_CASE("report: without guide events the guide section is empty, not missing") {
    Fixture f;
    Aggregator a(f.vocabulary, f.settings);
    const auto j = reportToJson(a.finish(nullptr))["guide"];
    CHECK(j["sessions"] == 0);
    CHECK(j["answers"]["rows"].empty());
    CHECK(j["recommendations_taken"]["rows"].empty());
    CHECK(j["taken_not_in_stock"].is_null());
}
