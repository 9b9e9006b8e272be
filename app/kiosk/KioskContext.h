#pragma once
// KioskContext: what the screen controllers work with besides the visit: the content, today's
// date, the 3D car, the booking store and sync, the advisor desk, the insight recorder, the PIN
// lock and the frame clock. Built and owned by the App, after everything it points to; lives as
// long as the App. Nothing personal is kept here (that is the Visit's). UI thread only.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "AdvisorDesk.h"
#include "BookingFlow.h"
#include "CarView.h"
#include "KioskContent.h"
#include "SessionInsight.h"
#include "core/pricing/Date.h"
#include "core/session/AdvisorLock.h"
#include "ui/PinyinEngine.h"

namespace kiosk {

struct Visit;

struct KioskContext {
    const KioskContent& content;
    const core::Catalog& catalog;
    const core::pricing::Date& today;
    CarView* carView = nullptr;          // null: 3D is off or the renderer could not start
    BookingFlow* bookingFlow = nullptr;  // null: the store could not open; booking is refused politely
    SessionInsight& insight;
    AdvisorDesk& desk;
    core::session::AdvisorLock& advisorLock;
    ui::PinyinEngine& pinyin;
    const double& clock;                 // seconds; the App's frame clock
    std::vector<double>& pickMs;         // --bench: applying each option pick
    // Characters a screen shows that the font atlas may lack (typed hanzi): the App adds them.
    std::function<void(const std::string&)> coverGlyphs;
    // The visit is over ("done" on the confirmation): the App starts a fresh one after this screen.
    std::function<void()> endVisit;
    // When the advisor's list was last read; a booking makes it due at once.
    double deskReadAt = -1e9;
    // The kiosk runs on fallback content (the newest did not load): why, for the advisor-mode banner.
    std::string contentNotice = {};

    std::int64_t nowSeconds() const;  // wall-clock time for insight events and the desk's day
};

}  // namespace kiosk
