#pragma once
// SyncClient: the kiosk's HTTP client for the hub's sync endpoints (protocol v1, see
// docs/sync-protocol.md). Synchronous; one per thread; holds one cpp-httplib client.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/KioskStatus.h"
#include "core/protocol/SyncProtocol.h"

namespace httplib {
class Client;
}

namespace kiosksync {

struct ClientOptions {
    std::string hubUrl;   // "http://127.0.0.1:8470"
    std::string token;    // this kiosk's bearer token
    int connectTimeoutMs = 1500;
    int readTimeoutMs = 5000;
    // https:// only: a PEM file of the CA(s) the hub's certificate must chain to (a private CA);
    // "" = the system's CA store. The host name of hubUrl must match the certificate either way.
    std::string caFile;
};

// An answer or why not. `status` is the HTTP status (0 = no answer: connection failed or timed out).
template <typename T>
struct Reply {
    std::optional<T> value;
    int status = 0;
    std::string error;  // the hub's error code, or the transport error ("no answer: ...")
    std::string field;  // the hub's field for 4xx answers
    std::string reason;
    bool ok() const { return value.has_value(); }
};

class SyncClient {
public:
    explicit SyncClient(ClientOptions options);
    ~SyncClient();
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    Reply<core::PushResponse> push(const core::PushRequest& request);
    Reply<core::PullPage> pull(std::int64_t cursor, size_t limit);
    Reply<std::vector<core::AllocationGrant>> allocate(const std::string& kioskId,
                                                        const std::vector<core::AllocationAsk>& asks);
    // The kiosk's status for the hub's fleet list (POST /v1/sync/status); true once recorded.
    Reply<bool> reportStatus(const core::KioskStatus& status);

private:
    template <typename T>
    bool fromResult(const void* result, Reply<T>& reply, nlohmann::json& body);

    ClientOptions m_options;
    std::unique_ptr<httplib::Client> m_client;
};

}  // namespace kiosksync
