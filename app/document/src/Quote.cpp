#include "document/Quote.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include "core/Money.h"
#include "document/PriceSource.h"

namespace document {
namespace {

using core::pricing::LineKind;

constexpr double kPageW = 595.0, kPageH = 842.0;  // A4 in points
constexpr double kMargin = 40.0;
constexpr const char* kFont = "Noto Sans CJK SC";  // fonts-noto-cjk; covers Latin too

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct QrDeleter {
    void operator()(QRcode* q) const { QRcode_free(q); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

// Draws text with a cursor; all coordinates in points from the page's top-left corner.
class Page {
public:
    Page(cairo_t* cr, std::vector<std::string>* log) : m_cr(cr), m_log(log) {}

    void font(double size, bool bold = false) {
        cairo_select_font_face(m_cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(m_cr, size);
        m_size = size;
    }
    void colour(double r, double g, double b) { cairo_set_source_rgb(m_cr, r, g, b); }
    double width(const std::string& s) {
        cairo_text_extents_t e;
        cairo_text_extents(m_cr, s.c_str(), &e);
        return e.x_advance;
    }
    void text(double x, double y, const std::string& s) {
        cairo_move_to(m_cr, x, y);
        cairo_show_text(m_cr, s.c_str());
        if (m_log) m_log->push_back(s);
    }
    void right(double xRight, double y, const std::string& s) { text(xRight - width(s), y, s); }
    // Greedy wrap: breaks at spaces for Latin text and between any two CJK characters.
    double wrapped(double x, double y, double maxWidth, const std::string& s, double lineHeight) {
        std::string line;
        size_t i = 0;
        while (i < s.size()) {
            size_t len = 1;
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c >= 0xF0) len = 4;
            else if (c >= 0xE0) len = 3;
            else if (c >= 0xC0) len = 2;
            const std::string ch = s.substr(i, len);
            if (width(line + ch) > maxWidth && !line.empty()) {
                std::string rest;
                const size_t space = line.rfind(' ');
                if (len == 1 && ch != " " && space != std::string::npos && space > 0) {
                    rest = line.substr(space + 1);
                    line.resize(space);
                }
                text(x, y, line);
                y += lineHeight;
                line = rest;
                if (ch == " ") {
                    i += len;
                    continue;
                }
            }
            line += ch;
            i += len;
        }
        if (!line.empty()) {
            text(x, y, line);
            y += lineHeight;
        }
        return y;
    }
    void rule(double y) {
        cairo_set_line_width(m_cr, 0.5);
        colour(0.75, 0.77, 0.8);
        cairo_move_to(m_cr, kMargin, y);
        cairo_line_to(m_cr, kPageW - kMargin, y);
        cairo_stroke(m_cr);
    }
    cairo_t* cr() { return m_cr; }

private:
    cairo_t* m_cr;
    std::vector<std::string>* m_log;  // every line drawn, when asked for (quoteText)
    double m_size = 10;
};

std::string money(const QuoteInput& in, std::int64_t minor, const std::string& lang) {
    return core::formatMoney(minor, in.catalog->market.currency, lang);
}

// A day as the market writes it in `lang` ("27.11.2026").
std::string day(const QuoteInput& in, const core::pricing::Date& d, const std::string& lang) {
    return d.format(core::numberFormat(in.catalog->market.currency, lang).date);
}

// A rate in basis points as the market writes it in `lang` ("4.99%", "4,99 %").
std::string percent(const QuoteInput& in, std::int64_t bp, const std::string& lang) {
    return core::formatPercent(static_cast<double>(bp) / 100.0, 2, core::numberFormat(in.catalog->market.currency, lang));
}

// A simple side view of a car in the configuration's paint colour, until the renderer's image exists.
void drawPlaceholderCar(Page& p, const QuoteInput& in, const std::string& lang, double x, double y, double w, double h) {
    cairo_t* cr = p.cr();
    std::array<float, 3> paint{0.75f, 0.77f, 0.8f};
    if (const core::Model* m = in.catalog->findModel(in.config.model))
        for (const auto& id : in.config.options)
            if (const core::Option* o = m->findOption(id); o && o->paint) paint = o->paint->baseColorSrgb;
    cairo_set_source_rgb(cr, 0.95, 0.96, 0.97);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    const double gx = y + h * 0.78;  // ground line
    cairo_set_source_rgb(cr, 0.85, 0.86, 0.88);
    cairo_rectangle(cr, x + w * 0.08, gx, w * 0.84, 2);
    cairo_fill(cr);
    // body
    cairo_new_path(cr);
    cairo_move_to(cr, x + w * 0.12, gx - h * 0.08);
    cairo_line_to(cr, x + w * 0.12, gx - h * 0.30);
    cairo_curve_to(cr, x + w * 0.20, gx - h * 0.34, x + w * 0.30, gx - h * 0.36, x + w * 0.36, gx - h * 0.38);
    cairo_curve_to(cr, x + w * 0.44, gx - h * 0.58, x + w * 0.62, gx - h * 0.60, x + w * 0.70, gx - h * 0.40);
    cairo_curve_to(cr, x + w * 0.80, gx - h * 0.37, x + w * 0.88, gx - h * 0.33, x + w * 0.89, gx - h * 0.22);
    cairo_line_to(cr, x + w * 0.89, gx - h * 0.08);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, paint[0], paint[1], paint[2]);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.25, 0.27, 0.3);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
    // windows
    cairo_move_to(cr, x + w * 0.40, gx - h * 0.38);
    cairo_curve_to(cr, x + w * 0.46, gx - h * 0.52, x + w * 0.60, gx - h * 0.53, x + w * 0.66, gx - h * 0.39);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.2, 0.25, 0.32);
    cairo_fill(cr);
    // wheels
    for (double cx : {0.27, 0.74}) {
        cairo_arc(cr, x + w * cx, gx - h * 0.08, h * 0.11, 0, 2 * 3.14159265358979);
        cairo_set_source_rgb(cr, 0.12, 0.12, 0.13);
        cairo_fill_preserve(cr);
        cairo_new_path(cr);
        cairo_arc(cr, x + w * cx, gx - h * 0.08, h * 0.06, 0, 2 * 3.14159265358979);
        cairo_set_source_rgb(cr, 0.7, 0.72, 0.75);
        cairo_fill(cr);
    }
    p.font(8);
    p.colour(0.45, 0.47, 0.5);
    p.text(x + 6, y + h - 6, in.pricing->label("picture_placeholder").get(lang));
}

bool drawPng(cairo_t* cr, const std::string& file, double x, double y, double w, double h) {
    Surface img(cairo_image_surface_create_from_png(file.c_str()));
    if (cairo_surface_status(img.get()) != CAIRO_STATUS_SUCCESS) return false;
    const double iw = cairo_image_surface_get_width(img.get()), ih = cairo_image_surface_get_height(img.get());
    if (iw <= 0 || ih <= 0) return false;
    const double s = std::min(w / iw, h / ih);
    cairo_save(cr);
    cairo_translate(cr, x + (w - iw * s) / 2, y + (h - ih * s) / 2);
    cairo_scale(cr, s, s);
    cairo_set_source_surface(cr, img.get(), 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    return true;
}

// Money rows of the page, recorded for checks as they are printed.
class Rows {
public:
    Rows(Page& p, const QuoteInput& in, const std::string& lang, double& y, QuoteDrawn* drawn)
        : m_p(p), m_in(in), m_lang(lang), m_y(y), m_drawn(drawn) {}
    void row(const char* section, const std::string& label, std::int64_t minor, bool bold, double size = 9,
             double grey = 0.1) {
        const std::string amount = money(m_in, minor, m_lang);
        m_p.font(size, bold);
        m_p.colour(grey, grey + 0.02, grey + 0.05);
        m_p.text(kMargin + 4, m_y, label);
        m_p.right(kPageW - kMargin - 4, m_y, amount);
        if (m_drawn) m_drawn->rows.push_back({section, label, amount, m_y});
        m_y += size + 4;
    }
    void heading(const std::string& title) {
        m_y += 8;
        m_p.font(11, true);
        m_p.colour(0.1, 0.12, 0.15);
        m_p.text(kMargin, m_y, title);
        m_y += 6;
        m_p.rule(m_y);
        m_y += 13;
    }

private:
    Page& m_p;
    const QuoteInput& m_in;
    const std::string& m_lang;
    double& m_y;
    QuoteDrawn* m_drawn;
};

// The footer starts here; everything above must end before it.
constexpr double kFooterTop = kPageH - 90;

// Every line of the breakdown, then the vehicle price with its VAT, what is due at purchase, the
// subsidies paid later and the total after them. A long list is set smaller so it all fits.
double drawPrice(Page& p, const QuoteInput& in, const std::string& lang, double y, QuoteDrawn* drawn) {
    auto L = [&](const char* key) { return in.pricing->label(key).get(lang); };
    Rows rows(p, in, lang, y, drawn);
    rows.heading(L("price_breakdown"));
    const double size = in.price.lines.size() > 14 ? 7.5 : 9;
    for (const auto& line : in.price.lines) {
        if (line.paidLater) continue;  // shown after the on-the-road price
        const bool included = line.kind == LineKind::Included;
        rows.row("line", (included ? "  " : "") + line.label->get(lang), line.amountMinor, false, size, included ? 0.45 : 0.1);
    }
    p.rule(y - 8);
    y += 2;
    rows.row("vehicle", L("vehicle_price"), in.price.vehiclePriceMinor, false, 8);
    rows.row("vat", "  " + L("vat_included"), in.price.vatIncludedMinor, false, 8);
    rows.row("due", L("due_at_purchase"), in.price.dueAtPurchaseMinor, true, 11);
    bool later = false;
    for (const auto& line : in.price.lines)
        if (line.paidLater) {
            rows.row("line_later", line.label->get(lang), line.amountMinor, false, size);
            later = true;
        }
    if (later) rows.row("total", L("total"), in.price.totalMinor, true, 11);
    return y;
}

double drawFinance(Page& p, const QuoteInput& in, const std::string& lang, double y, QuoteDrawn* drawn) {
    if (!in.finance) return y;
    auto L = [&](const char* key) { return in.pricing->label(key).get(lang); };
    const FinanceSummary& f = *in.finance;
    Rows rows(p, in, lang, y, drawn);
    rows.heading(L("financing") + (f.label ? " · " + f.label->get(lang) : ""));
    rows.row("finance", L("cash_price"), f.cashPriceMinor, false);
    rows.row("finance", L("down_payment"), f.downPaymentMinor, false);
    rows.row("finance", L("monthly_payment") + " × " + std::to_string(f.termMonths - 1) + " (" + percent(in, f.aprBp, lang) + ")",
             f.quote.monthlyPaymentMinor, true);
    rows.row("finance", L("monthly_payment") + " #" + std::to_string(f.termMonths), f.quote.lastPaymentMinor, false);
    if (f.quote.balloonMinor > 0) rows.row("finance", L("final_payment"), f.quote.balloonMinor, false);
    rows.row("finance", L("total_interest"), f.quote.totalInterestMinor, false);
    rows.row("finance", L("total_cost"), f.quote.totalCostMinor, false);
    return y;
}

// Cost of ownership, with its assumptions beside it in the quote's language (no internal ids).
void drawTco(Page& p, const QuoteInput& in, const std::string& lang, double y, QuoteDrawn* drawn, const core::Model& model) {
    if (!in.tco || !in.tco->petrol) return;
    auto L = [&](const char* key) { return in.pricing->label(key).get(lang); };
    const core::Catalog& cat = *in.catalog;
    const auto& t = *in.tco;
    Rows rows(p, in, lang, y, drawn);
    rows.heading(L("tco") + " (" + std::to_string(t.years) + " × " + std::to_string(t.kmPerYear) + " km)");
    rows.row("tco", model.name.get(lang), t.ev.totalMinor, false);
    rows.row("tco", t.petrol->label.get(lang), t.petrolSide.totalMinor, false);
    auto fill = [](std::string text, const std::string& name, const std::string& value) {
        const std::string key = "{" + name + "}";
        if (auto pos = text.find(key); pos != std::string::npos) text.replace(pos, key.size(), value);
        return text;
    };
    std::string note = cat.ui("quote.tco_basis", lang);
    note = fill(note, "wh_per_km", std::to_string(t.evWhPerKm));
    note = fill(note, "home_share", percent(in, t.homeChargingShareBp, lang));
    note = fill(note, "home_price", money(in, t.homeMinorPerKwh, lang));
    note = fill(note, "public_price", money(in, t.publicMinorPerKwh, lang));
    note = fill(note, "petrol_price", money(in, t.petrolMinorPerLitre, lang));
    note += " " + L("tco_note");
    p.font(7.5);
    p.colour(0.35, 0.37, 0.4);
    p.wrapped(kMargin + 4, y, kPageW - 2 * kMargin - 8, note, 9);
    if (drawn) drawn->notes.push_back(note);
}

// Showroom, then where the figures come from, in words (never file names or rule ids).
void drawFooter(Page& p, const QuoteInput& in, const std::string& lang, QuoteDrawn* drawn) {
    auto L = [&](const char* key) { return in.pricing->label(key).get(lang); };
    const core::Catalog& cat = *in.catalog;
    const double fy = kPageH - 78;
    p.rule(fy - 12);
    p.font(9, true);
    p.colour(0.1, 0.12, 0.15);
    p.text(kMargin, fy, L("showroom") + ": " + cat.showroom.name.get(lang));
    p.font(8);
    p.colour(0.3, 0.32, 0.35);
    p.text(kMargin, fy + 12, cat.showroom.address.get(lang) + "   " + cat.showroom.phone);
    std::vector<std::string> sources;
    for (const auto& line : in.price.lines) {
        const std::string source = priceLineSource(cat, *in.pricing, line, lang);
        if (!source.empty() && line.kind != LineKind::Included &&
            std::find(sources.begin(), sources.end(), source) == sources.end())
            sources.push_back(source);
    }
    std::string note = cat.ui("quote.sources", lang);
    for (size_t i = 0; i < sources.size(); ++i) note += (i ? "; " : " ") + sources[i];
    p.font(6.5);
    p.wrapped(kMargin, fy + 26, kPageW - 2 * kMargin, note, 8);
    if (drawn) {
        drawn->notes.push_back(note);
        drawn->footerTop = kFooterTop;
    }
}

std::string drawQuote(cairo_t* cr, const QuoteInput& in, QuoteDrawn* drawn) {
    if (!in.catalog || !in.pricing) return "the quote needs a catalog and pricing content";
    const core::Catalog& cat = *in.catalog;
    const core::pricing::PricingContent& pr = *in.pricing;
    const std::string lang = in.language.empty() ? cat.defaultLanguage() : in.language;
    const core::Model* model = cat.findModel(in.config.model);
    const core::Trim* trim = model ? model->findTrim(in.config.trim) : nullptr;
    if (!trim) return "unknown model or trim in the configuration";
    auto L = [&](const char* key) { return pr.label(key).get(lang); };

    Page p(cr, drawn ? &drawn->texts : nullptr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double right = kPageW - kMargin;

    // Header
    p.colour(0.1, 0.12, 0.15);
    p.font(18, true);
    p.text(kMargin, 52, cat.brand.name.get(lang) + "  " + L("quote_title"));
    p.font(9);
    p.colour(0.35, 0.37, 0.4);
    p.right(right, 44, L("quote_date") + ": " + day(in, in.price.date, lang));
    p.right(right, 57, L("valid_until") + ": " + day(in, in.price.validUntil, lang));
    p.rule(66);

    // Picture and QR code
    const double picY = 76, picW = 360, picH = 150;
    if (in.carImagePng.empty() || !drawPng(cr, in.carImagePng, kMargin, picY, picW, picH))
        drawPlaceholderCar(p, in, lang, kMargin, picY, picW, picH);
    if (auto qr = encodeQr(in.code)) {
        const QrPlacement at = qrPlacement(*qr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (int yy = 0; yy < qr->size; ++yy)
            for (int xx = 0; xx < qr->size; ++xx)
                if (qr->at(xx, yy)) cairo_rectangle(cr, at.x + xx * at.moduleSize, at.y + yy * at.moduleSize, at.moduleSize, at.moduleSize);
        cairo_fill(cr);
        p.font(7);
        p.colour(0.35, 0.37, 0.4);
        const double qrBottom = at.y + qr->size * at.moduleSize;
        p.wrapped(kPageW - kMargin - 140, qrBottom + 12, 140, L("configuration_code"), 9);
        p.font(8, true);
        p.colour(0.1, 0.12, 0.15);
        p.wrapped(kPageW - kMargin - 140, qrBottom + 32, 140, in.code, 10);
    }

    // Configuration
    double y = picY + picH + 24;
    p.colour(0.1, 0.12, 0.15);
    p.font(13, true);
    p.text(kMargin, y, model->name.get(lang) + "  " + trim->name.get(lang));
    y += 15;
    p.font(8.5);
    p.colour(0.3, 0.32, 0.35);
    std::string picks;
    for (const auto& id : in.config.options)
        if (const core::Option* o = model->findOption(id)) picks += (picks.empty() ? "" : " · ") + o->name.get(lang);
    y = p.wrapped(kMargin, y, right - kMargin, picks, 11);
    if (const auto& official = in.officialRange; official && official->rangeKm > 0) {
        const core::NumberFormat nf = core::numberFormat(in.catalog->market.currency, lang);
        p.text(kMargin, y, L("official_range") + ": " + core::formatQuantity(official->rangeKm, 0, "km", nf) + "   " +
                               L("consumption") + ": " + core::formatQuantity(official->kwhPer100km, 1, "kWh/100 km", nf));
        y += 11;
    }

    y = drawPrice(p, in, lang, y, drawn);
    y = drawFinance(p, in, lang, y, drawn);
    drawTco(p, in, lang, y, drawn, *model);
    drawFooter(p, in, lang, drawn);
    return {};
}

}  // namespace

std::optional<QrMatrix> encodeQr(const std::string& text) {
    if (text.empty()) return std::nullopt;
    std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) return std::nullopt;
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<size_t>(m.size) * static_cast<size_t>(m.size));
    for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;
    return m;
}

QrPlacement qrPlacement(const QrMatrix& qr) {
    const double box = 120.0;
    QrPlacement p;
    p.moduleSize = box / std::max(qr.size, 1);
    p.x = kPageW - kMargin - 140 + (140 - box) / 2;
    p.y = 80;
    return p;
}

std::string writeQuotePdf(const QuoteInput& input, const std::string& path, QuoteDrawn* drawn) {
    Surface surface(cairo_pdf_surface_create(path.c_str(), kPageW, kPageH));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return "cannot create PDF \"" + path + "\"";
    Context cr(cairo_create(surface.get()));
    const std::string error = drawQuote(cr.get(), input, drawn);
    if (!error.empty()) return error;
    cairo_show_page(cr.get());
    cr.reset();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return std::string("writing PDF \"") + path + "\" failed: " + cairo_status_to_string(cairo_surface_status(surface.get()));
    return {};
}

core::Result<std::vector<std::string>> quoteText(const QuoteInput& input) {
    Surface surface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR, nullptr));
    Context cr(cairo_create(surface.get()));
    QuoteDrawn drawn;
    if (std::string error = drawQuote(cr.get(), input, &drawn); !error.empty()) return core::fail(error);
    return std::move(drawn.texts);
}

std::string writeQuotePng(const QuoteInput& input, const std::string& path, double pixelsPerPoint, QuoteDrawn* drawn) {
    const int w = static_cast<int>(kPageW * pixelsPerPoint), h = static_cast<int>(kPageH * pixelsPerPoint);
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), pixelsPerPoint, pixelsPerPoint);
    const std::string error = drawQuote(cr.get(), input, drawn);
    if (!error.empty()) return error;
    cr.reset();
    if (cairo_surface_write_to_png(surface.get(), path.c_str()) != CAIRO_STATUS_SUCCESS) return "cannot write PNG \"" + path + "\"";
    return {};
}

}  // namespace document
