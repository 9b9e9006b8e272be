#pragma once
// KioskConfig: who this kiosk is and where its data and hub are. Read from a small JSON file
// and/or the environment (the environment wins), e.g. /etc/showroom-kiosk/kiosk.json:
//   {"kiosk_id": "kiosk-a", "database": "/var/lib/showroom-kiosk/kiosk.db",
//    "hub_url": "http://10.0.0.5:8470", "hub_token": "…", "store_key_file": "/etc/showroom-kiosk/store.key",
//    "market": "de", "content_public_key": "…", "support_phone": "+86 571 8888 0000"}
// Environment: KIOSK_CONFIG (the file), KIOSK_ID, KIOSK_DATABASE, KIOSK_HUB_URL, KIOSK_HUB_TOKEN,
// KIOSK_STORE_KEY (64 hex digits) or KIOSK_STORE_KEY_FILE, KIOSK_HUB_CA_FILE, KIOSK_CONTENT_PUBLIC_KEY,
// KIOSK_SUPPORT_PHONE. No hub_url = embedded mode: bookings
// stay on the kiosk. The key is never written to the database or to logs.
#include <filesystem>
#include <optional>
#include <string>

namespace store {

struct KioskConfig {
    std::string kioskId;
    std::string databasePath;
    std::string hubUrl;    // "" = embedded mode, no sync
    std::string hubToken;  // per-kiosk bearer token from the hub's registration
    std::string storeKeyHex;
    std::string contentDir;  // "" = the default content folder
    std::string market;      // "" = the content folder's own market; else markets/<id> in it
    // http:// to a host outside loopback is refused unless this is set (then `warning` says so).
    bool allowInsecureHttp = false;
    // https:// hub_url signed by a private CA: the CA's PEM certificate ("" = the system's CA
    // store). Must be readable and PEM at start.
    std::string hubCaFile;
    // The hub's content signing key (`sales-hub content public-key`, 64 hex digits): with a hub, the
    // kiosk fetches published content versions signed with it. "" = content from the local folder only.
    std::string contentPublicKeyHex;
    // Shown on the out-of-order screen when no content loads at all (so it cannot come from content).
    std::string supportPhone;
    std::string warning;  // to print at start; "" when none

    bool hasHub() const { return !hubUrl.empty(); }
};

// `file` may be "" (then KIOSK_CONFIG, else environment only). Returns nullopt with `error` set
// naming the missing or bad setting.
// A store_key_file readable by group or others is refused (the error names the mode).
std::optional<KioskConfig> loadKioskConfig(const std::string& file, std::string& error);

// An embedded kiosk's key file: read it; on first start (no database yet) write a fresh key,
// 0600, fsynced with its folder. A missing key beside an existing database throws, naming both
// (a new key could open none of the sealed bookings). Throws std::runtime_error.
std::string loadOrCreateEmbeddedKey(const std::string& keyFile, const std::string& databasePath);

// Writes a new file (0600, never over an existing one), fsyncs it and its folder (key files).
// Throws std::runtime_error naming the file.
void writeNewPrivateFile(const std::filesystem::path& path, const std::string& text);

}  // namespace store
