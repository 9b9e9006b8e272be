#pragma once
// Watchdog: tells the service manager (systemd) that the kiosk has started and that its frame
// loop is alive, by the sd_notify protocol: "READY=1" once, "WATCHDOG=1" at least every half of
// WATCHDOG_USEC, each a datagram to the unix socket named by NOTIFY_SOCKET. Without NOTIFY_SOCKET
// (a developer's run, a test) every call does nothing. A frame loop that stops calling alive()
// stops the keep-alives, and systemd restarts the unit after WatchdogSec.
// Owns one datagram socket; main thread only; move-only.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>

namespace kiosk {

// The variables systemd hands a notify-type service, read once at start.
struct WatchdogEnvironment {
    std::string notifySocket;  // NOTIFY_SOCKET: a socket path, or "@name" in the abstract namespace
    std::string watchdogUsec;  // WATCHDOG_USEC: the keep-alive deadline in microseconds ("" = none)
    std::string watchdogPid;   // WATCHDOG_PID: the process systemd expects keep-alives from ("" = any)

    static WatchdogEnvironment fromProcess();
};

class Watchdog {
public:
    using Clock = std::chrono::steady_clock;

    // Throws std::runtime_error naming the variable and its value when the environment is
    // malformed, or when the socket cannot be created. `self` is this process's id.
    explicit Watchdog(const WatchdogEnvironment& env, pid_t self);
    ~Watchdog();  // sends "STOPPING=1" when notifying
    Watchdog(Watchdog&& other) noexcept;
    Watchdog& operator=(Watchdog&& other) noexcept;
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    // True when NOTIFY_SOCKET was set: ready() and alive() send datagrams.
    bool notifying() const { return m_fd >= 0; }
    // The keep-alive deadline systemd asked for; zero when no watchdog is set for this process.
    std::chrono::microseconds deadline() const { return m_deadline; }

    // Start-up done: the first frame is on screen. Sends "READY=1" on the first call only, so the
    // frame loop may call it every frame; returns whether it sent it now.
    bool ready();
    // Called every frame; sends "WATCHDOG=1" when half the deadline has passed since the last
    // one (the first call always sends). Returns whether a keep-alive was sent.
    bool alive(Clock::time_point now);

private:
    bool send(std::string_view message);

    int m_fd = -1;
    std::string m_address;  // the sockaddr_un bytes for sendto
    std::chrono::microseconds m_deadline{0};
    bool m_readySent = false;
    bool m_fedOnce = false;
    Clock::time_point m_lastFed{};
};

}  // namespace kiosk
