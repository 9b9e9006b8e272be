#pragma once
// The three kinds of sync-push event, each applied inside the push's write transaction (the
// context's mutex held): bookings (SyncStore.cpp), site surveys (SurveyStore.cpp) and analytics
// events (AnalyticsStore.cpp). Internal to hub_lib.
#include <cstdint>
#include <string>

#include "core/protocol/SyncProtocol.h"

namespace hub {

struct StoreContext;

// Marks `r` rejected by the first of `errors` (its field and message); false when there are none.
inline bool rejectedBy(core::EventResult& r, const core::FieldErrors& errors) {
    if (errors.empty()) return false;
    r.outcome = core::EventOutcome::Rejected;
    r.field = errors.front().field;
    r.reason = errors.front().message;
    return true;
}

core::EventResult applySurveyEvent(StoreContext& ctx, const std::string& kioskId, const core::PushEvent& e,
                                   std::int64_t nowMs);
core::EventResult applyAnalyticsEvent(StoreContext& ctx, const std::string& kioskId, const core::PushEvent& e,
                                      std::int64_t nowMs);

}  // namespace hub
