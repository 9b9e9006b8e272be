#pragma once
// TLS for the hub's own listener (internal to hub_lib): a server context loaded from a PEM
// certificate chain and key, and one session per connection whose handshake, reads and writes
// all wait with poll() against a deadline (the socket is non-blocking), so a client that trickles
// a TLS record byte by byte is held to the same per-request deadline as a plain one.
#include <openssl/ssl.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace hub {

// Waits for the socket to be readable (POLLIN) or writable (POLLOUT) until the deadline; false
// when it passed (or the server stops).
using SocketWait = std::function<bool(short events, std::chrono::steady_clock::time_point until)>;

class TlsContext {
public:
    // Throws std::runtime_error naming the file: unreadable, not PEM, or a key that does not
    // match the certificate.
    TlsContext(const std::string& certFile, const std::string& keyFile);
    SSL_CTX* get() const { return m_ctx.get(); }

private:
    struct Free {
        void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
    };
    std::unique_ptr<SSL_CTX, Free> m_ctx;
};

class TlsSession {
public:
    TlsSession(const TlsContext& context, int sock);
    ~TlsSession();
    TlsSession(const TlsSession&) = delete;
    TlsSession& operator=(const TlsSession&) = delete;

    bool handshake(std::chrono::steady_clock::time_point until, const SocketWait& wait);
    // As recv()/send(): bytes moved, 0 at the peer's close, -1 on error or deadline.
    long read(char* buffer, size_t size, std::chrono::steady_clock::time_point until, const SocketWait& wait);
    long write(const char* data, size_t size, std::chrono::steady_clock::time_point until, const SocketWait& wait);
    // Decrypted bytes ready without touching the socket.
    bool pending() const { return SSL_pending(m_ssl) > 0; }
    // Sends close_notify once, without waiting for the peer's.
    void close();

private:
    // One step of an SSL call that returned `ret`: true to retry after the wait, false to stop.
    bool retry(int ret, std::chrono::steady_clock::time_point until, const SocketWait& wait);
    SSL* m_ssl;
    bool m_broken = false;
};

}  // namespace hub
