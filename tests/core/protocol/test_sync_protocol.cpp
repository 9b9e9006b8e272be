// The push body's three event kinds: round trips and strict parsing naming the field.
#include <catch2/catch.hpp>

#include "core/protocol/SyncProtocol.h"

namespace {

core::Booking goodBooking() {
    core::Booking b;
    const unsigned char rnd[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    b.id = core::formatUuidV7(1790000000000LL, rnd);
    b.name = "张伟";
    b.mobile = "+8613800138000";
    b.model = "heron";
    b.mode = core::BookingMode::Slot;
    b.slot = "2026-11-20T10:00";
    b.licenceConfirmed = true;
    b.consent.version = "2026-11-01";
    b.kioskId = "kiosk-a";
    b.createdMs = 1790000000000LL;
    return b;
}

core::charging::SurveyBooking goodSurvey() {
    core::charging::SurveyBooking s;
    const unsigned char rnd[10] = {9, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    s.id = core::formatUuidV7(1790000000001LL, rnd);
    s.name = "李娜";
    s.mobile = "+8613900139000";
    s.preferredDate = "2026-11-25";
    s.period = "morning";
    s.parking = "private_garage";
    s.supply = "single_phase";
    s.wallbox = "wallbox-7kw";
    s.model = "heron";
    s.consent.version = "survey-2026-11-01";
    s.kioskId = "kiosk-a";
    s.createdMs = 1790000000001LL;
    return s;
}

core::analytics::Event goodEvent() {
    core::analytics::Event e;
    e.type = core::analytics::EventType::ModelViewed;
    e.session = std::string(22, 'q');
    e.kiosk = "kiosk-a";
    e.timeS = 1790000000;
    e.model = "heron";
    return e;
}

std::string uuid(int n) {
    const unsigned char rnd[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, static_cast<unsigned char>(n)};
    return core::formatUuidV7(1790000000000LL + n, rnd);
}

core::PushRequest mixed() {
    core::PushRequest req{"kiosk-a", {{uuid(1), core::kBookingCreate, goodBooking()}}};
    core::PushEvent s;
    s.eventId = uuid(2);
    s.type = core::kSurveyCreate;
    s.survey = goodSurvey();
    core::PushEvent a;
    a.eventId = uuid(3);
    a.type = core::kAnalyticsEvent;
    a.analytics = goodEvent();
    req.events.push_back(s);
    req.events.push_back(a);
    return req;
}

std::string firstField(const nlohmann::json& body) {
    core::FieldErrors errors;
    if (core::parsePushRequest(body, errors)) return "(accepted)";
    return errors.empty() ? "(no error)" : errors.front().field;
}

}  // namespace

TEST_CASE("push requests carry bookings, surveys and analytics events and parse back") {
    const auto req = mixed();
    const auto j = core::toJson(req);
    CHECK(j["events"][0]["type"] == "booking.create");
    CHECK(j["events"][0].contains("booking"));
    CHECK(j["events"][1]["survey"]["survey_id"] == req.events[1].survey->id);
    CHECK(j["events"][2]["event"]["session"] == std::string(22, 'q'));
    core::FieldErrors errors;
    auto back = core::parsePushRequest(j, errors);
    REQUIRE(back);
    REQUIRE(back->events.size() == 3);
    CHECK(back->events[0].booking.id == req.events[0].booking.id);
    REQUIRE(back->events[1].survey);
    CHECK(core::charging::surveyBookingToJson(*back->events[1].survey) == core::charging::surveyBookingToJson(*req.events[1].survey));
    REQUIRE(back->events[2].analytics);
    CHECK(core::analytics::eventToJson(*back->events[2].analytics) == core::analytics::eventToJson(goodEvent()));
    CHECK(core::toJson(*back) == j);
}

TEST_CASE("the push parser is strict for every kind and names the field") {
    auto bad = core::toJson(mixed());
    bad["events"][0]["booking"]["mobile"] = "13800138000";
    CHECK(firstField(bad) == "events[0].booking.mobile");
    bad = core::toJson(mixed());
    bad["protocol"] = 2;
    core::FieldErrors errors;
    CHECK_FALSE(core::parsePushRequest(bad, errors));
    CHECK(errors[0].code == "unsupported_protocol");

    auto base = core::toJson(mixed());
    auto with = [&](const std::string& path, const nlohmann::json& value) {
        auto j = base;
        j[nlohmann::json::json_pointer(path)] = value;
        return firstField(j);
    };
    CHECK(with("/events/1/survey/colour", "red") == "events[1].survey.colour");
    CHECK(with("/events/1/survey/name", 7) == "events[1].survey.name");
    CHECK(with("/events/1/survey/name", "Li\u0007Na") == "events[1].survey.name");
    CHECK(with("/events/1/survey/district", std::string(900, 'x')) == "events[1].survey.district");
    CHECK(with("/events/1/survey/kiosk_id", "kiosk-b") == "events[1].survey.kiosk_id");
    CHECK(with("/events/1/booking", goodBooking().id) == "events[1].booking");
    CHECK(with("/events/2/event/extra", "x") == "events[2].event.extra");
    CHECK(with("/events/2/event/t", "1790000000") == "events[2].event.t");
    CHECK(with("/events/2/event/model", "he\nron") == "events[2].event.model");
    CHECK(with("/events/2/event/model", std::string(200, 'a')) == "events[2].event.model");
    CHECK(with("/events/2/event/session", "x13800138000abcdefghij") == "events[2].event.session");
    CHECK(with("/events/2/event/kiosk", "kiosk-b") == "events[2].event.kiosk");
    CHECK(with("/events/2/event/type", "page_hit") == "events[2].event.type");
    CHECK(with("/events/2/type", "analytics.events") == "events[2].type");
    // Vocabulary is the hub's verdict: a non-catalog model parses.
    CHECK(with("/events/2/event/model", "no-such-car") == "(accepted)");
    CHECK(core::analyticsProblemField("model is not a known id") == "model");
    CHECK(core::analyticsProblemField("a build needs its model") == "model");
}

TEST_CASE("push responses carry the hub's survey") {
    core::PushResponse r;
    core::EventResult e;
    e.eventId = uuid(2);
    e.outcome = core::EventOutcome::Applied;
    e.survey = core::HubSurvey{goodSurvey().id, "requested", "2026-11-25", "kiosk-a"};
    r.results.push_back(e);
    std::string error;
    auto back = core::parsePushResponse(core::toJson(r));
    REQUIRE(back);
    REQUIRE(back->results[0].survey);
    CHECK(back->results[0].survey->status == "requested");
    CHECK(back->results[0].survey->preferredDate == "2026-11-25");
}
