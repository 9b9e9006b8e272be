#pragma once
// RangeData: everything the range module reads from content besides the catalog: the drive
// cycles, the global model constants, the tyre and wheel model, the label regimes (CLTC, WLTP,
// EPA), the climate and cold-battery model, charging defaults and the market's tariffs.
// Loaded once from the file named by content.json "modules"."range" (content/range/cn.json);
// immutable afterwards and shared read-only by every thread.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/ContentError.h"
#include "core/range/DriveCycle.h"
#include "core/range/Simulation.h"

namespace core::range {

// Rolling resistance and drag by tyre and wheel: crr = referenceCrr * (1 + perWidth*(w - refW)/10)
// * (1 + perRim*(rim - refRim)); drag area grows with tyre width; each rim design adds to Cd.
struct TyreModel {
    double referenceCrr = 0.0075;
    int referenceWidthMm = 215;
    int referenceRimInch = 17;
    double crrPerTenMmWidth = 0.02;
    double crrPerRimInch = 0.03;
    double crrSpeedPerMps = 0.003;          // crr(v) = crr (1 + k v): the b term of the road load
    double dragAreaPerTenMmWidthM2 = 0.003;
    std::map<std::string, double> designCd;  // "aero" -> 0, "5-spoke" -> 0.006, ...

    double crr(const TyreSize& t) const;
};

// One official test: cycle(s), test payload above curb mass, and for EPA the weighting and factor.
struct LabelRegime {
    std::string cycle;           // CLTC, WLTP: the cycle; EPA: the city cycle
    std::string highwayCycle;    // EPA only
    double cityShare = 1.0;      // EPA 0.55
    double payloadKg = 100;
    double ambientC = 23;
    double adjustmentFactor = 1.0;  // EPA 0.7
};

// Cabin heating/cooling and the cold battery; the calibration is in src/range/README.md.
struct ClimateModel {
    double heatingBalanceC = 18;        // below: heating needed (sun, people and electronics cover the rest)
    double coolingBalanceC = 24;        // above: cooling needed
    double cabinUaWPerKPerM2 = 40;      // cabin heat loss incl. fresh air, per K and per m^2 of frontal area
    double solarLoadW = 300;            // extra cooling load in hot weather
    double ptcEfficiency = 0.95;
    std::vector<std::pair<double, double>> heatPumpCop;  // (degC, COP), linear between points
    double heatPumpMinC = -20;          // below: the heat pump hands over to the PTC heater
    double acCop = 2.5;
    double blowerW = 150;               // fans and controls whenever climate is on
    double customerBaseW = 250;         // 12 V loads, screens, lights on the road
    double batteryConditioningBelowC = 10;
    double batteryConditioningWPerK = 35;
    double coldEnergyReferenceC = 15;   // below: part of the pack's energy is not available
    double coldEnergyLossPerKLfp = 0.005;
    double coldEnergyLossPerKNmc = 0.0035;

    // Electrical power for cabin and battery at `ambientC`, W (without the base load).
    double climateW(double ambientC, bool heatPump, bool climateOn, double frontalAreaM2) const;
    double availableEnergyShare(double ambientC, bool lfp) const;
};

struct Tariff {
    Text name;
    std::int64_t priceMinorPerKwh = 0;  // CNY fen per kWh bought
};

struct ChargingModel {
    std::vector<double> dcChargerKw = {60, 120, 250};  // the public charger classes the kiosk offers
    std::vector<double> wallboxKw = {7, 11};
    double acTaperFromPercent = 95;   // constant-voltage phase: power falls ...
    double acTaperPowerShare = 0.5;   // ... to this share for the last percent
    double sessionWindowPercent = 70; // a typical charge (e.g. 20 -> 90 %) for "charges per week"
    // Normalised DC curve by chemistry (SoC %, share of max_dc_charge_kw) for a battery without its own.
    std::map<std::string, std::vector<ChargePoint>> defaultShape;
};

struct RangeData {
    std::map<std::string, DriveCycle> cycles;  // by id
    ModelConstants constants;
    TyreModel tyres;
    LabelRegime cltc, wltp, epa;
    ClimateModel climate;
    ChargingModel charging;
    std::string customerCityCycle = "wltc3b";
    Tariff home, publicDc;
    // Standby load of a trim above the base load (Vehicle::standbyW), by trim id ("standby_w");
    // a trim not named is a typical car (0 W).
    std::map<std::string, double> standbyW;
    std::string sourceFile;

    double standbyOf(const std::string& trimId) const;

    const DriveCycle* cycle(const std::string& id) const;
};

struct RangeLoadResult {
    std::optional<RangeData> data;
    ContentErrors errors;
};

// Reads catalog.moduleFiles["range"] and the cycle files it names; every problem with file and
// JSON pointer. Also checks the catalog's batteries for a usable DC curve.
RangeLoadResult loadRangeData(const Catalog& catalog);
// `otherLanguages`: translations read past (a shared file's languages of other markets).
RangeLoadResult loadRangeData(const std::string& file, const std::vector<std::string>& languages,
                              const std::vector<std::string>& otherLanguages = {});

}  // namespace core::range
