// watchdog-probe: a stand-in for the kiosk's frame loop under a real systemd (check-packages.sh):
// reports READY=1, feeds the watchdog every 50 ms for the given seconds, then hangs as a stuck
// frame loop would. systemd with WatchdogSec= must kill and restart it.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>

#include "Watchdog.h"

int main(int argc, char** argv) {
    try {
        const double feedSeconds = argc > 1 ? std::atof(argv[1]) : 2.0;
        kiosk::Watchdog watchdog(kiosk::WatchdogEnvironment::fromProcess(), ::getpid());
        if (watchdog.deadline().count() == 0) {
            std::fprintf(stderr, "watchdog-probe: no watchdog asked for (NOTIFY_SOCKET, WATCHDOG_USEC unset)\n");
            return 2;
        }
        watchdog.ready();
        const auto start = kiosk::Watchdog::Clock::now();
        while (kiosk::Watchdog::Clock::now() - start < std::chrono::duration<double>(feedSeconds)) {
            watchdog.alive(kiosk::Watchdog::Clock::now());
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::fprintf(stderr, "watchdog-probe: frame loop hangs now\n");
        for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "watchdog-probe: %s\n", e.what());
        return 1;
    }
}
