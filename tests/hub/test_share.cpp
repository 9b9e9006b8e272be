// The share link's phone page: every price line and total equal to `kioskctl quote CODE --json`
// for sampled codes in both languages, a quote whose promotion ended, a code that does not decode,
// the rate limit, and the call-back form reaching the CRM exactly once and the advisor desk.
#include <catch2/catch.hpp>

#include "ShareTestSupport.h"
#include "core/analytics/Report.h"
#include "core/analytics/ReportOutput.h"
#include "support/MoneyText.h"
#include "support/Skip.h"

using namespace testing_share;

namespace {

const std::string kQuoteDay = "2026-11-27";

httplib::Result getPage(const std::string& url, const std::string& path) {
    httplib::Client http(url);
    return http.Get(path);
}

}  // namespace

TEST_CASE("the share page shows every price line and the totals exactly as kioskctl quote, for 50 sampled codes in both languages",
          "[share]") {
    hub::ShareOptions share;
    share.today = "2026-11-28";
    share.pageBurst = 1000;
    InProcessHub hub(share);
    const auto codes = sampleCodes(50, 21);
    REQUIRE(codes.size() == 50);
    for (const std::string lang : {"zh-CN", "en"}) {
        for (const auto& code : codes) {
            INFO(lang << " " << code);
            auto res = getPage(hub.url(), "/c/" + code + "?d=" + kQuoteDay + "&lang=" + lang);
            REQUIRE(res);
            REQUIRE(res->status == 200);
            const std::string& html = res->body;
            CHECK(html.size() < 200 * 1024);
            CHECK(html.find("<script") == std::string::npos);
            CHECK(html.find("http://") == std::string::npos);
            CHECK(html.find("https://") == std::string::npos);
            const Json quote = kioskctlQuote(code, kQuoteDay, lang);
            const auto lines = pageLines(html);
            REQUIRE(lines.size() == quote["lines"].size());
            for (size_t i = 0; i < lines.size(); ++i) {
                const Json& q = quote["lines"][i];
                CHECK(lines[i].kind == q["kind"].get<std::string>());
                CHECK(lines[i].label == q["label"].get<std::string>());
                CHECK(lines[i].source == q["source_text"].get<std::string>());
                CHECK(lines[i].minor == q["amount_minor"].get<std::int64_t>());
                CHECK(money_text::parseShownMoney(lines[i].shown) == q["amount_minor"].get<std::int64_t>());
            }
            const auto due = pageAmount(html, "due");
            REQUIRE(due);
            CHECK(due->first == quote["due_at_purchase_minor"].get<std::int64_t>());
            CHECK(money_text::parseShownMoney(due->second) == quote["due_at_purchase_minor"].get<std::int64_t>());
            const auto total = pageAmount(html, "total");
            if (quote["total_minor"] != quote["due_at_purchase_minor"]) {
                REQUIRE(total);
                CHECK(total->first == quote["total_minor"].get<std::int64_t>());
            } else {
                CHECK(!total);
            }
            CHECK(html.find("<span id=\"code\">" + quote["code"].get<std::string>() + "</span>") != std::string::npos);
            CHECK(html.find(quote["valid_until"].get<std::string>()) != std::string::npos);  // both languages write ISO dates
            CHECK(html.find("id=\"monthly\"") != std::string::npos);
            CHECK(html.find("id=\"official\"") != std::string::npos);
            CHECK(html.find("id=\"winter\"") != std::string::npos);
            CHECK(html.find("id=\"dc\"") != std::string::npos);
            CHECK(html.find("href=\"tel:+862155550188\"") != std::string::npos);
            CHECK(html.find("id=\"expired\"") == std::string::npos);
        }
    }
}

TEST_CASE("a quote whose promotion has ended shows the price as quoted, its validity date and that it expired", "[share]") {
    // A car quoted during the Heron promotion (until 2026-11-30): its line is kept on the page.
    std::string code;
    Json quoted;
    for (const auto& c : sampleCodes(40, 3)) {
        const Json q = kioskctlQuote(c, kQuoteDay, "en");
        for (const auto& l : q["lines"])
            if (l["kind"] == "brand_promotion") code = c, quoted = q;
        if (!code.empty()) break;
    }
    REQUIRE(!code.empty());
    const std::string path = "/c/" + code + "?d=" + kQuoteDay + "&lang=en";
    const auto validUntil = quoted["valid_until"].get<std::string>();
    const auto checkAsQuoted = [&](const std::string& html) {
        const auto lines = pageLines(html);
        REQUIRE(lines.size() == quoted["lines"].size());
        for (size_t i = 0; i < lines.size(); ++i) CHECK(lines[i].minor == quoted["lines"][i]["amount_minor"].get<std::int64_t>());
        CHECK(pageAmount(html, "due")->first == quoted["due_at_purchase_minor"].get<std::int64_t>());
        CHECK(html.find("Quote valid until " + validUntil) != std::string::npos);
    };
    SECTION("while the quote is valid: as quoted, no note") {
        hub::ShareOptions share;
        share.today = "2026-11-29";
        InProcessHub hub(share);
        auto res = getPage(hub.url(), path);
        REQUIRE(res);
        REQUIRE(res->status == 200);
        checkAsQuoted(res->body);
        CHECK(res->body.find("id=\"expired\"") == std::string::npos);
        CHECK(res->body.find("id=\"offer-ended\"") == std::string::npos);
    }
    SECTION("after the quote's validity date: as quoted, with its date and a note that it expired") {
        hub::ShareOptions share;
        share.today = "2026-12-20";  // the promotion ended on 2026-11-30, the quote's validity with it
        InProcessHub hub(share);
        auto res = getPage(hub.url(), path);
        REQUIRE(res);
        REQUIRE(res->status == 200);
        checkAsQuoted(res->body);
        CHECK(res->body.find("<p class=\"note\" id=\"expired\">This quote expired on " + validUntil) != std::string::npos);
        // The link without its quote day prices today: the ended promotion is not in it.
        auto today = getPage(hub.url(), "/c/" + code + "?lang=en");
        REQUIRE(today);
        for (const auto& l : pageLines(today->body)) CHECK(l.kind != "brand_promotion");
    }
}

TEST_CASE("a share link whose code does not decode answers a friendly 404 page, and pages are rate-limited per address",
          "[share]") {
    hub::ShareOptions share;
    share.pageBurst = 5;
    share.pagePerSecond = 0.001;
    InProcessHub hub(share);
    auto res = getPage(hub.url(), "/c/NOT-A-CODE-1234?lang=en");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->get_header_value("Content-Type").rfind("text/html", 0) == 0);
    CHECK(res->body.find("We could not find this car") != std::string::npos);
    CHECK(res->body.find("NOT-A-CODE") == std::string::npos);  // the typed text is not echoed
    CHECK(res->body.find("+86 21 5555 0188") != std::string::npos);
    int limited = 0;
    for (int i = 0; i < 8; ++i) {
        auto r = getPage(hub.url(), "/c/NOT-A-CODE-1234");
        REQUIRE(r);
        if (r->status == 429) ++limited;
    }
    CHECK(limited == 4);  // 5 in the burst, the first request included
}

TEST_CASE("each share page opened is an anonymous event that the demand report counts after the QR step", "[share]") {
    hub::ShareOptions share;
    share.pageBurst = 100;
    InProcessHub hub(share);
    const auto codes = sampleCodes(3, 5);
    for (const auto& code : codes) {
        auto res = getPage(hub.url(), "/c/" + code + "?d=" + kQuoteDay);
        REQUIRE(res);
        REQUIRE(res->status == 200);
    }
    REQUIRE(getPage(hub.url(), "/c/" + codes[0] + "?sent=1"));  // the thank-you view is not a new opening
    const auto lines = hub.store.store->analytics().lines();
    REQUIRE(lines.size() == 3);
    for (const auto& line : lines) {
        INFO(line);
        CHECK(line.find("\"type\":\"share_opened\"") != std::string::npos);
        CHECK(line.find("\"kiosk\":\"share-page\"") != std::string::npos);
        for (const auto& code : codes) CHECK(line.find(code.substr(0, 9)) == std::string::npos);
    }
    core::analytics::Aggregator report(hub.store.store->vocabulary(), hub.store.store->analyticsSettings());
    for (const auto& line : lines) report.addLine(line);
    const auto r = report.finish(nullptr);
    CHECK(r.badLines == 0);
    CHECK(r.sharePagesOpened == 3);
    CHECK(r.sessions == 0);  // a phone is not a kiosk session
    CHECK(core::analytics::reportToJson(r)["share_pages_opened"] == nullptr);  // 3 < the smallest cell shown
}
