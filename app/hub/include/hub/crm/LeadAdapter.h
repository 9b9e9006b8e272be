#pragma once
// LeadFormat: one lead format the hub can forward to a dealer's CRM, registered by name (the
// "format" of a CRM adapter in the configuration), as SqlBackend is opened by connection string.
// A format checks its adapter's configuration and renders one outbox item into a document (body,
// content type, extra headers, drop-folder file name); CrmForwarder delivers it. Adding a format:
// one file that implements LeadFormat plus its line in LeadFormatRegistry.cpp. Pure; any thread.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Catalog.h"
#include "hub/HubSettings.h"
#include "hub/store/Types.h"

namespace hub::crm {

struct AdapterConfig {
    std::string name;      // [a-z0-9-]; the outbox key
    std::string format;    // a registered LeadFormat name: "adf" or "webhook"
    std::string url;       // HTTP(S) POST target ...
    std::string folder;    // ... or a drop folder (formats that allow one): written atomically
    std::string secret;    // the signing key of formats that sign
    int timeoutMs = 5000;  // per request
};

// One outbox item rendered for delivery.
struct LeadDocument {
    std::string body;
    std::string contentType;
    std::string fileName;  // in a drop folder
    std::string supersedes;  // a drop-folder file this one makes obsolete: overwritten and removed once it is written
    std::vector<std::pair<std::string, std::string>> headers;
};

// A configuration problem: the JSON path below the adapter ("/secret", "" for the adapter) and why.
struct ConfigProblem {
    std::string path;
    std::string message;
};

class LeadFormat {
public:
    virtual ~LeadFormat() = default;
    virtual bool allowsDropFolder() const = 0;
    virtual std::optional<ConfigProblem> checkConfig(const AdapterConfig& adapter) const = 0;
    virtual LeadDocument render(const AdapterConfig& adapter, const OutboxItem& item, const Lead& lead,
                                const HubSettings& settings, const core::Catalog& catalog, std::int64_t nowMs) const = 0;
};

// The registered format of that name, or nullptr.
const LeadFormat* findLeadFormat(std::string_view name);
// The registered names, sorted, for error messages.
std::vector<std::string> leadFormatNames();

}  // namespace hub::crm
