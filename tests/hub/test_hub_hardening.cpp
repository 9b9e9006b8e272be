// The smaller hardening points of the hub's API: a client's own text (an unknown key or query
// name) is never echoed in full or with markup, the content type is matched exactly, and an
// empty booking mode is refused rather than read as "slot".
#include <catch2/catch.hpp>

#include <httplib.h>

#include <functional>

#include "core/protocol/SyncProtocol.h"
#include "hub/HubTestSupport.h"
#include "store/StoreTestSupport.h"
#include "sync/HubProcess.h"

using testing_hub::HubProcess;
using testing_hub::uuid7;
using Json = nlohmann::json;

namespace {

Json pushOf(int n, const std::function<void(Json&)>& change = {}) {
    core::Booking b = testing_store::draft("Zhang Wei", "+8613800138000", "heron", testing_store::kDay + "T10:00");
    b.id = uuid7(n);
    b.kioskId = "kiosk-a";
    b.createdMs = 1906000000000LL;
    Json booking = core::bookingToJson(b);
    if (change) change(booking);
    return {{"protocol", 1},
            {"kiosk_id", "kiosk-a"},
            {"events", Json::array({{{"event_id", uuid7(5000 + n)}, {"type", "booking.create"}, {"booking", booking}}})}};
}

}  // namespace

TEST_CASE("hub hardening: unknown keys and query names are not echoed, content type exact, mode \"\" refused") {
    HubProcess hub({"kiosk-a"});
    httplib::Client http(hub.url());
    http.set_read_timeout(10, 0);
    const httplib::Headers auth = {{"Authorization", "Bearer " + hub.token("kiosk-a")}};

    for (const std::string& key : {std::string(900 * 1024, 'k'), std::string("<script>alert(1)</script>")}) {
        Json body = pushOf(1);
        body[key] = true;
        auto r = http.Post("/v1/sync/push", auth, body.dump(), "application/json");
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(r->body.size() < 400);
        const Json answer = Json::parse(r->body);
        INFO(r->body);
        REQUIRE(answer.contains("field"));
        const std::string field = answer["field"];
        CHECK(field.size() <= 67);
        CHECK(field.find('<') == std::string::npos);
        CHECK(field.find('>') == std::string::npos);
    }
    auto q = http.Get("/v1/sync/pull?%3Cimg%20src%3Dx%3E=1", auth);
    REQUIRE(q);
    CHECK(q->status == 400);
    CHECK(q->body.find('<') == std::string::npos);

    for (const char* type : {"application/jsonfoo", "application/json-patch+json", "text/json"}) {
        INFO(type);
        auto r = http.Post("/v1/sync/push", auth, pushOf(2).dump(), type);
        REQUIRE(r);
        CHECK(r->status == 415);
    }
    auto ok = http.Post("/v1/sync/push", auth, pushOf(2).dump(), "Application/JSON; charset=utf-8");
    REQUIRE(ok);
    CHECK(ok->status == 200);

    auto empty = http.Post("/v1/sync/push", auth, pushOf(3, [](Json& b) { b["mode"] = ""; }).dump(), "application/json");
    REQUIRE(empty);
    INFO(empty->body);
    CHECK(empty->status == 400);
    CHECK(empty->body.find("mode") != std::string::npos);
}
