#pragma once
// IdleTimer: when a customer walks away, a visible countdown and then a session reset. Pure:
// the caller passes the time, so tests need no clock.
#include "core/session/KioskSettings.h"

namespace core::session {

enum class IdlePhase { Active, Countdown, Reset };

struct IdleStatus {
    IdlePhase phase = IdlePhase::Active;
    double secondsLeft = 0;  // in Countdown: until the reset
};

enum class IdleContext { Attract, Browsing, Form, Advisor };

// `sinceInputSeconds`: time since the last touch or key. The attract screen never times out.
IdleStatus idleStatus(const KioskSettings& settings, IdleContext context, double sinceInputSeconds);

}  // namespace core::session
