// sales-hub under slow and idle clients on loopback: 200 idle connections and 50 that trickle
// their request a byte at a time (re-opened whenever the hub closes them) while health, a sync
// push and an advisor read are each answered within 1 s; the per-request deadline closes a
// trickling connection however steadily it sends; a client address gets at most its share of
// connections; a request without a valid token is refused before its body is read. The first
// test runs three ways: plain HTTP, the hub's own TLS (--tls-cert) and through the nginx front
// (packaging/hub/nginx-sales-hub.conf, TLS at nginx; skipped when nginx is not installed); over
// TLS the trickling clients finish the handshake first and then trickle inside it.
#include <catch2/catch.hpp>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "core/protocol/SyncProtocol.h"
#include "hub/HubTestSupport.h"
#include "hub/NginxFront.h"
#include "store/StoreTestSupport.h"
#include "sync/HubProcess.h"
#include "sync/TestPki.h"
#include "support/Skip.h"

using testing_hub::HubProcess;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// A TCP connection to the hub from a chosen loopback address (any 127.x.y.z is local on Linux);
// with `tls`, a TLS session over it once handshake() was called.
class Conn {
public:
    Conn(const std::string& from, int port, SSL_CTX* tls = nullptr) : m_tlsContext(tls) {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<uint16_t>(port));
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
            ::connect(m_fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0)
            throw std::runtime_error("cannot connect from " + from);
    }
    ~Conn() {
        if (m_ssl) SSL_free(m_ssl);
        if (m_fd >= 0) ::close(m_fd);
    }
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    // The TLS handshake (blocking, 5 s at most); false when it failed.
    bool handshake() {
        timeval tv{5, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        m_ssl = SSL_new(m_tlsContext);
        SSL_set_fd(m_ssl, m_fd);
        const bool ok = SSL_connect(m_ssl) == 1;
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        return ok;
    }
    bool send(const std::string& bytes) {
        if (m_ssl) return SSL_write(m_ssl, bytes.data(), static_cast<int>(bytes.size())) == static_cast<int>(bytes.size());
        return ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }
    // True when the hub has closed the connection (reads what it sent first into `answer`).
    bool closedByHub(std::string* answer = nullptr, int waitMs = 0) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, waitMs) <= 0) return false;
        char buf[4096];
        for (;;) {
            if (m_ssl) {
                const int n = SSL_read(m_ssl, buf, sizeof buf);
                if (n > 0) {
                    if (answer) answer->append(buf, static_cast<size_t>(n));
                    continue;
                }
                return SSL_get_error(m_ssl, n) != SSL_ERROR_WANT_READ;
            }
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                if (answer) answer->append(buf, static_cast<size_t>(n));
                continue;
            }
            return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
        }
    }
    // Everything the hub sends until it closes or `waitMs` passes.
    std::string answer(int waitMs) {
        std::string out;
        const auto end = Clock::now() + std::chrono::milliseconds(waitMs);
        while (Clock::now() < end && !closedByHub(&out, 50)) {
        }
        return out;
    }

private:
    int m_fd = -1;
    SSL_CTX* m_tlsContext = nullptr;
    SSL* m_ssl = nullptr;
};

std::string pushHead(const std::string& auth, size_t length) {
    return "POST /v1/sync/push HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n" +
           (auth.empty() ? std::string() : "Authorization: Bearer " + auth + "\r\n") +
           "Content-Length: " + std::to_string(length) + "\r\n\r\n";
}

// 200 idle and 50 trickling connections from 25 loopback addresses (10 each), each re-opened
// when the hub closes it, until stopped. With `tls` the trickling ones handshake first; the idle
// ones never start one.
class Pressure {
public:
    explicit Pressure(int port, SSL_CTX* tls = nullptr) : m_port(port), m_tls(tls), m_thread([this] { run(); }) {}
    ~Pressure() {
        m_stop = true;
        m_thread.join();
    }
    int reopened() const { return m_reopened; }
    int open() const { return m_open; }
    bool failed() const { return m_failed; }

private:
    static std::string addressOf(int i) { return "127.0.2." + std::to_string(1 + i / 10); }
    void run() {
        try {
            loop();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "pressure: %s\n", e.what());
            m_failed = true;
        }
    }
    void loop() {
        std::vector<std::unique_ptr<Conn>> idle, slow;
        std::vector<size_t> sent(50, 0);
        const std::string head = pushHead("", 200000);
        for (int i = 0; i < 200; ++i) idle.push_back(std::make_unique<Conn>(addressOf(i), m_port));
        for (int i = 0; i < 50; ++i) slow.push_back(slowConn(i));
        m_open = 250;
        while (!m_stop) {
            for (int i = 0; i < 200; ++i)
                if (idle[i]->closedByHub()) {
                    idle[i] = std::make_unique<Conn>(addressOf(i), m_port);
                    ++m_reopened;
                }
            for (int i = 0; i < 50; ++i) {
                // One byte of the head at a time; none of them carries a token.
                if (slow[i]->closedByHub() || !slow[i]->send(std::string(1, head[sent[i] % head.size()]))) {
                    slow[i] = slowConn(i);
                    sent[i] = 0;
                    ++m_reopened;
                    continue;
                }
                ++sent[i];
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    std::unique_ptr<Conn> slowConn(int i) {
        auto c = std::make_unique<Conn>(addressOf(200 + i), m_port, m_tls);
        if (m_tls && !c->handshake()) ++m_handshakeFailures;
        return c;
    }

    int m_port;
    SSL_CTX* m_tls;
    std::atomic<int> m_handshakeFailures{0};
    std::atomic<bool> m_stop{false}, m_failed{false};
    std::atomic<int> m_reopened{0}, m_open{0};
    std::thread m_thread;
};

struct TlsClientContext {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());  // the trickling clients do not check the certificate
    ~TlsClientContext() { SSL_CTX_free(ctx); }
};

// Probes `url` (health, a duplicate sync push, an advisor read) for 5 s while `pressure` runs;
// each must be answered 200 within 1 s. Returns how many probes ran.
int probeWhile(const std::string& url, const std::string& caFile, const std::string& kiosk, const std::string& advisor) {
    httplib::Client http(url);
    http.set_connection_timeout(2, 0);
    http.set_read_timeout(2, 0);
    if (!caFile.empty()) {
        http.set_ca_cert_path(caFile);
        http.enable_server_certificate_verification(true);
    }
    // One booking; every later probe is the same event again, answered as a duplicate.
    core::Booking booking = testing_store::draft("Zhang Wei", "+8613800138000", "heron", testing_store::kDay + "T10:00");
    booking.id = testing_hub::uuid7(1);
    booking.kioskId = "kiosk-a";
    booking.createdMs = 1906000000000LL;
    const Json push = {{"protocol", 1},
                       {"kiosk_id", "kiosk-a"},
                       {"events", Json::array({{{"event_id", testing_hub::uuid7(1001)},
                                                {"type", "booking.create"},
                                                {"booking", core::bookingToJson(booking)}}})}};
    double worstMs = 0;
    int probes = 0;
    // 5 s: past two request deadlines, so the hub is closing and the pressure re-opening meanwhile.
    const auto end = Clock::now() + std::chrono::seconds(5);
    while (Clock::now() < end) {
        for (int which = 0; which < 3; ++which) {
            const auto t0 = Clock::now();
            httplib::Result r = which == 0 ? http.Get("/v1/health")
                                : which == 1 ? http.Post("/v1/sync/push", {{"Authorization", "Bearer " + kiosk}},
                                                         push.dump(), "application/json")
                                             : http.Get("/v1/advisor/bookings?date=" + testing_store::kDay,
                                                        {{"Authorization", "Bearer " + advisor}});
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
            INFO("probe " << which << " after " << probes << " probes");
            REQUIRE(r);
            CHECK(r->status == 200);
            CHECK(ms < 1000);
            worstMs = std::max(worstMs, ms);
            ++probes;
        }
        // nginx allows 20 requests/s per address (burst 40): the probes stay below.
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    std::printf("slow clients (%s): %d probes, slowest %.1f ms\n", url.c_str(), probes, worstMs);
    return probes;
}

const std::vector<std::string> kPressureHubArgs = {"--request-deadline-ms", "2000", "--max-connections-per-address", "16"};

}  // namespace

TEST_CASE("slow clients: health, a sync push and an advisor read answered within 1 s under 200 idle and 50 trickling connections") {
    HubProcess hub({"kiosk-a"}, kPressureHubArgs);
    const std::string advisor = testing_hub::advisorSession(hub, "advisor-1");
    REQUIRE_FALSE(advisor.empty());
    Pressure pressure(hub.port());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all 250 open before the first probe
    CHECK(probeWhile(hub.url(), "", hub.token("kiosk-a"), advisor) > 30);
    std::printf("slow clients: the hub closed %d pressure connections meanwhile\n", pressure.reopened());
    CHECK_FALSE(pressure.failed());
    CHECK(pressure.open() == 250);
    CHECK(pressure.reopened() >= 250);  // every idle and trickling connection hit its deadline at least once
}

TEST_CASE("slow clients over the hub's own TLS: handshakes held to the deadline, probes answered within 1 s") {
    if (!testing_pki::TestPki::available()) KIOSK_SKIP("the openssl command is absent (Debian package openssl)");
    testing_pki::TestPki pki;
    std::vector<std::string> args = kPressureHubArgs;
    args.insert(args.end(), {"--tls-cert", pki.cert("hub"), "--tls-key", pki.key("hub")});
    HubProcess hub({"kiosk-a"}, args);
    REQUIRE(hub.url().rfind("https://", 0) == 0);
    const std::string advisor = testing_hub::advisorSession(hub, "advisor-1", "li-na", "correct horse battery", pki.cert("showroom-ca"));
    REQUIRE_FALSE(advisor.empty());
    TlsClientContext tls;
    Pressure pressure(hub.port(), tls.ctx);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(probeWhile(hub.url(), pki.cert("showroom-ca"), hub.token("kiosk-a"), advisor) > 30);
    CHECK_FALSE(pressure.failed());
    CHECK(pressure.open() == 250);
    CHECK(pressure.reopened() >= 250);
}

TEST_CASE("slow clients through the nginx front: TLS at nginx, probes answered within 1 s") {
    if (!testing_hub::NginxFront::available()) KIOSK_SKIP("nginx is not installed (Debian package nginx)");
    if (!testing_pki::TestPki::available()) KIOSK_SKIP("the openssl command is absent (Debian package openssl)");
    testing_pki::TestPki pki;
    HubProcess hub({"kiosk-a"}, kPressureHubArgs);
    testing_hub::NginxFront nginx(hub.port(), pki.cert("hub"), pki.key("hub"));
    const std::string advisor = testing_hub::advisorSession(hub, "advisor-1");
    REQUIRE_FALSE(advisor.empty());
    TlsClientContext tls;
    Pressure pressure(nginx.port(), tls.ctx);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    INFO(nginx.errors());
    CHECK(probeWhile(nginx.url(), pki.cert("showroom-ca"), hub.token("kiosk-a"), advisor) > 30);
    CHECK_FALSE(pressure.failed());
    CHECK(pressure.open() == 250);
}

TEST_CASE("slow clients: the request deadline closes a trickling connection, the per-address bound refuses the surplus") {
    HubProcess hub({"kiosk-a"}, {"--request-deadline-ms", "1500", "--max-connections-per-address", "4"});
    {
        Conn c("127.0.3.1", hub.port());
        const std::string head = pushHead("", 10);
        const auto t0 = Clock::now();
        bool closed = false;
        for (size_t i = 0; i < 60 && !closed; ++i) {  // a byte every 100 ms: 6 s if the hub let it
            closed = c.closedByHub() || !c.send(std::string(1, head[i % head.size()]));
            if (!closed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        CHECK(closed);
        CHECK(s < 3.5);
    }
    std::vector<std::unique_ptr<Conn>> mine;
    for (int i = 0; i < 4; ++i) mine.push_back(std::make_unique<Conn>("127.0.3.2", hub.port()));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    for (auto& c : mine) CHECK_FALSE(c->closedByHub());
    Conn surplus("127.0.3.2", hub.port());
    const std::string refused = surplus.answer(1000);
    CHECK(refused.rfind("HTTP/1.1 503", 0) == 0);
    CHECK(refused.find("\"busy\"") != std::string::npos);
    // Another address is not affected.
    httplib::Client http(hub.url());
    auto r = http.Get("/v1/health");
    REQUIRE(r);
    CHECK(r->status == 200);
}

TEST_CASE("slow clients: a push without a valid token is refused before its body is sent") {
    HubProcess hub({"kiosk-a"});
    for (const std::string& auth : {std::string(), std::string(64, 'a')}) {
        INFO("token: " << (auth.empty() ? "none" : "unknown"));
        Conn c("127.0.3.3", hub.port());
        REQUIRE(c.send(pushHead(auth, 500000)));  // the head promises 500 kB; none of it comes
        const auto t0 = Clock::now();
        const std::string answer = c.answer(1500);
        CHECK(answer.rfind("HTTP/1.1 401", 0) == 0);
        CHECK(answer.find("\"unauthorized\"") != std::string::npos);
        CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 1.0);
    }
}
