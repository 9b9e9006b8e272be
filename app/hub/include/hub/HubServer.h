#pragma once
// HubServer: the sales hub's HTTP/JSON API over a HubStore (cpp-httplib behind a connection
// guard: a thread per connection, a deadline per request for head and body, a bound per client
// address; see src/GuardedServer.h). Sync endpoints for kiosks, the advisor API, device
// registration. Every request is checked before anything is stored: bearer token (before the
// body is read), content type, body size, JSON nesting, strict field types and formats, rate per
// device. With ServerOptions::tlsCertFile/tlsKeyFile it serves HTTPS only. Errors are 4xx {"error": code, "field"?, "reason"}.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "hub/FleetList.h"
#include "hub/HubStore.h"
#include "hub/ShareOptions.h"

namespace httplib {
struct Request;
struct Response;
class ContentReader;
}

namespace hub {

struct ServerOptions {
    size_t maxBodyBytes = 1 << 20;  // larger bodies get 413
    double ratePerSecond = 50;      // per device, token bucket
    double burst = 200;
    std::string adminToken;         // enables POST /v1/admin/devices when set
    int requestDeadlineMs = 10000;  // the head and body of one request must arrive within this
    int keepAliveIdleMs = 5000;     // an idle keep-alive connection is closed after this
    int maxConnections = 512;       // open at once, each on its own thread; more get 503
    int maxConnectionsPerAddress = 32;
    std::string tlsCertFile;        // both set: HTTPS (PEM certificate chain and private key)
    std::string tlsKeyFile;
    std::int64_t kioskStaleSeconds = kDefaultKioskStaleSeconds;  // fleet list: flag a kiosk without a complete sync for this long
    ShareOptions share;             // the public share pages (GET /c/{code}, its call-back form)
};

class GuardedServer;
// A POST body, read only when the handler asks for it (after the token was checked).
class LazyBody;
class ShareService;

class HubServer {
public:
    HubServer(HubStore& store, ServerOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    bool tls() const { return !m_options.tlsCertFile.empty(); }
    // Binds; port 0 picks a free one. Returns the port, or -1 when binding failed.
    int bind(const std::string& host, int port);
    // Serves until stop(); call on its own thread.
    bool run();
    void stop();
    bool waitUntilRunning(std::chrono::milliseconds timeout);

private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point last;
    };
    using Req = httplib::Request;
    using Res = httplib::Response;
    bool allow(const std::string& deviceId);
    void routes();
    // Authenticates (role "kiosk", "advisor" or "device": any device, no advisor session) and
    // rate-limits; on failure the error answer is already written.
    std::optional<Principal> authorize(const Req& req, Res& res, const char* role);
    // The admin token's routes: false once 404 (no admin token set; `what` says what is disabled)
    // or 401 was answered.
    bool authorizeAdmin(const Req& req, Res& res, const char* what);

    // One handler per route (SyncRoutes.cpp, AdvisorRoutes.cpp).
    void health(const Req& req, Res& res);
    void syncPush(const Req& req, Res& res, LazyBody& body);
    void syncPull(const Req& req, Res& res);
    void syncAllocations(const Req& req, Res& res, LazyBody& body);
    void registerDevice(const Req& req, Res& res, LazyBody& body);
    void advisorLogin(const Req& req, Res& res, LazyBody& body);
    void advisorLogout(const Req& req, Res& res, LazyBody& body);
    void bookingsForDay(const Req& req, Res& res);
    void surveysForDay(const Req& req, Res& res);
    void bookingDetail(const Req& req, Res& res);
    void surveyDetail(const Req& req, Res& res);
    void bookingAudit(const Req& req, Res& res);
    void surveyAudit(const Req& req, Res& res);
    void openTasks(const Req& req, Res& res);
    void bookingAction(const Req& req, Res& res, LazyBody& body);
    void surveyAction(const Req& req, Res& res, LazyBody& body);
    // The fleet (FleetRoutes.cpp).
    void syncStatus(const Req& req, Res& res, LazyBody& body);
    void kioskList(const Req& req, Res& res);
    // Published content (ContentRoutes.cpp).
    void contentLatest(const Req& req, Res& res);
    void contentBundle(const Req& req, Res& res);
    void contentReport(const Req& req, Res& res, LazyBody& body);
    // The share link's phone page and its call-back form (ShareRoutes.cpp).
    void sharePage(const Req& req, Res& res);
    void shareCallback(const Req& req, Res& res, LazyBody& body);

    HubStore& m_store;
    ServerOptions m_options;
    std::unique_ptr<GuardedServer> m_server;
    std::mutex m_rateMutex;
    std::map<std::string, Bucket> m_buckets;
    std::unique_ptr<ShareService> m_share;
};

// Milliseconds since the epoch (UTC) from the system clock.
std::int64_t nowMs();

}  // namespace hub
