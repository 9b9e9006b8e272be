// sales-hub as a client sees it: a table of malformed and malicious requests (each a 4xx with a
// reason and nothing stored), domain rejections, the advisor API and the per-device rate limit.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <fstream>

#include "core/protocol/SyncProtocol.h"
#include "store/Crypto.h"
#include "store/StoreTestSupport.h"
#include "sync/HubProcess.h"
#include "hub/HubTestSupport.h"

using namespace testing_store;
using testing_hub::HubProcess;
using Json = nlohmann::json;

namespace {

Json bookingJson(int n, const std::string& slot = kDay + "T10:00") {
    core::Booking b = draft("Zhang Wei", "+8613800138000", "heron", slot);
    b.id = uuid7(n);
    b.kioskId = "kiosk-a";
    b.createdMs = 1906000000000LL;
    return core::bookingToJson(b);
}

Json pushBody(const Json& booking, int n = 1000) {
    return {{"protocol", 1},
            {"kiosk_id", "kiosk-a"},
            {"events", Json::array({{{"event_id", uuid7(n)}, {"type", "booking.create"}, {"booking", booking}}})}};
}

struct Count {
    std::int64_t bookings, events, changes;
};
Count bookingCounts(const HubProcess& hub) {
    store::Database db(hub.dbPath());
    return {db.queryInt("SELECT count(*) FROM bookings").value_or(-1), db.queryInt("SELECT count(*) FROM events").value_or(-1),
            db.queryInt("SELECT count(*) FROM changes").value_or(-1)};
}

}  // namespace


TEST_CASE("hostile requests are answered 4xx with a reason and nothing is stored") {
    HubProcess hub({"kiosk-a", "kiosk-b"});
    httplib::Client http(hub.url());
    http.set_read_timeout(10, 0);
    const std::string kiosk = "Bearer " + hub.token("kiosk-a");
    const std::string advisorDevice = "Bearer " + hub.token("advisor-1");
    const std::string advisor = "Bearer " + testing_hub::advisorSession(hub, "advisor-1");
    const std::string sql = "x'; DROP TABLE bookings;--";

    struct Case {
        std::string what;
        std::string method;  // "POST" or "GET"
        std::string path;
        std::string auth;
        std::string contentType;
        std::string body;
        int status;  // expected
    };
    std::vector<Case> cases = {
        {"malformed JSON", "POST", "/v1/sync/push", kiosk, "application/json", "{\"protocol\":1,", 400},
        {"not an object", "POST", "/v1/sync/push", kiosk, "application/json", "[]", 400},
        {"empty body", "POST", "/v1/sync/push", kiosk, "application/json", "", 400},
        {"protocol as string", "POST", "/v1/sync/push", kiosk, "application/json", R"({"protocol":"1","kiosk_id":"kiosk-a","events":[]})", 400},
        {"unsupported protocol", "POST", "/v1/sync/push", kiosk, "application/json", R"({"protocol":2,"kiosk_id":"kiosk-a","events":[]})", 400},
        {"missing token", "POST", "/v1/sync/push", "", "application/json", pushBody(bookingJson(1)).dump(), 401},
        {"bad token", "POST", "/v1/sync/push", "Bearer " + std::string(64, 'a'), "application/json", pushBody(bookingJson(1)).dump(), 401},
        {"SQL as token", "POST", "/v1/sync/push", "Bearer ' OR '1'='1", "application/json", pushBody(bookingJson(1)).dump(), 401},
        {"advisor token on push", "POST", "/v1/sync/push", advisorDevice, "application/json", pushBody(bookingJson(1)).dump(), 403},
        {"other kiosk's id", "POST", "/v1/sync/push", "Bearer " + hub.token("kiosk-b"), "application/json", pushBody(bookingJson(1)).dump(), 403},
        {"wrong content type", "POST", "/v1/sync/push", kiosk, "text/plain", pushBody(bookingJson(1)).dump(), 415},
        {"oversized body", "POST", "/v1/sync/push", kiosk, "application/json", std::string(2 << 20, ' '), 413},
        {"deep nesting", "POST", "/v1/sync/push", kiosk, "application/json", std::string(100000, '[') + std::string(100000, ']'), 400},
        {"invalid UTF-8", "POST", "/v1/sync/push", kiosk, "application/json", "{\"protocol\":1,\"kiosk_id\":\"\xff\xfe\"}", 400},
        {"no events", "POST", "/v1/sync/push", kiosk, "application/json", R"({"protocol":1,"kiosk_id":"kiosk-a","events":[]})", 400},
        {"unknown event type", "POST", "/v1/sync/push", kiosk, "application/json",
         [&] { auto j = pushBody(bookingJson(1)); j["events"][0]["type"] = "booking.delete_all"; return j.dump(); }(), 400},
        {"event id not a UUIDv7", "POST", "/v1/sync/push", kiosk, "application/json",
         [&] { auto j = pushBody(bookingJson(1)); j["events"][0]["event_id"] = sql; return j.dump(); }(), 400},
        {"unknown top-level field", "POST", "/v1/sync/push", kiosk, "application/json",
         [&] { auto j = pushBody(bookingJson(1)); j["admin"] = true; return j.dump(); }(), 400},
        {"too many events", "POST", "/v1/sync/push", kiosk, "application/json",
         [&] {
             auto j = pushBody(bookingJson(1));
             for (int i = 0; i < 500; ++i) j["events"].push_back(j["events"][0]);
             return j.dump();
         }(), 400},
        {"pull cursor negative", "GET", "/v1/sync/pull?cursor=-1", kiosk, "", "", 400},
        {"pull cursor SQL", "GET", "/v1/sync/pull?cursor=1%3BDROP%20TABLE%20changes", kiosk, "", "", 400},
        {"pull limit too large", "GET", "/v1/sync/pull?limit=100000", kiosk, "", "", 400},
        {"pull unknown parameter", "GET", "/v1/sync/pull?cursor=0&kiosk_id=kiosk-b", kiosk, "", "", 400},
        {"pull without token", "GET", "/v1/sync/pull", "", "", "", 401},
        {"allocation negative seats", "POST", "/v1/sync/allocations", kiosk, "application/json",
         R"({"protocol":1,"kiosk_id":"kiosk-a","slots":[{"slot_key":"heron@2030-06-07T10:00","seats":-1}]})", 400},
        {"allocation SQL slot", "POST", "/v1/sync/allocations", kiosk, "application/json",
         Json{{"protocol", 1}, {"kiosk_id", "kiosk-a"}, {"slots", {{{"slot_key", sql}, {"seats", 1}}}}}.dump(), 400},
        {"advisor date SQL", "GET", "/v1/advisor/bookings?date=2030-06-07%27%20OR%201%3D1", advisor, "", "", 400},
        {"advisor API with kiosk token", "GET", "/v1/advisor/bookings?date=2030-06-07", kiosk, "", "", 401},
        {"advisor API with an advisor device token but no login", "GET", "/v1/advisor/bookings?date=2030-06-07", advisorDevice, "", "", 401},
        {"advisor session on push", "POST", "/v1/sync/push", advisor, "application/json", pushBody(bookingJson(1)).dump(), 403},
        {"login with SQL as advisor id", "POST", "/v1/advisor/login", kiosk, "application/json",
         Json{{"advisor_id", sql}, {"password", "x"}}.dump(), 400},
        {"login with an extra field", "POST", "/v1/advisor/login", kiosk, "application/json",
         R"({"advisor_id":"li-na","password":"x","role":"admin"})", 400},
        {"login without a device token", "POST", "/v1/advisor/login", "", "application/json",
         R"({"advisor_id":"li-na","password":"x"})", 401},
        {"advisor action on a bad id", "POST", "/v1/advisor/bookings/'%20OR%201=1/cancel", advisor, "application/json", "", 400},
        {"advisor unknown booking", "POST", "/v1/advisor/bookings/" + uuid7(77) + "/cancel", advisor, "application/json", "", 404},
        {"device registration disabled", "POST", "/v1/admin/devices", "", "application/json", R"({"device_id":"x","role":"kiosk"})", 404},
        {"unknown endpoint", "GET", "/v1/../../etc/passwd", kiosk, "", "", 404},
    };
    // SQL metacharacters, control characters, wrong types and oversized values in every booking field.
    const std::vector<std::string> fields = {"booking_id", "name", "mobile", "email", "model", "trim", "mode", "slot",
                                             "queue_date", "config_code", "kiosk_id"};
    for (const auto& f : fields) {
        auto j = bookingJson(1);
        j[f] = sql;
        cases.push_back({"SQL in " + f, "POST", "/v1/sync/push", kiosk, "application/json", pushBody(j).dump(), 400});
        j[f] = 12345;
        cases.push_back({"number in " + f, "POST", "/v1/sync/push", kiosk, "application/json", pushBody(j).dump(), 400});
    }
    for (const auto& f : {"purpose", "version"}) {
        auto j = bookingJson(1);
        j["consent"][f] = sql;
        cases.push_back({std::string("SQL in consent.") + f, "POST", "/v1/sync/push", kiosk, "application/json", pushBody(j).dump(), 400});
    }
    auto mutate = [&](const std::string& what, auto fn) {
        auto j = bookingJson(1);
        fn(j);
        cases.push_back({what, "POST", "/v1/sync/push", kiosk, "application/json", pushBody(j).dump(), 400});
    };
    mutate("control character in name", [](Json& j) { j["name"] = "Anna\x07Lee"; });
    mutate("NUL in name", [](Json& j) { j["name"] = std::string("Anna\0Lee", 8); });
    mutate("bidi override in name", [](Json& j) { j["name"] = "Anna\u202eLee"; });
    mutate("10 000-character name", [](Json& j) { j["name"] = std::string(10000, 'a'); });
    mutate("licence as string", [](Json& j) { j["licence_confirmed"] = "yes"; });
    mutate("created_ms as float", [](Json& j) { j["created_ms"] = 1.5e12; });
    mutate("created_ms as string", [](Json& j) { j["created_ms"] = "now"; });
    mutate("consent as string", [](Json& j) { j["consent"] = "yes"; });
    mutate("consent contact as number", [](Json& j) { j["consent"]["contact_permission"] = 1; });
    mutate("unknown booking field", [](Json& j) { j["status"] = "confirmed"; });
    mutate("missing mobile", [](Json& j) { j.erase("mobile"); });
    mutate("booking kiosk differs", [](Json& j) { j["kiosk_id"] = "kiosk-b"; });
    mutate("queue_place negative", [](Json& j) { j["queue_place"] = -5; });

    const Count before = bookingCounts(hub);
    for (const auto& c : cases) {
        INFO(c.what);
        httplib::Headers headers;
        if (!c.auth.empty()) headers.emplace("Authorization", c.auth);
        auto res = c.method == "GET" ? http.Get(c.path.c_str(), headers)
                                     : http.Post(c.path.c_str(), headers, c.body, c.contentType.empty() ? "application/json" : c.contentType.c_str());
        REQUIRE(res);
        CHECK(res->status == c.status);
        CHECK(res->status >= 400);
        CHECK(res->status < 500);
        Json body;
        REQUIRE_NOTHROW(body = Json::parse(res->body));
        CHECK(body.contains("error"));
        CHECK(body.contains("reason"));
        CHECK(res->body.find("DROP TABLE") == std::string::npos);  // values are never echoed
    }
    const Count after = bookingCounts(hub);
    CHECK(after.bookings == 0);
    CHECK(after.events == before.events);
    CHECK(after.changes == before.changes);
    store::Database db(hub.dbPath());
    CHECK(db.queryText("PRAGMA integrity_check") == "ok");
    CHECK(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name='bookings'") == 1);

    // Well-formed but refused by the content (unknown model, slot off the grid): a per-event
    // "rejected" naming the field; the verdict is remembered, no booking is stored.
    auto j = bookingJson(5);
    j["model"] = "falcon";
    auto res = http.Post("/v1/sync/push", {{"Authorization", kiosk}}, pushBody(j, 5).dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto r = Json::parse(res->body)["results"][0];
    CHECK(r["result"] == "rejected");
    CHECK(r["field"] == "model");
    res = http.Post("/v1/sync/push", {{"Authorization", kiosk}}, pushBody(j, 5).dump(), "application/json");
    r = Json::parse(res->body)["results"][0];
    CHECK(r["result"] == "duplicate");
    CHECK(r["original"] == "rejected");
    CHECK(bookingCounts(hub).bookings == 0);
}

TEST_CASE("advisor API: list a day, check in, start, complete, no-show, cancel, reschedule") {
    HubProcess hub({"kiosk-a"});
    httplib::Client http(hub.url());
    const httplib::Headers kiosk = {{"Authorization", "Bearer " + hub.token("kiosk-a")}};
    const httplib::Headers advisor = {{"Authorization", "Bearer " + testing_hub::advisorSession(hub, "kiosk-a")}};
    Json body = pushBody(bookingJson(1), 101);
    for (int i = 2; i <= 4; ++i)
        body["events"].push_back({{"event_id", uuid7(100 + i)}, {"type", "booking.create"}, {"booking", bookingJson(i, kDay + "T11:00")}});
    auto res = http.Post("/v1/sync/push", kiosk, body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto results = Json::parse(res->body)["results"];
    CHECK(results[3]["result"] == "conflict");  // heron: two cars, the third at 11:00 conflicts
    CHECK(results[3]["booking"]["alternative_slot"] == kDay + "T12:00");

    res = http.Get(("/v1/advisor/bookings?date=" + kDay).c_str(), advisor);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto list = Json::parse(res->body)["bookings"];
    REQUIRE(list.size() == 4);
    CHECK(list[0]["name"] == "Zhang Wei");  // advisors see who is coming ...
    CHECK(list[0]["mobile_masked"] == "+86138****8000");  // ... but the full number only in the detail view
    CHECK_FALSE(list[0].contains("mobile"));
    CHECK_FALSE(list[0].contains("email"));
    res = http.Get(("/v1/advisor/bookings/" + uuid7(1)).c_str(), advisor);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(Json::parse(res->body)["booking"]["mobile"] == "+8613800138000");

    auto act = [&](int n, const std::string& action, const std::string& json = "") {
        return http.Post(("/v1/advisor/bookings/" + uuid7(n) + "/" + action).c_str(), advisor, json, "application/json");
    };
    CHECK(act(1, "check-in")->status == 200);
    CHECK(act(1, "start")->status == 200);
    CHECK(act(1, "complete")->status == 200);
    CHECK(act(1, "complete")->status == 409);  // already completed
    CHECK(act(2, "no-show")->status == 200);
    CHECK(act(3, "cancel")->status == 200);  // frees a seat at 11:00
    res = act(4, "reschedule", "{\"slot\":\"" + kDay + "T11:00\"}");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(Json::parse(res->body)["booking"]["status"] == "confirmed");
    CHECK(act(4, "reschedule", "{\"slot\":\"" + kDay + "T11:30\"}")->status == 400);  // not a slot start
    res = http.Get("/v1/advisor/tasks", advisor);
    CHECK(Json::parse(res->body)["tasks"].empty());  // the conflict's task closed by the reschedule
}

TEST_CASE("requests beyond the per-device rate are refused with 429") {
    HubProcess hub({"kiosk-a"}, {"--rate", "1", "--burst", "3"});
    httplib::Client http(hub.url());
    const httplib::Headers kiosk = {{"Authorization", "Bearer " + hub.token("kiosk-a")}};
    int ok = 0, limited = 0;
    for (int i = 0; i < 6; ++i) {
        auto res = http.Get("/v1/sync/pull?cursor=0", kiosk);
        REQUIRE(res);
        ok += res->status == 200;
        limited += res->status == 429;
    }
    CHECK(ok >= 3);
    CHECK(limited >= 2);
}
