#pragma once
// The fleet list as the hub shows it: GET /v1/admin/kiosks and `sales-hub kiosks` write the same
// JSON (and the command a table for people). Any thread.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hub/store/FleetStore.h"

namespace hub {

// Thirty minutes: the kiosk worker syncs every 15 s when idle and backs off to at most a minute,
// so this is dozens of missed rounds (not a hub restart or a short network cut), yet a showroom
// hears of a dead kiosk within the morning, not the next day.
constexpr std::int64_t kDefaultKioskStaleSeconds = 1800;

// {"now_ms", "stale_after_seconds", "flagged", "kiosks": [{"kiosk_id", ..., "flags": ["stale", "store_failing"]}]}
nlohmann::json fleetToJson(const std::vector<FleetKiosk>& kiosks, std::int64_t nowMs, std::int64_t staleAfterSeconds);
// One line per kiosk, flagged ones marked, for `sales-hub kiosks`.
std::string fleetToText(const std::vector<FleetKiosk>& kiosks, std::int64_t nowMs);

}  // namespace hub
