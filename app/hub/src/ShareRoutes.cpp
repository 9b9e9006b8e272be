// The share link's public pages: GET /c/{code} (the configuration and its quote on the customer's
// phone) and POST /c/{code}/callback (the call-back form). No token: rate-limited per client
// address instead; nothing personal in a URL (the form posts) or in a log line.
#include <httplib.h>

#include <algorithm>

#include "HttpSupport.h"
#include "ShareService.h"
#include "SharePage.h"
#include "core/analytics/Event.h"
#include "core/booking/Booking.h"
#include "hub/HubServer.h"
#include "store/Crypto.h"

namespace hub {
namespace {

constexpr size_t kMaxCodeChars = 96;
constexpr size_t kMaxFormBytes = 4096;

// The client: the peer, or behind a front on loopback the address the front appended last.
std::string clientAddress(const httplib::Request& req) {
    const std::string forwarded = req.get_header_value("X-Forwarded-For");
    const bool loopback = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
    if (!loopback || forwarded.empty()) return req.remote_addr;
    const size_t comma = forwarded.rfind(',');
    std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
    last.erase(0, last.find_first_not_of(' '));
    return last.empty() ? req.remote_addr : last.substr(0, 64);
}

std::string languageOf(const httplib::Request& req, const core::Catalog& catalog) {
    const std::string wanted = req.get_param_value("lang");
    for (const auto& l : catalog.market.languages)
        if (l == wanted) return l;
    return catalog.defaultLanguage();
}

void sendHtml(httplib::Response& res, int status, const std::string& html) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Content-Type-Options", "nosniff");
    // Nothing but the page itself: no script at all, inline style, forms back to the hub only.
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
                   "base-uri 'none'; frame-ancestors 'none'");
    res.set_content(html, "text/html; charset=utf-8");
}

std::string twoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The preferred-time choices: today's periods not yet over, then the next days'.
std::vector<std::pair<std::string, std::string>> timeChoices(const core::Catalog& catalog, const std::string& lang,
                                                             core::pricing::Date today, int minuteOfDay) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto format = core::numberFormat(catalog.market.currency, lang);
    for (int day = 0; day < kCallbackDays; ++day) {
        const std::string iso = today.plusDays(day).str();
        const std::string dayText = core::formatDate(format.shortDate, std::stoi(iso.substr(0, 4)),
                                                     static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
                                                     static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
        for (const auto& p : kCallbackPeriods) {
            if (day == 0 && minuteOfDay >= (p.startHour + p.hours) * 60) continue;
            out.emplace_back(iso + "T" + twoDigits(p.startHour) + ":00", dayText + " " + catalog.ui(std::string("share.") + p.id, lang));
        }
    }
    return out;
}

std::optional<SharePageContext> openShared(ShareService& share, const httplib::Request& req, httplib::Response& res,
                                                  core::pricing::Date today) {
    const ShareContent* content = share.content();
    if (!content) {
        sendError(res, 404, "not_found", "no such endpoint");
        return std::nullopt;
    }
    SharePageContext ctx;
    ctx.content = content;
    ctx.language = languageOf(req, content->catalog());
    const std::string code = req.matches.size() > 1 ? std::string(req.matches[1]) : "";
    const auto quoted = core::pricing::Date::parse(req.get_param_value("d"));
    if (quoted) ctx.quotedParam = quoted->str();
    auto q = code.size() <= kMaxCodeChars ? quoteOf(*content, code, quoted.value_or(today), today)
                                          : core::Result<SharedQuote>(core::fail("too long"));
    if (!q) {
        sendHtml(res, 404, renderShareNotice(content->catalog(), ctx.language, "share.not_found", "share.not_found_text"));
        return std::nullopt;
    }
    ctx.quote = std::move(*q);
    return ctx;
}

SharePageInput pageInput(const core::BookingSettings& settings, const SharePageContext& ctx, const CallbackForm& form,
                         core::pricing::Date today, std::int64_t now) {
    const core::Catalog& c = ctx.content->catalog();
    const int localMinute = c.market.timeZone.localTime(now / 1000).secondOfDay / 60;
    return SharePageInput{*ctx.content, *ctx.quote, ctx.language, ctx.quotedParam, form,
                          timeChoices(c, ctx.language, today, localMinute), settings.consent.contact.get(ctx.language)};
}

}  // namespace

namespace {

// The form's fields checked as the kiosk checks a test-drive form (name script and length, the
// market's mobile numbers, consent), each problem under its field; the request when all pass.
std::optional<CallbackRequest> callbackOf(const core::BookingSettings& settings, const SharePageContext& ctx,
                                          CallbackForm& form, core::pricing::Date today, std::int64_t now) {
    const auto mobile = core::normalizeMobile(form.mobile, settings.phone);
    core::Booking b;
    b.id = core::isUuid(form.requestId, true) ? form.requestId : store::newUuidV7(now);
    b.name = form.name;
    b.mobile = mobile.value_or("+0");
    b.model = ctx.quote->config.model;
    b.mode = core::BookingMode::Queue;
    b.queueDate = today.str();
    b.consent.version = settings.consent.version;
    b.kioskId = ShareStore::kKioskId;
    b.createdMs = now;
    for (const auto& e : core::validateBookingFields(b))
        if (e.field == "name" || e.field == "mobile") form.errors[e.field] = "share.error_" + e.field;
    if (!mobile) form.errors["mobile"] = "share.error_mobile";
    const auto choices = timeChoices(ctx.content->catalog(), ctx.language, today, 0);
    const bool known = std::any_of(choices.begin(), choices.end(), [&](const auto& c) { return c.first == form.time; });
    if (!known) form.errors["time"] = "share.error_time";
    if (!form.consent) form.errors["consent"] = "share.error_consent";
    if (!form.errors.empty()) return std::nullopt;
    form.requestId = b.id;
    return CallbackRequest{b.id, ctx.quote->code, b.model, ctx.quote->config.trim, form.name, *mobile, form.time,
                           settings.consent.version, form.marketing};
}

// The anonymous funnel step "page opened" (after the kiosk's qr_taken): a random session, the
// page's "device" and the car's build; nothing that could name the customer or the link.
void recordPageOpened(HubStore& store, const SharedQuote& quote, std::int64_t now) {
    namespace an = core::analytics;
    std::array<unsigned char, an::kSessionIdLetters> random{};
    store::randomBytes(random.data(), random.size());
    an::Event e;
    e.type = an::EventType::SharePageOpened;
    e.session = an::sessionIdFromRandom(random);
    e.kiosk = ShareStore::kKioskId;
    e.timeS = now / 1000;
    e.build = an::buildOf(store.catalog(), quote.config.model, quote.config.trim, quote.config.options);
    if (const auto line = an::eventToJsonLine(e, store.vocabulary())) store.share().recordEvent(store::newUuidV7(now), e.timeS, *line, now);
}

// The friendly 429 page when the address is over its limit; true when it was sent.
bool sentBusy(const ShareService& share, bool allowed, const httplib::Request& req, httplib::Response& res,
              const char* retryAfterS) {
    if (allowed || !share.content()) return false;
    res.set_header("Retry-After", retryAfterS);
    const core::Catalog& c = share.content()->catalog();
    sendHtml(res, 429, renderShareNotice(c, languageOf(req, c), "share.callback", "share.busy"));
    return true;
}

}  // namespace

void HubServer::shareCallback(const Req& req, Res& res, LazyBody& body) {
    const std::int64_t now = nowMs();
    const auto today = m_share->today(now);
    if (sentBusy(*m_share, m_share->allowForm(clientAddress(req)), req, res, "300")) return;
    auto ctx = openShared(*m_share, req, res, today);
    if (!ctx) return;
    if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) {
        sendError(res, 415, "unsupported_media_type", "the call-back form is application/x-www-form-urlencoded");
        return;
    }
    const auto text = body.read(res);
    if (!text) return;
    if (text->size() > kMaxFormBytes) {
        sendError(res, 413, "too_large", "the form is larger than the hub accepts");
        return;
    }
    httplib::Params fields;
    httplib::detail::parse_query_text(*text, fields);
    auto field = [&](const char* name) {
        auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    };
    CallbackForm form;
    form.requestId = field("request");
    form.name = field("name");
    form.mobile = field("mobile");
    form.time = field("time");
    form.consent = field("consent") == "yes";
    form.marketing = field("marketing") == "yes";
    const auto request = callbackOf(m_store.settings(), *ctx, form, today, now);
    if (!form.errors.empty() || !request) {
        if (!core::isUuid(form.requestId, true)) form.requestId = store::newUuidV7(now);
        sendHtml(res, 400, renderSharePage(pageInput(m_store.settings(), *ctx, form, today, now)));
        return;
    }
    m_store.share().recordCallback(*request, now);
    std::string location = "/c/" + ctx->quote->code + "?";
    if (!ctx->quotedParam.empty()) location += "d=" + ctx->quotedParam + "&";
    res.set_redirect(location + "lang=" + ctx->language + "&sent=1", 303);
}

void HubServer::sharePage(const Req& req, Res& res) {
    const std::int64_t now = nowMs();
    const auto today = m_share->today(now);
    if (sentBusy(*m_share, m_share->allowPage(clientAddress(req)), req, res, "10")) return;
    auto ctx = openShared(*m_share, req, res, today);
    if (!ctx) return;
    CallbackForm form;
    form.requestId = store::newUuidV7(now);
    form.sent = req.has_param("sent");
    if (!form.sent) recordPageOpened(m_store, *ctx->quote, now);
    sendHtml(res, 200, renderSharePage(pageInput(m_store.settings(), *ctx, form, today, now)));
}

}  // namespace hub
