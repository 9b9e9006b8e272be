// ADF/XML 1.0 leads: over HTTP POST or as files in a drop folder (<booking id>.xml; a withdrawal
// <booking id>-withdrawal.xml, which replaces <booking id>.xml: that file, with the customer's
// name, is overwritten and removed). A second attempt is marked status="resend".
#include <memory>

#include "hub/crm/LeadAdapter.h"
#include "hub/crm/LeadFormats.h"

namespace hub::crm {
namespace {

class AdfFormat final : public LeadFormat {
public:
    bool allowsDropFolder() const override { return true; }
    std::optional<ConfigProblem> checkConfig(const AdapterConfig&) const override { return std::nullopt; }
    LeadDocument render(const AdapterConfig&, const OutboxItem& item, const Lead& lead, const HubSettings& settings,
                        const core::Catalog& catalog, std::int64_t) const override {
        LeadDocument doc;
        doc.body = leadToAdf(lead, item.kind, item.attempts > 1, settings, catalog);
        doc.contentType = "application/xml";
        doc.fileName = lead.bookingId + (item.kind == "withdrawal" ? "-withdrawal" : "") + ".xml";
        if (item.kind == "withdrawal") doc.supersedes = lead.bookingId + ".xml";
        return doc;
    }
};

}  // namespace

std::unique_ptr<LeadFormat> makeAdfFormat() { return std::make_unique<AdfFormat>(); }

}  // namespace hub::crm
