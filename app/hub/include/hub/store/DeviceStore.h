#pragma once
// DeviceStore: registered devices (kiosks, advisor tablets) and their bearer tokens; resolves a
// request's token to a device or to an advisor session. Only hashes of tokens are stored.
#include <cstdint>
#include <optional>
#include <string>

#include "hub/store/Types.h"

namespace hub {

struct StoreContext;

class DeviceStore {
public:
    explicit DeviceStore(StoreContext& ctx) : m_ctx(ctx) {}
    // Registers (or re-keys) a kiosk or advisor device; returns its new bearer token.
    std::string registerDevice(const std::string& id, const std::string& role, std::int64_t nowMs);
    // A device token, or an advisor session token (role "advisor", advisorId set).
    std::optional<Principal> authenticate(const std::string& token, std::int64_t nowMs);

private:
    StoreContext& m_ctx;
};

}  // namespace hub
