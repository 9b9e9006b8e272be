#pragma once
// ScreenController: runs one screen. Each frame the App asks the current screen's controller where
// the 3D car goes, whether the visit has what the screen shows, then has it draw its ui:: view from
// the visit and turn the intents the view returned into actions on the visit (and the booking
// store, the desk, the car). Controllers live as long as the App and keep only what outlives a
// visit (caches of the store); everything personal is in the Visit. One controller per file in this
// folder; ScreenId.cpp's table says which controller runs which screen. UI thread only.
#include <memory>

#include "KioskContext.h"
#include "Visit.h"
#include "ui/Screen.h"

namespace kiosk {

class ScreenController {
public:
    explicit ScreenController(KioskContext& ctx) : m_ctx(ctx) {}
    virtual ~ScreenController() = default;
    ScreenController(const ScreenController&) = delete;
    ScreenController& operator=(const ScreenController&) = delete;

    // Whether the visit has what the screen shows (a car, a price); if not, the model chooser shows.
    virtual bool canShow(const Visit& visit) const {
        (void)visit;
        return true;
    }
    // Where the 3D car goes on this screen this frame; empty: no car.
    virtual ui::Rect carArea(const Visit& visit, float width, float height, float scale) const {
        (void)visit, (void)width, (void)height, (void)scale;
        return {};
    }
    // Draws the screen inside the App's full-window ImGui window (a controller may end it and open
    // an overlay window instead) and returns what the customer asked for.
    virtual ui::Intent draw(Visit& visit, const ui::ScreenView& view) = 0;
    // Turns this screen's intents into actions. The default: "back" goes back to the car.
    virtual void apply(Visit& visit, const ui::Intent& intent);

protected:
    KioskContext& m_ctx;
};

// One factory per screen; ScreenId.cpp's table names them.
using ControllerFactory = std::unique_ptr<ScreenController> (*)(KioskContext& ctx);
std::unique_ptr<ScreenController> makeAttractController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeModelsController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeConfigureController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeSummaryController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeCompareController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeFitCheckController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeSurveyController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeBookingController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeConfirmationController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeAdvisorPinController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeAdvisorController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeGuideController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeViewerController(KioskContext& ctx);
std::unique_ptr<ScreenController> makeOutOfOrderController(KioskContext& ctx);

// The controller for `id`, from ScreenId.cpp's table.
std::unique_ptr<ScreenController> makeController(ScreenId id, KioskContext& ctx);

}  // namespace kiosk
