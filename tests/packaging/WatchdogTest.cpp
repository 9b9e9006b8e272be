// The kiosk's watchdog client against a fake service manager: a unix datagram socket that
// receives what systemd would receive and, like systemd with WatchdogSec=, declares the service
// hung when no "WATCHDOG=1" arrives within the deadline.
#include "Watchdog.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using kiosk::Watchdog;
using kiosk::WatchdogEnvironment;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// The service manager's end of NOTIFY_SOCKET: a bound datagram socket in a fresh folder.
class FakeServiceManager {
public:
    explicit FakeServiceManager(bool abstract = false) {
        char dir[] = "/tmp/watchdog-test-XXXXXX";
        REQUIRE(::mkdtemp(dir) != nullptr);
        m_dir = dir;
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        socklen_t length = 0;
        if (abstract) {
            m_name = "@watchdog-test-" + std::to_string(::getpid()) + "-" + m_dir.filename().string();
            std::memcpy(addr.sun_path + 1, m_name.data() + 1, m_name.size() - 1);
            length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_name.size());
        } else {
            m_name = (m_dir / "notify").string();
            std::strcpy(addr.sun_path, m_name.c_str());
            length = static_cast<socklen_t>(sizeof(addr));
        }
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), length) == 0);
    }
    ~FakeServiceManager() {
        ::close(m_fd);
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    FakeServiceManager(const FakeServiceManager&) = delete;
    FakeServiceManager& operator=(const FakeServiceManager&) = delete;

    const std::string& socketName() const { return m_name; }

    // The next datagram, or nothing when none arrives within `timeout`.
    std::optional<std::string> receive(std::chrono::milliseconds timeout) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return std::nullopt;
        char buffer[256];
        const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
        if (n < 0) return std::nullopt;
        return std::string(buffer, static_cast<size_t>(n));
    }

    // Every datagram that arrives within `window`.
    std::vector<std::string> drain(std::chrono::milliseconds window) {
        std::vector<std::string> got;
        while (auto m = receive(window)) got.push_back(*m);
        return got;
    }

private:
    fs::path m_dir;
    std::string m_name;
    int m_fd = -1;
};

WatchdogEnvironment notifyEnv(const FakeServiceManager& manager, const std::string& usec, const std::string& pid = "") {
    return {manager.socketName(), usec, pid};
}

}  // namespace

TEST_CASE("watchdog: without NOTIFY_SOCKET every call is a no-op") {
    Watchdog dog({"", "", ""}, ::getpid());
    CHECK_FALSE(dog.notifying());
    CHECK(dog.deadline() == 0us);
    CHECK_FALSE(dog.ready());
    CHECK_FALSE(dog.alive(Watchdog::Clock::now()));
}

TEST_CASE("watchdog: READY=1, keep-alives at half the deadline, STOPPING=1 at the end") {
    FakeServiceManager manager;
    const auto t0 = Watchdog::Clock::now();
    {
        Watchdog dog(notifyEnv(manager, "2000000"), ::getpid());
        REQUIRE(dog.notifying());
        CHECK(dog.deadline() == 2s);
        CHECK(dog.ready());
        CHECK(manager.receive(1s) == std::optional<std::string>("READY=1"));
        CHECK_FALSE(dog.ready());  // once only: the frame loop may call it every frame
        // Frames at 60 Hz over 3 s of a fake clock: keep-alives at 0, 1, 2 and 3 s only.
        int sent = 0;
        for (int frame = 0; frame <= 180; ++frame)
            if (dog.alive(t0 + frame * 1s / 60)) ++sent;
        CHECK(sent == 4);
    }
    const auto got = manager.drain(200ms);
    REQUIRE(got.size() == 5);
    for (size_t i = 0; i < 4; ++i) CHECK(got[i] == "WATCHDOG=1");
    CHECK(got[4] == "STOPPING=1");
}

TEST_CASE("watchdog: an abstract NOTIFY_SOCKET (@name) is reached") {
    FakeServiceManager manager(true);
    Watchdog dog(notifyEnv(manager, "1000000"), ::getpid());
    CHECK(dog.ready());
    CHECK(manager.receive(1s) == std::optional<std::string>("READY=1"));
    CHECK(dog.alive(Watchdog::Clock::now()));
    CHECK(manager.receive(1s) == std::optional<std::string>("WATCHDOG=1"));
}

TEST_CASE("watchdog: keep-alives only for the process systemd names in WATCHDOG_PID") {
    FakeServiceManager manager;
    Watchdog other(notifyEnv(manager, "1000000", std::to_string(::getpid() + 1)), ::getpid());
    CHECK(other.deadline() == 0us);
    CHECK_FALSE(other.alive(Watchdog::Clock::now()));
    CHECK(other.ready());  // notifications other than keep-alives still go
    Watchdog ours(notifyEnv(manager, "1000000", std::to_string(::getpid())), ::getpid());
    CHECK(ours.alive(Watchdog::Clock::now()));
    CHECK(manager.drain(200ms) == std::vector<std::string>{"READY=1", "WATCHDOG=1"});
}

TEST_CASE("watchdog: a malformed environment is refused with the variable and value named") {
    FakeServiceManager manager;
    CHECK_THROWS_WITH(Watchdog(notifyEnv(manager, "ten"), ::getpid()), Catch::Contains("WATCHDOG_USEC=\"ten\""));
    CHECK_THROWS_WITH(Watchdog(notifyEnv(manager, "0"), ::getpid()), Catch::Contains("WATCHDOG_USEC=\"0\""));
    CHECK_THROWS_WITH(Watchdog(notifyEnv(manager, "1000", "me"), ::getpid()), Catch::Contains("WATCHDOG_PID=\"me\""));
    CHECK_THROWS_WITH(Watchdog({"relative/notify", "", ""}, ::getpid()), Catch::Contains("NOTIFY_SOCKET=\"relative/notify\""));
    CHECK_THROWS_WITH(Watchdog({"/" + std::string(200, 'x'), "", ""}, ::getpid()), Catch::Contains("NOTIFY_SOCKET="));
}

TEST_CASE("watchdog: a frame loop that stops feeding is detected within the deadline") {
    // WatchdogSec=600ms; the frame loop runs at 60 Hz for 1.5 s, then hangs (stops calling alive).
    constexpr auto kDeadline = 600ms;
    FakeServiceManager manager;
    Watchdog dog(notifyEnv(manager, std::to_string(std::chrono::microseconds(kDeadline).count())), ::getpid());
    std::atomic<bool> hung{false};
    std::thread frameLoop([&] {
        const auto start = Watchdog::Clock::now();
        while (Watchdog::Clock::now() - start < 1500ms) {
            dog.alive(Watchdog::Clock::now());
            std::this_thread::sleep_for(16ms);
        }
        hung = true;
    });
    // The manager's view: the gap since the last keep-alive, and whether it exceeded the deadline.
    int keepAlives = 0;
    bool missedWhileRunning = false, detectedHang = false;
    while (true) {
        const auto message = manager.receive(kDeadline);
        if (message) {
            CHECK(*message == "WATCHDOG=1");
            ++keepAlives;
            continue;
        }
        // Deadline passed without a keep-alive: systemd would kill and restart the unit now.
        if (hung) detectedHang = true;
        else missedWhileRunning = true;
        break;
    }
    frameLoop.join();
    CHECK_FALSE(missedWhileRunning);
    CHECK(detectedHang);
    // One keep-alive per half deadline over 1.5 s (5 or 6), never one per frame.
    CHECK(keepAlives >= 4);
    CHECK(keepAlives <= 7);
}
