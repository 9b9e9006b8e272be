#pragma once
// The HTTP plumbing every hub route shares (internal to hub_lib): error and JSON answers, the
// strict JSON body parser (content type, nesting depth, no echo of the input), an action's
// optional one-field body and bounded integer query parameters.
#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace hub {

// A field name as an answer may quote it: letters, digits and _-.[]/ only (others become '?'),
// at most kMaxFieldChars (then "..."). An unknown key is the client's own text: it is never
// echoed in full or with markup.
constexpr size_t kMaxFieldChars = 64;
std::string safeField(const std::string& field);
void sendError(httplib::Response& res, int status, const std::string& code, const std::string& reason,
               const std::string& field = "");
void sendJson(httplib::Response& res, const nlohmann::json& j);
// A POST body read through the route's content reader, only when asked: the token is checked
// first. A handler that never reads it leaves the body on the wire, so the connection closes.
class LazyBody {
public:
    explicit LazyBody(const httplib::ContentReader& reader) : m_reader(reader) {}
    // The body, or nullopt once it was answered (413 too large, 408 not in time).
    std::optional<std::string> read(httplib::Response& res);
    bool consumed() const { return m_consumed; }

private:
    const httplib::ContentReader& m_reader;
    bool m_consumed = false;
};

// The body as JSON, or nullopt once a 415/400 (or 413/408) was sent.
std::optional<nlohmann::json> parseBody(const httplib::Request& req, LazyBody& body, httplib::Response& res);
// An action's optional body, which may hold only {"<field>": "<text>"}: the text, "" without a
// body (or with {}), or nullopt once an error was sent.
std::optional<std::string> optionalField(const httplib::Request& req, LazyBody& body, httplib::Response& res,
                                         const std::string& field, const std::string& example);
std::optional<std::int64_t> queryInt(const httplib::Request& req, const char* name, std::int64_t fallback,
                                     std::int64_t min, std::int64_t max, httplib::Response& res);

}  // namespace hub
