#include "core/range/Estimate.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include "RangeNumbers.h"

namespace core::range {
namespace {
using detail::num;
using detail::kGravity;



const Option* chosenOf(const Model& model, const Trim& trim, const Configuration& config, const std::string& category) {
    for (const auto& id : config.options)
        if (const Option* o = model.findOption(id); o && o->category == category) return o;
    auto it = trim.defaults.find(category);
    return it == trim.defaults.end() ? nullptr : model.findOption(it->second);
}

const Option* defaultOf(const Model& model, const Trim& trim, const std::string& category) {
    auto it = trim.defaults.find(category);
    return it == trim.defaults.end() ? nullptr : model.findOption(it->second);
}

double interpolate(const std::vector<ChargePoint>& curve, double soc) {
    if (curve.empty()) return 0;
    if (soc <= curve.front().socPercent) return curve.front().kw;
    for (size_t i = 1; i < curve.size(); ++i)
        if (soc <= curve[i].socPercent) {
            const ChargePoint& a = curve[i - 1];
            const ChargePoint& b = curve[i];
            return a.kw + (b.kw - a.kw) * (soc - a.socPercent) / (b.socPercent - a.socPercent);
        }
    return curve.back().kw;
}

// Payload of the regime that uses a cycle, so every cycle is run at its own test mass.
const LabelRegime& regimeOf(const RangeData& d, const std::string& cycleId) {
    if (cycleId == d.wltp.cycle) return d.wltp;
    if (cycleId == d.epa.cycle || cycleId == d.epa.highwayCycle || cycleId == "us06") return d.epa;
    return d.cltc;
}

}  // namespace

std::vector<std::string> checkConditions(const Conditions& c) {
    std::vector<std::string> p;
    const auto range = [&](const char* field, double v, double lo, double hi) {
        if (!std::isfinite(v) || v < lo || v > hi) p.push_back(std::string(field) + " " + num(v) + " is outside " + num(lo) + ".." + num(hi));
    };
    range("ambient_c", c.ambientC, -20, 40);
    range("highway_speed_kmh", c.highwaySpeedKmh, 30, 160);
    range("city_share", c.cityShare, 0, 1);
    range("payload_kg", c.payloadKg, 0, 1000);
    range("daily_km", c.dailyKm, 0, 2000);
    range("home_charging_share", c.homeChargingShare, 0, 1);
    range("dc_charger_kw", c.dcChargerKw, 3, 1000);
    range("wallbox_kw", c.wallboxKw, 1, 50);
    return p;
}

std::int64_t energyCostMinor(double wh, std::int64_t priceMinorPerKwh) {
    if (!(wh > 0)) return 0;
    const auto whInt = static_cast<std::int64_t>(std::llround(wh));
    return (whInt * priceMinorPerKwh + 500) / 1000;
}

std::vector<ChargePoint> chargeCurve(const ChargingModel& m, const std::string& chemistry, double maxDcChargeKw,
                                     const std::vector<ChargePoint>& own) {
    if (!own.empty()) return own;
    std::vector<ChargePoint> curve;
    auto it = m.defaultShape.find(chemistry);
    if (it == m.defaultShape.end()) it = m.defaultShape.begin();
    if (it == m.defaultShape.end()) return {{0, maxDcChargeKw}, {100, maxDcChargeKw}};
    for (const auto& p : it->second) curve.push_back({p.socPercent, p.kw * maxDcChargeKw});
    return curve;
}

double dcChargeMinutes(const std::vector<ChargePoint>& curve, double usableKwh, double chargerKw, double fromPercent,
                       double toPercent, double* peakKw) {
    constexpr double kStep = 0.25;  // percent of state of charge per integration step
    double hours = 0, peak = 0;
    for (double soc = fromPercent; soc < toPercent - 1e-9; soc += kStep) {
        const double step = std::min(kStep, toPercent - soc);
        const double kw = std::max(0.1, std::min(interpolate(curve, soc + 0.5 * step), chargerKw));
        peak = std::max(peak, kw);
        hours += usableKwh * step / 100.0 / kw;
    }
    if (peakKw) *peakKw = peak;
    return hours * 60.0;
}

double acChargeHours(const ChargingModel& m, const ModelConstants& k, double usableKwh, double acKw) {
    const double intoCellsKw = std::max(0.1, acKw * k.acChargeEfficiency);
    const double bulk = usableKwh * m.acTaperFromPercent / 100.0;
    const double taper = usableKwh - bulk;
    return bulk / intoCellsKw + taper / (intoCellsKw * m.acTaperPowerShare);
}

Result<Vehicle> vehicleFor(const RangeData& data, const Model& model, const Trim& trim, const Configuration& config) {
    std::string error;
    const Physics& ph = trim.physics;
    const std::string who = "trim " + trim.id + ": physics.";
    const auto bad = [&](const char* field, double v, double lo, double hi) {
        if (std::isfinite(v) && v >= lo && v <= hi) return false;
        error = who + field + " " + num(v) + (v == 0 ? " is missing" : " is outside " + num(lo) + ".." + num(hi));
        return true;
    };
    if (bad("curb_mass_kg", ph.curbMassKg, 500, 4000) || bad("drag_coefficient", ph.dragCoefficient, 0.15, 0.6) ||
        bad("frontal_area_m2", ph.frontalAreaM2, 1.5, 4.5) || bad("motor_power_kw", ph.motorPowerKw, 20, 1500) ||
        bad("onboard_charger_kw", ph.onboardChargerKw, 3, 22))
        return fail(error);
    if (ph.tyre.widthMm == 0) {
        return fail(who + "tyre is missing");
    }
    const Option* battery = chosenOf(model, trim, config, "battery");
    if (!battery || !battery->battery) {
        return fail("trim " + trim.id + ": no battery chosen and no default battery");
    }
    const BatterySpec& bat = *battery->battery;
    if (!(bat.usableKwh >= 5 && bat.usableKwh <= 250) || !(bat.massKg >= 20 && bat.massKg <= 1500)) {
        return fail("option " + battery->id + ": battery.usable_kwh " + num(bat.usableKwh) + " or battery.mass_kg " +
                    num(bat.massKg) + " is missing or absurd");
    }
    const Option* defaultBattery = defaultOf(model, trim, "battery");
    const Option* wheel = chosenOf(model, trim, config, "wheels");
    const Option* defaultWheel = defaultOf(model, trim, "wheels");
    const auto designCd = [&](const Option* o, double& cd) {
        if (!o || !o->wheel) return true;
        auto it = data.tyres.designCd.find(o->wheel->design);
        if (it == data.tyres.designCd.end()) {
            error = "option " + o->id + ": wheel design \"" + o->wheel->design + "\" has no entry in " + data.sourceFile +
                    " /tyres/wheel_design_cd";
            return false;
        }
        cd = it->second;
        return true;
    };
    double cdChosen = 0, cdDefault = 0;
    if (!designCd(wheel, cdChosen) || !designCd(defaultWheel, cdDefault)) return fail(error);

    Vehicle v;
    v.name = model.id + "/" + trim.id;
    v.massKg = ph.curbMassKg + bat.massKg - (defaultBattery && defaultBattery->battery ? defaultBattery->battery->massKg : bat.massKg);
    v.motorPowerKw = ph.motorPowerKw;
    v.drive = ph.drivetrain == "fwd" ? Drive::Fwd : ph.drivetrain == "awd" ? Drive::Awd : Drive::Rwd;
    v.usableBatteryKwh = bat.usableKwh;
    v.lfp = bat.chemistry == "LFP";
    v.heatPump = ph.heatPump;
    v.onboardChargerKw = ph.onboardChargerKw;
    v.frontalAreaM2 = ph.frontalAreaM2;
    v.standbyW = data.standbyOf(trim.id);
    const TyreSize& tyre = wheel && wheel->wheel ? wheel->wheel->tyre : ph.tyre;
    const double crr = data.tyres.crr(tyre);
    const double extraCdA = (cdChosen - cdDefault) * ph.frontalAreaM2 +
                            data.tyres.dragAreaPerTenMmWidthM2 * (tyre.widthMm - ph.tyre.widthMm) / 10.0;
    const double rho20 = airDensity(20);
    if (ph.coastDown) {
        // Measured coefficients of the standard car at its CLTC test mass; options change them physically.
        const double testMass = ph.curbMassKg + data.cltc.payloadKg;
        const double crrScale = crr / data.tyres.crr(ph.tyre);
        v.roadLoad.aN = ph.coastDown->aN * crrScale * v.massKg / testMass;
        v.roadLoad.bNPerMps = ph.coastDown->bNPerMps * crrScale * v.massKg / testMass;
        v.roadLoad.cNPerMps2 = ph.coastDown->cNPerMps2 + 0.5 * rho20 * extraCdA;
        v.rollingShareOfA = 0.9;
    } else {
        v.roadLoad.aN = v.massKg * kGravity * crr;
        v.roadLoad.bNPerMps = v.massKg * kGravity * crr * data.tyres.crrSpeedPerMps;
        v.roadLoad.cNPerMps2 = 0.5 * rho20 * (ph.dragCoefficient * ph.frontalAreaM2 + extraCdA);
        v.rollingShareOfA = 1.0;
    }
    if (auto problems = checkVehicle(v); !problems.empty()) {
        return fail("trim " + trim.id + ": " + problems.front());
    }
    return v;
}

Estimate estimateVehicle(const RangeData& data, const Vehicle& vehicle, const std::string& chemistry,
                         double maxDcChargeKw, const std::vector<ChargePoint>& curve, const Conditions& c,
                         double epaAdjustmentFactor, bool massIsTestMass) {
    const ModelConstants& k = data.constants;
    Estimate e;
    e.curbMassKg = vehicle.massKg;
    e.usableKwh = vehicle.usableBatteryKwh;
    const double usableWh = vehicle.usableBatteryKwh * 1000.0;
    for (const auto& [id, cycle] : data.cycles) {
        const LabelRegime& g = regimeOf(data, id);
        RunConditions run;
        run.ambientC = g.ambientC;
        run.payloadKg = massIsTestMass ? 0.0 : g.payloadKg;
        run.auxW = k.labAuxW;
        const RunEnergy r = simulateCycle(vehicle, k, cycle, run);
        CycleFigures f;
        f.batteryWhPerKm = r.batteryWhPerKm();
        f.wallWhPerKm = r.wallWhPerKm();
        f.rangeKm = f.batteryWhPerKm > 0 ? usableWh / f.batteryWhPerKm : 0;
        e.cycles[id] = f;
    }
    const auto label = [&](const std::string& id) {
        LabelFigures l;
        auto it = e.cycles.find(id);
        if (it == e.cycles.end()) return l;
        l.rangeKm = it->second.rangeKm;
        l.kwhPer100km = it->second.wallWhPerKm / 10.0;
        return l;
    };
    e.cltc = label(data.cltc.cycle);
    e.wltp = label(data.wltp.cycle);
    if (e.cycles.count(data.epa.cycle) && e.cycles.count(data.epa.highwayCycle)) {
        const CycleFigures& city = e.cycles[data.epa.cycle];
        const CycleFigures& hwy = e.cycles[data.epa.highwayCycle];
        const double factor = epaAdjustmentFactor > 0 ? epaAdjustmentFactor : data.epa.adjustmentFactor;
        const double share = data.epa.cityShare;
        e.epa.rangeKm = factor * (share * city.rangeKm + (1 - share) * hwy.rangeKm);
        e.epa.kwhPer100km = (share * city.wallWhPerKm + (1 - share) * hwy.wallWhPerKm) / factor / 10.0;
    }

    // The customer's conditions: the city cycle and a steady highway cruise, in their temperature.
    RunConditions run;
    run.ambientC = c.ambientC;
    run.payloadKg = c.payloadKg;
    const double climateW = data.climate.climateW(c.ambientC, vehicle.heatPump, c.climateOn, vehicle.frontalAreaM2);
    run.auxW = data.climate.customerBaseW + climateW;
    e.climateKw = climateW / 1000.0;
    double cityWhPerKm = 0;
    if (const DriveCycle* city = data.cycle(data.customerCityCycle))
        cityWhPerKm = simulateCycle(vehicle, k, *city, run).batteryWhPerKm();
    const double hwyWhPerKm = simulateSteady(vehicle, k, c.highwaySpeedKmh, 100, run).batteryWhPerKm();
    const double batteryWhPerKm = c.cityShare * cityWhPerKm + (1 - c.cityShare) * hwyWhPerKm;
    e.cityKwhPer100km = cityWhPerKm / 10.0;
    e.highwayKwhPer100km = hwyWhPerKm / 10.0;
    e.customerKwhPer100km = batteryWhPerKm / k.acChargeEfficiency / 10.0;
    e.availableKwh = vehicle.usableBatteryKwh * data.climate.availableEnergyShare(c.ambientC, vehicle.lfp);
    e.customerRangeKm = batteryWhPerKm > 0 ? e.availableKwh * 1000.0 / batteryWhPerKm : 0;

    // Charging.
    const auto fullCurve = chargeCurve(data.charging, chemistry, maxDcChargeKw, curve);
    e.dc10To80Min = dcChargeMinutes(fullCurve, vehicle.usableBatteryKwh, c.dcChargerKw, 10, 80, &e.dcPeakKw);
    e.acKw = std::min(c.wallboxKw, vehicle.onboardChargerKw);
    e.ac0To100H = acChargeHours(data.charging, k, vehicle.usableBatteryKwh, e.acKw);

    // Costs: home energy is bought on AC, public energy on DC.
    const double homeWhPer100 = batteryWhPerKm * 100.0 / k.acChargeEfficiency;
    const double publicWhPer100 = batteryWhPerKm * 100.0 / k.dcChargeEfficiency;
    e.homeCostPer100kmMinor = energyCostMinor(homeWhPer100, data.home.priceMinorPerKwh);
    e.publicCostPer100kmMinor = energyCostMinor(publicWhPer100, data.publicDc.priceMinorPerKwh);
    e.weeklyKm = 7.0 * c.dailyKm;
    const double weeklyBatteryWh = e.weeklyKm * batteryWhPerKm;
    e.chargesPerWeek = weeklyBatteryWh / (usableWh * data.charging.sessionWindowPercent / 100.0);
    e.costPerWeekMinor =
        energyCostMinor(c.homeChargingShare * weeklyBatteryWh / k.acChargeEfficiency, data.home.priceMinorPerKwh) +
        energyCostMinor((1 - c.homeChargingShare) * weeklyBatteryWh / k.dcChargeEfficiency, data.publicDc.priceMinorPerKwh);
    return e;
}

namespace {

// The official figure of an estimated build on the market's cycle: the published figure when the
// build is a published variant (its battery has one, on the trim's default wheels), else the
// model's figure on that cycle rounded to 5 km, as the published figures were set.
Result<OfficialFigure> officialOf(const RangeData& data, const Catalog& catalog, const Model& model, const Trim& trim,
                                  const Estimate& e, const OfficialRange* published) {
    const std::string& cycle = catalog.market.officialCycle;
    OfficialFigure f;
    f.cycle = cycle;
    const std::string where = "market " + catalog.market.id + " (" + catalog.market.sourceFile + "): official_cycle";
    if (cycle.empty()) return fail(where + " is missing");
    if (cycle == data.cltc.cycle) f.regime = "cltc";
    else if (cycle == data.wltp.cycle) f.regime = "wltp";
    else if (cycle == data.epa.cycle) f.regime = "epa";
    else return fail(where + " \"" + cycle + "\" is not the cycle of a label regime in " + data.sourceFile);
    const Option* defaultWheel = defaultOf(model, trim, "wheels");
    const bool defaultWheels = e.wheelOption == (defaultWheel ? defaultWheel->id : "");
    if (f.regime == "cltc" && defaultWheels && published && published->cltcRangeKm > 0) {
        f.rangeKm = published->cltcRangeKm;
        f.kwhPer100km = published->cltcKwhPer100km;
        f.published = true;
    } else {
        const LabelFigures& l = f.regime == "cltc" ? e.cltc : f.regime == "wltp" ? e.wltp : e.epa;
        f.rangeKm = 5.0 * std::round(l.rangeKm / 5.0);
        f.kwhPer100km = l.kwhPer100km;
    }
    return f;
}

}  // namespace

Result<Estimate> estimate(const RangeData& data, const Catalog& catalog, const Configuration& config, const Conditions& c) {
    if (auto problems = checkConditions(c); !problems.empty()) {
        return fail("conditions: " + problems.front());
    }
    const Model* model = catalog.findModel(config.model);
    if (!model) {
        return fail("unknown model \"" + config.model + "\"");
    }
    const Trim* trim = model->findTrim(config.trim);
    if (!trim) {
        return fail("unknown trim \"" + config.trim + "\" of model \"" + config.model + "\"");
    }
    const Result<Vehicle> v = vehicleFor(data, *model, *trim, config);
    if (!v) return fail(v.error());
    const Option* battery = chosenOf(*model, *trim, config, "battery");
    const Option* wheel = chosenOf(*model, *trim, config, "wheels");
    const BatterySpec& bat = *battery->battery;
    Estimate e = estimateVehicle(data, *v, bat.chemistry, bat.maxDcChargeKw, bat.dcChargeCurve, c);
    e.trimId = trim->id;
    e.batteryOption = battery->id;
    e.wheelOption = wheel ? wheel->id : "";
    const OfficialRange* published = nullptr;
    for (const auto& o : trim->official)
        if (o.batteryOption == battery->id) published = &o;
    if (published) e.officialCltcKm = published->cltcRangeKm;
    if (auto f = officialOf(data, catalog, *model, *trim, e, published)) e.official = *f;
    return e;
}

Result<OfficialFigure> officialRange(const RangeData& data, const Catalog& catalog, const Configuration& config) {
    const Result<Estimate> r = estimate(data, catalog, config);
    if (!r) return fail(r.error());
    if (r->official.rangeKm <= 0) {
        // The reason: estimate() keeps a build's figures when only the market's cycle is wrong.
        const Model* model = catalog.findModel(config.model);
        const Result<OfficialFigure> f = officialOf(data, catalog, *model, *model->findTrim(config.trim), *r, nullptr);
        if (!f) return fail(f.error());
    }
    return r->official;
}

Result<std::pair<double, double>> officialRangeSpanKm(const RangeData& data, const Catalog& catalog, const Model& model) {
    double lo = 0, hi = 0;
    bool any = false;
    for (const Trim& trim : model.trims) {
        const Configuration base = defaultConfiguration(model, trim);
        std::vector<Configuration> builds;
        for (const auto& id : trim.options) {
            const Option* o = model.findOption(id);
            if (!o || !o->battery) continue;
            Configuration c = base;
            for (const auto& other : trim.options)
                if (const Option* b = model.findOption(other); b && b->battery) c.options.erase(other);
            c.options.insert(id);
            builds.push_back(c);
        }
        if (builds.empty()) builds.push_back(base);
        for (const auto& c : builds) {
            const Result<OfficialFigure> f = officialRange(data, catalog, c);
            if (!f) return fail(f.error());
            lo = any ? std::min(lo, f->rangeKm) : f->rangeKm;
            hi = any ? std::max(hi, f->rangeKm) : f->rangeKm;
            any = true;
        }
    }
    return std::make_pair(lo, hi);
}

Conditions winterConditions() {
    Conditions c;
    c.ambientC = -7;
    return c;
}

Conditions highwayConditions() {
    Conditions c;
    c.cityShare = 0;
    c.highwaySpeedKmh = 120;
    return c;
}

}  // namespace core::range
