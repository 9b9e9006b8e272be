#include "VisitActions.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/pricing/ConfigCode.h"
#include "core/pricing/ShareLink.h"
#include "document/PriceSource.h"
#include "document/Quote.h"

namespace kiosk {

void openModel(KioskContext& ctx, Visit& visit, const std::string& modelId) {
    const core::Model* model = ctx.catalog.findModel(modelId);
    if (!model) return;
    CarState& car = visit.car;
    visit.session.modelId = modelId;
    car.configurator = std::make_unique<core::rules::CatalogConfigurator>(ctx.catalog, *model);
    // A visit starts from the entry trim, as the price "from" on the card promised.
    if (!model->trims.empty()) car.configurator->pick(model->trims.front().id);
    car.category = "trim";
    car.optionScroll.reset();
    car.explaining.reset();
    car.repair.reset();
    refreshCar(ctx, visit);
    visit.screen = ScreenId::Configure;
    ctx.insight.modelViewed(modelId, ctx.nowSeconds());
}

void refreshCar(KioskContext& ctx, Visit& visit) {
    CarState& state = visit.car;
    state.price.reset();
    state.range.reset();
    auto car = state.configurator ? state.configurator->toConfiguration() : std::nullopt;
    if (!car) return;
    visit.session.configuration = *car;
    if (ctx.carView) {
        ctx.carView->showModel(car->model);
        ctx.carView->configure(*car);
    }
    core::pricing::PriceOptions options;
    options.date = ctx.today;
    options.dealerDiscountMinor = state.dealerDiscountMinor;
    options.tradeIn = state.tradeIn;
    auto price = core::pricing::priceConfiguration(ctx.catalog, ctx.content.pricing, *car, options);
    if (price) state.price = std::move(*price);
    else std::fprintf(stderr, "kiosk: cannot price %s: %s\n", car->trim.c_str(), price.error().c_str());
    auto range = core::range::estimate(ctx.content.range, ctx.catalog, *car);
    if (range) state.range = std::move(*range);
    else std::fprintf(stderr, "kiosk: no range for %s: %s\n", car->trim.c_str(), range.error().c_str());
}

void refreshFinance(KioskContext& ctx, Visit& visit) {
    ui::FinanceChoice& finance = visit.summary.finance;
    finance.quote.reset();
    finance.error.clear();
    if (!visit.car.price) return;
    // The offer the customer picked among those that run today (the first at the start); the
    // customer's term is kept when the offer allows it.
    finance.offer = nullptr;
    std::vector<const core::pricing::FinanceOffer*> running;
    for (const auto& offer : ctx.content.pricing.offers)
        if (offer.period.contains(ctx.today) && !offer.termsMonths.empty()) running.push_back(&offer);
    finance.offerCount = running.size();
    if (running.empty()) return;
    finance.offerIndex = std::min(finance.offerIndex, running.size() - 1);
    finance.offer = running[finance.offerIndex];
    if (!finance.offer) return;
    const auto& terms = finance.offer->termsMonths;
    if (std::find(terms.begin(), terms.end(), finance.termMonths) == terms.end()) finance.termMonths = terms.back();
    finance.downPercent = std::clamp(finance.downPercent, static_cast<int>((finance.offer->minDownBp + 99) / 100),
                                     static_cast<int>(finance.offer->maxDownBp / 100));
    const std::int64_t cash = visit.car.price->vehiclePriceMinor;
    const std::int64_t down = cash / 100 * finance.downPercent;
    finance.downMinor = down;
    auto quote = core::pricing::computeOffer(*finance.offer, ctx.today, cash, down, finance.termMonths);
    if (quote) finance.quote = *quote;
    else finance.error = quote.error();
}

void refreshWeek(KioskContext& ctx, Visit& visit) {
    core::range::Conditions week;
    week.dailyKm = visit.summary.dailyKm;
    auto r = core::range::estimate(ctx.content.range, ctx.catalog, visit.session.configuration, week);
    visit.summary.week = r ? std::optional<core::range::Estimate>(std::move(*r)) : std::nullopt;
}

void refreshSummary(KioskContext& ctx, Visit& visit) {
    refreshFinance(ctx, visit);
    SummaryState& s = visit.summary;
    const core::Configuration& car = visit.session.configuration;
    auto scenario = [&](core::range::Conditions c) -> std::optional<core::range::Estimate> {
        auto r = core::range::estimate(ctx.content.range, ctx.catalog, car, c);
        return r ? std::optional<core::range::Estimate>(std::move(*r)) : std::nullopt;
    };
    s.winter = scenario(core::range::winterConditions());
    s.highway = scenario(core::range::highwayConditions());
    refreshWeek(ctx, visit);
    s.tco.reset();
    if (const auto& price = visit.car.price) {
        std::optional<core::pricing::OfficialConsumption> official;
        if (visit.car.range && visit.car.range->official.rangeKm > 0)
            official = core::pricing::OfficialConsumption{visit.car.range->official.kwhPer100km, visit.car.range->official.cycle};
        if (auto t = core::pricing::totalCostOfOwnership(ctx.catalog, ctx.content.pricing, car, *price, 0, 0, official)) s.tco = *t;
        s.code = core::pricing::encodeConfiguration(ctx.catalog, car, price->vehiclePriceMinor);
        visit.session.configurationCode = s.code;
        s.qrSize = 0;
        s.qr.clear();
        // The QR opens the configuration and its quote on the customer's phone (the hub's share page).
        if (auto qr = document::encodeQr(core::pricing::shareLink(ctx.catalog.market, s.code, ctx.today))) {
            s.qrSize = qr->size;
            s.qr = qr->dark;
        }
    }
}

std::vector<ui::PriceRow> priceRows(const KioskContext& ctx, const Visit& visit) {
    std::vector<ui::PriceRow> rows;
    if (!visit.car.price) return rows;
    const std::string& lang = visit.session.language;
    std::string lastSource;
    for (const auto& line : visit.car.price->lines) {
        ui::PriceRow row;
        row.label = line.label ? line.label->get(lang) : std::string();
        row.amountMinor = line.amountMinor;
        row.paidLater = line.paidLater;
        row.included = line.kind == core::pricing::LineKind::Included;
        row.source = document::priceLineSource(ctx.catalog, ctx.content.pricing, line, lang);
        // Lines from one price list say so once, on the first of them.
        const std::string source = row.source;
        if (source == lastSource && !row.included) row.source.clear();
        lastSource = source;
        rows.push_back(std::move(row));
    }
    return rows;
}

void refreshFit(KioskContext& ctx, Visit& visit) {
    FitState& fit = visit.fit;
    fit.answer.reset();
    fit.error.clear();
    if (fit.answers.parking.empty()) return;
    core::range::Conditions conditions;
    conditions.dailyKm = visit.summary.dailyKm;
    auto r = core::charging::checkHomeCharging(fit.answers, ctx.content.charging, ctx.content.range, ctx.catalog,
                                               visit.session.configuration, conditions);
    if (r) fit.answer = std::move(*r);
    else fit.error = r.error();
}

void openFitCheck(KioskContext& ctx, Visit& visit, ScreenId returnTo) {
    if (!visit.car.configurator) return;
    visit.fit.returnTo = returnTo;
    if (visit.fit.answers.wallbox.empty() && !ctx.content.charging.wallboxes.empty())
        visit.fit.answers.wallbox = ctx.content.charging.wallboxes.front().id;
    refreshFit(ctx, visit);
    visit.screen = ScreenId::FitCheck;
}

ui::CompareColumn compareColumn(const KioskContext& ctx, const Visit& visit) {
    (void)ctx;
    ui::CompareColumn col;
    const std::string& lang = visit.session.language;
    const core::Configuration& car = visit.session.configuration;
    const core::Model& model = visit.car.configurator->model();
    const core::Trim* trim = model.findTrim(car.trim);
    col.title = model.name.get(lang) + " · " + (trim ? trim->name.get(lang) : "");
    for (const auto& id : car.options)
        if (const core::Option* o = model.findOption(id)) col.options.push_back(o->name.get(lang));
    col.onTheRoadMinor = visit.car.price ? visit.car.price->dueAtPurchaseMinor : 0;
    col.monthlyMinor = visit.summary.finance.quote ? visit.summary.finance.quote->monthlyPaymentMinor : -1;
    if (visit.car.range) {
        col.officialKm = visit.car.range->official.rangeKm;
        col.dcMinutes = visit.car.range->dc10To80Min;
    }
    if (visit.summary.winter) col.winterKm = visit.summary.winter->customerRangeKm;
    if (visit.summary.highway) col.highwayKm = visit.summary.highway->customerRangeKm;
    return col;
}

void openConfiguration(KioskContext& ctx, Visit& visit, const core::Configuration& config) {
    openModel(ctx, visit, config.model);
    if (!visit.car.configurator) return;
    auto& configurator = *visit.car.configurator;
    configurator.pick(config.trim);
    // Single-choice options first, then packages (which bring their contents), then the rest.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& id : config.options) {
            const core::Option* o = configurator.model().findOption(id);
            const core::Category* cat = o ? ctx.catalog.findCategory(o->category) : nullptr;
            if (!cat || cat->single != (pass == 0)) continue;
            // A one-of choice is picked even when it is the trim's default (so the car is complete
            // and stays this car); a package or accessory only when it is not already in the car.
            if (auto st = configurator.state(id); st && (pass == 0 ? !st->picked : !st->selected)) configurator.pick(id);
        }
    refreshCar(ctx, visit);
}

void restoreCode(KioskContext& ctx, Visit& visit, const std::string& code) {
    auto restoredCode = core::pricing::restoreConfiguration(ctx.catalog, code);
    if (!restoredCode) {
        // The advisor reads it in the screen's language; the technical reason goes to the log.
        std::fprintf(stderr, "kiosk: configuration code not restored: %s\n", restoredCode.error().c_str());
        visit.advisor.message = ctx.catalog.ui("advisor.bad_code", visit.session.language);
        return;
    }
    const core::pricing::RestoredCode& restored = *restoredCode;
    openConfiguration(ctx, visit, restored.config);
    visit.advisor.message = ctx.catalog.ui("advisor.restored", visit.session.language);
    for (const auto& change : restored.changes) visit.advisor.message += "; " + change;
    visit.screen = ScreenId::Advisor;
}

bool showCodeOnSummary(KioskContext& ctx, Visit& visit, const std::string& code, long long discountMinor) {
    if (!core::pricing::restoreConfiguration(ctx.catalog, code)) return false;
    restoreCode(ctx, visit, code);
    visit.car.dealerDiscountMinor = discountMinor;
    refreshCar(ctx, visit);
    if (!visit.car.price) return false;
    refreshSummary(ctx, visit);
    visit.summary.priceScroll.reset();
    visit.screen = ScreenId::Summary;
    return true;
}

void saveQuote(KioskContext& ctx, Visit& visit) {
    if (!visit.car.configurator || !visit.car.price) return;
    refreshSummary(ctx, visit);
    document::QuoteInput q;
    q.catalog = &ctx.catalog;
    q.pricing = &ctx.content.pricing;
    q.config = visit.session.configuration;
    q.price = *visit.car.price;
    q.tco = visit.summary.tco;
    if (visit.car.range) q.officialRange = visit.car.range->official;
    q.code = visit.summary.code;
    q.language = visit.session.language;
    namespace fs = std::filesystem;
    const std::string dir = ctx.bookingFlow ? fs::path(ctx.bookingFlow->config().databasePath).parent_path().string()
                                            : std::string(".");
    fs::create_directories(fs::path(dir) / "quotes");
    const std::string path = (fs::path(dir) / "quotes" / ("quote-" + visit.summary.code + ".pdf")).string();
    const std::string error = document::writeQuotePdf(q, path);
    // The printed quote carries the QR.
    if (error.empty()) ctx.insight.qrTaken(visit.session.configuration, ctx.nowSeconds());
    visit.advisor.message = error.empty() ? ctx.catalog.ui("advisor.quote_saved", visit.session.language) + path : error;
}

void openBooking(KioskContext& ctx, Visit& visit) {
    if (!visit.car.configurator) return;
    if (visit.session.configurationCode.empty() && visit.car.price)
        visit.session.configurationCode =
            core::pricing::encodeConfiguration(ctx.catalog, visit.session.configuration, visit.car.price->vehiclePriceMinor);
    if (visit.screen != ScreenId::Booking) visit.bookingFrom = visit.screen;
    visit.screen = ScreenId::Booking;
}

void backToCar(KioskContext& ctx, Visit& visit) {
    visit.screen = visit.screen == ScreenId::Configure ? ScreenId::Models : ScreenId::Configure;
    if (visit.screen == ScreenId::Models && ctx.carView) ctx.carView->turntable(false);
    visit.car.explaining.reset();
    visit.car.repair.reset();
}

}  // namespace kiosk
