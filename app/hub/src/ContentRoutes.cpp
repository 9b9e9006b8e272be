// The content routes: kiosks ask for the latest published version, fetch its signed bundle and
// report what became of it (docs/sync-protocol.md, "Content versions").
#include <httplib.h>

#include "HttpSupport.h"
#include "contentpack/ContentBundle.h"
#include "hub/HubServer.h"

namespace hub {

using Json = nlohmann::json;

namespace {

constexpr size_t kMaxReasonChars = 2000;

// Printable text (tabs and newlines kept), cut to kMaxReasonChars: a kiosk's reason is shown to staff.
std::string cleanReason(const std::string& reason) {
    std::string out;
    for (unsigned char ch : reason.substr(0, kMaxReasonChars)) out += (ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f ? '?' : static_cast<char>(ch);
    return out;
}

}  // namespace

void HubServer::contentLatest(const Req& req, Res& res) {
    if (!authorize(req, res, "kiosk")) return;
    const auto latest = m_store.content().latest();
    if (!latest) {
        sendError(res, 404, "no_content", "no content version has been published at this hub");
        return;
    }
    sendJson(res, {{"protocol", core::kSyncProtocolVersion}, {"version", latest->version}, {"number", latest->number},
                   {"sha256", latest->sha256}, {"size", latest->sizeBytes}, {"signature", latest->signature},
                   {"published_ms", latest->publishedMs}});
}

void HubServer::contentBundle(const Req& req, Res& res) {
    if (!authorize(req, res, "kiosk")) return;
    const std::string version = req.matches[1];
    const auto bundle = contentpack::isVersionId(version) ? m_store.content().bundle(version) : std::nullopt;
    if (!bundle) {
        sendError(res, 404, "unknown_version", "no such content version at this hub");
        return;
    }
    res.set_content(*bundle, "application/json");
}

void HubServer::contentReport(const Req& req, Res& res, LazyBody& lazy) {
    auto p = authorize(req, res, "kiosk");
    if (!p) return;
    auto body = parseBody(req, lazy, res);
    if (!body) return;
    const Json& j = *body;
    for (auto it = j.begin(); j.is_object() && it != j.end(); ++it)
        if (it.key() != "protocol" && it.key() != "kiosk_id" && it.key() != "version" && it.key() != "status" &&
            it.key() != "reason") {
            sendError(res, 400, "unknown_field", "unknown field", it.key());
            return;
        }
    if (!j.is_object() || j.value("protocol", Json()) != core::kSyncProtocolVersion) {
        sendError(res, 400, "unsupported_protocol", "expected protocol 1", "protocol");
        return;
    }
    if (!j.contains("kiosk_id") || !j["kiosk_id"].is_string() || j["kiosk_id"].get<std::string>() != p->kioskId) {
        sendError(res, 403, "kiosk_mismatch", "kiosk_id is not the token's kiosk", "kiosk_id");
        return;
    }
    if (!j.contains("version") || !j["version"].is_string() || !contentpack::isVersionId(j["version"].get<std::string>())) {
        sendError(res, 400, "invalid_version", "version must be a content version id", "version");
        return;
    }
    const std::string status = j.contains("status") && j["status"].is_string() ? j["status"].get<std::string>() : "";
    if (status != "staged" && status != "applied" && status != "refused") {
        sendError(res, 400, "invalid_status", "status must be staged, applied or refused", "status");
        return;
    }
    if (j.contains("reason") && !j["reason"].is_string()) {
        sendError(res, 400, "wrong_type", "reason must be text", "reason");
        return;
    }
    m_store.content().report({p->kioskId, j["version"].get<std::string>(), status, cleanReason(j.value("reason", "")), nowMs()});
    sendJson(res, {{"protocol", core::kSyncProtocolVersion}, {"recorded", true}});
}

}  // namespace hub
