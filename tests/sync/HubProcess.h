#pragma once
// HubProcess: a real sales-hub on 127.0.0.1 with an ephemeral port and its own data folder,
// with kiosk (and advisor) tokens registered before it starts. Stopped on destruction.
// With KIOSK_HUB_BACKEND=postgresql and KIOSK_TEST_PG (a libpq connection string) set, the hub runs
// on PostgreSQL in a schema of its own (dropped at the end), and dbPath() is a SQLite snapshot of it;
// KIOSK_HUB_BACKEND=postgresql without KIOSK_TEST_PG throws (never a silent SQLite run).
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "hub/HubStore.h"
#include "store/StoreTestSupport.h"
#include "support/Process.h"
#include "sync/ChildProcess.h"

namespace testing_hub {

class HubProcess {
public:
    explicit HubProcess(const std::vector<std::string>& kiosks, const std::vector<std::string>& extraArgs = {},
                        const std::vector<std::string>& advisors = {"advisor-1"})
        : m_dir("sales-hub") {
        const char* backend = std::getenv("KIOSK_HUB_BACKEND");
        const char* pg = std::getenv("KIOSK_TEST_PG");
        if (backend && std::string(backend) == "postgresql") {
            if (pg && *pg) {
                static std::atomic<int> counter{0};
                m_pg = pg;
                m_schema = "t_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
                           std::to_string(std::random_device{}() % 100000);
                m_dbArgs = {"--database", m_pg, "--pg-schema", m_schema};
            } else {
                throw std::runtime_error("KIOSK_HUB_BACKEND=postgresql but KIOSK_TEST_PG is unset: export the "
                                         "connection string that scripts/start-test-postgres.sh prints");
            }
        }
        auto reg = [&](const std::string& id, const char* role) {
            std::vector<std::string> argv = {SALES_HUB_PATH, "register", "--data", m_dir.path(), "--device", id, "--role", role,
                                             "--content", testing_paths::contentDir()};
            argv.insert(argv.end(), m_dbArgs.begin(), m_dbArgs.end());
            auto r = testing_process::run(argv);
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
        argv.insert(argv.end(), m_dbArgs.begin(), m_dbArgs.end());
        argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
        m_process = std::make_unique<testing_process::ChildProcess>(argv);
        // "listening on http://127.0.0.1:PORT" (https:// with --tls-cert).
        m_process->waitFor("listening on ", std::chrono::seconds(20));
        for (int i = 0; i < 100 && m_process->output().find("listening on ") != std::string::npos &&
                        m_process->output().find('\n', m_process->output().find("listening on ")) == std::string::npos;
             ++i)
            m_process->waitFor("\n\n\n", std::chrono::milliseconds(10));  // reads what arrived meanwhile
        const std::string& out = m_process->output();
        const std::string marker = "listening on ";
        const auto at = out.find(marker);
        const auto hostAt = at == std::string::npos ? at : out.find("://127.0.0.1:", at);
        if (hostAt == std::string::npos) throw std::runtime_error("sales-hub did not start: " + out);
        m_scheme = out.substr(at + marker.size(), hostAt - at - marker.size());
        m_port = std::stoi(out.substr(hostAt + std::string("://127.0.0.1:").size()));
    }
    // SIGTERM and wait; the data folder stays for a restart on the same port.
    void stop() {
        if (!m_process) return;
        m_process->kill(SIGTERM);
        m_process->wait(std::chrono::seconds(10));
        m_log += m_process->readAvailable();
        m_process.reset();
    }
    // Everything the hub printed (stdout and stderr), over all its starts until the last stop().
    const std::string& log() const { return m_log; }

    int port() const { return m_port; }
    // The running hub's process id (-1 when stopped), to kill it without a chance to clean up.
    pid_t pid() const { return m_process ? m_process->pid() : -1; }
    std::string url() const { return m_scheme + "://127.0.0.1:" + std::to_string(m_port); }
    const std::string& token(const std::string& id) const { return m_tokens.at(id); }
    // The hub's SQLite file; on PostgreSQL a fresh SQLite snapshot of the hub's schema.
    std::string dbPath() const {
        if (m_pg.empty()) return m_dir.file("hub.db");
        const std::string snapshot = m_dir.file("pg-snapshot.db");
        auto db = hub::openPostgres(m_pg, m_schema);
        hub::snapshotToSqlite(*db, snapshot);
        return snapshot;
    }
    // Arguments that point another sales-hub process (or subcommand) at this hub's database.
    const std::vector<std::string>& databaseArgs() const { return m_dbArgs; }
    bool onPostgres() const { return !m_pg.empty(); }
    ~HubProcess() {
        stop();
        if (!m_pg.empty()) {
            try {
                hub::dropPostgresSchema(m_pg, m_schema);
            } catch (const std::exception&) {
            }
        }
    }
    const std::string& dataDir() const { return m_dir.path(); }

private:
    testing_store::TempDir m_dir;
    std::string m_pg, m_schema;
    std::vector<std::string> m_dbArgs;
    std::map<std::string, std::string> m_tokens;
    int m_port = 0;
    std::string m_scheme = "http";
    std::string m_log;
    std::unique_ptr<testing_process::ChildProcess> m_process;
};

}  // namespace testing_hub
