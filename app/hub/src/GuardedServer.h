#pragma once
// GuardedServer: cpp-httplib's server with the connection handling a hub on a dealer network
// needs (internal to hub_lib). Each connection has its own thread (up to maxConnections, so slow
// or idle clients never hold up anyone else's request); a client address may hold at most
// maxPerAddress connections (more are answered 503 and closed at once); the head and body of
// each request must arrive within requestDeadline, however steadily the bytes trickle in; an idle
// keep-alive connection is closed after keepAliveIdle. A handler that answers without reading
// the body (a refused token) calls closeAfterResponse(), so the unread body is never parsed as
// the next request. With enableTls() every connection is TLS (the handshake shares the first
// request's deadline).
#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace hub {

class TlsContext;

struct ConnectionLimits {
    std::chrono::milliseconds requestDeadline{10000};
    std::chrono::milliseconds keepAliveIdle{5000};
    int maxConnections = 512;
    int maxPerAddress = 32;
};

class GuardedServer : public httplib::Server {
public:
    explicit GuardedServer(ConnectionLimits limits);
    ~GuardedServer() override;
    // Serves HTTPS from now on (before listening). Throws std::runtime_error naming the file.
    void enableTls(const std::string& certFile, const std::string& keyFile);
    // From a handler: the connection closes once this response is written.
    static void closeAfterResponse();
    // Connections open now (tests and operations).
    int openConnections();
    // A listen backlog for bursts of connections (cpp-httplib listens with 5).
    void widenBacklog() { ::listen(svr_sock_, 1024); }
    // True once stop() closed the listening socket: open connections end at their next wait.
    bool stopping() const { return svr_sock_ == INVALID_SOCKET; }

private:
    bool process_and_close_socket(socket_t sock) override;
    bool serveRequests(httplib::Stream& strm, std::chrono::steady_clock::time_point accepted);
    bool admit(const std::string& address);
    void release(const std::string& address);

    ConnectionLimits m_limits;
    std::mutex m_mutex;
    std::map<std::string, int> m_perAddress;
    int m_open = 0;
    std::unique_ptr<TlsContext> m_tls;
};

}  // namespace hub
