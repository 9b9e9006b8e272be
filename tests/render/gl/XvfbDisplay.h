#pragma once
// XvfbDisplay: when no X display is set (CI, ctest on a server), starts a private Xvfb with
// -displayfd, points DISPLAY at it, and stops it on destruction. With a display set, does nothing.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace render {

class XvfbDisplay {
public:
    XvfbDisplay() {
        const char* d = std::getenv("DISPLAY");
        if (d && *d) return;
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        m_pid = fork();
        if (m_pid == 0) {
            close(fds[0]);
            const std::string fd = std::to_string(fds[1]);
            execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1280x720x24", "-nolisten", "tcp", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string number;
        char c = 0;
        while (read(fds[0], &c, 1) == 1 && c != '\n') number += c;
        close(fds[0]);
        if (number.empty()) throw std::runtime_error("cannot start Xvfb (install xvfb, or run under xvfb-run)");
        setenv("DISPLAY", (":" + number).c_str(), 1);
    }
    ~XvfbDisplay() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
        }
    }
    XvfbDisplay(const XvfbDisplay&) = delete;
    XvfbDisplay& operator=(const XvfbDisplay&) = delete;

private:
    pid_t m_pid = -1;
};

}  // namespace render
