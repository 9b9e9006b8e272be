#pragma once
// The base content fixture with its market file replaced, for tests of what the loader says about a
// market field: copies tests/fixtures/content/base to a temporary folder, writes market.json with
// the China fixture's fields plus `fields` (JSON members, leading comma included), loads it and
// returns every error line.
#include <filesystem>
#include <fstream>
#include <string>

#include "core/ContentLoader.h"
#include "support/TestPaths.h"

namespace market_fixture {

inline std::string errorsWithMarket(const std::string& fields) {
    const auto dir = std::filesystem::temp_directory_path() / "kiosk-market-fixture";
    std::filesystem::remove_all(dir);
    std::filesystem::copy(testing_paths::fixtures() + "/content/base", dir, std::filesystem::copy_options::recursive);
    std::ofstream(dir / "market.json")
        << R"({"id": "cn", "name": {"zh-CN": "中国", "en": "China"}, "currency": {"code": "CNY", "minor_digits": 2, "symbol": "¥"},
 "languages": ["zh-CN", "en"], "official_cycle": "cltc_p")"
        << fields << "}";
    const auto result = core::loadContent(dir.string());
    std::string all;
    for (const auto& e : result.errors) all += e.toString() + "\n";
    std::filesystem::remove_all(dir);
    return all;
}

}  // namespace market_fixture
