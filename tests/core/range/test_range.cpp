// Range module: drive cycles, the physics, label figures, customer conditions, charging, costs,
// validation on the EPA test car list, and bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/ContentLoader.h"
#include "core/range/Estimate.h"
#include "core/range/RangeData.h"
#include "core/range/Reference.h"
#include "core/range/VehicleSpec.h"
#include "support/Skip.h"
#include "support/TestPaths.h"
#include "RangeTestContent.h"

namespace rg = core::range;
namespace fs = std::filesystem;
using range_testing::content;
using range_testing::sedan;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string writeTemp(const std::string& name, const std::string& text) {
    const fs::path p = fs::temp_directory_path() / ("kiosk-range-" + name);
    std::ofstream(p) << text;
    return p.string();
}

core::Configuration configOf(const std::string& model, const std::string& trim) {
    const core::Model* m = content().catalog.findModel(model);
    REQUIRE(m);
    const core::Trim* t = m->findTrim(trim);
    REQUIRE(t);
    return core::defaultConfiguration(*m, *t);
}

rg::Estimate estimateOf(const core::Configuration& config, const rg::Conditions& c = {}) {
    auto r = rg::estimate(content().data, content().catalog, config, c);
    INFO(r.error());
    REQUIRE(r);
    return *r;
}

core::Configuration withOption(core::Configuration config, const std::string& category, const std::string& id) {
    const core::Model* m = content().catalog.findModel(config.model);
    for (auto it = config.options.begin(); it != config.options.end();) {
        const core::Option* o = m->findOption(*it);
        it = (o && o->category == category) ? config.options.erase(it) : std::next(it);
    }
    config.options.insert(id);
    return config;
}

}  // namespace

TEST_CASE("content cycles are the regulatory traces of the shared copies, with their published distance") {
    const auto& cycles = content().data.cycles;
    REQUIRE(cycles.size() == 5);
    const std::map<std::string, std::pair<double, double>> published = {
        {"cltc_p", {1800, 14.48}}, {"wltc3b", {1800, 23.27}}, {"udds", {1369, 11.99}}, {"hwfet", {765, 16.51}},
        {"us06", {600, 12.89}}};
    for (const auto& [id, dur] : published) {
        INFO(id);
        REQUIRE(cycles.count(id));
        const rg::DriveCycle& c = cycles.at(id);
        CHECK_FALSE(c.regulation.empty());
        CHECK(c.durationS() == dur.first);
        CHECK(c.distanceKm() == Approx(dur.second).epsilon(0.002));
    }
    CHECK(cycles.at("cltc_p").maxSpeedKmh() == Approx(114.0).margin(0.01));
    CHECK(cycles.at("wltc3b").maxSpeedKmh() == Approx(131.3).margin(0.01));
    CHECK(cycles.at("us06").maxSpeedKmh() == Approx(129.2).margin(0.05));
}

TEST_CASE("content cycles match the shared copies of the regulatory traces second by second") {
    const auto& cycles = content().data.cycles;
    auto shared = testing_paths::sharedData("drive-cycles");
    if (!shared) KIOSK_SKIP(testing_paths::sharedDataAbsent("drive-cycles"));
    for (const auto& [id, c] : cycles) {
        INFO(id);
        core::ContentErrors errors;
        auto csv = rg::parseDriveCycleCsv(slurp(*shared + "/" + id + ".csv"), id + ".csv", errors);
        REQUIRE(csv);
        REQUIRE(csv->speedMps.size() == c.speedMps.size());
        double worst = 0;
        for (size_t k = 0; k < c.speedMps.size(); ++k) worst = std::max(worst, std::abs(csv->speedMps[k] - c.speedMps[k]) * 3.6);
        CHECK(worst < 0.001);  // km/h
    }
}

TEST_CASE("constant speed matches the analytic road-load energy") {
    const rg::Vehicle v = sedan();
    rg::ModelConstants k;
    rg::RunConditions run;
    run.ambientC = 20;
    run.auxW = 0;
    const double speedKmh = 100, distanceKm = 50;
    const double vm = speedKmh / 3.6;
    const rg::RunEnergy e = rg::simulateSteady(v, k, speedKmh, distanceKm, run);
    const double forceN = 150 + 1.5 * vm + 0.30 * vm * vm;
    CHECK(e.roadLoadWh == Approx(forceN * distanceKm * 1000 / 3600).epsilon(1e-9));

    // The same speed held on a 1 Hz trace (ramp and stop excluded) gives the same road-load work.
    rg::DriveCycle flat;
    flat.speedMps.assign(1802, vm);
    flat.speedMps.front() = flat.speedMps.back() = 0;
    const rg::RunEnergy c = rg::simulateCycle(v, k, flat, run);
    // 1799 steps at vm, plus the first and last step at a mean of vm/2.
    const auto force = [](double s) { return 150 + 1.5 * s + 0.30 * s * s; };
    CHECK(c.roadLoadWh == Approx((1799 * force(vm) * vm + 2 * force(vm / 2) * vm / 2) / 3600).epsilon(1e-9));
    CHECK(c.distanceKm == Approx(1800 * vm / 1000.0).epsilon(1e-9));
}

TEST_CASE("energy balance closes over every cycle") {
    const rg::Vehicle v = sedan();
    rg::ModelConstants k;
    rg::RunConditions run;
    for (const auto& [id, cycle] : content().data.cycles) {
        INFO(id);
        const rg::RunEnergy e = rg::simulateCycle(v, k, cycle, run);
        // Wheel side: traction - braking = road load + kinetic energy change (zero: the cycle starts and ends at rest).
        CHECK(e.kineticWh == Approx(0).margin(1e-6));
        CHECK(e.tractionWh - e.brakingWh == Approx(e.roadLoadWh + e.kineticWh).epsilon(1e-9));
        // Battery side: traction - regenerated + drive losses + auxiliaries + cell losses.
        CHECK(e.batteryWh ==
              Approx(e.tractionWh - e.regenWheelWh + e.driveLossWh + e.auxWh + e.batteryLossWh).epsilon(1e-9));
        CHECK(e.regenWheelWh <= e.brakingWh);
        CHECK(e.wallWh == Approx(e.batteryWh / k.acChargeEfficiency));
    }
}

TEST_CASE("every trim's official CLTC figure is the model's, rounded to 5 km") {
    const auto& c = content();
    size_t figures = 0;
    for (const auto& m : c.catalog.models)
        for (const auto& t : m.trims)
            for (const auto& o : t.official) {
                INFO(t.id << " with " << o.batteryOption);
                const rg::Estimate e = estimateOf(withOption(core::defaultConfiguration(m, t), "battery", o.batteryOption));
                CHECK(e.officialCltcKm == o.cltcRangeKm);
                CHECK(std::abs(e.cltc.rangeKm - o.cltcRangeKm) <= 2.5);
                CHECK(std::abs(e.cltc.kwhPer100km - o.cltcKwhPer100km) <= 0.05);
                ++figures;
            }
    CHECK(figures == 11);
}

TEST_CASE("one official figure per build, on the market's official cycle") {
    const auto& c = content();
    REQUIRE(c.catalog.market.officialCycle == "cltc_p");
    size_t published = 0;
    for (const auto& m : c.catalog.models)
        for (const auto& t : m.trims)
            for (const auto& o : t.official) {
                INFO(t.id << " with " << o.batteryOption);
                const core::Configuration config = withOption(core::defaultConfiguration(m, t), "battery", o.batteryOption);
                const auto r = rg::officialRange(c.data, c.catalog, config);
                INFO(r.error());
                REQUIRE(r);
                CHECK(r->regime == "cltc");
                CHECK(r->published);
                CHECK(r->rangeKm == o.cltcRangeKm);
                ++published;
                // Another wheel: no published variant, the model's figure rounded as the catalog's are.
                for (const auto& id : t.options) {
                    const core::Option* w = m.findOption(id);
                    if (!w || w->category != "wheels" || config.options.count(id)) continue;
                    const core::Configuration other = withOption(config, "wheels", id);
                    const auto ro = rg::officialRange(c.data, c.catalog, other);
                    REQUIRE(ro);
                    CHECK_FALSE(ro->published);
                    CHECK(ro->rangeKm == 5 * std::round(estimateOf(other).cltc.rangeKm / 5));
                }
            }
    CHECK(published == 11);

    // A WLTP market reads the WLTP figure; a cycle no regime uses is an error naming the market.
    core::Catalog wltp = c.catalog;
    wltp.market.officialCycle = "wltc3b";
    const core::Configuration config = configOf("heron", "heron-long-range");
    const auto rw = rg::officialRange(c.data, wltp, config);
    REQUIRE(rw);
    CHECK(rw->regime == "wltp");
    CHECK_FALSE(rw->published);
    CHECK(rw->rangeKm == 5 * std::round(estimateOf(config).wltp.rangeKm / 5));
    core::Catalog odd = c.catalog;
    odd.market.officialCycle = "nedc";
    const auto rn = rg::officialRange(c.data, odd, config);
    CHECK_FALSE(rn);
    CHECK(rn.error().find("official_cycle \"nedc\"") != std::string::npos);
    CHECK(rn.error().find(c.catalog.market.id) != std::string::npos);
}

TEST_CASE("every estimate carries the build's one official figure, and the chooser's span is made of them") {
    const auto& c = content();
    // Every trim with every battery and every wheel it offers.
    std::vector<core::Configuration> builds;
    for (const auto& m : c.catalog.models)
        for (const auto& t : m.trims)
            for (const auto& b : t.options)
                for (const auto& w : t.options) {
                    const core::Option* bo = m.findOption(b);
                    const core::Option* wo = m.findOption(w);
                    if (!bo || !wo || bo->category != "battery" || wo->category != "wheels") continue;
                    builds.push_back(withOption(withOption(core::defaultConfiguration(m, t), "battery", b), "wheels", w));
                }
    size_t published = 0, modelled = 0;
    for (const auto& config : builds) {
        INFO(config.trim << " " << *config.options.begin() << " ... " << *config.options.rbegin());
        const auto e = rg::estimate(c.data, c.catalog, config);
        const auto f = rg::officialRange(c.data, c.catalog, config);
        REQUIRE(e);
        REQUIRE(f);
        // The same figure whichever way a screen asks (a winter scenario does not move it).
        rg::Conditions winter;
        winter.ambientC = -7;
        const auto w = rg::estimate(c.data, c.catalog, config, winter);
        REQUIRE(w);
        CHECK(e->official.rangeKm == f->rangeKm);
        CHECK(w->official.rangeKm == f->rangeKm);
        CHECK(e->official.kwhPer100km == f->kwhPer100km);
        (f->published ? published : modelled)++;
        if (!f->published) CHECK(std::fmod(f->rangeKm, 5.0) == 0);
    }
    CHECK(published == 11);
    CHECK(modelled > 11);

    // A model's span runs over its trims with each of their batteries: on a CLTC market, the
    // published figures exactly (the chooser said 635 where the configurator said 636).
    for (const auto& m : c.catalog.models) {
        double lo = 1e9, hi = 0;
        for (const auto& t : m.trims)
            for (const auto& o : t.official) lo = std::min(lo, o.cltcRangeKm), hi = std::max(hi, o.cltcRangeKm);
        const auto span = rg::officialRangeSpanKm(c.data, c.catalog, m);
        REQUIRE(span);
        CHECK(span->first == lo);
        CHECK(span->second == hi);
    }
    // On a WLTP market the span is the model's WLTP figures, never a CLTC one.
    core::Catalog wltp = c.catalog;
    wltp.market.officialCycle = "wltc3b";
    const auto& heron = *c.catalog.findModel("heron");
    const auto span = rg::officialRangeSpanKm(c.data, wltp, heron);
    REQUIRE(span);
    const auto lr = rg::officialRange(c.data, wltp, core::defaultConfiguration(heron, *heron.findTrim("heron-long-range")));
    REQUIRE(lr);
    CHECK(lr->regime == "wltp");
    CHECK(span->first <= lr->rangeKm);
    CHECK(span->second >= lr->rangeKm);
    double cltcHigh = 0;  // WLTP is the harder cycle: every WLTP figure lies below the highest CLTC one
    for (const auto& t : heron.trims)
        for (const auto& o : t.official) cltcHigh = std::max(cltcHigh, o.cltcRangeKm);
    CHECK(span->second < cltcHigh);
}

TEST_CASE("a standby load runs with time: it weighs most in slow driving, and validation finds it again") {
    const auto& d = content().data;
    const rg::DriveCycle& udds = *d.cycle("udds");
    const rg::DriveCycle& hwfet = *d.cycle("hwfet");
    rg::Vehicle v = sedan();
    rg::RunConditions run;
    run.auxW = d.constants.labAuxW;
    const rg::RunEnergy city0 = rg::simulateCycle(v, d.constants, udds, run);
    const rg::RunEnergy hwy0 = rg::simulateCycle(v, d.constants, hwfet, run);
    v.standbyW = 800;
    const rg::RunEnergy city = rg::simulateCycle(v, d.constants, udds, run);
    const rg::RunEnergy hwy = rg::simulateCycle(v, d.constants, hwfet, run);
    CHECK(city.auxWh - city0.auxWh == Approx(800 * udds.durationS() / 3600).epsilon(1e-9));
    CHECK(city.wallWhPerKm() / city0.wallWhPerKm() > hwy.wallWhPerKm() / hwy0.wallWhPerKm());

    // A test car "measured" with the model and 800 W: its own fitted standby load comes back, and so
    // does the model-free reading (wall side, 800 W / AC efficiency, above the same car at 0 W).
    rg::ReferenceTest t;
    t.name = "synthetic";
    t.vehicle = sedan();
    t.cityWallWhPerKm = city.wallWhPerKm();
    t.highwayWallWhPerKm = hwy.wallWhPerKm();
    const double own = rg::fittedStandbyW(t, d.constants, city0.wallWhPerKm(), hwy0.wallWhPerKm(), udds, hwfet);
    CHECK(own == Approx(800).epsilon(0.05));
    rg::ReferenceTest none = t;
    none.cityWallWhPerKm = city0.wallWhPerKm();
    none.highwayWallWhPerKm = hwy0.wallWhPerKm();
    CHECK(rg::fittedStandbyW(none, d.constants, city0.wallWhPerKm(), hwy0.wallWhPerKm(), udds, hwfet) == 0);
    const double reading = rg::standbySignature(t, d.constants, udds, hwfet).standbyW -
                           rg::standbySignature(none, d.constants, udds, hwfet).standbyW;
    CHECK(reading == Approx(800 / d.constants.acChargeEfficiency).epsilon(0.02));
}

TEST_CASE("label figures order as the cycles do: CLTC > WLTP > EPA") {
    for (const auto& m : content().catalog.models)
        for (const auto& t : m.trims) {
            INFO(t.id);
            const rg::Estimate e = estimateOf(core::defaultConfiguration(m, t));
            CHECK(e.cltc.rangeKm > e.wltp.rangeKm);
            CHECK(e.wltp.rangeKm > e.epa.rangeKm);
            // WLTP about 80-92 % of CLTC, EPA about 65-80 % (published Chinese EVs sit there).
            CHECK(e.wltp.rangeKm / e.cltc.rangeKm > 0.78);
            CHECK(e.wltp.rangeKm / e.cltc.rangeKm < 0.95);
            CHECK(e.epa.rangeKm / e.cltc.rangeKm > 0.6);
            CHECK(e.epa.rangeKm / e.cltc.rangeKm < 0.85);
            CHECK(e.cycles.at("us06").batteryWhPerKm > e.cycles.at("hwfet").batteryWhPerKm);
        }
}

TEST_CASE("options move the figures for physical reasons") {
    const auto base = configOf("heron", "heron-long-range");
    const rg::Estimate e0 = estimateOf(base);
    SECTION("bigger wheels: less range") {
        const rg::Estimate e20 = estimateOf(withOption(base, "wheels", "heron-wheel-20-turbine"));
        const rg::Estimate e21 = estimateOf(withOption(base, "wheels", "heron-wheel-21-forged"));
        CHECK(e20.cltc.rangeKm < e0.cltc.rangeKm);
        CHECK(e21.cltc.rangeKm < e20.cltc.rangeKm);
        CHECK(e21.customerRangeKm < e0.customerRangeKm);
    }
    SECTION("bigger battery: more energy and more mass") {
        const rg::Estimate small = estimateOf(withOption(base, "battery", "heron-bat-73"));
        CHECK(small.curbMassKg < e0.curbMassKg);
        CHECK(small.usableKwh < e0.usableKwh);
        CHECK(small.cltc.rangeKm < e0.cltc.rangeKm);
        CHECK(small.cycles.at("cltc_p").batteryWhPerKm < e0.cycles.at("cltc_p").batteryWhPerKm);
    }
    SECTION("towbar: nothing until used") {
        auto withTowbar = base;
        withTowbar.options.insert("heron-towbar");
        CHECK(estimateOf(withTowbar).cltc.rangeKm == e0.cltc.rangeKm);
    }
}

TEST_CASE("the customer's conditions move the range the right way") {
    const auto config = configOf("heron", "heron-long-range");
    const auto at = [&](auto change) {
        rg::Conditions c;
        change(c);
        return estimateOf(config, c).customerRangeKm;
    };
    const double base = at([](rg::Conditions&) {});
    CHECK(at([](rg::Conditions& c) { c.payloadKg = 400; }) < base);
    CHECK(at([](rg::Conditions& c) { c.ambientC = 5; }) < base);
    CHECK(at([](rg::Conditions& c) { c.ambientC = -10; }) < at([](rg::Conditions& c) { c.ambientC = 5; }));
    CHECK(at([](rg::Conditions& c) { c.ambientC = -20; }) < at([](rg::Conditions& c) { c.ambientC = -10; }));
    CHECK(at([](rg::Conditions& c) { c.ambientC = 38; }) < base);
    CHECK(at([](rg::Conditions& c) { c.highwaySpeedKmh = 130; }) < at([](rg::Conditions& c) { c.highwaySpeedKmh = 120; }));
    CHECK(at([](rg::Conditions& c) { c.highwaySpeedKmh = 120; }) < base);
    CHECK(at([](rg::Conditions& c) { c.highwaySpeedKmh = 90; }) > base);
    CHECK(at([](rg::Conditions& c) { c.ambientC = -10; c.climateOn = false; }) >
          at([](rg::Conditions& c) { c.ambientC = -10; }));
}

TEST_CASE("a heat pump gives more range in the cold than a resistive heater") {
    const auto& d = content().data;
    auto v = rg::vehicleFor(d, *content().catalog.findModel("heron"), *content().catalog.findModel("heron")->findTrim("heron-long-range"),
                            configOf("heron", "heron-long-range"));
    REQUIRE(v);
    rg::Vehicle withHp = *v, withoutHp = *v;
    withHp.heatPump = true;
    withoutHp.heatPump = false;
    for (double t : {5.0, -7.0, -15.0}) {
        INFO(t << " degC");
        rg::Conditions c;
        c.ambientC = t;
        const auto hp = rg::estimateVehicle(d, withHp, "NMC", 350, {}, c);
        const auto ptc = rg::estimateVehicle(d, withoutHp, "NMC", 350, {}, c);
        CHECK(hp.customerRangeKm > ptc.customerRangeKm * 1.05);
    }
}

TEST_CASE("temperature behaviour is calibrated on the published fleet studies") {
    // AAA (2019, dynamometer, city/highway mix): range ratio to 24 degC is about 0.59 at -7 degC with
    // heating and 0.83 at 35 degC with air conditioning. Resistive heating (the 2019 test fleet) sits a
    // little below 0.59 and a heat pump above; see src/range/README.md.
    const auto ratio = [](const std::string& model, const std::string& trim, double t) {
        rg::Conditions mix;
        mix.cityShare = 0.55;
        mix.highwaySpeedKmh = 80;
        rg::Conditions warm = mix;
        warm.ambientC = 24;
        warm.climateOn = false;
        rg::Conditions c = mix;
        c.ambientC = t;
        return estimateOf(configOf(model, trim), c).customerRangeKm / estimateOf(configOf(model, trim), warm).customerRangeKm;
    };
    const double ptcCold = ratio("lark", "lark-standard", -7);
    const double hpCold = ratio("heron", "heron-long-range", -7);
    CHECK(ptcCold == Approx(0.59).margin(0.05));
    CHECK(hpCold > ptcCold);
    CHECK((ptcCold + hpCold) / 2 == Approx(0.59).margin(0.04));
    CHECK(ratio("lark", "lark-standard", 35) == Approx(0.83).margin(0.05));
    CHECK(ratio("heron", "heron-long-range", 35) == Approx(0.83).margin(0.05));
    // Geotab fleet: about 1.15 of the rated (EPA label) range at 21.5 degC in real mixed driving.
    const rg::Estimate e = estimateOf(configOf("heron", "heron-long-range"), [] {
        rg::Conditions c;
        c.ambientC = 21.5;
        return c;
    }());
    CHECK(e.customerRangeKm / e.epa.rangeKm == Approx(1.15).margin(0.1));
}

TEST_CASE("charging: DC 10-80 by the curve and the charger, AC by wallbox and on-board charger") {
    const auto config = configOf("heron", "heron-long-range");
    const auto with = [&](double dcKw, double wallboxKw) {
        rg::Conditions c;
        c.dcChargerKw = dcKw;
        c.wallboxKw = wallboxKw;
        return estimateOf(config, c);
    };
    const auto e60 = with(60, 7), e120 = with(120, 7), e250 = with(250, 11);
    CHECK(e60.dc10To80Min > e120.dc10To80Min);
    CHECK(e120.dc10To80Min > e250.dc10To80Min);
    CHECK(e60.dcPeakKw == Approx(60));
    // 94 kWh, 70 % at 60 kW is at least 66 minutes; on a 250 kW charger an 800 V pack takes 15-25 minutes.
    CHECK(e60.dc10To80Min >= 0.7 * 94.3 / 60 * 60 - 1e-6);
    CHECK(e250.dc10To80Min > 15);
    CHECK(e250.dc10To80Min < 25);
    CHECK(e250.ac0To100H < e120.ac0To100H);  // 11 kW wallbox, 11 kW on-board charger
    CHECK(e120.ac0To100H > 94.3 / 7.0);
    // The lark's on-board charger caps an 11 kW wallbox at 6.6 kW.
    rg::Conditions c;
    c.wallboxKw = 11;
    CHECK(estimateOf(configOf("lark", "lark-standard"), c).acKw == Approx(6.6));
    // The analytic case: a flat curve.
    CHECK(rg::dcChargeMinutes({{0, 100}, {100, 100}}, 100, 250, 10, 80) == Approx(42.0));
}

TEST_CASE("running costs are whole minor units from integer arithmetic") {
    CHECK(rg::energyCostMinor(1000, 55) == 55);
    CHECK(rg::energyCostMinor(1500, 55) == 83);  // 82.5 rounds half up
    CHECK(rg::energyCostMinor(0, 55) == 0);
    rg::Conditions c;
    c.dailyKm = 40;
    c.homeChargingShare = 1.0;
    const rg::Estimate e = estimateOf(configOf("lark", "lark-standard"), c);
    CHECK(e.weeklyKm == 280);
    CHECK(e.homeCostPer100kmMinor > 0);
    CHECK(e.publicCostPer100kmMinor > 2 * e.homeCostPer100kmMinor);
    CHECK(std::abs(e.costPerWeekMinor - e.homeCostPer100kmMinor * 28 / 10) <= 2);
    CHECK(e.chargesPerWeek > 0.5);
    CHECK(e.chargesPerWeek < 2);
}

TEST_CASE("the model is validated on EPA test cars it was not fitted to") {
    auto shared = testing_paths::sharedData("ev-reference/epa-2022-test-car-list-ev.csv");
    if (!shared) KIOSK_SKIP(testing_paths::sharedDataAbsent("ev-reference/epa-2022-test-car-list-ev.csv"));
    core::ContentErrors errors;
    auto tests = rg::loadEpaTestCarList(*shared, errors);
    REQUIRE(tests);
    const auto& d = content().data;
    const rg::ValidationReport rep = rg::validate(*tests, d.constants, *d.cycle("udds"), *d.cycle("hwfet"));
    CHECK(rep.fitting.cars >= 25);
    CHECK(rep.checking.cars >= 25);
    // Kona and Niro rows are kWh/100 mi: read as such they sit near the other small cars.
    for (const auto& r : rep.rows)
        if (r.test->name.find("Kona") != std::string::npos) CHECK(r.test->cityWallWhPerKm == Approx(106.9).margin(0.1));
    // The figures `kioskctl range validate` prints (src/range/README.md "Validation"), held so the
    // model cannot get worse unnoticed. Typical cars (no load that runs with time): city unbiased.
    const auto said = [](const char* what, const rg::ErrorFigures& f) {
        UNSCOPED_INFO(what << ": " << f.cars << " cars, median |e| " << f.medianAbs << ", p90 " << f.p90Abs << ", city median "
                           << f.cityMedianSigned << " (|e| " << f.cityMedianAbs << "), highway median "
                           << f.highwayMedianSigned << " (|e| " << f.highwayMedianAbs << ")");
    };
    said("check half", rep.checking);
    said("typical", rep.typical);
    said("standby", rep.standby);
    CHECK(rep.typical.cars >= 28);
    CHECK(rep.standby.cars >= 25);
    CHECK(std::abs(rep.typical.cityMedianSigned) <= 0.02);
    CHECK(rep.typical.cityMedianAbs <= 0.03);
    CHECK(std::abs(rep.typical.highwayMedianSigned) <= 0.025);
    CHECK(rep.typical.highwayMedianAbs <= 0.04);
    CHECK(rep.typical.p90Abs <= 0.085);
    CHECK(rep.checking.medianAbs <= 0.05);
    CHECK(rep.checking.p90Abs <= 0.14);
    // The standby group is under-predicted with the default (zero) standby load, and its own fitted
    // load (validation only) explains it: every such car gets one, and its errors shrink.
    CHECK(rep.standby.cityMedianSigned < -0.10);
    size_t explained = 0;
    for (const auto& r : rep.rows)
        if (!r.typical() && r.fittedStandbyW > 300 && std::abs(r.cityErrorOwnStandby) < std::abs(r.cityError)) ++explained;
    CHECK(explained >= rep.standby.cars - 3);
}

TEST_CASE("the cross-validated figures are held, and the 90th percentile is the standby group's") {
    auto shared = testing_paths::sharedData("ev-reference/epa-2022-test-car-list-ev.csv");
    if (!shared) KIOSK_SKIP(testing_paths::sharedDataAbsent("ev-reference/epa-2022-test-car-list-ev.csv"));
    core::ContentErrors errors;
    auto tests = rg::loadEpaTestCarList(*shared, errors);
    REQUIRE(tests);
    const auto& d = content().data;
    // src/range/README.md "Validation": pooled 5-fold 6.0 % / 19.6 %, typical cars 3.2 % / 8.1 % with
    // the city unbiased (+0.7 %), each car with its own standby load 1.7 % / 6.8 %.
    const rg::CrossValidation cv = rg::crossValidate(*tests, d.constants, *d.cycle("udds"), *d.cycle("hwfet"));
    UNSCOPED_INFO("pooled " << cv.pooled.medianAbs << " / " << cv.pooled.p90Abs << ", typical " << cv.pooledTypical.medianAbs
                            << " / " << cv.pooledTypical.p90Abs << " city " << cv.pooledTypical.cityMedianSigned);
    CHECK(cv.pooled.cars >= 55);
    CHECK(cv.pooled.medianAbs <= 0.065);
    CHECK(cv.pooled.p90Abs <= 0.205);
    CHECK(std::abs(cv.pooledTypical.cityMedianSigned) <= 0.03);  // the issue's bound: unbiased city
    CHECK(cv.pooledTypical.medianAbs <= 0.035);
    CHECK(cv.pooledTypical.p90Abs <= 0.085);
    CHECK(std::abs(cv.pooledTypical.highwayMedianSigned) <= 0.025);
    CHECK(cv.pooledOwnStandby.medianAbs <= 0.02);
    CHECK(cv.pooledOwnStandby.p90Abs <= 0.075);
    // The results above the pooled 90th percentile are all cars that draw a load with time: no
    // typical car is that far off.
    const rg::ValidationReport rep = rg::validate(*tests, d.constants, *d.cycle("udds"), *d.cycle("hwfet"));
    std::vector<std::pair<double, bool>> results;  // |error|, typical
    for (const auto& r : rep.rows) {
        results.emplace_back(std::abs(r.cityError), r.typical());
        results.emplace_back(std::abs(r.highwayError), r.typical());
    }
    std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const size_t tail = results.size() / 10 + 1;
    REQUIRE(results.size() > tail);
    for (size_t i = 0; i < tail; ++i) CHECK_FALSE(results[i].second);
    double worstTypical = 0;
    for (const auto& [e, typical] : results)
        if (typical) worstTypical = std::max(worstTypical, e);
    CHECK(worstTypical <= 0.14);
}

TEST_CASE("cross-validation folds are fixed and keep each make and model together") {
    auto shared = testing_paths::sharedData("ev-reference/epa-2022-test-car-list-ev.csv");
    if (!shared) KIOSK_SKIP(testing_paths::sharedDataAbsent("ev-reference/epa-2022-test-car-list-ev.csv"));
    core::ContentErrors errors;
    auto tests = rg::loadEpaTestCarList(*shared, errors);
    REQUIRE(tests);
    std::map<std::string, int> foldOfGroup;
    std::vector<int> carsInFold(rg::kCrossValidationFolds, 0);
    for (const auto& t : *tests) {
        REQUIRE(t.fold >= 0);
        REQUIRE(t.fold < rg::kCrossValidationFolds);
        auto [it, inserted] = foldOfGroup.emplace(t.group, t.fold);
        CHECK(it->second == t.fold);
        if (t.excluded.empty()) ++carsInFold[static_cast<size_t>(t.fold)];
    }
    for (int n : carsInFold) CHECK(n >= 8);
    // Loading twice gives the same assignment (the split does not depend on anything but the file).
    auto again = rg::loadEpaTestCarList(*shared, errors);
    REQUIRE(again);
    REQUIRE(again->size() == tests->size());
    for (size_t i = 0; i < tests->size(); ++i) {
        CHECK((*again)[i].fold == (*tests)[i].fold);
        CHECK((*again)[i].fitting == (*tests)[i].fitting);
    }
}

TEST_CASE("bad cycle files are refused with file, place and problem") {
    const std::string head = R"({"format": 1, "id": "t", "name": {"zh-CN": "测", "en": "t"}, "regulation": "test",
        "unit": "km/h", "time_step_s": 1, "published": {"duration_s": 3, "distance_km": 0.01, "max_speed_kmh": 20}, "trace": )";
    const auto errorsOf = [](const std::string& file) {
        core::ContentErrors errors;
        CHECK_FALSE(rg::loadDriveCycle(file, errors));
        std::string all;
        for (const auto& e : errors) all += e.toString() + "\n";
        return all;
    };
    const std::string gap = writeTemp("gap.json", head + "[[0, 0], [1, 10], [3, 10], [4, 0]]}");
    CHECK_THAT(errorsOf(gap), Catch::Contains(gap + ": /trace/2: time 3 s where 2 s was expected"));
    const std::string neg = writeTemp("neg.json", head + "[[0, 0], [1, -5], [2, 0]]}");
    CHECK_THAT(errorsOf(neg), Catch::Contains(neg + ": /trace/1: negative speed -5"));
    std::string wrongFormat = head;
    wrongFormat.replace(wrongFormat.find("\"format\": 1"), 11, "\"format\": 2");
    const std::string fmt = writeTemp("fmt.json", wrongFormat + "[[0, 0], [1, 10], [2, 0]]}");
    CHECK_THAT(errorsOf(fmt), Catch::Contains(fmt + ": /format: value 2 is outside 1..1"));
    std::string wrongUnit = head;
    wrongUnit.replace(wrongUnit.find("km/h"), 4, "m/s");
    const std::string unit = writeTemp("unit.json", wrongUnit + "[[0, 0], [1, 10], [2, 0]]}");
    CHECK_THAT(errorsOf(unit), Catch::Contains("/unit: unit \"m/s\" must be \"km/h\" or \"mph\""));

    core::ContentErrors errors;
    CHECK_FALSE(rg::parseDriveCycleCsv("time,speed\n0,0\n1,0\n", "c.csv", errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].toString() == "c.csv: line 1: header \"time,speed\" must be \"time_s,speed_kmh\"");
    errors.clear();
    CHECK_FALSE(rg::parseDriveCycleCsv("time_s,speed_kmh\n0,0\n1,5\n3,0\n", "c.csv", errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].toString() == "c.csv: line 4: time 3 s where 2 s was expected: the trace must be 1 Hz from 0 s without gaps or repeats");
    errors.clear();
    CHECK_FALSE(rg::parseDriveCycleCsv("time_s,speed_kmh\n0,0\n1,-2\n2,0\n", "c.csv", errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].toString() == "c.csv: line 3: negative speed -2 km/h at 1 s");
}

TEST_CASE("missing or absurd physics gives an error naming the trim and the field") {
    core::Catalog catalog = content().catalog;
    core::Model& heron = catalog.models[1];
    REQUIRE(heron.id == "heron");
    const auto config = configOf("heron", "heron-standard");
    core::Trim& trim = heron.trims[0];
    REQUIRE(trim.id == "heron-standard");
    trim.physics.curbMassKg = 0;
    auto r = rg::estimate(content().data, catalog, config);
    CHECK_FALSE(r);
    CHECK(r.error() == "trim heron-standard: physics.curb_mass_kg 0 is missing");
    trim.physics.curbMassKg = 1930;
    trim.physics.dragCoefficient = 5;
    r = rg::estimate(content().data, catalog, config);
    CHECK(r.error() == "trim heron-standard: physics.drag_coefficient 5 is outside 0.15..0.6");
    trim.physics.dragCoefficient = 0.2;
    rg::Conditions c;
    c.ambientC = 60;
    r = rg::estimate(content().data, catalog, config, c);
    CHECK(r.error() == "conditions: ambient_c 60 is outside -20..40");
}

TEST_CASE("a trim's standby load comes from content, and names a trim of the catalog") {
    // The content's range file with absolute cycle paths, written elsewhere with a standby_w block.
    const auto& c = content();
    const std::string original = c.catalog.moduleFiles.at("range");
    std::string text = slurp(original);
    const std::string cyclesDir = (fs::path(original).parent_path() / "../cycles/").lexically_normal().string();
    for (size_t at = text.find("\"../cycles/"); at != std::string::npos; at = text.find("\"../cycles/", at))
        text.replace(at + 1, std::string("../cycles/").size(), cyclesDir);
    const auto withStandby = [&](const std::string& block) {
        std::string t = text;
        const size_t at = t.find("\"standby_w\": {}");
        REQUIRE(at != std::string::npos);
        t.replace(at, std::string("\"standby_w\": {}").size(), "\"standby_w\": " + block);
        core::Catalog catalog = c.catalog;
        catalog.moduleFiles["range"] = writeTemp("standby-cn.json", t);
        return std::make_pair(catalog, rg::loadRangeData(catalog));
    };
    auto [catalog, loaded] = withStandby(R"({"heron-standard": 700})");
    for (const auto& e : loaded.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(loaded.data);
    CHECK(loaded.data->standbyOf("heron-standard") == 700);
    CHECK(loaded.data->standbyOf("heron-long-range") == 0);
    const auto config = configOf("heron", "heron-standard");
    const auto r = rg::estimate(*loaded.data, catalog, config);
    REQUIRE(r);
    CHECK(r->cltc.rangeKm < estimateOf(config).cltc.rangeKm);
    const auto other = configOf("heron", "heron-long-range");
    CHECK(rg::estimate(*loaded.data, catalog, other)->cltc.rangeKm == estimateOf(other).cltc.rangeKm);

    auto [badCatalog, bad] = withStandby(R"({"heron-turbo": 100, "lark-standard": 9000})");
    CHECK_FALSE(bad.data);
    std::string all;
    for (const auto& e : bad.errors) all += e.toString() + "\n";
    CHECK_THAT(all, Catch::Contains("/standby_w/lark-standard: value 9000 is outside 0..2000"));
    auto [unknownCatalog, unknown] = withStandby(R"({"heron-turbo": 100})");
    CHECK_FALSE(unknown.data);
    REQUIRE(unknown.errors.size() == 1);
    CHECK(unknown.errors[0].toString() == unknownCatalog.moduleFiles.at("range") + ": /standby_w/heron-turbo: unknown trim \"heron-turbo\"");
}

TEST_CASE("a spec file describes any vehicle, bad values are named") {
    const std::string good = writeTemp("spec.json", R"({"name": "Sedan", "test_mass_kg": 1930, "usable_battery_kwh": 75.0,
        "drive": "rwd", "heat_pump": true, "epa_adjustment_factor": 0.7,
        "road_load": {"a_n": 165.3, "b_n_per_mps": 0.47, "c_n_per_mps2": 0.64}})");
    core::ContentErrors errors;
    auto spec = rg::loadVehicleSpec(good, errors);
    REQUIRE(spec);
    CHECK(spec->vehicle.massKg == 1930);
    CHECK(spec->vehicle.roadLoad.cNPerMps2 == 0.64);
    const rg::Estimate e = rg::estimateVehicle(content().data, spec->vehicle, spec->chemistry, spec->maxDcChargeKw,
                                               spec->dcChargeCurve, rg::Conditions{}, spec->epaAdjustmentFactor, true);
    CHECK(e.cycles.size() == 5);
    CHECK(e.cltc.rangeKm > e.epa.rangeKm);
    CHECK(spec->vehicle.standbyW == 0);  // optional: a typical car

    // A standby load (optional input) costs more range in town (UDDS) than on the highway (HWFET).
    const std::string standby = writeTemp("spec-standby.json", R"({"test_mass_kg": 1930, "standby_w": 900,
        "road_load": {"a_n": 165.3, "b_n_per_mps": 0.47, "c_n_per_mps2": 0.64}})");
    auto withStandby = rg::loadVehicleSpec(standby, errors);
    REQUIRE(withStandby);
    CHECK(withStandby->vehicle.standbyW == 900);
    const rg::Estimate es = rg::estimateVehicle(content().data, withStandby->vehicle, "NMC", 150, {}, rg::Conditions{}, 0.7, true);
    CHECK(es.cycles.at("udds").rangeKm / e.cycles.at("udds").rangeKm <
          es.cycles.at("hwfet").rangeKm / e.cycles.at("hwfet").rangeKm);
    CHECK(es.cycles.at("hwfet").rangeKm < e.cycles.at("hwfet").rangeKm);
    const std::string tooMuch = writeTemp("spec-standby-bad.json", R"({"standby_w": 5000})");
    errors.clear();
    CHECK_FALSE(rg::loadVehicleSpec(tooMuch, errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].toString() == tooMuch + ": /standby_w: value 5000 is outside 0..2000");
    errors.clear();

    const std::string aero = writeTemp("spec-aero.json", R"({"cd": 0.23, "frontal_area_m2": 2.22, "rolling_resistance": 0.0085})");
    CHECK(rg::loadVehicleSpec(aero, errors));

    const std::string absurd = writeTemp("spec-bad.json", R"({"name": "x", "cd": 5, "test_mass_kg": 0})");
    errors.clear();
    CHECK_FALSE(rg::loadVehicleSpec(absurd, errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].toString() == absurd + ": /test_mass_kg: value 0 is outside 300..6000");
    CHECK(errors[1].toString() == absurd + ": /cd: value 5 is outside 0.15..0.6");
}
