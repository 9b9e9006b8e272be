#include "hub/store/DeviceStore.h"

#include "stores/StoreContext.h"

namespace hub {

std::string DeviceStore::registerDevice(const std::string& id, const std::string& role, std::int64_t nowMs) {
    if (!core::isValidId(id)) throw SqlError("device id must be 1-48 of [a-z0-9-]");
    if (role != "kiosk" && role != "advisor") throw SqlError("role must be kiosk or advisor");
    const std::string token = newToken();
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        m_ctx.db->run("INSERT INTO devices(device_id, role, token_hash, created_ms) VALUES(?1,?2,?3,?4) "
                  "ON CONFLICT(device_id) DO UPDATE SET role=?2, token_hash=?3",
                  P{id, role, tokenHash(token), nowMs});
    });
    return token;
}

std::optional<Principal> DeviceStore::authenticate(const std::string& token, std::int64_t nowMs) {
    if (token.size() != 64) return std::nullopt;
    const Bytes hash = tokenHash(token);
    std::lock_guard lock(m_ctx.mutex);
    auto d = m_ctx.db->run("SELECT device_id, role FROM devices WHERE token_hash = ?", P{hash});
    if (!d.empty()) return Principal{d.front().text(0), d.front().text(1), ""};
    auto s = m_ctx.db->run("SELECT advisor_id, device_id FROM advisor_sessions WHERE token_hash = ? AND expires_ms > ?",
                       P{hash, nowMs});
    if (!s.empty()) return Principal{s.front().text(1), "advisor", s.front().text(0)};
    return std::nullopt;
}

}  // namespace hub
