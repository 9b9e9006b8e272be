#include "store/Crypto.h"

#include <sodium.h>

#include <cstring>

#include "core/booking/Booking.h"

namespace store {
namespace {

void initSodium() {
    // sodium_init is idempotent and thread-safe.
    if (sodium_init() < 0) throw StoreError("libsodium could not initialise");
}

}  // namespace

SecretKey::SecretKey() {
    initSodium();
    m_key = static_cast<unsigned char*>(sodium_malloc(kBytes));
    if (!m_key) throw StoreError("cannot allocate protected memory for the store key");
}

SecretKey::~SecretKey() { sodium_free(m_key); }  // sodium_free wipes before freeing

SecretKey::SecretKey(const SecretKey& o) : SecretKey() { std::memcpy(m_key, o.m_key, kBytes); }

SecretKey SecretKey::fromHex(const std::string& hex) {
    SecretKey k;
    size_t len = 0;
    if (hex.size() != 2 * kBytes ||
        sodium_hex2bin(k.m_key, kBytes, hex.data(), hex.size(), nullptr, &len, nullptr) != 0 || len != kBytes)
        throw StoreError("the store key must be 64 hexadecimal digits (32 bytes)");
    return k;
}

SecretKey SecretKey::generate() {
    SecretKey k;
    randombytes_buf(k.m_key, kBytes);
    return k;
}

std::string SecretKey::hex() const {
    std::string out(2 * kBytes + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), m_key, kBytes);
    out.pop_back();
    return out;
}

Blob seal(const SecretKey& key, std::string_view plaintext, std::string_view context) {
    constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    Blob out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), kNonce);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &clen,
                                               reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                               reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                                               nullptr, out.data(), key.data());
    out.resize(kNonce + clen);
    return out;
}

std::optional<std::string> open(const SecretKey& key, const Blob& c, std::string_view context) {
    constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (c.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
    std::string out(c.size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &mlen, nullptr,
                                                   c.data() + kNonce, c.size() - kNonce,
                                                   reinterpret_cast<const unsigned char*>(context.data()),
                                                   context.size(), c.data(), key.data()) != 0)
        return std::nullopt;
    out.resize(mlen);
    return out;
}

void randomBytes(void* buffer, size_t size) {
    initSodium();
    randombytes_buf(buffer, size);
}

std::string newUuidV7(std::int64_t unixMs) {
    unsigned char r[10];
    randomBytes(r, sizeof r);
    return core::formatUuidV7(unixMs, r);
}

}  // namespace store
