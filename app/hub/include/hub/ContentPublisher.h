#pragma once
// Publishing content at the hub (`sales-hub content publish DIR`): the folder must pass the full
// content check (contentpack::checkPublishedFolder, as `kioskctl validate` runs it, for every
// market in it); it gets the next number, its manifests' content_version gets "-r<number>", and
// the bundle is signed with the hub's content signing key (Ed25519) and stored. Kiosks fetch it
// on their next sync.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/ContentError.h"
#include "hub/HubStore.h"

namespace hub {

// The folder failed the content check: every problem, naming file and JSON path.
class ContentRefused : public std::runtime_error {
public:
    ContentRefused(const std::string& folder, core::ContentErrors errors);
    const core::ContentErrors& errors() const { return m_errors; }

private:
    core::ContentErrors m_errors;
};

// Throws ContentRefused, or std::runtime_error for a folder it cannot read.
PublishedContent publishContent(HubStore& store, const std::string& folder, const std::string& signingSeedHex,
                                std::int64_t nowMs);

}  // namespace hub
