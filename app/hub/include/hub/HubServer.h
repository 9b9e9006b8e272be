#pragma once
// HubServer: the sales hub's HTTP/JSON API over a HubStore (cpp-httplib, a pool of worker
// threads). Sync endpoints for kiosks, the advisor API, device registration. Every request is
// checked before anything is stored: bearer token, content type, body size, JSON nesting, strict
// field types and formats, rate per device. Errors are 4xx {"error": code, "field"?, "reason"}.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "hub/HubStore.h"

namespace httplib {
class Server;
}

namespace hub {

struct ServerOptions {
    size_t maxBodyBytes = 1 << 20;  // larger bodies get 413
    double ratePerSecond = 50;      // per device, token bucket
    double burst = 200;
    std::string adminToken;         // enables POST /v1/admin/devices when set
};

class HubServer {
public:
    HubServer(HubStore& store, ServerOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

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
    bool allow(const std::string& deviceId);
    void routes();

    HubStore& m_store;
    ServerOptions m_options;
    std::unique_ptr<httplib::Server> m_server;
    std::mutex m_rateMutex;
    std::map<std::string, Bucket> m_buckets;
};

// Milliseconds since the epoch (UTC) from the system clock.
std::int64_t nowMs();

}  // namespace hub
