#include "hub/ContentPublisher.h"

#include <cctype>

#include "contentpack/ContentBundle.h"
#include "contentpack/ContentCheck.h"

namespace hub {
namespace {

// The manifest's content_version as the start of a version id ([A-Za-z0-9._-], others become '-').
std::string versionBase(const std::string& contentVersion) {
    std::string base;
    for (char ch : contentVersion.substr(0, 60))
        base += std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-' ? ch : '-';
    while (!base.empty() && base.front() == '.') base.erase(0, 1);
    return base.empty() ? "content" : base;
}

}  // namespace

ContentRefused::ContentRefused(const std::string& folder, core::ContentErrors errors)
    : std::runtime_error(std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors") + " in " + folder +
                         ": not published"),
      m_errors(std::move(errors)) {}

PublishedContent publishContent(HubStore& store, const std::string& folder, const std::string& signingSeedHex,
                                std::int64_t nowMs) {
    const auto check = contentpack::checkPublishedFolder(folder);
    if (!check.ok()) throw ContentRefused(folder, check.errors);
    PublishedContent published;
    published.number = store.content().nextNumber();
    const std::string suffix = "r" + std::to_string(published.number);
    published.version = versionBase(check.catalog->contentVersion) + "-" + suffix;
    contentpack::ContentBundle bundle = contentpack::readFolder(folder);
    contentpack::stampVersion(bundle, suffix);
    bundle.version = published.version;
    const std::string bytes = contentpack::toBytes(bundle);
    published.sha256 = contentpack::sha256Hex(bytes);
    published.signature = contentpack::sign(bytes, signingSeedHex);
    published.sizeBytes = static_cast<std::int64_t>(bytes.size());
    published.source = folder;
    published.publishedMs = nowMs;
    store.content().add(published, bytes);
    return published;
}

}  // namespace hub
