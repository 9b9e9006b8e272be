#pragma once
// Total cost of ownership over N years against a comparable petrol car from content. Energy
// from the trim's official consumption (the range model replaces it later); every assumption is
// returned beside the figure. Savings are reported apart and never netted into a price.
#include <cstdint>
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/pricing/PriceBreakdown.h"

namespace core::pricing {

struct TcoSide {
    std::int64_t purchaseMinor = 0;    // on-the-road price
    std::int64_t energyMinor = 0;      // electricity or petrol over the period
    std::int64_t maintenanceMinor = 0;
    std::int64_t insuranceMinor = 0;
    std::int64_t totalMinor = 0;
};

struct TcoResult {
    int years = 0;
    std::int64_t kmPerYear = 0;
    std::int64_t evWhPerKm = 0;             // consumption used
    std::string consumptionSource;          // "official wltc3b consumption of <trim> with <battery>"
    std::int64_t homeChargingShareBp = 0;
    std::int64_t homeMinorPerKwh = 0, publicMinorPerKwh = 0, petrolMinorPerLitre = 0;
    const PetrolCar* petrol = nullptr;      // the comparison car (points into the pricing content)
    TcoSide ev, petrolSide;
    std::int64_t differenceMinor = 0;       // petrol total - EV total (positive: the EV costs less)
};

// The official consumption of the build on the market's cycle (core::range::OfficialFigure).
struct OfficialConsumption {
    double kwhPer100km = 0;  // at the wall
    std::string cycle;       // the market's official cycle id, "wltc3b"
};

// `years` and `kmPerYear` of 0 take the content's defaults. The energy comes from `official`
// when given, else from the trim's published CLTC figure for the chosen battery. nullopt when no
// petrol car of the model's body style is in content or there is no consumption to use.
std::optional<TcoResult> totalCostOfOwnership(const Catalog& catalog, const PricingContent& pricing,
                                              const Configuration& config, const PriceBreakdown& price, int years = 0,
                                              std::int64_t kmPerYear = 0,
                                              const std::optional<OfficialConsumption>& official = std::nullopt);

// The official figure for the configuration's battery, or nullptr.
const OfficialRange* officialFigure(const Catalog& catalog, const Configuration& config);

}  // namespace core::pricing
