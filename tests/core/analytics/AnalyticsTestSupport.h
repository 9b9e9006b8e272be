#pragma once
// Shared by the analytics tests: the shipped content, its analytics settings and stock list,
// and the privacy scanner that looks for anything like a phone number or a name.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "core/ContentLoader.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/analytics/Event.h"
#include "support/TestPaths.h"

namespace analytics_test {

struct Fixture {
    core::Catalog catalog;
    core::analytics::AnalyticsSettings settings;
    core::analytics::StockList stock;
    core::analytics::Vocabulary vocabulary;
    Fixture() {
        auto loaded = core::loadContent(testing_paths::contentDir());
        REQUIRE(loaded.ok());
        catalog = *loaded.catalog;
        auto s = core::analytics::loadAnalyticsSettings(catalog);
        for (const auto& e : s.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(s.settings);
        settings = *s.settings;
        auto st = core::analytics::loadStockCsv(settings.stockFile, catalog);
        for (const auto& e : st.errors) UNSCOPED_INFO(e.toString());
        REQUIRE(st.stock);
        stock = *st.stock;
        vocabulary = core::analytics::vocabularyOf(catalog, settings.screens);
    }
};

// Anything resembling a mainland mobile (1[3-9] and 9 more digits, not inside a longer number)
// or an E.164 number (+ and 8-15 digits).
inline std::vector<std::string> phoneLike(const std::string& text) {
    static const std::regex mobile(R"((^|[^0-9])(1[3-9][0-9]{9})([^0-9]|$))");
    static const std::regex e164(R"(\+[0-9][0-9 \-]{7,17}[0-9])");
    std::vector<std::string> found;
    for (const auto* re : {&mobile, &e164})
        for (auto it = std::sregex_iterator(text.begin(), text.end(), *re); it != std::sregex_iterator(); ++it)
            found.push_back(it->str());
    return found;
}

// Runs of CJK characters (Han, CJK punctuation, full-width forms) in UTF-8 text.
inline std::vector<std::string> cjkRuns(const std::string& text) {
    std::vector<std::string> runs;
    std::string current;
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        for (size_t k = 1; k < len && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
        const bool cjk = (cp >= 0x3000 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) ||
                         (cp >= 0x20000 && cp <= 0x2ffff);
        if (cjk) current += text.substr(i, len);
        else if (!current.empty()) {
            runs.push_back(current);
            current.clear();
        }
        i += len;
    }
    if (!current.empty()) runs.push_back(current);
    return runs;
}

}  // namespace analytics_test
