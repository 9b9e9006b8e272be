// The layout audit: its checks on made-up frames (pure), and `kiosk --audit` walking the real
// screens at 1080p in both languages: it writes findings and a contact sheet, and the classes of
// defect fixed so far (price lines out of reach, ids and keys on customer screens, the code beside
// the QR spilling out of its column) stay fixed.
#include <catch2/catch.hpp>

#include <stb_image.h>

#include "KioskReplay.h"
#include "ui/LayoutAudit.h"

using namespace kiosk_replay;

namespace {

size_t count(const std::vector<ui::AuditFinding>& all, const std::string& kind) {
    return static_cast<size_t>(std::count_if(all.begin(), all.end(), [&](const ui::AuditFinding& f) { return f.kind == kind; }));
}

}  // namespace

TEST_CASE("the audit tells ids, keys and paths from customer words") {
    for (const char* id : {"models/heron.json · heron-long-range", "heron-long-range", "summary.qr_tap", "dealer_discount",
                           "consent_required", "see content/pricing/cn.json"})
        CHECK(ui::looksLikeInternalId(id));
    for (const char* words : {"Qingyu price list, November 2026", "Quote valid until 2026-11-30", "04D0-P03W-PM37",
                              "CLTC range 870 km", "¥277,386.99", "The slippery long-range saloon", "0.55/kWh", "e-mail",
                              "Fast charge 10-80%", "青屿汽车价目表，2026年11月", "Done."})
        CHECK_FALSE(ui::looksLikeInternalId(words));
}

TEST_CASE("the audit finds overlapping, small and off-screen targets, text over a button and unreachable price lines") {
    ui::HitMap hits;
    hits.add("back", {10, 10, 200, 80});
    hits.add("compare", {150, 10, 200, 80});   // over "back"
    hits.add("tiny", {500, 500, 20, 20});      // 20 px at 3.2 px/mm: about 6 mm
    hits.add("edge", {1900, 1000, 100, 100});  // past the right edge
    ui::TextAudit texts;
    texts.drawn({"button.back", "Back", {10, 10, 200, 80}, {60, 30, 80, 30}});
    texts.drawn({"summary.title", "Heron", {600, 300, 300, 40}, {170, 40, 60, 20}});  // on "compare"'s face
    texts.record("summary.qr", "Scan to take this car with you", 400, 250);
    ui::ShownPrice price;
    price.rows.push_back({"Base", "¥1", 100, false, {0, 0, 10, 10}, true});
    price.rows.push_back({"Plates", "¥110", 11000, false, {0, 10, 10, 10}, false});
    const ui::AuditFrame frame{1920, 1080, 3.2f, 9, &hits, &texts, &price, 3, true};
    const auto found = ui::auditFrame(frame);
    CHECK(count(found, "overlapping_targets") == 1);
    CHECK(count(found, "small_target") == 1);
    CHECK(count(found, "off_screen_target") == 1);
    CHECK(count(found, "text_over_target") >= 1);
    CHECK(count(found, "clipped_text") == 1);
    CHECK(count(found, "unreachable_price_line") == 2);  // 2 of 3 lines listed, and one out of reach
    ui::HitMap clean;
    clean.add("book", {100, 100, 300, 100});
    ui::TextAudit label;
    label.drawn({"button.book", "Book", {100, 100, 300, 100}, {200, 130, 100, 40}});
    CHECK(ui::auditFrame({1920, 1080, 3.2f, 9, &clean, &label, nullptr, 0, true}).empty());
}

TEST_CASE("the audit finds a target above the reach line in low reach, and only there") {
    ui::HitMap hits;
    hits.add("back", {64, 300, 260, 96});   // above a reach line at 454 px
    hits.add("next", {64, 900, 360, 112});  // below it
    hits.add("start", {0, 0, 1920, 1080});  // a layer over the whole screen: not a widget
    ui::AuditFrame frame{1920, 1080, 3.2f, 9, &hits, nullptr, nullptr, 0, true};
    CHECK(count(ui::auditFrame(frame), "out_of_reach_target") == 0);  // no reach line: nothing is out of reach
    frame.reachTopPx = 454;
    const auto found = ui::auditFrame(frame);
    REQUIRE(count(found, "out_of_reach_target") == 1);
    CHECK(found.front().id == "back");
}

TEST_CASE("kiosk --audit walks the screens asked for at 1080p in both languages, with a contact sheet") {
    // The full tour, every state in every layout, runs as ctest's "ui: layout audit LAYOUT" entries;
    // this one checks what a run writes.
    const auto out = workDir() / "audit.json";
    const std::vector<std::string> argv = {XVFB_EXEC_PATH, "1920x1080x24", KIOSK_PATH, "--content",
                                           testing_paths::contentDir(), "--date", "2026-11-27", "--no-3d", "--data",
                                           (workDir() / "audit-data").string(), "--audit", out.string(),
                                           "--audit-layouts", "1920x1080", "--audit-modes", "standard,high_contrast",
                                           "--audit-states", "attract,repair,summary,booking"};
    const auto r = testing_process::run(argv);
    INFO(r.err);
    REQUIRE((r.exitCode == 0 || r.exitCode == 1));
    const auto j = readJson(out);
    REQUIRE(j["states"].size() == 4);
    CHECK(j["cases"] == 2 * 2 * 4);
    CHECK(j["seconds"].get<double>() > 0);
    CHECK((r.exitCode == 1) == !j["findings"].empty());
    REQUIRE(j["contact_sheets"].size() == 2);
    for (const auto& sheet : j["contact_sheets"]) {
        int w = 0, h = 0, n = 0;
        unsigned char* px = stbi_load(sheet.get<std::string>().c_str(), &w, &h, &n, 3);
        REQUIRE(px);
        CHECK(w == 320 * static_cast<int>(j["states"].size()));
        CHECK(h == 320 * 2);
        stbi_image_free(px);
    }
    for (const auto& f : j["findings"]) {
        INFO(f.dump());
        CHECK(f["kind"] != "unreachable_price_line");
        CHECK(f["kind"] != "id_like_text");
        CHECK(f["id"].get<std::string>().rfind("summary.code", 0) != 0);
        CHECK(f["id"].get<std::string>().rfind("summary.qr", 0) != 0);
    }
}

TEST_CASE("a configuration code that cannot be read is refused in the screen's language") {
    const auto dump = workDir() / "bad-code.json";
    const auto r = replay("bad-code", {{{"tap", "start"}}, {{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 3}},
                                       {{"expect_screen", "advisor"}}, {{"tap", "field:code"}}, {{"type", "ZZZZ-0000"}},
                                       {{"tap", "restore"}}, {{"frames", 2}}, {{"dump", dump.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto s = readJson(dump);
    REQUIRE(s["language"] == "zh-CN");
    const std::string message = s["advisor_message"];
    INFO(message);
    REQUIRE_FALSE(message.empty());
    // Chinese words only: no English sentence from the decoder.
    CHECK(std::count_if(message.begin(), message.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); }) == 0);
}

TEST_CASE("the accessibility panel closes when the customer moves on to another screen") {
    const auto open = workDir() / "panel-open.json", moved = workDir() / "panel-moved.json";
    const auto r = replay("access-panel", {{{"tap", "start"}}, {{"tap", "access"}}, {{"frames", 2}}, {{"dump", open.string()}},
                                           {{"tap", "model:heron"}}, {{"frames", 2}}, {{"dump", moved.string()}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(readJson(open)["access"]["panel_open"] == true);
    const auto s = readJson(moved);
    CHECK(s["screen"] == "configure");
    CHECK(s["access"]["panel_open"] == false);
    CHECK_FALSE(s["targets"].contains("access:large-text"));
}

TEST_CASE("a secondary button keeps a two-pixel outline in high contrast") {
    const auto dump = workDir() / "contrast.json", shot = workDir() / "contrast.png";
    const auto codes = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", "1", "--seed", "3", "--content",
                                             testing_paths::contentDir()});
    REQUIRE(codes.exitCode == 0);
    const std::string code = codes.out.substr(0, codes.out.find('\n'));
    const auto r = replay("contrast", {{{"frames", 2}}, {{"open_code", code}}, {{"frames", 2}}, {{"tap", "access"}},
                                       {{"tap", "access:high-contrast"}}, {{"frames", 3}}, {{"dump", dump.string()}},
                                       {{"screenshot", shot.string()}}, {{"frames", 1}}});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto s = readJson(dump);
    REQUIRE(s["access"]["high_contrast"] == true);
    const auto back = s["targets"]["back"];
    // The left edge at mid-height: about two columns' worth of black ink across it (a one-pixel
    // outline, anti-aliased or not, has one), then the white face.
    const EdgeInk e = leftEdgeInk(shot, back, 6);
    REQUIRE(e.read);
    INFO("ink across the edge " << e.across);
    CHECK(e.across >= 400);
    CHECK(e.face < 40);
}

TEST_CASE("back from the booking form returns to the summary it was opened from") {
    const auto codes = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", "1", "--seed", "4", "--content",
                                             testing_paths::contentDir()});
    REQUIRE(codes.exitCode == 0);
    const auto r = replay("booking-back", {{{"frames", 2}}, {{"open_code", codes.out.substr(0, codes.out.find('\n'))}},
                                           {{"frames", 2}}, {{"tap", "book"}}, {{"expect_screen", "booking"}},
                                           {{"tap", "back"}}, {{"frames", 2}}, {{"expect_screen", "summary"}}});
    INFO(r.err);
    CHECK(r.exitCode == 0);
}
