#pragma once
// The range physics: a vehicle (mass, road load, motor, battery) driven second by second over a
// drive cycle or at a steady speed, giving traction, regeneration, losses and battery- and
// wall-side energy. Pure functions of plain values; no allocation in the inner loop; safe on any
// thread. SI units inside (N, m/s, W, Wh, kg); names carry the unit. The model and its constants
// are documented in app/core/src/range/README.md.
#include <string>
#include <vector>

#include "core/range/DriveCycle.h"

namespace core::range {

// Road load F = a + b v + c v^2 (v in m/s) at 20 degC air, for the test mass.
struct RoadLoad {
    double aN = 0;
    double bNPerMps = 0;
    double cNPerMps2 = 0;
    double forceN(double v) const { return aN + (bNPerMps + cNPerMps2 * v) * v; }
};

enum class Drive { Fwd, Rwd, Awd };

// A vehicle as the simulation sees it: everything physical, nothing fitted.
struct Vehicle {
    std::string name;              // names the trim or spec in error messages
    double massKg = 0;             // inertia mass on the road (curb + payload; test mass on a cycle)
    RoadLoad roadLoad;             // at massKg and 20 degC (from coast-down, or from Cd, A, tyres)
    double rollingShareOfA = 0.85; // share of `a` that is tyre rolling resistance (scales with cold and mass)
    double motorPowerKw = 150;     // total peak power of all motors
    Drive drive = Drive::Rwd;
    double usableBatteryKwh = 75;
    bool lfp = false;              // LFP chemistry (colder behaviour differs from NMC)
    bool heatPump = true;
    double onboardChargerKw = 11;
    double frontalAreaM2 = 2.3;    // for the cabin heat-loss scale
    // Electrical load that runs whenever the car is switched on, above the base load every car has
    // (ModelConstants::labAuxW): coolant pumps and thermal management kept running, a second drive
    // unit's electronics, a large high-voltage system. 0 for a typical car; content may set it per
    // trim (`physics.standby_w`), validation fits it per test car. Bounded 0..kMaxStandbyW.
    double standbyW = 0;
};

constexpr double kMaxStandbyW = 2000;

// The few global constants of the model (content/range/cn.json "model"); the drive and regeneration
// ones are fitted on the EPA reference data (kioskctl range validate --fit).
struct ModelConstants {
    double rotatingMassShare = 0.03;    // wheels, motor and gear inertia as a share of mass
    double gearLossShare = 0.025;       // gear and bearing loss as a share of wheel power
    double inverterLossMps = 0.25;      // loss per newton of wheel force (switching and conduction, ~current)
    double copperLossMps = 8.0;         // loss = k F^2 / P_peak (ohmic, ~current^2, smaller in a bigger motor)
    double ironLossShare = 0.002;       // spin loss at 30 m/s as a share of peak power, linear in speed
    double regenMaxShare = 0.85;        // share of braking power the motors take above regenFullSpeedMps
    double regenFullSpeedMps = 5.0;     // below this the share fades linearly ...
    double regenMinSpeedMps = 1.0;      // ... to zero here (friction brakes hold the car)
    double regenPowerShare = 0.6;       // regeneration power limit as a share of peak motor power
    double regenMaxCRate = 1.5;         // and as a battery C-rate
    double labAuxW = 300;               // electrical base load on a test bench (control units, pumps, fans)
    double batteryLossAt1C = 0.03;      // battery internal loss as a share of power at a 1C rate, at 20 degC
    double acChargeEfficiency = 0.90;   // wall to battery on AC (on-board charger + battery + cables)
    double dcChargeEfficiency = 0.95;   // public DC charger output to battery
    double rollingCold_perK = 0.004;    // rolling resistance rise per kelvin below 20 degC
    double batteryResistanceDoublingK = 15;  // internal resistance doubles every this many kelvin below 20 degC
};

// The surroundings of one simulation run.
struct RunConditions {
    double ambientC = 23;
    double payloadKg = 0;      // above Vehicle::massKg
    double auxW = 300;         // every electrical load beside traction (climate, base load, battery heating);
                               // the vehicle's own standbyW comes on top
};

// Energy of one run. The balance closes: batteryWh = tractionWh - regenElectricalWh + driveLossWh
// + auxWh + batteryLossWh; and wheel side: tractionWh - brakingWh = roadLoadWh + kinetic energy change.
struct RunEnergy {
    double distanceKm = 0;
    double durationS = 0;
    double tractionWh = 0;        // positive wheel work
    double brakingWh = 0;         // negative wheel work (magnitude): regen at the wheel + friction
    double roadLoadWh = 0;        // work against a + b v + c v^2
    double kineticWh = 0;         // kinetic energy change end minus start (0 for a cycle)
    double regenWheelWh = 0;      // braking work the motors took
    double regenElectricalWh = 0; // what reached the DC bus from it
    double driveLossWh = 0;       // motor, inverter and gear losses, traction and regeneration
    double auxWh = 0;             // RunConditions::auxW and Vehicle::standbyW over the duration
    double batteryLossWh = 0;
    double batteryWh = 0;         // net out of the cells
    double wallWh = 0;            // from the wall to put it back on AC

    double batteryWhPerKm() const { return distanceKm > 0 ? batteryWh / distanceKm : 0.0; }
    double wallWhPerKm() const { return distanceKm > 0 ? wallWh / distanceKm : 0.0; }
};

// Dry air density at sea level and temperature, kg/m^3 (1.204 at 20 degC).
double airDensity(double celsius);

// Road load for the run: mass scaling of the rolling part, cold tyres, air density.
RoadLoad roadLoadFor(const Vehicle& v, const ModelConstants& k, const RunConditions& run);

// Electrical power the drive draws (positive) or returns (negative) for wheel force F at speed v.
double drivePowerW(const Vehicle& v, const ModelConstants& k, double forceN, double speedMps);

// Second by second over a 1 Hz speed trace.
RunEnergy simulateCycle(const Vehicle& v, const ModelConstants& k, const DriveCycle& cycle, const RunConditions& run);

// At constant speed over `distanceKm`.
RunEnergy simulateSteady(const Vehicle& v, const ModelConstants& k, double speedKmh, double distanceKm,
                         const RunConditions& run);

// Problems with a vehicle's physical values, each naming the field: "massKg 0 is outside 300..6000 kg".
std::vector<std::string> checkVehicle(const Vehicle& v);

}  // namespace core::range
