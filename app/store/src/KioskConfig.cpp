#include "store/KioskConfig.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/booking/Booking.h"

namespace store {
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace

std::optional<KioskConfig> loadKioskConfig(const std::string& fileArg, std::string& error) {
    KioskConfig c;
    std::string keyFile;
    const std::string file = fileArg.empty() ? env("KIOSK_CONFIG") : fileArg;
    if (!file.empty()) {
        std::ifstream in(file);
        if (!in) {
            error = file + ": cannot read the kiosk configuration";
            return std::nullopt;
        }
        nlohmann::json j;
        try {
            in >> j;
        } catch (const std::exception& e) {
            error = file + ": malformed JSON: " + e.what();
            return std::nullopt;
        }
        if (!j.is_object()) {
            error = file + ": expected a JSON object";
            return std::nullopt;
        }
        for (auto it = j.begin(); it != j.end(); ++it) {
            static const char* kKeys[] = {"kiosk_id", "database", "hub_url", "hub_token", "store_key", "store_key_file", "content"};
            bool known = false;
            for (const char* k : kKeys) known = known || it.key() == k;
            if (!known) {
                error = file + ": /" + it.key() + ": unknown setting";
                return std::nullopt;
            }
            if (!it->is_string()) {
                error = file + ": /" + it.key() + ": expected a string";
                return std::nullopt;
            }
        }
        c.kioskId = j.value("kiosk_id", "");
        c.databasePath = j.value("database", "");
        c.hubUrl = j.value("hub_url", "");
        c.hubToken = j.value("hub_token", "");
        c.storeKeyHex = j.value("store_key", "");
        keyFile = j.value("store_key_file", "");
        c.contentDir = j.value("content", "");
    }
    if (auto v = env("KIOSK_ID"); !v.empty()) c.kioskId = v;
    if (auto v = env("KIOSK_DATABASE"); !v.empty()) c.databasePath = v;
    if (auto v = env("KIOSK_HUB_URL"); !v.empty()) c.hubUrl = v;
    if (auto v = env("KIOSK_HUB_TOKEN"); !v.empty()) c.hubToken = v;
    if (auto v = env("KIOSK_STORE_KEY_FILE"); !v.empty()) keyFile = v;
    if (auto v = env("KIOSK_STORE_KEY"); !v.empty()) c.storeKeyHex = v;
    if (c.storeKeyHex.empty() && !keyFile.empty()) {
        std::ifstream in(keyFile);
        if (!in) {
            error = "store_key_file " + keyFile + ": cannot read";
            return std::nullopt;
        }
        std::stringstream s;
        s << in.rdbuf();
        c.storeKeyHex = trim(s.str());
    }
    if (!core::isValidId(c.kioskId)) {
        error = "kiosk_id (KIOSK_ID) must be set to 1-48 of [a-z0-9-]";
        return std::nullopt;
    }
    if (c.databasePath.empty()) {
        error = "database (KIOSK_DATABASE) must name the kiosk's SQLite file";
        return std::nullopt;
    }
    if (c.storeKeyHex.size() != 64) {
        error = "the store key (KIOSK_STORE_KEY or store_key_file) must be 64 hexadecimal digits";
        return std::nullopt;
    }
    if (c.hasHub() && c.hubUrl.rfind("http://", 0) != 0 && c.hubUrl.rfind("https://", 0) != 0) {
        error = "hub_url must start with http:// or https://";
        return std::nullopt;
    }
    if (c.hasHub() && c.hubToken.empty()) {
        error = "hub_token (KIOSK_HUB_TOKEN) is required when hub_url is set";
        return std::nullopt;
    }
    return c;
}

}  // namespace store
