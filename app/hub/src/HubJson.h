#pragma once
// The advisor API's wire JSON for what the stores return (internal to hub_lib; the sync
// protocol's own shapes are in core/protocol). The only place the hub writes these documents.
#include <vector>

#include <nlohmann/json.hpp>

#include "hub/store/Types.h"

namespace hub {

// The day list: name and masked mobile. The detail: mobile, e-mail, consent, erased mark.
nlohmann::json bookingListJson(const DeskBooking& b);
nlohmann::json bookingDetailJson(const DeskBooking& b);
nlohmann::json surveyListJson(const DeskSurvey& s);
nlohmann::json surveyDetailJson(const DeskSurvey& s);
nlohmann::json toJson(const AdvisorTask& t);
nlohmann::json toJson(const AuditEntry& e);

template <typename T, typename F>
nlohmann::json jsonArray(const std::vector<T>& items, F&& convert) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : items) out.push_back(convert(item));
    return out;
}

}  // namespace hub
