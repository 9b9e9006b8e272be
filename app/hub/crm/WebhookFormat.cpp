// The canonical JSON lead document over a signed webhook (HTTP POST only): X-Lead-Timestamp and
// X-Lead-Signature (HMAC-SHA256 over "timestamp.body" with the adapter's secret).
#include <memory>

#include "hub/crm/LeadAdapter.h"
#include "hub/crm/LeadFormats.h"

namespace hub::crm {
namespace {

class WebhookFormat final : public LeadFormat {
public:
    bool allowsDropFolder() const override { return false; }
    std::optional<ConfigProblem> checkConfig(const AdapterConfig& adapter) const override {
        if (adapter.secret.size() < 16) return ConfigProblem{"/secret", "a webhook needs a secret of at least 16 characters"};
        return std::nullopt;
    }
    LeadDocument render(const AdapterConfig& adapter, const OutboxItem& item, const Lead& lead,
                        const HubSettings& settings, const core::Catalog& catalog, std::int64_t nowMs) const override {
        LeadDocument doc;
        doc.body = leadToJson(lead, item.kind, item.eventId, settings, catalog).dump();
        doc.contentType = "application/json";
        const std::string ts = std::to_string(nowMs / 1000);
        doc.headers.emplace_back("X-Lead-Timestamp", ts);
        doc.headers.emplace_back("X-Lead-Signature", "v1=" + webhookSignature(adapter.secret, ts, doc.body));
        return doc;
    }
};

}  // namespace

std::unique_ptr<LeadFormat> makeWebhookFormat() { return std::make_unique<WebhookFormat>(); }

}  // namespace hub::crm
