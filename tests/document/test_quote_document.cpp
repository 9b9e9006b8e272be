// The take-away quote: a real PDF with CJK fonts, and a PNG of the same page whose QR code
// modules match the encoded configuration code.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/ContentLoader.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Financing.h"
#include "core/range/Estimate.h"
#include "core/range/RangeData.h"
#include "document/Quote.h"
#include "support/TestPaths.h"

namespace {

struct Fixture {
    core::Catalog catalog;
    core::pricing::PricingContent pricing;
    document::QuoteInput input;
};

Fixture make(const std::string& language) {
    auto loaded = core::loadContent(testing_paths::contentDir());
    REQUIRE(loaded.ok());
    Fixture f{std::move(*loaded.catalog), {}, {}};
    auto p = core::pricing::loadPricing(f.catalog);
    REQUIRE(p.content);
    f.pricing = std::move(*p.content);
    const core::Model* m = f.catalog.findModel("heron");
    auto config = core::defaultConfiguration(*m, *m->findTrim("heron-long-range"));
    auto price = core::pricing::priceConfiguration(f.catalog, f.pricing, config,
                                                   {*core::pricing::Date::parse("2026-11-27"), core::pricing::TradeIn::Scrappage});
    REQUIRE(price.ok());
    f.input.config = config;
    f.input.price = *price;
    f.input.code = core::pricing::encodeConfiguration(f.catalog, config, price->vehiclePriceMinor);
    f.input.language = language;
    const auto* offer = f.pricing.findOffer("cn-loan-balloon");
    REQUIRE(offer);
    auto loan = core::pricing::computeOffer(*offer, f.input.price.date, f.input.price.vehiclePriceMinor, 6'000'000, 36);
    REQUIRE(loan);
    f.input.finance = document::FinanceSummary{&offer->label, f.input.price.vehiclePriceMinor, 6'000'000, 36, offer->aprBp, *loan};
    f.input.tco = core::pricing::totalCostOfOwnership(f.catalog, f.pricing, config, f.input.price);
    return f;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("The quote PDF is one A4 page with the Noto Sans CJK font embedded") {
    Fixture f = make("zh-CN");
    f.input.catalog = &f.catalog;
    f.input.pricing = &f.pricing;
    const std::string path = (std::filesystem::temp_directory_path() / "kiosk-quote-test.pdf").string();
    REQUIRE(document::writeQuotePdf(f.input, path).empty());
    const std::string pdf = slurp(path);
    std::filesystem::remove(path);
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.size() > 10'000);
    CHECK(pdf.find("NotoSansCJK") != std::string::npos);
    CHECK(pdf.find("/Count 1") != std::string::npos);
}

TEST_CASE("The quote PNG carries the QR code of the configuration code, module for module") {
    Fixture f = make("en");
    f.input.catalog = &f.catalog;
    f.input.pricing = &f.pricing;
    const std::string path = (std::filesystem::temp_directory_path() / "kiosk-quote-test.png").string();
    const double scale = 2.0;
    REQUIRE(document::writeQuotePng(f.input, path, scale).empty());
    cairo_surface_t* img = cairo_image_surface_create_from_png(path.c_str());
    std::filesystem::remove(path);
    REQUIRE(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
    const auto qr = document::encodeQr(f.input.code);
    REQUIRE(qr);
    const auto at = document::qrPlacement(*qr);
    const unsigned char* data = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    int mismatches = 0;
    for (int y = 0; y < qr->size; ++y)
        for (int x = 0; x < qr->size; ++x) {
            const int px = static_cast<int>((at.x + (x + 0.5) * at.moduleSize) * scale);
            const int py = static_cast<int>((at.y + (y + 0.5) * at.moduleSize) * scale);
            const unsigned char green = data[py * stride + px * 4 + 1];
            if ((green < 128) != qr->at(x, y)) ++mismatches;
        }
    cairo_surface_destroy(img);
    CHECK(mismatches == 0);
}

TEST_CASE("The quote refuses missing content and an unwritable path with a message") {
    Fixture f = make("en");
    CHECK_FALSE(document::writeQuotePdf(f.input, "/tmp/never.pdf").empty());  // no catalog pointer
    f.input.catalog = &f.catalog;
    f.input.pricing = &f.pricing;
    CHECK_FALSE(document::writeQuotePdf(f.input, "/nonexistent-dir/quote.pdf").empty());
    CHECK(document::encodeQr("04D0-P03W") .has_value());
    CHECK_FALSE(document::encodeQr("").has_value());
}

TEST_CASE("The quote prints the build's one official range figure, and dates as the market writes them") {
    Fixture f = make("en");
    f.input.catalog = &f.catalog;
    f.input.pricing = &f.pricing;
    auto rangeData = core::range::loadRangeData(f.catalog);
    REQUIRE(rangeData.data);
    const std::string label = f.pricing.label("official_range").get("en") + ": ";
    int builds = 0;
    for (const auto& m : f.catalog.models)
        for (const auto& t : m.trims)
            for (const auto& w : t.options) {
                const core::Option* wheel = m.findOption(w);
                if (!wheel || wheel->category != "wheels") continue;
                core::Configuration config = core::defaultConfiguration(m, t);
                for (const auto& o : t.options)
                    if (const core::Option* other = m.findOption(o); other && other->category == "wheels") config.options.erase(o);
                config.options.insert(w);
                const auto official = core::range::officialRange(*rangeData.data, f.catalog, config);
                REQUIRE(official);
                f.input.config = config;
                f.input.officialRange = *official;
                const auto lines = document::quoteText(f.input);
                REQUIRE(lines);
                char expected[64];
                std::snprintf(expected, sizeof expected, "%.0f km", official->rangeKm);
                bool found = false;
                for (const auto& l : *lines)
                    if (l.rfind(label, 0) == 0) found = l.find(label + expected) == 0;
                INFO(t.id << " on " << w << ": expected " << label << expected);
                CHECK(found);
                ++builds;
            }
    CHECK(builds >= 20);

    // A market's own date format reaches the page.
    f.catalog.market.currency.formats["en"].date = "{dd}.{mm}.{yyyy}";
    const auto lines = document::quoteText(f.input);
    REQUIRE(lines);
    bool dated = false;
    for (const auto& l : *lines) dated = dated || l.find(": 27.11.2026") != std::string::npos;
    CHECK(dated);
}
