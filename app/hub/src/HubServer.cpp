#include "hub/HubServer.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "GuardedServer.h"
#include "HttpSupport.h"
#include "ShareService.h"

namespace hub {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

HubServer::HubServer(HubStore& store, ServerOptions options)
    : m_store(store), m_options(std::move(options)) {
    ConnectionLimits limits;
    limits.requestDeadline = std::chrono::milliseconds(m_options.requestDeadlineMs);
    limits.keepAliveIdle = std::chrono::milliseconds(m_options.keepAliveIdleMs);
    limits.maxConnections = m_options.maxConnections;
    limits.maxPerAddress = m_options.maxConnectionsPerAddress;
    m_server = std::make_unique<GuardedServer>(limits);
    if (m_options.tlsCertFile.empty() != m_options.tlsKeyFile.empty())
        throw std::runtime_error("--tls-cert and --tls-key go together");
    if (!m_options.tlsCertFile.empty()) m_server->enableTls(m_options.tlsCertFile, m_options.tlsKeyFile);
    m_server->set_payload_max_length(m_options.maxBodyBytes);
    m_server->set_read_timeout(10, 0);
    m_server->set_write_timeout(10, 0);
    m_share = std::make_unique<ShareService>(m_store.catalog(), m_options.share);
    routes();
}

HubServer::~HubServer() { stop(); }

int HubServer::bind(const std::string& host, int port) {
    const int bound = port == 0 ? m_server->bind_to_any_port(host) : (m_server->bind_to_port(host.c_str(), port) ? port : -1);
    if (bound > 0) m_server->widenBacklog();
    return bound;
}

bool HubServer::run() { return m_server->listen_after_bind(); }

void HubServer::stop() {
    if (m_server) m_server->stop();
}

bool HubServer::waitUntilRunning(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!m_server->is_running()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

bool HubServer::allow(const std::string& deviceId) {
    std::lock_guard lock(m_rateMutex);
    const auto now = std::chrono::steady_clock::now();
    auto [it, fresh] = m_buckets.try_emplace(deviceId);
    Bucket& b = it->second;
    if (fresh) {
        b.tokens = m_options.burst;
        b.last = now;
    }
    b.tokens = std::min(m_options.burst,
                        b.tokens + std::chrono::duration<double>(now - b.last).count() * m_options.ratePerSecond);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
}

std::optional<Principal> HubServer::authorize(const Req& req, Res& res, const char* role) {
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) != 0) {
        sendError(res, 401, "unauthorized", "a bearer token is required");
        return std::nullopt;
    }
    auto p = m_store.devices().authenticate(auth.substr(7), nowMs());
    if (!p) {
        sendError(res, 401, "unauthorized", "unknown token");
        return std::nullopt;
    }
    const std::string wanted = role;
    if (wanted == "advisor" && p->advisorId.empty()) {
        sendError(res, 401, "advisor_login_required", "an advisor session token (POST /v1/advisor/login) is required");
        return std::nullopt;
    }
    if (wanted == "device" ? !p->advisorId.empty() : p->role != wanted) {
        sendError(res, 403, "forbidden", std::string("this endpoint is for ") + role + " devices");
        return std::nullopt;
    }
    if (!allow(p->kioskId)) {
        res.set_header("Retry-After", "1");
        sendError(res, 429, "rate_limited", "too many requests from this device");
        return std::nullopt;
    }
    return p;
}

void HubServer::routes() {
    auto& s = *m_server;
    using Handler = void (HubServer::*)(const Req&, Res&);
    using BodyHandler = void (HubServer::*)(const Req&, Res&, LazyBody&);
    auto to = [this](Handler h) { return [this, h](const Req& req, Res& res) { (this->*h)(req, res); }; };
    // POST routes read their body only when the handler asks (after the token check); a body
    // left unread closes the connection, so it is never parsed as the next request.
    auto withBody = [this](BodyHandler h) {
        return [this, h](const Req& req, Res& res, const httplib::ContentReader& reader) {
            LazyBody body(reader);
            (this->*h)(req, res, body);
            if (!body.consumed()) GuardedServer::closeAfterResponse();
        };
    };
    const std::string booking = "/v1/advisor/bookings/([^/]+)", survey = "/v1/advisor/surveys/([^/]+)";
    s.Get("/v1/health", to(&HubServer::health));
    s.Post("/v1/sync/push", withBody(&HubServer::syncPush));
    s.Get("/v1/sync/pull", to(&HubServer::syncPull));
    s.Post("/v1/sync/allocations", withBody(&HubServer::syncAllocations));
    s.Post("/v1/admin/devices", withBody(&HubServer::registerDevice));
    s.Post("/v1/sync/status", withBody(&HubServer::syncStatus));
    s.Get("/v1/admin/kiosks", to(&HubServer::kioskList));
    s.Post("/v1/advisor/login", withBody(&HubServer::advisorLogin));
    s.Post("/v1/advisor/logout", withBody(&HubServer::advisorLogout));
    s.Get("/v1/advisor/bookings", to(&HubServer::bookingsForDay));
    s.Get("/v1/advisor/surveys", to(&HubServer::surveysForDay));
    s.Get(booking, to(&HubServer::bookingDetail));
    s.Get(booking + "/audit", to(&HubServer::bookingAudit));
    s.Get(survey, to(&HubServer::surveyDetail));
    s.Get(survey + "/audit", to(&HubServer::surveyAudit));
    s.Get("/v1/advisor/tasks", to(&HubServer::openTasks));
    s.Post(booking + "/([a-z-]+)", withBody(&HubServer::bookingAction));
    s.Post(survey + "/([a-z-]+)", withBody(&HubServer::surveyAction));
    s.Get("/v1/content/latest", to(&HubServer::contentLatest));
    s.Get("/v1/content/versions/([A-Za-z0-9._-]+)", to(&HubServer::contentBundle));
    s.Post("/v1/content/reports", withBody(&HubServer::contentReport));
    s.Get("/c/([^/]+)", to(&HubServer::sharePage));
    s.Post("/c/([^/]+)/callback", withBody(&HubServer::shareCallback));

    s.set_error_handler([](const Req&, Res& res) {
        if (!res.body.empty()) return;
        if (res.status == 413) sendError(res, 413, "too_large", "the body is larger than the hub accepts");
        else if (res.status == 404) sendError(res, 404, "not_found", "no such endpoint");
        else sendError(res, res.status, "error", "request refused");
    });
    s.set_exception_handler([](const Req&, Res& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        // Busy or I/O trouble: the kiosk retries with backoff; the transaction rolled back.
        sendError(res, 503, "unavailable", "the hub could not complete the request; retry later");
        std::fprintf(stderr, "sales-hub: request failed: %s\n", what.c_str());
    });
}

}  // namespace hub
