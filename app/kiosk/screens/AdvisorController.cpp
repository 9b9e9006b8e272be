// Advisor mode: the day's test drives with the desk's steps (through the sales hub once the advisor
// signed in there, else this kiosk's store), restoring a configuration code, the dealer discount
// and saving the quote.
#include "VisitActions.h"
#include "core/booking/BookingSettings.h"
#include "screens/GuideEntry.h"
#include "screens/ScreenController.h"
#include "ui/AdvisorScreen.h"
#include "ui/StaffBanner.h"

namespace kiosk {
namespace {

class AdvisorController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override;
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.openGuide) openGuide(m_ctx, visit, ScreenId::Advisor);
        else ScreenController::apply(visit, intent);
    }

private:
    std::vector<ui::AdvisorBookingRow> readRows(const Visit& visit);
    std::string deskError(const Visit& visit) const;
    void typeInto(AdvisorState& a, const ui::AdvisorIntent& out);
    void act(Visit& visit, const ui::AdvisorIntent& out);
    ui::AdvisorScreen m_screen;
};

std::vector<ui::AdvisorBookingRow> AdvisorController::readRows(const Visit& visit) {
    AdvisorDesk& desk = m_ctx.desk;
    desk.poll();
    // The hub audits every list read: ask it every half minute (and after each step), the local
    // store every few seconds.
    if (m_ctx.clock - m_ctx.deskReadAt > (desk.viaHub() ? 30.0 : 5.0)) {
        m_ctx.deskReadAt = m_ctx.clock;
        desk.refresh(core::localFromUtcMs(m_ctx.nowSeconds() * 1000, m_ctx.content.booking.zone).first.toString());
    }
    std::vector<ui::AdvisorBookingRow> rows;
    for (const auto& r : desk.rows()) {
        const core::Model* model = m_ctx.catalog.findModel(r.model);
        rows.push_back({r.bookingId, r.time, model ? model->name.get(visit.session.language) : r.model, r.name, r.status,
                        r.actions});
    }
    return rows;
}

std::string AdvisorController::deskError(const Visit& visit) const {
    const std::string& code = m_ctx.desk.error();
    if (code.empty()) return "";
    const std::string text = m_ctx.catalog.ui("desk.error." + code, visit.session.language);
    return text != "desk.error." + code ? text : m_ctx.catalog.ui("desk.error.other", visit.session.language);
}

void AdvisorController::typeInto(AdvisorState& a, const ui::AdvisorIntent& out) {
    if (out.field == "code") {
        for (int i = 0; i < out.backspaces && !a.codeTyped.empty(); ++i) a.codeTyped.pop_back();
        if (a.codeTyped.size() + out.append.size() <= 96) a.codeTyped += out.append;
    } else if (out.field == "advisor_id") {
        for (int i = 0; i < out.backspaces && !a.signInId.empty(); ++i) a.signInId.pop_back();
        if (a.signInId.size() + out.append.size() <= 48) a.signInId += out.append;
    } else if (out.field == "password") {
        for (int i = 0; i < out.backspaces; ++i) a.password.popBackCodepoint();
        if (a.password.size() + out.append.size() <= 256) a.password.append(out.append);
    }
}

void AdvisorController::act(Visit& visit, const ui::AdvisorIntent& out) {
    AdvisorState& a = visit.advisor;
    AdvisorDesk& desk = m_ctx.desk;
    if (out.signIn && !a.signInId.empty() && !a.password.empty()) {
        desk.signIn(a.signInId, a.password);  // wipes the password
        m_ctx.deskReadAt = -1e9;
    }
    if (out.signOut) {
        desk.signOut();
        a.signInId.clear();
    }
    if (out.deskStep) desk.act(out.deskStep->first, out.deskStep->second);
    if (out.restoreCode) restoreCode(m_ctx, visit, a.codeTyped);
    if (out.discountMinor) {
        visit.car.dealerDiscountMinor = *out.discountMinor;
        refreshCar(m_ctx, visit);
    }
    if (out.saveQuote) saveQuote(m_ctx, visit);
    if (out.lock) {
        // Leaving advisor mode ends the hub session and forgets what was typed.
        if (a.unlocked) desk.signOut();
        a.unlocked = false;
        a.signInId.clear();
        a.password.wipe();
        a.ui.wipe();
        a.message.clear();
        visit.screen = visit.car.configurator ? ScreenId::Configure : ScreenId::Models;
    }
}

ui::Intent AdvisorController::draw(Visit& visit, const ui::ScreenView& view) {
    const std::vector<ui::AdvisorBookingRow> rows = readRows(visit);
    const AdvisorDesk& desk = m_ctx.desk;
    BookingFlow* flow = m_ctx.bookingFlow;
    AdvisorState& a = visit.advisor;
    const core::session::KioskSettings& settings = m_ctx.content.settings;
    ui::AdvisorView av{rows,
                             desk.viaHub(),
                             desk.signedIn(),
                             desk.busy(),
                             desk.advisorId(),
                             deskError(visit),
                             a.signInId,
                             a.password.size(),
                             flow ? flow->pending() : 0,
                             flow && flow->config().hasHub(),
                             a.codeTyped,
                             a.message,
                             visit.car.configurator != nullptr && visit.car.price.has_value(),
                             visit.car.dealerDiscountMinor,
                             settings.maxDealerDiscountMinor,
                             settings.dealerDiscountStepMinor};
    av.storeProblem = desk.storeProblem();
    av.listFailed = desk.listFailed() && !desk.viaHub();
    ui::AdvisorIntent out;
    const ui::Intent intent = m_screen.draw(view, av, a.ui, out);
    if (!m_ctx.contentNotice.empty())
        ui::drawStaffBanner(view, m_ctx.catalog.ui("advisor.content_fallback", view.language) + " " +
                                      m_ctx.catalog.contentVersion);
    typeInto(a, out);
    act(visit, out);
    return intent;
}

}  // namespace

std::unique_ptr<ScreenController> makeAdvisorController(KioskContext& ctx) { return std::make_unique<AdvisorController>(ctx); }

}  // namespace kiosk
