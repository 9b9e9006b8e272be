#pragma once
// ContentSync: the kiosk's half of published content (docs/sync-protocol.md, "Content versions").
// One round: deliver the shelf's pending report to the hub; ask for the latest version; when it is
// new, download its bundle, check size and hash, verify the Ed25519 signature against the key in
// the kiosk's configuration, unpack, run the full content check and stage it as `next` on the
// shelf (the kiosk switches at its next moment between visits). A version that fails any step is
// refused and the reason reported; the shelf's current version is never touched here.
// Runs on the caller's thread (the SyncWorker's); one ContentClient per thread.
#include <memory>
#include <optional>
#include <string>

#include "contentpack/ContentShelf.h"
#include "sync/SyncClient.h"

namespace httplib {
class Client;
}

namespace kiosksync {

struct ContentOffer {
    std::string version;
    std::string sha256;
    std::string signature;
    std::int64_t size = 0;
};

class ContentClient {
public:
    explicit ContentClient(ClientOptions options);
    ~ContentClient();
    ContentClient(const ContentClient&) = delete;
    ContentClient& operator=(const ContentClient&) = delete;

    // The latest version, nullopt when none is published (404 no_content) or on failure (`error` set).
    std::optional<ContentOffer> latest(std::string& error);
    // The bundle's bytes; nullopt with `error` set when the download failed or was cut short.
    std::optional<std::string> bundle(const std::string& version, std::int64_t expectedSize, std::string& error);
    bool report(const std::string& kioskId, const contentpack::ContentReport& report, std::string& error);

private:
    ClientOptions m_options;
    std::unique_ptr<httplib::Client> m_client;
};

struct ContentRoundResult {
    std::string staged;   // a version staged as next this round
    std::string refused;  // a version refused this round (reason in the shelf's report)
    std::string error;    // the hub could not be asked (retry later); "" when the round finished
};

ContentRoundResult runContentRound(contentpack::ContentShelf& shelf, ContentClient& client, const std::string& kioskId,
                                   const std::string& publicKeyHex);

}  // namespace kiosksync
