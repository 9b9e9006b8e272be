#pragma once
// AnalyticsStore: anonymous analytics events (checked against the content's vocabulary on the
// way in, see SyncStore) kept for the demand report.
#include <string>
#include <vector>

namespace hub {

struct StoreContext;

class AnalyticsStore {
public:
    explicit AnalyticsStore(StoreContext& ctx) : m_ctx(ctx) {}
    // Every stored event as an events-file line (the form `kioskctl report` reads), in the order
    // the kiosks recorded them (event time, then arrival).
    std::vector<std::string> lines();

private:
    StoreContext& m_ctx;
};

}  // namespace hub
