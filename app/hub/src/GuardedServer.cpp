#include "GuardedServer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "TlsSession.h"

namespace hub {
namespace {

using Clock = std::chrono::steady_clock;

struct ConnectionState {
    bool closeAfter = false;
};
thread_local ConnectionState* t_connection = nullptr;

// Waits until `sock` has `events` or `until` passes (or the server stops); false on timeout or
// error.
bool waitFor(int sock, short events, Clock::time_point until, const GuardedServer* server = nullptr) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
        if (left <= 0 || (server && server->stopping())) return false;
        pollfd p{sock, events, 0};
        const int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 100)));
        if (n > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
        if (n < 0 && errno != EINTR) return false;
    }
}

std::string addressOf(const sockaddr_storage& a, int& port) {
    char text[INET6_ADDRSTRLEN] = "";
    port = 0;
    if (a.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&a);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        port = ntohs(in->sin_port);
    } else if (a.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&a);
        ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        port = ntohs(in6->sin6_port);
    }
    return text;
}

std::string peerOf(int sock, int& port) {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getpeername(sock, reinterpret_cast<sockaddr*>(&a), &len) != 0) return "";
    return addressOf(a, port);
}

// A socket stream whose reads share one deadline per request: a client that sends the head or
// the body one byte at a time still has to finish by then. Reads are buffered (the request
// line parser reads byte by byte). With a TLS session the bytes go through it (its waits honour
// the same deadline).
class DeadlineStream final : public httplib::Stream {
public:
    DeadlineStream(int sock, std::chrono::seconds writeTimeout, const GuardedServer& server, TlsSession* tls)
        : m_sock(sock), m_writeTimeout(writeTimeout), m_server(server), m_tls(tls) {}
    void setDeadline(Clock::time_point deadline) { m_deadline = deadline; }
    bool buffered() const { return m_pos < m_len || (m_tls && m_tls->pending()); }

    bool is_readable() const override { return buffered() || waitFor(m_sock, POLLIN, m_deadline, &m_server); }
    bool is_writable() const override { return waitFor(m_sock, POLLOUT, Clock::now() + m_writeTimeout); }
    ssize_t read(char* ptr, size_t size) override {
        if (m_pos == m_len) {
            const ssize_t n = fill();
            if (n <= 0) return n;
            m_pos = 0;
            m_len = static_cast<size_t>(n);
        }
        const size_t n = std::min(size, m_len - m_pos);
        std::copy(m_buffer + m_pos, m_buffer + m_pos + n, ptr);
        m_pos += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (m_tls) return m_tls->write(ptr, size, Clock::now() + m_writeTimeout, wait());
        if (!is_writable()) return -1;
        ssize_t n;
        do {
            n = ::send(m_sock, ptr, size, MSG_NOSIGNAL);
        } while (n < 0 && errno == EINTR);
        return n;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = peerOf(m_sock, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage a{};
        socklen_t len = sizeof a;
        ip.clear();
        port = 0;
        if (::getsockname(m_sock, reinterpret_cast<sockaddr*>(&a), &len) == 0) ip = addressOf(a, port);
    }
    socket_t socket() const override { return m_sock; }
    SocketWait wait() const {
        return [this](short events, Clock::time_point until) { return waitFor(m_sock, events, until, &m_server); };
    }

private:
    ssize_t fill() {
        if (m_tls) return m_tls->read(m_buffer, sizeof m_buffer, m_deadline, wait());
        if (!waitFor(m_sock, POLLIN, m_deadline, &m_server)) return -1;
        ssize_t n;
        do {
            n = ::recv(m_sock, m_buffer, sizeof m_buffer, 0);
        } while (n < 0 && errno == EINTR);
        return n;
    }

    int m_sock;
    std::chrono::seconds m_writeTimeout;
    const GuardedServer& m_server;
    TlsSession* m_tls;
    Clock::time_point m_deadline = Clock::now();
    char m_buffer[4096];
    size_t m_pos = 0, m_len = 0;
};

// One thread per connection, reused when idle, at most `max` at once (tasks wait beyond that).
class ConnectionThreads final : public httplib::TaskQueue {
public:
    explicit ConnectionThreads(size_t max) : m_max(max) {}
    ~ConnectionThreads() override { shutdown(); }
    void enqueue(std::function<void()> fn) override {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(fn));
        // Every waiting job needs an idle thread of its own: one that is merely woken may already
        // be spoken for by the job before.
        if (m_jobs.size() > m_idle && m_threads.size() < m_max) m_threads.emplace_back([this] { work(); });
        m_wake.notify_one();
    }
    void shutdown() override {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (auto& t : m_threads)
            if (t.joinable()) t.join();
        m_threads.clear();
    }

private:
    void work() {
        for (;;) {
            std::function<void()> fn;
            {
                std::unique_lock lock(m_mutex);
                ++m_idle;
                m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
                --m_idle;
                if (m_jobs.empty()) return;
                fn = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            fn();
        }
    }

    size_t m_max;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    std::vector<std::thread> m_threads;
    size_t m_idle = 0;
    bool m_stop = false;
};

// Over the limits: a 503 the client may retry, without reading anything.
void refuse(int sock) {
    const std::string body = R"({"error":"busy","reason":"too many connections; retry later"})";
    const std::string answer = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n"
                               "Content-Type: application/json\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)!::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

// Closes after the answer was sent: our side first, then whatever the client still sends (an
// unread body) is drained for a moment, so the close is a FIN the client can read the answer
// before, not a reset that may discard it.
void lingeringClose(int sock) {
    ::shutdown(sock, SHUT_WR);
    const auto until = Clock::now() + std::chrono::milliseconds(200);
    char sink[4096];
    size_t drained = 0;
    while (drained < (256u << 10) && waitFor(sock, POLLIN, until)) {
        const ssize_t n = ::recv(sock, sink, sizeof sink, 0);
        if (n <= 0) break;
        drained += static_cast<size_t>(n);
    }
    ::close(sock);
}

}  // namespace

GuardedServer::GuardedServer(ConnectionLimits limits) : m_limits(limits) {
    const size_t threads = static_cast<size_t>(m_limits.maxConnections) + 8;
    new_task_queue = [threads] { return new ConnectionThreads(threads); };
}

void GuardedServer::closeAfterResponse() {
    if (t_connection) t_connection->closeAfter = true;
}

int GuardedServer::openConnections() {
    std::lock_guard lock(m_mutex);
    return m_open;
}

bool GuardedServer::admit(const std::string& address) {
    std::lock_guard lock(m_mutex);
    int& mine = m_perAddress[address];
    if (m_open >= m_limits.maxConnections || mine >= m_limits.maxPerAddress) {
        if (mine == 0) m_perAddress.erase(address);
        return false;
    }
    ++mine;
    ++m_open;
    return true;
}

void GuardedServer::release(const std::string& address) {
    std::lock_guard lock(m_mutex);
    --m_open;
    if (--m_perAddress[address] <= 0) m_perAddress.erase(address);
}

void GuardedServer::enableTls(const std::string& certFile, const std::string& keyFile) {
    m_tls = std::make_unique<TlsContext>(certFile, keyFile);
}

GuardedServer::~GuardedServer() = default;

bool GuardedServer::process_and_close_socket(socket_t sock) {
    int port = 0;
    const std::string address = peerOf(sock, port);
    const auto accepted = Clock::now();
    bool ok = false;
    if (!admit(address)) {
        // Over the limits: a plain client reads a 503; a TLS client sees the connection closed.
        if (!m_tls) refuse(sock);
    } else {
        std::unique_ptr<TlsSession> tls;
        if (m_tls) {
            ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
            tls = std::make_unique<TlsSession>(*m_tls, sock);
        }
        DeadlineStream strm(sock, std::chrono::seconds(write_timeout_sec_ > 0 ? write_timeout_sec_ : 5), *this, tls.get());
        // The handshake and the first request share the first request's deadline.
        if (!tls || tls->handshake(accepted + m_limits.requestDeadline, strm.wait())) ok = serveRequests(strm, accepted);
        if (tls) tls->close();
        release(address);
    }
    lingeringClose(sock);
    return ok;
}

bool GuardedServer::serveRequests(httplib::Stream& stream, std::chrono::steady_clock::time_point accepted) {
    auto& strm = static_cast<DeadlineStream&>(stream);
    ConnectionState state;
    t_connection = &state;
    bool ok = false;
    for (size_t n = 0; n < keep_alive_max_count_ && !stopping(); ++n) {
        // The first request's clock starts at accept; a later one's at its first byte.
        if (n > 0 && !strm.buffered() && !waitFor(strm.socket(), POLLIN, Clock::now() + m_limits.keepAliveIdle, this)) break;
        strm.setDeadline((n == 0 ? accepted : Clock::now()) + m_limits.requestDeadline);
        bool closed = false;
        const bool last = n + 1 == keep_alive_max_count_;
        ok = process_request(strm, last, closed, nullptr);
        if (!ok || closed || state.closeAfter) break;
    }
    t_connection = nullptr;
    return ok;
}

}  // namespace hub
