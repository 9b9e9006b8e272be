// Configuration codes: round trip, checksum, case and typo tolerance, older content versions.
#include <catch2/catch.hpp>

#include "PricingTestSupport.h"
#include "core/pricing/ConfigCode.h"

using namespace core::pricing;

TEST_CASE("A configuration code restores the same configuration exactly") {
    const auto cn = pricing_test::china();
    auto car = pricing_test::defaults(cn.catalog, "heron", "heron-long-range");
    car.options.insert("heron-pkg-tech");
    car.options.insert("heron-hud");
    car.options.insert("heron-audio");
    const std::string code = encodeConfiguration(cn.catalog, car, 25'390'000);
    INFO(code);
    CHECK(code.size() <= 48);  // options a package brings are implied, not stored
    const auto r = restoreConfiguration(cn.catalog, code);
    REQUIRE(r.ok());
    CHECK(r->exact);
    CHECK(r->sameContentVersion);
    CHECK(r->config == car);
    CHECK(r->codeContentVersion == "2026.11.0");
    CHECK(r->codedVehiclePriceMajor == 253'900);
    // Lower case, spaces and the look-alikes I/L/O are accepted.
    std::string sloppy;
    for (char c : code) sloppy += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(restoreConfiguration(cn.catalog, sloppy)->config == car);
}

TEST_CASE("A mistyped code is refused by its checksum") {
    const auto cn = pricing_test::china();
    const auto car = pricing_test::defaults(cn.catalog, "lark", "lark-standard");
    std::string code = encodeConfiguration(cn.catalog, car);
    code[3] = code[3] == 'A' ? 'B' : 'A';
    const auto r = restoreConfiguration(cn.catalog, code);
    CHECK_FALSE(r.ok());
    CHECK(r.error().find("checksum") != std::string::npos);
    CHECK_FALSE(restoreConfiguration(cn.catalog, "HELLO").ok());
    CHECK_FALSE(restoreConfiguration(cn.catalog, "").ok());
    CHECK_FALSE(restoreConfiguration(cn.catalog, "U!!").ok());
}

TEST_CASE("A code from an older content version restores what still exists and says what changed") {
    const auto cn = pricing_test::china();
    auto car = pricing_test::defaults(cn.catalog, "crane", "crane-long-range");
    car.options.erase("crane-paint-white");
    car.options.insert("crane-paint-green");
    car.options.insert("crane-towbar");
    const std::string code = encodeConfiguration(cn.catalog, car, 33'390'000);

    // The newer content: version bump, green paint withdrawn, towbar renamed (a different id).
    core::Catalog newer = cn.catalog;
    newer.contentVersion = "2027.1.0";
    core::Model& crane = newer.models[2];
    REQUIRE(crane.id == "crane");
    for (auto& t : crane.trims) {
        std::erase(t.options, "crane-paint-green");
        for (auto& id : t.options)
            if (id == "crane-towbar") id = "crane-towbar-2t";
    }
    for (auto& o : crane.options)
        if (o.id == "crane-towbar") o.id = "crane-towbar-2t";
    for (auto& rule : crane.rules) {
        if (rule.subject == "crane-towbar") rule.subject = "crane-towbar-2t";
        for (auto& t : rule.targets)
            if (t == "crane-towbar") t = "crane-towbar-2t";
    }
    const auto r = restoreConfiguration(newer, code);
    REQUIRE(r.ok());
    CHECK_FALSE(r->exact);
    CHECK_FALSE(r->sameContentVersion);
    CHECK(r->codeContentVersion == "2026.11.0");
    CHECK(core::checkConfiguration(newer, r->config).empty());
    CHECK(r->config.options.count("crane-paint-white"));  // the default replaces the withdrawn paint
    CHECK_FALSE(r->config.options.count("crane-paint-green"));
    CHECK(r->config.options.count("crane-bat-102"));
    std::string all;
    for (const auto& c : r->changes) all += c + "\n";
    INFO(all);
    CHECK(all.find("crane-paint-green is no longer offered") != std::string::npos);
    CHECK(all.find("no longer exists") != std::string::npos);  // the towbar's old id
    CHECK(all.find("paint: the trim's default crane-paint-white was used") != std::string::npos);
    CHECK(r->codedVehiclePriceMajor == 333'900);
}

TEST_CASE("A code whose trim is gone is refused with the reason") {
    const auto cn = pricing_test::china();
    const auto car = pricing_test::defaults(cn.catalog, "lark", "lark-sport");
    const std::string code = encodeConfiguration(cn.catalog, car);
    core::Catalog newer = cn.catalog;
    newer.models[0].trims.pop_back();
    const auto r = restoreConfiguration(newer, code);
    CHECK_FALSE(r.ok());
    CHECK(r.error().find("no longer sold") != std::string::npos);
}
