#pragma once
// FaultProxy: a TCP proxy on 127.0.0.1 between kiosks and the hub that, while faulty, breaks
// requests on purpose (seeded): drops the connection, delays, forwards but loses the response
// after the hub committed, delivers the request twice, or cuts it mid-body. One request per
// connection (the sync client does not keep connections alive). Threads joined on destruction.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace testing_net {

class FaultProxy {
public:
    enum Fault { Pass, Drop, Delay, LoseResponse, Duplicate, CutMidBody, kFaultCount };

    FaultProxy(int targetPort, std::uint64_t seed) : m_target(targetPort), m_rng(seed) {
        m_listen = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(m_listen, 64) != 0)
            throw std::runtime_error("proxy cannot listen");
        socklen_t len = sizeof a;
        getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }
    ~FaultProxy() {
        m_stop = true;
        m_acceptor.join();
        for (auto& t : m_workers) t.join();
        close(m_listen);
    }
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return m_port; }
    void setFaulty(bool on) { m_faulty = on; }
    // Down: every connection is dropped unanswered, as with a dead network.
    void setDown(bool on) { m_down = on; }
    std::uint64_t count(Fault f) const { return m_counts[f].load(); }

private:
    static bool sendAll(int fd, const std::string& s) {
        size_t off = 0;
        while (off < s.size()) {
            const ssize_t n = send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
            if (n <= 0) return false;
            off += static_cast<size_t>(n);
        }
        return true;
    }
    // Reads one HTTP request (headers + Content-Length body).
    static bool readRequest(int fd, std::string& out) {
        char buf[16384];
        size_t need = std::string::npos;
        for (;;) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 5000) <= 0) return false;
            const ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0) return false;
            out.append(buf, static_cast<size_t>(n));
            if (need == std::string::npos) {
                const auto end = out.find("\r\n\r\n");
                if (end == std::string::npos) continue;
                size_t length = 0;
                std::string lower = out.substr(0, end);
                for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                const auto cl = lower.find("content-length:");
                if (cl != std::string::npos) length = std::stoul(lower.substr(cl + 15));
                need = end + 4 + length;
            }
            if (out.size() >= need) return true;
        }
    }
    int connectTarget() const {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(m_target));
        if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            close(fd);
            return -1;
        }
        return fd;
    }
    std::string forward(const std::string& request) const {
        const int fd = connectTarget();
        if (fd < 0) return {};
        std::string response;
        if (sendAll(fd, request)) {
            char buf[16384];
            for (;;) {
                pollfd p{fd, POLLIN, 0};
                if (poll(&p, 1, 10000) <= 0) break;
                const ssize_t n = recv(fd, buf, sizeof buf, 0);
                if (n <= 0) break;
                response.append(buf, static_cast<size_t>(n));
            }
        }
        close(fd);
        return response;
    }
    void handle(int client, Fault fault, int delayMs) {
        std::string request;
        if (readRequest(client, request)) {
            ++m_counts[fault];
            switch (fault) {
                case Drop: break;
                case CutMidBody: {
                    const int fd = connectTarget();
                    if (fd >= 0) {
                        sendAll(fd, request.substr(0, request.size() - std::max<size_t>(1, (request.size() - request.find("\r\n\r\n")) / 2)));
                        close(fd);
                    }
                    break;
                }
                case LoseResponse: forward(request); break;  // the hub committed; the kiosk never hears
                case Duplicate: forward(request); sendAll(client, forward(request)); break;
                case Delay: std::this_thread::sleep_for(std::chrono::milliseconds(delayMs)); [[fallthrough]];
                default: sendAll(client, forward(request)); break;
            }
        }
        close(client);
    }
    void acceptLoop() {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (poll(&p, 1, 20) <= 0) continue;
            const int client = accept(m_listen, nullptr, nullptr);
            if (client < 0) continue;
            Fault fault = Pass;
            int delayMs = 0;
            {
                std::lock_guard lock(m_mutex);
                if (m_down) {
                    fault = Drop;
                } else if (m_faulty) {
                    // Faults are dealt from a shuffled deck, so every kind happens within each run of
                    // kFaultCount faulty connections whatever the seed (keep-alive keeps connections few).
                    if (m_deck.empty()) {
                        for (int k = 0; k < kFaultCount; ++k) m_deck.push_back(static_cast<Fault>(k));
                        std::shuffle(m_deck.begin(), m_deck.end(), m_rng);
                    }
                    fault = m_deck.back();
                    m_deck.pop_back();
                    delayMs = static_cast<int>(50 + m_rng() % 400);
                }
            }
            m_workers.emplace_back([this, client, fault, delayMs] { handle(client, fault, delayMs); });
        }
    }

    int m_target;
    int m_listen = -1;
    int m_port = 0;
    std::mutex m_mutex;
    std::mt19937_64 m_rng;
    std::vector<Fault> m_deck;
    std::atomic<bool> m_faulty{false};
    std::atomic<bool> m_down{false};
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_counts[kFaultCount] = {};
    std::thread m_acceptor;
    std::vector<std::thread> m_workers;
};

}  // namespace testing_net
