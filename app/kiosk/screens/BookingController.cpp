// The test-drive booking form: a slot (or a place in the walk-up queue), the visitor's name and
// mobile typed on the kiosk's keyboard, the licence and the consents. Without a store it says
// politely that booking is unavailable here.
#include <imgui.h>

#include <algorithm>

#include "VisitActions.h"
#include "screens/ScreenController.h"
#include "ui/BookingScreen.h"
#include "ui/Widgets.h"

namespace kiosk {
namespace {

class BookingController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    bool canShow(const Visit& visit) const override { return visit.car.configurator != nullptr; }
    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override;
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.back) {
            visit.session.form.wipe();  // leaving the form forgets what was typed
            visit.bookingUi.wipe();
            // Back to where the customer came from: the summary they booked from, else the car.
            if (visit.bookingFrom == ScreenId::Summary && visit.car.price) {
                visit.screen = ScreenId::Summary;
                return;
            }
        }
        ScreenController::apply(visit, intent);
    }

private:
    ui::Intent drawUnavailable(Visit& visit, const ui::ScreenView& view) const;
    void readSlots(const Visit& visit, const core::Model& model);
    void submit(Visit& visit, const core::Model& model);

    ui::BookingScreen m_screen;
    // The store is not read every frame: slots are read again every few seconds, and at once after
    // a booking or a change of model, day or language. Nothing personal: it outlives the visit.
    struct SlotCache {
        std::string model;
        int day = -1;
        double at = -1e9;
        std::vector<ui::SlotChoice> slots;
        std::vector<std::string> dayLabels;
        std::string language;
        int queueWait = 0;
    } m_slots;
};

ui::Intent BookingController::drawUnavailable(Visit& visit, const ui::ScreenView& view) const {
    ui::Intent intent;
    const float s = view.scale;
    const std::string& lang = visit.session.language;
    ui::drawTextIn(ImGui::GetWindowDrawList(), view.fonts.large, {64 * s, view.height * 0.4f, view.width - 128 * s, 0},
                   view.palette.text, m_ctx.catalog.ui("booking.unavailable", lang), view.audit, "booking.unavailable",
                   ui::Align::Center);
    ImGui::SetCursorScreenPos(ImVec2(64 * s, 32 * s));
    if (ImGui::Button(("‹ " + m_ctx.catalog.ui("booking.back", lang)).c_str(), ImVec2(260 * s, 96 * s)))
        intent.back = true;
    view.hits->add("back", {64 * s, 32 * s, 260 * s, 96 * s});
    return intent;
}

void BookingController::readSlots(const Visit& visit, const core::Model& model) {
    const ui::BookingUiState& ui = visit.bookingUi;
    SlotCache& sc = m_slots;
    if (sc.model == model.id && sc.day == ui.dayOffset && sc.language == visit.session.language &&
        m_ctx.clock - sc.at <= 5.0)
        return;
    BookingFlow& flow = *m_ctx.bookingFlow;
    sc.model = model.id;
    sc.day = ui.dayOffset;
    sc.language = visit.session.language;
    sc.at = m_ctx.clock;
    sc.slots = ui.queueMode ? std::vector<ui::SlotChoice>{} : flow.slots(model.id, ui.dayOffset);
    sc.dayLabels = flow.dayLabels(visit.session.language);
    sc.queueWait = ui.queueMode ? flow.queueWaitMinutes(model.id) : 0;
}

void BookingController::submit(Visit& visit, const core::Model& model) {
    auto outcome = m_ctx.bookingFlow->submit(model, visit.session.configuration.trim, visit.session.configurationCode,
                                             visit.session.form, visit.bookingUi);
    visit.bookingUi.errors = outcome.errors;
    m_slots.at = -1e9;  // seats changed
    m_ctx.deskReadAt = -1e9;
    if (!outcome.confirmation) return;
    m_ctx.insight.bookingMade(visit.session.configuration, "test_drive", m_ctx.nowSeconds());
    visit.testDriveId = outcome.confirmation->bookingId;
    visit.confirmation = outcome.confirmation;
    visit.bookingUi.wipe();
    visit.screen = ScreenId::Confirmation;
}

ui::Intent BookingController::draw(Visit& visit, const ui::ScreenView& view) {
    if (!m_ctx.bookingFlow) return drawUnavailable(visit, view);
    const core::Model& model = visit.car.configurator->model();
    readSlots(visit, model);
    const BookingFlow& flow = *m_ctx.bookingFlow;
    const ui::BookingView bv{model,          m_ctx.content.booking, visit.session.form,
                             visit.bookingUi, m_slots.slots,        m_slots.dayLabels,
                             m_slots.queueWait, !flow.config().hasHub() || flow.online(), &m_ctx.pinyin};
    ui::BookingIntent bi;
    const ui::Intent intent = m_screen.draw(view, bv, bi);
    std::string shown(visit.session.form.name.view());
    for (const auto& cand : visit.bookingUi.keyboard.candidates) shown += cand;
    m_ctx.coverGlyphs(shown);
    std::fill(shown.begin(), shown.end(), '\0');
    if (bi.submit) submit(visit, model);
    return intent;
}

}  // namespace

std::unique_ptr<ScreenController> makeBookingController(KioskContext& ctx) { return std::make_unique<BookingController>(ctx); }

}  // namespace kiosk
