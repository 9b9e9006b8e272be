// `kioskctl quote --json` as a sales system reads it: every line is listed, the lines add up to the
// totals it states, for 200 sampled codes (with discounts and trade-ins), and each line names its
// source in words as well as by file and id.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "support/Process.h"
#include "support/TestPaths.h"

TEST_CASE("kioskctl quote --json lines add up to its totals for 200 sampled codes") {
    const std::string content = testing_paths::contentDir();
    const auto sample = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", "200", "--seed", "16", "--content", content});
    REQUIRE(sample.exitCode == 0);
    std::istringstream in(sample.out);
    int checked = 0;
    for (std::string code; std::getline(in, code);) {
        if (code.empty()) continue;
        const std::string discount = checked % 3 == 0 ? "300000" : "0";
        const std::string tradeIn = checked % 4 == 1 ? "scrappage" : "none";
        const auto r = testing_process::run({KIOSKCTL_PATH, "quote", code, "--json", "--content", content, "--date", "2026-11-27",
                                             "--discount", discount, "--trade-in", tradeIn});
        INFO(code << " " << r.err);
        REQUIRE(r.exitCode == 0);
        const auto j = nlohmann::json::parse(r.out);
        std::int64_t sum = 0, atPurchase = 0;
        bool discountListed = false;
        for (const auto& line : j["lines"]) {
            const std::int64_t amount = line["amount_minor"];
            sum += amount;
            if (!line["paid_later"].get<bool>()) atPurchase += amount;
            if (line["kind"] == "dealer_discount") discountListed = amount == -std::stoll(discount);
            // A source a person can read, never a file name.
            REQUIRE(line.contains("source_text"));
            if (line["kind"] != "included") CHECK_FALSE(line["source_text"].get<std::string>().empty());
            CHECK(line["source_text"].get<std::string>().find(".json") == std::string::npos);
        }
        CHECK(sum == j["total_minor"].get<std::int64_t>());
        CHECK(atPurchase == j["due_at_purchase_minor"].get<std::int64_t>());
        if (discount != "0") CHECK(discountListed);
        ++checked;
    }
    CHECK(checked == 200);
}
