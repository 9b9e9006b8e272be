#pragma once
// ContentStore: the content versions this hub published (each a signed bundle, see
// contentpack/ContentBundle.h) and what each kiosk reported about them (staged, applied, or
// refused with the reason). Plain structs; the HTTP layer writes the JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hub {

struct StoreContext;

struct PublishedContent {
    std::int64_t number = 0;   // 1, 2, ... in publishing order
    std::string version;       // "2026.11.0-r3": the manifest's version and the number
    std::string sha256;        // of the bundle's bytes
    std::string signature;     // Ed25519 over the bundle's bytes, 128 hex digits
    std::int64_t sizeBytes = 0;
    std::string source;        // the folder it was published from
    std::int64_t publishedMs = 0;
};

struct KioskContentReport {
    std::string kioskId;
    std::string version;
    std::string status;  // "staged", "applied", "refused"
    std::string reason;  // why refused; "" otherwise
    std::int64_t atMs = 0;
};

class ContentStore {
public:
    explicit ContentStore(StoreContext& ctx) : m_ctx(ctx) {}
    // The number the next publication gets.
    std::int64_t nextNumber();
    // Stores a published version; throws SqlError when its number or version is taken.
    void add(const PublishedContent& content, const std::string& bundle);
    std::optional<PublishedContent> latest();
    std::vector<PublishedContent> versions();
    std::optional<std::string> bundle(const std::string& version);
    // Every report is kept, in arrival order (a refusal stays visible after a later retry succeeds).
    void report(const KioskContentReport& report);
    std::vector<KioskContentReport> reports();

private:
    StoreContext& m_ctx;
};

}  // namespace hub
