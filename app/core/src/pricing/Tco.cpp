#include "core/pricing/Tco.h"

#include <cmath>

namespace core::pricing {

const OfficialRange* officialFigure(const Catalog& catalog, const Configuration& config) {
    const Model* model = catalog.findModel(config.model);
    const Trim* trim = model ? model->findTrim(config.trim) : nullptr;
    if (!trim) return nullptr;
    for (const auto& f : trim->official)
        if (config.options.count(f.batteryOption)) return &f;
    return nullptr;
}

std::optional<TcoResult> totalCostOfOwnership(const Catalog& catalog, const PricingContent& pricing,
                                              const Configuration& config, const PriceBreakdown& price, int years,
                                              std::int64_t kmPerYear, const std::optional<OfficialConsumption>& given) {
    const Model* model = catalog.findModel(config.model);
    const OfficialRange* published = officialFigure(catalog, config);
    if (!model || (!given && !published)) return std::nullopt;
    const TcoAssumptions& a = pricing.tco;
    const PetrolCar* petrol = nullptr;
    for (const auto& c : a.petrolCars)
        if (c.bodyStyle == model->bodyStyle) petrol = &c;
    if (!petrol) return std::nullopt;

    constexpr RoundingRule kToMinor{1, RoundingMode::HalfUp};
    TcoResult r;
    r.years = years > 0 ? years : a.years;
    r.kmPerYear = kmPerYear > 0 ? kmPerYear : a.kmPerYear;
    // The official figure on the market's cycle (measured at the socket), else the published CLTC one.
    if (given) {
        r.evWhPerKm = std::llround(given->kwhPer100km * 10.0);
        r.consumptionSource = "official " + given->cycle + " consumption of trim " + config.trim;
    } else {
        r.evWhPerKm = std::llround(published->cltcKwhPer100km * 10.0);
        r.consumptionSource = "official CLTC consumption of trim " + config.trim + " with " + published->batteryOption;
    }
    r.homeChargingShareBp = a.homeChargingShareBp;
    r.homeMinorPerKwh = a.homeMinorPerKwh;
    r.publicMinorPerKwh = a.publicMinorPerKwh;
    r.petrolMinorPerLitre = a.petrolMinorPerLitre;
    r.petrol = petrol;

    const std::int64_t km = mulMinor(r.years, r.kmPerYear);
    // Blended tariff in minor units per kWh x 10^4 (basis points of the mix).
    const std::int64_t tariffBp = addMinor(mulMinor(a.homeMinorPerKwh, a.homeChargingShareBp),
                                           mulMinor(a.publicMinorPerKwh, 10'000 - a.homeChargingShareBp));
    r.ev.purchaseMinor = price.totalMinor;  // after every incentive, including subsidies paid later
    r.ev.energyMinor = mulDivRound(mulMinor(km, r.evWhPerKm), tariffBp, 1000 * 10'000, kToMinor);
    r.ev.maintenanceMinor = mulMinor(a.evMaintenanceMinorPerYear, r.years);
    r.ev.insuranceMinor = mulMinor(a.evInsuranceMinorPerYear, r.years);
    r.ev.totalMinor = addMinor(addMinor(r.ev.purchaseMinor, r.ev.energyMinor), addMinor(r.ev.maintenanceMinor, r.ev.insuranceMinor));

    r.petrolSide.purchaseMinor = petrol->onTheRoadPriceMinor;
    r.petrolSide.energyMinor = mulDivRound(mulMinor(km, petrol->litresPer100kmCenti), a.petrolMinorPerLitre, 100 * 100, kToMinor);
    r.petrolSide.maintenanceMinor = mulMinor(petrol->maintenanceMinorPerYear, r.years);
    r.petrolSide.insuranceMinor = mulMinor(petrol->insuranceMinorPerYear, r.years);
    r.petrolSide.totalMinor = addMinor(addMinor(r.petrolSide.purchaseMinor, r.petrolSide.energyMinor),
                                       addMinor(r.petrolSide.maintenanceMinor, r.petrolSide.insuranceMinor));
    r.differenceMinor = subMinor(r.petrolSide.totalMinor, r.ev.totalMinor);
    return r;
}

}  // namespace core::pricing
