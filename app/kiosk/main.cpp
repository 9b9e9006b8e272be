// kiosk: the showroom touchscreen app. main only parses the command line, chooses the content
// (ContentChoice: the published version, the local folder or the last content that loaded; with
// none, the out-of-order screen) and hands over to App. App returns kSwitchContent between visits
// when a new published version waits on the shelf: main switches the shelf and starts again.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

#include "App.h"
#include "ContentChoice.h"
#include "KioskData.h"
#include "KioskOptions.h"
#include "NoContentScreen.h"
#include "core/ContentLoader.h"

namespace {

// What main needs of the kiosk configuration before the App opens the store.
struct ContentSetup {
    kiosk::ContentSources sources;
    std::unique_ptr<contentpack::ContentShelf> shelf;  // null: no data folder to keep versions in
    std::string supportPhone;
};

ContentSetup contentSetup(const kiosk::KioskOptions& options) {
    ContentSetup setup;
    setup.sources.localFolder = options.contentDir.empty() ? core::defaultContentDirectory() : options.contentDir;
    setup.sources.market = options.market.empty() ? kiosk::configuredMarket() : options.market;
    try {
        const store::KioskConfig config = kiosk::resolveKioskData(options.dataDir);
        setup.supportPhone = config.supportPhone;
        setup.sources.published = config.hasHub() && !config.contentPublicKeyHex.empty();
        setup.shelf = std::make_unique<contentpack::ContentShelf>(kiosk::contentShelfRoot(config));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: warning: no fallback content (%s)\n", e.what());
    }
    return setup;
}

}  // namespace

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
    try {
        ContentSetup setup = contentSetup(*parsed.options);
        // A market the content folder does not have is a wrong setting, not broken content: refuse it by
        // name at once (no fallback content and no out-of-order screen would make it right).
        if (!setup.sources.market.empty()) {
            const auto dir = core::marketContentDirectory(setup.sources.localFolder, setup.sources.market);
            if (!dir && dir.error().rfind("no market ", 0) == 0) {
                std::fprintf(stderr, "kiosk: %s\n", dir.error().c_str());
                return 1;
            }
        }
        for (;;) {
            kiosk::ChosenContent chosen;
            if (setup.shelf) {
                chosen = kiosk::chooseContent(setup.sources, *setup.shelf);
            } else {
                auto dir = core::marketContentDirectory(setup.sources.localFolder, setup.sources.market);
                auto loaded = kiosk::loadKioskContent(dir ? *dir : setup.sources.localFolder);
                chosen.content = std::move(loaded.content);
                for (const auto& e : loaded.errors) chosen.failures += e.toString() + "\n";
            }
            if (!chosen.content) {
                std::fprintf(stderr, "kiosk: out of order: no content loads:\n%s", chosen.failures.c_str());
                const int rc = kiosk::runNoContentScreen(*parsed.options, setup.supportPhone);
                if (rc == kiosk::kRetryContent) continue;
                return rc == 0 && parsed.options->screenshotPath.empty() ? 1 : rc;
            }
            if (!chosen.notice.empty()) std::fprintf(stderr, "kiosk: WARNING: content fallback: %s\n", chosen.notice.c_str());
            kiosk::App app(*parsed.options, std::move(*chosen.content), started, {chosen.notice, setup.shelf.get()});
            const int rc = app.run();
            if (rc != kiosk::App::kSwitchContent || !setup.shelf) return rc;
            if (const auto v = setup.shelf->switchToNext()) std::fprintf(stderr, "kiosk: switching to content version %s\n", v->c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: %s\n", e.what());
        return 1;
    }
}
