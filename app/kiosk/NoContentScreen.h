#pragma once
// NoContentScreen: what the kiosk shows when no content loads at all (not the folder, not the last
// version that loaded): "out of order" in Chinese, English and German with the support phone number
// from the kiosk configuration (support_phone / KIOSK_SUPPORT_PHONE: with the content broken, the
// number cannot come from content). Needs only GLFW, ImGui and the CJK font; no catalog.
// Main thread only.
#include <string>

#include "KioskOptions.h"

namespace kiosk {

// The screen's text: the out-of-order line, then the phone line ("ask a member of staff" without one).
std::string noContentText(const std::string& supportPhone);

// Shows the screen until the window closes (returns 0), --screenshot is written (0, or 1 when it
// cannot be; with --layout-dump the screen's state as JSON beside it), or `retrySeconds` pass (returns kRetryContent: the caller tries the content again).
constexpr int kRetryContent = 76;
int runNoContentScreen(const KioskOptions& options, const std::string& supportPhone, double retrySeconds = 60);

}  // namespace kiosk
