#pragma once
// FieldCipher: the hub's personal fields (names, mobiles, e-mails, districts) sealed at rest with
// the key from the hub's key file (never in the database): XChaCha20-Poly1305 as the kiosk's store
// (store/Crypto.h), the record id and field name bound in, so a value copied into another row
// does not open. Stored as "pf1:" + base64 in the same TEXT columns; "" stays "" (an erased
// field). Without a key (the hub started with --plaintext-personal-data) values pass unchanged.
// A value written in plain text before the key existed opens as itself.
#include <optional>
#include <string>
#include <string_view>

#include "store/Crypto.h"

namespace hub {

class FieldCipher {
public:
    FieldCipher() = default;
    void setKey(const store::SecretKey& key) { m_key.emplace(key); }
    bool enabled() const { return m_key.has_value(); }
    std::string seal(std::string_view plain, std::string_view record, std::string_view field) const;
    // Throws SqlError when a sealed value does not open (another key, a damaged value).
    std::string open(const std::string& stored, std::string_view record, std::string_view field) const;

private:
    std::optional<store::SecretKey> m_key;
};

}  // namespace hub
