#pragma once
// Shared by the hub tests: an in-test CRM receiver that records what arrives (with injected
// failures), xmllint against the ADF DTD, a HubStore on the backend under test, advisor logins.
#include <httplib.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <thread>

#include "hub/HubStore.h"
#include "hub/crm/LeadFormats.h"
#include "store/StoreTestSupport.h"
#include "support/HmacSha256.h"
#include "support/Process.h"
#include "sync/HubProcess.h"

namespace testing_hub {

using Json = nlohmann::json;

// The PostgreSQL connection string when this run is on PostgreSQL, else "". A PostgreSQL run
// (KIOSK_HUB_BACKEND=postgresql) without KIOSK_TEST_PG throws: it never falls back to SQLite.
inline std::string pgUnderTest() {
    const char* backend = std::getenv("KIOSK_HUB_BACKEND");
    if (!backend || std::string(backend) != "postgresql") return "";
    const char* pg = std::getenv("KIOSK_TEST_PG");
    if (!pg || !*pg)
        throw std::runtime_error("KIOSK_HUB_BACKEND=postgresql but KIOSK_TEST_PG is unset: export the connection string "
                                 "that scripts/start-test-postgres.sh prints");
    return pg;
}

// A HubStore in-process on the backend under test: a SQLite file in `dir`, or a fresh PostgreSQL
// schema (dropped by the returned guard).
struct StoreUnderTest {
    testing_store::TempDir dir{"hub-store"};
    std::string pg, schema;
    std::unique_ptr<hub::HubStore> store;
    explicit StoreUnderTest(hub::HubSettings settings = {}) {
        pg = pgUnderTest();
        const auto& c = testing_store::content();
        if (!pg.empty()) {
            schema = "s_" + std::to_string(getpid()) + "_" + std::to_string(std::random_device{}() % 1000000);
            store = std::make_unique<hub::HubStore>(pg, c.catalog, c.settings, settings, schema);
        } else {
            store = std::make_unique<hub::HubStore>(dir.file("hub.db"), c.catalog, c.settings, settings);
        }
    }
    ~StoreUnderTest() {
        store.reset();
        if (!pg.empty()) hub::dropPostgresSchema(pg, schema);
    }
};

// A free loopback port (bound and released; a receiver may take it later).
inline int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

// Why a DTD check cannot run here, or "" when xmllint is installed: the caller skips with
// KIOSK_SKIP(xmllintAbsent()) before checking.
inline std::string xmllintAbsent() {
    return ::access("/usr/bin/xmllint", X_OK) == 0 ? "" : "xmllint is absent (Debian package libxml2-utils)";
}

// xmllint's verdict on files against a DTD: exit code and messages. Throws when xmllint is not
// installed (check xmllintAbsent() first).
inline testing_process::Result xmllint(const std::string& dtd, const std::vector<std::string>& files) {
    if (!xmllintAbsent().empty()) throw std::runtime_error(xmllintAbsent());
    std::vector<std::string> argv = {"/usr/bin/xmllint", "--noout", "--nonet", "--dtdvalid", dtd};
    argv.insert(argv.end(), files.begin(), files.end());
    return testing_process::run(argv);
}

// An in-test CRM receiver on 127.0.0.1 that records every arrival and de-duplicates the way a
// CRM should: webhook by Idempotency-Key (after checking the signature and timestamp), ADF by the
// prospect id (+ withdrawal). `fault(n)` picks what happens to the n-th request (from 1).
class Receiver {
public:
    enum class Fault { None, Error503, SlowAfterRecording, DropConnection };

    Receiver(std::string format, std::string secret, int port, std::function<Fault(int)> fault = {})
        : m_format(std::move(format)), m_secret(std::move(secret)), m_port(port), m_fault(std::move(fault)) {
        m_server.Post("/leads", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
    }
    ~Receiver() { stop(); }
    void start() {
        if (!m_server.bind_to_port("127.0.0.1", m_port)) throw std::runtime_error("receiver cannot bind");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    void stop() {
        m_server.stop();
        if (m_thread.joinable()) m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/leads"; }

    // key -> body of the first accepted arrival; raw arrivals counted per key.
    std::map<std::string, std::string> accepted() {
        std::lock_guard lock(m_mutex);
        return m_accepted;
    }
    std::map<std::string, int> arrivals() {
        std::lock_guard lock(m_mutex);
        return m_arrivals;
    }
    int rejected() const { return m_rejected; }
    int requests() const { return m_requests; }

private:
    // Why a webhook request fails the documented check (timestamp within 300 s of now, signature
    // "v1=" + hex HMAC-SHA256(secret, timestamp + "." + body)), or "" when it passes.
    std::string webhookProblem(const httplib::Request& req) const {
        const std::string ts = req.get_header_value("X-Lead-Timestamp");
        const std::string sig = req.get_header_value("X-Lead-Signature");
        if (ts.empty() || sig.empty()) return "missing_headers";
        if (ts.size() > 12 || ts.find_first_not_of("0123456789") != std::string::npos) return "bad_timestamp";
        const std::int64_t now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        if (std::llabs(std::stoll(ts) - now) > 300) return "stale_timestamp";
        if (sig != testing_hmac::webhookSignatureHeader(m_secret, ts, req.body)) return "bad_signature";
        return "";
    }

    void handle(const httplib::Request& req, httplib::Response& res) {
        const int n = ++m_requests;
        const Fault fault = m_fault ? m_fault(n) : Fault::None;
        if (fault == Fault::Error503) {
            res.status = 503;
            return;
        }
        std::string key;
        if (m_format == "webhook") {
            // Checked as a CRM would from docs/crm-leads.md, with OpenSSL, not the hub's verifyWebhook.
            const std::string problem = webhookProblem(req);
            if (!problem.empty()) {
                ++m_rejected;
                res.status = 401;
                res.set_content(problem, "text/plain");
                return;
            }
            key = req.get_header_value("Idempotency-Key");
            const Json j = Json::parse(req.body);
            key = j["lead"]["lead_id"].get<std::string>() + (j["event"] == "lead.withdrawn" ? ":withdrawal" : "");
        } else {
            static const std::regex kId(R"re(<id sequence="1" source="[^"]*">([^<]+)</id>)re");
            std::smatch m;
            if (!std::regex_search(req.body, m, kId)) {
                res.status = 400;
                return;
            }
            key = m[1].str() + (req.body.find("CONSENT WITHDRAWN") != std::string::npos ? ":withdrawal" : "");
        }
        {
            std::lock_guard lock(m_mutex);
            ++m_arrivals[key];
            m_accepted.emplace(key, req.body);  // a repeat is acknowledged, not stored again
        }
        if (fault == Fault::SlowAfterRecording) std::this_thread::sleep_for(std::chrono::milliseconds(700));
        res.status = 200;
        res.set_content("{\"ok\":true}", "application/json");
    }

    std::string m_format, m_secret;
    int m_port;
    std::function<Fault(int)> m_fault;
    httplib::Server m_server;
    std::thread m_thread;
    std::mutex m_mutex;
    std::map<std::string, std::string> m_accepted;
    std::map<std::string, int> m_arrivals;
    std::atomic<int> m_rejected{0}, m_requests{0};
};

// Creates advisor `id` with `password` (sales-hub advisor) and logs in from the device `device`;
// returns the session token ("" when the login failed). `caFile`: the CA of a TLS hub.
inline std::string advisorSession(const HubProcess& hub, const std::string& device, const std::string& id = "li-na",
                                  const std::string& password = "correct horse battery", const std::string& caFile = "") {
    testing_store::TempDir dir("advisor");
    {
        std::ofstream f(dir.file("pw"));
        f << password << "\n";
    }
    std::vector<std::string> argv = {SALES_HUB_PATH, "advisor", "--data", hub.dataDir(), "--id", id, "--password-file",
                                     dir.file("pw"), "--content", testing_paths::contentDir()};
    argv.insert(argv.end(), hub.databaseArgs().begin(), hub.databaseArgs().end());
    auto r = testing_process::run(argv);
    if (r.exitCode != 0) throw std::runtime_error("sales-hub advisor failed: " + r.err);
    httplib::Client http(hub.url());
    if (!caFile.empty()) http.set_ca_cert_path(caFile);
    auto res = http.Post("/v1/advisor/login", {{"Authorization", "Bearer " + hub.token(device)}},
                         Json{{"advisor_id", id}, {"password", password}}.dump(), "application/json");
    if (!res || res->status != 200) return "";
    return Json::parse(res->body)["session"].get<std::string>();
}

inline std::string uuid7(int n) {
    unsigned char r[10] = {};
    r[9] = static_cast<unsigned char>(n);
    r[8] = static_cast<unsigned char>(n >> 8);
    return core::formatUuidV7(1906000000000LL + n, r);
}

}  // namespace testing_hub
