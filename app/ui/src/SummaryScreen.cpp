// The summary: where its parts go. Each part is measured before anything is drawn (SummaryParts.h),
// and the first arrangement in which everything fits whole is drawn:
// - landscape, three cards: the price (list, trade-in, totals), financing with "book" at its foot,
//   range with the QR code at its foot (or wherever the QR code fits);
// - tabbed: the price card (with a compact QR code beside the totals) and one card whose tabs show
//   financing (with the trade-in) or range, each flowed into side-by-side columns, "book" beside the
//   tabs; used in portrait, with large text and whenever the three cards would leave the price list
//   fewer than five whole lines;
// - low reach: the bar at the reach line, the price card (which only shows and scrolls) above it,
//   every control under it.
#include "ui/SummaryScreen.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "SummaryParts.h"
#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace ui {
namespace {

using namespace summary;

// The bar (back, title, compare, fit, Aa, language) and the rest of the screen. Portrait puts back
// and language on the first row, compare, fit and book on the second.
struct SummaryLayout {
    Rect back, title, compare, fit, topBar, book;
    bool portrait = false;
    Rect body;   // under the bar
    Rect above;  // low reach: over the bar, for what only shows and scrolls (h 0: none)
};

SummaryLayout computeLayout(const ScreenView& view, const Metrics& sizes) {
    SummaryLayout l;
    const float s = view.scale, W = view.width, H = view.height, m = sizes.margin, g = sizes.gapWide;
    l.portrait = H > W;
    const bool low = view.access.lowReach;
    const float barY = low ? reachTop(H, true) : m * 0.5f;
    l.back = {m, barY, sizes.backW, sizes.barH};
    l.topBar = {W - m - sizes.topBarW, barY, sizes.topBarW, sizes.barH};
    const float accessX = l.topBar.x - sizes.barH - 24 * s;  // the Aa button, left of the language switch
    const float bottom = H - m * 0.5f;
    float top = barY + sizes.barH + g;
    if (!l.portrait) {
        const float fitW = 280 * s, fitX = accessX - 20 * s - fitW;
        l.fit = {fitX, barY, fitW, sizes.barH};
        l.compare = {fitX - 20 * s - fitW, barY, fitW, sizes.barH};
        l.title = {l.back.x + l.back.w + 30 * s, barY, l.compare.x - 20 * s - (l.back.x + l.back.w + 30 * s), sizes.barH};
    } else {
        l.title = {l.back.x + l.back.w + 24 * s, barY, accessX - 24 * s - (l.back.x + l.back.w + 24 * s), sizes.barH};
        const float row2 = barY + sizes.barH + sizes.spacing, third = (W - 2 * m - 2 * sizes.spacing) / 3;
        l.compare = {m, row2, third, sizes.barH};
        l.fit = {m + third + sizes.spacing, row2, third, sizes.barH};
        l.book = {m + 2 * (third + sizes.spacing), row2, third, sizes.barH};
        top = row2 + sizes.barH + g;
    }
    l.body = {m, top, W - 2 * m, bottom - top};
    if (low) l.above = {m, m * 0.5f, W - 2 * m, barY - g - m * 0.5f};
    return l;
}

// Text in `box`: the largest of the given fonts at which it fits in as many lines as the box
// holds, vertically centred; the smallest font wraps.
void fittedText(const ScreenView& view, const Rect& box, std::uint32_t colour, const std::string& words, const std::string& id,
                std::initializer_list<ImFont*> fonts) {
    ImFont* last = *(fonts.end() - 1);
    for (ImFont* f : fonts) {
        const auto lines = wrapText(f, words, box.w);
        const float h = static_cast<float>(lines.size()) * f->FontSize * 1.2f;
        if (f != last && (lines.size() > 1 || h > box.h)) continue;
        float y = box.y + std::max(0.0f, (box.h - h) * 0.5f);
        for (size_t i = 0; i < lines.size(); ++i, y += f->FontSize * 1.2f)
            drawTextIn(ImGui::GetWindowDrawList(), f, {box.x, y, box.w, 0}, colour, lines[i], view.audit, id + "#" + std::to_string(i));
        return;
    }
}

void card(const ScreenView& view, const Rect& r) {
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), view.palette.card, 24 * view.scale);
}

float titleHeight(const ScreenView& view, const std::string& key, float w) {
    return wrappedHeight(view.fonts.large, view.catalog.ui(key, view.language), w) + view.fonts.large->FontSize * 0.2f;
}

// The tabbed card's measures: the tab row and the sub-columns. Where the price card cannot hold
// the QR code (low reach: it is tapped), the code closes each tab's blocks.
struct Tabbed {
    float pad = 0, rowH = 0, gap = 0;
    bool bookInRow = false;  // "book" at the right of the tab row
    bool bookAtFoot = false; // "book" at the card's foot (the tabs leave it no room beside them)
    float side = 0;          // a low card: the tabs, and "book" under them, in a column this wide at its left
    float qrSide = 0;        // the compact QR code as each tab's last block (0: not in this card)
    size_t columns = 1;
    float subW = 0;
};

float bookWidth(const ScreenView& view) {
    const float s = view.scale;
    return std::max(320 * s, textWidth(view.fonts.body, view.catalog.ui("config.book", view.language)) + 96 * s);
}

float tabWidth(const ScreenView& view) {
    const float s = view.scale;
    float w = 240 * s;
    for (const char* key : {"summary.finance", "summary.range"})
        w = std::max(w, textWidth(view.fonts.body, view.catalog.ui(key, view.language)) + 64 * s);
    return w;
}

float tabbedTop(const Tabbed& t, const Rect& r, const ScreenView& view) {
    if (t.side > 0) return r.y + t.pad;
    return r.y + t.pad + t.rowH + (t.pad > 20 * view.scale ? metricsFor(view.scale).gap : metricsFor(view.scale).spacing);
}

std::vector<Block> tabBlocks(const SummaryView& sv, SummaryIntent& changes, const Tabbed& t, int tab) {
    auto blocks = tab == 0 ? financeBlocks(sv, changes, true) : rangeBlocks(sv, changes);
    if (t.qrSide > 0 && sv.qr && sv.qrSize > 0)
        blocks.push_back([&sv, &changes, side = t.qrSide](Flow& f) {
            if (f.drawing) drawCompactQr(f.view, sv, {f.x, f.y, side, 0}, changes);
            f.y += compactQrHeight(f.view, sv, side) + metricsFor(f.view.scale).spacing;
        });
    return blocks;
}

// The content height the taller tab needs in `t`'s sub-columns; above `limit` when one does not fit.
float tabbedContentHeight(const ScreenView& view, const SummaryView& sv, const Tabbed& t, float limit) {
    SummaryIntent none;
    float need = 0;
    for (int tab = 0; tab < 2; ++tab) {
        const std::vector<float> heights = blockHeights(view, tabBlocks(sv, none, t, tab), t.subW);
        float total = 0, tallest = 0;
        for (float h : heights) total += h, tallest = std::max(tallest, h);
        float h = std::max(tallest, total / static_cast<float>(t.columns));
        while (h <= limit && flowColumns(heights, h, t.columns).empty()) h += 4 * view.scale;
        need = std::max(need, h);
    }
    return need;
}

// Whether both tabs fit the tabbed card `r` laid out as `t`: every block in the sub-columns' height,
// and the trade-in's three choices in a sub-column's width.
bool tabsFit(const ScreenView& view, const SummaryView& sv, const Rect& r, const Tabbed& t) {
    const float s = view.scale, choiceW = (t.subW - 2 * metricsFor(s).spacing) / 3;
    if (sv.tradeInOffered)
        for (const char* name : {"none", "scrappage", "replacement"})
            if (textWidth(view.fonts.body, view.catalog.ui(std::string("summary.trade_in.") + name, view.language)) + 16 * s > choiceW) return false;
    const float h = r.y + r.h - t.pad - tabbedTop(t, r, view) - (t.bookAtFoot ? t.rowH + metricsFor(view.scale).spacing : 0);
    return tabbedContentHeight(view, sv, t, h) <= h + 0.5f;
}

// The tabbed card `r`: "book" beside the tabs when asked and they leave it room (else at the
// card's foot), and the fewest sub-columns in which both tabs fit (`flexible`: two, the card's
// height follows them).
Tabbed tabbed(const ScreenView& view, const SummaryView& sv, const Rect& r, bool book, float qrSide, bool tight, bool flexible) {
    Tabbed t;
    const float s = view.scale;
    const Metrics sizes = metricsFor(s);
    t.pad = (tight ? 20 : 28) * s;
    t.gap = tight ? sizes.gap : sizes.gapWide;
    t.rowH = sizes.rowH;
    t.qrSide = qrSide;
    if (tight && book) t.side = std::max(tabWidth(view), bookWidth(view));
    const float inner = r.w - 2 * t.pad - (t.side > 0 ? t.side + t.gap : 0);
    t.bookInRow = book && t.side <= 0 && 2 * tabWidth(view) + 2 * sizes.spacing + bookWidth(view) <= inner;
    t.bookAtFoot = book && t.side <= 0 && !t.bookInRow;
    // Sub-columns no narrower than about 300 px at 1080p (more with large text).
    const float minSub = 300 * s * view.fonts.body->FontSize / (34 * s);
    const size_t most = std::max<size_t>(1, static_cast<size_t>((inner + t.gap) / (minSub + t.gap)));
    const float h = r.y + r.h - t.pad - tabbedTop(t, r, view) - (t.bookAtFoot ? t.rowH + sizes.spacing : 0);
    for (size_t n = flexible ? std::min<size_t>(2, most) : 1; n <= most; ++n) {
        t.columns = n;
        t.subW = (inner - static_cast<float>(n - 1) * t.gap) / static_cast<float>(n);
        if (flexible || tabbedContentHeight(view, sv, t, h) <= h + 0.5f) break;
    }
    return t;
}

// Draws the tabbed card.
void drawTabbed(const ScreenView& view, const SummaryView& sv, const Rect& r, const Tabbed& t, SummaryIntent& changes, Intent& intent) {
    card(view, r);
    const auto& c = view.catalog;
    const float s = view.scale, y = r.y + t.pad, tabW = t.side > 0 ? t.side : tabWidth(view);
    const float x = r.x + t.pad + (t.side > 0 ? t.side + t.gap : 0);
    const Metrics sizes = metricsFor(s);
    const char* keys[] = {"summary.finance", "summary.range"};
    for (int i = 0; i < 2; ++i) {
        const float step = static_cast<float>(i) * (t.side > 0 ? t.rowH : tabW) + static_cast<float>(i) * sizes.spacing;
        const Rect tab = t.side > 0 ? Rect{r.x + t.pad, y + step, tabW, t.rowH} : Rect{x + step, y, tabW, t.rowH};
        if (touchButton(view, std::string("summary-tab:") + (i == 0 ? "finance" : "range"), c.ui(keys[i], view.language), tab, sv.detailsTab == i))
            changes.detailsTab = i;
    }
    if (t.side > 0 && touchButton(view, "book", c.ui("config.book", view.language), {r.x + t.pad, r.y + r.h - t.pad - t.rowH, t.side, t.rowH}, true))
        intent.openBooking = true;
    if (t.bookInRow) {
        const float bw = bookWidth(view);
        if (touchButton(view, "book", c.ui("config.book", view.language), {r.x + r.w - t.pad - bw, y, bw, t.rowH}, true))
            intent.openBooking = true;
    }
    const float top = tabbedTop(t, r, view), h = r.y + r.h - t.pad - top - (t.bookAtFoot ? t.rowH + sizes.spacing : 0);
    if (t.bookAtFoot) {
        const float bw = bookWidth(view);
        if (touchButton(view, "book", c.ui("config.book", view.language), {r.x + r.w - t.pad - bw, r.y + r.h - t.pad - t.rowH, bw, t.rowH}, true))
            intent.openBooking = true;
    }
    const auto blocks = tabBlocks(sv, changes, t, sv.detailsTab);
    auto starts = flowColumns(blockHeights(view, blocks, t.subW), h, t.columns);
    if (starts.empty()) starts = {0};  // measured first, so it fits; one column rather than none
    for (size_t k = 0; k < starts.size(); ++k) {
        const size_t end = k + 1 < starts.size() ? starts[k + 1] : blocks.size();
        const std::vector<Block> part(blocks.begin() + static_cast<std::ptrdiff_t>(starts[k]), blocks.begin() + static_cast<std::ptrdiff_t>(end));
        drawBlocks(view, part, {x + static_cast<float>(k) * (t.subW + t.gap), top, t.subW, h});
    }
}

float compactQrSide(const ScreenView& view) { return 170 * view.scale; }

bool enoughLines(const ScreenView& view, const SummaryView& sv, const Rect& price, const PriceCardParts& parts) {
    const auto [whole, all] = priceLinesShown(view, sv, price, parts);
    return whole >= std::min<size_t>(5, all);
}

}  // namespace

namespace {

// Landscape in three cards, when everything fits whole and the price list shows five lines:
// returns false (drawing nothing) when it does not.
bool drawThreeCards(const ScreenView& view, const SummaryView& sv, const Rect& body, SummaryIntent& changes, Intent& intent) {
    const float s = view.scale, pad = 28 * s, g = metricsFor(s).gapWide, gap = metricsFor(s).gap, bookH = 104 * s;
    const float avail = body.w - 2 * g;
    // The price gets the widest card: it is what the customer reads line by line.
    const Rect price{body.x, body.y, avail * 0.38f, body.h};
    const Rect finance{price.x + price.w + g, body.y, avail * 0.30f, body.h};
    const Rect range{finance.x + finance.w + g, body.y, avail * 0.32f, body.h};
    SummaryIntent none;
    const float fw = finance.w - 2 * pad, rw = range.w - 2 * pad, inner = body.h - 2 * pad;
    const float financeH = titleHeight(view, "summary.finance", fw) + blocksHeight(view, financeBlocks(sv, none, false), fw);
    const float rangeH = titleHeight(view, "summary.range", rw) + blocksHeight(view, rangeBlocks(sv, none), rw);
    if (financeH + gap + bookH > inner || rangeH > inner) return false;
    // The QR code: under the range, else over "book", else left of "book" with "tap to enlarge"
    // over the button, else beside the price's totals.
    const float qrR = qrBlockHeight(view, sv, rw), qrF = qrBlockHeight(view, sv, fw);
    const std::string tap = view.catalog.ui("summary.qr_tap", view.language), bookLabel = view.catalog.ui("config.book", view.language);
    const float side = std::min(170 * s, inner - financeH - gap), besideW = fw - side - gap;
    const float tapH = wrappedHeight(view.fonts.small, tap, besideW);
    enum class Qr { Range, Finance, BesideBook, Price } where = Qr::Price;
    if (rangeH + gap + qrR <= inner) where = Qr::Range;
    else if (financeH + gap + qrF + bookH <= inner) where = Qr::Finance;
    else if (side >= 120 * s && financeH + gap + tapH + 8 * s + bookH <= inner && textWidth(view.fonts.body, bookLabel) + 32 * s <= besideW)
        where = Qr::BesideBook;
    PriceCardParts parts;
    parts.tradeIn = true;
    if (where == Qr::Price) parts.qrSide = compactQrSide(view);
    if (!enoughLines(view, sv, price, parts)) return false;

    card(view, price);
    drawPriceCard(view, sv, price, parts, changes);
    card(view, finance);
    Flow f{view, true, finance.x + pad, finance.y + pad, fw};
    f.wrapped(view.fonts.large, view.palette.text, view.catalog.ui("summary.finance", view.language), "summary.finance_title");
    f.y += view.fonts.large->FontSize * 0.2f;
    drawBlocks(view, financeBlocks(sv, changes, false), {f.x, f.y, fw, 0});
    Rect book{finance.x + pad, finance.y + finance.h - pad - bookH, fw, bookH};
    if (where == Qr::BesideBook) {
        const float bottom = book.y + bookH;
        const float drawn = drawQrSquare(view, sv, book.x, bottom - side, side, changes);
        book = {book.x + drawn + gap, book.y, fw - drawn - gap, bookH};
        drawTextWrapped(ImGui::GetWindowDrawList(), view.fonts.small, {book.x, book.y - 8 * s - tapH, book.w, 0}, view.palette.accent, tap,
                        view.audit, "summary.qr_tap");
    }
    if (touchButton(view, "book", bookLabel, book, true)) intent.openBooking = true;
    if (where == Qr::Finance) drawQrBlock(view, sv, {book.x, book.y - gap - qrF, fw, qrF}, changes);
    card(view, range);
    Flow r{view, true, range.x + pad, range.y + pad, rw};
    r.wrapped(view.fonts.large, view.palette.text, view.catalog.ui("summary.range", view.language), "summary.range_title");
    r.y += view.fonts.large->FontSize * 0.2f;
    drawBlocks(view, rangeBlocks(sv, changes), {r.x, r.y, rw, 0});
    if (where == Qr::Range) drawQrBlock(view, sv, {r.x, range.y + range.h - pad - qrR, rw, qrR}, changes);
    return true;
}

// The price card and the tabbed card, for every layout the three cards do not suit.
void drawPriceAndTabs(const ScreenView& view, const SummaryView& sv, const SummaryLayout& l, SummaryIntent& changes, Intent& intent) {
    const float s = view.scale, g = metricsFor(s).gapWide;
    const Rect& body = l.body;
    const bool low = l.above.h > 0;
    PriceCardParts parts;
    // The QR code is tapped: under the reach line with low reach, so in the tabbed card then.
    const float qrSide = compactQrSide(view);
    if (!low) parts.qrSide = qrSide;
    if (low) {
        parts.wide = !l.portrait;
        card(view, l.above);
        drawPriceCard(view, sv, l.above, parts, changes);
        const Tabbed t = tabbed(view, sv, body, !l.portrait, qrSide, true, false);
        drawTabbed(view, sv, body, t, changes, intent);
        return;
    }
    if (!l.portrait) {
        // The price card as wide as its lines need (up to half), where the tabs keep their columns,
        // "book" its place, and wrap at most one line more than beside the narrowest price card.
        const float avail = body.w - g, least = avail * 0.38f, want = std::min(avail * 0.5f, priceCardWidth(view, sv, parts));
        float priceW = least;
        const Rect widest{body.x + least + g, body.y, avail - least, body.h};
        const Tabbed base = tabbed(view, sv, widest, true, 0, false, false);
        const float baseH = tabbedContentHeight(view, sv, base, widest.h);
        for (int k = 6; k > 0 && want > least; --k) {
            const float w = least + (want - least) * static_cast<float>(k) / 6;
            const Rect details{body.x + w + g, body.y, avail - w, body.h};
            const Tabbed t = tabbed(view, sv, details, true, 0, false, false);
            if (t.columns == base.columns && t.bookInRow == base.bookInRow && tabsFit(view, sv, details, t) &&
                tabbedContentHeight(view, sv, t, details.h) <= baseH + view.fonts.body->FontSize * 1.2f + 0.5f) {
                priceW = w;
                break;
            }
        }
        const Rect price{body.x, body.y, priceW, body.h};
        const Rect details{price.x + price.w + g, body.y, avail - price.w, body.h};
        card(view, price);
        drawPriceCard(view, sv, price, parts, changes);
        drawTabbed(view, sv, details, tabbed(view, sv, details, true, 0, false, false), changes, intent);
        return;
    }
    // Portrait: the tabbed card as high as its taller tab needs, the price card above it the rest.
    const Tabbed t = tabbed(view, sv, body, false, 0, false, true);
    const float need = tabbedContentHeight(view, sv, t, body.h * 0.6f);
    const float detailsH = std::min(body.h * 0.6f, tabbedTop(t, {0, 0, 0, 0}, view) + need + t.pad);
    const Rect details{body.x, body.y + body.h - detailsH, body.w, detailsH};
    const Rect price{body.x, body.y, body.w, body.h - detailsH - g};
    card(view, price);
    drawPriceCard(view, sv, price, parts, changes);
    drawTabbed(view, sv, details, t, changes, intent);
}

}  // namespace

Intent SummaryScreen::draw(const ScreenView& view, const SummaryView& sv, SummaryIntent& changes) const {
    Intent intent;
    const Pen text(view);
    const auto& c = text.c;
    const auto& lang = text.lang;
    const SummaryLayout l = computeLayout(view, text.sizes);
    if (touchButton(view, "back", "‹ " + c.ui("summary.back", lang), l.back, false)) intent.back = true;
    if (touchButton(view, "fit", c.ui("fit.open", lang), l.fit, false)) intent.openFitCheck = true;
    if (touchButton(view, "compare", c.ui(sv.hasKeptCar ? "compare.open" : "compare.keep", lang), l.compare, false)) intent.compare = true;
    if (l.portrait && touchButton(view, "book", c.ui("config.book", lang), l.book, true)) intent.openBooking = true;
    const core::Trim* trim = sv.model.findTrim(sv.configuration.trim);
    fittedText(view, l.title, text.pal.text, sv.model.name.get(lang) + " · " + (trim ? trim->name.get(lang) : sv.configuration.trim),
               "summary.title", {view.fonts.large, view.fonts.body});
    drawTopBar(view, l.topBar, intent);
    const bool three = !l.portrait && l.above.h <= 0;
    if (!three || !drawThreeCards(view, sv, l.body, changes, intent)) drawPriceAndTabs(view, sv, l, changes, intent);
    return intent;
}

}  // namespace ui
