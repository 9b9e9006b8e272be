#include "core/range/VehicleSpec.h"

#include "core/JsonReader.h"
#include "RangeNumbers.h"

namespace core::range {
namespace {
using detail::kGravity;
}

std::optional<VehicleSpec> loadVehicleSpec(const std::string& file, ContentErrors& errors) {
    auto doc = parseJsonFile(file, errors);
    if (!doc) return std::nullopt;
    JsonReader r(file, errors);
    if (!r.expectObject(*doc, "")) return std::nullopt;
    const size_t before = r.errorCount();
    r.allowOnly(*doc, "", {"name", "test_mass_kg", "usable_battery_kwh", "drive", "heat_pump", "epa_adjustment_factor",
                           "road_load", "cd", "frontal_area_m2", "rolling_resistance", "motor_power_kw",
                           "onboard_charger_kw", "chemistry", "max_dc_charge_kw", "dc_charge_curve", "standby_w"});
    VehicleSpec s;
    Vehicle& v = s.vehicle;
    v.name = "vehicle";
    v.massKg = 1900;
    v.motorPowerKw = 200;
    v.usableBatteryKwh = 75;
    v.onboardChargerKw = 11;
    v.frontalAreaM2 = 2.3;
    if (auto x = r.nonEmptyString(*doc, "", "name", false)) v.name = *x;
    if (auto x = r.number(*doc, "", "test_mass_kg", 300, 6000, false)) v.massKg = *x;
    if (auto x = r.number(*doc, "", "usable_battery_kwh", 5, 300, false)) v.usableBatteryKwh = *x;
    if (auto x = r.string(*doc, "", "drive", false)) {
        if (*x == "fwd") v.drive = Drive::Fwd;
        else if (*x == "rwd") v.drive = Drive::Rwd;
        else if (*x == "awd") v.drive = Drive::Awd;
        else r.fail("/drive", "drive \"" + *x + "\" must be fwd, rwd or awd");
    }
    if (auto x = r.boolean(*doc, "", "heat_pump", false)) v.heatPump = *x;
    if (auto x = r.number(*doc, "", "epa_adjustment_factor", 0.3, 1.0, false)) s.epaAdjustmentFactor = *x;
    if (auto x = r.number(*doc, "", "motor_power_kw", 10, 2000, false)) v.motorPowerKw = *x;
    if (auto x = r.number(*doc, "", "onboard_charger_kw", 1, 50, false)) v.onboardChargerKw = *x;
    if (auto x = r.number(*doc, "", "frontal_area_m2", 1.0, 6.0, false)) v.frontalAreaM2 = *x;
    if (auto x = r.number(*doc, "", "standby_w", 0, kMaxStandbyW, false)) v.standbyW = *x;
    if (auto x = r.string(*doc, "", "chemistry", false)) {
        if (*x == "LFP" || *x == "NMC") s.chemistry = *x;
        else r.fail("/chemistry", "chemistry \"" + *x + "\" must be LFP or NMC");
    }
    v.lfp = s.chemistry == "LFP";
    if (auto x = r.number(*doc, "", "max_dc_charge_kw", 10, 1000, false)) s.maxDcChargeKw = *x;
    if (const Json* curve = r.array(*doc, "", "dc_charge_curve", false)) {
        for (size_t i = 0; i < curve->size(); ++i) {
            const Json& e = (*curve)[i];
            const std::string ep = jsonPointer("/dc_charge_curve", i);
            if (!e.is_array() || e.size() != 2 || !e[0].is_number() || !e[1].is_number() || e[1].get<double>() <= 0) {
                r.fail(ep, "expected a [soc_percent, kw] pair with positive power");
                continue;
            }
            const double soc = e[0].get<double>();
            if (soc < 0 || soc > 100 || (!s.dcChargeCurve.empty() && soc <= s.dcChargeCurve.back().socPercent))
                r.fail(ep, "state of charge must rise within 0..100");
            else s.dcChargeCurve.push_back({soc, e[1].get<double>()});
        }
    }
    if (const Json* rl = r.object(*doc, "", "road_load", false)) {
        for (const char* k : {"cd", "frontal_area_m2", "rolling_resistance"})
            if (doc->contains(k) && std::string(k) != "frontal_area_m2")
                r.fail(jsonPointer("", k), "give either road_load or cd/rolling_resistance, not both");
        r.allowOnly(*rl, "/road_load", {"a_n", "b_n_per_mps", "c_n_per_mps2"});
        auto a = r.number(*rl, "/road_load", "a_n", 10, 3000);
        auto b = r.number(*rl, "/road_load", "b_n_per_mps", -50, 100);
        auto c = r.number(*rl, "/road_load", "c_n_per_mps2", 0.05, 3);
        if (a && b && c) v.roadLoad = RoadLoad{*a, *b, *c};
        v.rollingShareOfA = 0.9;
    } else {
        double cd = 0.25, crr = 0.0085;
        if (auto x = r.number(*doc, "", "cd", 0.15, 0.6, false)) cd = *x;
        if (auto x = r.number(*doc, "", "rolling_resistance", 0.004, 0.02, false)) crr = *x;
        v.roadLoad.aN = v.massKg * kGravity * crr;
        v.roadLoad.bNPerMps = v.massKg * kGravity * crr * 0.003;
        v.roadLoad.cNPerMps2 = 0.5 * airDensity(20) * cd * v.frontalAreaM2;
        v.rollingShareOfA = 1.0;
    }
    if (r.errorCount() != before) return std::nullopt;
    for (const auto& p : checkVehicle(v)) r.fail("", p);
    if (r.errorCount() != before) return std::nullopt;
    return s;
}

}  // namespace core::range
