// sales-hub: the reference sales system. Serves the kiosk sync API and the advisor API over
// HTTP/JSON from one SQLite database in --data DIR.
//
//   sales-hub --listen 127.0.0.1:8470 --data /var/lib/sales-hub [--content DIR]
//             [--max-body BYTES] [--rate PER_SECOND] [--burst N]
//   sales-hub register --data DIR --device kiosk-a [--role kiosk|advisor]   (prints the token)
//
// SALES_HUB_ADMIN_TOKEN, when set, enables POST /v1/admin/devices.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/ContentLoader.h"
#include "hub/HubServer.h"

namespace {

std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return fallback;
}

void usage() {
    std::fputs(
        "usage: sales-hub --listen HOST:PORT --data DIR [--content DIR] [--max-body BYTES] [--rate N] [--burst N]\n"
        "       sales-hub register --data DIR --device ID [--role kiosk|advisor]\n",
        stderr);
}

std::unique_ptr<hub::HubStore> openStore(const std::vector<std::string>& args) {
    const std::string data = option(args, "--data", "");
    if (data.empty()) throw std::runtime_error("--data DIR is required");
    std::filesystem::create_directories(data);
    const std::string contentDir = option(args, "--content", core::defaultContentDirectory());
    auto loaded = core::loadContent(contentDir);
    if (!loaded.ok()) {
        for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        throw std::runtime_error("content in " + contentDir + " is invalid");
    }
    auto settings = core::loadBookingSettings(*loaded.catalog);
    if (!settings.settings) {
        for (const auto& e : settings.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        throw std::runtime_error("booking content is invalid");
    }
    const std::string db = (std::filesystem::path(data) / "hub.db").string();
    return std::make_unique<hub::HubStore>(db, *loaded.catalog, *settings.settings);
}

int serve(const std::vector<std::string>& args) {
    const std::string listen = option(args, "--listen", "127.0.0.1:8470");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
    const std::string host = listen.substr(0, colon);
    const int port = std::stoi(listen.substr(colon + 1));
    hub::ServerOptions options;
    options.maxBodyBytes = static_cast<size_t>(std::stoll(option(args, "--max-body", std::to_string(options.maxBodyBytes))));
    options.ratePerSecond = std::stod(option(args, "--rate", std::to_string(options.ratePerSecond)));
    options.burst = std::stod(option(args, "--burst", std::to_string(options.burst)));
    if (const char* t = std::getenv("SALES_HUB_ADMIN_TOKEN")) options.adminToken = t;

    // Signals are taken by sigwait on this thread; the server's threads never see them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto store = openStore(args);
    std::printf("sales-hub: data in %s\n", store->path().c_str());
    hub::HubServer server(*store, options);
    const int bound = server.bind(host, port);
    if (bound < 0) throw std::runtime_error("cannot listen on " + listen);
    if (host != "127.0.0.1" && host != "localhost" && host != "::1")
        std::printf("sales-hub: WARNING: listening beyond loopback on %s\n", host.c_str());
    std::printf("sales-hub: listening on http://%s:%d\n", host.c_str(), bound);
    std::fflush(stdout);
    std::thread worker([&] { server.run(); });
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
    worker.join();
    std::printf("sales-hub: stopped\n");
    return 0;
}

int registerDevice(const std::vector<std::string>& args) {
    const std::string id = option(args, "--device", "");
    const std::string role = option(args, "--role", "kiosk");
    auto store = openStore(args);
    std::printf("%s\n", store->registerDevice(id, role, hub::nowMs()).c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
            usage();
            return 0;
        }
        if (!args.empty() && args[0] == "register") return registerDevice(args);
        return serve(args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sales-hub: %s\n", e.what());
        usage();
        return 1;
    }
}
