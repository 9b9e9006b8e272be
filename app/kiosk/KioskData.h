#pragma once
// KioskData: where this kiosk keeps its bookings and whom it syncs with. With no configuration
// (KIOSK_CONFIG / KIOSK_* variables) the kiosk runs embedded: a local SQLite file under the user's
// data folder (or --data DIR) and a store key generated on first start into a 0600 key file beside
// it (never in the database), no hub.
#include <filesystem>
#include <string>

#include "store/KioskConfig.h"

namespace kiosk {

// The configuration to open the store with; throws std::runtime_error naming a bad setting.
store::KioskConfig resolveKioskData(const std::string& dataDirOverride);

// The "market" of the kiosk configuration, "" when there is none (or it cannot be read: the App
// reports that when it loads the configuration itself).
std::string configuredMarket();

// The kiosk's content versions on disk (contentpack::ContentShelf): "content" beside its database.
std::filesystem::path contentShelfRoot(const store::KioskConfig& config);

}  // namespace kiosk
