// Range module: the energy balance checked from outside the simulation.
#include <catch2/catch.hpp>

#include <cmath>

#include "RangeTestContent.h"

namespace rg = core::range;
using range_testing::content;
using range_testing::sedan;

namespace {

// What the documented model (src/range/README.md) makes of a trace, worked out here from the speeds
// and the coefficients alone, without the simulation's accumulators: road-load work, wheel work,
// and each drive-loss term (the motors take every braking joule in these runs, so a loss term is
// the same sum over traction and braking steps).
struct OutsideSums {
    double roadWh = 0, tractionWh = 0, brakingWh = 0;
    double absPowerWh = 0, absForceNs = 0, forceSquaredN2s = 0, speedMeters = 0, seconds = 0;
};

OutsideSums outsideSums(const rg::Vehicle& v, double rotatingShare, const rg::DriveCycle& cycle) {
    OutsideSums o;
    const double inertia = v.massKg * (1 + rotatingShare);
    for (size_t i = 1; i < cycle.speedMps.size(); ++i) {
        const double v0 = cycle.speedMps[i - 1], v1 = cycle.speedMps[i];
        const double vm = (v0 + v1) / 2;
        o.seconds += 1;
        if (vm <= 0) continue;
        const double road = v.roadLoad.aN + v.roadLoad.bNPerMps * vm + v.roadLoad.cNPerMps2 * vm * vm;
        const double force = road + inertia * (v1 - v0);
        o.roadWh += road * vm / 3600;
        (force > 0 ? o.tractionWh : o.brakingWh) += std::abs(force * vm) / 3600;
        o.absPowerWh += std::abs(force * vm) / 3600;
        o.absForceNs += std::abs(force);
        o.forceSquaredN2s += force * force;
        o.speedMeters += vm;
    }
    return o;
}

}  // namespace

TEST_CASE("energy balance holds against road-load work and loss terms computed outside the simulation") {
    const rg::Vehicle v = sedan();
    const double motorW = v.motorPowerKw * 1000;
    // Every braking joule goes back through the motors (no fade, no cap), no cell loss, 20 degC: the
    // battery energy is the road-load work plus each loss term, all sums over the trace.
    rg::ModelConstants base;
    base.gearLossShare = base.inverterLossMps = base.copperLossMps = base.ironLossShare = 0;
    base.regenMaxShare = 1;
    base.regenMinSpeedMps = 0;
    base.regenFullSpeedMps = 1e-9;
    base.regenPowerShare = 100;
    base.regenMaxCRate = 100;
    base.batteryLossAt1C = 0;
    rg::RunConditions run;
    run.ambientC = 20;
    run.auxW = 0;
    for (const auto& [id, cycle] : content().data.cycles) {
        INFO(id);
        const OutsideSums o = outsideSums(v, base.rotatingMassShare, cycle);
        REQUIRE(o.roadWh > 0);
        const rg::RunEnergy lossless = rg::simulateCycle(v, base, cycle, run);
        CHECK(lossless.roadLoadWh == Approx(o.roadWh).epsilon(1e-9));
        CHECK(lossless.tractionWh == Approx(o.tractionWh).epsilon(1e-9));
        CHECK(lossless.brakingWh == Approx(o.brakingWh).epsilon(1e-9));
        // A cycle starts and ends at rest: the net wheel work is the road-load work.
        CHECK(o.tractionWh - o.brakingWh == Approx(o.roadWh).epsilon(1e-9));
        CHECK(lossless.batteryWh == Approx(o.roadWh).epsilon(1e-9));

        // One loss term at a time, so no wrong term can hide behind another.
        const double gear = 0.04, inverter = 0.3, copper = 9, iron = 0.003, aux = 420;
        rg::ModelConstants k = base;
        k.gearLossShare = gear;
        CHECK(rg::simulateCycle(v, k, cycle, run).batteryWh == Approx(o.roadWh + gear * o.absPowerWh).epsilon(1e-9));
        k = base;
        k.inverterLossMps = inverter;
        CHECK(rg::simulateCycle(v, k, cycle, run).batteryWh ==
              Approx(o.roadWh + inverter * o.absForceNs / 3600).epsilon(1e-9));
        k = base;
        k.copperLossMps = copper;
        CHECK(rg::simulateCycle(v, k, cycle, run).batteryWh ==
              Approx(o.roadWh + copper * o.forceSquaredN2s / motorW / 3600).epsilon(1e-9));
        k = base;
        k.ironLossShare = iron;
        CHECK(rg::simulateCycle(v, k, cycle, run).batteryWh ==
              Approx(o.roadWh + iron * motorW * o.speedMeters / 30 / 3600).epsilon(1e-9));
        // Auxiliaries and the vehicle's standby load run for the whole duration, standing included.
        rg::RunConditions withAux = run;
        withAux.auxW = aux;
        rg::Vehicle standby = v;
        standby.standbyW = 250;
        CHECK(rg::simulateCycle(standby, base, cycle, withAux).batteryWh ==
              Approx(o.roadWh + (aux + 250) * o.seconds / 3600).epsilon(1e-9));
        CHECK(rg::simulateCycle(standby, base, cycle, withAux).wallWh ==
              Approx((o.roadWh + (aux + 250) * o.seconds / 3600) / base.acChargeEfficiency).epsilon(1e-9));
    }
}

