#pragma once
// KioskStatus: what a kiosk tells the hub about itself at the end of every sync round
// (POST /v1/sync/status, docs/sync-protocol.md "Kiosk status"): its software and content
// versions, its outbox backlog, its last successful sync and the health of its booking store.
// No personal data. Pure; any thread.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/Result.h"

namespace core {

// Longest version or problem text the hub keeps (longer text is refused, not cut).
constexpr size_t kMaxStatusTextBytes = 200;

struct StoreHealth {
    bool ok = true;
    std::string problem;  // English, for staff and the hub ("database disk image is malformed"); "" when ok
};

struct KioskStatus {
    std::string kioskId;
    std::string softwareVersion;  // the kiosk program's version
    std::string contentVersion;   // the content it runs on (catalog contentVersion)
    std::int64_t outboxBacklog = 0;  // events not yet acknowledged by the hub; -1 = unknown (store failing)
    std::int64_t lastSyncMs = 0;     // kiosk clock, UTC ms of its last complete round; 0 = never
    bool syncOk = false;             // the round this report closes pushed and pulled everything
    StoreHealth store;
};

nlohmann::json toJson(const KioskStatus& s);
// Strict: unknown fields, wrong types, text longer than kMaxStatusTextBytes or with control
// characters are refused, naming the field ("store.problem: ...").
Result<KioskStatus> parseKioskStatus(const nlohmann::json& j);

}  // namespace core
