#pragma once
// ScreenId: the kiosk's screens as a typed id. One table (ScreenId.cpp) maps each id to its name in
// state dumps, scripts and --screen, to its content analytics id and to its idle-timer context, and
// names the controller that runs it; code switches on the id, never on a name.
#include <optional>
#include <string>

#include "core/session/IdleTimer.h"

namespace kiosk {

enum class ScreenId {
    Attract,       // the attract loop before a visit
    Models,        // the model chooser
    Configure,     // the configurator with the car
    Summary,       // price, financing, range scenarios, the code and its QR
    Compare,       // the kept car beside the current one
    FitCheck,      // home-charging fit check
    Survey,        // home-charger site survey form
    Booking,       // test-drive booking form
    Confirmation,  // after a booking or a survey request
    AdvisorPin,    // the advisor's PIN pad
    Advisor,       // advisor tools and the day's test drives
    Guide,         // the buying guide: questions about the customer's week, then recommended cars
    Viewer,        // --model / --config / --trim: nothing but the car
    OutOfOrder,    // after an error, until a fresh visit starts
};

// The name in state dumps, scripts ("expect_screen") and logs: "fit-check", "advisor-pin", ...
const char* screenName(ScreenId id);
// The inverse of screenName; nullopt for an unknown name.
std::optional<ScreenId> screenFromName(const std::string& name);
// The content's analytics screen id ("configure" -> "configurator"); "" when the screen has none.
const char* analyticsScreen(ScreenId id);
// How long the idle timer lets the screen sit untouched.
core::session::IdleContext idleContextOf(ScreenId id);

}  // namespace kiosk
