#include "hub/HubSettings.h"

#include "core/Catalog.h"
#include "core/JsonReader.h"

namespace hub {

HubSettingsResult loadHubSettings(const core::Catalog& catalog) {
    auto it = catalog.moduleFiles.find("hub");
    if (it == catalog.moduleFiles.end()) return {HubSettings{}, {}};
    return loadHubSettings(it->second);
}

HubSettingsResult loadHubSettings(const std::string& file) {
    HubSettingsResult out;
    auto json = core::parseJsonFile(file, out.errors);
    if (!json) return out;
    core::JsonReader r(file, out.errors);
    HubSettings s;
    if (!r.expectObject(*json, "")) return out;
    r.allowOnly(*json, "", {"retention", "advisor_login", "crm"});
    if (const auto* ret = r.object(*json, "", "retention")) {
        r.allowOnly(*ret, "/retention", {"days_without_purchase", "purge_interval_minutes"});
        if (auto v = r.integer(*ret, "/retention", "days_without_purchase", 1, 3650)) s.retentionDays = static_cast<int>(*v);
        if (auto v = r.integer(*ret, "/retention", "purge_interval_minutes", 1, 1440)) s.purgeIntervalMinutes = static_cast<int>(*v);
    }
    if (const auto* login = r.object(*json, "", "advisor_login")) {
        r.allowOnly(*login, "/advisor_login", {"max_failures", "lockout_minutes", "session_minutes"});
        if (auto v = r.integer(*login, "/advisor_login", "max_failures", 1, 100)) s.maxLoginFailures = static_cast<int>(*v);
        if (auto v = r.integer(*login, "/advisor_login", "lockout_minutes", 1, 1440)) s.lockoutMinutes = static_cast<int>(*v);
        if (auto v = r.integer(*login, "/advisor_login", "session_minutes", 5, 1440)) s.sessionMinutes = static_cast<int>(*v);
    }
    if (const auto* crm = r.object(*json, "", "crm")) {
        const std::string p = "/crm";
        r.allowOnly(*crm, p, {"dealer_name", "dealer_email", "dealer_phone", "lead_source", "timezone_offset_minutes"});
        if (auto v = r.nonEmptyString(*crm, p, "dealer_name")) s.dealerName = *v;
        if (auto v = r.nonEmptyString(*crm, p, "dealer_email")) s.dealerEmail = *v;
        if (auto v = r.string(*crm, p, "dealer_phone", false)) s.dealerPhone = *v;
        if (auto v = r.nonEmptyString(*crm, p, "lead_source")) s.leadSource = *v;
        if (crm->contains("timezone_offset_minutes"))
            r.fail(p + "/timezone_offset_minutes",
                   "a fixed offset is no longer read: lead times follow the market's time_zone (content/markets)");
    }
    if (out.errors.empty()) out.settings = s;
    return out;
}

}  // namespace hub
