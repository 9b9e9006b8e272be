// What the customer saw at 4K with large text, caught by the layout audit and the wrapping rules:
// a price line cut in half by the list's edge, and a finance offer's name wrapped with "期）" alone
// on its last line. The audit's checks on made-up frames (pure), and CJK wrapping with a real font.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <algorithm>

#include "ui/LayoutAudit.h"
#include "ui/TextBox.h"

namespace {

size_t findingCount(const std::vector<ui::AuditFinding>& all, const std::string& kind) {
    return static_cast<size_t>(std::count_if(all.begin(), all.end(), [&](const ui::AuditFinding& f) { return f.kind == kind; }));
}

std::vector<ui::AuditFinding> audit(const ui::TextAudit& texts, bool customer = true) {
    ui::HitMap hits;
    ui::AuditFrame frame{3840, 2160, 6.4f, 9, &hits, &texts, nullptr, 0, customer};
    return ui::auditFrame(frame);
}

// An ImGui context with the built-in font: CJK characters are measured as its fallback glyph,
// every one the same width, which is all line breaking needs.
struct FontContext {
    ImGuiContext* context = ImGui::CreateContext();
    ImFont* font = nullptr;
    FontContext() {
        font = ImGui::GetIO().Fonts->AddFontDefault();
        ImGui::GetIO().Fonts->Build();
    }
    ~FontContext() { ImGui::DestroyContext(context); }
    FontContext(const FontContext&) = delete;
    FontContext& operator=(const FontContext&) = delete;
};

}  // namespace

TEST_CASE("the audit finds a line a scrolled list's edge cuts through, and not one shown whole") {
    ui::TextAudit texts;
    // The price list's last row at 4K: 58 of its 86 px shown, the rest under the list's edge.
    texts.drawn({"summary.line7.amount", "¥8,000", {1200, 1600, 240, 0}, {1250, 1600, 190, 58}, 28});
    texts.drawn({"summary.line6.amount", "¥6,000", {1200, 1500, 240, 0}, {1250, 1500, 190, 86}, 0});
    // A sliver of the glyph box (the room under the letters) is not a cut line.
    texts.drawn({"summary.line5.amount", "¥0", {1200, 1400, 240, 0}, {1250, 1400, 190, 80}, 6});
    const auto found = audit(texts);
    REQUIRE(findingCount(found, "cut_text") == 1);
    CHECK(found.front().id == "summary.line7.amount");
}

TEST_CASE("the audit finds wrapped CJK text that leaves closing punctuation or one or two characters alone") {
    ui::TextAudit texts;
    texts.drawn({"summary.offer#0", "0 利率贷款（12 或 24", {}, {0, 0, 300, 40}});
    texts.drawn({"summary.offer#1", "期）", {}, {0, 48, 60, 40}});
    texts.drawn({"summary.tco#0", "与同级燃油车相比", {}, {0, 200, 300, 40}});
    texts.drawn({"summary.tco#1", "）五年", {}, {0, 248, 300, 40}});
    // Fine: an evened-out wrap, one line, Latin text and figures.
    texts.drawn({"summary.apr#0", "0 利率贷款（12", {}, {0, 400, 300, 40}});
    texts.drawn({"summary.apr#1", "或 24 期）", {}, {0, 448, 300, 40}});
    texts.drawn({"summary.valid#0", "报价有效期至", {}, {0, 500, 300, 40}});
    texts.drawn({"summary.due_label#0", "On-the-road", {}, {0, 600, 300, 40}});
    texts.drawn({"summary.due_label#1", "to", {}, {0, 648, 300, 40}});
    texts.drawn({"summary.x#0", "月供", {}, {0, 700, 300, 40}});
    texts.drawn({"summary.x#1", "¥0", {}, {0, 748, 300, 40}});
    const auto found = audit(texts);
    CHECK(findingCount(found, "cjk_orphan") == 2);
    for (const auto& f : found) CHECK((f.id == "summary.offer" || f.id == "summary.tco"));
    CHECK(audit(texts, false).empty());  // staff screens are not judged
}

TEST_CASE("CJK text never starts a line with closing punctuation nor leaves one or two characters on its last line") {
    FontContext ctx;
    const std::string offer = "0 利率贷款（12 或 24 期）";
    auto starts = [](const std::string& line, const char* cp) { return line.rfind(cp, 0) == 0; };
    // As wide as all but "）": the bracket goes down with the character it closes.
    const auto kinsoku = ui::wrapText(ctx.font, offer, ui::textWidth(ctx.font, "0 利率贷款（12 或 24 期") + 1);
    REQUIRE(kinsoku.size() == 2);
    CHECK_FALSE(starts(kinsoku[1], "）"));
    // As wide as all but "期）": the lines are evened out instead of leaving "期）" alone.
    const float width = ui::textWidth(ctx.font, "0 利率贷款（12 或 24") + 1;
    const auto even = ui::wrapText(ctx.font, offer, width);
    INFO(even.front() << " | " << even.back());
    REQUIRE(even.size() == 2);
    CHECK(even.back() != "期）");
    CHECK(even.back().size() > std::string("期）").size());
    for (const auto& line : even) CHECK(ui::textWidth(ctx.font, line) <= width);
    // No break right after an opening bracket.
    for (float w = 60; w < 400; w += 7)
        for (const auto& line : ui::wrapText(ctx.font, offer, w)) {
            INFO(w << ": " << line);
            CHECK_FALSE((line.size() >= 3 && line.compare(line.size() - 3, 3, "（") == 0));
            CHECK_FALSE(starts(line, "）"));
        }
    // Latin text is untouched: a short last word is fine in English.
    const auto latin = ui::wrapText(ctx.font, "Total cost of the loan in all", ui::textWidth(ctx.font, "Total cost of the loan in ") + 1);
    REQUIRE(latin.size() == 2);
    CHECK(latin[1] == "all");
}
