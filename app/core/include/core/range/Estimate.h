#pragma once
// The range card of one configuration, for the kiosk UI and kioskctl: the label figures (CLTC,
// WLTP, EPA), the figure in the customer's own conditions, charging times and running costs.
// estimate() is a pure function of its arguments (about 0.1 ms), cheap enough to call on every
// option pick from the UI thread. Distances in km, energy in kWh, money in minor units.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/Result.h"
#include "core/range/RangeData.h"
#include "core/range/Simulation.h"

namespace core::range {

// The customer's conditions; the defaults are a mild day of mixed driving.
struct Conditions {
    double ambientC = 23;          // -20 .. 40
    double highwaySpeedKmh = 110;  // steady highway cruise: 90, 110, 120, 130
    double cityShare = 0.5;        // share of the distance driven in town (the rest on the highway)
    double payloadKg = 100;        // people and luggage, driver included
    bool climateOn = true;
    double dailyKm = 50;           // "your week"
    double homeChargingShare = 0.8;  // share of the energy charged at home (the rest on public DC)
    double dcChargerKw = 120;      // public charger class: 60, 120, 250
    double wallboxKw = 7;          // home wallbox: 7 or 11
};

// The named conditions every range summary shows beside the everyday one (the kiosk's summary and
// the share page): a winter day at -7 °C with the heating on, and a trip all on the highway at 120 km/h.
Conditions winterConditions();
Conditions highwayConditions();

// Problems with the conditions, each naming the field ("ambient_c 55 is outside -20..40").
std::vector<std::string> checkConditions(const Conditions& c);

struct CycleFigures {
    double batteryWhPerKm = 0;
    double wallWhPerKm = 0;
    double rangeKm = 0;          // usable energy / battery-side consumption
};

struct LabelFigures {
    double rangeKm = 0;
    double kwhPer100km = 0;      // at the wall, as published
};

// The one official range figure of a build, for every screen (configurator, quote, comparison):
// on the market's official test cycle (Market::officialCycle: the CLTC, WLTP or EPA regime whose
// cycle it names). A build that is a published variant (a battery with a published figure of the
// trim, on the trim's default wheels) gets the published figure; any other build the model's figure
// on that cycle rounded to 5 km, as the published figures were set. Errors name the market or build.
struct OfficialFigure {
    std::string cycle;       // the market's official cycle id ("cltc_p", "wltc3b", "udds")
    std::string regime;      // "cltc", "wltp" or "epa"
    double rangeKm = 0;
    double kwhPer100km = 0;  // at the wall, on the same cycle (published with the figure, else the model's)
    bool published = false;  // the catalog's published figure, not the model's
};

struct Estimate {
    std::string trimId, batteryOption, wheelOption;
    double curbMassKg = 0;
    double usableKwh = 0;
    // Official figures as the model computes them for this configuration.
    LabelFigures cltc, wltp, epa;
    double officialCltcKm = 0;   // the published figure of the trim with this battery (0 when none)
    // The one figure every screen, the PDF and kioskctl show as official (see officialRange);
    // rangeKm 0 when the market names no cycle of a label regime.
    OfficialFigure official;
    std::map<std::string, CycleFigures> cycles;  // every cycle, at its label test mass, 23 degC, lab base load
    // The customer's conditions.
    double customerRangeKm = 0;
    double customerKwhPer100km = 0;      // at the wall
    double cityKwhPer100km = 0, highwayKwhPer100km = 0;  // battery side
    double availableKwh = 0;             // usable energy at this temperature
    double climateKw = 0;                // cabin and battery conditioning
    // Charging.
    double dc10To80Min = 0;      // at the chosen public charger
    double dcPeakKw = 0;         // highest power reached on that charger
    double ac0To100H = 0;        // on the chosen wallbox, limited by the on-board charger
    double acKw = 0;
    // Running costs.
    std::int64_t homeCostPer100kmMinor = 0;
    std::int64_t publicCostPer100kmMinor = 0;
    double weeklyKm = 0;
    double chargesPerWeek = 0;
    std::int64_t costPerWeekMinor = 0;
};

// The simulation vehicle of a configuration: the trim's physics with the chosen battery (energy
// and mass) and wheels (rolling resistance, drag). Errors name the trim or option and the field.
Result<Vehicle> vehicleFor(const RangeData& data, const Model& model, const Trim& trim, const Configuration& config);

Result<Estimate> estimate(const RangeData& data, const Catalog& catalog, const Configuration& config,
                          const Conditions& conditions = {});

// The official figure of a build alone (estimate(...).official), with the reason when the market's
// official cycle is missing or names no label regime.
Result<OfficialFigure> officialRange(const RangeData& data, const Catalog& catalog, const Configuration& config);

// Lowest and highest official figure of a model over its trims, each with each battery it offers
// (the trim's default car otherwise): the span the model chooser shows.
Result<std::pair<double, double>> officialRangeSpanKm(const RangeData& data, const Catalog& catalog, const Model& model);

Result<OfficialFigure> officialRange(const RangeData& data, const Catalog& catalog, const Configuration& config);

// Figures for any vehicle (a trim's or a spec file's): labels, every cycle, customer conditions.
// `chemistry` picks the default DC shape; `curve` may be empty. With massIsTestMass the vehicle's
// mass is used as is on every cycle (a spec file's test mass), else each label adds its payload.
Estimate estimateVehicle(const RangeData& data, const Vehicle& vehicle, const std::string& chemistry,
                         double maxDcChargeKw, const std::vector<ChargePoint>& curve, const Conditions& conditions,
                         double epaAdjustmentFactor = 0, bool massIsTestMass = false);

// Minutes from `fromPercent` to `toPercent` on a DC charger of `chargerKw` (curve capped by charger).
double dcChargeMinutes(const std::vector<ChargePoint>& curve, double usableKwh, double chargerKw, double fromPercent,
                       double toPercent, double* peakKw = nullptr);
// Hours from 0 to 100 % on AC at `acKw` into the car (wallbox and on-board charger limit), with the taper.
double acChargeHours(const ChargingModel& m, const ModelConstants& k, double usableKwh, double acKw);
// The curve of a battery: its own, or the chemistry's default shape scaled by its peak power.
std::vector<ChargePoint> chargeCurve(const ChargingModel& m, const std::string& chemistry, double maxDcChargeKw,
                                     const std::vector<ChargePoint>& own);
// Cost of `wh` watt-hours at `priceMinorPerKwh`, rounded half up to a minor unit (integer arithmetic).
std::int64_t energyCostMinor(double wh, std::int64_t priceMinorPerKwh);

}  // namespace core::range
