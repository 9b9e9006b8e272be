// kioskctl report, run as a user runs it: simulate an events file, make the report, read its
// JSON summary and files; bad input gives clear errors and exit codes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "support/Process.h"
#include "support/TestPaths.h"

namespace {

std::filesystem::path freshDir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("kioskctl-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace

TEST_CASE("kioskctl report simulate and report --json give the seeded funnel") {
    const auto dir = freshDir("report");
    const std::string events = (dir / "events.jsonl").string();
    const std::string content = testing_paths::contentDir();
    auto r = testing_process::run({KIOSKCTL_PATH, "report", "simulate", "--sessions", "10000", "--seed", "42", "--out", events,
                                   "--content", content});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("66865 events of 10000 sessions") != std::string::npos);

    r = testing_process::run({KIOSKCTL_PATH, "report", events, "--json", "--out", (dir / "out").string(), "--content", content});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["events"] == 66865);
    CHECK(j["sessions"] == 10000);
    CHECK(j["funnel"] == nlohmann::json({{"started", 10000}, {"model_viewed", 8502}, {"option_picked", 5886},
                                         {"quote_shown", 4733}, {"qr_taken", 1614}, {"booking_made", 1172}}));
    CHECK(j["funnel_by_kiosk_day"].size() == 42);
    CHECK(j["top_builds"]["rows"].size() == 15);
    CHECK(j["wanted_not_in_stock"]["rows"].size() > 0);
    CHECK(j["min_cell_count"] == 5);
    for (const char* f : {"funnel_by_kiosk_day.csv", "funnel_by_kiosk.csv", "funnel_by_day.csv", "builds.csv", "greyed_out_taps.csv",
                          "abandoned_by_screen.csv", "wanted_not_in_stock.csv", "report.html", "summary.json"})
        CHECK(std::filesystem::file_size(dir / "out" / f) > 20);
    const auto csv = testing_process::slurp((dir / "out" / "funnel_by_kiosk.csv").string());
    CHECK(csv.rfind("kiosk,started,model_viewed,option_picked,quote_shown,qr_taken,booking_made\n", 0) == 0);
    // The summary file is the same JSON as --json prints.
    CHECK(nlohmann::json::parse(testing_process::slurp((dir / "out" / "summary.json").string())) == j);
    // Self-contained: no scripts, no external references. Every http:// is the SVG namespace name,
    // and nothing refers elsewhere: src, href and url() only to data: URIs or #fragments.
    const auto html = testing_process::slurp((dir / "out" / "report.html").string());
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    size_t httpCount = 0;
    for (size_t at = html.find("http://"); at != std::string::npos; at = html.find("http://", at + 1), ++httpCount) {
        INFO(html.substr(at, 60));
        CHECK(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
    }
    CHECK(httpCount > 0);  // the inline SVGs name their namespace
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    std::smatch outside;
    const bool refersOutside = std::regex_search(html, outside, std::regex(R"(((src|href)\s*=\s*["']?|url\(\s*["']?)(?!data:|#))"));
    INFO((refersOutside ? html.substr(static_cast<size_t>(outside.position(0)), 80) : std::string()));
    CHECK_FALSE(refersOutside);
    std::filesystem::remove_all(dir);
}

TEST_CASE("kioskctl report rejects bad lines without echoing them and bad arguments clearly") {
    const auto dir = freshDir("report-bad");
    const std::string events = (dir / "events.jsonl").string();
    std::ofstream(events) << R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1794544365,"type":"session_started"})"
                          << "\n"
                          << R"({"v":1,"session":"qqqqqqqqqqqqqqqqqqqqqq","kiosk":"kiosk-a","t":1794544365,"type":"model_viewed","model":"13800138000"})"
                          << "\nnot json\n";
    auto r = testing_process::run({KIOSKCTL_PATH, "report", events, "--out", (dir / "out").string(), "--content",
                                   testing_paths::contentDir()});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("line 2: model is not a known id") != std::string::npos);
    CHECK(r.err.find("line 3: expected '{' at column 1") != std::string::npos);
    CHECK(r.err.find("2 lines rejected") != std::string::npos);
    CHECK(r.err.find("13800138000") == std::string::npos);

    r = testing_process::run({KIOSKCTL_PATH, "report", (dir / "missing.jsonl").string()});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("cannot read") != std::string::npos);
    r = testing_process::run({KIOSKCTL_PATH, "report", "simulate", "--sessions", "ten", "--out", events});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--sessions must be a whole number") != std::string::npos);
    r = testing_process::run({KIOSKCTL_PATH, "report", "simulate", "--sessions", "10"});
    CHECK(r.exitCode == 2);
    r = testing_process::run({KIOSKCTL_PATH, "report"});
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("usage: kioskctl report") != std::string::npos);
    std::filesystem::remove_all(dir);
}
