#include "contentpack/ContentBundle.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/KioskConfig.h"

namespace contentpack {
namespace fs = std::filesystem;
namespace {

using Json = nlohmann::json;
constexpr const char* kFormat = "kiosk-content";
constexpr size_t kMaxFiles = 4096;

void initSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string toHex(const unsigned char* data, size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back();
    return hex;
}

bool fromHex(const std::string& hex, unsigned char* out, size_t size) {
    size_t written = 0;
    return hex.size() == size * 2 &&
           sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 && written == size;
}

std::string toBase64(const std::string& bytes) {
    const int variant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), variant);
    out.resize(std::strlen(out.c_str()));
    return out;
}

bool fromBase64(const std::string& text, std::string& out) {
    out.assign(text.size(), '\0');
    size_t written = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &written, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    out.resize(written);
    return true;
}

// "models/lark.json": relative, '/'-separated, no empty, "." or ".." part, no control characters.
bool isSafePath(const std::string& path) {
    if (path.empty() || path.size() > 400 || path.front() == '/') return false;
    std::stringstream parts(path);
    std::string part;
    size_t count = 0;
    while (std::getline(parts, part, '/')) {
        ++count;
        if (part.empty() || part == "." || part == "..") return false;
        for (unsigned char ch : part)
            if (ch < 0x20 || ch == 0x7f || ch == '\\') return false;
    }
    return count > 0 && path.back() != '/';
}

}  // namespace

void syncFolder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!ok) throw std::runtime_error("cannot fsync the folder " + folder.string() + ": " + std::strerror(errno));
}

bool isVersionId(const std::string& version) {
    if (version.empty() || version.size() > 80 || version.front() == '.') return false;
    for (char ch : version)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '_' && ch != '-') return false;
    return true;
}

ContentBundle readFolder(const fs::path& folder) {
    if (!fs::is_directory(folder)) throw std::runtime_error(folder.string() + ": not a folder");
    ContentBundle bundle;
    for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
        const auto status = it->symlink_status();
        if (fs::is_directory(status)) continue;
        const std::string rel = fs::relative(it->path(), folder).generic_string();
        if (!fs::is_regular_file(status))
            throw std::runtime_error(it->path().string() + ": not a plain file (links and devices are not published)");
        if (!isSafePath(rel)) throw std::runtime_error(it->path().string() + ": a file name a kiosk would refuse");
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in) throw std::runtime_error("cannot read " + it->path().string());
        bundle.files[rel] = bytes.str();
    }
    if (bundle.files.size() > kMaxFiles)
        throw std::runtime_error(folder.string() + ": more than " + std::to_string(kMaxFiles) + " files");
    return bundle;
}

void stampVersion(ContentBundle& bundle, const std::string& suffix) {
    for (auto& [path, bytes] : bundle.files) {
        if (fs::path(path).filename() != "content.json") continue;
        Json manifest = Json::parse(bytes, nullptr, false);
        if (!manifest.is_object()) throw std::runtime_error(path + ": not a JSON object");
        const auto it = manifest.find("content_version");
        const std::string before = it != manifest.end() && it->is_string() ? it->get<std::string>() : "";
        manifest["content_version"] = before.empty() ? suffix : before + "-" + suffix;
        bytes = manifest.dump(2) + "\n";
    }
}

std::string toBytes(const ContentBundle& bundle) {
    Json files = Json::object();
    for (const auto& [path, bytes] : bundle.files) files[path] = toBase64(bytes);
    return Json{{"format", kFormat}, {"format_version", 1}, {"version", bundle.version}, {"files", files}}.dump();
}

core::Result<ContentBundle> parseBundle(const std::string& bytes) {
    const Json j = Json::parse(bytes, nullptr, false);
    if (!j.is_object() || j.value("format", "") != kFormat) return core::fail("not a content bundle");
    if (!j.contains("format_version") || j["format_version"] != 1)
        return core::fail("content bundle: unsupported format_version");
    ContentBundle bundle;
    if (!j.contains("version") || !j["version"].is_string() || !isVersionId(j["version"].get<std::string>()))
        return core::fail("content bundle: /version: not a version id");
    bundle.version = j["version"].get<std::string>();
    if (!j.contains("files") || !j["files"].is_object() || j["files"].empty() || j["files"].size() > kMaxFiles)
        return core::fail("content bundle: /files: expected an object of 1 to " + std::to_string(kMaxFiles) + " files");
    for (const auto& [path, data] : j["files"].items()) {
        if (!isSafePath(path)) return core::fail("content bundle: /files: unsafe file name \"" + path.substr(0, 80) + "\"");
        std::string decoded;
        if (!data.is_string() || !fromBase64(data.get<std::string>(), decoded))
            return core::fail("content bundle: /files/" + path + ": not base64");
        bundle.files[path] = std::move(decoded);
    }
    return bundle;
}

void writeFolder(const ContentBundle& bundle, const fs::path& folder) {
    if (!fs::create_directory(folder)) throw std::runtime_error(folder.string() + ": already exists");
    std::vector<fs::path> folders{folder};
    for (const auto& [path, bytes] : bundle.files) {
        const fs::path target = folder / path;
        for (fs::path dir = target.parent_path(); dir != folder; dir = dir.parent_path())
            if (fs::create_directory(dir)) folders.push_back(dir);
        store::writeNewPrivateFile(target, bytes);  // fsynced with its folder
    }
    // Deepest first, so each folder's entry is durable in its parent once the parent is synced.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) syncFolder(*it);
}

std::string publicKeyOf(const std::string& seedHex) {
    initSodium();
    unsigned char seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    if (!fromHex(seedHex, seed, sizeof seed)) throw std::runtime_error("the signing key is not 64 hexadecimal digits");
    crypto_sign_seed_keypair(pk, sk, seed);
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(sk, sizeof sk);
    return toHex(pk, sizeof pk);
}

std::string sign(const std::string& bytes, const std::string& seedHex) {
    initSodium();
    unsigned char seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    if (!fromHex(seedHex, seed, sizeof seed)) throw std::runtime_error("the signing key is not 64 hexadecimal digits");
    crypto_sign_seed_keypair(pk, sk, seed);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), sk);
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(sk, sizeof sk);
    return toHex(sig, sizeof sig);
}

bool verify(const std::string& bytes, const std::string& signatureHex, const std::string& publicKeyHex) {
    initSodium();
    unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
    if (!fromHex(signatureHex, sig, sizeof sig) || !fromHex(publicKeyHex, pk, sizeof pk)) return false;
    return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), pk) == 0;
}

std::string sha256Hex(const std::string& bytes) {
    initSodium();
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return toHex(h, sizeof h);
}

}  // namespace contentpack
