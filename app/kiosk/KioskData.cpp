#include "KioskData.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "store/Crypto.h"

namespace kiosk {
namespace fs = std::filesystem;

namespace {

fs::path defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "showroom-kiosk";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local/share/showroom-kiosk";
    return fs::current_path() / "kiosk-data";
}

bool configured() {
    for (const char* name : {"KIOSK_CONFIG", "KIOSK_ID", "KIOSK_DATABASE", "KIOSK_HUB_URL", "KIOSK_STORE_KEY",
                             "KIOSK_STORE_KEY_FILE"})
        if (const char* v = std::getenv(name); v && *v) return true;
    return false;
}

}  // namespace

std::string configuredMarket() {
    if (!configured()) return {};
    std::string error;
    const auto config = store::loadKioskConfig("", error);
    return config ? config->market : std::string();
}

fs::path contentShelfRoot(const store::KioskConfig& config) {
    return fs::absolute(fs::path(config.databasePath)).parent_path() / "content";
}

store::KioskConfig resolveKioskData(const std::string& dataDirOverride) {
    if (configured() && dataDirOverride.empty()) {
        std::string error;
        auto config = store::loadKioskConfig("", error);
        if (!config) throw std::runtime_error("kiosk configuration: " + error);
        if (!config->warning.empty()) std::fprintf(stderr, "kiosk: %s\n", config->warning.c_str());
        return *config;
    }
    const fs::path dir = dataDirOverride.empty() ? defaultDataDir() : fs::path(dataDirOverride);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create the data folder " + dir.string() + ": " + ec.message());
    const std::string hex = store::loadOrCreateEmbeddedKey((dir / "store.key").string(), (dir / "kiosk.db").string());
    store::KioskConfig c;
    c.kioskId = "kiosk-1";
    c.databasePath = (dir / "kiosk.db").string();
    c.storeKeyHex = hex;
    if (const char* phone = std::getenv("KIOSK_SUPPORT_PHONE"); phone && *phone) c.supportPhone = phone;
    return c;
}

}  // namespace kiosk
