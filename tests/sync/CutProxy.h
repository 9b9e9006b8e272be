#pragma once
// CutProxy: a TCP proxy on 127.0.0.1 in front of the hub that passes every request through, except
// that the answer to a content bundle download (GET /v1/content/versions/...) is cut after half its
// body and the connection closed; `onCut` runs first (a test kills the hub there, so the kiosk sees
// a hub that died mid-download). One request per connection (the kiosk's clients do not keep
// connections alive). Threads joined on destruction.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

namespace testing_net {

class CutProxy {
public:
    CutProxy(int hubPort, std::function<void()> onCut = {}) : m_hubPort(hubPort), m_onCut(std::move(onCut)) {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(m_listen, 16) != 0 ||
            ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            throw std::runtime_error("CutProxy: cannot listen");
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { loop(); });
    }
    ~CutProxy() {
        m_stop = true;
        m_thread.join();
        ::close(m_listen);
    }
    CutProxy(const CutProxy&) = delete;
    CutProxy& operator=(const CutProxy&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    int cuts() const { return m_cuts; }
    void setCutting(bool on) { m_cutting = on; }

private:
    static bool sendAll(int fd, const std::string& s) {
        for (size_t done = 0; done < s.size();) {
            const ssize_t n = ::send(fd, s.data() + done, s.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }
    // Everything until the peer closes (or, for a request, until headers + Content-Length arrived).
    static std::string readMessage(int fd, bool request) {
        std::string data;
        char buf[65536];
        for (;;) {
            if (request) {
                const auto end = data.find("\r\n\r\n");
                if (end != std::string::npos) {
                    size_t length = 0;
                    const auto at = data.find("Content-Length: ");
                    if (at != std::string::npos && at < end) length = std::stoul(data.substr(at + 16));
                    if (data.size() >= end + 4 + length) return data;
                }
            }
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 10000) <= 0) return data;
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) return data;
            data.append(buf, static_cast<size_t>(n));
        }
    }
    void handle(int client) {
        const std::string request = readMessage(client, true);
        const int hub = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(m_hubPort));
        std::string response;
        if (::connect(hub, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && sendAll(hub, request))
            response = readMessage(hub, false);
        ::close(hub);
        const bool bundle = request.rfind("GET /v1/content/versions/", 0) == 0;
        const auto bodyAt = response.find("\r\n\r\n");
        if (m_cutting && bundle && bodyAt != std::string::npos) {
            const size_t body = response.size() - bodyAt - 4;
            response.resize(bodyAt + 4 + body / 2);
            sendAll(client, response);
            ++m_cuts;
            if (m_onCut) m_onCut();
        } else {
            sendAll(client, response);
        }
        ::close(client);
    }
    void loop() {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client >= 0) handle(client);
        }
    }

    int m_hubPort;
    std::function<void()> m_onCut;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_cutting{true};
    std::atomic<int> m_cuts{0};
    std::thread m_thread;
};

}  // namespace testing_net
