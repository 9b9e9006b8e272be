// kioskctl with --market: the second market validates, and `kioskctl quote CODE --market ID
// --json` answers with the same JSON fields in every market, each in its own currency and cycle.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/Process.h"
#include "support/RunJson.h"
#include "support/TestPaths.h"

using testing_process::runJson;

namespace {

// Every key path of a JSON document ("/lines/*/label"), so two answers can be compared by shape.
void keyPaths(const nlohmann::json& j, const std::string& at, std::set<std::string>& out) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            // Translations are keyed by language, which differs by market.
            const std::string key = at.size() > 7 && at.substr(at.size() - 7) == "/labels" ? "*" : it.key();
            out.insert(at + "/" + key);
            keyPaths(*it, at + "/" + key, out);
        }
    } else if (j.is_array()) {
        for (const auto& v : j) keyPaths(v, at + "/*", out);
    }
}

std::string firstCode(const std::string& market) {
    const auto r = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", "1", "--seed", "3", "--content",
                                         testing_paths::contentDir(), "--market", market});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::istringstream in(r.out);
    std::string code;
    std::getline(in, code);
    return code;
}

}  // namespace

TEST_CASE("kioskctl validate checks the second market, by --market or by its folder") {
    const auto byId = testing_process::run({KIOSKCTL_PATH, "validate", "--content", testing_paths::contentDir(), "--market", "de"});
    INFO(byId.err);
    CHECK(byId.exitCode == 0);
    CHECK(byId.out.find("markets/de") != std::string::npos);
    const auto byFolder = testing_process::run({KIOSKCTL_PATH, "validate", testing_paths::contentDir() + "/markets/de"});
    CHECK(byFolder.exitCode == 0);
}

TEST_CASE("kioskctl quote --market de --json: the same fields as China's, in euros and WLTP") {
    const std::string content = testing_paths::contentDir();
    const auto cn = runJson({KIOSKCTL_PATH, "quote", firstCode("cn"), "--json", "--date", "2026-11-27", "--content", content, "--tco"});
    const auto de = runJson({KIOSKCTL_PATH, "quote", firstCode("de"), "--json", "--date", "2026-11-27", "--content", content,
                             "--market", "de", "--tco", "--finance", "de-3way"});
    CHECK(cn["currency"] == "CNY");
    CHECK(de["currency"] == "EUR");
    CHECK(de["official_range"]["cycle"] == "wltc3b");
    CHECK(de["official_range"]["regime"] == "wltp");
    CHECK(de["official_range"]["published"] == false);
    CHECK(cn["official_range"]["cycle"] == "cltc_p");
    // German VAT: 19 % of the net price is included in the vehicle price.
    const auto price = de["vehicle_price_minor"].get<long long>();
    CHECK(std::llabs(de["vat_included_minor"].get<long long>() - price * 19 / 119) <= 1);
    CHECK(de["tco"]["consumption_source"].get<std::string>().find("wltc3b") != std::string::npos);
    std::set<std::string> cnKeys, deKeys;
    keyPaths(cn, "", cnKeys);
    keyPaths(de, "", deKeys);
    deKeys.erase("/finance");
    for (auto it = deKeys.begin(); it != deKeys.end();) it = it->rfind("/finance/", 0) == 0 ? deKeys.erase(it) : std::next(it);
    CHECK(cnKeys == deKeys);
    // No line of the German quote is a Chinese rule.
    for (const auto& l : de["lines"]) {
        INFO(l.dump());
        CHECK(l["kind"] != "purchase_tax");
        CHECK(l["source_file"].get<std::string>().find("cn.json") == std::string::npos);
    }
}
