#pragma once
// AdvisorStore: advisor accounts (Argon2id password hashes), login lockout and sessions.
#include <cstdint>
#include <string>

#include "hub/store/Types.h"

namespace hub {

struct StoreContext;

class AdvisorStore {
public:
    explicit AdvisorStore(StoreContext& ctx) : m_ctx(ctx) {}
    // Creates or changes an advisor's password (crypto_pwhash_str; 10 to 256 bytes); ends the
    // advisor's sessions.
    void setPassword(const std::string& advisorId, const std::string& password, std::int64_t nowMs);
    // Checks the password; after maxLoginFailures wrong ones in a row the account is locked for
    // lockoutMinutes (423, the password is not even checked). Success opens a session for `device`.
    LoginResult login(const std::string& advisorId, const std::string& password, const std::string& deviceId,
                      std::int64_t nowMs);
    void logout(const std::string& sessionToken);

private:
    StoreContext& m_ctx;
};

}  // namespace hub
