#pragma once
// A call-back request from a share link's phone page: stored as a lead (a row of the bookings
// table with mode "callback"), so the CRM outbox forwards it like a test-drive lead, the advisor
// desk lists it beside test drives and the retention purge erases it. `slot` holds the start of
// the preferred period ("YYYY-MM-DDTHH:MM", showroom local). Plain values; any thread.
#include <cstdint>
#include <optional>
#include <string>

namespace hub {

// The periods a customer may ask to be called in (the form's choice, the CRM's time frame).
struct CallbackPeriod {
    const char* id;  // "morning", also the ui string "share.<id>"
    int startHour;
    int hours;
};
inline constexpr CallbackPeriod kCallbackPeriods[] = {{"morning", 9, 3}, {"afternoon", 12, 6}, {"evening", 18, 2}};
inline constexpr int kCallbackDays = 3;  // today and the next two days

// The period starting at `slot`'s hour, or nullopt.
inline std::optional<CallbackPeriod> callbackPeriodOf(const std::string& slot) {
    if (slot.size() < 13) return std::nullopt;
    for (const auto& p : kCallbackPeriods)
        if (slot.compare(11, 2, (p.startHour < 10 ? "0" : "") + std::to_string(p.startHour)) == 0) return p;
    return std::nullopt;
}

struct CallbackRequest {
    std::string requestId;  // UUIDv7 made when the page was rendered: the lead's id, so a resent form stores once
    std::string code;       // the configuration code
    std::string model, trim;
    std::string name, mobile;  // personal; mobile canonical E.164
    std::string slot;          // preferred period start "YYYY-MM-DDTHH:MM"
    std::string consentVersion;
    bool contactPermission = false;  // the separate, unticked marketing choice
};

}  // namespace hub
