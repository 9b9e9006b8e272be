// What the content offers, the customer can reach: every finance offer that runs today (with the
// down payment in money), the state trade-in subsidy by stating a trade-in (the summary then
// agrees with `kioskctl quote --trade-in`).
#include <catch2/catch.hpp>

#include <set>

#include "KioskReplay.h"
#include "support/MoneyText.h"

using namespace kiosk_replay;

namespace {

std::string firstCode() {
    const auto codes = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", "1", "--seed", "9", "--content",
                                             testing_paths::contentDir()});
    REQUIRE(codes.exitCode == 0);
    return codes.out.substr(0, codes.out.find('\n'));
}

}  // namespace

TEST_CASE("the summary offers every finance offer that runs today, with the down payment in money") {
    const std::string code = firstCode();
    nlohmann::json steps = {{{"frames", 2}}, {{"open_code", code}}, {{"frames", 2}}};
    for (int i = 0; i < 5; ++i) {
        steps.push_back({{"dump", (workDir() / ("offer-" + std::to_string(i) + ".json")).string()}});
        steps.push_back({{"tap", "offer:next"}});
        steps.push_back({{"frames", 2}});
    }
    const auto r = replay("offers", steps);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::set<std::string> offers;
    for (int i = 0; i < 5; ++i) {
        const auto s = readJson(workDir() / ("offer-" + std::to_string(i) + ".json"));
        REQUIRE(s["screen"] == "summary");
        REQUIRE(s["finance_offers_running"] == 4);  // the China content runs four offers in November 2026
        offers.insert(s["finance_offer"].get<std::string>());
        // "Down payment 30% · ¥89,970": the amount drawn is the one the loan takes.
        const std::string down = shown(s, "summary.down");
        INFO(down);
        const auto dot = down.find("·");
        REQUIRE(dot != std::string::npos);
        CHECK(money_text::parseShownMoney(down.substr(dot)) == s["finance_down_minor"].get<std::int64_t>());
        CHECK(s["finance_down_minor"].get<std::int64_t>() > 0);
    }
    CHECK(offers.size() == 4);  // four taps on "›" go round all four, the fifth back to the first
}

TEST_CASE("stating a trade-in adds the state subsidy, and the summary agrees with kioskctl quote --trade-in") {
    const std::string code = firstCode();
    const auto before = workDir() / "trade-none.json", after = workDir() / "trade-scrap.json";
    const auto r = replay("trade-in", {{{"frames", 2}}, {{"open_code", code}}, {{"frames", 2}}, {{"dump", before.string()}},
                                       {{"tap", "trade-in:scrappage"}}, {{"frames", 3}}, {{"dump", after.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto b = readJson(before), a = readJson(after);
    CHECK(b["trade_in"] == "none");
    REQUIRE(a["trade_in"] == "scrappage");
    const auto q = testing_process::run({KIOSKCTL_PATH, "quote", code, "--json", "--content", testing_paths::contentDir(), "--date",
                                         "2026-11-27", "--trade-in", "scrappage"});
    INFO(q.err);
    REQUIRE(q.exitCode == 0);
    const auto j = nlohmann::json::parse(q.out);
    const auto& lines = a["summary_price"]["lines"];
    REQUIRE(lines.size() == j["lines"].size());
    REQUIRE(lines.size() == b["summary_price"]["lines"].size() + 1);  // the subsidy line
    std::int64_t sum = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        INFO(lines[i].dump() << " / " << j["lines"][i].dump());
        const auto amount = money_text::parseShownMoney(lines[i]["amount"]);
        REQUIRE(amount);
        CHECK(*amount == j["lines"][i]["amount_minor"].get<std::int64_t>());
        CHECK(lines[i]["paid_later"] == j["lines"][i]["paid_later"]);
        sum += *amount;
    }
    CHECK(sum == j["total_minor"].get<std::int64_t>());
    CHECK(money_text::parseShownMoney(a["summary_price"]["due"]) == j["due_at_purchase_minor"].get<std::int64_t>());
    CHECK(money_text::parseShownMoney(a["summary_price"]["total"]) == j["total_minor"].get<std::int64_t>());
}
