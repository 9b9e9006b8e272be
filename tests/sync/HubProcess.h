#pragma once
// HubProcess: a real sales-hub on 127.0.0.1 with an ephemeral port and its own data folder,
// with kiosk (and advisor) tokens registered before it starts. Stopped on destruction.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/StoreTestSupport.h"
#include "support/Process.h"
#include "sync/ChildProcess.h"

namespace testing_hub {

class HubProcess {
public:
    explicit HubProcess(const std::vector<std::string>& kiosks, const std::vector<std::string>& extraArgs = {},
                        const std::vector<std::string>& advisors = {"advisor-1"})
        : m_dir("sales-hub") {
        auto reg = [&](const std::string& id, const char* role) {
            auto r = testing_process::run({SALES_HUB_PATH, "register", "--data", m_dir.path(), "--device", id, "--role", role,
                                           "--content", testing_paths::contentDir()});
            if (r.exitCode != 0) throw std::runtime_error("sales-hub register failed: " + r.err);
            std::string token = r.out;
            while (!token.empty() && token.back() == '\n') token.pop_back();
            m_tokens[id] = token;
        };
        for (const auto& k : kiosks) reg(k, "kiosk");
        for (const auto& a : advisors) reg(a, "advisor");
        start(extraArgs);
    }

    void start(const std::vector<std::string>& extraArgs = {}) {
        std::vector<std::string> argv = {SALES_HUB_PATH, "--listen", "127.0.0.1:" + std::to_string(m_port), "--data",
                                         m_dir.path(), "--content", testing_paths::contentDir()};
        argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
        m_process = std::make_unique<testing_process::ChildProcess>(argv);
        if (!m_process->waitFor("listening on http://127.0.0.1:", std::chrono::seconds(20)) ||
            m_process->output().find('\n', m_process->output().find("listening on")) == std::string::npos) {
            m_process->waitFor("\n", std::chrono::seconds(1));
        }
        const std::string& out = m_process->output();
        const auto at = out.find("listening on http://127.0.0.1:");
        if (at == std::string::npos) throw std::runtime_error("sales-hub did not start: " + out);
        m_port = std::stoi(out.substr(at + std::string("listening on http://127.0.0.1:").size()));
    }
    // SIGTERM and wait; the data folder stays for a restart on the same port.
    void stop() {
        if (!m_process) return;
        m_process->kill(SIGTERM);
        m_process->wait(std::chrono::seconds(10));
        m_process.reset();
    }

    int port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    const std::string& token(const std::string& id) const { return m_tokens.at(id); }
    std::string dbPath() const { return m_dir.file("hub.db"); }
    const std::string& dataDir() const { return m_dir.path(); }

private:
    testing_store::TempDir m_dir;
    std::map<std::string, std::string> m_tokens;
    int m_port = 0;
    std::unique_ptr<testing_process::ChildProcess> m_process;
};

}  // namespace testing_hub
