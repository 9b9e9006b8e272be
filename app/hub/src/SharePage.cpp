#include "SharePage.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/Markup.h"
#include "core/Money.h"
#include "document/PriceSource.h"

namespace hub {
namespace {

// Inline, small and system fonts only: the page weighs a few kilobytes and loads nothing else.
const char* const kStyle =
    "*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,'Noto Sans CJK SC',sans-serif;"
    "color:#1d232b;background:#f3f4f6}header{background:#14202e;color:#fff;padding:16px 16px 20px}"
    "nav{text-align:right;font-size:14px}nav a{color:#cfe3ff;margin-left:12px}nav b{margin-left:12px}"
    "h1{margin:8px 0 0;font-size:26px}h2{font-size:18px;margin:0 0 10px}.sub{margin:2px 0 0;color:#c4cdd8}"
    "section{background:#fff;margin:12px;padding:16px;border-radius:12px}"
    ".car{display:flex;align-items:center;gap:12px}.car svg{flex:1;max-width:240px;height:auto}"
    ".swatch{width:44px;height:44px;border-radius:50%;border:2px solid #d0d5db;flex:none}"
    "ul{margin:0;padding-left:20px}table{width:100%;border-collapse:collapse}"
    "td{padding:6px 0;vertical-align:top;border-bottom:1px solid #eef0f2}td.a{text-align:right;white-space:nowrap;padding-left:8px}"
    "small{display:block;color:#6b7480;font-size:12px}tr.sum td{font-weight:700;border-bottom:0;font-size:18px}"
    ".note{background:#fff4e0;border-left:4px solid #e8a020;padding:8px 10px;margin:10px 0 0}"
    ".ok{background:#e5f6ea;border-left-color:#2f9e55}.muted{color:#6b7480;font-size:14px}"
    "dl{display:grid;grid-template-columns:1fr auto;gap:4px 8px;margin:0}dd{margin:0;text-align:right;font-weight:600}"
    "label{display:block;margin:10px 0 4px}input[type=text],input[type=tel],select{width:100%;padding:10px;font-size:16px;"
    "border:1px solid #b8c0c9;border-radius:8px;background:#fff}label.c{display:flex;gap:8px;font-size:14px}"
    "label.c input{width:22px;height:22px;flex:none}button{margin-top:14px;width:100%;padding:14px;font-size:17px;"
    "border:0;border-radius:10px;background:#0b6bcb;color:#fff}.err{color:#b3261e;font-size:14px}a.tel{font-size:18px}";

std::string fill(std::string text, const std::string& key, const std::string& value) {
    const std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
        text.replace(at, token.size(), value);
    return text;
}

std::string dateText(const core::Catalog& catalog, const std::string& lang, core::pricing::Date date) {
    const std::string iso = date.str();
    const auto format = core::numberFormat(catalog.market.currency, lang);
    return core::formatDate(format.date, std::stoi(iso.substr(0, 4)), static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
                            static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
}

std::string km(double value) { return std::to_string(static_cast<long long>(std::lround(value))) + " km"; }

std::string hexColour(const std::array<float, 3>& srgb) {
    char out[8];
    auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
    std::snprintf(out, sizeof out, "#%02x%02x%02x", byte(srgb[0]), byte(srgb[1]), byte(srgb[2]));
    return out;
}

// A side view of the body style in the paint's colour: enough to recognise the car until a picture exists.
std::string silhouette(const std::string& bodyStyle, const std::string& colour) {
    const char* body = bodyStyle == "suv" ? "M8 62 L14 40 L60 34 L84 14 L170 12 L204 36 L232 42 L236 62 Z"
                       : bodyStyle == "sedan" ? "M6 62 L10 46 L56 38 L90 18 L160 18 L196 38 L234 44 L238 62 Z"
                                              : "M8 62 L12 44 L58 36 L88 16 L176 16 L196 40 L222 44 L226 62 Z";
    return "<svg viewBox=\"0 0 244 84\" role=\"img\" aria-hidden=\"true\"><path d=\"" + std::string(body) + "\" fill=\"" + colour +
           "\" stroke=\"#1d232b\" stroke-width=\"2\"/><circle cx=\"58\" cy=\"64\" r=\"16\" fill=\"#2b2f36\"/>"
           "<circle cx=\"186\" cy=\"64\" r=\"16\" fill=\"#2b2f36\"/><circle cx=\"58\" cy=\"64\" r=\"7\" fill=\"#aab2bc\"/>"
           "<circle cx=\"186\" cy=\"64\" r=\"7\" fill=\"#aab2bc\"/></svg>";
}

std::string pageLink(const SharePageInput& in, const std::string& lang) {
    std::string link = "/c/" + in.quote.code + "?";
    if (!in.quotedParam.empty()) link += "d=" + in.quotedParam + "&amp;";
    return link + "lang=" + htmlEscape(lang);
}

std::string head(const core::Catalog& catalog, const std::string& lang, const std::string& title) {
    (void)catalog;
    return "<!doctype html><html lang=\"" + htmlEscape(lang) +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           "<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex\"><title>" +
           htmlEscape(title) + "</title><style>" + kStyle + "</style></head><body>";
}

std::string languageSwitch(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    std::string out = "<nav>";
    // "lang.switch" names the other language of a two-language market in the current one, as the
    // kiosk's switch does; a market with more languages lists their codes.
    for (const auto& lang : c.market.languages) {
        if (lang == in.language) continue;
        const std::string label = c.market.languages.size() == 2 ? c.ui("lang.switch", in.language) : lang;
        out += "<a id=\"lang-" + htmlEscape(lang) + "\" href=\"" + pageLink(in, lang) + "\">" + htmlEscape(label) + "</a>";
    }
    return out + "</nav>";
}

std::string carSection(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    const SharedQuote& q = in.quote;
    const std::string& lang = in.language;
    std::string out = "<section class=\"car\"><span class=\"swatch\" style=\"background:" + hexColour(q.paintSrgb) + "\"></span>" +
                      silhouette(q.model->bodyStyle, hexColour(q.paintSrgb)) + "</section><section><h2>" +
                      htmlEscape(c.ui("share.options", lang)) + "</h2><ul>";
    for (const auto& category : c.categories)
        for (const auto& id : q.config.options)
            if (const core::Option* o = q.model->findOption(id); o && o->category == category.id)
                out += "<li>" + htmlEscape(category.name.get(lang)) + ": " + htmlEscape(o->name.get(lang)) + "</li>";
    return out + "</ul><p class=\"muted\">" + htmlEscape(c.ui("share.code", lang)) + ": <span id=\"code\">" + q.code +
           "</span></p></section>";
}

std::string moneyCell(const core::Catalog& c, const std::string& lang, std::int64_t minor) {
    return "<td class=\"a\" data-minor=\"" + std::to_string(minor) + "\">" + htmlEscape(core::formatMoney(minor, c.market.currency, lang)) +
           "</td>";
}

std::string priceSection(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    const SharedQuote& q = in.quote;
    const std::string& lang = in.language;
    std::string out = "<section id=\"price\"><h2>" + htmlEscape(c.ui("summary.price", lang)) + "</h2><table>";
    for (const auto& line : q.price.lines) {
        const std::string source = document::priceLineSource(c, in.content.pricing(), line, lang);
        out += std::string("<tr class=\"line\" data-kind=\"") + core::pricing::lineKindName(line.kind) + "\"><td>" +
               htmlEscape(line.label ? line.label->get(lang) : "") + "<small class=\"src\">" + htmlEscape(source) + "</small></td>" +
               moneyCell(c, lang, line.amountMinor) + "</tr>";
    }
    out += "<tr class=\"sum\" id=\"due\"><td>" + htmlEscape(c.ui("summary.on_road", lang)) + "</td>" +
           moneyCell(c, lang, q.price.dueAtPurchaseMinor) + "</tr>";
    if (q.price.totalMinor != q.price.dueAtPurchaseMinor)
        out += "<tr class=\"sum\" id=\"total\"><td>" + htmlEscape(c.ui("summary.after_subsidy", lang)) + "</td>" +
               moneyCell(c, lang, q.price.totalMinor) + "</tr>";
    out += "</table><p class=\"muted\" id=\"valid\">" + htmlEscape(fill(c.ui("share.quoted", lang), "date", dateText(c, lang, q.price.date))) +
           " · " + htmlEscape(fill(c.ui("summary.valid_until", lang), "date", dateText(c, lang, q.price.validUntil))) + "</p>";
    if (q.expired)
        out += "<p class=\"note\" id=\"expired\">" + htmlEscape(fill(c.ui("share.expired", lang), "date", dateText(c, lang, q.price.validUntil))) + "</p>";
    else if (q.offerEnded)
        out += "<p class=\"note\" id=\"offer-ended\">" + htmlEscape(c.ui("share.offer_ended", lang)) + "</p>";
    return out + "</section>";
}

std::string financeSection(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    const std::string& lang = in.language;
    std::string out = "<section id=\"finance\"><h2>" + htmlEscape(c.ui("summary.finance", lang)) + "</h2>";
    if (!in.quote.finance) return out + "<p>" + htmlEscape(c.ui("summary.no_offer", lang)) + "</p></section>";
    const SharedFinance& f = *in.quote.finance;
    std::string basis = fill(c.ui("share.finance_basis", lang), "offer", f.offer->label.get(lang));
    basis = fill(fill(basis, "down", core::formatMoney(f.downMinor, c.market.currency, lang)), "term", std::to_string(f.termMonths));
    return out + "<table><tr class=\"sum\" id=\"monthly\"><td>" + htmlEscape(c.ui("summary.monthly", lang)) + "</td>" +
           moneyCell(c, lang, f.quote.monthlyPaymentMinor) + "</tr></table><p class=\"muted\">" + htmlEscape(basis) + "</p></section>";
}

std::string rangeSection(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    const SharedQuote& q = in.quote;
    const std::string& lang = in.language;
    std::string out = "<section id=\"range\"><h2>" + htmlEscape(c.ui("summary.range", lang)) + "</h2><dl>";
    auto row = [&](const std::string& key, const std::string& value, const char* id) {
        out += "<dt>" + htmlEscape(c.ui(key, lang)) + "</dt><dd id=\"" + id + "\">" + htmlEscape(value) + "</dd>";
    };
    if (q.typical && q.typical->official.rangeKm > 0) row("summary.range_official", km(q.typical->official.rangeKm), "official");
    if (q.typical) row("summary.range_typical", km(q.typical->customerRangeKm), "typical");
    if (q.winter) row("summary.range_winter", km(q.winter->customerRangeKm), "winter");
    if (q.highway) row("summary.range_highway", km(q.highway->customerRangeKm), "highway");
    if (q.typical) {
        row("summary.dc", std::to_string(static_cast<long long>(std::lround(q.typical->dc10To80Min))) + " min", "dc");
        char hours[16];
        std::snprintf(hours, sizeof hours, "%.1f h", q.typical->ac0To100H);
        row("summary.ac", hours, "ac");
    }
    return out + "</dl></section>";
}

std::string showroomSection(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    const std::string& lang = in.language;
    const core::Showroom& s = c.showroom;
    std::string tel;
    for (char ch : s.phone)
        if (ch == '+' || (ch >= '0' && ch <= '9')) tel += ch;
    return "<section id=\"showroom\"><h2>" + htmlEscape(c.ui("share.showroom", lang)) + "</h2><p><b>" + htmlEscape(s.name.get(lang)) +
           "</b><br>" + htmlEscape(s.address.get(lang)) + "<br><a class=\"tel\" href=\"tel:" + tel + "\">" + htmlEscape(s.phone) +
           "</a></p></section>";
}

std::string fieldError(const SharePageInput& in, const std::string& field) {
    auto it = in.form.errors.find(field);
    if (it == in.form.errors.end()) return "";
    return "<p class=\"err\" id=\"err-" + field + "\">" + htmlEscape(in.content.catalog().ui(it->second, in.language)) + "</p>";
}

std::string callbackSection(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    const std::string& lang = in.language;
    std::string out = "<section id=\"callback\"><h2>" + htmlEscape(c.ui("share.callback", lang)) + "</h2>";
    if (in.form.sent) return out + "<p class=\"note ok\" id=\"thanks\">" + htmlEscape(c.ui("share.thanks", lang)) + "</p></section>";
    std::string action = "/c/" + in.quote.code + "/callback?";
    if (!in.quotedParam.empty()) action += "d=" + in.quotedParam + "&amp;";
    action += "lang=" + htmlEscape(lang);
    out += "<p class=\"muted\">" + htmlEscape(c.ui("share.callback_note", lang)) + "</p><form method=\"post\" action=\"" + action +
           "\"><input type=\"hidden\" name=\"request\" value=\"" + htmlEscape(in.form.requestId) + "\">";
    out += "<label for=\"name\">" + htmlEscape(c.ui("booking.name", lang)) + "</label><input type=\"text\" id=\"name\" name=\"name\" "
           "maxlength=\"64\" autocomplete=\"name\" value=\"" + htmlEscape(in.form.name) + "\">" + fieldError(in, "name");
    out += "<label for=\"mobile\">" + htmlEscape(c.ui("booking.mobile", lang)) + "</label><input type=\"tel\" id=\"mobile\" "
           "name=\"mobile\" maxlength=\"24\" autocomplete=\"tel\" value=\"" + htmlEscape(in.form.mobile) + "\">" + fieldError(in, "mobile");
    out += "<label for=\"time\">" + htmlEscape(c.ui("share.time", lang)) + "</label><select id=\"time\" name=\"time\">";
    for (const auto& [value, label] : in.timeChoices)
        out += "<option value=\"" + value + "\"" + (value == in.form.time ? " selected" : "") + ">" + htmlEscape(label) + "</option>";
    out += "</select>" + fieldError(in, "time");
    out += "<label class=\"c\"><input type=\"checkbox\" name=\"consent\" value=\"yes\"" + std::string(in.form.consent ? " checked" : "") +
           "><span>" + htmlEscape(c.ui("share.consent", lang)) + "</span></label>" + fieldError(in, "consent");
    // The marketing choice is separate and never ticked for the customer.
    out += "<label class=\"c\"><input type=\"checkbox\" name=\"marketing\" value=\"yes\"" +
           std::string(in.form.marketing ? " checked" : "") + "><span>" + htmlEscape(in.marketingText) + "</span></label>";
    return out + "<button type=\"submit\">" + htmlEscape(c.ui("share.send", lang)) + "</button></form></section>";
}

}  // namespace

std::string htmlEscape(const std::string& text) { return core::escapeMarkup(text); }

std::string renderSharePage(const SharePageInput& in) {
    const core::Catalog& c = in.content.catalog();
    const SharedQuote& q = in.quote;
    const std::string title = q.model->name.get(in.language) + " " + q.trim->name.get(in.language);
    std::string page = head(c, in.language, title) + "<header>" + languageSwitch(in) + "<h1>" + htmlEscape(q.model->name.get(in.language)) +
                       "</h1><p class=\"sub\">" + htmlEscape(q.trim->name.get(in.language)) + " · " +
                       htmlEscape(c.brand.name.get(in.language)) + "</p></header>";
    page += carSection(in) + priceSection(in) + financeSection(in) + rangeSection(in) + callbackSection(in) + showroomSection(in);
    return page + "</body></html>";
}

std::string renderShareNotice(const core::Catalog& catalog, const std::string& language, const std::string& titleKey,
                              const std::string& messageKey) {
    const core::Showroom& s = catalog.showroom;
    return head(catalog, language, catalog.ui(titleKey, language)) + "<header><h1>" + htmlEscape(catalog.ui(titleKey, language)) +
           "</h1></header><section><p>" + htmlEscape(catalog.ui(messageKey, language)) + "</p><p><b>" + htmlEscape(s.name.get(language)) +
           "</b><br>" + htmlEscape(s.address.get(language)) + "<br>" + htmlEscape(s.phone) + "</p></section></body></html>";
}

}  // namespace hub
