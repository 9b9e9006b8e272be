#include "hub/crm/LeadFormats.h"

#include <sodium.h>

#include <cstdio>

#include "core/Markup.h"
#include "core/booking/BookingSettings.h"
#include "hub/ShareCallback.h"

namespace hub::crm {
namespace {

using Json = nlohmann::json;

// XML text and attribute escaping (control characters never reach here: the booking field rules
// refuse them).
std::string xml(const std::string& s) { return core::escapeMarkup(s); }

std::string offset(int seconds) {
    const int minutes = seconds / 60;
    char buf[32];
    const int a = (minutes < 0 ? -minutes : minutes) % 1440;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
    return buf;
}

std::string modelName(const core::Catalog& catalog, const std::string& model) {
    const core::Model* m = catalog.findModel(model);
    return m && m->name.has("en") ? m->name.get("en") : model;
}

std::string trimName(const core::Catalog& catalog, const std::string& model, const std::string& trim) {
    const core::Model* m = catalog.findModel(model);
    const core::Trim* t = m ? m->findTrim(trim) : nullptr;
    return t && t->name.has("en") ? t->name.get("en") : trim;
}

std::string make(const core::Catalog& catalog) {
    return catalog.brand.name.has("en") ? catalog.brand.name.get("en") : catalog.brand.id;
}

std::string consentSummary(const Lead& l) {
    return "Consent " + l.consentVersion + ": contact about this test drive = yes; marketing contact = " +
           (l.contactPermission ? "yes" : "no") + "; driving licence confirmed by customer = " +
           (l.licenceConfirmed ? "yes" : "no") + ".";
}

}  // namespace

std::string localToIso(const std::string& local, int plusMinutes, const core::TimeZone& zone) {
    auto dt = core::parseLocalDateTime(local);
    if (!dt) return "";
    // Through UTC, so that an end time past a daylight-saving change carries the offset then in force.
    const core::LocalDate d = dt->first;
    const std::int64_t utc = zone.utcSecondsOf({d.year, d.month, d.day, dt->second * 60}) + std::int64_t{plusMinutes} * 60;
    return utcMsToIso(utc * 1000, zone);
}

std::string utcMsToIso(std::int64_t utcMs, const core::TimeZone& zone) {
    const std::int64_t seconds = utcMs / 1000 - (utcMs < 0 && utcMs % 1000 != 0 ? 1 : 0);
    const auto [day, minute] = core::localFromUtcMs(utcMs, zone);
    const std::int64_t secondOfMinute = (seconds % 60 + 60) % 60;
    char sec[16];
    std::snprintf(sec, sizeof sec, ":%02d", static_cast<int>(secondOfMinute));
    return core::formatLocalDateTime(day, minute) + sec + offset(zone.offsetSecondsAt(seconds));
}

std::string leadToAdf(const Lead& l, const std::string& kind, bool resend, const HubSettings& s,
                      const core::Catalog& catalog) {
    const core::TimeZone& zone = catalog.market.timeZone;
    const bool withdrawal = kind == "withdrawal";
    std::string x;
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?adf version=\"1.0\"?>\n<adf>\n";
    x += std::string("  <prospect status=\"") + (resend || withdrawal ? "resend" : "new") + "\">\n";
    x += "    <id sequence=\"1\" source=\"" + xml(s.leadSource) + "\">" + xml(l.bookingId) + "</id>\n";
    x += "    <requestdate>" + utcMsToIso(l.createdMs, zone) + "</requestdate>\n";
    const std::string year = l.slot.size() >= 4 ? l.slot.substr(0, 4) : l.queueDate.substr(0, 4);
    x += "    <vehicle interest=\"test-drive\" status=\"new\">\n";
    x += "      <year>" + xml(year) + "</year>\n";
    x += "      <make>" + xml(make(catalog)) + "</make>\n";
    x += "      <model>" + xml(modelName(catalog, l.model)) + "</model>\n";
    if (!l.trim.empty()) x += "      <trim>" + xml(trimName(catalog, l.model, l.trim)) + "</trim>\n";
    if (!l.configCode.empty()) x += "      <comments>Saved configuration " + xml(l.configCode) + "</comments>\n";
    x += "    </vehicle>\n    <customer>\n      <contact primarycontact=\"1\">\n";
    if (withdrawal || l.name.empty()) {
        // ADF cannot delete; the contact carries no personal data and the comments say what to do.
        x += "        <name part=\"full\">(erased)</name>\n        <email>erased@invalid</email>\n";
    } else {
        x += "        <name part=\"full\">" + xml(l.name) + "</name>\n";
        if (!l.email.empty()) x += "        <email>" + xml(l.email) + "</email>\n";
        x += "        <phone type=\"cellphone\">" + xml(l.mobile) + "</phone>\n";
    }
    x += "      </contact>\n";
    if (l.mode == "callback" && !l.slot.empty()) {
        const int minutes = callbackPeriodOf(l.slot) ? callbackPeriodOf(l.slot)->hours * 60 : 60;
        x += "      <timeframe>\n        <description>Call-back asked for on the share page of configuration " +
             xml(l.configCode) + "</description>\n";
        x += "        <earliestdate>" + localToIso(l.slot, 0, zone) + "</earliestdate>\n";
        x += "        <latestdate>" + localToIso(l.slot, minutes, zone) + "</latestdate>\n      </timeframe>\n";
    } else if (l.mode == "slot" && !l.slot.empty()) {
        x += "      <timeframe>\n        <description>Test drive booked at kiosk " + xml(l.kioskId) + ", status " +
             xml(l.status) + "</description>\n";
        x += "        <earliestdate>" + localToIso(l.slot, 0, zone) + "</earliestdate>\n";
        x += "        <latestdate>" + localToIso(l.slot, 45, zone) + "</latestdate>\n      </timeframe>\n";
    } else if (!l.queueDate.empty()) {
        x += "      <timeframe>\n        <description>Walk-up test drive queue at kiosk " + xml(l.kioskId) + ", place " +
             std::to_string(l.queuePlace) + "</description>\n";
        x += "        <earliestdate>" + localToIso(l.queueDate + "T00:00", 0, zone) + "</earliestdate>\n";
        x += "        <latestdate>" + localToIso(l.queueDate + "T23:59", 0, zone) + "</latestdate>\n      </timeframe>\n";
    }
    if (withdrawal)
        x += "      <comments>CONSENT WITHDRAWN on " + utcMsToIso(l.withdrawnMs, zone) +
             ": the customer withdrew consent; delete all personal data of this prospect.</comments>\n";
    else
        x += "      <comments>" + xml(consentSummary(l)) + "</comments>\n";
    x += "    </customer>\n    <vendor>\n      <vendorname>" + xml(s.dealerName) + "</vendorname>\n";
    x += "      <contact primarycontact=\"1\">\n        <name part=\"full\">Sales Desk</name>\n";
    x += "        <email>" + xml(s.dealerEmail) + "</email>\n";
    if (!s.dealerPhone.empty()) x += "        <phone type=\"voice\">" + xml(s.dealerPhone) + "</phone>\n";
    x += "      </contact>\n    </vendor>\n";
    x += "    <provider>\n      <id sequence=\"1\" source=\"kiosk\">" + xml(l.kioskId) + "</id>\n";
    x += "      <name part=\"full\">Showroom Kiosk</name>\n      <service>Test drive booking</service>\n    </provider>\n";
    x += "  </prospect>\n</adf>\n";
    return x;
}

Json leadToJson(const Lead& l, const std::string& kind, const std::string& eventId, const HubSettings& s,
                const core::Catalog& catalog) {
    const core::TimeZone& zone = catalog.market.timeZone;
    const bool withdrawal = kind == "withdrawal";
    Json lead = {{"lead_id", l.bookingId},
                 {"source", s.leadSource},
                 {"kiosk_id", l.kioskId},
                 {"created_at", utcMsToIso(l.createdMs, zone)},
                 {"type", l.mode == "callback" ? "callback" : "test_drive"},
                 {"status", l.status},
                 {"vehicle", {{"make", make(catalog)}, {"model_id", l.model}, {"model", modelName(catalog, l.model)}}}};
    if (!l.trim.empty()) {
        lead["vehicle"]["trim_id"] = l.trim;
        lead["vehicle"]["trim"] = trimName(catalog, l.model, l.trim);
    }
    if (l.mode == "callback")
        lead["appointment"] = {{"mode", "callback"},
                               {"start", localToIso(l.slot, 0, zone)},
                               {"end", localToIso(l.slot, callbackPeriodOf(l.slot) ? callbackPeriodOf(l.slot)->hours * 60 : 60,
                                                  zone)}};
    else if (l.mode == "slot")
        lead["appointment"] = {{"mode", "slot"},
                               {"start", localToIso(l.slot, 0, zone)},
                               {"end", localToIso(l.slot, 45, zone)}};
    else
        lead["appointment"] = {{"mode", "queue"}, {"date", l.queueDate}, {"place", l.queuePlace}};
    if (!withdrawal && !l.name.empty()) {
        lead["customer"] = {{"name", l.name}, {"mobile", l.mobile}};
        if (!l.email.empty()) lead["customer"]["email"] = l.email;
    }
    lead["consent"] = {{"purpose", l.mode == "callback" ? "callback" : "test_drive"},
                       {"version", l.consentVersion},
                       {"contact_permission", l.contactPermission},
                       {"licence_confirmed", l.licenceConfirmed},
                       {"withdrawn", withdrawal || l.withdrawnMs != 0}};
    if (l.withdrawnMs != 0) lead["consent"]["withdrawn_at"] = utcMsToIso(l.withdrawnMs, zone);
    if (!l.configCode.empty()) lead["config_code"] = l.configCode;
    return {{"schema", "kiosk-lead"},
            {"version", kLeadDocumentVersion},
            {"event", withdrawal ? "lead.withdrawn" : "lead.created"},
            {"event_id", eventId},
            {"lead", lead}};
}

std::string leadsToCsv(const std::vector<Lead>& leads, const core::TimeZone& zone) {
    auto cell = [](std::string v) {
        if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
            v = "'" + v;
        bool quote = v.find_first_of(",\"\r\n'") != std::string::npos;
        std::string out;
        for (char c : v) {
            if (c == '"') out += '"';
            out += c;
        }
        return quote ? "\"" + out + "\"" : out;
    };
    std::string out =
        "lead_id,created_at,kiosk_id,model,trim,mode,slot,queue_date,status,name,mobile,email,consent_version,"
        "contact_permission,licence_confirmed,consent_withdrawn,config_code\r\n";
    for (const auto& l : leads) {
        const std::vector<std::string> row = {l.bookingId, utcMsToIso(l.createdMs, zone), l.kioskId, l.model,
                                              l.trim, l.mode, l.slot, l.queueDate, l.status, l.name, l.mobile, l.email,
                                              l.consentVersion, l.contactPermission ? "yes" : "no",
                                              l.licenceConfirmed ? "yes" : "no", l.withdrawnMs ? "yes" : "no", l.configCode};
        for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + cell(row[i]);
        out += "\r\n";
    }
    return out;
}

std::string webhookSignature(const std::string& secret, const std::string& timestamp, const std::string& body) {
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(timestamp.data()), timestamp.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>("."), 1);
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

const char* toString(WebhookCheck c) {
    switch (c) {
        case WebhookCheck::Ok: return "ok";
        case WebhookCheck::MissingHeaders: return "missing_headers";
        case WebhookCheck::BadTimestamp: return "bad_timestamp";
        case WebhookCheck::StaleTimestamp: return "stale_timestamp";
        case WebhookCheck::BadSignature: return "bad_signature";
    }
    return "unknown";
}

WebhookCheck verifyWebhook(const std::string& secret, const std::string& ts, const std::string& sig,
                           const std::string& body, std::int64_t nowS, std::int64_t toleranceS) {
    if (ts.empty() || sig.empty()) return WebhookCheck::MissingHeaders;
    if (ts.size() > 12 || ts.find_first_not_of("0123456789") != std::string::npos) return WebhookCheck::BadTimestamp;
    const std::int64_t t = std::stoll(ts);
    if (t < nowS - toleranceS || t > nowS + toleranceS) return WebhookCheck::StaleTimestamp;
    const std::string expected = "v1=" + webhookSignature(secret, ts, body);
    if (sig.size() != expected.size() || sodium_memcmp(sig.data(), expected.data(), sig.size()) != 0)
        return WebhookCheck::BadSignature;
    return WebhookCheck::Ok;
}

}  // namespace hub::crm
