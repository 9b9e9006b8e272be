#pragma once
// Opening the buying guide from another screen (attract, model chooser, advisor mode).
#include "KioskContext.h"
#include "ScreenId.h"
#include "Visit.h"

namespace kiosk {

// Shows the guide's first question, keeping any answers given earlier in this visit (the fit
// check's answer stands in for "can you charge at home?"); "back" returns to `returnTo`.
void openGuide(KioskContext& ctx, Visit& visit, ScreenId returnTo);

}  // namespace kiosk
