// The summary laid out for every screen the kiosk ships on (1080p and 4K landscape, 1080p portrait,
// the 1280 x 800 tablet), in both languages and every accessibility mode: the layout audit finds
// nothing, the price list keeps a window a customer can read (five whole lines at once with
// standard text, three with large text) that shows only whole lines at rest and says how many
// more lie below, the QR code and "book" are on the screen,
// and with low reach every control the customer taps is below the reach line.
#include <catch2/catch.hpp>

#include <climits>
#include <cstring>

#include "KioskReplay.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/PricingTestSupport.h"
#include "core/pricing/Sampling.h"

using namespace kiosk_replay;

namespace {

// The car with the most price lines (every pack), the dearest of those: the longest list.
std::string longestListCode() {
    const auto content = pricing_test::china();
    core::pricing::PriceOptions options;
    options.date = pricing_test::day("2026-11-27");
    std::int64_t best = INT64_MIN;
    std::string code;
    for (const auto& car : core::pricing::enumerateValidConfigurations(content.catalog)) {
        auto price = core::pricing::priceConfiguration(content.catalog, content.pricing, car, options);
        if (!price) continue;
        const std::int64_t key = static_cast<std::int64_t>(price->lines.size()) * 1'000'000'000'000LL + price->dueAtPurchaseMinor;
        if (key > best) best = key, code = core::pricing::encodeConfiguration(content.catalog, car, price->vehiclePriceMinor);
    }
    REQUIRE_FALSE(code.empty());
    return code;
}

struct Mode {
    const char* name;
    std::vector<const char*> toggles;  // the accessibility panel's switches tapped to reach it from the last mode
};

// One screen size, both languages, every mode: each mode from a fresh kiosk.
void checkSummaryLayout(const char* screen) {
    const std::string code = longestListCode();
    // Each mode from a fresh kiosk, with a trade-in stated (the subsidy line and the longest foot).
    // The high-contrast switch closes the panel itself (the theme is rebuilt).
    const std::vector<Mode> modes = {{"standard", {}},
                                     {"large_text", {"access:large-text"}},
                                     {"large_high", {"access:large-text", "access:high-contrast"}},
                                     {"low_reach", {"access:low-reach"}}};
    for (const char* lang : {"zh-CN", "en"}) {
        const std::string stem = std::string("layout-") + screen + "-" + lang;
        for (const auto& mode : modes) {
            nlohmann::json steps = {{{"frames", 2}}, {{"open_code", {{"code", code}, {"discount_minor", 500'000}}}}, {{"frames", 2}}};
            if (std::string(lang) == "en") steps.push_back({{"tap", "lang"}});
            steps.push_back({{"tap", "trade-in:scrappage"}});
            if (!mode.toggles.empty()) {
                steps.push_back({{"tap", "access"}});
                steps.push_back({{"frames", 2}});  // the panel opens on the next frame
                for (const char* t : mode.toggles) steps.push_back({{"tap", t}}), steps.push_back({{"frames", 2}});
                if (std::string(mode.toggles.back()) != "access:high-contrast") steps.push_back({{"tap", "access"}});
            }
            steps.push_back({{"frames", 3}});
            steps.push_back({{"dump", (workDir() / (stem + "-" + mode.name + ".json")).string()}});
            ReplayOptions o;
            o.screen = std::string(screen) + "x24";
            const auto r = replay(stem + "-" + mode.name, steps, o);
            INFO(r.err);
            REQUIRE(r.exitCode == 0);
        }
        const float width = static_cast<float>(std::stoi(screen)), height = static_cast<float>(std::stoi(std::strchr(screen, 'x') + 1));
        for (const auto& mode : modes) {
            INFO(screen << " " << lang << " " << mode.name);
            const auto d = readJson(workDir() / (stem + "-" + mode.name + ".json"));
            REQUIRE(d["screen"] == "summary");
            CHECK(d["language"] == lang);
            CHECK(d["trade_in"] == "scrappage");
            CHECK(d["access"]["panel_open"] == false);
            for (const auto& o : d["text_overflows"]) UNSCOPED_INFO(o.dump());
            CHECK(d["text_overflows"].empty());
            const auto& price = d["summary_price"];
            const auto& lines = price["lines"];
            REQUIRE(lines.size() >= 8);
            // At least five whole lines (with where each comes from) at once in the list's window;
            // four on the tablet with low reach (the list lies over the bar), three with large text.
            const bool large = std::string(mode.name).rfind("large", 0) == 0;
            const size_t least = large ? 3 : std::string(mode.name) == "low_reach" && std::string(screen) == "1280x800" ? 4 : 5;
            float whole = 0;
            for (size_t i = 0; i < least; ++i) whole += lines[i]["box"][3].get<float>();
            INFO("viewport " << price["viewport"].dump() << ", " << least << " lines " << whole);
            CHECK(price["viewport"][3].get<float>() >= whole - 0.5f);
            // At rest the list shows whole lines only: none drawn across the window's edge, and
            // when lines lie below the window, a line says how many.
            const auto& texts = d["texts"];
            const float top = price["scroll_offset"].get<float>(), bottom = top + price["viewport"][3].get<float>();
            size_t below = 0;
            for (size_t i = 0; i < lines.size(); ++i) {
                const auto& box = lines[i]["box"];
                const float y0 = box[1].get<float>(), y1 = y0 + box[3].get<float>();
                if (y1 > bottom + 0.5f) ++below;
                if (!texts.contains("summary.line" + std::to_string(i) + ".amount")) continue;
                INFO("line " << i << " " << lines[i]["label"] << " at " << y0 << ".." << y1 << ", window " << top << ".." << bottom);
                CHECK(y0 >= top - 0.5f);
                CHECK(y1 <= bottom + 0.5f);
            }
            if (below > 0) {
                REQUIRE(texts.contains("summary.more_lines"));
                CHECK(texts["summary.more_lines"].get<std::string>().find(std::to_string(below)) != std::string::npos);
            }
            const auto& targets = d["targets"];
            for (const char* id : {"book", "qr"}) {
                INFO(id);
                REQUIRE(targets.contains(id));
                const auto& t = targets[id];
                CHECK(t[0].get<float>() >= 0);
                CHECK(t[0].get<float>() + t[2].get<float>() <= width + 0.5f);
                CHECK(t[1].get<float>() + t[3].get<float>() <= height + 0.5f);
            }
            if (std::string(mode.name) == "low_reach") {
                CHECK(d["access"]["low_reach"] == true);
                for (auto it = targets.begin(); it != targets.end(); ++it) {
                    INFO(it.key());
                    CHECK((*it)[1].get<float>() >= height * 0.42f - 1);  // nothing to reach in the top part
                }
            }
        }
    }
}

}  // namespace

// One entry per screen, so ctest runs them side by side.
TEST_CASE("the summary's price list shows several whole lines, and book is on screen and within reach, at 1920x1080") {
    checkSummaryLayout("1920x1080");
}
TEST_CASE("the summary's price list shows several whole lines, and book is on screen and within reach, at 1080x1920") {
    checkSummaryLayout("1080x1920");
}
TEST_CASE("the summary's price list shows several whole lines, and book is on screen and within reach, at 3840x2160") {
    checkSummaryLayout("3840x2160");
}
TEST_CASE("the summary's price list shows several whole lines, and book is on screen and within reach, at 1280x800") {
    checkSummaryLayout("1280x800");
}
