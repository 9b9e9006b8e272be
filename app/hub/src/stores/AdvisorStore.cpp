#include "hub/store/AdvisorStore.h"

#include "stores/StoreContext.h"

namespace hub {

void AdvisorStore::setPassword(const std::string& advisorId, const std::string& password, std::int64_t nowMs) {
    if (!core::isValidId(advisorId)) throw SqlError("advisor id must be 1-48 of [a-z0-9-]");
    if (password.size() < 10 || password.size() > 256) throw SqlError("the password must be 10 to 256 bytes long");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw SqlError("out of memory while hashing the password");
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        m_ctx.db->run("INSERT INTO advisors(advisor_id, password_hash, created_ms) VALUES(?1,?2,?3) "
                  "ON CONFLICT(advisor_id) DO UPDATE SET password_hash=?2, failures=0, locked_until_ms=0",
                  P{advisorId, std::string(hash), nowMs});
        m_ctx.db->run("DELETE FROM advisor_sessions WHERE advisor_id = ?", P{advisorId});
        m_ctx.db->run("DELETE FROM advisor_login_failures WHERE advisor_id = ?", P{advisorId});
    });
}

LoginResult AdvisorStore::login(const std::string& advisorId, const std::string& password, const std::string& deviceId,
                            std::int64_t nowMs) {
    LoginResult out;
    out.error = {401, "invalid_credentials", "unknown advisor or wrong password"};
    std::string hash;
    {
        std::lock_guard lock(m_ctx.mutex);
        // The lockout is per device: a device that guesses wrong locks the account on itself only.
        auto r = m_ctx.db->run("SELECT a.password_hash, coalesce(f.locked_until_ms, 0) FROM advisors a "
                               "LEFT JOIN advisor_login_failures f ON f.advisor_id = a.advisor_id AND f.device_id = ? "
                               "WHERE a.advisor_id = ?",
                               P{deviceId, advisorId});
        if (!r.empty()) {
            if (r.front().integer(1) > nowMs) {
                out.error = {423, "locked", "too many failed logins; try again later"};
                out.retryAfterS = (r.front().integer(1) - nowMs + 999) / 1000;
                return out;
            }
            hash = r.front().text(0);
        }
    }
    // The slow hash runs outside the lock. An unknown id costs the same as a wrong password.
    static const std::string kDummy = [] {
        char h[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(h, "not a password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return std::string();
        return std::string(h);
    }();
    const bool ok = crypto_pwhash_str_verify(hash.empty() ? kDummy.c_str() : hash.c_str(), password.c_str(),
                                             password.size()) == 0 &&
                    !hash.empty();
    std::lock_guard lock(m_ctx.mutex);
    if (hash.empty()) return out;
    m_ctx.write([&] {
        if (!ok) {
            // Counted in the database, so every hub process sharing it sees the same count.
            m_ctx.db->run("INSERT INTO advisor_login_failures(advisor_id, device_id, failures) VALUES(?1,?2,1) "
                          "ON CONFLICT(advisor_id, device_id) DO UPDATE SET failures = advisor_login_failures.failures + 1",
                          P{advisorId, deviceId});
            m_ctx.db->run("UPDATE advisor_login_failures SET locked_until_ms = ?, failures = 0 "
                          "WHERE advisor_id = ? AND device_id = ? AND failures >= ?",
                          P{nowMs + std::int64_t{m_ctx.hubSettings.lockoutMinutes} * 60000, advisorId, deviceId,
                            std::int64_t{m_ctx.hubSettings.maxLoginFailures}});
            m_ctx.audit(nowMs, Principal{deviceId, "device", ""}, "", "login_failed", "advisor " + advisorId);
            return;
        }
        const std::string token = newToken();
        out.expiresMs = nowMs + std::int64_t{m_ctx.hubSettings.sessionMinutes} * 60000;
        m_ctx.db->run("DELETE FROM advisor_login_failures WHERE advisor_id = ? AND device_id = ?", P{advisorId, deviceId});
        m_ctx.db->run("DELETE FROM advisor_sessions WHERE expires_ms <= ?", P{nowMs});
        m_ctx.db->run("INSERT INTO advisor_sessions(token_hash, advisor_id, device_id, expires_ms) VALUES(?,?,?,?)",
                  P{tokenHash(token), advisorId, deviceId, out.expiresMs});
        m_ctx.audit(nowMs, Principal{deviceId, "advisor", advisorId}, "", "login");
        out.session = token;
    });
    if (!ok) {
        auto r = m_ctx.db->run("SELECT locked_until_ms FROM advisor_login_failures WHERE advisor_id = ? AND device_id = ?",
                               P{advisorId, deviceId});
        if (!r.empty() && r.front().integer(0) > nowMs) {
            out.error = {423, "locked", "too many failed logins; try again later"};
            out.retryAfterS = (r.front().integer(0) - nowMs + 999) / 1000;
        }
    }
    return out;
}

void AdvisorStore::logout(const std::string& sessionToken) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] { m_ctx.db->run("DELETE FROM advisor_sessions WHERE token_hash = ?", P{tokenHash(sessionToken)}); });
}

}  // namespace hub
