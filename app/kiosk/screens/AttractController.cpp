// The attract loop: the hero car turning until a visitor touches "start".
#include "screens/GuideEntry.h"
#include "screens/ScreenController.h"
#include "ui/AttractScreen.h"

namespace kiosk {
namespace {

class AttractController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    // A showroom, not a panel: the hero car fills the screen and the brand stands over it.
    ui::Rect carArea(const Visit&, float width, float height, float) const override {
        return m_ctx.carView ? ui::Rect{0, 0, width, height} : ui::Rect{};
    }
    ui::Intent draw(Visit&, const ui::ScreenView& view) override { return m_screen.draw(view, m_ctx.carView != nullptr); }
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (!intent.start && !intent.openGuide) return;
        m_ctx.insight.started(m_ctx.nowSeconds());
        visit.session.startedAtSeconds = m_ctx.clock;
        visit.screen = ScreenId::Models;
        if (m_ctx.carView) m_ctx.carView->turntable(false);
        if (intent.openGuide) openGuide(m_ctx, visit, ScreenId::Models);
    }

private:
    ui::AttractScreen m_screen;
};

}  // namespace

std::unique_ptr<ScreenController> makeAttractController(KioskContext& ctx) { return std::make_unique<AttractController>(ctx); }

}  // namespace kiosk
