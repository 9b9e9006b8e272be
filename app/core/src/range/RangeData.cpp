#include "core/range/RangeData.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/JsonReader.h"

namespace core::range {
namespace {

namespace fs = std::filesystem;

double interpolate(const std::vector<std::pair<double, double>>& pts, double x) {
    if (pts.empty()) return 0;
    if (x <= pts.front().first) return pts.front().second;
    for (size_t i = 1; i < pts.size(); ++i)
        if (x <= pts[i].first) {
            const auto& [x0, y0] = pts[i - 1];
            const auto& [x1, y1] = pts[i];
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    return pts.back().second;
}

void readNumber(JsonReader& r, const Json& obj, const std::string& path, const char* key, double lo, double hi, double& out) {
    if (auto v = r.number(obj, path, key, lo, hi)) out = *v;
}

void loadConstants(JsonReader& r, const Json& j, const std::string& p, ModelConstants& k) {
    r.allowOnly(j, p, {"rotating_mass_share", "gear_loss_share", "inverter_loss_mps", "copper_loss_mps", "iron_loss_share",
                       "regen_max_share", "regen_full_speed_mps", "regen_min_speed_mps", "regen_power_share",
                       "regen_max_c_rate", "lab_aux_w", "battery_loss_at_1c", "ac_charge_efficiency",
                       "dc_charge_efficiency", "rolling_cold_per_k", "battery_resistance_doubling_k"});
    readNumber(r, j, p, "rotating_mass_share", 0, 0.2, k.rotatingMassShare);
    readNumber(r, j, p, "gear_loss_share", 0, 0.2, k.gearLossShare);
    readNumber(r, j, p, "inverter_loss_mps", 0, 5, k.inverterLossMps);
    readNumber(r, j, p, "copper_loss_mps", 0, 100, k.copperLossMps);
    readNumber(r, j, p, "iron_loss_share", 0, 0.05, k.ironLossShare);
    readNumber(r, j, p, "regen_max_share", 0, 1, k.regenMaxShare);
    readNumber(r, j, p, "regen_full_speed_mps", 0.5, 20, k.regenFullSpeedMps);
    readNumber(r, j, p, "regen_min_speed_mps", 0, 10, k.regenMinSpeedMps);
    readNumber(r, j, p, "regen_power_share", 0.05, 2, k.regenPowerShare);
    readNumber(r, j, p, "regen_max_c_rate", 0.1, 10, k.regenMaxCRate);
    readNumber(r, j, p, "lab_aux_w", 0, 2000, k.labAuxW);
    readNumber(r, j, p, "battery_loss_at_1c", 0, 0.2, k.batteryLossAt1C);
    readNumber(r, j, p, "ac_charge_efficiency", 0.5, 1, k.acChargeEfficiency);
    readNumber(r, j, p, "dc_charge_efficiency", 0.5, 1, k.dcChargeEfficiency);
    readNumber(r, j, p, "rolling_cold_per_k", 0, 0.05, k.rollingCold_perK);
    readNumber(r, j, p, "battery_resistance_doubling_k", 3, 100, k.batteryResistanceDoublingK);
    if (k.regenMinSpeedMps >= k.regenFullSpeedMps)
        r.fail(jsonPointer(p, "regen_min_speed_mps"), "must be below regen_full_speed_mps");
}

void loadTyres(JsonReader& r, const Json& j, const std::string& p, TyreModel& t) {
    r.allowOnly(j, p, {"reference_crr", "reference_width_mm", "reference_rim_in", "crr_per_10mm_width", "crr_per_rim_inch",
                       "crr_speed_per_mps", "drag_area_per_10mm_width_m2", "wheel_design_cd"});
    readNumber(r, j, p, "reference_crr", 0.004, 0.02, t.referenceCrr);
    if (auto v = r.integer(j, p, "reference_width_mm", 135, 355)) t.referenceWidthMm = static_cast<int>(*v);
    if (auto v = r.integer(j, p, "reference_rim_in", 13, 24)) t.referenceRimInch = static_cast<int>(*v);
    readNumber(r, j, p, "crr_per_10mm_width", 0, 0.2, t.crrPerTenMmWidth);
    readNumber(r, j, p, "crr_per_rim_inch", -0.1, 0.2, t.crrPerRimInch);
    readNumber(r, j, p, "crr_speed_per_mps", 0, 0.02, t.crrSpeedPerMps);
    readNumber(r, j, p, "drag_area_per_10mm_width_m2", 0, 0.05, t.dragAreaPerTenMmWidthM2);
    if (const Json* d = r.object(j, p, "wheel_design_cd")) {
        const std::string dp = jsonPointer(p, "wheel_design_cd");
        for (auto it = d->begin(); it != d->end(); ++it)
            if (auto v = r.number(*d, dp, it.key().c_str(), -0.02, 0.05)) t.designCd[it.key()] = *v;
    }
}

void loadRegime(JsonReader& r, const Json& j, const std::string& p, LabelRegime& g, bool epa) {
    if (epa)
        r.allowOnly(j, p, {"city_cycle", "highway_cycle", "city_share", "payload_kg", "ambient_c", "adjustment_factor"});
    else
        r.allowOnly(j, p, {"cycle", "payload_kg", "ambient_c"});
    if (auto v = r.nonEmptyString(j, p, epa ? "city_cycle" : "cycle")) g.cycle = *v;
    if (epa) {
        if (auto v = r.nonEmptyString(j, p, "highway_cycle")) g.highwayCycle = *v;
        readNumber(r, j, p, "city_share", 0, 1, g.cityShare);
        readNumber(r, j, p, "adjustment_factor", 0.3, 1, g.adjustmentFactor);
    }
    readNumber(r, j, p, "payload_kg", 0, 1000, g.payloadKg);
    readNumber(r, j, p, "ambient_c", -30, 50, g.ambientC);
}

std::vector<std::pair<double, double>> readPairs(JsonReader& r, const Json& obj, const std::string& path, const char* key,
                                                 double xLo, double xHi, double yLo, double yHi) {
    std::vector<std::pair<double, double>> out;
    const Json* arr = r.array(obj, path, key);
    if (!arr) return out;
    const std::string ap = jsonPointer(path, key);
    for (size_t i = 0; i < arr->size(); ++i) {
        const Json& e = (*arr)[i];
        const std::string ep = jsonPointer(ap, i);
        if (!e.is_array() || e.size() != 2 || !e[0].is_number() || !e[1].is_number()) {
            r.fail(ep, "expected a pair of numbers");
            continue;
        }
        const double x = e[0].get<double>(), y = e[1].get<double>();
        if (x < xLo || x > xHi || y < yLo || y > yHi) {
            r.fail(ep, "pair [" + e[0].dump() + ", " + e[1].dump() + "] is out of range");
            continue;
        }
        if (!out.empty() && x <= out.back().first) {
            r.fail(ep, "first values must rise");
            continue;
        }
        out.emplace_back(x, y);
    }
    if (out.size() < 2 && arr->size() >= 2) return out;
    if (arr->size() < 2) r.fail(ap, "at least two points are needed");
    return out;
}

void loadClimate(JsonReader& r, const Json& j, const std::string& p, ClimateModel& c) {
    r.allowOnly(j, p, {"heating_balance_c", "cooling_balance_c", "cabin_ua_w_per_k_per_m2", "solar_load_w",
                       "ptc_efficiency", "heat_pump_cop", "heat_pump_min_c", "ac_cop", "blower_w", "customer_base_w",
                       "battery_conditioning_below_c", "battery_conditioning_w_per_k", "cold_energy_reference_c",
                       "cold_energy_loss_per_k_lfp", "cold_energy_loss_per_k_nmc"});
    readNumber(r, j, p, "heating_balance_c", 0, 30, c.heatingBalanceC);
    readNumber(r, j, p, "cooling_balance_c", 10, 40, c.coolingBalanceC);
    readNumber(r, j, p, "cabin_ua_w_per_k_per_m2", 1, 200, c.cabinUaWPerKPerM2);
    readNumber(r, j, p, "solar_load_w", 0, 3000, c.solarLoadW);
    readNumber(r, j, p, "ptc_efficiency", 0.5, 1, c.ptcEfficiency);
    c.heatPumpCop = readPairs(r, j, p, "heat_pump_cop", -40, 50, 1, 8);
    readNumber(r, j, p, "heat_pump_min_c", -40, 10, c.heatPumpMinC);
    readNumber(r, j, p, "ac_cop", 1, 8, c.acCop);
    readNumber(r, j, p, "blower_w", 0, 1000, c.blowerW);
    readNumber(r, j, p, "customer_base_w", 0, 2000, c.customerBaseW);
    readNumber(r, j, p, "battery_conditioning_below_c", -20, 30, c.batteryConditioningBelowC);
    readNumber(r, j, p, "battery_conditioning_w_per_k", 0, 500, c.batteryConditioningWPerK);
    readNumber(r, j, p, "cold_energy_reference_c", -20, 30, c.coldEnergyReferenceC);
    readNumber(r, j, p, "cold_energy_loss_per_k_lfp", 0, 0.05, c.coldEnergyLossPerKLfp);
    readNumber(r, j, p, "cold_energy_loss_per_k_nmc", 0, 0.05, c.coldEnergyLossPerKNmc);
}

void loadCharging(JsonReader& r, const Json& j, const std::string& p, ChargingModel& c) {
    r.allowOnly(j, p, {"dc_charger_kw", "wallbox_kw", "ac_taper_from_percent", "ac_taper_power_share",
                       "session_window_percent", "default_dc_shape"});
    const auto list = [&](const char* key, std::vector<double>& out) {
        const Json* arr = r.array(j, p, key);
        if (!arr) return;
        out.clear();
        for (size_t i = 0; i < arr->size(); ++i) {
            if (!(*arr)[i].is_number() || (*arr)[i].get<double>() <= 0)
                r.fail(jsonPointer(jsonPointer(p, key), i), "expected a positive power in kW");
            else out.push_back((*arr)[i].get<double>());
        }
    };
    list("dc_charger_kw", c.dcChargerKw);
    list("wallbox_kw", c.wallboxKw);
    readNumber(r, j, p, "ac_taper_from_percent", 50, 100, c.acTaperFromPercent);
    readNumber(r, j, p, "ac_taper_power_share", 0.05, 1, c.acTaperPowerShare);
    readNumber(r, j, p, "session_window_percent", 10, 100, c.sessionWindowPercent);
    if (const Json* shapes = r.object(j, p, "default_dc_shape")) {
        const std::string sp = jsonPointer(p, "default_dc_shape");
        for (auto it = shapes->begin(); it != shapes->end(); ++it) {
            auto pts = readPairs(r, *shapes, sp, it.key().c_str(), 0, 100, 0.01, 1.0);
            if (!pts.empty() && (pts.front().first != 0 || pts.back().first != 100))
                r.fail(jsonPointer(sp, it.key()), "a charge curve must run from 0 % to 100 %");
            std::vector<ChargePoint> shape;
            for (const auto& [soc, share] : pts) shape.push_back({soc, share});
            c.defaultShape[it.key()] = shape;
        }
    }
}

void loadTariff(JsonReader& r, const Json& obj, const std::string& path, const char* key, Tariff& t) {
    const Json* j = r.object(obj, path, key);
    if (!j) return;
    const std::string p = jsonPointer(path, key);
    r.allowOnly(*j, p, {"name", "price_minor_per_kwh"});
    if (auto v = r.text(*j, p, "name")) t.name = *v;
    if (auto v = r.integer(*j, p, "price_minor_per_kwh", 0, 100000)) t.priceMinorPerKwh = *v;
}

}  // namespace

double TyreModel::crr(const TyreSize& t) const {
    const double width = t.widthMm > 0 ? t.widthMm : referenceWidthMm;
    const double rim = t.rimInch > 0 ? t.rimInch : referenceRimInch;
    return referenceCrr * (1.0 + crrPerTenMmWidth * (width - referenceWidthMm) / 10.0) *
           (1.0 + crrPerRimInch * (rim - referenceRimInch));
}

double ClimateModel::climateW(double ambientC, bool heatPump, bool climateOn, double frontalAreaM2) const {
    double w = 0;
    // The battery is kept warm whether the cabin climate is on or not.
    if (ambientC < batteryConditioningBelowC) w += batteryConditioningWPerK * (batteryConditioningBelowC - ambientC);
    if (!climateOn) return w;
    w += blowerW;
    const double ua = cabinUaWPerKPerM2 * frontalAreaM2;
    if (ambientC < heatingBalanceC) {
        const double heatW = ua * (heatingBalanceC - ambientC);
        double cop = ptcEfficiency;
        if (heatPump && ambientC >= heatPumpMinC) cop = std::max(ptcEfficiency, interpolate(heatPumpCop, ambientC));
        w += heatW / cop;
    } else if (ambientC > coolingBalanceC) {
        w += (ua * (ambientC - coolingBalanceC) + solarLoadW) / acCop;
    }
    return w;
}

double ClimateModel::availableEnergyShare(double ambientC, bool lfp) const {
    const double perK = lfp ? coldEnergyLossPerKLfp : coldEnergyLossPerKNmc;
    return std::max(0.5, 1.0 - perK * std::max(0.0, coldEnergyReferenceC - ambientC));
}

double RangeData::standbyOf(const std::string& trimId) const {
    auto it = standbyW.find(trimId);
    return it == standbyW.end() ? 0.0 : it->second;
}

const DriveCycle* RangeData::cycle(const std::string& id) const {
    auto it = cycles.find(id);
    return it == cycles.end() ? nullptr : &it->second;
}

RangeLoadResult loadRangeData(const std::string& file, const std::vector<std::string>& languages,
                              const std::vector<std::string>& otherLanguages) {
    RangeLoadResult result;
    ContentErrors& errors = result.errors;
    auto doc = parseJsonFile(file, errors);
    if (!doc) return result;
    JsonReader r(file, errors, languages);
    r.tolerate(otherLanguages);
    if (!r.expectObject(*doc, "")) return result;
    r.allowOnly(*doc, "", {"format", "cycles", "model", "tyres", "labels", "climate", "charging", "customer", "tariffs",
                           "standby_w"});
    r.integer(*doc, "", "format", 1, 1);
    RangeData d;
    d.sourceFile = file;
    const fs::path dir = fs::path(file).parent_path();
    if (const Json* cycles = r.object(*doc, "", "cycles")) {
        for (auto it = cycles->begin(); it != cycles->end(); ++it) {
            const std::string cp = jsonPointer("/cycles", it.key());
            if (!it->is_string()) {
                r.fail(cp, "expected a file path string");
                continue;
            }
            const std::string cf = (dir / it->get<std::string>()).lexically_normal().string();
            if (auto c = loadDriveCycle(cf, errors, languages, otherLanguages)) {
                if (c->id != it.key()) r.fail(cp, "file \"" + cf + "\" holds cycle \"" + c->id + "\", not \"" + it.key() + "\"");
                else d.cycles.emplace(it.key(), std::move(*c));
            }
        }
    }
    if (const Json* j = r.object(*doc, "", "model")) loadConstants(r, *j, "/model", d.constants);
    if (const Json* j = r.object(*doc, "", "tyres")) loadTyres(r, *j, "/tyres", d.tyres);
    if (const Json* labels = r.object(*doc, "", "labels")) {
        r.allowOnly(*labels, "/labels", {"cltc", "wltp", "epa"});
        if (const Json* j = r.object(*labels, "/labels", "cltc")) loadRegime(r, *j, "/labels/cltc", d.cltc, false);
        if (const Json* j = r.object(*labels, "/labels", "wltp")) loadRegime(r, *j, "/labels/wltp", d.wltp, false);
        if (const Json* j = r.object(*labels, "/labels", "epa")) loadRegime(r, *j, "/labels/epa", d.epa, true);
    }
    if (const Json* j = r.object(*doc, "", "climate")) loadClimate(r, *j, "/climate", d.climate);
    if (const Json* j = r.object(*doc, "", "charging")) loadCharging(r, *j, "/charging", d.charging);
    if (const Json* j = r.object(*doc, "", "customer")) {
        r.allowOnly(*j, "/customer", {"city_cycle"});
        if (auto v = r.nonEmptyString(*j, "/customer", "city_cycle")) d.customerCityCycle = *v;
    }
    if (const Json* j = r.object(*doc, "", "tariffs")) {
        r.allowOnly(*j, "/tariffs", {"home", "public_dc"});
        loadTariff(r, *j, "/tariffs", "home", d.home);
        loadTariff(r, *j, "/tariffs", "public_dc", d.publicDc);
    }
    if (const Json* j = r.object(*doc, "", "standby_w", false))
        for (auto it = j->begin(); it != j->end(); ++it)
            if (auto w = r.number(*j, "/standby_w", it.key().c_str(), 0, kMaxStandbyW)) d.standbyW[it.key()] = *w;
    // Every cycle a regime names must be loaded.
    const auto need = [&](const std::string& id, const std::string& path) {
        if (!id.empty() && !d.cycles.count(id) && errors.empty()) r.fail(path, "unknown cycle \"" + id + "\"");
    };
    need(d.cltc.cycle, "/labels/cltc/cycle");
    need(d.wltp.cycle, "/labels/wltp/cycle");
    need(d.epa.cycle, "/labels/epa/city_cycle");
    need(d.epa.highwayCycle, "/labels/epa/highway_cycle");
    need(d.customerCityCycle, "/customer/city_cycle");
    if (errors.empty()) result.data = std::move(d);
    return result;
}

RangeLoadResult loadRangeData(const Catalog& catalog) {
    RangeLoadResult missing;
    const auto file = catalog.requireModuleFile("range", "range figures need a range module (content/range/cn.json)",
                                                missing.errors);
    if (!file) return missing;
    RangeLoadResult result = loadRangeData(*file, catalog.market.languages, catalog.market.otherLanguages);
    if (!result.data) return result;
    // A market that shares the model with another prices its energy in its own tariffs file.
    if (auto it = catalog.moduleFiles.find("range_tariffs"); it != catalog.moduleFiles.end()) {
        if (auto doc = parseJsonFile(it->second, result.errors)) {
            JsonReader r(it->second, result.errors, catalog.market.languages);
            r.tolerate(catalog.market.otherLanguages);
            if (r.expectObject(*doc, "")) {
                r.allowOnly(*doc, "", {"format", "tariffs"});
                r.integer(*doc, "", "format", 1, 1);
                if (const Json* j = r.object(*doc, "", "tariffs")) {
                    r.allowOnly(*j, "/tariffs", {"home", "public_dc"});
                    loadTariff(r, *j, "/tariffs", "home", result.data->home);
                    loadTariff(r, *j, "/tariffs", "public_dc", result.data->publicDc);
                }
            }
        }
    }
    // A battery without its own curve needs the default shape of its chemistry.
    for (const auto& m : catalog.models)
        for (const auto& o : m.options)
            if (o.battery && o.battery->dcChargeCurve.empty() && !result.data->charging.defaultShape.count(o.battery->chemistry))
                result.errors.push_back({o.sourceFile, o.sourcePath + "/battery",
                                         "no dc_charge_curve and no default shape for chemistry \"" + o.battery->chemistry + "\""});
    // A standby load names a trim of the catalog.
    for (const auto& entry : result.data->standbyW) {
        const std::string& trimId = entry.first;
        bool known = false;
        for (const auto& m : catalog.models) known = known || m.findTrim(trimId) != nullptr;
        if (!known) result.errors.push_back({*file, jsonPointer("/standby_w", trimId), "unknown trim \"" + trimId + "\""});
    }
    if (!result.errors.empty()) result.data.reset();
    return result;
}

}  // namespace core::range
