#include "Watchdog.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace kiosk {
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// A decimal number that fits, or throws naming the variable.
long long parseCount(const char* variable, const std::string& value) {
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 18)
        throw std::runtime_error(std::string(variable) + "=\"" + value + "\": expected a positive decimal number");
    return std::stoll(value);
}

// The sockaddr_un for `path` as raw bytes: a filesystem path, or "@name" for the abstract namespace.
std::string socketAddress(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const bool abstract = path[0] == '@';
    if (!(abstract || path[0] == '/') || path.size() >= sizeof(addr.sun_path))
        throw std::runtime_error("NOTIFY_SOCKET=\"" + path + "\": expected an absolute socket path or @name shorter than " +
                                 std::to_string(sizeof(addr.sun_path)) + " bytes");
    std::memcpy(addr.sun_path, path.data(), path.size());
    if (abstract) addr.sun_path[0] = '\0';
    // An abstract name is exactly its bytes; a path is NUL-terminated.
    const size_t length = offsetof(sockaddr_un, sun_path) + path.size() + (abstract ? 0 : 1);
    return std::string(reinterpret_cast<const char*>(&addr), length);
}

}  // namespace

WatchdogEnvironment WatchdogEnvironment::fromProcess() {
    return {env("NOTIFY_SOCKET"), env("WATCHDOG_USEC"), env("WATCHDOG_PID")};
}

Watchdog::Watchdog(const WatchdogEnvironment& e, pid_t self) {
    if (e.notifySocket.empty()) return;
    m_address = socketAddress(e.notifySocket);
    if (!e.watchdogUsec.empty()) {
        const long long usec = parseCount("WATCHDOG_USEC", e.watchdogUsec);
        if (usec == 0) throw std::runtime_error("WATCHDOG_USEC=\"0\": expected a positive decimal number");
        // Keep-alives are for the process systemd names; another process of the unit stays quiet.
        const bool forUs = e.watchdogPid.empty() || parseCount("WATCHDOG_PID", e.watchdogPid) == self;
        if (forUs) m_deadline = std::chrono::microseconds(usec);
    }
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) throw std::runtime_error(std::string("cannot create the notify socket: ") + std::strerror(errno));
}

Watchdog::~Watchdog() {
    if (m_fd < 0) return;
    send("STOPPING=1");
    ::close(m_fd);
}

Watchdog::Watchdog(Watchdog&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)),
      m_address(std::move(other.m_address)),
      m_deadline(other.m_deadline),
      m_readySent(other.m_readySent),
      m_fedOnce(other.m_fedOnce),
      m_lastFed(other.m_lastFed) {}

Watchdog& Watchdog::operator=(Watchdog&& other) noexcept {
    if (this != &other) {
        Watchdog gone(std::move(*this));
        m_fd = std::exchange(other.m_fd, -1);
        m_address = std::move(other.m_address);
        m_deadline = other.m_deadline;
        m_readySent = other.m_readySent;
        m_fedOnce = other.m_fedOnce;
        m_lastFed = other.m_lastFed;
    }
    return *this;
}

bool Watchdog::ready() {
    if (m_fd < 0 || m_readySent) return false;
    m_readySent = send("READY=1");
    return m_readySent;
}

bool Watchdog::alive(Clock::time_point now) {
    if (m_fd < 0 || m_deadline.count() == 0) return false;
    // Half the deadline, as systemd recommends: one late frame never costs a restart.
    if (m_fedOnce && now - m_lastFed < m_deadline / 2) return false;
    if (!send("WATCHDOG=1")) return false;
    m_fedOnce = true;
    m_lastFed = now;
    return true;
}

bool Watchdog::send(std::string_view message) {
    const auto* addr = reinterpret_cast<const sockaddr*>(m_address.data());
    const ssize_t n = ::sendto(m_fd, message.data(), message.size(), MSG_NOSIGNAL, addr,
                               static_cast<socklen_t>(m_address.size()));
    return n == static_cast<ssize_t>(message.size());
}

}  // namespace kiosk
