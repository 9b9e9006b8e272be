#pragma once
// ChildProcess: a program started in the background with its stdout on a pipe, for tests that
// drive sales-hub and kiosk processes. Killed (SIGKILL) and reaped on destruction, and killed by
// the kernel if the test itself dies (PR_SET_PDEATHSIG), so nothing outlives a failed test.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace testing_process {

class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        const pid_t parent = getpid();
        m_pid = fork();
        if (m_pid < 0) throw std::runtime_error("fork failed");
        if (m_pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) _exit(127);
            dup2(fds[1], 1);
            close(fds[0]);
            close(fds[1]);
            for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        close(fds[1]);
        m_out = fds[0];
        fcntl(m_out, F_SETFL, O_NONBLOCK);
    }
    ~ChildProcess() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
        if (m_out >= 0) close(m_out);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }
    void kill(int sig) {
        if (m_pid > 0) ::kill(m_pid, sig);
    }
    // Waits for exit; returns the exit code (128 + signal when killed), or -1 on timeout.
    int wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(60000)) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            int status = 0;
            const pid_t r = waitpid(m_pid, &status, WNOHANG);
            if (r == m_pid) {
                m_pid = -1;
                readAvailable();
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            if (std::chrono::steady_clock::now() > end) return -1;
            readAvailable();
            usleep(2000);
        }
    }
    // Appends whatever the child wrote so far to output(); returns output().
    const std::string& readAvailable() {
        char buf[8192];
        for (;;) {
            const ssize_t n = read(m_out, buf, sizeof buf);
            if (n <= 0) break;
            m_output.append(buf, static_cast<size_t>(n));
        }
        return m_output;
    }
    // Waits until the output contains `text`; false on timeout or exit.
    bool waitFor(const std::string& text, std::chrono::milliseconds timeout) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (readAvailable().find(text) == std::string::npos) {
            if (std::chrono::steady_clock::now() > end) return false;
            pollfd p{m_out, POLLIN, 0};
            poll(&p, 1, 10);
        }
        return true;
    }
    const std::string& output() const { return m_output; }

private:
    pid_t m_pid = -1;
    int m_out = -1;
    std::string m_output;
};

}  // namespace testing_process
