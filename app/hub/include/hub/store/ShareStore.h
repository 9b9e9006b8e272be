#pragma once
// ShareStore: what a share link's phone page writes. A call-back request becomes a lead (a row of
// the bookings table, mode "callback", personal fields sealed like a test drive's), queued once per
// CRM adapter; the anonymous page-opened events join the analytics events the demand report reads.
#include <cstdint>
#include <string>

#include "hub/ShareCallback.h"

namespace hub {

struct StoreContext;

class ShareStore {
public:
    static constexpr const char* kKioskId = "share-page";  // the "device" of leads and events from the page

    explicit ShareStore(StoreContext& ctx) : m_ctx(ctx) {}
    // Stores the request and queues its CRM lead; false when a request with this id was stored
    // already (a form sent twice), which then changes nothing.
    bool recordCallback(const CallbackRequest& request, std::int64_t nowMs);
    // One anonymous analytics event line (already checked against the vocabulary).
    void recordEvent(const std::string& eventId, std::int64_t timeS, const std::string& line, std::int64_t nowMs);

private:
    StoreContext& m_ctx;
};

}  // namespace hub
