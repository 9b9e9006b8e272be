// The quote page as the customer reads it: every line of the price is printed above the footer,
// the amounts printed add up to the totals printed and to the pricing engine's, for 200 sampled
// cars in both languages; the small print names its sources in words, in the page's language.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/ContentLoader.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Sampling.h"
#include "document/Quote.h"
#include "core/pricing/PricingTestSupport.h"
#include "support/MoneyText.h"
#include "support/TestPaths.h"

namespace {

using Content = pricing_test::Market;  // the shipped China catalog and its pricing

std::int64_t shown(const std::string& amount) {
    const auto v = money_text::parseShownMoney(amount);
    REQUIRE(v);
    return *v;
}

// Ids and file names that must never reach the customer's page.
void checkNoInternalWords(const std::string& note, const core::pricing::PriceBreakdown& price) {
    CHECK(note.find(".json") == std::string::npos);
    CHECK(note.find("content ") == std::string::npos);
    for (const auto& line : price.lines)
        if (line.sourceId.size() > 3) CHECK(note.find(line.sourceId) == std::string::npos);
}

}  // namespace

TEST_CASE("the quote prints every price line above its footer and the printed amounts add up, for 200 sampled cars") {
    const Content c = pricing_test::china();
    const auto cars = core::pricing::sampleConfigurations(core::pricing::enumerateValidConfigurations(c.catalog), 200, 16);
    const auto pdf = std::filesystem::temp_directory_path() / "kiosk-quote-sums.pdf";
    for (size_t i = 0; i < cars.size(); ++i) {
        core::pricing::PriceOptions options;
        options.date = *core::pricing::Date::parse("2026-11-27");
        options.dealerDiscountMinor = i % 3 == 0 ? 300'000 : 0;
        options.tradeIn = i % 4 == 1 ? core::pricing::TradeIn::Scrappage : core::pricing::TradeIn::None;
        auto price = core::pricing::priceConfiguration(c.catalog, c.pricing, cars[i], options);
        REQUIRE(price.ok());
        document::QuoteInput in;
        in.catalog = &c.catalog;
        in.pricing = &c.pricing;
        in.config = cars[i];
        in.price = *price;
        in.code = core::pricing::encodeConfiguration(c.catalog, cars[i], price->vehiclePriceMinor);
        in.language = i % 2 ? "en" : "zh-CN";
        in.tco = core::pricing::totalCostOfOwnership(c.catalog, c.pricing, cars[i], *price);
        document::QuoteDrawn drawn;
        REQUIRE(document::writeQuotePdf(in, pdf.string(), &drawn).empty());
        INFO("car " << i << " " << in.code << " " << in.language);
        std::int64_t lines = 0, later = 0;
        size_t count = 0;
        std::optional<std::int64_t> due, total;
        bool discount = false;
        for (const auto& row : drawn.rows) {
            INFO(row.section << " " << row.label << " " << row.amount << " at " << row.y);
            CHECK(row.y < drawn.footerTop);
            if (row.section == "line") lines += shown(row.amount), ++count;
            if (row.section == "line_later") later += shown(row.amount), ++count;
            if (row.section == "due") due = shown(row.amount);
            if (row.section == "total") total = shown(row.amount);
            if (row.section == "line" && shown(row.amount) == -options.dealerDiscountMinor) discount = true;
        }
        CHECK(count == price->lines.size());
        CHECK(lines == price->dueAtPurchaseMinor);
        CHECK(due == price->dueAtPurchaseMinor);
        CHECK(lines + later == price->totalMinor);
        if (later != 0) CHECK(total == price->totalMinor);
        if (options.dealerDiscountMinor > 0) CHECK(discount);
        for (const auto& note : drawn.notes) checkNoInternalWords(note, *price);
    }
    std::filesystem::remove(pdf);
}

TEST_CASE("the quote's small print is in the page's language") {
    const Content c = pricing_test::china();
    const core::Model& heron = *c.catalog.findModel("heron");
    const auto car = core::defaultConfiguration(heron, *heron.findTrim("heron-long-range"));
    auto price = core::pricing::priceConfiguration(c.catalog, c.pricing, car, {*core::pricing::Date::parse("2026-11-27")});
    REQUIRE(price.ok());
    document::QuoteInput in;
    in.catalog = &c.catalog;
    in.pricing = &c.pricing;
    in.config = car;
    in.price = *price;
    in.code = core::pricing::encodeConfiguration(c.catalog, car, price->vehiclePriceMinor);
    in.language = "zh-CN";
    in.tco = core::pricing::totalCostOfOwnership(c.catalog, c.pricing, car, *price);
    REQUIRE(in.tco);
    document::QuoteDrawn drawn;
    const auto pdf = std::filesystem::temp_directory_path() / "kiosk-quote-zh.pdf";
    REQUIRE(document::writeQuotePdf(in, pdf.string(), &drawn).empty());
    std::filesystem::remove(pdf);
    REQUIRE(drawn.notes.size() == 2);
    for (const auto& note : drawn.notes) {
        INFO(note);
        // No English words of the program's own (a trim id, "home", "official CLTC consumption of").
        for (const char* word : {"home", "official", "trim", "heron-"}) CHECK(note.find(word) == std::string::npos);
        checkNoInternalWords(note, *price);
    }
    CHECK(drawn.notes[1].find("青屿汽车价目表") != std::string::npos);
}
