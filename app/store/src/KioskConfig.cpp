#include "store/KioskConfig.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/booking/Booking.h"
#include "store/Crypto.h"

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

// http://HOST[:PORT][/...] with HOST localhost, 127.x.y.z or [::1].
bool isLoopbackUrl(const std::string& url) {
    std::string host = url.substr(7);
    host = host.substr(0, host.find('/'));
    if (!host.empty() && host.front() == '[') return host.rfind("[::1]", 0) == 0;
    host = host.substr(0, host.find(':'));
    if (host == "localhost") return true;
    // 127.x.y.z as an address, not a name that starts so (127.example.com).
    return host.rfind("127.", 0) == 0 && host.find_first_not_of("0123456789.") == std::string::npos;
}

}  // namespace

// Writes a new file (0600, never over an existing one) and makes it durable: the file and then
// its folder are fsynced, so a power cut right after first start cannot lose the key while the
// database sealed with it survives.
void writeNewPrivateFile(const std::filesystem::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
    size_t done = 0;
    bool ok = true;
    while (ok && done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        std::filesystem::remove(path);
        throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
    }
    const std::string dir = path.parent_path().empty() ? "." : path.parent_path().string();
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || ::fsync(dfd) != 0) {
        if (dfd >= 0) ::close(dfd);
        throw std::runtime_error("cannot make " + path.string() + " durable (fsync of " + dir + " failed)");
    }
    ::close(dfd);
}

std::string loadOrCreateEmbeddedKey(const std::string& keyFile, const std::string& databasePath) {
    if (std::ifstream in(keyFile); in) {
        std::string hex;
        std::getline(in, hex);
        return trim(hex);
    }
    std::error_code ec;
    if (std::filesystem::exists(databasePath, ec))
        throw std::runtime_error("the store key " + keyFile + " is missing, but the database " + databasePath +
                                 " exists and its bookings are sealed with that key: restore the key file (or move "
                                 "the database away to start an empty store)");
    const std::string hex = SecretKey::generate().hex();
    writeNewPrivateFile(keyFile, hex + "\n");
    return hex;
}

namespace {

// The settings of the configuration file `file` into `c` (the store key file's name into
// `keyFile`); false with `error` set when the file is unreadable or holds an unknown or mistyped setting.
bool readConfigFile(const std::string& file, KioskConfig& c, std::string& keyFile, std::string& error) {
    std::ifstream in(file);
    if (!in) {
        error = file + ": cannot read the kiosk configuration";
        return false;
    }
    nlohmann::json j;
    try {
        in >> j;
    } catch (const std::exception& e) {
        error = file + ": malformed JSON: " + e.what();
        return false;
    }
    if (!j.is_object()) {
        error = file + ": expected a JSON object";
        return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        static const char* kKeys[] = {"kiosk_id", "database", "hub_url", "hub_token", "store_key", "store_key_file", "content",
                                      "market", "allow_insecure_http", "hub_ca_file", "content_public_key",
                                      "support_phone"};
        bool known = false;
        for (const char* k : kKeys) known = known || it.key() == k;
        if (!known) {
            error = file + ": /" + it.key() + ": unknown setting";
            return false;
        }
        if (it.key() == "allow_insecure_http") {
            if (!it->is_boolean()) {
                error = file + ": /allow_insecure_http: expected true or false";
                return false;
            }
            continue;
        }
        if (!it->is_string()) {
            error = file + ": /" + it.key() + ": expected a string";
            return false;
        }
    }
    c.kioskId = j.value("kiosk_id", "");
    c.databasePath = j.value("database", "");
    c.hubUrl = j.value("hub_url", "");
    c.hubToken = j.value("hub_token", "");
    c.storeKeyHex = j.value("store_key", "");
    keyFile = j.value("store_key_file", "");
    c.contentDir = j.value("content", "");
    c.market = j.value("market", "");
    c.allowInsecureHttp = j.value("allow_insecure_http", false);
    c.hubCaFile = j.value("hub_ca_file", "");
    c.contentPublicKeyHex = j.value("content_public_key", "");
    c.supportPhone = j.value("support_phone", "");
    return true;
}

// The store key from `keyFile`, which only the kiosk's user may read; false with `error` set.
bool readStoreKeyFile(const std::string& keyFile, std::string& keyHex, std::string& error) {
    struct stat st {};
    if (::stat(keyFile.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        error = "store_key_file " + keyFile + ": mode " + mode +
                " lets other users read the store key; make it readable by the kiosk's user only (chmod 600)";
        return false;
    }
    std::ifstream in(keyFile);
    if (!in) {
        error = "store_key_file " + keyFile + ": cannot read";
        return false;
    }
    std::stringstream s;
    s << in.rdbuf();
    keyHex = trim(s.str());
    return true;
}

// The hub settings: a URL with its scheme, plain HTTP only to loopback unless allowed (with a
// warning), a readable PEM CA file for an https:// hub, a token. False with `error` set.
bool checkHubSettings(KioskConfig& c, std::string& error) {
    if (c.hasHub() && c.hubUrl.rfind("http://", 0) != 0 && c.hubUrl.rfind("https://", 0) != 0) {
        error = "hub_url must start with http:// or https://";
        return false;
    }
    if (c.hasHub() && c.hubUrl.rfind("http://", 0) == 0 && !isLoopbackUrl(c.hubUrl)) {
        const std::string what = "hub_url " + c.hubUrl +
                                 ": plain HTTP to a host outside loopback carries the kiosk's token and advisor "
                                 "passwords in clear";
        if (!c.allowInsecureHttp) {
            error = what + "; use https:// (or set \"allow_insecure_http\": true)";
            return false;
        }
        c.warning = "WARNING: " + what + " (allow_insecure_http is set)";
    }
    if (!c.hubCaFile.empty()) {
        std::ifstream ca(c.hubCaFile);
        if (!ca) {
            error = "hub_ca_file " + c.hubCaFile + ": cannot read";
            return false;
        }
        std::stringstream text;
        text << ca.rdbuf();
        if (text.str().find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
            error = "hub_ca_file " + c.hubCaFile + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)";
            return false;
        }
        if (c.hasHub() && c.hubUrl.rfind("https://", 0) != 0) {
            error = "hub_ca_file " + c.hubCaFile + " is set but hub_url " + c.hubUrl + " is not https://";
            return false;
        }
    }
    if (c.hasHub() && c.hubToken.empty()) {
        error = "hub_token (KIOSK_HUB_TOKEN) is required when hub_url is set";
        return false;
    }
    return true;
}

}  // namespace

std::optional<KioskConfig> loadKioskConfig(const std::string& fileArg, std::string& error) {
    KioskConfig c;
    std::string keyFile;
    const std::string file = fileArg.empty() ? env("KIOSK_CONFIG") : fileArg;
    if (!file.empty() && !readConfigFile(file, c, keyFile, error)) return std::nullopt;
    if (auto v = env("KIOSK_ID"); !v.empty()) c.kioskId = v;
    if (auto v = env("KIOSK_DATABASE"); !v.empty()) c.databasePath = v;
    if (auto v = env("KIOSK_HUB_URL"); !v.empty()) c.hubUrl = v;
    if (auto v = env("KIOSK_HUB_TOKEN"); !v.empty()) c.hubToken = v;
    if (auto v = env("KIOSK_HUB_CA_FILE"); !v.empty()) c.hubCaFile = v;
    if (auto v = env("KIOSK_STORE_KEY_FILE"); !v.empty()) keyFile = v;
    if (auto v = env("KIOSK_STORE_KEY"); !v.empty()) c.storeKeyHex = v;
    if (c.storeKeyHex.empty() && !keyFile.empty() && !readStoreKeyFile(keyFile, c.storeKeyHex, error)) return std::nullopt;
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
    if (auto v = env("KIOSK_CONTENT_PUBLIC_KEY"); !v.empty()) c.contentPublicKeyHex = v;
    if (auto v = env("KIOSK_SUPPORT_PHONE"); !v.empty()) c.supportPhone = v;
    if (!c.contentPublicKeyHex.empty() &&
        (c.contentPublicKeyHex.size() != 64 || c.contentPublicKeyHex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)) {
        error = "content_public_key (KIOSK_CONTENT_PUBLIC_KEY) must be the 64 hexadecimal digits `sales-hub content public-key` prints";
        return std::nullopt;
    }
    if (!checkHubSettings(c, error)) return std::nullopt;
    return c;
}

}  // namespace store
