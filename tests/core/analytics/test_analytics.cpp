// Demand insight: the event format (strict, vocabulary-only), the seeded simulation against the
// report exactly, small-cell suppression, the stock list, and the privacy scan of every output.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "AnalyticsTestSupport.h"
#include "core/analytics/Report.h"
#include "core/analytics/ReportOutput.h"
#include "core/analytics/Simulation.h"
#include "support/Skip.h"

using namespace core::analytics;
using analytics_test::Fixture;

namespace {

Event quoteEvent() {
    Event e;
    e.type = EventType::QuoteShown;
    e.session = std::string(kSessionIdLetters, 'q');
    e.kiosk = "kiosk-a";
    e.timeS = 1794544365;
    e.build = {"heron", "heron-long-range", "heron-bat-94", "heron-paint-blue", "heron-wheel-20-turbine"};
    return e;
}

std::string simulatedText(const Fixture& f, const SimulationSettings& sim, SimulationTruth* truth = nullptr) {
    std::string text;
    auto t = simulateSessions(f.catalog, sim, [&](const Event& e) {
        auto line = eventToJsonLine(e, f.vocabulary);
        REQUIRE(line);
        text += *line + "\n";
    });
    if (truth) *truth = t;
    return text;
}

}  // namespace

TEST_CASE("events: a line round-trips and holds only vocabulary ids") {
    Fixture f;
    const Event e = quoteEvent();
    const auto line = eventToJsonLine(e, f.vocabulary);
    REQUIRE(line);
    CHECK(*line ==
          "{\"v\":1,\"session\":\"qqqqqqqqqqqqqqqqqqqqqq\",\"kiosk\":\"kiosk-a\",\"t\":1794544365,\"type\":\"quote_shown\","
          "\"model\":\"heron\",\"trim\":\"heron-long-range\",\"battery\":\"heron-bat-94\",\"paint\":\"heron-paint-blue\","
          "\"wheels\":\"heron-wheel-20-turbine\"}");
    EventView v;
    std::string error;
    REQUIRE(parseEventLine(*line, v, error));
    CHECK(checkEvent(v, f.vocabulary).empty());
    CHECK(v.paint == "heron-paint-blue");
    std::string jsonError;
    auto back = eventFromJson(eventToJson(e), f.vocabulary);
    INFO(back.error());
    REQUIRE(back);
    CHECK(*eventToJsonLine(*back, f.vocabulary) == *line);

    // Nothing outside the vocabulary can be written: personal data has nowhere to go.
    struct Bad {
        const char* what;
        void (*mutate)(Event&);
    };
    const Bad bad[] = {
        {"phone as paint", [](Event& x) { x.build.paint = "13800138000"; }},
        {"name as model", [](Event& x) { x.build.model = "张伟"; }},
        {"config code as trim", [](Event& x) { x.build.trim = "HRN-7Q2K"; }},
        {"phone in kiosk id", [](Event& x) { x.kiosk = "k13800138000"; }},
        {"digits in session", [](Event& x) { x.session = "a1380013800000000000aa"; }},
        {"short session", [](Event& x) { x.session = "abc"; }},
        {"quote without build", [](Event& x) { x.build = {}; }},
        {"screen on a quote", [](Event& x) { x.screen = "summary"; }},
        {"kind on a quote", [](Event& x) { x.kind = "test_drive"; }},
        {"time in ms", [](Event& x) { x.timeS = 1794544365000LL; }},
    };
    for (const auto& b : bad) {
        INFO(b.what);
        Event x = quoteEvent();
        b.mutate(x);
        CHECK_FALSE(eventToJsonLine(x, f.vocabulary));
    }
    Event booking = quoteEvent();
    booking.type = EventType::BookingMade;
    booking.kind = "home_charger_survey";
    CHECK(eventToJsonLine(booking, f.vocabulary));
    booking.kind = "callback";
    CHECK_FALSE(eventToJsonLine(booking, f.vocabulary));
    Event abandoned;
    abandoned.type = EventType::Abandoned;
    abandoned.session = std::string(kSessionIdLetters, 'z');
    abandoned.kiosk = "kiosk-b";
    abandoned.timeS = 1794544365;
    abandoned.screen = "fit_check";
    CHECK(eventToJsonLine(abandoned, f.vocabulary));
    abandoned.screen = "checkout";
    CHECK_FALSE(eventToJsonLine(abandoned, f.vocabulary));
}

TEST_CASE("events: the line parser is strict and says where") {
    const char* good = R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1794544365,"type":"session_started"})";
    EventView v;
    std::string error;
    CHECK(parseEventLine(good, v, error));
    CHECK(parseEventLine(std::string(" ") + good + " ", v, error));
    const std::pair<const char*, const char*> bad[] = {
        {R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1794544365,"type":"session_started","name":"x"})", "unknown key"},
        {R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1794544365,"type":"session_started","kiosk":"b"})", "duplicate key"},
        {R"({"v":1,"session":"q\"q","kiosk":"kiosk-a","t":1794544365,"type":"session_started"})", "plain ASCII"},
        {R"({"v":1,"session":"q\u0041","kiosk":"kiosk-a","t":1794544365,"type":"session_started"})", "plain ASCII"},
        {"{\"v\":1,\"session\":\"\xe5\xbc\xa0\",\"kiosk\":\"kiosk-a\",\"t\":1,\"type\":\"session_started\"}", "plain ASCII"},
        {R"({"v":2,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1794544365,"type":"session_started"})", "unsupported event format"},
        {R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","type":"session_started"})", "missing \"t\""},
        {R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":"now","type":"session_started"})", "expected an integer"},
        {R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1,"type":"sold"})", "unknown event type"},
        {R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1,"type":"session_started"} x)", "text after"},
        {R"([1,2])", "expected '{'"},
        {R"({})", "empty object"},
        {R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1,"type":"session_started")", "expected ',' or '}'"},
    };
    for (const auto& [line, what] : bad) {
        INFO(line);
        CHECK_FALSE(parseEventLine(line, v, error));
        CHECK(error.find(what) != std::string::npos);
        CHECK(error.find("column") != std::string::npos);
    }
}

TEST_CASE("simulation: 10,000 seeded sessions give the expected funnel exactly") {
    Fixture f;
    SimulationSettings sim;
    sim.sessions = 10000;
    sim.seed = 42;
    sim.zone = f.settings.zone;
    SimulationTruth truth;
    std::string text = simulatedText(f, sim, &truth);
    CHECK(simulatedText(f, sim) == text);  // same seed, same events

    // Lines from several kiosks arrive in any order at the hub: shuffle them deterministically.
    std::vector<std::string> lines;
    for (size_t start = 0; start < text.size();) {
        const size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    std::reverse(lines.begin(), lines.end());
    std::rotate(lines.begin(), lines.begin() + static_cast<long>(lines.size() / 3), lines.end());

    Aggregator aggregator(f.vocabulary, f.settings);
    for (const auto& l : lines) aggregator.addLine(l);
    const Report r = aggregator.finish(&f.stock);
    CHECK(r.badLines == 0);
    CHECK(r.events == truth.events);
    CHECK(r.sessions == 10000);
    CHECK(r.funnel == truth.funnel);
    // The exact figures of seed 42: a change here is a change of the simulation or the report.
    CHECK(r.funnel == Funnel{10000, 8502, 5886, 4733, 1614, 1172});
    CHECK(r.events == 66865);
    CHECK(r.byKioskDay == truth.byKioskDay);
    CHECK(r.byKioskDay.size() == 3 * 14);
    CHECK(r.abandonedByScreen == truth.abandonedByScreen);
    std::int64_t taps = 0, quoteSessions = 0, booked = 0;
    for (const auto& g : r.greyed) taps += g.taps;
    for (const auto& b : r.builds) {
        quoteSessions += b.sessions;
        booked += b.bookings;
    }
    CHECK(taps == truth.greyedTaps);
    CHECK(quoteSessions == truth.quoteSessions);
    CHECK(booked == truth.bookedBuildSessions);
    CHECK(r.firstDay == "2026-11-02");
    CHECK(r.lastDay == "2026-11-15");
    Funnel kioskSum{};
    for (const auto& [k, fu] : r.byKiosk)
        for (size_t i = 0; i < kStageCount; ++i) kioskSum[i] += fu[i];
    CHECK(kioskSum == r.funnel);
    // The greyed-out taps point at the rules that lose sales: wheels that need another trim.
    REQUIRE(!r.greyed.empty());
    CHECK(r.greyed.front().category == "wheels");
}

TEST_CASE("report: builds, booking rate, stock and wanted builds not in stock") {
    Fixture f;
    SimulationSettings sim;
    sim.sessions = 10000;
    sim.seed = 42;
    sim.zone = f.settings.zone;
    Aggregator aggregator(f.vocabulary, f.settings);
    aggregator.addText(simulatedText(f, sim));
    const Report r = aggregator.finish(&f.stock);
    REQUIRE(r.builds.size() > 20);
    CHECK(std::is_sorted(r.builds.begin(), r.builds.end(), [](const BuildRow& a, const BuildRow& b) { return a.sessions > b.sessions; }));
    for (const auto& b : r.builds) {
        CHECK(b.bookings <= b.sessions);
        CHECK(b.inStock == f.stock.quantityOf(b.build));
    }
    REQUIRE(r.haveStock);
    CHECK(!r.wantedNotInStock.empty());
    for (const auto& w : r.wantedNotInStock) CHECK(f.stock.quantityOf(w.build) == 0);
    const auto j = reportToJson(r);
    CHECK(j["top_builds"]["rows"].size() == static_cast<size_t>(f.settings.topBuilds));
    const auto& top = j["top_builds"]["rows"][0];
    CHECK(top["sessions"] == r.builds[0].sessions);
    CHECK(top["booking_rate_percent"].get<double>() ==
          Approx(static_cast<double>((r.builds[0].bookings * 1000 + r.builds[0].sessions / 2) / r.builds[0].sessions) / 10.0));
    // A listed build with quantity 0 is wanted-not-in-stock too.
    Build greyCrane{"crane", "crane-long-range", "crane-bat-102", "crane-paint-grey", "crane-wheel-20"};
    CHECK(f.stock.quantityOf(greyCrane) == 0);
}

TEST_CASE("report: cells under the minimum count are suppressed in every output") {
    Fixture f;
    REQUIRE(f.settings.minCellCount == 5);
    Aggregator aggregator(f.vocabulary, f.settings);
    // Three sessions, one of which books one rare build.
    for (int s = 0; s < 3; ++s) {
        Event e = quoteEvent();
        e.session = std::string(kSessionIdLetters, static_cast<char>('a' + s));
        e.type = EventType::SessionStarted;
        aggregator.add(viewOf(e));
        e.type = EventType::QuoteShown;
        aggregator.add(viewOf(e));
        if (s == 0) {
            e.type = EventType::BookingMade;
            e.kind = "test_drive";
            aggregator.add(viewOf(e));
        }
    }
    const Report r = aggregator.finish(&f.stock);
    CHECK(r.funnel[0] == 3);  // exact inside
    const auto j = reportToJson(r);
    CHECK(j["sessions"].is_null());
    CHECK(j["funnel"]["started"].is_null());
    CHECK(j["funnel"]["booking_made"].is_null());
    CHECK(j["funnel"]["qr_taken"] == 0);  // zero singles nobody out
    CHECK(j["top_builds"]["rows"].empty());
    CHECK(j["top_builds"]["rows_suppressed"] == 1);
    CHECK(j["wanted_not_in_stock"]["rows"].empty());
    for (const auto& [name, csv] : reportToCsv(r)) {
        INFO(name << "\n" << csv);
        CHECK(csv.find(",3") == std::string::npos);
        CHECK(csv.find(",1\n") == std::string::npos);
        CHECK(csv.find("heron-paint-blue") == std::string::npos);
    }
    const auto page = reportToHtml(r, &f.catalog, "en");
    CHECK(page.find("data-key=\"funnel.started\" data-suppressed=\"1\">&lt;5<") != std::string::npos);
    CHECK(page.find("Basalt") == std::string::npos);
    CHECK(shownCount(0, 5) == 0);
    CHECK(shownCount(4, 5) == std::nullopt);
    CHECK(shownCount(5, 5) == 5);
}

TEST_CASE("privacy: events and every report output hold nothing like a phone number or a name") {
    Fixture f;
    SimulationSettings sim;
    sim.sessions = 10000;
    sim.seed = 7;
    sim.zone = f.settings.zone;
    const std::string events = simulatedText(f, sim);
    // Every string value of every event is a vocabulary id (or the letters-only session id).
    size_t checked = 0;
    for (size_t start = 0; start < events.size();) {
        const size_t end = events.find('\n', start);
        const auto j = nlohmann::json::parse(events.substr(start, end - start));
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it->is_number()) {
                CHECK((it.key() == "t" || it.key() == "v"));
                continue;
            }
            const std::string v = it->get<std::string>();
            const std::string& k = it.key();
            bool known = false;
            if (k == "session") known = isSessionId(v);
            else if (k == "kiosk") known = v.size() == 7 && v.rfind("kiosk-", 0) == 0;
            else if (k == "type") known = eventTypeFromString(v).has_value();
            else if (k == "model") known = f.vocabulary.models.count(v) > 0;
            else if (k == "trim") known = f.vocabulary.trims.count(v) > 0;
            else if (k == "category") known = f.vocabulary.categories.count(v) > 0;
            else if (k == "option") known = f.vocabulary.options.count(v) > 0 || f.vocabulary.trims.count(v) > 0;
            else if (k == "battery" || k == "paint" || k == "wheels") known = f.vocabulary.options.count(v) > 0;
            else if (k == "screen") known = f.vocabulary.screens.count(v) > 0;
            else if (k == "kind") known = f.vocabulary.kinds.count(v) > 0;
            if (!known) FAIL_CHECK("event field " << k << " holds a value outside the vocabulary");
            ++checked;
        }
        start = end + 1;
    }
    CHECK(checked > 100000);
    CHECK(analytics_test::phoneLike(events).empty());
    CHECK(analytics_test::cjkRuns(events).empty());

    Aggregator aggregator(f.vocabulary, f.settings);
    aggregator.addText(events);
    // A hostile line carrying a phone number and a name is refused and never echoed.
    aggregator.addLine(R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1794544365,"type":"model_viewed","model":"13800138000"})");
    aggregator.addLine("{\"v\":1,\"session\":\"qqqqqqqqqqqqqqqqqqqqqq\",\"kiosk\":\"kiosk-a\",\"t\":1794544365,\"type\":\"model_viewed\",\"model\":\"\xe5\xbc\xa0\xe4\xbc\x9f\"}");
    const Report r = aggregator.finish(&f.stock);
    CHECK(r.badLines == 2);
    std::vector<std::pair<std::string, std::string>> outputs = reportToCsv(r);
    outputs.emplace_back("summary.json", reportToJson(r).dump(2));
    outputs.emplace_back("report-en.html", reportToHtml(r, &f.catalog, "en"));
    outputs.emplace_back("report-zh.html", reportToHtml(r, &f.catalog, "zh-CN"));
    // Every CJK word a page may say: its own labels and the catalog's names.
    std::string known;
    for (const auto& [key, text] : reportLabels()) known += text.get("zh-CN") + "\n";
    for (const auto& m : f.catalog.models) {
        known += m.name.get("zh-CN") + "\n";
        for (const auto& t : m.trims) known += t.name.get("zh-CN") + "\n";
        for (const auto& o : m.options) known += o.name.get("zh-CN") + "\n";
    }
    for (const auto& [name, text] : outputs) {
        INFO(name);
        CHECK(analytics_test::phoneLike(text).empty());
        CHECK(text.find("13800138000") == std::string::npos);
        CHECK(text.find("张伟") == std::string::npos);
        for (const auto& run : analytics_test::cjkRuns(text)) {
            if (known.find(run) == std::string::npos) FAIL_CHECK(name << " says a CJK string that no label or catalog name has");
        }
        if (name != "report-zh.html") {
            CHECK(analytics_test::cjkRuns(text).empty());
        }
    }
    // The scanner itself finds what it must.
    CHECK(analytics_test::phoneLike("call 13912345678 now").size() == 1);
    CHECK(analytics_test::phoneLike("+86 139 1234 5678").size() == 1);
    CHECK(analytics_test::phoneLike("t=1794544365").empty());
    CHECK(analytics_test::cjkRuns("name 张伟 here").size() == 1);
}

TEST_CASE("analytics content and stock list errors name the file, the place and the value") {
    Fixture f;
    const auto dir = std::filesystem::temp_directory_path() / ("kiosk-analytics-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string csv = (dir / "stock.csv").string();
    std::ofstream(csv) << "model,trim,battery,paint,wheels,quantity\n"
                          "lark,lark-standard,lark-bat-45,lark-paint-white,lark-wheel-16-aero,2\n"
                          "falcon,x,y,z,w,1\n"
                          "lark,lark-standard,lark-bat-60,lark-paint-orange,lark-wheel-16-aero,many\n"
                          "lark,lark-standard\n";
    const auto st = loadStockCsv(csv, f.catalog);
    CHECK_FALSE(st.stock);
    std::vector<std::string> lines;
    for (const auto& e : st.errors) lines.push_back(e.toString());
    auto has = [&](const std::string& s) {
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(s) != std::string::npos; });
    };
    CHECK(has(csv + ": line 3: model: unknown model \"falcon\""));
    CHECK(has("line 4: battery: \"lark-bat-60\" is not offered on lark-standard"));
    CHECK(has("line 4: paint: \"lark-paint-orange\" is not offered on lark-standard"));
    CHECK(has("line 4: quantity: \"many\" is not a whole number"));
    CHECK(has("line 5: expected 6 columns, found 2"));

    const std::string settings = (dir / "analytics.json").string();
    std::ofstream(settings) << R"({"format": 1, "min_cell_count": 1, "utc_offset_minutes": 480, "top_builds": 10,
                                   "stock": "missing.csv", "screens": ["summary", "Bad Screen"], "extra": true})";
    const auto a = loadAnalyticsSettings(settings, f.catalog.market);
    CHECK_FALSE(a.settings);
    lines.clear();
    for (const auto& e : a.errors) lines.push_back(e.toString());
    CHECK(has("/min_cell_count: value 1 is outside 2..1000"));
    CHECK(has("/screens/1: \"Bad Screen\" is not a screen id"));
    CHECK(has("/stock: file"));
    CHECK(has("unknown field \"extra\""));
    CHECK(has("/utc_offset_minutes: a fixed offset is no longer read: the showroom's days follow the market's time_zone"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("the report counts a session on the showroom's day in the market's time zone, daylight saving included") {
    Fixture f;
    auto berlin = core::loadTimeZone("Europe/Berlin");
    if (!berlin.zone) KIOSK_SKIP(berlin.error << " (install tzdata)");
    AnalyticsSettings settings = f.settings;
    settings.zone = *berlin.zone;
    settings.minCellCount = 2;
    Aggregator agg(f.vocabulary, settings);
    Event summer = quoteEvent(), winter = quoteEvent();
    summer.timeS = 1784154600;  // 2026-07-15T22:30Z: 00:30 on the 16th in Berlin (summer time, +2)
    winter.session = std::string(kSessionIdLetters, 'r');
    winter.timeS = 1795213800;  // 2026-11-20T22:30Z: 23:30 on the 20th in Berlin (+1)
    for (const Event& e : {summer, winter}) {
        const auto line = eventToJsonLine(e, f.vocabulary);
        REQUIRE(line);
        agg.addLine(*line);
    }
    const Report r = agg.finish(nullptr);
    CHECK(r.firstDay == "2026-07-16");
    CHECK(r.lastDay == "2026-11-20");
    CHECK(r.byDay.count("2026-07-16") == 1);
    CHECK(r.byDay.count("2026-07-15") == 0);
    CHECK(r.byDay.count("2026-11-20") == 1);
}
