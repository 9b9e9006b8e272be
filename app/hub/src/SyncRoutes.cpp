// The kiosk-facing routes: health, sync push/pull/allocations, and device registration.
#include <httplib.h>

#include "HttpSupport.h"
#include "hub/HubServer.h"

namespace hub {

using Json = nlohmann::json;

void HubServer::health(const Req&, Res& res) {
    sendJson(res, {{"ok", true}, {"protocol", core::kSyncProtocolVersion}});
}

void HubServer::syncPush(const Req& req, Res& res, LazyBody& lazy) {
    auto p = authorize(req, res, "kiosk");
    if (!p) return;
    auto body = parseBody(req, lazy, res);
    if (!body) return;
    core::FieldErrors errors;
    auto request = core::parsePushRequest(*body, errors);
    if (!request) {
        sendError(res, 400, errors.front().code, errors.front().message, errors.front().field);
        return;
    }
    if (request->kioskId != p->kioskId) {
        sendError(res, 403, "kiosk_mismatch", "kiosk_id is not the token's kiosk", "kiosk_id");
        return;
    }
    sendJson(res, core::toJson(m_store.sync().push(*request, nowMs())));
}

void HubServer::syncPull(const Req& req, Res& res) {
    auto p = authorize(req, res, "kiosk");
    if (!p) return;
    for (const auto& [k, v] : req.params)
        if (k != "cursor" && k != "limit") {
            sendError(res, 400, "unknown_parameter", "unknown query parameter", k);
            return;
        }
    auto cursor = queryInt(req, "cursor", 0, 0, INT64_MAX / 2, res);
    if (!cursor) return;
    auto limit = queryInt(req, "limit", 500, 1, static_cast<std::int64_t>(core::kMaxPullLimit), res);
    if (!limit) return;
    sendJson(res, core::toJson(m_store.sync().pull(p->kioskId, *cursor, static_cast<size_t>(*limit))));
}

namespace {

// {"protocol", "kiosk_id", "slots": [{"slot_key", "seats"}]} -> the asks, or nullopt once an error was sent.
std::optional<std::vector<core::AllocationAsk>> parseAllocationAsks(const Json& j, const std::string& kioskId,
                                                                   httplib::Response& res) {
    if (!j.is_object() || !j.contains("slots") || !j["slots"].is_array() || j["slots"].size() > 2000) {
        sendError(res, 400, "wrong_type", "slots must be an array of at most 2000 entries", "slots");
        return std::nullopt;
    }
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "protocol" && it.key() != "kiosk_id" && it.key() != "slots") {
            sendError(res, 400, "unknown_field", "unknown field", it.key());
            return std::nullopt;
        }
    if (!j.contains("kiosk_id") || !j["kiosk_id"].is_string() || j["kiosk_id"].get<std::string>() != kioskId) {
        sendError(res, 403, "kiosk_mismatch", "kiosk_id is not the token's kiosk", "kiosk_id");
        return std::nullopt;
    }
    std::vector<core::AllocationAsk> asks;
    for (size_t i = 0; i < j["slots"].size(); ++i) {
        const Json& a = j["slots"][i];
        if (!a.is_object() || a.size() != 2 || !a.contains("slot_key") || !a["slot_key"].is_string() ||
            !a.contains("seats") || !a["seats"].is_number_integer() || a["seats"].get<std::int64_t>() < 0 ||
            a["seats"].get<std::int64_t>() > 100 || !core::parseSlotKey(a["slot_key"].get<std::string>())) {
            sendError(res, 400, "invalid_allocation",
                      "each entry is {\"slot_key\": \"model@YYYY-MM-DDTHH:MM\", \"seats\": 0..100}",
                      "slots[" + std::to_string(i) + "]");
            return std::nullopt;
        }
        asks.push_back({a["slot_key"].get<std::string>(), static_cast<int>(a["seats"].get<std::int64_t>())});
    }
    return asks;
}

}  // namespace

void HubServer::syncAllocations(const Req& req, Res& res, LazyBody& lazy) {
    auto p = authorize(req, res, "kiosk");
    if (!p) return;
    auto body = parseBody(req, lazy, res);
    if (!body) return;
    auto asks = parseAllocationAsks(*body, p->kioskId, res);
    if (!asks) return;
    Json out = Json::array();
    for (const auto& g : m_store.sync().allocate(p->kioskId, *asks, nowMs()))
        out.push_back({{"slot_key", g.slotKey}, {"granted", g.granted}, {"used", g.used}});
    sendJson(res, {{"protocol", core::kSyncProtocolVersion}, {"allocations", out}});
}

bool HubServer::authorizeAdmin(const Req& req, Res& res, const char* what) {
    if (m_options.adminToken.empty()) {
        sendError(res, 404, "not_found", std::string(what) + " over HTTP is disabled (no admin token)");
        return false;
    }
    if (req.get_header_value("Authorization") != "Bearer " + m_options.adminToken) {
        sendError(res, 401, "unauthorized", "the admin token is required");
        return false;
    }
    return true;
}

void HubServer::registerDevice(const Req& req, Res& res, LazyBody& lazy) {
    if (!authorizeAdmin(req, res, "device registration")) return;
    auto body = parseBody(req, lazy, res);
    if (!body) return;
    const Json& j = *body;
    if (!j.is_object() || !j.contains("device_id") || !j["device_id"].is_string() ||
        !core::isValidId(j["device_id"].get<std::string>()) || !j.contains("role") || !j["role"].is_string() ||
        (j["role"] != "kiosk" && j["role"] != "advisor") || j.size() != 2) {
        sendError(res, 400, "invalid_device", "body must be {\"device_id\": id, \"role\": \"kiosk\"|\"advisor\"}");
        return;
    }
    const std::string token = m_store.devices().registerDevice(j["device_id"], j["role"], nowMs());
    sendJson(res, {{"device_id", j["device_id"]}, {"token", token}});
}

}  // namespace hub
