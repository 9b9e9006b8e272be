#include "sync/SyncClient.h"

#include "HubHttp.h"

namespace kiosksync {
namespace {

using Json = nlohmann::json;

}  // namespace

template <typename T>
bool SyncClient::fromResult(const void* result, Reply<T>& reply, Json& body) {
    const auto& res = *static_cast<const httplib::Result*>(result);
    if (!res) {
        reply.status = 0;
        reply.error = transportError(res, *m_client, m_options);
        return false;
    }
    reply.status = res->status;
    try {
        body = Json::parse(res->body);
    } catch (const Json::parse_error&) {
        reply.error = "the hub's answer is not JSON";
        return false;
    }
    if (res->status != 200) {
        if (body.is_object()) {
            reply.error = body.value("error", "http_" + std::to_string(res->status));
            reply.field = body.value("field", "");
            reply.reason = body.value("reason", "");
        } else {
            reply.error = "http_" + std::to_string(res->status);
        }
        return false;
    }
    return true;
}

SyncClient::SyncClient(ClientOptions options) : m_options(std::move(options)), m_client(makeHubClient(m_options)) {
    m_client->set_bearer_token_auth(m_options.token);
}

SyncClient::~SyncClient() = default;

Reply<core::PushResponse> SyncClient::push(const core::PushRequest& request) {
    Reply<core::PushResponse> reply;
    Json body;
    const auto res = m_client->Post("/v1/sync/push", core::toJson(request).dump(), "application/json");
    if (!fromResult(&res, reply, body)) return reply;
    auto parsed = core::parsePushResponse(body);
    if (!parsed) reply.error = parsed.error();
    else reply.value = std::move(*parsed);
    if (reply.value && reply.value->results.size() != request.events.size()) {
        reply.value.reset();
        reply.error = "the hub answered a different number of events";
    }
    return reply;
}

Reply<core::PullPage> SyncClient::pull(std::int64_t cursor, size_t limit) {
    Reply<core::PullPage> reply;
    Json body;
    const std::string path = "/v1/sync/pull?cursor=" + std::to_string(cursor) + "&limit=" + std::to_string(limit);
    const auto res = m_client->Get(path);
    if (!fromResult(&res, reply, body)) return reply;
    auto parsed = core::parsePullPage(body);
    if (!parsed) reply.error = parsed.error();
    else reply.value = std::move(*parsed);
    if (reply.value && reply.value->cursor != cursor) {
        reply.value.reset();
        reply.error = "the hub answered for another cursor";
    }
    return reply;
}

Reply<std::vector<core::AllocationGrant>> SyncClient::allocate(const std::string& kioskId,
                                                                const std::vector<core::AllocationAsk>& asks) {
    Reply<std::vector<core::AllocationGrant>> reply;
    Json slots = Json::array();
    for (const auto& a : asks) slots.push_back({{"slot_key", a.slotKey}, {"seats", a.seats}});
    const Json request = {{"protocol", core::kSyncProtocolVersion}, {"kiosk_id", kioskId}, {"slots", slots}};
    Json body;
    const auto res = m_client->Post("/v1/sync/allocations", request.dump(), "application/json");
    if (!fromResult(&res, reply, body)) return reply;
    if (!body.is_object() || !body.contains("allocations") || !body["allocations"].is_array()) {
        reply.error = "the hub's allocation answer lacks allocations";
        return reply;
    }
    std::vector<core::AllocationGrant> grants;
    for (const auto& g : body["allocations"]) {
        if (!g.is_object() || !g.contains("slot_key") || !g["slot_key"].is_string()) continue;
        grants.push_back({g["slot_key"].get<std::string>(), g.value("granted", 0), g.value("used", 0)});
    }
    reply.value = std::move(grants);
    return reply;
}

Reply<bool> SyncClient::reportStatus(const core::KioskStatus& status) {
    Reply<bool> reply;
    Json body;
    const auto res = m_client->Post("/v1/sync/status", core::toJson(status).dump(), "application/json");
    if (!fromResult(&res, reply, body)) return reply;
    reply.value = true;
    return reply;
}

}  // namespace kiosksync
