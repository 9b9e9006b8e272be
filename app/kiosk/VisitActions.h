#pragma once
// VisitActions: what several screens do to the visit's car: open a model, re-price it after a
// change, work out the summary's figures, the fit-check answer and the comparison column, restore
// a configuration code, save the quote document. Free functions over the visit and the context,
// so each controller calls the same code. UI thread only.
#include <string>
#include <vector>

#include "KioskContext.h"
#include "Visit.h"

namespace kiosk {

// Opens `modelId` in the configurator at its entry trim and shows the configure screen.
void openModel(KioskContext& ctx, Visit& visit, const std::string& modelId);
// The price and range of the current car, after every change; restyles the 3D car.
void refreshCar(KioskContext& ctx, Visit& visit);
// The first finance offer that runs today, for the summary's down payment and term.
void refreshFinance(KioskContext& ctx, Visit& visit);
// Scenarios, financing, cost of ownership and the code with its QR, for the summary.
void refreshSummary(KioskContext& ctx, Visit& visit);
// The week's cost at the visitor's daily distance.
void refreshWeek(KioskContext& ctx, Visit& visit);
// Every line of the current car's price as the summary lists it: labels and human sources in the
// visit's language, nothing left out.
std::vector<ui::PriceRow> priceRows(const KioskContext& ctx, const Visit& visit);
// The fit-check answer for the current answers and car.
void refreshFit(KioskContext& ctx, Visit& visit);
// Shows the fit check; "back" returns to `returnTo`.
void openFitCheck(KioskContext& ctx, Visit& visit, ScreenId returnTo);
// The current car as the comparison shows it.
ui::CompareColumn compareColumn(const KioskContext& ctx, const Visit& visit);
// Opens `config` in the configurator exactly (its model, trim and options) and shows it.
void openConfiguration(KioskContext& ctx, Visit& visit, const core::Configuration& config);
// The advisor restores a customer's configuration from its code (message says how it went).
void restoreCode(KioskContext& ctx, Visit& visit, const std::string& code);
// The car of `code` with the advisor's discount, straight on the summary (scripted checks that
// visit many cars); false when the code does not restore.
bool showCodeOnSummary(KioskContext& ctx, Visit& visit, const std::string& code, long long discountMinor);
// The advisor saves the quote PDF beside the store (message says where).
void saveQuote(KioskContext& ctx, Visit& visit);
// Shows the test-drive booking form for the current car, with its configuration code.
void openBooking(KioskContext& ctx, Visit& visit);
// Goes "back" from a screen with no back of its own: to the configurator, or from it to the models.
void backToCar(KioskContext& ctx, Visit& visit);

}  // namespace kiosk
