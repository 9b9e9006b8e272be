// The summary: price, financing, range scenarios, cost of ownership and the configuration code
// with its QR (shown large on a tap, for a phone to scan); keeps a car for comparison.
#include <imgui.h>

#include "VisitActions.h"
#include "screens/ScreenController.h"
#include "ui/SummaryScreen.h"

namespace kiosk {
namespace {

class SummaryController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    bool canShow(const Visit& visit) const override { return visit.car.configurator && visit.car.price; }
    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override;
    void apply(Visit& visit, const ui::Intent& intent) override;

private:
    void applyChanges(Visit& visit, const ui::SummaryIntent& changes);
    // Whether a state trade-in subsidy runs on the kiosk's date (the control shows only then).
    bool tradeInRuns() const;
    ui::SummaryScreen m_screen;
};

ui::Intent SummaryController::draw(Visit& visit, const ui::ScreenView& view) {
    const CarState& car = visit.car;
    SummaryState& s = visit.summary;
    const std::vector<ui::PriceRow> rows = priceRows(m_ctx, visit);
    const ui::SummaryView sv{car.configurator->model(), visit.session.configuration, *car.price, s.finance,
                             car.range ? &*car.range : nullptr, s.winter ? &*s.winter : nullptr,
                             s.highway ? &*s.highway : nullptr, s.week ? &*s.week : nullptr, s.dailyKm,
                             s.tco ? &*s.tco : nullptr, s.code, s.qrSize, &s.qr,
                             visit.compare.keptCar.has_value() && !(*visit.compare.keptCar == visit.session.configuration),
                             &rows, &s.priceScroll, &s.shown, car.tradeIn, tradeInRuns(), s.detailsTab};
    ui::SummaryIntent changes;
    ui::Intent intent = m_screen.draw(view, sv, changes);
    if (changes.enlargeQr && !s.qrLarge) {
        s.qrLarge = true;
        m_ctx.insight.qrTaken(visit.session.configuration, m_ctx.nowSeconds());  // shown large to be scanned
    }
    if (s.qrLarge) {
        // Over the summary, taking every touch until it is closed.
        intent = ui::Intent{};
        ImGui::End();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(view.width, view.height));
        ImGui::SetNextWindowBgAlpha(0.0f);
        ImGui::Begin("qr", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        view.hits->clear();
        if (m_screen.drawLargeQr(view, sv)) s.qrLarge = false;
    }
    applyChanges(visit, changes);
    return intent;
}

void SummaryController::applyChanges(Visit& visit, const ui::SummaryIntent& changes) {
    SummaryState& s = visit.summary;
    if (changes.detailsTab) s.detailsTab = *changes.detailsTab;
    if (changes.tradeIn && *changes.tradeIn != visit.car.tradeIn) {
        // The subsidy line comes or goes: the price, the financing and the cost of ownership follow.
        visit.car.tradeIn = *changes.tradeIn;
        refreshCar(m_ctx, visit);
        refreshSummary(m_ctx, visit);
    }
    if (changes.downPercent || changes.termMonths || changes.offerIndex) {
        if (changes.offerIndex) s.finance.offerIndex = *changes.offerIndex;
        if (changes.downPercent) s.finance.downPercent = *changes.downPercent;
        if (changes.termMonths) s.finance.termMonths = *changes.termMonths;
        refreshFinance(m_ctx, visit);  // microseconds: fine on every frame of a drag
    }
    if (changes.dailyKm) {
        s.dailyKm = *changes.dailyKm;
        refreshWeek(m_ctx, visit);
    }
}

bool SummaryController::tradeInRuns() const {
    for (const auto& rule : m_ctx.content.pricing.rules)
        for (const auto& v : rule.versions)
            if ((v.condition == core::pricing::Condition::TradeInScrappage || v.condition == core::pricing::Condition::TradeInReplacement) &&
                v.period.contains(m_ctx.today))
                return true;
    return false;
}

void SummaryController::apply(Visit& visit, const ui::Intent& intent) {
    ScreenController::apply(visit, intent);
    if (intent.openFitCheck) openFitCheck(m_ctx, visit, ScreenId::Summary);
    CompareState& compare = visit.compare;
    if (intent.compare && visit.car.configurator && visit.car.price) {
        if (compare.keptCar && !(*compare.keptCar == visit.session.configuration)) {
            visit.screen = ScreenId::Compare;
        } else {
            compare.keptCar = visit.session.configuration;
            compare.keptColumn = compareColumn(m_ctx, visit);
        }
    }
    if (intent.openBooking) openBooking(m_ctx, visit);
}

}  // namespace

std::unique_ptr<ScreenController> makeSummaryController(KioskContext& ctx) { return std::make_unique<SummaryController>(ctx); }

}  // namespace kiosk
