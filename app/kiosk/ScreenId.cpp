#include "ScreenId.h"

#include <array>
#include <iterator>

#include "screens/ScreenController.h"

namespace kiosk {
namespace {

using core::session::IdleContext;

struct ScreenInfo {
    ScreenId id;
    const char* name;       // dumps, scripts, logs
    const char* analytics;  // content analytics screen id, "" for none
    IdleContext idle;
    ControllerFactory controller;  // screens/<Name>Controller.cpp
};

// One line per screen, in ScreenId order: adding a screen is a ScreenId, a line here, its controller
// (screens/) and its ui:: view.
constexpr std::array kScreens = {
    ScreenInfo{ScreenId::Attract, "attract", "attract", IdleContext::Attract, &makeAttractController},
    ScreenInfo{ScreenId::Models, "models", "model_chooser", IdleContext::Browsing, &makeModelsController},
    ScreenInfo{ScreenId::Configure, "configure", "configurator", IdleContext::Browsing, &makeConfigureController},
    ScreenInfo{ScreenId::Summary, "summary", "summary", IdleContext::Browsing, &makeSummaryController},
    ScreenInfo{ScreenId::Compare, "compare", "summary", IdleContext::Browsing, &makeCompareController},
    ScreenInfo{ScreenId::FitCheck, "fit-check", "fit_check", IdleContext::Browsing, &makeFitCheckController},
    ScreenInfo{ScreenId::Survey, "survey", "survey_booking", IdleContext::Form, &makeSurveyController},
    ScreenInfo{ScreenId::Booking, "booking", "booking", IdleContext::Form, &makeBookingController},
    ScreenInfo{ScreenId::Confirmation, "confirmation", "", IdleContext::Form, &makeConfirmationController},
    ScreenInfo{ScreenId::AdvisorPin, "advisor-pin", "", IdleContext::Advisor, &makeAdvisorPinController},
    ScreenInfo{ScreenId::Advisor, "advisor", "", IdleContext::Advisor, &makeAdvisorController},
    ScreenInfo{ScreenId::Guide, "guide", "guide", IdleContext::Browsing, &makeGuideController},
    ScreenInfo{ScreenId::Viewer, "viewer", "", IdleContext::Browsing, &makeViewerController},
    ScreenInfo{ScreenId::OutOfOrder, "out-of-order", "", IdleContext::Attract, &makeOutOfOrderController},
};

constexpr bool inOrder() {
    for (size_t i = 0; i < kScreens.size(); ++i)
        if (static_cast<size_t>(kScreens[i].id) != i) return false;
    return true;
}
static_assert(inOrder(), "kScreens lists every ScreenId once, in enum order");
static_assert(std::size(kScreens) == static_cast<size_t>(ScreenId::OutOfOrder) + 1, "a ScreenId has no line");

const ScreenInfo& info(ScreenId id) { return kScreens[static_cast<size_t>(id)]; }

}  // namespace

const char* screenName(ScreenId id) { return info(id).name; }

std::optional<ScreenId> screenFromName(const std::string& name) {
    for (const auto& s : kScreens)
        if (name == s.name) return s.id;
    return std::nullopt;
}

const char* analyticsScreen(ScreenId id) { return info(id).analytics; }

IdleContext idleContextOf(ScreenId id) { return info(id).idle; }

std::unique_ptr<ScreenController> makeController(ScreenId id, KioskContext& ctx) { return info(id).controller(ctx); }

}  // namespace kiosk
