// The full-window car viewer (--model, --config, --trim): nothing but the car.
#include "screens/ScreenController.h"

namespace kiosk {
namespace {

class ViewerController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    ui::Rect carArea(const Visit&, float width, float height, float) const override { return {0, 0, width, height}; }
    ui::Intent draw(Visit&, const ui::ScreenView&) override { return {}; }
};

}  // namespace

std::unique_ptr<ScreenController> makeViewerController(KioskContext& ctx) { return std::make_unique<ViewerController>(ctx); }

}  // namespace kiosk
