#pragma once
// The HTTP(S) client both hub clients use (internal to sync): timeouts, no keep-alive, and for
// https:// the server certificate checked against ClientOptions::caFile (a private CA) or the
// system's CA store, host name included. transportError() says in words why no answer came.
#include <httplib.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/SyncClient.h"

namespace kiosksync {

// A string field of a hub reply; empty when it is absent or not a string.
inline std::string replyText(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::unique_ptr<httplib::Client> makeHubClient(const ClientOptions& options);

// "no answer: ..." for a request that got no HTTP answer; a refused certificate is named as
// such (self-signed, not signed by a trusted CA, not for this host).
std::string transportError(const httplib::Result& result, httplib::Client& client, const ClientOptions& options);

}  // namespace kiosksync
