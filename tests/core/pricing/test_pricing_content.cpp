// Pricing content validation: the shipped markets load; bad content is rejected with file and path.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "PricingTestSupport.h"

using namespace core::pricing;
using Json = nlohmann::json;

namespace {

// Writes a modified copy of the shipped China pricing file and loads it against the shipped catalog.
std::vector<std::string> errorsAfter(const std::function<void(Json&)>& edit) {
    const auto cn = pricing_test::china();
    std::ifstream in(cn.pricing.file);
    Json doc = Json::parse(in);
    edit(doc);
    const std::string file = (std::filesystem::temp_directory_path() / ("kiosk-pricing-test-" + std::to_string(::getpid()) + ".json")).string();
    std::ofstream(file) << doc.dump(1);
    const auto r = loadPricing(cn.catalog, file);
    std::filesystem::remove(file);
    std::vector<std::string> out;
    for (const auto& e : r.errors) out.push_back(e.toString());
    CHECK_FALSE(r.content.has_value() == !out.empty());
    return out;
}

bool mentions(const std::vector<std::string>& errors, const std::string& text) {
    for (const auto& e : errors)
        if (e.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("The shipped China and euro pricing load without errors") {
    const auto cn = pricing_test::china();
    CHECK(cn.pricing.currency == core::CurrencyCode("CNY"));
    CHECK(cn.pricing.rules.size() >= 7);
    CHECK(cn.pricing.offers.size() >= 4);
    const auto eu = pricing_test::euro();
    CHECK(eu.pricing.currency == core::CurrencyCode("EUR"));
    CHECK(eu.pricing.trimPrices.size() == 9);
}

TEST_CASE("Bad pricing content: negative and overflowing amounts") {
    auto e = errorsAfter([](Json& d) { d["rules"][0]["versions"][0]["amount_minor"] = -5; });
    CHECK(mentions(e, ".json: /rules/0/versions/0/amount_minor: price -5 is negative"));
    e = errorsAfter([](Json& d) { d["rules"][0]["versions"][0]["amount_minor"] = 18446744073709551615ull; });
    CHECK(mentions(e, "/rules/0/versions/0/amount_minor: price 18446744073709551615 does not fit in 64-bit minor units"));
    e = errorsAfter([](Json& d) { d["rules"][3]["versions"][0]["cap_minor"] = 9223372036854775807ll; });
    CHECK(mentions(e, "/rules/3/versions/0/cap_minor: price 9223372036854775807 is above the limit"));
}

TEST_CASE("Bad pricing content: overlapping periods of one rule") {
    const auto e = errorsAfter([](Json& d) { d["rules"][1]["versions"][1]["from"] = "2025-12-31"; });
    CHECK(mentions(e, "/rules/1/versions/1/from: period 2025-12-31..2027-12-31 of \"purchase-tax-nev-halved-2026-2027\" "
                      "overlaps \"purchase-tax-nev-exempt-2024-2025\""));
}

TEST_CASE("Bad pricing content: unknown or mismatched currency") {
    auto e = errorsAfter([](Json& d) { d["currency"] = "XYZ"; });
    CHECK(mentions(e, "/currency: unknown currency \"XYZ\""));
    e = errorsAfter([](Json& d) { d["currency"] = "EUR"; });
    CHECK(mentions(e, "/currency: currency \"EUR\" differs from the market's currency \"CNY\""));
}

TEST_CASE("Bad pricing content: dates, citations, rounding, kinds, labels, price lists") {
    auto e = errorsAfter([](Json& d) { d["rules"][1]["versions"][0]["until"] = "2025-02-30"; });
    CHECK(mentions(e, "/rules/1/versions/0/until: date \"2025-02-30\" is not YYYY-MM-DD"));
    e = errorsAfter([](Json& d) { d["rules"][1]["versions"][0]["citation"] = "nowhere"; });
    CHECK(mentions(e, "/rules/1/versions/0/citation: unknown citation \"nowhere\""));
    e = errorsAfter([](Json& d) { d["rules"][1]["versions"][0]["rounding"] = "banker"; });
    CHECK(mentions(e, "/rules/1/versions/0/rounding: unknown rounding rule \"banker\""));
    e = errorsAfter([](Json& d) { d["rules"][1]["kind"] = "sales_tax"; });
    CHECK(mentions(e, "/rules/1/kind: unknown rule kind \"sales_tax\""));
    e = errorsAfter([](Json& d) { d["labels"].erase("total"); });
    CHECK(mentions(e, "/labels: missing label \"total\""));
    e = errorsAfter([](Json& d) { d["labels"]["total"].erase("en"); });
    CHECK(mentions(e, "/labels/total: missing translation \"en\""));
    e = errorsAfter([](Json& d) { d["price_list"] = {{"citation", "qingyu-price-list-2026-11"}, {"trims", {{"lark-standard", 150}}}, {"options", Json::object()}}; });
    CHECK(mentions(e, "/price_list/trims: no price for trim \"heron-standard\""));
    CHECK(mentions(e, "/price_list/trims/lark-standard: price 150 is not a multiple of the contract rounding"));
    e = errorsAfter([](Json& d) { d["finance_offers"][0]["terms_months"] = Json::array({0}); });
    CHECK(mentions(e, "/finance_offers/0/terms_months/0: term 0 must be 1..120 months"));
    e = errorsAfter([](Json& d) { d["market"] = "eu-demo"; });
    CHECK(mentions(e, "/market: pricing is for market \"eu-demo\" but the catalog's market is \"cn\""));
}
