#pragma once
// Encryption of personal fields at rest (XChaCha20-Poly1305 from libsodium) and the kiosk's
// random ids. The key comes from the kiosk's configuration, never from the database; it lives in
// locked memory and is wiped on destruction. Thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/Sqlite.h"

namespace store {

class SecretKey {
public:
    static constexpr size_t kBytes = 32;
    // 64 hex digits; throws StoreError naming the problem (never the key).
    static SecretKey fromHex(const std::string& hex);
    static SecretKey generate();
    ~SecretKey();
    SecretKey(const SecretKey& o);
    SecretKey& operator=(const SecretKey&) = delete;
    const unsigned char* data() const { return m_key; }
    std::string hex() const;  // for writing a new key file only

private:
    SecretKey();
    unsigned char* m_key = nullptr;  // sodium_malloc'd, locked, guarded
};

// Ciphertext = nonce || sealed(plaintext). `context` is bound in as associated data (the row's id),
// so a ciphertext copied into another row fails to open.
Blob seal(const SecretKey& key, std::string_view plaintext, std::string_view context);
std::optional<std::string> open(const SecretKey& key, const Blob& ciphertext, std::string_view context);

// A new UUIDv7 for bookings and events: the time plus 74 random bits from the OS.
std::string newUuidV7(std::int64_t unixMs);

// Fills a buffer with OS randomness.
void randomBytes(void* buffer, size_t size);

}  // namespace store
