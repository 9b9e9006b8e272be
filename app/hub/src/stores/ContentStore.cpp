#include "hub/store/ContentStore.h"

#include "stores/StoreContext.h"

namespace hub {
namespace {

constexpr const char* kColumns = "number, version, sha256, signature, size_bytes, source, published_ms";

PublishedContent published(const SqlRow& row) {
    return {row.integer(0), row.text(1), row.text(2), row.text(3), row.integer(4), row.text(5), row.integer(6)};
}

}  // namespace

std::int64_t ContentStore::nextNumber() {
    std::lock_guard lock(m_ctx.mutex);
    auto r = m_ctx.db->run("SELECT COALESCE(MAX(number), 0) + 1 FROM content_versions");
    return r.empty() ? 1 : r.front().integer(0);
}

void ContentStore::add(const PublishedContent& c, const std::string& bundle) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        m_ctx.db->run(std::string("INSERT INTO content_versions(") + kColumns + ", bundle) VALUES(?,?,?,?,?,?,?,?)",
                      P{c.number, c.version, c.sha256, c.signature, c.sizeBytes, c.source, c.publishedMs, bundle});
    });
}

std::optional<PublishedContent> ContentStore::latest() {
    std::lock_guard lock(m_ctx.mutex);
    auto r = m_ctx.db->run(std::string("SELECT ") + kColumns + " FROM content_versions ORDER BY number DESC LIMIT 1");
    if (r.empty()) return std::nullopt;
    return published(r.front());
}

std::vector<PublishedContent> ContentStore::versions() {
    std::lock_guard lock(m_ctx.mutex);
    std::vector<PublishedContent> out;
    for (const auto& row : m_ctx.db->run(std::string("SELECT ") + kColumns + " FROM content_versions ORDER BY number").rows)
        out.push_back(published(row));
    return out;
}

std::optional<std::string> ContentStore::bundle(const std::string& version) {
    std::lock_guard lock(m_ctx.mutex);
    auto r = m_ctx.db->run("SELECT bundle FROM content_versions WHERE version = ?", P{version});
    if (r.empty()) return std::nullopt;
    return r.front().text(0);
}

void ContentStore::report(const KioskContentReport& k) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        m_ctx.db->run("INSERT INTO content_reports(kiosk_id, version, status, reason, at_ms) VALUES(?,?,?,?,?)",
                      P{k.kioskId, k.version, k.status, k.reason, k.atMs});
    });
}

std::vector<KioskContentReport> ContentStore::reports() {
    std::lock_guard lock(m_ctx.mutex);
    std::vector<KioskContentReport> out;
    for (const auto& row :
         m_ctx.db->run("SELECT kiosk_id, version, status, reason, at_ms FROM content_reports ORDER BY id").rows)
        out.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4)});
    return out;
}

}  // namespace hub
