// The configurator: tabs of options over the rules engine, the car's price and range, and the
// "why not, and what would allow it" panel over the screen for a greyed-out option.
#include <imgui.h>

#include <chrono>

#include "VisitActions.h"
#include "core/pricing/ConfigCode.h"
#include "screens/ScreenController.h"
#include "ui/ConfiguratorScreen.h"

namespace kiosk {
namespace {

class ConfigureController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    bool canShow(const Visit& visit) const override { return visit.car.configurator != nullptr; }
    ui::Rect carArea(const Visit& visit, float width, float height, float scale) const override {
        if (!m_ctx.carView) return {};
        return ui::ConfiguratorScreen::carArea(width, height, scale, visit.access.lowReach);
    }
    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override;
    void apply(Visit& visit, const ui::Intent& intent) override;

private:
    void applyPicks(Visit& visit, const ui::Intent& intent);
    ui::ConfiguratorScreen m_screen;
};

ui::Intent ConfigureController::draw(Visit& visit, const ui::ScreenView& view) {
    CarState& car = visit.car;
    const ui::ConfiguratorView cv{*car.configurator, car.category, car.price ? &*car.price : nullptr,
                                  car.range ? &*car.range : nullptr, car.explaining, car.repair ? &*car.repair : nullptr,
                                  m_ctx.carView != nullptr, &car.optionScroll, &car.repairScroll};
    ui::Intent intent = m_screen.draw(view, cv);
    if (car.explaining) {
        // The panel takes every touch until it is answered: what lies under it is no target, and
        // its words are covered (the audit judges the panel alone).
        if (view.hits) view.hits->clear();
        if (view.audit) view.audit->cover();
        ImGui::End();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(view.width, view.height));
        ImGui::SetNextWindowBgAlpha(0.0f);
        ImGui::Begin("repair", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings);
        const ui::Intent repair = m_screen.drawRepair(view, cv);
        intent.applyRepair = repair.applyRepair;
        intent.dismissRepair = repair.dismissRepair;
        intent.pick.reset();
        intent.explain.reset();
    }
    return intent;
}

void ConfigureController::applyPicks(Visit& visit, const ui::Intent& intent) {
    CarState& car = visit.car;
    bool changed = false;
    const auto pickStart = std::chrono::steady_clock::now();
    if (intent.category && *intent.category != car.category) {
        car.category = *intent.category;
        car.optionScroll.reset();  // a new list starts at its top
    }
    if (intent.pick) changed = car.configurator->pick(*intent.pick);
    if (intent.unpick) {
        car.configurator->unpick(*intent.unpick);
        changed = true;
    }
    if (intent.explain) {
        m_ctx.insight.optionGreyedOut(visit.session.configuration, *intent.explain, m_ctx.nowSeconds());
        car.explaining = *intent.explain;
        car.repair = car.configurator->proposeRepair(*intent.explain);
        car.repairScroll.reset();
    }
    if (intent.applyRepair && car.repair) {
        changed = car.configurator->applyRepair(*car.repair);
        car.explaining.reset();
        car.repair.reset();
    }
    if (intent.dismissRepair) {
        car.explaining.reset();
        car.repair.reset();
    }
    if (!changed) return;
    refreshCar(m_ctx, visit);
    if (intent.pick) {
        m_ctx.insight.optionPicked(visit.session.configuration, *intent.pick, m_ctx.nowSeconds());
        m_ctx.pickMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - pickStart).count());
    }
}

void ConfigureController::apply(Visit& visit, const ui::Intent& intent) {
    ScreenController::apply(visit, intent);
    if (visit.car.configurator) applyPicks(visit, intent);
    if (intent.openSummary && visit.car.configurator && visit.car.price) {
        refreshSummary(m_ctx, visit);
        m_ctx.insight.quoteShown(visit.session.configuration, m_ctx.nowSeconds());
        visit.screen = ScreenId::Summary;
    }
    if (intent.openBooking) openBooking(m_ctx, visit);
}

}  // namespace

std::unique_ptr<ScreenController> makeConfigureController(KioskContext& ctx) {
    return std::make_unique<ConfigureController>(ctx);
}

}  // namespace kiosk
