#include "HttpSupport.h"

#include <cctype>
#include <cstring>
#include <regex>

namespace hub {
namespace {

using Json = nlohmann::json;

constexpr int kMaxJsonDepth = 16;

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

// The media type of a Content-Type header, lower case, without parameters ("; charset=utf-8").
std::string mediaType(const std::string& header) {
    std::string type = header.substr(0, header.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    size_t start = 0;
    while (start < type.size() && (type[start] == ' ' || type[start] == '\t')) ++start;
    type = type.substr(start);
    for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return type;
}

std::optional<Json> parseJson(const httplib::Request& req, const std::string& body, httplib::Response& res) {
    const std::string type = req.get_header_value("Content-Type");
    if (mediaType(type) != "application/json") {
        sendError(res, 415, "unsupported_media_type", "Content-Type must be application/json");
        return std::nullopt;
    }
    if (!depthWithin(body, kMaxJsonDepth)) {
        sendError(res, 400, "too_deep", "JSON nesting deeper than " + std::to_string(kMaxJsonDepth));
        return std::nullopt;
    }
    try {
        return Json::parse(body);
    } catch (const Json::parse_error& e) {
        // The position only: the parser's message quotes the input, which must not be echoed.
        sendError(res, 400, "malformed_json", "malformed JSON (or invalid UTF-8) near byte " + std::to_string(e.byte));
        return std::nullopt;
    }
}

}  // namespace

std::string safeField(const std::string& field) {
    std::string out;
    for (char ch : field) {
        if (out.size() >= kMaxFieldChars) {
            out += "...";
            break;
        }
        const bool plain = std::isalnum(static_cast<unsigned char>(ch)) || (ch != '\0' && std::strchr("_-.[]/", ch));
        out += plain ? ch : '?';
    }
    return out;
}

void sendError(httplib::Response& res, int status, const std::string& code, const std::string& reason,
               const std::string& field) {
    Json j = {{"error", code}, {"reason", reason}};
    if (!field.empty()) j["field"] = safeField(field);
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

void sendJson(httplib::Response& res, const Json& j) {
    res.status = 200;
    res.set_content(j.dump(), "application/json");
}

std::optional<std::string> LazyBody::read(httplib::Response& res) {
    std::string body;
    m_consumed = true;
    const bool complete = m_reader([&](const char* data, size_t length) {
        body.append(data, length);
        return true;
    });
    if (complete) return body;
    // Too large (413, answered by the error handler) or not in time: the connection closes.
    if (res.status != 413) sendError(res, 408, "timeout", "the request body did not arrive in time");
    return std::nullopt;
}

std::optional<Json> parseBody(const httplib::Request& req, LazyBody& lazy, httplib::Response& res) {
    const auto body = lazy.read(res);
    if (!body) return std::nullopt;
    return parseJson(req, *body, res);
}

std::optional<std::string> optionalField(const httplib::Request& req, LazyBody& lazy, httplib::Response& res,
                                         const std::string& field, const std::string& example) {
    const auto text = lazy.read(res);
    if (!text) return std::nullopt;
    if (text->empty()) return std::string();
    auto body = parseJson(req, *text, res);
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

}  // namespace hub
