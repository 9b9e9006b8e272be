#pragma once
// HeadlessChromium: one headless Chromium process driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: JSON messages separated by NUL on fds 3 and 4), so a test can render
// many pages at several viewport sizes without starting a browser per screenshot. absent() says
// why it cannot run (no chromium on this machine); tests then skip.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing_chromium {

inline std::string executable() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        if (::access(p, X_OK) == 0) return p;
    return "";
}
inline std::string absent() { return executable().empty() ? "chromium is not installed" : ""; }

inline std::string base64Decode(const std::string& in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    };
    std::string out;
    int bits = 0, acc = 0;
    for (char c : in) {
        const int v = value(c);
        if (v < 0) continue;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    return out;
}

class HeadlessChromium {
public:
    explicit HeadlessChromium(const std::string& profileDir) {
        int toBrowser[2], fromBrowser[2];
        if (::pipe(toBrowser) != 0 || ::pipe(fromBrowser) != 0) throw std::runtime_error("pipe failed");
        m_pid = ::fork();
        if (m_pid == 0) {
            ::dup2(toBrowser[0], 3);
            ::dup2(fromBrowser[1], 4);
            const int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            for (int fd = 5; fd < 256; ++fd) ::close(fd);
            const std::string exe = executable(), profile = "--user-data-dir=" + profileDir;
            ::execl(exe.c_str(), exe.c_str(), "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                    profile.c_str(), "about:blank", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(toBrowser[0]);
        ::close(fromBrowser[1]);
        m_out = toBrowser[1];
        m_in = fromBrowser[0];
        attach();
    }
    ~HeadlessChromium() {
        if (m_out >= 0) ::close(m_out);
        if (m_in >= 0) ::close(m_in);
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    HeadlessChromium(const HeadlessChromium&) = delete;
    HeadlessChromium& operator=(const HeadlessChromium&) = delete;

    // Renders `url` in a phone-sized viewport and writes the screenshot (PNG) to `pngPath`.
    void screenshot(const std::string& url, int width, int height, const std::string& pngPath) {
        call("Emulation.setDeviceMetricsOverride",
             {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", true}});
        m_loaded = false;
        call("Page.navigate", {{"url", url}});
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!m_loaded) {
            if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("page did not load: " + url);
            dispatch(readMessage());
        }
        const auto shot = call("Page.captureScreenshot", {{"format", "png"}});
        std::ofstream(pngPath, std::ios::binary) << base64Decode(shot["data"].get<std::string>());
    }

    // The value of a JavaScript expression in the open page (the page itself runs none: this is
    // the test looking at the layout, e.g. "document.documentElement.scrollWidth").
    nlohmann::json evaluate(const std::string& expression) {
        return call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}})["result"]["value"];
    }

private:
    void attach() {
        nlohmann::json targets;
        for (int i = 0; i < 100; ++i) {
            targets = call("Target.getTargets", nlohmann::json::object(), false);
            for (const auto& t : targets["targetInfos"])
                if (t["type"] == "page") m_target = t["targetId"];
            if (!m_target.empty()) break;
            ::usleep(100000);
        }
        if (m_target.empty()) throw std::runtime_error("chromium opened no page");
        m_session = call("Target.attachToTarget", {{"targetId", m_target}, {"flatten", true}}, false)["sessionId"];
        call("Page.enable", nlohmann::json::object());
    }

    nlohmann::json call(const std::string& method, const nlohmann::json& params, bool inSession = true) {
        nlohmann::json msg = {{"id", ++m_id}, {"method", method}, {"params", params}};
        if (inSession) msg["sessionId"] = m_session;
        const std::string text = msg.dump() + std::string(1, '\0');
        if (::write(m_out, text.data(), text.size()) != static_cast<ssize_t>(text.size())) throw std::runtime_error("write to chromium failed");
        for (;;) {
            const nlohmann::json reply = readMessage();
            if (reply.contains("id") && reply["id"] == m_id) {
                if (reply.contains("error")) throw std::runtime_error(method + ": " + reply["error"].dump());
                return reply["result"];
            }
            dispatch(reply);
        }
    }

    void dispatch(const nlohmann::json& event) {
        if (event.value("method", "") == "Page.loadEventFired") m_loaded = true;
    }

    nlohmann::json readMessage() {
        for (;;) {
            const size_t end = m_buffer.find('\0');
            if (end != std::string::npos) {
                const std::string text = m_buffer.substr(0, end);
                m_buffer.erase(0, end + 1);
                return nlohmann::json::parse(text);
            }
            pollfd p{m_in, POLLIN, 0};
            if (::poll(&p, 1, 60000) <= 0) throw std::runtime_error("chromium did not answer within 60 s");
            char chunk[65536];
            const ssize_t n = ::read(m_in, chunk, sizeof chunk);
            if (n <= 0) throw std::runtime_error("chromium closed its pipe");
            m_buffer.append(chunk, static_cast<size_t>(n));
        }
    }

    pid_t m_pid = -1;
    int m_out = -1, m_in = -1;
    int m_id = 0;
    std::string m_buffer, m_target, m_session;
    bool m_loaded = false;
};

}  // namespace testing_chromium
