#include "stores/FieldCipher.h"

#include <sodium.h>

#include "hub/SqlBackend.h"

namespace hub {
namespace {

constexpr std::string_view kPrefix = "pf1:";

std::string contextOf(std::string_view record, std::string_view field) {
    return std::string(record) + "/" + std::string(field);
}

}  // namespace

std::string FieldCipher::seal(std::string_view plain, std::string_view record, std::string_view field) const {
    if (!m_key || plain.empty()) return std::string(plain);
    const store::Blob sealed = store::seal(*m_key, plain, contextOf(record, field));
    std::string text(sodium_base64_encoded_len(sealed.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), sealed.data(), sealed.size(), sodium_base64_VARIANT_ORIGINAL);
    text.resize(text.find('\0'));
    return std::string(kPrefix) + text;
}

std::string FieldCipher::open(const std::string& stored, std::string_view record, std::string_view field) const {
    if (stored.compare(0, kPrefix.size(), kPrefix) != 0) return stored;
    if (!m_key)
        throw SqlError("personal field " + std::string(field) + " of " + std::string(record) +
                       " is encrypted: start the hub with its key file");
    store::Blob sealed(stored.size());
    size_t length = 0;
    const char* b64 = stored.c_str() + kPrefix.size();
    if (sodium_base642bin(sealed.data(), sealed.size(), b64, stored.size() - kPrefix.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        throw SqlError("personal field " + std::string(field) + " of " + std::string(record) + " is damaged");
    sealed.resize(length);
    auto plain = store::open(*m_key, sealed, contextOf(record, field));
    if (!plain)
        throw SqlError("personal field " + std::string(field) + " of " + std::string(record) +
                       " does not open with this key file");
    return *plain;
}

}  // namespace hub
