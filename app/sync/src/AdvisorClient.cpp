#include "sync/AdvisorClient.h"

#include "HubHttp.h"

#include <algorithm>

namespace kiosksync {
namespace {

using Json = nlohmann::json;

// Overwrites a string's bytes before it is freed (passwords, session tokens).
void wipe(std::string& s) { std::fill(s.begin(), s.end(), '\0'); }

void wipe(httplib::Headers& headers) {
    for (auto& [name, value] : headers) wipe(value);
}


}  // namespace

bool parseAdvisorBooking(const Json& j, AdvisorBooking& out) {
    if (!j.is_object()) return false;
    out.bookingId = replyText(j, "booking_id");
    out.kioskId = replyText(j, "kiosk_id");
    out.name = replyText(j, "name");
    out.mobileMasked = replyText(j, "mobile_masked");
    out.model = replyText(j, "model");
    out.trim = replyText(j, "trim");
    out.mode = replyText(j, "mode");
    out.slot = replyText(j, "slot");
    out.status = replyText(j, "status");
    auto place = j.find("queue_place");
    out.queuePlace = place != j.end() && place->is_number_integer() ? place->get<int>() : 0;
    return !out.bookingId.empty() && !out.status.empty() && !out.model.empty();
}

AdvisorClient::AdvisorClient(ClientOptions options) : m_options(std::move(options)), m_client(makeHubClient(m_options)) {}

AdvisorClient::~AdvisorClient() { forget(); }

void AdvisorClient::forget() {
    std::fill(m_session.begin(), m_session.end(), '\0');
    m_session.clear();
    m_advisorId.clear();
}

template <typename T>
bool AdvisorClient::answered(const void* resultPtr, Reply<T>& reply, Json& body) {
    const auto& res = *static_cast<const httplib::Result*>(resultPtr);
    if (!res) {
        reply.error = transportError(res, *m_client, m_options);
        return false;
    }
    reply.status = res->status;
    body = Json::parse(res->body, nullptr, false);
    if (body.is_discarded()) {
        reply.error = "the hub's answer is not JSON";
        return false;
    }
    if (res->status == 200) return true;
    reply.error = "http_" + std::to_string(res->status);
    if (body.is_object()) {
        if (auto e = body.find("error"); e != body.end() && e->is_string()) reply.error = e->get<std::string>();
        reply.reason = replyText(body, "reason");
    }
    // An expired or revoked session: sign in again.
    if (res->status == 401 && !m_session.empty()) forget();
    return false;
}

Reply<bool> AdvisorClient::login(const std::string& advisorId, std::string_view password) {
    Reply<bool> reply;
    forget();
    httplib::Headers headers{{"Authorization", "Bearer " + m_options.token}};
    Json request = {{"advisor_id", advisorId}, {"password", std::string(password)}};
    std::string payload = request.dump();
    wipe(request["password"].get_ref<std::string&>());
    auto res = m_client->Post("/v1/advisor/login", headers, payload, "application/json");
    wipe(payload);  // the password leaves memory with the request
    wipe(headers);
    Json body;
    const bool ok = answered(&res, reply, body);
    if (res) wipe(res->body);  // the session token
    if (!ok) return reply;
    auto session = body.find("session");
    if (session == body.end() || !session->is_string() || session->get_ref<const std::string&>().empty()) {
        reply.error = "the hub's answer has no session";
        return reply;
    }
    m_session = session->get<std::string>();
    wipe(session->get_ref<std::string&>());
    m_advisorId = advisorId;
    reply.value = true;
    return reply;
}

void AdvisorClient::logout() {
    if (m_session.empty()) return;
    httplib::Headers headers{{"Authorization", "Bearer " + m_session}};
    m_client->Post("/v1/advisor/logout", headers, "{}", "application/json");
    wipe(headers);
    forget();
}

Reply<std::vector<AdvisorBooking>> AdvisorClient::bookings(const std::string& date) {
    Reply<std::vector<AdvisorBooking>> reply;
    if (m_session.empty()) {
        reply.error = "advisor_login_required";
        return reply;
    }
    httplib::Headers headers{{"Authorization", "Bearer " + m_session}};
    auto res = m_client->Get("/v1/advisor/bookings?date=" + date, headers);
    wipe(headers);
    Json body;
    if (!answered(&res, reply, body)) return reply;
    auto list = body.find("bookings");
    if (list == body.end() || !list->is_array()) {
        reply.error = "the hub's answer has no bookings list";
        return reply;
    }
    std::vector<AdvisorBooking> rows;
    for (const auto& j : *list) {
        AdvisorBooking b;
        if (parseAdvisorBooking(j, b)) rows.push_back(std::move(b));
    }
    reply.value = std::move(rows);
    return reply;
}

Reply<AdvisorBooking> AdvisorClient::act(const std::string& bookingId, const std::string& action) {
    Reply<AdvisorBooking> reply;
    if (m_session.empty()) {
        reply.error = "advisor_login_required";
        return reply;
    }
    httplib::Headers headers{{"Authorization", "Bearer " + m_session}};
    auto res = m_client->Post("/v1/advisor/bookings/" + bookingId + "/" + action, headers, "", "application/json");
    wipe(headers);
    Json body;
    if (!answered(&res, reply, body)) return reply;
    AdvisorBooking b;
    if (!body.is_object() || !body.contains("booking") || !parseAdvisorBooking(body["booking"], b)) {
        reply.error = "the hub's answer has no booking";
        return reply;
    }
    reply.value = std::move(b);
    return reply;
}

}  // namespace kiosksync
