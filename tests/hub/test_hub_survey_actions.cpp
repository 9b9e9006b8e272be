// Advisor actions on home-charger site surveys: the full detail read, scheduled / done / cancel /
// withdraw with their refusals, withdrawal erasing the personal fields at once, the audit log
// (no personal data in it), the advisor task closed, the kiosk told through the pull feed, and
// the HTTP endpoints with the booking endpoints' authentication and error shapes.
#include <catch2/catch.hpp>

#include <httplib.h>

#include "hub/HubTestSupport.h"
#include "store/Sqlite.h"

using namespace testing_hub;

namespace {

const hub::Principal kAdvisor{"kiosk-b", "advisor", "li-na"};

core::charging::SurveyBooking survey(int n) {
    auto s = testing_store::surveyDraft("Zhang Wei", "+8613800138000", "Riverside Gardens");
    s.id = uuid7(n);
    s.kioskId = "kiosk-a";
    s.createdMs = testing_store::kNowMs;
    return s;
}

void pushSurvey(hub::HubStore& s, int n) {
    core::PushEvent e;
    e.eventId = uuid7(7000 + n);
    e.type = core::kSurveyCreate;
    e.survey = survey(n);
    const auto r = s.sync().push({"kiosk-a", {e}}, testing_store::kNowMs);
    REQUIRE(r.results.size() == 1);
    REQUIRE(r.results[0].outcome == core::EventOutcome::Applied);
}

std::string statusOf(hub::HubStore& s, int n) {
    return s.backend().run("SELECT status FROM surveys WHERE survey_id = ?", {uuid7(n)}).front().text(0);
}

std::int64_t openTasksFor(hub::HubStore& s, int n) {
    return s.backend()
        .run("SELECT count(*) FROM advisor_tasks WHERE booking_id = ? AND done = 0", {uuid7(n)})
        .front()
        .integer(0);
}

}  // namespace

TEST_CASE("survey actions: requested to scheduled to done, cancel, and every invalid transition refused with 409") {
    StoreUnderTest t;
    hub::HubStore& s = *t.store;
    const std::int64_t now = testing_store::kNowMs;
    for (int n = 1; n <= 4; ++n) pushSurvey(s, n);
    core::HubSurvey out;

    // 1: requested -> scheduled (with a new day) -> done.
    REQUIRE(openTasksFor(s, 1) == 1);
    const std::string newDay = testing_store::today().plusDays(5).toString();
    CHECK_FALSE(s.surveys().act(uuid7(1), "scheduled", newDay, now + 1, out, kAdvisor));
    CHECK(out.status == "scheduled");
    CHECK(out.preferredDate == newDay);
    CHECK(out.surveyId == uuid7(1));
    CHECK(openTasksFor(s, 1) == 0);  // the task to arrange the visit is settled
    auto refused = s.surveys().act(uuid7(1), "scheduled", "", now + 2, out, kAdvisor);
    REQUIRE(refused);
    CHECK(refused->status == 409);
    CHECK(refused->code == "invalid_transition");
    CHECK_FALSE(s.surveys().act(uuid7(1), "done", "", now + 3, out, kAdvisor));
    CHECK(statusOf(s, 1) == "done");
    for (const char* action : {"scheduled", "done", "cancel"}) {
        INFO(action);
        auto e = s.surveys().act(uuid7(1), action, "", now + 4, out, kAdvisor);
        REQUIRE(e);
        CHECK(e->status == 409);
        CHECK(e->code == "invalid_transition");
    }
    CHECK(statusOf(s, 1) == "done");

    // 2: requested -> scheduled (same day) -> cancelled; nothing after a cancel but a withdrawal.
    CHECK_FALSE(s.surveys().act(uuid7(2), "scheduled", "", now + 1, out, kAdvisor));
    CHECK(out.preferredDate == survey(2).preferredDate);
    CHECK_FALSE(s.surveys().act(uuid7(2), "cancel", "", now + 2, out, kAdvisor));
    CHECK(out.status == "cancelled");
    for (const char* action : {"scheduled", "done", "cancel"}) {
        INFO(action);
        auto e = s.surveys().act(uuid7(2), action, "", now + 3, out, kAdvisor);
        REQUIRE(e);
        CHECK(e->status == 409);
    }

    // 3: requested -> cancelled directly; done straight from requested is refused.
    auto early = s.surveys().act(uuid7(3), "done", "", now + 1, out, kAdvisor);
    REQUIRE(early);
    CHECK(early->status == 409);
    CHECK(openTasksFor(s, 3) == 1);  // a refused action changes nothing
    CHECK_FALSE(s.surveys().act(uuid7(3), "cancel", "", now + 2, out, kAdvisor));
    CHECK(statusOf(s, 3) == "cancelled");
    CHECK(openTasksFor(s, 3) == 0);

    // Unknown survey, unknown action, a day in the past, a day on an action that takes none.
    auto missing = s.surveys().act(uuid7(99), "cancel", "", now, out, kAdvisor);
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->code == "not_found");
    auto unknown = s.surveys().act(uuid7(4), "check-in", "", now, out, kAdvisor);
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(unknown->code == "unknown_action");
    auto past = s.surveys().act(uuid7(4), "scheduled", testing_store::today().plusDays(-1).toString(), now, out, kAdvisor);
    REQUIRE(past);
    CHECK(past->status == 400);
    CHECK(past->code == "invalid_date");
    auto stray = s.surveys().act(uuid7(4), "cancel", newDay, now, out, kAdvisor);
    REQUIRE(stray);
    CHECK(stray->status == 400);
    CHECK(statusOf(s, 4) == "requested");
    CHECK(openTasksFor(s, 4) == 1);

    // The survey's kiosk hears of each change through the pull feed (latest state only, no
    // personal fields); other kiosks do not.
    const auto page = s.sync().pull("kiosk-a", 0, 1000);
    std::map<std::string, nlohmann::json> seen;
    for (const auto& c : page.changes)
        if (c.kind == "survey") seen[c.key] = c.data;
    REQUIRE(seen.size() == 3);
    CHECK(seen[uuid7(1)]["status"] == "done");
    CHECK(seen[uuid7(1)]["preferred_date"] == newDay);
    CHECK(seen[uuid7(2)]["status"] == "cancelled");
    CHECK(seen[uuid7(1)].dump().find("8613800138000") == std::string::npos);
    for (const auto& c : s.sync().pull("kiosk-b", 0, 1000).changes) CHECK(c.kind != "survey");
}

TEST_CASE("survey withdrawal erases name, mobile and district at once, from any state, once, and the audit log holds no personal data") {
    StoreUnderTest t;
    hub::HubStore& s = *t.store;
    const std::int64_t now = testing_store::kNowMs;
    for (int n = 1; n <= 4; ++n) pushSurvey(s, n);
    core::HubSurvey out;

    auto detail = s.surveys().detail(uuid7(1), kAdvisor, now + 1);
    REQUIRE(detail);
    CHECK(detail->mobile == "+8613800138000");
    CHECK(detail->name == "Zhang Wei");
    CHECK(detail->district == "Riverside Gardens");
    CHECK(detail->consentVersion == survey(1).consent.version);
    CHECK(detail->personalDataErased == false);
    CHECK(detail->consentWithdrawn == false);
    CHECK(detail->status == "requested");
    CHECK_FALSE(s.surveys().detail(uuid7(99), kAdvisor, now + 1));

    // requested: withdrawn and cancelled. scheduled: cancelled. done and cancelled keep their outcome.
    CHECK_FALSE(s.surveys().act(uuid7(2), "scheduled", "", now + 1, out, kAdvisor));
    CHECK_FALSE(s.surveys().act(uuid7(3), "scheduled", "", now + 1, out, kAdvisor));
    CHECK_FALSE(s.surveys().act(uuid7(3), "done", "", now + 2, out, kAdvisor));
    CHECK_FALSE(s.surveys().act(uuid7(4), "cancel", "", now + 2, out, kAdvisor));
    const std::map<int, std::string> after = {{1, "cancelled"}, {2, "cancelled"}, {3, "done"}, {4, "cancelled"}};
    for (const auto& [n, status] : after) {
        INFO("survey " << n);
        CHECK_FALSE(s.surveys().act(uuid7(n), "withdraw", "", now + 10, out, kAdvisor));
        CHECK(out.status == status);
        auto row = s.backend().run("SELECT name, mobile, district, purged_ms, withdrawn_ms, status, wallbox "
                                   "FROM surveys WHERE survey_id = ?",
                                   {uuid7(n)});
        CHECK(row.front().text(0).empty());
        CHECK(row.front().text(1).empty());
        CHECK(row.front().text(2).empty());
        CHECK(row.front().integer(3) == now + 10);
        CHECK(row.front().integer(4) == now + 10);
        CHECK(row.front().text(5) == status);
        CHECK(row.front().text(6) == "wallbox-7kw");  // the non-personal record stays
        CHECK(openTasksFor(s, n) == 0);
        // Once only.
        auto again = s.surveys().act(uuid7(n), "withdraw", "", now + 11, out, kAdvisor);
        REQUIRE(again);
        CHECK(again->status == 409);
        CHECK(again->code == "invalid_transition");
    }
    auto gone = s.surveys().detail(uuid7(1), kAdvisor, now + 12);
    REQUIRE(gone);
    CHECK(gone->personalDataErased == true);
    CHECK(gone->consentWithdrawn == true);
    CHECK(gone->name == "");
    CHECK(gone->mobile == "");
    CHECK(gone->district.empty());
    auto rows = s.backend().run("SELECT count(*) FROM surveys WHERE name <> '' OR mobile <> '' OR district <> ''", {});
    CHECK(rows.front().integer(0) == 0);
    // Nothing left for the retention purge.
    CHECK(s.retention().purgeExpired(now + 400 * 86400000LL) == 0);

    // Every read and action is in the audit log, by whom and from which device, without personal data.
    const auto log = s.desk().auditFor(uuid7(3));
    std::vector<std::string> actions;
    for (const auto& a : log) actions.push_back(a.actor + " " + a.action);
    CHECK(actions == std::vector<std::string>{"kiosk:kiosk-a create", "advisor:li-na scheduled", "advisor:li-na done",
                                              "advisor:li-na withdraw"});
    const auto log1 = s.desk().auditFor(uuid7(1));
    REQUIRE(log1.size() == 4);
    CHECK(log1[1].action == "read");
    CHECK(log1[1].deviceId == "kiosk-b");
    CHECK(log1[2].action == "withdraw");
    CHECK(log1[3].action == "read");
    auto all = s.backend().run("SELECT actor, device_id, booking_id, action, detail FROM audit_log", {});
    for (const auto& row : all.rows)
        for (size_t c = 0; c < row.values.size(); ++c) {
            CHECK(row.text(c).find("Zhang") == std::string::npos);
            CHECK(row.text(c).find("8613800138000") == std::string::npos);
            CHECK(row.text(c).find("Riverside") == std::string::npos);
        }
}

TEST_CASE("a hub database of schema version 3 migrates to 4 keeping its surveys, which can then be withdrawn") {
    StoreUnderTest t;
    pushSurvey(*t.store, 1);
    // Make it look like a version-3 hub: no withdrawn_ms column yet.
    t.store->backend().run("ALTER TABLE surveys DROP COLUMN withdrawn_ms", {});
    t.store->backend().run("DROP TABLE advisor_login_failures", {});  // schema 5
    t.store->backend().run("DROP TABLE hub_meta", {});                // schema 6
    t.store->backend().run("DROP TABLE kiosk_status", {});            // schema 7
    t.store->backend().run("DROP TABLE content_versions", {});        // schema 8
    t.store->backend().run("DROP TABLE content_reports", {});
    t.store->backend().setSchemaVersion(3);
    const auto& c = testing_store::content();
    t.store.reset();
    if (t.pg.empty())
        t.store = std::make_unique<hub::HubStore>(t.dir.file("hub.db"), c.catalog, c.settings);
    else
        t.store = std::make_unique<hub::HubStore>(t.pg, c.catalog, c.settings, hub::HubSettings{}, t.schema);
    hub::HubStore& s = *t.store;
    CHECK(s.backend().schemaVersion() == hub::HubStore::kSchemaVersion);
    CHECK(s.count("surveys") == 1);
    auto d = s.surveys().detail(uuid7(1), kAdvisor, testing_store::kNowMs);
    REQUIRE(d);
    CHECK(d->name == "Zhang Wei");
    CHECK(d->consentWithdrawn == false);
    core::HubSurvey out;
    CHECK_FALSE(s.surveys().act(uuid7(1), "withdraw", "", testing_store::kNowMs + 1, out, kAdvisor));
    CHECK(s.surveys().detail(uuid7(1), kAdvisor, testing_store::kNowMs + 2)->personalDataErased);
}

TEST_CASE("advisor survey endpoints over HTTP: session token required, detail and actions, the booking endpoints' error shapes") {
    HubProcess hub({"kiosk-a"}, {"--rate", "1000", "--burst", "1000"});
    httplib::Client http(hub.url());
    http.set_read_timeout(10, 0);
    {
        auto s1 = survey(1), s2 = survey(2);
        nlohmann::json events = nlohmann::json::array();
        events.push_back({{"event_id", uuid7(7001)}, {"type", "survey.create"}, {"survey", core::charging::surveyBookingToJson(s1)}});
        events.push_back({{"event_id", uuid7(7002)}, {"type", "survey.create"}, {"survey", core::charging::surveyBookingToJson(s2)}});
        auto res = http.Post("/v1/sync/push", {{"Authorization", "Bearer " + hub.token("kiosk-a")}},
                             nlohmann::json{{"protocol", 1}, {"kiosk_id", "kiosk-a"}, {"events", events}}.dump(),
                             "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        const auto body = nlohmann::json::parse(res->body);
        CHECK(body["results"][0]["result"] == "applied");
        CHECK(body["results"][1]["result"] == "applied");
    }
    struct Reply {
        int status = 0;
        nlohmann::json body;
    };
    auto call = [&](const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body = "") -> Reply {
        httplib::Headers h = {{"Authorization", "Bearer " + token}};
        auto res = method == "GET" ? http.Get(path, h) : http.Post(path, h, body, "application/json");
        if (!res) return {};
        Reply r{res->status, {}};
        try {
            r.body = nlohmann::json::parse(res->body);
        } catch (const std::exception&) {
        }
        return r;
    };
    const std::string id1 = uuid7(1), id2 = uuid7(2);
    // A device token alone (advisor tablet or kiosk) is not an advisor session.
    for (const std::string device : {"advisor-1", "kiosk-a"}) {
        INFO(device);
        auto r = call("GET", "/v1/advisor/surveys/" + id1, hub.token(device));
        CHECK(r.status == 401);
        r = call("POST", "/v1/advisor/surveys/" + id1 + "/scheduled", hub.token(device));
        CHECK(r.status == 401);
        if (device == "advisor-1") CHECK(r.body["error"] == "advisor_login_required");
    }
    CHECK(call("GET", "/v1/advisor/surveys/" + id1, std::string(64, 'a')).status == 401);
    const std::string session = advisorSession(hub, "advisor-1");
    REQUIRE_FALSE(session.empty());

    auto r = call("GET", "/v1/advisor/surveys/" + id1, session);
    REQUIRE(r.status == 200);
    CHECK(r.body["survey"]["mobile"] == "+8613800138000");
    CHECK(r.body["survey"]["district"] == "Riverside Gardens");
    CHECK(r.body["survey"]["personal_data_erased"] == false);
    r = call("GET", "/v1/advisor/surveys/not-a-uuid", session);
    CHECK(r.status == 400);
    CHECK(r.body["error"] == "invalid_id");
    CHECK(r.body["field"] == "survey_id");
    r = call("GET", "/v1/advisor/surveys/" + uuid7(99), session);
    CHECK(r.status == 404);
    CHECK(r.body["error"] == "not_found");

    const std::string day = testing_store::today().plusDays(6).toString();
    r = call("POST", "/v1/advisor/surveys/" + id1 + "/scheduled", session, nlohmann::json{{"date", day}}.dump());
    REQUIRE(r.status == 200);
    CHECK(r.body["survey"]["status"] == "scheduled");
    CHECK(r.body["survey"]["preferred_date"] == day);
    r = call("POST", "/v1/advisor/surveys/" + id1 + "/scheduled", session);
    CHECK(r.status == 409);
    CHECK(r.body["error"] == "invalid_transition");
    CHECK(r.body.contains("reason"));
    r = call("POST", "/v1/advisor/surveys/" + id1 + "/done", session);
    CHECK(r.status == 200);
    CHECK(r.body["survey"]["status"] == "done");
    r = call("POST", "/v1/advisor/surveys/" + id2 + "/scheduled", session, R"({"date": "2030-13-40"})");
    CHECK(r.status == 400);
    CHECK(r.body["field"] == "date");
    r = call("POST", "/v1/advisor/surveys/" + id2 + "/scheduled", session, R"({"slot": "2030-06-07T10:00"})");
    CHECK(r.status == 400);
    CHECK(r.body["error"] == "wrong_type");
    r = call("POST", "/v1/advisor/surveys/" + id2 + "/scheduled", session, "{");
    CHECK(r.status == 400);
    CHECK(r.body["error"] == "malformed_json");
    r = call("POST", "/v1/advisor/surveys/bad-id/cancel", session);
    CHECK(r.status == 400);
    CHECK(r.body["error"] == "invalid_id");
    r = call("POST", "/v1/advisor/surveys/" + uuid7(99) + "/cancel", session);
    CHECK(r.status == 404);
    r = call("POST", "/v1/advisor/surveys/" + id2 + "/no-show", session);
    CHECK(r.status == 404);
    CHECK(r.body["error"] == "unknown_action");
    r = call("POST", "/v1/advisor/surveys/" + id2 + "/withdraw", session);
    REQUIRE(r.status == 200);
    CHECK(r.body["survey"]["status"] == "cancelled");
    r = call("POST", "/v1/advisor/surveys/" + id2 + "/withdraw", session);
    CHECK(r.status == 409);
    r = call("GET", "/v1/advisor/surveys/" + id2, session);
    REQUIRE(r.status == 200);
    CHECK(r.body["survey"]["personal_data_erased"] == true);
    CHECK(r.body["survey"]["mobile"] == "");
    CHECK(r.body.dump().find("Zhang") == std::string::npos);

    // The audit trail through the API, and in the stored log: no personal data.
    r = call("GET", "/v1/advisor/surveys/" + id1 + "/audit", session);
    REQUIRE(r.status == 200);
    std::vector<std::string> actions;
    for (const auto& a : r.body["audit"]) actions.push_back(a["actor"].get<std::string>() + " " + a["action"].get<std::string>());
    CHECK(actions == std::vector<std::string>{"kiosk:kiosk-a create", "advisor:li-na read", "advisor:li-na scheduled",
                                              "advisor:li-na done"});
    CHECK(r.body["audit"][2]["device_id"] == "advisor-1");
    store::Database db(hub.dbPath());
    auto rows = db.prepare("SELECT actor || device_id || booking_id || action || detail FROM audit_log");
    int n = 0;
    while (rows.step()) {
        ++n;
        CHECK(rows.text(0).find("8613800138000") == std::string::npos);
        CHECK(rows.text(0).find("Zhang") == std::string::npos);
        CHECK(rows.text(0).find("Riverside") == std::string::npos);
    }
    CHECK(n == 8);  // 2 creations, the login, 2 reads, 3 actions (refusals change nothing, so are not logged)
    CHECK(db.queryInt("SELECT count(*) FROM surveys WHERE survey_id = '" + id2 + "' AND name = '' AND mobile = '' AND district = ''")
              .value_or(0) == 1);
    CHECK(db.queryInt("SELECT count(*) FROM advisor_tasks WHERE kind = 'survey' AND done = 0").value_or(-1) == 0);
}
