#pragma once
// HMAC-SHA256 through OpenSSL: an oracle for signatures the product computes with libsodium, so
// a test can check the documented format (docs/crm-leads.md) without the product's own code.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <string>

namespace testing_hmac {

// Lower-case hex HMAC-SHA256 of `message` under `key`.
inline std::string hmacSha256Hex(const std::string& key, const std::string& message) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
              message.size(), mac, &len))
        return "";
    std::string hex;
    char byte[3];
    for (unsigned int i = 0; i < len; ++i) {
        std::snprintf(byte, sizeof byte, "%02x", mac[i]);
        hex += byte;
    }
    return hex;
}

// The X-Lead-Signature header a CRM expects for a webhook request, per docs/crm-leads.md:
// "v1=" + hex HMAC-SHA256(secret, timestamp + "." + body).
inline std::string webhookSignatureHeader(const std::string& secret, const std::string& timestamp, const std::string& body) {
    return "v1=" + hmacSha256Hex(secret, timestamp + "." + body);
}

}  // namespace testing_hmac
