// sales-hub and the two newer push kinds: home-charger site surveys and anonymous analytics
// events. Hostile input is refused naming the field with nothing stored; content verdicts are
// "rejected"; repeats are duplicates; advisors list a day's surveys; the hub's demand report
// matches `kioskctl report` over the same events.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <fstream>
#include <map>

#include "core/analytics/Simulation.h"
#include "core/protocol/SyncProtocol.h"
#include "hub/HubTestSupport.h"
#include "store/Sqlite.h"
#include "store/StoreTestSupport.h"
#include "support/Skip.h"
#include "sync/HubProcess.h"

using namespace testing_store;
using testing_hub::HubProcess;
using testing_hub::uuid7;
using Json = nlohmann::json;

namespace {

Json surveyJson(int n, const std::string& kiosk = "kiosk-a") {
    auto s = surveyDraft("Zhang Wei", "+8613800138000", "Riverside Gardens");
    s.id = uuid7(n);
    s.kioskId = kiosk;
    s.createdMs = kNowMs;
    return core::charging::surveyBookingToJson(s);
}

Json eventJson(int n, const std::string& kiosk = "kiosk-a") {
    return core::analytics::eventToJson(modelViewed(sessionId(n), kiosk, n));
}

Json push(const std::vector<Json>& events, const std::string& kiosk = "kiosk-a") {
    return {{"protocol", 1}, {"kiosk_id", kiosk}, {"events", events}};
}
Json surveyEvent(int eventN, const Json& survey) {
    return {{"event_id", uuid7(eventN)}, {"type", "survey.create"}, {"survey", survey}};
}
Json analyticsEvent(int eventN, const Json& event) {
    return {{"event_id", uuid7(eventN)}, {"type", "analytics.event"}, {"event", event}};
}

struct Counts {
    std::int64_t surveys, analytics, events;
    bool operator==(const Counts&) const = default;
};
Counts kindCounts(const HubProcess& hub) {
    store::Database db(hub.dbPath());
    return {db.queryInt("SELECT count(*) FROM surveys").value_or(-1),
            db.queryInt("SELECT count(*) FROM analytics_events").value_or(-1),
            db.queryInt("SELECT count(*) FROM events").value_or(-1)};
}

struct Reply {
    int status = 0;
    Json body;
};
Reply post(httplib::Client& http, const std::string& token, const Json& body) {
    auto res = http.Post("/v1/sync/push", {{"Authorization", "Bearer " + token}}, body.dump(-1, ' ', false, Json::error_handler_t::replace),
                         "application/json");
    if (!res) return {};
    Reply r{res->status, {}};
    try {
        r.body = Json::parse(res->body);
    } catch (const std::exception&) {
    }
    return r;
}

}  // namespace

TEST_CASE("hostile survey and analytics events are refused naming the field, and nothing is stored") {
    HubProcess hub({"kiosk-a"}, {"--rate", "1000", "--burst", "1000"});
    httplib::Client http(hub.url());
    http.set_read_timeout(10, 0);
    const Counts before = kindCounts(hub);
    auto survey = [](const std::string& pointer, const Json& value) {
        Json s = surveyJson(1);
        if (value.is_null()) s.erase(pointer.substr(1));
        else s[Json::json_pointer(pointer)] = value;
        return push({surveyEvent(500, s)});
    };
    auto event = [](const std::string& pointer, const Json& value) {
        Json e = eventJson(1);
        e[Json::json_pointer(pointer)] = value;
        return push({analyticsEvent(600, e)});
    };
    struct Case {
        const char* what;
        Json body;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"survey unknown field", survey("/colour", "red"), "events[0].survey.colour"},
        {"survey name wrong type", survey("/name", 42), "events[0].survey.name"},
        {"survey name control character", survey("/name", "Zhang\u0007Wei"), "events[0].survey.name"},
        {"survey name invisible character", survey("/name", "Zhang\u200bWei"), "events[0].survey.name"},
        {"survey district overlong", survey("/district", std::string(1000, 'x')), "events[0].survey.district"},
        {"survey mobile not E.164", survey("/mobile", "13800138000"), "events[0].survey.mobile"},
        {"survey id not a UUIDv7", survey("/survey_id", "1234"), "events[0].survey.survey_id"},
        {"survey period not an id", survey("/period", "Morning!"), "events[0].survey.period"},
        {"survey missing name", survey("/name", nullptr), "events[0].survey.name"},
        {"survey distance wrong type", survey("/distance_from_meter_m", "12"), "events[0].survey.distance_from_meter_m"},
        {"survey consent purpose", survey("/consent/purpose", "test_drive"), "events[0].survey.consent.purpose"},
        {"survey of another kiosk", survey("/kiosk_id", "kiosk-b"), "events[0].survey.kiosk_id"},
        {"survey as a booking", push({{{"event_id", uuid7(501)}, {"type", "survey.create"}, {"booking", surveyJson(1)}}}),
         "events[0].booking"},
        {"event unknown field", event("/name", "Zhang Wei"), "events[0].event.name"},
        {"event time wrong type", event("/t", "1906000000"), "events[0].event.t"},
        {"event control character", event("/model", "her\u0001on"), "events[0].event.model"},
        {"event non-ASCII", event("/model", "海鸥"), "events[0].event.model"},
        {"event overlong id", event("/model", std::string(300, 'a')), "events[0].event.model"},
        {"phone number in the session id", event("/session", "abcdefghijk13800138000"), "events[0].event.session"},
        {"phone number as the session id", event("/session", "+8613800138000"), "events[0].event.session"},
        {"event of another kiosk", event("/kiosk", "kiosk-b"), "events[0].event.kiosk"},
        {"unknown event type", event("/type", "page_view"), "events[0].event.type"},
        {"unknown push type", push({{{"event_id", uuid7(601)}, {"type", "analytics.batch"}, {"event", eventJson(1)}}}),
         "events[0].type"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto r = post(http, hub.token("kiosk-a"), c.body);
        CHECK(r.status == 400);
        CHECK(r.body.value("field", "") == c.field);
        CHECK(r.body.contains("reason"));
        // The value is never echoed back.
        CHECK(r.body.dump().find("13800138000") == std::string::npos);
    }
    CHECK(kindCounts(hub) == before);

    // Well-formed but refused by content: rejected naming the field; no survey or event row kept.
    auto verdict = [&](int n, const Json& body) {
        auto r = post(http, hub.token("kiosk-a"), body);
        REQUIRE(r.status == 200);
        (void)n;
        return r.body["results"][0];
    };
    Json s = surveyJson(2);
    s["wallbox"] = "wallbox-99kw";
    auto v = verdict(1, push({surveyEvent(700, s)}));
    CHECK(v["result"] == "rejected");
    CHECK(v["field"] == "wallbox");
    s = surveyJson(3);
    s["parking"] = "shared_parking";
    CHECK(verdict(2, push({surveyEvent(701, s)}))["field"] == "parking");
    s = surveyJson(4);
    s["consent"]["version"] = "1999-01-01";
    CHECK(verdict(3, push({surveyEvent(702, s)}))["field"] == "consent.version");
    Json e = eventJson(5);
    e["model"] = "no-such-car";
    v = verdict(4, push({analyticsEvent(703, e)}));
    CHECK(v["result"] == "rejected");
    CHECK(v["field"] == "model");
    e = eventJson(6);
    e["option"] = "paint-red";  // an option on a model_viewed event
    CHECK(verdict(5, push({analyticsEvent(704, e)}))["field"] == "option");
    const Counts after = kindCounts(hub);
    CHECK(after.surveys == before.surveys);
    CHECK(after.analytics == before.analytics);
    CHECK(after.events == before.events + 5);  // the verdicts are kept, so a repeat is answered the same
    v = verdict(6, push({surveyEvent(700, surveyJson(2))}));
    CHECK(v["result"] == "duplicate");
    CHECK(v["original"] == "rejected");
}

TEST_CASE("surveys and analytics events apply once, and repeats are duplicates, and advisors list the day's surveys") {
    HubProcess hub({"kiosk-a"}, {"--rate", "1000", "--burst", "1000"});
    httplib::Client http(hub.url());
    http.set_read_timeout(10, 0);
    const std::string token = hub.token("kiosk-a");
    auto r = post(http, token, push({surveyEvent(800, surveyJson(10)), analyticsEvent(801, eventJson(10)),
                                     analyticsEvent(802, eventJson(11))}));
    REQUIRE(r.status == 200);
    auto results = r.body["results"];
    CHECK(results[0]["result"] == "applied");
    CHECK(results[0]["survey"]["status"] == "requested");
    CHECK(results[0]["survey"]["survey_id"] == uuid7(10));
    CHECK(results[1]["result"] == "applied");
    CHECK(results[2]["result"] == "applied");
    // The same events again, and the same survey under a new event id.
    r = post(http, token, push({surveyEvent(800, surveyJson(10)), analyticsEvent(801, eventJson(10)),
                                surveyEvent(803, surveyJson(10))}));
    REQUIRE(r.status == 200);
    results = r.body["results"];
    CHECK(results[0]["result"] == "duplicate");
    CHECK(results[0]["original"] == "applied");
    CHECK(results[0]["survey"]["status"] == "requested");
    CHECK(results[1]["result"] == "duplicate");
    CHECK(results[1]["original"] == "applied");
    CHECK(results[2]["result"] == "duplicate");
    CHECK(results[2]["survey"]["survey_id"] == uuid7(10));
    const Counts c = kindCounts(hub);
    CHECK(c.surveys == 1);
    CHECK(c.analytics == 2);

    // Advisor list by preferred day: masked mobile, audited; a device token alone is not enough.
    const std::string day = surveyJson(10)["preferred_date"];
    auto res = http.Get("/v1/advisor/surveys?date=" + day, {{"Authorization", "Bearer " + hub.token("advisor-1")}});
    REQUIRE(res);
    CHECK(res->status == 401);
    const std::string session = testing_hub::advisorSession(hub, "advisor-1");
    REQUIRE_FALSE(session.empty());
    res = http.Get("/v1/advisor/surveys?date=" + day, {{"Authorization", "Bearer " + session}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const Json list = Json::parse(res->body);
    REQUIRE(list["surveys"].size() == 1);
    const Json& sv = list["surveys"][0];
    CHECK(sv["name"] == "Zhang Wei");
    CHECK(sv["mobile_masked"] == "+86138****8000");
    CHECK(sv["status"] == "requested");
    CHECK(sv["wallbox"] == "wallbox-7kw");
    CHECK(res->body.find("+8613800138000") == std::string::npos);
    res = http.Get("/v1/advisor/surveys?date=2030-13-01", {{"Authorization", "Bearer " + session}});
    REQUIRE(res);
    CHECK(res->status == 400);
    res = http.Get("/v1/advisor/surveys?date=" + day, {{"Authorization", "Bearer " + token}});
    REQUIRE(res);
    CHECK(res->status == 401);
    store::Database db(hub.dbPath());
    auto audit = db.prepare("SELECT actor, action FROM audit_log WHERE booking_id = ? ORDER BY id");
    audit.bind(1, uuid7(10));
    std::vector<std::string> actions;
    while (audit.step()) actions.push_back(audit.text(0) + " " + audit.text(1));
    CHECK(actions == std::vector<std::string>{"kiosk:kiosk-a create", "advisor:li-na list"});
    // An advisor task to call the customer and fix the visit.
    CHECK(db.queryInt("SELECT count(*) FROM advisor_tasks WHERE kind='survey'").value_or(0) == 1);
}

TEST_CASE("sales-hub report over synced events matches kioskctl report over the same events") {
    const auto& c = content();
    auto loaded = core::analytics::loadAnalyticsSettings(c.catalog);
    REQUIRE(loaded.settings);
    const auto vocabulary = core::analytics::vocabularyOf(c.catalog, loaded.settings->screens);
    core::analytics::SimulationSettings sim;
    sim.sessions = 400;
    sim.kiosks = 2;
    sim.days = 3;
    sim.seed = 11;
    sim.zone = loaded.settings->zone;
    std::map<std::string, std::vector<Json>> byKiosk;
    std::string file;
    core::analytics::simulateSessions(c.catalog, sim, [&](const core::analytics::Event& e) {
        auto line = core::analytics::eventToJsonLine(e, vocabulary);
        REQUIRE(line);
        file += *line + "\n";
        byKiosk[e.kiosk].push_back(core::analytics::eventToJson(e));
    });
    HubProcess hub({"kiosk-a", "kiosk-b"}, {"--rate", "1000", "--burst", "1000"});
    httplib::Client http(hub.url());
    http.set_read_timeout(30, 0);
    int n = 10000;
    size_t sent = 0;
    for (const auto& [kiosk, events] : byKiosk)
        for (size_t i = 0; i < events.size(); i += 500) {
            std::vector<Json> batch;
            for (size_t k = i; k < std::min(events.size(), i + 500); ++k) batch.push_back(analyticsEvent(n++, events[k]));
            auto r = post(http, hub.token(kiosk), push(batch, kiosk));
            REQUIRE(r.status == 200);
            for (const auto& res : r.body["results"]) CHECK(res["result"] == "applied");
            sent += batch.size();
        }
    TempDir dir;
    {
        std::ofstream f(dir.file("original.jsonl"), std::ios::binary);
        f << file;
    }
    auto hubArgs = [&](std::vector<std::string> argv) {
        argv.insert(argv.end(), {"--data", hub.dataDir(), "--content", testing_paths::contentDir()});
        argv.insert(argv.end(), hub.databaseArgs().begin(), hub.databaseArgs().end());
        return testing_process::run(argv);
    };
    auto hubReport = hubArgs({SALES_HUB_PATH, "report", "--out", dir.file("hub-report"), "--json"});
    INFO(hubReport.err);
    REQUIRE(hubReport.exitCode == 0);
    REQUIRE(hubArgs({SALES_HUB_PATH, "export-events", "--out", dir.file("export.jsonl")}).exitCode == 0);
    const std::string exported = slurpFile(dir.file("export.jsonl"));
    CHECK(static_cast<size_t>(std::count(exported.begin(), exported.end(), '\n')) == sent);
    const Json hubJson = Json::parse(hubReport.out);
    CHECK(hubJson["events"] == static_cast<std::int64_t>(sent));
    CHECK(hubJson["bad_lines"] == 0);
#ifndef KIOSKCTL_PATH
    KIOSK_SKIP("kioskctl is not built in this configuration; only the hub's own report was checked");
#else
    for (const char* input : {"export.jsonl", "original.jsonl"}) {
        INFO(input);
        auto k = testing_process::run({KIOSKCTL_PATH, "report", dir.file(input), "--out", dir.file(std::string("k-") + input),
                                       "--json", "--content", testing_paths::contentDir()});
        REQUIRE(k.exitCode == 0);
        CHECK(Json::parse(k.out) == hubJson);
    }
    // The same files on disk too.
    for (const char* name : {"summary.json", "builds.csv", "funnel_by_kiosk_day.csv"})
        CHECK(slurpFile(dir.file(std::string("hub-report/") + name)) == slurpFile(dir.file(std::string("k-export.jsonl/") + name)));
#endif
}
