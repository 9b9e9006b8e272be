#include "sync/ContentSync.h"

#include "HubHttp.h"
#include "contentpack/ContentBundle.h"

namespace kiosksync {
namespace {

using Json = nlohmann::json;
using contentpack::ContentReport;
using contentpack::Slot;

constexpr std::int64_t kMaxBundleBytes = 256LL << 20;


// Why the offered bundle cannot be used, or "" with `bundle` set.
std::string checkBundle(const ContentOffer& offer, const std::string& bytes, const std::string& publicKeyHex,
                        contentpack::ContentBundle& bundle) {
    if (static_cast<std::int64_t>(bytes.size()) != offer.size)
        return "truncated download: " + std::to_string(bytes.size()) + " of " + std::to_string(offer.size) + " bytes";
    if (contentpack::sha256Hex(bytes) != offer.sha256) return "the download does not match its sha256";
    if (!contentpack::verify(bytes, offer.signature, publicKeyHex))
        return "bad signature: not signed by the key in this kiosk's configuration (content_public_key)";
    auto parsed = contentpack::parseBundle(bytes);
    if (!parsed) return parsed.error();
    if (parsed->version != offer.version) return "the bundle is version " + parsed->version + ", not " + offer.version;
    bundle = std::move(*parsed);
    return "";
}

}  // namespace

ContentClient::ContentClient(ClientOptions options) : m_options(std::move(options)), m_client(makeHubClient(m_options)) {
    m_client->set_bearer_token_auth(m_options.token);
}

ContentClient::~ContentClient() = default;

std::optional<ContentOffer> ContentClient::latest(std::string& error) {
    error.clear();
    const auto res = m_client->Get("/v1/content/latest");
    if (!res) {
        error = transportError(res, *m_client, m_options);
        return std::nullopt;
    }
    const Json j = Json::parse(res->body, nullptr, false);
    if (res->status == 404 && j.is_object() && replyText(j, "error") == "no_content") return std::nullopt;
    if (res->status != 200 || !j.is_object()) {
        error = "content offer: HTTP " + std::to_string(res->status);
        return std::nullopt;
    }
    ContentOffer offer{replyText(j, "version"), replyText(j, "sha256"), replyText(j, "signature"), 0};
    if (j.contains("size") && j["size"].is_number_integer()) offer.size = j["size"].get<std::int64_t>();
    if (!contentpack::isVersionId(offer.version) || offer.size <= 0 || offer.size > kMaxBundleBytes) {
        error = "content offer: malformed answer";
        return std::nullopt;
    }
    return offer;
}

std::optional<std::string> ContentClient::bundle(const std::string& version, std::int64_t expectedSize, std::string& error) {
    std::string bytes;
    bool tooLarge = false;
    const auto res = m_client->Get("/v1/content/versions/" + version, [&](const char* data, size_t length) {
        bytes.append(data, length);
        tooLarge = static_cast<std::int64_t>(bytes.size()) > expectedSize;
        return !tooLarge;
    });
    if (tooLarge) {
        error = "the download is larger than the " + std::to_string(expectedSize) + " bytes offered";
        return std::nullopt;
    }
    if (!res) {
        error = "truncated download: " + std::to_string(bytes.size()) + " of " + std::to_string(expectedSize) +
                " bytes (" + transportError(res, *m_client, m_options) + ")";
        return std::nullopt;
    }
    if (res->status != 200) {
        error = "download failed: HTTP " + std::to_string(res->status);
        return std::nullopt;
    }
    return bytes;
}

bool ContentClient::report(const std::string& kioskId, const ContentReport& r, std::string& error) {
    const Json body = {{"protocol", core::kSyncProtocolVersion}, {"kiosk_id", kioskId}, {"version", r.version},
                       {"status", r.status}, {"reason", r.reason}};
    const auto res = m_client->Post("/v1/content/reports", body.dump(), "application/json");
    if (!res) error = transportError(res, *m_client, m_options);
    else if (res->status != 200) error = "content report: HTTP " + std::to_string(res->status);
    return res && res->status == 200;
}

ContentRoundResult runContentRound(contentpack::ContentShelf& shelf, ContentClient& client, const std::string& kioskId,
                                   const std::string& publicKeyHex) {
    ContentRoundResult result;
    auto deliver = [&] {
        const auto pending = shelf.report();
        if (!pending || !shelf.reportPending()) return true;
        if (!client.report(kioskId, *pending, result.error)) return false;
        shelf.reportDelivered(*pending);
        return true;
    };
    if (!deliver()) return result;
    const auto offer = client.latest(result.error);
    if (!offer) return result;
    if (offer->version == shelf.version(Slot::Current) || offer->version == shelf.version(Slot::Next)) return result;
    const auto last = shelf.report();
    if (last && last->version == offer->version && last->status == "refused" && last->permanent) return result;
    std::string why;
    bool permanent = false;
    contentpack::ContentBundle bundle;
    if (auto bytes = client.bundle(offer->version, offer->size, why)) {
        why = checkBundle(*offer, *bytes, publicKeyHex, bundle);
        permanent = !why.empty() && why.rfind("truncated", 0) != 0;
        if (why.empty()) {
            try {
                why = shelf.stage(bundle);
                permanent = !why.empty();
            } catch (const std::exception& e) {
                why = std::string("cannot stage: ") + e.what();
            }
        }
    }
    if (why.empty()) {
        shelf.point(Slot::Next, offer->version);
        shelf.setReport({offer->version, "staged", "", false});
        result.staged = offer->version;
    } else {
        shelf.setReport({offer->version, "refused", why, permanent});
        result.refused = offer->version;
    }
    deliver();
    return result;
}

}  // namespace kiosksync
