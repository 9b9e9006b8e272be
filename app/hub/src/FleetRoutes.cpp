// The fleet routes: a kiosk's status at the end of each sync round (POST /v1/sync/status) and the
// list of kiosks for the dealer (GET /v1/admin/kiosks, admin token), plus the list's JSON and text.
#include <httplib.h>

#include <cstdio>

#include "HttpSupport.h"
#include "hub/FleetList.h"
#include "hub/HubServer.h"

namespace hub {

using Json = nlohmann::json;

namespace {

std::vector<std::string> flagsOf(const FleetKiosk& k) {
    std::vector<std::string> flags;
    if (k.stale) flags.push_back("stale");
    if (k.storeFailing) flags.push_back("store_failing");
    return flags;
}

// "3 min ago", "2 h ago", "never".
std::string ago(std::int64_t thenMs, std::int64_t nowMs) {
    if (thenMs <= 0) return "never";
    const std::int64_t s = std::max<std::int64_t>(0, (nowMs - thenMs) / 1000);
    if (s < 120) return std::to_string(s) + " s ago";
    if (s < 7200) return std::to_string(s / 60) + " min ago";
    return std::to_string(s / 3600) + " h ago";
}

}  // namespace

Json fleetToJson(const std::vector<FleetKiosk>& kiosks, std::int64_t nowMs, std::int64_t staleAfterSeconds) {
    Json list = Json::array();
    int flagged = 0;
    for (const auto& k : kiosks) {
        const auto flags = flagsOf(k);
        flagged += flags.empty() ? 0 : 1;
        Json store = {{"status", !k.reported ? "unknown" : k.storeOk ? "ok" : "failing"}};
        if (!k.storeOk) store["problem"] = k.storeProblem;
        list.push_back({{"kiosk_id", k.kioskId},
                        {"reported", k.reported},
                        {"software_version", k.softwareVersion},
                        {"content_version", k.contentVersion},
                        {"outbox_backlog", k.outboxBacklog},
                        {"last_sync_ms", k.lastSyncMs},
                        {"last_round_ok", k.lastRoundOk},
                        {"last_report_ms", k.reportedMs},
                        {"last_synced_at_hub_ms", k.syncedMs},
                        {"store", store},
                        {"flags", flags}});
    }
    return {{"now_ms", nowMs}, {"stale_after_seconds", staleAfterSeconds}, {"flagged", flagged}, {"kiosks", list}};
}

std::string fleetToText(const std::vector<FleetKiosk>& kiosks, std::int64_t nowMs) {
    std::string out;
    char line[512];
    std::snprintf(line, sizeof line, "%-20s %-12s %-24s %8s %-14s %-8s  %s\n", "kiosk", "software", "content", "backlog",
                  "last sync", "store", "flags");
    out += line;
    for (const auto& k : kiosks) {
        std::string flags;
        for (const auto& f : flagsOf(k)) flags += (flags.empty() ? "" : ",") + f;
        std::snprintf(line, sizeof line, "%-20s %-12s %-24s %8s %-14s %-8s  %s\n", k.kioskId.c_str(),
                      k.reported ? k.softwareVersion.c_str() : "-", k.reported ? k.contentVersion.c_str() : "-",
                      k.outboxBacklog < 0 || !k.reported ? "?" : std::to_string(k.outboxBacklog).c_str(),
                      ago(k.syncedMs, nowMs).c_str(), !k.reported ? "unknown" : k.storeOk ? "ok" : "FAILING",
                      flags.empty() ? "-" : flags.c_str());
        out += line;
        if (k.storeFailing) out += "    store: " + k.storeProblem + "\n";
    }
    return out;
}

void HubServer::syncStatus(const Req& req, Res& res, LazyBody& lazy) {
    auto p = authorize(req, res, "kiosk");
    if (!p) return;
    auto body = parseBody(req, lazy, res);
    if (!body) return;
    auto status = core::parseKioskStatus(*body);
    if (!status) {
        const std::string& why = status.error();
        const auto colon = why.find(':');
        sendError(res, 400, "invalid_status", why, colon == std::string::npos ? "" : why.substr(0, colon));
        return;
    }
    if (status->kioskId != p->kioskId) {
        sendError(res, 403, "kiosk_mismatch", "kiosk_id is not the token's kiosk", "kiosk_id");
        return;
    }
    m_store.fleet().record(*status, nowMs());
    sendJson(res, {{"protocol", core::kSyncProtocolVersion}, {"recorded", true}});
}

void HubServer::kioskList(const Req& req, Res& res) {
    if (!authorizeAdmin(req, res, "the fleet list")) return;
    for (const auto& [k, v] : req.params) {
        sendError(res, 400, "unknown_parameter", "unknown query parameter", k);
        return;
    }
    const std::int64_t now = nowMs();
    sendJson(res, fleetToJson(m_store.fleet().list(now, m_options.kioskStaleSeconds * 1000), now,
                              m_options.kioskStaleSeconds));
}

}  // namespace hub
