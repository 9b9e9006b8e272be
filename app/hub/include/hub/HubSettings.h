#pragma once
// HubSettings: the hub's own content (content/hub/privacy.json, module "hub"): how long personal
// data is kept, how often the purge runs, advisor login lockout, and the dealer identity written
// into CRM leads (whose times follow the market's time zone, not a setting here). Plain values;
// any thread.
#include <cstdint>
#include <optional>
#include <string>

#include "core/ContentError.h"

namespace core {
struct Catalog;
}

namespace hub {

struct HubSettings {
    int retentionDays = 90;          // personal data kept this long after the last activity (no purchase)
    int purgeIntervalMinutes = 60;   // the scheduled purge runs this often
    int maxLoginFailures = 5;        // consecutive wrong passwords before a lockout
    int lockoutMinutes = 15;
    int sessionMinutes = 480;        // an advisor session's lifetime
    std::string dealerName = "Showroom";
    std::string dealerEmail = "sales@example.com";
    std::string dealerPhone;
    std::string leadSource = "showroom-kiosk";  // ADF prospect/id source and provider name
};

struct HubSettingsResult {
    std::optional<HubSettings> settings;
    core::ContentErrors errors;
};

// Reads the file named by the catalog's "hub" module; defaults when the manifest names none.
HubSettingsResult loadHubSettings(const core::Catalog& catalog);
HubSettingsResult loadHubSettings(const std::string& file);

}  // namespace hub
