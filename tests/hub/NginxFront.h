#pragma once
// NginxFront: a real nginx (Debian package nginx) in front of a hub, as packaging/hub/
// nginx-sales-hub.conf configures it: that file is used as shipped, only its listen port, the
// certificate paths and the hub's port replaced. Runs unprivileged in the foreground from a
// temporary prefix on a free loopback port; stopped on destruction. available() is false when
// nginx is not installed (tests then skip).
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "store/StoreTestSupport.h"
#include "support/TestPaths.h"
#include "sync/ChildProcess.h"

namespace testing_hub {

class NginxFront {
public:
    static constexpr const char* kNginx = "/usr/sbin/nginx";
    static bool available() { return std::filesystem::exists(kNginx); }

    NginxFront(int hubPort, const std::string& certFile, const std::string& keyFile) : m_dir("nginx") {
        m_port = freePort();
        for (const char* sub : {"logs", "tmp"}) std::filesystem::create_directories(m_dir.file(sub));
        std::ofstream(m_dir.file("sales-hub.conf")) << siteConfig(hubPort, certFile, keyFile);
        std::ofstream(m_dir.file("nginx.conf")) << mainConfig();
        m_process = std::make_unique<testing_process::ChildProcess>(std::vector<std::string>{
            kNginx, "-p", m_dir.path() + "/", "-c", m_dir.file("nginx.conf"), "-e", m_dir.file("logs/error.log")});
        // Ready when the port accepts.
        for (int i = 0; i < 200 && !accepts(m_port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        if (!accepts(m_port)) throw std::runtime_error("nginx did not start: " + m_process->readAvailable() + errors());
    }
    ~NginxFront() {
        if (m_process) {
            m_process->kill(SIGTERM);
            m_process->wait(std::chrono::seconds(10));
        }
    }
    int port() const { return m_port; }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(m_port); }
    std::string errors() const {
        std::ifstream in(m_dir.file("logs/error.log"));
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

private:
    static int freePort() {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        ::close(fd);
        return ntohs(a.sin_port);
    }
    static bool accepts(int port) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        return ok;
    }
    // The shipped site file with this run's port, certificate and hub.
    std::string siteConfig(int hubPort, const std::string& certFile, const std::string& keyFile) const {
        std::ifstream in(std::string(KIOSK_TEST_SOURCE_DIR) + "/packaging/hub/nginx-sales-hub.conf");
        std::stringstream s;
        s << in.rdbuf();
        std::string text = s.str();
        const auto replace = [&](const std::string& pattern, const std::string& with) {
            const std::regex re(pattern);
            if (!std::regex_search(text, re)) throw std::runtime_error("nginx-sales-hub.conf: no " + pattern);
            text = std::regex_replace(text, re, with);
        };
        replace(R"(listen 443 ssl;)", "listen 127.0.0.1:" + std::to_string(m_port) + " ssl;");
        replace(R"(\n *listen \[::\]:443 ssl;)", "");
        replace(R"(ssl_certificate +\S+;)", "ssl_certificate " + certFile + ";");
        replace(R"(ssl_certificate_key +\S+;)", "ssl_certificate_key " + keyFile + ";");
        replace(R"(proxy_pass http://127\.0\.0\.1:8470;)", "proxy_pass http://127.0.0.1:" + std::to_string(hubPort) + ";");
        return text;
    }
    // What /etc/nginx/nginx.conf provides, for a private unprivileged instance.
    std::string mainConfig() const {
        std::string c = "daemon off;\nmaster_process on;\nworker_processes 1;\npid " + m_dir.file("nginx.pid") + ";\n";
        if (::geteuid() == 0) c += "user root root;\n";
        c += "error_log " + m_dir.file("logs/error.log") + " warn;\n";
        c += "events { worker_connections 2048; }\n";
        c += "http {\n  access_log " + m_dir.file("logs/access.log") + ";\n";
        for (const char* t : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
            c += std::string("  ") + t + "_temp_path " + m_dir.file(std::string("tmp/") + t) + ";\n";
        c += "  include " + m_dir.file("sales-hub.conf") + ";\n}\n";
        return c;
    }

    testing_store::TempDir m_dir;
    int m_port = 0;
    std::unique_ptr<testing_process::ChildProcess> m_process;
};

}  // namespace testing_hub
