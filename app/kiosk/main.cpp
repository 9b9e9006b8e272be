// kiosk: the showroom touchscreen app. main only parses the command line, loads and checks the
// content (refusing to start with the full list of problems) and hands over to App.
#include <chrono>
#include <cstdio>
#include <exception>

#include "App.h"
#include "KioskOptions.h"
#include "core/ContentLoader.h"
#include "KioskContent.h"
#include "KioskData.h"

int main(int argc, char** argv) {
    const auto started = std::chrono::steady_clock::now();
    const auto parsed = kiosk::parseKioskOptions(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.options) {
        std::fprintf(stderr, "kiosk: %s\n%s", parsed.error.c_str(), kiosk::kioskUsage());
        return 2;
    }
    if (parsed.options->help) {
        std::fputs(kiosk::kioskUsage(), stdout);
        return 0;
    }
    const std::string base = parsed.options->contentDir.empty() ? core::defaultContentDirectory() : parsed.options->contentDir;
    const auto market =
        core::marketContentDirectory(base, parsed.options->market.empty() ? kiosk::configuredMarket() : parsed.options->market);
    if (!market) {
        std::fprintf(stderr, "kiosk: %s\n", market.error().c_str());
        return 1;
    }
    const std::string& dir = *market;
    kiosk::KioskContentResult content = kiosk::loadKioskContent(dir);
    if (!content.content) {
        std::fprintf(stderr, "kiosk: the content in %s is not valid; not starting:\n", dir.c_str());
        for (const auto& e : content.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return 1;
    }
    try {
        kiosk::App app(*parsed.options, std::move(*content.content), started);
        return app.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: %s\n", e.what());
        return 1;
    }
}
