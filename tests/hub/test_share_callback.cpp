// The share page's call-back form: a request reaches a test CRM exactly once through receiver
// faults (503s, timeouts after recording) even when the form is sent twice, appears on the
// advisor desk beside test drives, keeps personal data out of URLs and the hub's log, and a form
// without consent stores nothing.
#include <catch2/catch.hpp>

#include <regex>

#include "ShareTestSupport.h"

using namespace testing_hub;
using testing_store::TempDir;

namespace {

std::string hidden(const std::string& html, const std::string& name) {
    const std::regex field("<input type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\">");
    std::smatch m;
    return std::regex_search(html, m, field) ? m[1].str() : "";
}

std::string firstTimeChoice(const std::string& html) {
    static const std::regex option("<option value=\"([0-9T:-]+)\"");
    std::smatch m;
    return std::regex_search(html, m, option) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("a call-back request from the share page reaches the CRM exactly once through faults and is on the advisor desk",
          "[share][no-pg-rerun]") {
    TempDir dir("share-crm");
    const std::string secret = "webhook-secret-for-tests-0002";
    using Fault = Receiver::Fault;
    Receiver webhook("webhook", secret, freePort(),
                     [](int n) { return n <= 2 ? Fault::Error503 : n == 3 ? Fault::SlowAfterRecording : Fault::None; });
    {
        std::ofstream f(dir.file("crm.json"));
        f << Json{{"adapters", {{{"name", "webhook"}, {"format", "webhook"}, {"url", webhook.url()}, {"secret", secret}, {"timeout_ms", 300}}}}}
                 .dump();
    }
    webhook.start();
    ::setenv("SALES_HUB_CRM_BACKOFF_MS", "20", 1);
    ::setenv("SALES_HUB_CRM_BACKOFF_CAP_MS", "300", 1);
    HubProcess hub({"desk-1"}, {"--crm", dir.file("crm.json")});
    ::unsetenv("SALES_HUB_CRM_BACKOFF_MS");
    ::unsetenv("SALES_HUB_CRM_BACKOFF_CAP_MS");
    const std::string code = testing_share::sampleCodes(1, 7).front();
    httplib::Client http(hub.url());
    auto page = http.Get("/c/" + code + "?d=2026-11-27&lang=en");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    const std::string request = hidden(page->body, "request");
    const std::string shownCode = page->body.substr(page->body.find("<span id=\"code\">") + 16, code.size() + 20);
    const std::string pageCode = shownCode.substr(0, shownCode.find('<'));  // the code as the kiosk prints it for this car
    REQUIRE(core::isUuid(request, true));
    const std::string time = firstTimeChoice(page->body);
    REQUIRE(!time.empty());
    const std::string action = "/c/" + code + "/callback?d=2026-11-27&lang=en";

    // Without consent: the page again with the problem under its field; nothing is stored.
    auto refused = http.Post(action, "request=" + request + "&name=Wang+Fang&mobile=13800138123&time=" + time,
                             "application/x-www-form-urlencoded");
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK(refused->body.find("id=\"err-consent\"") != std::string::npos);
    CHECK(refused->body.find("name=\"marketing\" value=\"yes\">") != std::string::npos);  // never ticked for the customer

    // Sent twice (a double tap): one lead.
    const std::string form = "request=" + request + "&name=Wang+Fang&mobile=138+0013+8123&time=" + time + "&consent=yes";
    for (int i = 0; i < 2; ++i) {
        auto sent = http.Post(action, form, "application/x-www-form-urlencoded");
        REQUIRE(sent);
        CHECK(sent->status == 303);
        const std::string location = sent->get_header_value("Location");
        CHECK(location.find("sent=1") != std::string::npos);
        CHECK(location.find("13800138123") == std::string::npos);
        CHECK(location.find("Wang") == std::string::npos);
    }
    auto thanks = http.Get("/c/" + code + "?d=2026-11-27&lang=en&sent=1");
    REQUIRE(thanks);
    CHECK(thanks->body.find("id=\"thanks\"") != std::string::npos);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (webhook.accepted().empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // time for a wrongly repeated lead to arrive
    const auto accepted = webhook.accepted();
    REQUIRE(accepted.size() == 1);
    REQUIRE(accepted.count(request) == 1);
    CHECK(webhook.requests() >= 4);  // two 503s and a timeout went before
    const Json lead = Json::parse(accepted.at(request));
    INFO(lead.dump(1));
    CHECK(lead["lead"]["appointment"]["mode"] == "callback");
    CHECK(lead["lead"]["config_code"] == pageCode);
    CHECK(lead.dump().find("+8613800138123") != std::string::npos);

    // The advisor desk lists it on the preferred day, beside test drives, with a masked mobile.
    const std::string session = advisorSession(hub, "desk-1");
    REQUIRE(!session.empty());
    auto list = http.Get("/v1/advisor/bookings?date=" + time.substr(0, 10), {{"Authorization", "Bearer " + session}});
    REQUIRE(list);
    REQUIRE(list->status == 200);
    const Json day = Json::parse(list->body);
    INFO(day.dump(1));
    bool listed = false;
    for (const auto& b : day["bookings"])
        if (b["booking_id"] == request) {
            listed = true;
            CHECK(b["mode"] == "callback");
            CHECK(b["slot"] == time);
            CHECK(b["name"] == "Wang Fang");
            CHECK(b["mobile_masked"] == "+86138****8123");
            CHECK(b["config_code"] == pageCode);
        }
    CHECK(listed);
    hub.stop();
    const std::string log = hub.log();
    CHECK(log.find("13800138123") == std::string::npos);
    CHECK(log.find("Wang") == std::string::npos);
}
