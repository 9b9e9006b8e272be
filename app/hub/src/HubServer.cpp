#include "hub/HubServer.h"

#include <httplib.h>

#include <functional>
#include <regex>
#include <thread>

namespace hub {
namespace {

using Json = nlohmann::json;

constexpr int kMaxJsonDepth = 16;

void sendError(httplib::Response& res, int status, const std::string& code, const std::string& reason,
               const std::string& field = "") {
    Json j = {{"error", code}, {"reason", reason}};
    if (!field.empty()) j["field"] = field;
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

void sendJson(httplib::Response& res, const Json& j) {
    res.status = 200;
    res.set_content(j.dump(), "application/json");
}

// Nesting depth of a JSON text, counted before parsing so a body of a million '[' cannot
// exhaust the parser's stack.
bool depthWithin(const std::string& body, int limit) {
    int depth = 0;
    bool inString = false, escape = false;
    for (char c : body) {
        if (inString) {
            if (escape) escape = false;
            else if (c == '\\') escape = true;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '[' || c == '{') {
            if (++depth > limit) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

std::optional<Json> parseBody(const httplib::Request& req, httplib::Response& res) {
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
        sendError(res, 415, "unsupported_media_type", "Content-Type must be application/json");
        return std::nullopt;
    }
    if (!depthWithin(req.body, kMaxJsonDepth)) {
        sendError(res, 400, "too_deep", "JSON nesting deeper than " + std::to_string(kMaxJsonDepth));
        return std::nullopt;
    }
    try {
        return Json::parse(req.body);
    } catch (const Json::parse_error& e) {
        // The position only: the parser's message quotes the input, which must not be echoed.
        sendError(res, 400, "malformed_json", "malformed JSON (or invalid UTF-8) near byte " + std::to_string(e.byte));
        return std::nullopt;
    }
}

// An action's optional body, which may hold only {"<field>": "<text>"}: the text, "" without a
// body (or with {}), or nullopt once an error was sent.
std::optional<std::string> optionalField(const httplib::Request& req, httplib::Response& res, const std::string& field,
                                         const std::string& example) {
    if (req.body.empty()) return std::string();
    auto body = parseBody(req, res);
    if (!body) return std::nullopt;
    if (body->is_object() && body->empty()) return std::string();
    if (!body->is_object() || body->size() != 1 || !body->contains(field) || !(*body)[field].is_string()) {
        sendError(res, 400, "wrong_type", "the body may only be {\"" + field + "\": \"" + example + "\"}", field);
        return std::nullopt;
    }
    return (*body)[field].get<std::string>();
}

std::optional<std::int64_t> queryInt(const httplib::Request& req, const char* name, std::int64_t fallback,
                                     std::int64_t min, std::int64_t max, httplib::Response& res) {
    if (!req.has_param(name)) return fallback;
    const std::string v = req.get_param_value(name);
    static const std::regex r("^[0-9]{1,18}$");
    if (!std::regex_match(v, r) || std::stoll(v) < min || std::stoll(v) > max) {
        sendError(res, 400, "invalid_parameter", std::string(name) + " must be an integer in range", name);
        return std::nullopt;
    }
    return std::stoll(v);
}

}  // namespace

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

HubServer::HubServer(HubStore& store, ServerOptions options)
    : m_store(store), m_options(std::move(options)), m_server(std::make_unique<httplib::Server>()) {
    m_server->set_payload_max_length(m_options.maxBodyBytes);
    m_server->set_read_timeout(10, 0);
    m_server->set_write_timeout(10, 0);
    routes();
}

HubServer::~HubServer() { stop(); }

int HubServer::bind(const std::string& host, int port) {
    if (port == 0) return m_server->bind_to_any_port(host);
    return m_server->bind_to_port(host.c_str(), port) ? port : -1;
}

bool HubServer::run() { return m_server->listen_after_bind(); }

void HubServer::stop() {
    if (m_server) m_server->stop();
}

bool HubServer::waitUntilRunning(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!m_server->is_running()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

bool HubServer::allow(const std::string& deviceId) {
    std::lock_guard lock(m_rateMutex);
    const auto now = std::chrono::steady_clock::now();
    auto [it, fresh] = m_buckets.try_emplace(deviceId);
    Bucket& b = it->second;
    if (fresh) {
        b.tokens = m_options.burst;
        b.last = now;
    }
    b.tokens = std::min(m_options.burst,
                        b.tokens + std::chrono::duration<double>(now - b.last).count() * m_options.ratePerSecond);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
}

void HubServer::routes() {
    auto& s = *m_server;
    // Authenticates and rate-limits; on failure the response is already written.
    auto principal = [this](const httplib::Request& req, httplib::Response& res,
                            const char* role) -> std::optional<Principal> {
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) != 0) {
            sendError(res, 401, "unauthorized", "a bearer token is required");
            return std::nullopt;
        }
        auto p = m_store.authenticate(auth.substr(7), nowMs());
        if (!p) {
            sendError(res, 401, "unauthorized", "unknown token");
            return std::nullopt;
        }
        const std::string wanted = role;
        if (wanted == "advisor" && p->advisorId.empty()) {
            sendError(res, 401, "advisor_login_required", "an advisor session token (POST /v1/advisor/login) is required");
            return std::nullopt;
        }
        if (wanted == "device" ? !p->advisorId.empty() : p->role != wanted) {
            sendError(res, 403, "forbidden", std::string("this endpoint is for ") + role + " devices");
            return std::nullopt;
        }
        if (!allow(p->kioskId)) {
            res.set_header("Retry-After", "1");
            sendError(res, 429, "rate_limited", "too many requests from this device");
            return std::nullopt;
        }
        return p;
    };

    s.Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, {{"ok", true}, {"protocol", core::kSyncProtocolVersion}});
    });

    s.Post("/v1/sync/push", [this, principal](const httplib::Request& req, httplib::Response& res) {
        auto p = principal(req, res, "kiosk");
        if (!p) return;
        auto body = parseBody(req, res);
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
        sendJson(res, core::toJson(m_store.push(*request, nowMs())));
    });

    s.Get("/v1/sync/pull", [this, principal](const httplib::Request& req, httplib::Response& res) {
        auto p = principal(req, res, "kiosk");
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
        sendJson(res, core::toJson(m_store.pull(p->kioskId, *cursor, static_cast<size_t>(*limit))));
    });

    s.Post("/v1/sync/allocations", [this, principal](const httplib::Request& req, httplib::Response& res) {
        auto p = principal(req, res, "kiosk");
        if (!p) return;
        auto body = parseBody(req, res);
        if (!body) return;
        const Json& j = *body;
        if (!j.is_object() || !j.contains("slots") || !j["slots"].is_array() || j["slots"].size() > 2000) {
            sendError(res, 400, "wrong_type", "slots must be an array of at most 2000 entries", "slots");
            return;
        }
        for (auto it = j.begin(); it != j.end(); ++it)
            if (it.key() != "protocol" && it.key() != "kiosk_id" && it.key() != "slots") {
                sendError(res, 400, "unknown_field", "unknown field", it.key());
                return;
            }
        if (!j.contains("kiosk_id") || !j["kiosk_id"].is_string() || j["kiosk_id"].get<std::string>() != p->kioskId) {
            sendError(res, 403, "kiosk_mismatch", "kiosk_id is not the token's kiosk", "kiosk_id");
            return;
        }
        std::vector<core::AllocationAsk> asks;
        for (size_t i = 0; i < j["slots"].size(); ++i) {
            const Json& a = j["slots"][i];
            const std::string field = "slots[" + std::to_string(i) + "]";
            if (!a.is_object() || a.size() != 2 || !a.contains("slot_key") || !a["slot_key"].is_string() ||
                !a.contains("seats") || !a["seats"].is_number_integer() || a["seats"].get<std::int64_t>() < 0 ||
                a["seats"].get<std::int64_t>() > 100 || !core::parseSlotKey(a["slot_key"].get<std::string>())) {
                sendError(res, 400, "invalid_allocation", "each entry is {\"slot_key\": \"model@YYYY-MM-DDTHH:MM\", \"seats\": 0..100}", field);
                return;
            }
            asks.push_back({a["slot_key"].get<std::string>(), static_cast<int>(a["seats"].get<std::int64_t>())});
        }
        Json out = Json::array();
        for (const auto& g : m_store.allocate(p->kioskId, asks, nowMs()))
            out.push_back({{"slot_key", g.slotKey}, {"granted", g.granted}, {"used", g.used}});
        sendJson(res, {{"protocol", core::kSyncProtocolVersion}, {"allocations", out}});
    });

    s.Get("/v1/advisor/bookings", [this, principal](const httplib::Request& req, httplib::Response& res) {
        auto p = principal(req, res, "advisor");
        if (!p) return;
        const std::string date = req.get_param_value("date");
        if (!core::parseLocalDate(date)) {
            sendError(res, 400, "invalid_date", "date must be YYYY-MM-DD", "date");
            return;
        }
        sendJson(res, {{"date", date}, {"bookings", m_store.bookingsForDay(date, *p, nowMs())}});
    });

    s.Get("/v1/advisor/surveys", [this, principal](const httplib::Request& req, httplib::Response& res) {
        auto p = principal(req, res, "advisor");
        if (!p) return;
        const std::string date = req.get_param_value("date");
        if (!core::parseLocalDate(date)) {
            sendError(res, 400, "invalid_date", "date must be YYYY-MM-DD", "date");
            return;
        }
        sendJson(res, {{"date", date}, {"surveys", m_store.surveysForDay(date, *p, nowMs())}});
    });

    // Advisor login from a registered device (a kiosk in advisor mode or an advisor tablet).
    s.Post("/v1/advisor/login", [this, principal](const httplib::Request& req, httplib::Response& res) {
        auto p = principal(req, res, "device");
        if (!p) return;
        auto body = parseBody(req, res);
        if (!body) return;
        const Json& j = *body;
        if (!j.is_object() || j.size() != 2 || !j.contains("advisor_id") || !j["advisor_id"].is_string() ||
            !j.contains("password") || !j["password"].is_string() ||
            !core::isValidId(j["advisor_id"].get<std::string>()) || j["password"].get<std::string>().size() > 256) {
            sendError(res, 400, "invalid_login", "body must be {\"advisor_id\": id, \"password\": text}");
            return;
        }
        auto r = m_store.login(j["advisor_id"], j["password"], p->kioskId, nowMs());
        if (!r.session) {
            if (r.retryAfterS > 0) res.set_header("Retry-After", std::to_string(r.retryAfterS));
            sendError(res, r.error.status, r.error.code, r.error.reason);
            return;
        }
        sendJson(res, {{"session", *r.session}, {"advisor_id", j["advisor_id"]}, {"expires_ms", r.expiresMs}});
    });

    s.Post("/v1/advisor/logout", [this, principal](const httplib::Request& req, httplib::Response& res) {
        if (!principal(req, res, "advisor")) return;
        m_store.logout(req.get_header_value("Authorization").substr(7));
        sendJson(res, {{"ok", true}});
    });

    // The full read of one record an advisor works on ("booking" or "survey") and its audit trail:
    // the same checks, errors and shapes for both kinds.
    using DetailRead = std::function<std::optional<Json>(HubStore&, const std::string&, const Principal&, std::int64_t)>;
    auto detailRoutes = [&](const std::string& kind, DetailRead read) {
        const std::string base = "/v1/advisor/" + kind + "s/([^/]+)";
        auto validId = [kind](const httplib::Request& req, httplib::Response& res) -> std::optional<std::string> {
            const std::string id = req.matches[1];
            if (core::isUuid(id)) return id;
            sendError(res, 400, "invalid_id", kind + " id must be a UUID", kind + "_id");
            return std::nullopt;
        };
        s.Get(base, [this, principal, kind, read, validId](const httplib::Request& req, httplib::Response& res) {
            auto p = principal(req, res, "advisor");
            if (!p) return;
            const auto id = validId(req, res);
            if (!id) return;
            auto record = read(m_store, *id, *p, nowMs());
            if (!record) {
                sendError(res, 404, "not_found", "no " + kind + " with this id");
                return;
            }
            sendJson(res, {{kind, *record}});
        });
        s.Get(base + "/audit", [this, principal, kind, validId](const httplib::Request& req, httplib::Response& res) {
            if (!principal(req, res, "advisor")) return;
            const auto id = validId(req, res);
            if (!id) return;
            sendJson(res, {{kind + "_id", *id}, {"audit", m_store.auditFor(*id)}});
        });
    };
    detailRoutes("booking", [](HubStore& store, const std::string& id, const Principal& who, std::int64_t now) {
        return store.bookingDetail(id, who, now);
    });
    detailRoutes("survey", [](HubStore& store, const std::string& id, const Principal& who, std::int64_t now) {
        return store.surveyDetail(id, who, now);
    });

    s.Get("/v1/advisor/tasks", [this, principal](const httplib::Request& req, httplib::Response& res) {
        if (!principal(req, res, "advisor")) return;
        sendJson(res, {{"tasks", m_store.openTasks()}});
    });

    s.Post(R"(/v1/advisor/bookings/([^/]+)/([a-z-]+))", [this, principal](const httplib::Request& req,
                                                                          httplib::Response& res) {
        auto p = principal(req, res, "advisor");
        if (!p) return;
        const std::string id = req.matches[1], action = req.matches[2];
        if (!core::isUuid(id)) {
            sendError(res, 400, "invalid_id", "booking id must be a UUID", "booking_id");
            return;
        }
        const auto slot = optionalField(req, res, "slot", "YYYY-MM-DDTHH:MM");
        if (!slot) return;
        if (action == "reschedule" && slot->empty()) {
            sendError(res, 400, "required", "reschedule needs a slot", "slot");
            return;
        }
        Json booking;
        if (auto err = m_store.advisorAction(id, action, *slot, nowMs(), booking, *p)) {
            sendError(res, err->status, err->code, err->reason);
            return;
        }
        sendJson(res, {{"booking", booking}});
    });

    s.Post(R"(/v1/advisor/surveys/([^/]+)/([a-z-]+))", [this, principal](const httplib::Request& req,
                                                                         httplib::Response& res) {
        auto p = principal(req, res, "advisor");
        if (!p) return;
        const std::string id = req.matches[1], action = req.matches[2];
        if (!core::isUuid(id)) {
            sendError(res, 400, "invalid_id", "survey id must be a UUID", "survey_id");
            return;
        }
        const auto date = optionalField(req, res, "date", "YYYY-MM-DD");
        if (!date) return;
        if (!date->empty() && !core::parseLocalDate(*date)) {
            sendError(res, 400, "invalid_date", "date must be YYYY-MM-DD", "date");
            return;
        }
        Json survey;
        if (auto err = m_store.surveyAction(id, action, *date, nowMs(), survey, *p)) {
            sendError(res, err->status, err->code, err->reason, err->code.find("date") != std::string::npos ? "date" : "");
            return;
        }
        sendJson(res, {{"survey", survey}});
    });

    s.Post("/v1/admin/devices", [this](const httplib::Request& req, httplib::Response& res) {
        if (m_options.adminToken.empty()) {
            sendError(res, 404, "not_found", "device registration over HTTP is disabled (no admin token)");
            return;
        }
        if (req.get_header_value("Authorization") != "Bearer " + m_options.adminToken) {
            sendError(res, 401, "unauthorized", "the admin token is required");
            return;
        }
        auto body = parseBody(req, res);
        if (!body) return;
        if (!body->is_object() || !body->contains("device_id") || !(*body)["device_id"].is_string() ||
            !core::isValidId((*body)["device_id"].get<std::string>()) || !body->contains("role") ||
            !(*body)["role"].is_string() ||
            ((*body)["role"] != "kiosk" && (*body)["role"] != "advisor") || body->size() != 2) {
            sendError(res, 400, "invalid_device", "body must be {\"device_id\": id, \"role\": \"kiosk\"|\"advisor\"}");
            return;
        }
        const std::string token = m_store.registerDevice((*body)["device_id"], (*body)["role"], nowMs());
        sendJson(res, {{"device_id", (*body)["device_id"]}, {"token", token}});
    });

    s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413) sendError(res, 413, "too_large", "the body is larger than the hub accepts");
        else if (res.status == 404) sendError(res, 404, "not_found", "no such endpoint");
        else sendError(res, res.status, "error", "request refused");
    });
    s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        // Busy or I/O trouble: the kiosk retries with backoff; the transaction rolled back.
        sendError(res, 503, "unavailable", "the hub could not complete the request; retry later");
        std::fprintf(stderr, "sales-hub: request failed: %s\n", what.c_str());
    });
}

}  // namespace hub
