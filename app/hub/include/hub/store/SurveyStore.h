#pragma once
// SurveyStore: home-charger site surveys at the advisor desk (personal, audited, erased like
// bookings). Surveys arrive through the sync push (SyncStore, checked against the charging
// content).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/SyncProtocol.h"
#include "hub/store/Types.h"

namespace hub {

struct StoreContext;

class SurveyStore {
public:
    explicit SurveyStore(StoreContext& ctx) : m_ctx(ctx) {}
    // Surveys whose preferred day is `date`: names and masked mobiles; each listed survey audited.
    std::vector<DeskSurvey> forDay(const std::string& date, const Principal& who, std::int64_t nowMs);
    // One survey in full (mobile, district, consent version, erased and withdrawn marks); audited.
    std::optional<DeskSurvey> detail(const std::string& surveyId, const Principal& who, std::int64_t nowMs);
    // scheduled (requested -> scheduled; newDate, if not empty, moves the preferred day), done
    // (scheduled -> done), cancel (requested/scheduled -> cancelled), withdraw (any state, once:
    // personal fields erased now, a survey still to come cancelled). Each is audited, closes the
    // survey's open advisor task and is published to the survey's kiosk in the pull feed.
    std::optional<ApiError> act(const std::string& surveyId, const std::string& action, const std::string& newDate,
                                std::int64_t nowMs, core::HubSurvey& survey, const Principal& who = {"", "system", ""});

private:
    StoreContext& m_ctx;
};

}  // namespace hub
