// CRM forwarding: ADF/XML documents valid against the ADF 1.0 DTD (the shared samples as
// fixtures), the JSON lead document against its schema, webhook signatures, CSV, and the hub's
// outbox consumers delivering every lead exactly once to in-test receivers under injected
// failures (receiver down, 5xx, timeouts, duplicate deliveries).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "hub/HubTestSupport.h"
#include "hub/crm/CrmForwarder.h"
#include "hub/crm/LeadFormats.h"
#include "hub/HubSettings.h"
#include "store/Sqlite.h"
#include "support/HmacSha256.h"
#include "support/Skip.h"

using namespace testing_hub;
using testing_store::TempDir;

namespace {

hub::Lead sampleLead() {
    hub::Lead l;
    l.bookingId = uuid7(42);
    l.kioskId = "kiosk-a";
    l.model = "heron";
    l.trim = "heron-long-range";
    l.mode = "slot";
    l.slot = testing_store::kDay + "T10:00";
    l.status = "confirmed";
    l.name = "Zhang Wei";
    l.mobile = "+8613800138000";
    l.email = "zhang.wei@example.cn";
    l.licenceConfirmed = true;
    l.consentVersion = testing_store::content().settings.consent.version;
    l.createdMs = 1906000000000LL;
    return l;
}

// Why the ADF DTD checks cannot run here (shared data or xmllint absent), or "".
std::string adfDtdAbsent() {
    if (!testing_paths::sharedData("adf")) return testing_paths::sharedDataAbsent("adf");
    return xmllintAbsent();
}

// Writes each document to a file and runs xmllint on all of them; true when all are valid.
bool allValidAdf(const std::string& dtd, const std::vector<std::string>& docs, std::string& messages) {
    TempDir dir("adf");
    std::vector<std::string> files;
    for (size_t i = 0; i < docs.size(); ++i) {
        files.push_back(dir.file("lead-" + std::to_string(i) + ".xml"));
        std::ofstream(files.back()) << docs[i];
    }
    const auto r = xmllint(dtd, files);
    messages = r.err;
    return r.exitCode == 0;
}

// The subset of JSON Schema the lead schema uses: type, required, properties,
// additionalProperties: false, enum, const, pattern, minimum, $ref to #/$defs.
void validateSchema(const Json& schema, const Json& root, const Json& v, const std::string& path,
                    std::vector<std::string>& errors) {
    const Json& s = schema.contains("$ref") ? root["$defs"][schema["$ref"].get<std::string>().substr(8)] : schema;
    if (s.contains("type")) {
        const std::string t = s["type"];
        const bool ok = (t == "object" && v.is_object()) || (t == "string" && v.is_string()) ||
                        (t == "integer" && v.is_number_integer()) || (t == "boolean" && v.is_boolean()) ||
                        (t == "array" && v.is_array());
        if (!ok) {
            errors.push_back(path + ": not " + t);
            return;
        }
    }
    if (s.contains("const") && v != s["const"]) errors.push_back(path + ": not the constant");
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
        errors.push_back(path + ": not in enum");
    if (s.contains("pattern") && v.is_string() &&
        !std::regex_search(v.get<std::string>(), std::regex(s["pattern"].get<std::string>())))
        errors.push_back(path + ": does not match pattern");
    if (s.contains("minimum") && v.is_number() && v.get<double>() < s["minimum"].get<double>())
        errors.push_back(path + ": below minimum");
    if (v.is_object()) {
        for (const auto& r : s.value("required", Json::array()))
            if (!v.contains(r.get<std::string>())) errors.push_back(path + ": missing " + r.get<std::string>());
        const Json props = s.value("properties", Json::object());
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (props.contains(it.key())) validateSchema(props[it.key()], root, *it, path + "/" + it.key(), errors);
            else if (s.contains("additionalProperties") && s["additionalProperties"] == false)
                errors.push_back(path + ": unexpected " + it.key());
        }
    }
}

std::vector<std::string> schemaErrors(const Json& doc) {
    const Json schema = Json::parse(testing_store::slurpFile(testing_paths::sourceDir() + "/docs/schemas/lead-v1.schema.json"));
    std::vector<std::string> errors;
    validateSchema(schema, schema, doc, "", errors);
    return errors;
}

}  // namespace

TEST_CASE("ADF samples: the DTD check agrees with the samples' documented results, and resends share the id", "[no-pg-rerun]") {
    if (!adfDtdAbsent().empty()) KIOSK_SKIP(adfDtdAbsent());
    const auto adf = testing_paths::sharedData("adf");
    const std::string dtd = *adf + "/adf-1.0-deterministic.dtd";
    const std::map<std::string, bool> expected = {
        {"samples/01-spec-minimal-lead.xml", false},          {"samples/02-kiosk-test-drive.xml", true},
        {"samples/03-kiosk-test-drive-resend.xml", true},     {"samples/04-multi-prospect-config-and-trade-in.xml", true},
        {"samples/05-utf8-chinese-test-drive.xml", true},     {"samples/invalid/06-missing-requestdate.xml", false},
        {"samples/invalid/07-legacy-spec-header-not-wellformed.xml", false}};
    for (const auto& [file, valid] : expected) {
        INFO(file);
        const auto r = xmllint(dtd, {*adf + "/" + file});
        CHECK((r.exitCode == 0) == valid);
    }
    // The receiver's de-duplication key: 02 and 03 are one lead (new, then resend).
    const std::string a = testing_store::slurpFile(*adf + "/samples/02-kiosk-test-drive.xml");
    const std::string b = testing_store::slurpFile(*adf + "/samples/03-kiosk-test-drive-resend.xml");
    static const std::regex kId(R"re(<id sequence="1" source="kiosk-booking">([^<]+)</id>)re");
    std::smatch ma, mb;
    REQUIRE(std::regex_search(a, ma, kId));
    REQUIRE(std::regex_search(b, mb, kId));
    CHECK(ma[1].str() == mb[1].str());
    CHECK(b.find("status=\"resend\"") != std::string::npos);
}

TEST_CASE("ADF documents the hub writes carry id, dates, slot and consent, and a withdrawal carries no name", "[no-pg-rerun]") {
    const auto& c = testing_store::content();
    hub::HubSettings s;
    const hub::Lead l = sampleLead();
    const std::string doc = hub::crm::leadToAdf(l, "lead", false, s, c.catalog);
    // Worked out by hand: created 1906000000000 ms UTC is 12:26:40 in the showroom (UTC+8); the
    // 10:00 slot lasts 45 minutes.
    CHECK(doc.find("<prospect status=\"new\">") != std::string::npos);
    CHECK(doc.find("<id sequence=\"1\" source=\"showroom-kiosk\">" + l.bookingId + "</id>") != std::string::npos);
    CHECK(doc.find("<requestdate>2030-05-26T12:26:40+08:00</requestdate>") != std::string::npos);
    CHECK(doc.find("<vehicle interest=\"test-drive\"") != std::string::npos);
    CHECK(doc.find("<earliestdate>" + testing_store::kDay + "T10:00:00+08:00</earliestdate>") != std::string::npos);
    CHECK(doc.find("<latestdate>" + testing_store::kDay + "T10:45:00+08:00</latestdate>") != std::string::npos);
    CHECK(doc.find("<name part=\"full\">Zhang Wei</name>") != std::string::npos);
    CHECK(doc.find("<phone type=\"cellphone\">+8613800138000</phone>") != std::string::npos);
    CHECK(doc.find("Consent " + l.consentVersion + ": contact about this test drive = yes") != std::string::npos);
    CHECK(doc.find("driving licence confirmed by customer = yes") != std::string::npos);
    CHECK(doc.find("<provider>\n      <id sequence=\"1\" source=\"kiosk\">kiosk-a</id>") != std::string::npos);
    // A resend keeps the id and says so.
    const std::string resend = hub::crm::leadToAdf(l, "lead", true, s, c.catalog);
    CHECK(resend.find("<prospect status=\"resend\">") != std::string::npos);
    CHECK(resend.find(">" + l.bookingId + "</id>") != std::string::npos);
    // The withdrawal: same id, when and what to do, and none of the customer's data.
    hub::Lead gone = sampleLead();
    gone.withdrawnMs = 1906000500000LL;
    const std::string w = hub::crm::leadToAdf(gone, "withdrawal", false, s, c.catalog);
    CHECK(w.find(">" + l.bookingId + "</id>") != std::string::npos);
    CHECK(w.find("CONSENT WITHDRAWN on 2030-05-26T12:35:00+08:00") != std::string::npos);
    for (const char* personal : {"Zhang Wei", "Zhang", "+8613800138000", "13800138000", "zhang.wei@example.cn"}) {
        INFO(personal);
        CHECK(w.find(personal) == std::string::npos);
    }
}

TEST_CASE("ADF documents the hub writes are valid ADF 1.0 and carry id, test-drive interest, slot and consent", "[no-pg-rerun]") {
    if (!adfDtdAbsent().empty()) KIOSK_SKIP(adfDtdAbsent());
    const auto adf = testing_paths::sharedData("adf");
    const auto& c = testing_store::content();
    hub::HubSettings s;
    std::vector<std::string> docs;
    hub::Lead l = sampleLead();
    const std::string doc = hub::crm::leadToAdf(l, "lead", false, s, c.catalog);
    docs.push_back(doc);
    CHECK(doc.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?adf version=\"1.0\"?>", 0) == 0);
    CHECK(doc.find("<prospect status=\"new\">") != std::string::npos);
    CHECK(doc.find("<id sequence=\"1\" source=\"" + s.leadSource + "\">" + l.bookingId + "</id>") != std::string::npos);
    CHECK(doc.find("<vehicle interest=\"test-drive\"") != std::string::npos);
    CHECK(doc.find("<earliestdate>2030-06-07T10:00:00+08:00</earliestdate>") != std::string::npos);
    CHECK(doc.find("<latestdate>2030-06-07T10:45:00+08:00</latestdate>") != std::string::npos);
    CHECK(doc.find("<requestdate>2030-05-26T12:26:40+08:00</requestdate>") != std::string::npos);
    CHECK(doc.find("marketing contact = no") != std::string::npos);
    // A resend: same id and requestdate, status="resend".
    const std::string resend = hub::crm::leadToAdf(l, "lead", true, s, c.catalog);
    docs.push_back(resend);
    CHECK(resend.find("<prospect status=\"resend\">") != std::string::npos);
    CHECK(resend.substr(resend.find("<requestdate>"), 50) == doc.substr(doc.find("<requestdate>"), 50));
    // Chinese name, no e-mail, a queue booking, characters XML must escape, a withdrawal.
    hub::Lead zh = sampleLead();
    zh.name = "张伟";
    zh.email = "";
    zh.mode = "queue";
    zh.slot = "";
    zh.queueDate = testing_store::kDay;
    zh.queuePlace = 7;
    zh.configCode = "A&B<C>\"'";
    docs.push_back(hub::crm::leadToAdf(zh, "lead", false, s, c.catalog));
    hub::Lead gone = sampleLead();
    gone.withdrawnMs = 1906000500000LL;
    gone.name = gone.mobile = gone.email = "";
    const std::string withdrawal = hub::crm::leadToAdf(gone, "withdrawal", true, s, c.catalog);
    docs.push_back(withdrawal);
    CHECK(withdrawal.find("CONSENT WITHDRAWN") != std::string::npos);
    CHECK(withdrawal.find("Zhang") == std::string::npos);
    std::string messages;
    CHECK(allValidAdf(*adf + "/adf-1.0-deterministic.dtd", docs, messages));
    INFO(messages);
    // Same shape as the project's own sample 02: every element path we write exists there.
    const std::string sample = testing_store::slurpFile(*adf + "/samples/02-kiosk-test-drive.xml");
    for (const char* tag : {"<prospect status=", "<requestdate>", "<vehicle interest=\"test-drive\"", "<timeframe>",
                            "<earliestdate>", "<latestdate>", "<vendorname>", "<provider>"}) {
        INFO(tag);
        CHECK(sample.find(tag) != std::string::npos);
        CHECK(doc.find(tag) != std::string::npos);
    }
}

TEST_CASE("webhook: the JSON lead document matches its schema, receivers reject bad signatures and old timestamps", "[no-pg-rerun]") {
    const auto& c = testing_store::content();
    hub::HubSettings s;
    const Json doc = hub::crm::leadToJson(sampleLead(), "lead", uuid7(9), s, c.catalog);
    CHECK(schemaErrors(doc).empty());
    CHECK(doc["version"] == 1);
    CHECK(doc["lead"]["consent"]["withdrawn"] == false);
    hub::Lead gone = sampleLead();
    gone.withdrawnMs = 1906000500000LL;
    const Json withdrawn = hub::crm::leadToJson(gone, "withdrawal", uuid7(10), s, c.catalog);
    CHECK(schemaErrors(withdrawn).empty());
    CHECK(withdrawn["event"] == "lead.withdrawn");
    CHECK_FALSE(withdrawn["lead"].contains("customer"));
    Json bad = doc;
    bad["lead"]["surprise"] = 1;
    CHECK_FALSE(schemaErrors(bad).empty());

    using hub::crm::WebhookCheck;
    const std::string secret = "0123456789abcdef-secret", body = doc.dump();
    const std::int64_t now = 1906000000;
    const std::string ts = std::to_string(now);
    const std::string sig = "v1=" + hub::crm::webhookSignature(secret, ts, body);
    CHECK(hub::crm::verifyWebhook(secret, ts, sig, body, now) == WebhookCheck::Ok);
    CHECK(hub::crm::verifyWebhook(secret, ts, sig, body, now + 299) == WebhookCheck::Ok);
    CHECK(hub::crm::verifyWebhook(secret, ts, sig, body, now + 301) == WebhookCheck::StaleTimestamp);  // replayed later
    CHECK(hub::crm::verifyWebhook(secret, ts, sig, body, now - 301) == WebhookCheck::StaleTimestamp);  // from the future
    CHECK(hub::crm::verifyWebhook(secret, ts, sig, body + " ", now) == WebhookCheck::BadSignature);    // body changed
    CHECK(hub::crm::verifyWebhook("another-secret-0000", ts, sig, body, now) == WebhookCheck::BadSignature);
    CHECK(hub::crm::verifyWebhook(secret, std::to_string(now + 1), sig, body, now) == WebhookCheck::BadSignature);
    CHECK(hub::crm::verifyWebhook(secret, "", sig, body, now) == WebhookCheck::MissingHeaders);
    CHECK(hub::crm::verifyWebhook(secret, "12x", sig, body, now) == WebhookCheck::BadTimestamp);
    // The signature is the documented one, computed independently (OpenSSL, support/HmacSha256.h),
    // whose HMAC-SHA256 is checked on RFC 4231 test case 2 first.
    CHECK(testing_hmac::hmacSha256Hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(sig == testing_hmac::webhookSignatureHeader(secret, ts, body));
    CHECK(hub::crm::verifyWebhook(secret, ts, testing_hmac::webhookSignatureHeader(secret, ts, body), body, now) == WebhookCheck::Ok);
    CHECK(hub::crm::webhookSignature("Jefe", "what do ya want", "for nothing?") ==
          testing_hmac::hmacSha256Hex("Jefe", "what do ya want.for nothing?"));
}

TEST_CASE("CSV export: header, quoting, no spreadsheet formulas, consent and withdrawal columns", "[no-pg-rerun]") {
    hub::Lead a = sampleLead(), b = sampleLead();
    b.name = "=HYPERLINK(\"http://x\")";
    b.configCode = "A,B";
    b.withdrawnMs = 1;
    const std::string csv = hub::crm::leadsToCsv({a, b}, testing_store::content().catalog.market.timeZone);
    CHECK(csv.rfind("lead_id,created_at,kiosk_id,model,trim,mode,slot,queue_date,status,name,mobile,email,consent_version,"
                    "contact_permission,licence_confirmed,consent_withdrawn,config_code\r\n", 0) == 0);
    CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
    CHECK(csv.find("\"A,B\"") != std::string::npos);
    CHECK(csv.find("'+8613800138000") != std::string::npos);  // a leading + is a formula too
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
}

TEST_CASE("CRM forwarding: every booking reaches every adapter exactly once through down receivers, 5xx, timeouts and duplicates") {
    TempDir dir("crm");
    const std::string secret = "webhook-secret-for-tests-0001";
    using Fault = Receiver::Fault;
    // Webhook: every 4th request 503, every 5th times out after recording (the hub sends again).
    Receiver webhook("webhook", secret, freePort(), [](int n) {
        return n % 4 == 1 ? Fault::Error503 : n % 5 == 2 ? Fault::SlowAfterRecording : Fault::None;
    });
    // ADF over HTTP: down for the first second, then every 3rd request 503, every 7th a timeout.
    Receiver adfHttp("adf", "", freePort(), [](int n) {
        return n % 3 == 0 ? Fault::Error503 : n % 7 == 1 ? Fault::SlowAfterRecording : Fault::None;
    });
    const std::string folder = dir.file("adf-drop");
    std::filesystem::create_directories(folder);
    {
        std::ofstream f(dir.file("crm.json"));
        f << Json{{"adapters",
                   {{{"name", "webhook"}, {"format", "webhook"}, {"url", webhook.url()}, {"secret", secret}, {"timeout_ms", 300}},
                    {{"name", "adf-http"}, {"format", "adf"}, {"url", adfHttp.url()}, {"timeout_ms", 300}},
                    {{"name", "adf-folder"}, {"format", "adf"}, {"folder", folder}}}}}
                 .dump();
    }
    webhook.start();
    ::setenv("SALES_HUB_CRM_BACKOFF_MS", "20", 1);
    ::setenv("SALES_HUB_CRM_BACKOFF_CAP_MS", "300", 1);
    HubProcess hub({"kiosk-a"}, {"--crm", dir.file("crm.json"), "--rate", "1000", "--burst", "1000"});
    httplib::Client http(hub.url());
    const httplib::Headers kiosk = {{"Authorization", "Bearer " + hub.token("kiosk-a")}};
    const int kBookings = 30;
    std::set<std::string> ids;
    const auto slots = core::slotsForDay(testing_store::content().settings, *core::parseLocalDate(testing_store::kDay));
    for (int i = 0; i < kBookings; ++i) {
        core::Booking b = testing_store::draft(i % 2 ? "张伟" : "Li Na", "+8613800138000", "heron", slots[static_cast<size_t>(i) % slots.size()]);
        b.id = uuid7(i + 1);
        b.kioskId = "kiosk-a";
        b.createdMs = 1906000000000LL + i;
        ids.insert(b.id);
        Json body = {{"protocol", 1}, {"kiosk_id", "kiosk-a"},
                     {"events", {{{"event_id", uuid7(1000 + i)}, {"type", "booking.create"}, {"booking", core::bookingToJson(b)}}}}};
        auto res = http.Post("/v1/sync/push", kiosk, body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        // The kiosk re-sends every 3rd push (its answer was lost): no second lead.
        if (i % 3 == 0) REQUIRE(http.Post("/v1/sync/push", kiosk, body.dump(), "application/json")->status == 200);
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
    adfHttp.start();  // the ADF receiver comes up late
    // `expectedFiles`: in the drop folder a withdrawal notice replaces the booking's lead file.
    auto settled = [&](size_t expected, size_t expectedFiles) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        for (;;) {
            size_t files = 0;
            for (const auto& e : std::filesystem::directory_iterator(folder)) files += e.path().extension() == ".xml";
            if (webhook.accepted().size() == expected && adfHttp.accepted().size() == expected && files == expectedFiles) return true;
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    };
    CHECK(settled(ids.size(), ids.size()));
    // The customer of booking 1 withdraws consent: one withdrawal event per adapter follows.
    const httplib::Headers advisor = {{"Authorization", "Bearer " + advisorSession(hub, "kiosk-a")}};
    REQUIRE(http.Post(("/v1/advisor/bookings/" + uuid7(1) + "/withdraw").c_str(), advisor, "", "application/json")->status == 200);
    CHECK(settled(ids.size() + 1, ids.size()));
    CHECK(std::filesystem::exists(std::filesystem::path(folder) / (uuid7(1) + "-withdrawal.xml")));
    CHECK_FALSE(std::filesystem::exists(std::filesystem::path(folder) / (uuid7(1) + ".xml")));
    // Let any retry still in flight land before counting.
    std::this_thread::sleep_for(std::chrono::milliseconds(800));

    for (Receiver* r : {&webhook, &adfHttp}) {
        const auto accepted = r->accepted();
        INFO("requests " << r->requests());
        CHECK(accepted.size() == ids.size() + 1);
        for (const auto& id : ids) CHECK(accepted.count(id) == 1);
        CHECK(accepted.count(uuid7(1) + ":withdrawal") == 1);
        CHECK(r->rejected() == 0);
        int repeats = 0;
        for (const auto& [k, n] : r->arrivals()) repeats += n - 1;
        CHECK(repeats > 0);  // the injected timeouts did make the hub send again
    }
    // Consent travels with every lead; the withdrawn booking's lead was not sent with personal data
    // after the withdrawal, and the withdrawal itself carries none.
    for (const auto& [k, body] : webhook.accepted()) {
        const Json j = Json::parse(body);
        CHECK(j["lead"]["consent"].contains("version"));
        if (k == uuid7(1) + ":withdrawal") CHECK_FALSE(j["lead"].contains("customer"));
        CHECK(schemaErrors(j).empty());
    }
    // The hub's own view: everything delivered, nothing pending.
    store::Database db(hub.dbPath());
    CHECK(db.queryInt("SELECT count(*) FROM crm_outbox WHERE state='pending'") == 0);
    CHECK(db.queryInt("SELECT count(*) FROM audit_log WHERE action='forward'").value_or(0) >= static_cast<std::int64_t>(ids.size()));
    ::unsetenv("SALES_HUB_CRM_BACKOFF_MS");
    ::unsetenv("SALES_HUB_CRM_BACKOFF_CAP_MS");
    // The ADF documents that arrived (first and resent ones) are all valid ADF.
    if (!adfDtdAbsent().empty()) KIOSK_SKIP(adfDtdAbsent() << "; everything but the ADF validity was checked");
    std::vector<std::string> docs;
    for (const auto& [k, body] : adfHttp.accepted()) docs.push_back(body);
    for (const auto& e : std::filesystem::directory_iterator(folder)) docs.push_back(testing_store::slurpFile(e.path()));
    std::string messages;
    const bool valid = allValidAdf(*testing_paths::sharedData("adf") + "/adf-1.0-deterministic.dtd", docs, messages);
    INFO(messages);
    CHECK(valid);
}

TEST_CASE("lead times follow the market's time zone, with the offset in force on that day", "[no-pg-rerun]") {
    auto berlin = core::loadTimeZone("Europe/Berlin");
    if (!berlin.zone) KIOSK_SKIP(berlin.error << " (install tzdata)");
    core::Catalog catalog = testing_store::content().catalog;
    catalog.market.timeZone = *berlin.zone;
    hub::Lead summer = sampleLead();  // created 2030-05-26T04:26:40Z, slot 2030-06-07T10:00
    const std::string adf = hub::crm::leadToAdf(summer, "lead", false, hub::HubSettings{}, catalog);
    CHECK(adf.find("<requestdate>2030-05-26T06:26:40+02:00</requestdate>") != std::string::npos);
    CHECK(adf.find("<earliestdate>2030-06-07T10:00:00+02:00</earliestdate>") != std::string::npos);
    hub::Lead winter = sampleLead();
    winter.slot = "2030-12-06T10:00";
    const auto json = hub::crm::leadToJson(winter, "lead", "e-1", hub::HubSettings{}, catalog);
    INFO(json.dump());
    CHECK(json.dump().find("2030-12-06T10:00:00+01:00") != std::string::npos);
    CHECK(json.dump().find("2030-12-06T10:45:00+01:00") != std::string::npos);
    // A 45-minute drive from 02:30 on the night the clocks go back ends at 02:15 winter time.
    CHECK(hub::crm::localToIso("2030-10-27T02:30", 45, *berlin.zone) == "2030-10-27T02:15:00+01:00");
    CHECK(hub::crm::utcMsToIso(1906000000000LL, testing_store::content().catalog.market.timeZone) ==
          "2030-05-26T12:26:40+08:00");
    const std::string csv = hub::crm::leadsToCsv({summer}, *berlin.zone);
    CHECK(csv.find(",2030-05-26T06:26:40+02:00,") != std::string::npos);
}

TEST_CASE("the hub's CRM settings refuse the old fixed offset, naming the field", "[no-pg-rerun]") {
    const auto file = std::filesystem::temp_directory_path() / "kiosk-hub-offset.json";
    std::ofstream(file) << R"({"crm": {"dealer_name": "X", "timezone_offset_minutes": 480}})";
    const auto r = hub::loadHubSettings(file.string());
    std::filesystem::remove(file);
    CHECK_FALSE(r.settings);
    std::string errors;
    for (const auto& e : r.errors) errors += e.toString() + "\n";
    INFO(errors);
    CHECK(errors.find("/crm/timezone_offset_minutes: a fixed offset is no longer read") != std::string::npos);
}
