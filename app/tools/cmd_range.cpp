// kioskctl range: the range card of a configuration (or of any vehicle in a spec file), the
// calibration table of every trim, the validation on the EPA test car list, and a benchmark.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "core/ContentLoader.h"
#include "core/range/Estimate.h"
#include "core/range/RangeData.h"
#include "core/range/Reference.h"
#include "core/range/VehicleSpec.h"

namespace tools {
namespace {

using Json = nlohmann::json;
namespace rg = core::range;

double round1(double v) { return std::round(v * 10.0) / 10.0; }
double round2(double v) { return std::round(v * 100.0) / 100.0; }

const char* kUsage =
    "usage: kioskctl range --model M --trim T [--option ID ...] [conditions] [--json]\n"
    "       kioskctl range spec FILE.json [conditions]\n"
    "       kioskctl range trims [--json]            modelled CLTC of every trim vs the official figure\n"
    "       kioskctl range validate [--data CSV] [--fit] [--kfold] [--json]   per-vehicle table on the EPA test car list\n"
    "       kioskctl range bench [--iterations N]    time for all cycles of all trims and for estimate()\n"
    "conditions: --temp C (-20..40) --speed KMH (90/110/120/130) --city-share 0..1 --payload KG\n"
    "            --climate on|off --daily-km KM --home-share 0..1 --dc-kw 60|120|250 --wallbox-kw 7|11\n"
    "common: --content DIR";

bool parseConditions(const Args& args, rg::Conditions& c, std::string& error) {
    const auto number = [&](const char* flag, double& out) {
        const std::string v = optionValue(args, flag);
        if (v.empty()) return true;
        try {
            size_t used = 0;
            out = std::stod(v, &used);
            if (used != v.size()) throw std::invalid_argument(v);
        } catch (const std::exception&) {
            error = std::string(flag) + " \"" + v + "\" is not a number";
            return false;
        }
        return true;
    };
    if (!number("--temp", c.ambientC) || !number("--speed", c.highwaySpeedKmh) || !number("--city-share", c.cityShare) ||
        !number("--payload", c.payloadKg) || !number("--daily-km", c.dailyKm) ||
        !number("--home-share", c.homeChargingShare) || !number("--dc-kw", c.dcChargerKw) ||
        !number("--wallbox-kw", c.wallboxKw))
        return false;
    const std::string climate = optionValue(args, "--climate");
    if (climate == "off") c.climateOn = false;
    else if (climate == "on" || climate.empty()) c.climateOn = true;
    else {
        error = "--climate \"" + climate + "\" must be on or off";
        return false;
    }
    if (auto problems = rg::checkConditions(c); !problems.empty()) {
        error = "conditions: " + problems.front();
        return false;
    }
    return true;
}

Json cyclesJson(const rg::Estimate& e) {
    Json j = Json::object();
    for (const auto& [id, f] : e.cycles)
        j[id] = {{"battery_wh_per_km", round1(f.batteryWhPerKm)}, {"wall_wh_per_km", round1(f.wallWhPerKm)},
                 {"range_km", round1(f.rangeKm)}};
    return j;
}

Json estimateJson(const rg::Estimate& e, const rg::Conditions& c) {
    Json j;
    if (!e.trimId.empty()) {
        j["trim"] = e.trimId;
        j["battery"] = e.batteryOption;
        j["wheels"] = e.wheelOption;
        j["official_cltc_km"] = e.officialCltcKm;
        if (e.official.rangeKm > 0)
            j["official"] = {{"cycle", e.official.cycle}, {"regime", e.official.regime}, {"range_km", e.official.rangeKm},
                             {"kwh_per_100km", e.official.kwhPer100km}, {"published", e.official.published}};
    }
    j["mass_kg"] = round1(e.curbMassKg);
    j["usable_battery_kwh"] = e.usableKwh;
    j["label"] = {{"cltc_km", round1(e.cltc.rangeKm)},
                  {"cltc_kwh_per_100km", round2(e.cltc.kwhPer100km)},
                  {"wltp_km", round1(e.wltp.rangeKm)},
                  {"wltp_kwh_per_100km", round2(e.wltp.kwhPer100km)},
                  {"epa_km", round1(e.epa.rangeKm)},
                  {"epa_kwh_per_100km", round2(e.epa.kwhPer100km)}};
    j["cycles"] = cyclesJson(e);
    j["conditions"] = {{"ambient_c", c.ambientC},         {"highway_speed_kmh", c.highwaySpeedKmh},
                       {"city_share", c.cityShare},       {"payload_kg", c.payloadKg},
                       {"climate_on", c.climateOn},       {"daily_km", c.dailyKm},
                       {"home_charging_share", c.homeChargingShare}, {"dc_charger_kw", c.dcChargerKw},
                       {"wallbox_kw", c.wallboxKw}};
    j["customer"] = {{"range_km", round1(e.customerRangeKm)},
                     {"kwh_per_100km", round2(e.customerKwhPer100km)},
                     {"city_battery_kwh_per_100km", round2(e.cityKwhPer100km)},
                     {"highway_battery_kwh_per_100km", round2(e.highwayKwhPer100km)},
                     {"available_kwh", round2(e.availableKwh)},
                     {"climate_kw", round2(e.climateKw)}};
    j["charging"] = {{"dc_10_to_80_min", round1(e.dc10To80Min)}, {"dc_peak_kw", round1(e.dcPeakKw)},
                     {"ac_0_to_100_h", round2(e.ac0To100H)},    {"ac_kw", e.acKw}};
    j["cost"] = {{"home_per_100km_minor", e.homeCostPer100kmMinor},
                 {"public_per_100km_minor", e.publicCostPer100kmMinor},
                 {"weekly_km", e.weeklyKm},
                 {"charges_per_week", round2(e.chargesPerWeek)},
                 {"per_week_minor", e.costPerWeekMinor}};
    return j;
}

void printTable(const rg::Estimate& e, const rg::Conditions& c) {
    std::printf("%s with %s, %s: %.0f kg, %.1f kWh usable\n", e.trimId.c_str(), e.batteryOption.c_str(),
                e.wheelOption.c_str(), e.curbMassKg, e.usableKwh);
    std::printf("  label      CLTC %6.0f km %5.2f kWh/100km (official %.0f km)\n", e.cltc.rangeKm, e.cltc.kwhPer100km,
                e.officialCltcKm);
    std::printf("             WLTP %6.0f km %5.2f kWh/100km\n", e.wltp.rangeKm, e.wltp.kwhPer100km);
    std::printf("             EPA  %6.0f km %5.2f kWh/100km\n", e.epa.rangeKm, e.epa.kwhPer100km);
    std::printf("  cycles     ");
    for (const auto& [id, f] : e.cycles) std::printf("%s %.0f/%.0f Wh/km  ", id.c_str(), f.batteryWhPerKm, f.wallWhPerKm);
    std::printf("(battery/wall)\n");
    std::printf("  yours      %.0f km at %.0f degC, %.0f km/h, %.0f %% city, %.0f kg, climate %s: %.2f kWh/100km "
                "(city %.1f, highway %.1f battery-side), climate %.2f kW, %.1f kWh available\n",
                e.customerRangeKm, c.ambientC, c.highwaySpeedKmh, c.cityShare * 100, c.payloadKg,
                c.climateOn ? "on" : "off", e.customerKwhPer100km, e.cityKwhPer100km, e.highwayKwhPer100km, e.climateKw,
                e.availableKwh);
    std::printf("  charging   DC 10-80 %% %.0f min on %.0f kW (peak %.0f kW); AC 0-100 %% %.1f h at %.1f kW\n",
                e.dc10To80Min, c.dcChargerKw, e.dcPeakKw, e.ac0To100H, e.acKw);
    std::printf("  cost       home %.2f / public %.2f per 100 km; %.0f km a week: %.1f charges, %.2f a week\n",
                static_cast<double>(e.homeCostPer100kmMinor) / 100.0, static_cast<double>(e.publicCostPer100kmMinor) / 100.0,
                e.weeklyKm, e.chargesPerWeek, static_cast<double>(e.costPerWeekMinor) / 100.0);
}

struct Loaded {
    std::optional<core::Catalog> catalog;
    std::optional<rg::RangeData> data;
};

Loaded loadAll(const Args& args) {
    Loaded l;
    const std::string dir = contentDirectory(args);
    core::LoadResult lr = core::loadContent(dir);
    if (!lr.ok()) {
        for (const auto& e : lr.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return l;
    }
    rg::RangeLoadResult rr = rg::loadRangeData(*lr.catalog);
    if (!rr.data) {
        for (const auto& e : rr.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return l;
    }
    l.catalog = std::move(lr.catalog);
    l.data = std::move(rr.data);
    return l;
}

int cmdConfiguration(const Args& args) {
    rg::Conditions c;
    std::string error;
    if (!parseConditions(args, c, error)) {
        std::fprintf(stderr, "kioskctl range: %s\n", error.c_str());
        return 2;
    }
    core::Configuration config;
    config.model = optionValue(args, "--model");
    config.trim = optionValue(args, "--trim");
    if (config.model.empty() || config.trim.empty()) {
        std::fprintf(stderr, "kioskctl range: --model and --trim are required\n%s\n", kUsage);
        return 2;
    }
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--option") config.options.insert(args[i + 1]);
    Loaded l = loadAll(args);
    if (!l.data) return 1;
    if (const core::Model* m = l.catalog->findModel(config.model))
        for (const auto& o : config.options)
            if (!m->findOption(o)) {
                std::fprintf(stderr, "kioskctl range: unknown option \"%s\" of model \"%s\"\n", o.c_str(), config.model.c_str());
                return 1;
            }
    const auto r = rg::estimate(*l.data, *l.catalog, config, c);
    if (!r) {
        std::fprintf(stderr, "kioskctl range: %s\n", r.error().c_str());
        return 1;
    }
    if (hasFlag(args, "--json")) std::printf("%s\n", estimateJson(*r, c).dump(2).c_str());
    else printTable(*r, c);
    return 0;
}

int cmdSpec(const Args& args) {
    if (args.size() < 2 || args[1].rfind("--", 0) == 0) {
        std::fprintf(stderr, "kioskctl range spec: a FILE.json is required\n");
        return 2;
    }
    rg::Conditions c;
    c.payloadKg = 0;  // the spec's test mass already carries its load
    std::string error;
    if (!parseConditions(args, c, error)) {
        std::fprintf(stderr, "kioskctl range spec: %s\n", error.c_str());
        return 2;
    }
    core::ContentErrors errors;
    auto spec = rg::loadVehicleSpec(args[1], errors);
    if (!spec) {
        for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return 1;
    }
    Loaded l = loadAll(args);
    if (!l.data) return 1;
    const rg::Estimate e = rg::estimateVehicle(*l.data, spec->vehicle, spec->chemistry, spec->maxDcChargeKw,
                                               spec->dcChargeCurve, c, spec->epaAdjustmentFactor, true);
    Json j = estimateJson(e, c);
    j["name"] = spec->vehicle.name;
    j["test_mass_kg"] = spec->vehicle.massKg;
    j["road_load"] = {{"a_n", round2(spec->vehicle.roadLoad.aN)},
                      {"b_n_per_mps", round2(spec->vehicle.roadLoad.bNPerMps)},
                      {"c_n_per_mps2", std::round(spec->vehicle.roadLoad.cNPerMps2 * 10000.0) / 10000.0}};
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
}

int cmdTrims(const Args& args) {
    Loaded l = loadAll(args);
    if (!l.data) return 1;
    Json rows = Json::array();
    double worst = 0;
    if (!hasFlag(args, "--json"))
        std::printf("%-22s %-15s %9s %9s %7s %11s %11s\n", "trim", "battery", "model km", "official", "error",
                    "model kWh", "official kWh");
    for (const auto& m : l.catalog->models)
        for (const auto& t : m.trims)
            for (const auto& o : t.official) {
                core::Configuration config = core::defaultConfiguration(m, t);
                const core::Model& model = m;
                for (const auto& id : std::set<std::string>(config.options))
                    if (const core::Option* opt = model.findOption(id); opt && opt->battery) config.options.erase(id);
                config.options.insert(o.batteryOption);
                const auto r = rg::estimate(*l.data, *l.catalog, config);
                if (!r) {
                    std::fprintf(stderr, "%s\n", r.error().c_str());
                    return 1;
                }
                const double err = r->cltc.rangeKm / o.cltcRangeKm - 1.0;
                worst = std::max(worst, std::abs(err));
                rows.push_back({{"trim", t.id},
                                {"battery", o.batteryOption},
                                {"model_cltc_km", round1(r->cltc.rangeKm)},
                                {"official_cltc_km", o.cltcRangeKm},
                                {"error", round2(err * 100.0)},
                                {"model_kwh_per_100km", round2(r->cltc.kwhPer100km)},
                                {"official_kwh_per_100km", o.cltcKwhPer100km}});
                if (!hasFlag(args, "--json"))
                    std::printf("%-22s %-15s %9.1f %9.0f %+6.2f%% %11.2f %11.2f\n", t.id.c_str(), o.batteryOption.c_str(),
                                r->cltc.rangeKm, o.cltcRangeKm, err * 100.0, r->cltc.kwhPer100km,
                                o.cltcKwhPer100km);
            }
    if (hasFlag(args, "--json")) std::printf("%s\n", Json{{"trims", rows}, {"worst_abs_error_percent", round2(worst * 100)}}.dump(2).c_str());
    else std::printf("worst |error| %.2f %%\n", worst * 100.0);
    return 0;
}

void printFigures(const std::string& label, const rg::ErrorFigures& f) {
    std::printf("%-22s %2zu cars  |error| median %5.2f %% p90 %5.2f %%  city median %+6.2f %% (|e| %5.2f, p90 %5.2f)  "
                "highway median %+6.2f %% (|e| %5.2f, p90 %5.2f)\n",
                label.c_str(), f.cars, f.medianAbs * 100, f.p90Abs * 100, f.cityMedianSigned * 100, f.cityMedianAbs * 100,
                f.cityP90Abs * 100, f.highwayMedianSigned * 100, f.highwayMedianAbs * 100, f.highwayP90Abs * 100);
}

void printValidationTable(const std::vector<rg::ReferenceTest>& tests, const rg::ValidationReport& rep) {
    std::printf("%-5s %-44s %-7s %6s %6s %21s %21s %17s\n", "half", "vehicle (EPA 2022 test car list)", "group",
                "sig W", "own W", "city meas/model Wh/km", "hwy meas/model Wh/km", "error city/hwy");
    for (const auto& r : rep.rows)
        std::printf("%-5s %-44.44s %-7s %6.0f %6.0f %10.1f %10.1f %10.1f %10.1f %+7.1f%% %+7.1f%%\n",
                    r.test->fitting ? "fit" : "check", r.test->name.c_str(), r.typical() ? "typical" : "standby",
                    r.signature.standbyW, r.fittedStandbyW, r.test->cityWallWhPerKm, r.cityModelWhPerKm,
                    r.test->highwayWallWhPerKm, r.highwayModelWhPerKm, r.cityError * 100, r.highwayError * 100);
    for (const auto& t : tests)
        if (!t.excluded.empty()) std::printf("excluded: %s: %s\n", t.name.c_str(), t.excluded.c_str());
    std::printf("sig W: model-free standby reading of the car's two results (typical below %.0f W); own W: the standby\n"
                "load fitted to this car alone (validation only; predictions use the default 0 W)\n",
                rg::kTypicalStandbyW);
}

int cmdValidateModel(const Args& args) {
    Loaded l = loadAll(args);
    if (!l.data) return 1;
    const std::string csv = optionValue(args, "--data", "../shared/data/ev-reference/epa-2022-test-car-list-ev.csv");
    core::ContentErrors errors;
    auto tests = rg::loadEpaTestCarList(csv, errors);
    if (!tests) {
        for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return 1;
    }
    const rg::DriveCycle* udds = l.data->cycle("udds");
    const rg::DriveCycle* hwfet = l.data->cycle("hwfet");
    if (!udds || !hwfet) {
        std::fprintf(stderr, "kioskctl range validate: the content has no udds or hwfet cycle\n");
        return 1;
    }
    rg::ModelConstants k = l.data->constants;
    if (hasFlag(args, "--fit")) k = rg::fitConstants(*tests, k, *udds, *hwfet);
    const rg::ValidationReport rep = rg::validate(*tests, k, *udds, *hwfet);
    const auto figs = [](const rg::ErrorFigures& f) {
        return Json{{"cars", f.cars},
                    {"median_abs_error_percent", round2(f.medianAbs * 100)},
                    {"p90_abs_error_percent", round2(f.p90Abs * 100)},
                    {"mean_error_percent", round2(f.meanSigned * 100)},
                    {"city", {{"median_error_percent", round2(f.cityMedianSigned * 100)},
                              {"median_abs_error_percent", round2(f.cityMedianAbs * 100)},
                              {"p90_abs_error_percent", round2(f.cityP90Abs * 100)}}},
                    {"highway", {{"median_error_percent", round2(f.highwayMedianSigned * 100)},
                                 {"median_abs_error_percent", round2(f.highwayMedianAbs * 100)},
                                 {"p90_abs_error_percent", round2(f.highwayP90Abs * 100)}}}};
    };
    // Cross-validation refits the constants once per fold (seconds): only on request.
    std::optional<rg::CrossValidation> cv;
    if (hasFlag(args, "--kfold")) cv = rg::crossValidate(*tests, l.data->constants, *udds, *hwfet);
    const auto cvJson = [&]() {
        Json folds = Json::array();
        for (const auto& f : cv->folds) folds.push_back(figs(f));
        return Json{{"folds", folds}, {"pooled", figs(cv->pooled)}, {"pooled_typical", figs(cv->pooledTypical)},
                    {"pooled_standby", figs(cv->pooledStandby)}, {"pooled_own_standby", figs(cv->pooledOwnStandby)}};
    };
    Json constants = {{"gear_loss_share", k.gearLossShare},   {"inverter_loss_mps", k.inverterLossMps},
                      {"copper_loss_mps", k.copperLossMps},   {"iron_loss_share", k.ironLossShare},
                      {"regen_max_share", k.regenMaxShare},   {"lab_aux_w", k.labAuxW},
                      {"regen_full_speed_mps", k.regenFullSpeedMps}};
    if (hasFlag(args, "--json")) {
        Json rows = Json::array();
        for (const auto& r : rep.rows)
            rows.push_back({{"vehicle", r.test->name},
                            {"half", r.test->fitting ? "fit" : "check"},
                            {"fold", r.test->fold},
                            {"group", r.typical() ? "typical" : "standby"},
                            {"signature_standby_w", std::round(r.signature.standbyW)},
                            {"signature_wall_per_wheel", round2(r.signature.wallPerWheel)},
                            {"fitted_standby_w", std::round(r.fittedStandbyW)},
                            {"city_measured_wh_per_km", round1(r.test->cityWallWhPerKm)},
                            {"city_model_wh_per_km", round1(r.cityModelWhPerKm)},
                            {"city_error_percent", round2(r.cityError * 100)},
                            {"city_error_own_standby_percent", round2(r.cityErrorOwnStandby * 100)},
                            {"highway_measured_wh_per_km", round1(r.test->highwayWallWhPerKm)},
                            {"highway_model_wh_per_km", round1(r.highwayModelWhPerKm)},
                            {"highway_error_percent", round2(r.highwayError * 100)},
                            {"highway_error_own_standby_percent", round2(r.highwayErrorOwnStandby * 100)}});
        Json excluded = Json::array();
        for (const auto& t : *tests)
            if (!t.excluded.empty()) excluded.push_back({{"vehicle", t.name}, {"reason", t.excluded}});
        Json out{{"constants", constants}, {"fit", figs(rep.fitting)}, {"check", figs(rep.checking)},
                 {"all", figs(rep.all)},   {"typical", figs(rep.typical)}, {"standby", figs(rep.standby)},
                 {"vehicles", rows},       {"excluded", excluded}};
        if (cv) out["cross_validation"] = cvJson();
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    printValidationTable(*tests, rep);
    std::printf("constants: %s\n", constants.dump().c_str());
    printFigures("fit half", rep.fitting);
    printFigures("check half", rep.checking);
    printFigures("all cars", rep.all);
    printFigures("typical", rep.typical);
    printFigures("standby", rep.standby);
    if (cv) {
        for (size_t i = 0; i < cv->folds.size(); ++i)
            printFigures("fold " + std::to_string(i + 1) + "/" + std::to_string(cv->folds.size()) + " held out", cv->folds[i]);
        std::printf("%d-fold cross-validation, every car held out once:\n", rg::kCrossValidationFolds);
        printFigures("CV pooled", cv->pooled);
        printFigures("CV typical", cv->pooledTypical);
        printFigures("CV standby", cv->pooledStandby);
        printFigures("CV own standby", cv->pooledOwnStandby);
    }
    return 0;
}

int cmdBench(const Args& args) {
    Loaded l = loadAll(args);
    if (!l.data) return 1;
    const int iterations = std::max(1, std::atoi(optionValue(args, "--iterations", "200").c_str()));
    std::vector<rg::Vehicle> vehicles;
    std::vector<core::Configuration> configs;
    for (const auto& m : l.catalog->models)
        for (const auto& t : m.trims) {
            const core::Configuration config = core::defaultConfiguration(m, t);
            const auto v = rg::vehicleFor(*l.data, m, t, config);
            if (!v) {
                std::fprintf(stderr, "%s\n", v.error().c_str());
                return 1;
            }
            vehicles.push_back(*v);
            configs.push_back(config);
        }
    using Clock = std::chrono::steady_clock;
    double sink = 0;
    rg::RunConditions run;
    const auto t0 = Clock::now();
    for (int i = 0; i < iterations; ++i)
        for (const auto& v : vehicles)
            for (const auto& [id, cycle] : l.data->cycles) sink += rg::simulateCycle(v, l.data->constants, cycle, run).batteryWh;
    const auto t1 = Clock::now();
    for (int i = 0; i < iterations; ++i)
        for (const auto& c : configs) sink += rg::estimate(*l.data, *l.catalog, c)->customerRangeKm;
    const auto t2 = Clock::now();
    const double cyclesMs = std::chrono::duration<double, std::milli>(t1 - t0).count() / iterations;
    const double estimateMs = std::chrono::duration<double, std::milli>(t2 - t1).count() / iterations;
    std::printf("all %zu cycles of all %zu trims: %.3f ms (target < 5 ms)\n", l.data->cycles.size(), vehicles.size(), cyclesMs);
    std::printf("estimate() of every trim's default car (labels, every cycle, customer, charging): %.3f ms, %.3f ms per car\n",
                estimateMs, estimateMs / static_cast<double>(configs.size()));
    std::printf("(%d iterations; checksum %.0f)\n", iterations, sink);
    return 0;
}

}  // namespace

int cmdRange(const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    if (sub == "--help" || sub == "-h") {
        std::puts(kUsage);
        return 0;
    }
    if (sub == "spec") return cmdSpec(args);
    if (sub == "trims") return cmdTrims(args);
    if (sub == "validate") return cmdValidateModel(args);
    if (sub == "bench") return cmdBench(args);
    return cmdConfiguration(args);
}

}  // namespace tools
