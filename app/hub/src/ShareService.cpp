#include "ShareService.h"

#include <algorithm>
#include <cstdio>

#include "core/booking/BookingSettings.h"

namespace hub {
namespace {
constexpr size_t kMaxTrackedAddresses = 100'000;  // beyond this the buckets start afresh (memory bound)
}

ShareService::ShareService(const core::Catalog& catalog, ShareOptions options)
    : m_options(std::move(options)), m_zone(catalog.market.timeZone) {
    if (!catalog.moduleFiles.count("pricing") || !catalog.moduleFiles.count("range")) return;
    try {
        m_content = std::make_unique<ShareContent>(catalog);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sales-hub: share pages off: %s\n", e.what());
    }
}

core::pricing::Date ShareService::today(std::int64_t nowMs) const {
    if (auto d = core::pricing::Date::parse(m_options.today)) return *d;
    return core::pricing::Date::at(m_zone, nowMs / 1000);
}

bool ShareService::take(std::map<std::string, Bucket>& buckets, const std::string& address, double perSecond, double burst) {
    std::lock_guard lock(m_mutex);
    if (buckets.size() > kMaxTrackedAddresses) buckets.clear();
    const auto now = std::chrono::steady_clock::now();
    auto [it, fresh] = buckets.try_emplace(address);
    Bucket& b = it->second;
    if (fresh) b = {burst, now};
    b.tokens = std::min(burst, b.tokens + std::chrono::duration<double>(now - b.last).count() * perSecond);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
}

}  // namespace hub
