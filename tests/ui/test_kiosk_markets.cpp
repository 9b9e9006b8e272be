// A second market is content only (content/markets/de): every screen of the kiosk run with
// --market de shows euros, WLTP figures and German or English text, and nothing of China's
// market (no CNY or ¥, no CLTC, no Chinese characters, no China-only rule); China's screens show
// no euro and no WLTP.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include <nlohmann/json.hpp>

#include "KioskReplay.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;
using nlohmann::json;

namespace {

// Steps that visit every customer screen, one dump each, in the market's languages (the language
// switch cycles through them in the market's order).
json walkSteps(const std::string& market, int languages, std::vector<fs::path>& dumps) {
    json steps = json::array();
    for (int lang = 0; lang < languages; ++lang) {
        auto capture = [&](const std::string& name) {
            const fs::path dump = workDir() / ("market-" + market + "-" + std::to_string(lang) + "-" + name + ".json");
            steps.push_back({{"frames", 2}});
            steps.push_back({{"dump", dump.string()}});
            dumps.push_back(dump);
        };
        capture("attract");
        steps.push_back({{"tap", "start"}});
        for (int i = 0; i < lang; ++i) steps.push_back({{"tap", "lang"}});
        capture("models");
        steps.push_back({{"tap", "model:heron"}});
        for (const std::string tab : {"trim", "paint", "wheels", "interior", "battery", "package", "accessory"}) {
            steps.push_back({{"tap", "tab:" + tab}});
            capture("configure-" + tab);
        }
        steps.push_back({{"tap", "tab:wheels"}});
        steps.push_back({{"tap", "option:heron-wheel-21-forged"}});
        capture("configure-repair");
        steps.push_back({{"tap", "repair:cancel"}});
        steps.push_back({{"tap", "summary"}});
        capture("summary");
        // Where the summary puts financing and range on tabs (the layout depends on the words'
        // lengths), the range tab is opened too, so its rows are read.
        steps.push_back({{"tap_if_shown", "summary-tab:range"}});
        capture("summary-range");
        steps.push_back({{"tap", "compare"}});
        steps.push_back({{"tap", "back"}});
        steps.push_back({{"tap", "tab:trim"}});
        steps.push_back({{"tap", "option:heron-performance"}});
        steps.push_back({{"tap", "summary"}});
        steps.push_back({{"tap", "compare"}});
        capture("compare");
        steps.push_back({{"tap", "back"}});
        steps.push_back({{"tap", "fit"}});
        steps.push_back({{"tap", "parking:own_space"}});
        capture("fit-check");
        steps.push_back({{"tap", "survey"}});
        capture("survey");
        for (int i = 0; i < 4; ++i) steps.push_back({{"tap", "back"}});  // fit check, summary, configurator, chooser
        steps.push_back({{"tap", "advisor"}});
        steps.push_back({{"type", "2468\n"}});
        capture("advisor");
        steps.push_back({{"tap", "lock"}});  // back to the car being configured
        steps.push_back({{"tap", "book"}});
        capture("booking");
        steps.push_back({{"advance_s", 140}});
        capture("idle-countdown");
        steps.push_back({{"advance_s", 400}});  // the visit wiped: the attract screen, default language
    }
    return steps;
}

// Every text the dumps recorded, "screen id: text" per line.
std::vector<std::string> allTexts(const std::vector<fs::path>& dumps) {
    std::vector<std::string> out;
    for (const auto& p : dumps) {
        const json d = readJson(p);
        for (auto it = d["texts"].begin(); it != d["texts"].end(); ++it)
            out.push_back(p.filename().string() + " " + it.key() + ": " + it->get<std::string>());
    }
    return out;
}

// Chinese text: a UTF-8 character in U+3000..U+9FFF (CJK punctuation, kana, ideographs) or a
// full-width form (U+FF00..U+FFEF).
bool hasChinese(const std::string& s) {
    for (size_t i = 0; i + 2 < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
        if (b >= 0xE3 && b <= 0xE9) return true;
        if (b == 0xEF && (b1 == 0xBC || b1 == 0xBD || b1 == 0xBE || b1 == 0xBF)) return true;
    }
    return false;
}

bool any(const std::vector<std::string>& texts, const std::regex& pattern) {
    for (const auto& t : texts)
        if (std::regex_search(t, pattern)) return true;
    return false;
}

}  // namespace

TEST_CASE("Germany: every screen in euros and WLTP, in German and English, with nothing of China's market") {
    std::vector<fs::path> dumps;
    ReplayOptions o;
    o.extra = {"--market", "de"};
    const auto r = replay("market-de", walkSteps("de", 2, dumps), o);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto texts = allTexts(dumps);
    REQUIRE(texts.size() > 300);
    const std::regex china("CNY|¥|CLTC|cltc|\\+86|[Pp]urchase tax|State Grid|[Mm]ainland|[Pp]roperty management|Shanghai");
    for (const auto& t : texts) {
        INFO(t);
        CHECK_FALSE(hasChinese(t));
        CHECK_FALSE(std::regex_search(t, china));
    }
    CHECK(any(texts, std::regex("€")));
    CHECK(any(texts, std::regex("WLTP")));
    CHECK(any(texts, std::regex("Reichweite")));   // German
    CHECK(any(texts, std::regex("Book a test drive")));  // and English, second
    CHECK(any(texts, std::regex("\\d\\.\\d{3} €")));  // 45.990 €: German grouping and symbol after the amount
    // The market's price list on every screen: the Lark from 22.590 € (the model file says ¥99,800).
    CHECK(any(texts, std::regex("chooser\\.lark\\.price: 22\\.590 €")));
    CHECK_FALSE(any(texts, std::regex("99\\.800 €")));
    // Rates, measures and dates in the market's formats: "4,99 %", "7,5 Std.", "31.12.2026".
    CHECK(any(texts, std::regex("summary\\.apr(#\\d+)?: Eff\\. Jahreszins \\d+,\\d\\d %$")));
    CHECK(any(texts, std::regex("summary\\.ac: \\d+,\\d Std\\.$")));
    CHECK(any(texts, std::regex("summary\\.valid(#\\d+)?: Angebot gültig bis \\d\\d\\.\\d\\d\\.20\\d\\d$")));
    CHECK(any(texts, std::regex("summary\\.valid(#\\d+)?: Quote valid until \\d\\d/\\d\\d/20\\d\\d$")));
    CHECK_FALSE(any(texts, std::regex("summary\\.[a-z_.]+: .*(\\d\\.\\d+ %|\\d{4}-\\d\\d-\\d\\d)")));
    for (const auto& p : dumps) {
        const json d = readJson(p);
        if (d.contains("range")) CHECK(d["range"]["official_cycle"] == "wltc3b");
        CHECK(d["language"].get<std::string>() != "zh-CN");
    }
}

TEST_CASE("China: every screen without a euro or a WLTP figure") {
    std::vector<fs::path> dumps;
    const auto r = replay("market-cn", walkSteps("cn", 2, dumps));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto texts = allTexts(dumps);
    REQUIRE(texts.size() > 300);
    for (const auto& t : texts) {
        INFO(t);
        CHECK(t.find("€") == std::string::npos);
        CHECK(t.find("EUR") == std::string::npos);
        CHECK(t.find("WLTP") == std::string::npos);
        CHECK(t.find("Reichweite") == std::string::npos);
    }
    CHECK(any(texts, std::regex("¥")));
    CHECK(any(texts, std::regex("CLTC")));
    CHECK(any(texts, std::regex("summary\\.apr(#\\d+)?: 年利率 \\d+\\.\\d\\d%$")));
    CHECK(any(texts, std::regex("summary\\.ac: \\d+\\.\\d 小时$")));
    CHECK(any(texts, std::regex("summary\\.valid(#\\d+)?: 报价有效期至 20\\d\\d-\\d\\d-\\d\\d$")));
}

TEST_CASE("an unknown market is refused by name before the kiosk starts") {
    ReplayOptions o;
    o.extra = {"--market", "xx"};
    const auto r = replay("market-xx", json::array({{{"frames", 1}}}), o);
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("no market \"xx\"") != std::string::npos);
}
