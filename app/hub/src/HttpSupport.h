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

void sendError(httplib::Response& res, int status, const std::string& code, const std::string& reason,
               const std::string& field = "");
void sendJson(httplib::Response& res, const nlohmann::json& j);
// The body as JSON, or nullopt once a 415/400 was sent.
std::optional<nlohmann::json> parseBody(const httplib::Request& req, httplib::Response& res);
// An action's optional body, which may hold only {"<field>": "<text>"}: the text, "" without a
// body (or with {}), or nullopt once an error was sent.
std::optional<std::string> optionalField(const httplib::Request& req, httplib::Response& res, const std::string& field,
                                         const std::string& example);
std::optional<std::int64_t> queryInt(const httplib::Request& req, const char* name, std::int64_t fallback,
                                     std::int64_t min, std::int64_t max, httplib::Response& res);

}  // namespace hub
