#include "core/range/Simulation.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include "RangeNumbers.h"

namespace core::range {
namespace {
using detail::num;

constexpr double kReferenceC = 20.0;  // coast-down coefficients are corrected to 20 degC (SAE J2263, GB/T 18352.6)

// Everything of one run that is constant over its steps.
struct Prepared {
    RoadLoad load;
    double inertiaKg = 0;
    double motorW = 0;
    double regenCapW = 0;
    double batteryWh = 0;
    double batteryLoss = 0;  // loss share at 1C for this temperature
    double auxW = 0;         // run's auxiliaries plus the vehicle's standby load
};

Prepared prepare(const Vehicle& v, const ModelConstants& k, const RunConditions& run) {
    Prepared p;
    p.load = roadLoadFor(v, k, run);
    p.inertiaKg = (v.massKg + run.payloadKg) * (1.0 + k.rotatingMassShare);
    p.motorW = v.motorPowerKw * 1000.0;
    p.batteryWh = v.usableBatteryKwh * 1000.0;
    p.regenCapW = std::min(k.regenPowerShare * p.motorW, k.regenMaxCRate * p.batteryWh);
    const double below = std::max(0.0, kReferenceC - run.ambientC);
    p.batteryLoss = k.batteryLossAt1C * std::exp2(below / k.batteryResistanceDoublingK);
    p.auxW = run.auxW + v.standbyW;
    return p;
}

inline double lossW(const ModelConstants& k, double motorW, double forceN, double speedMps, double mechW) {
    return k.gearLossShare * std::abs(mechW) + k.inverterLossMps * std::abs(forceN) +
           k.copperLossMps * forceN * forceN / motorW + k.ironLossShare * motorW * (speedMps / 30.0);
}


}  // namespace

double airDensity(double celsius) { return 101325.0 / (287.05 * (celsius + 273.15)); }

RoadLoad roadLoadFor(const Vehicle& v, const ModelConstants& k, const RunConditions& run) {
    const double massScale = v.massKg > 0 ? (v.massKg + run.payloadKg) / v.massKg : 1.0;
    const double cold = 1.0 + k.rollingCold_perK * std::max(0.0, kReferenceC - run.ambientC);
    const double rolling = v.roadLoad.aN * v.rollingShareOfA;
    RoadLoad r;
    r.aN = (v.roadLoad.aN - rolling) + rolling * massScale * cold;
    r.bNPerMps = v.roadLoad.bNPerMps * massScale * cold;
    r.cNPerMps2 = v.roadLoad.cNPerMps2 * airDensity(run.ambientC) / airDensity(kReferenceC);
    return r;
}

double drivePowerW(const Vehicle& v, const ModelConstants& k, double forceN, double speedMps) {
    if (speedMps <= 0) return 0;
    const double motorW = v.motorPowerKw * 1000.0;
    const double mechW = forceN * speedMps;
    return mechW + lossW(k, motorW, forceN, speedMps, mechW);
}

RunEnergy simulateCycle(const Vehicle& v, const ModelConstants& k, const DriveCycle& cycle, const RunConditions& run) {
    const Prepared p = prepare(v, k, run);
    const double fullSpan = std::max(1e-9, k.regenFullSpeedMps - k.regenMinSpeedMps);
    double dist = 0, traction = 0, braking = 0, road = 0, kinetic = 0, regenWheel = 0, regenLoss = 0, driveLoss = 0,
           battery = 0, batteryLoss = 0;
    const std::vector<double>& s = cycle.speedMps;
    for (size_t i = 1; i < s.size(); ++i) {
        const double v0 = s[i - 1], v1 = s[i];
        const double vm = 0.5 * (v0 + v1);
        const double accel = v1 - v0;  // dt = 1 s
        const double roadN = vm > 0 ? p.load.forceN(vm) : 0.0;
        const double forceN = roadN + p.inertiaKg * accel;
        const double wheelW = forceN * vm;
        dist += vm;
        road += roadN * vm;
        kinetic += p.inertiaKg * accel * vm;
        double electricW = 0;
        if (vm > 0) {
            if (wheelW >= 0) {
                traction += wheelW;
                const double loss = lossW(k, p.motorW, forceN, vm, wheelW);
                driveLoss += loss;
                electricW = wheelW + loss;
            } else {
                braking -= wheelW;
                const double share = k.regenMaxShare * std::clamp((vm - k.regenMinSpeedMps) / fullSpan, 0.0, 1.0);
                const double mechW = std::min(-wheelW * share, p.regenCapW);
                const double motorForce = -mechW / vm;
                const double loss = lossW(k, p.motorW, motorForce, vm, mechW);
                regenWheel += mechW;
                regenLoss += loss;
                driveLoss += loss;
                electricW = -mechW + loss;
            }
        }
        const double cellsW = electricW + p.auxW;
        const double lossCells = p.batteryLoss * cellsW * cellsW / p.batteryWh;
        batteryLoss += lossCells;
        battery += cellsW + lossCells;
    }
    RunEnergy e;
    const double toWh = 1.0 / 3600.0;
    const double duration = cycle.durationS();
    e.distanceKm = dist / 1000.0;
    e.durationS = duration;
    e.tractionWh = traction * toWh;
    e.brakingWh = braking * toWh;
    e.roadLoadWh = road * toWh;
    e.kineticWh = kinetic * toWh;
    e.regenWheelWh = regenWheel * toWh;
    e.regenElectricalWh = (regenWheel - regenLoss) * toWh;
    e.driveLossWh = driveLoss * toWh;
    e.auxWh = p.auxW * duration * toWh;
    e.batteryLossWh = batteryLoss * toWh;
    e.batteryWh = battery * toWh;
    e.wallWh = e.batteryWh / k.acChargeEfficiency;
    return e;
}

RunEnergy simulateSteady(const Vehicle& v, const ModelConstants& k, double speedKmh, double distanceKm,
                         const RunConditions& run) {
    const Prepared p = prepare(v, k, run);
    const double vm = speedKmh / 3.6;
    RunEnergy e;
    if (vm <= 0 || distanceKm <= 0) return e;
    const double seconds = distanceKm * 1000.0 / vm;
    const double forceN = p.load.forceN(vm);
    const double wheelW = forceN * vm;
    // A steady speed never brakes: even a negative road load (not physical) is treated as traction.
    const double loss = lossW(k, p.motorW, forceN, vm, wheelW);
    const double cellsW = wheelW + loss + p.auxW;
    const double lossCells = p.batteryLoss * cellsW * cellsW / p.batteryWh;
    const double toWh = seconds / 3600.0;
    e.distanceKm = distanceKm;
    e.durationS = seconds;
    e.tractionWh = wheelW * toWh;
    e.roadLoadWh = wheelW * toWh;
    e.driveLossWh = loss * toWh;
    e.auxWh = p.auxW * toWh;
    e.batteryLossWh = lossCells * toWh;
    e.batteryWh = (cellsW + lossCells) * toWh;
    e.wallWh = e.batteryWh / k.acChargeEfficiency;
    return e;
}

std::vector<std::string> checkVehicle(const Vehicle& v) {
    std::vector<std::string> problems;
    const auto range = [&](const char* field, double value, double lo, double hi, const char* unit) {
        if (!std::isfinite(value) || value < lo || value > hi)
            problems.push_back(std::string(field) + " " + num(value) + " is outside " + num(lo) + ".." + num(hi) + " " +
                               unit + (value == 0 ? " (missing?)" : ""));
    };
    range("mass_kg", v.massKg, 300, 6000, "kg");
    range("road_load.a_n", v.roadLoad.aN, 10, 3000, "N");
    range("road_load.b_n_per_mps", v.roadLoad.bNPerMps, -50, 100, "N/(m/s)");
    range("road_load.c_n_per_mps2", v.roadLoad.cNPerMps2, 0.05, 3, "N/(m/s)^2");
    range("motor_power_kw", v.motorPowerKw, 10, 2000, "kW");
    range("usable_battery_kwh", v.usableBatteryKwh, 5, 300, "kWh");
    range("onboard_charger_kw", v.onboardChargerKw, 1, 50, "kW");
    range("frontal_area_m2", v.frontalAreaM2, 1.0, 6.0, "m^2");
    range("standby_w", v.standbyW, 0, kMaxStandbyW, "W");
    return problems;
}

}  // namespace core::range
