// kioskctl range, run as a user (and the external checks) run it: the spec command's JSON fields,
// and the validation table's per-car, signed city and highway errors on a test list written here.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/Process.h"
#include "support/RunJson.h"
#include "support/TestPaths.h"

using testing_process::runJson;

namespace {

using Json = nlohmann::json;

std::string writeTemp(const std::string& name, const std::string& text) {
    const auto p = std::filesystem::temp_directory_path() / ("kioskctl-range-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(p) << text;
    return p.string();
}

// Every field path of a JSON object ("/label/cltc_km"); the cycles block lists cycle ids only.
void fieldPaths(const Json& j, const std::string& prefix, std::set<std::string>& out) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string p = prefix + "/" + it.key();
        if (it->is_object() && prefix != "/cycles") fieldPaths(*it, p, out);
        else out.insert(p);
    }
}

const char* kSedan = R"({"name": "Sedan", "test_mass_kg": 1930, "usable_battery_kwh": 80, "motor_power_kw": 200,
    "road_load": {"a_n": 165.3, "b_n_per_mps": 0.47, "c_n_per_mps2": 0.64})";

}  // namespace

TEST_CASE("kioskctl range spec keeps its output fields, and takes an optional standby load") {
    const std::string content = testing_paths::contentDir();
    const Json j = runJson({KIOSKCTL_PATH, "range", "spec", writeTemp("sedan.json", std::string(kSedan) + "}"),
                            "--content", content});
    std::set<std::string> paths;
    fieldPaths(j, "", paths);
    // The fields external checks read: exactly these, no more, no fewer.
    const std::set<std::string> expected = {
        "/charging/ac_0_to_100_h", "/charging/ac_kw", "/charging/dc_10_to_80_min", "/charging/dc_peak_kw",
        "/conditions/ambient_c", "/conditions/city_share", "/conditions/climate_on", "/conditions/daily_km",
        "/conditions/dc_charger_kw", "/conditions/highway_speed_kmh", "/conditions/home_charging_share",
        "/conditions/payload_kg", "/conditions/wallbox_kw", "/cost/charges_per_week", "/cost/home_per_100km_minor",
        "/cost/per_week_minor", "/cost/public_per_100km_minor", "/cost/weekly_km", "/customer/available_kwh",
        "/customer/city_battery_kwh_per_100km", "/customer/climate_kw", "/customer/highway_battery_kwh_per_100km",
        "/customer/kwh_per_100km", "/customer/range_km", "/cycles/cltc_p", "/cycles/hwfet", "/cycles/udds",
        "/cycles/us06", "/cycles/wltc3b", "/label/cltc_km", "/label/cltc_kwh_per_100km", "/label/epa_km",
        "/label/epa_kwh_per_100km", "/label/wltp_km", "/label/wltp_kwh_per_100km", "/mass_kg", "/name",
        "/road_load/a_n", "/road_load/b_n_per_mps", "/road_load/c_n_per_mps2", "/test_mass_kg", "/usable_battery_kwh"};
    CHECK(paths == expected);
    for (const auto& [id, cycle] : j["cycles"].items()) {
        INFO(id);
        CHECK(cycle.size() == 3);
        CHECK(cycle.contains("battery_wh_per_km"));
        CHECK(cycle.contains("wall_wh_per_km"));
        CHECK(cycle.contains("range_km"));
    }

    const Json s = runJson({KIOSKCTL_PATH, "range", "spec",
                            writeTemp("sedan-standby.json", std::string(kSedan) + ", \"standby_w\": 1000}"), "--content", content});
    std::set<std::string> standbyPaths;
    fieldPaths(s, "", standbyPaths);
    CHECK(standbyPaths == expected);
    const auto wall = [](const Json& x, const char* cycle) { return x["cycles"][cycle]["wall_wh_per_km"].get<double>(); };
    // 1 kW for the UDDS's 1369 s over its 11.99 km, at the wall (90 % AC): about 35 Wh/km more.
    CHECK(wall(s, "udds") - wall(j, "udds") == Approx(1000.0 * 1369 / 3600 / 11.99 / 0.9).margin(1.0));
    CHECK(wall(s, "hwfet") - wall(j, "hwfet") < wall(s, "udds") - wall(j, "udds"));
}

TEST_CASE("kioskctl range validate gives every car's signed city and highway error, and a standby group") {
    const std::string content = testing_paths::contentDir();
    const Json spec = runJson({KIOSKCTL_PATH, "range", "spec", writeTemp("sedan.json", std::string(kSedan) + "}"),
                               "--content", content});
    // Two cars of the sedan's road load (in the list's US units): one measured as the model gives it,
    // one whose city result carries about a kilowatt more for the whole test.
    const double lbf = 4.4482216, mph = 0.44704, mileKm = 1.609344;
    const auto mpge = [&](double whPerKm) { return 33705.0 / (whPerKm * mileKm); };
    const double city = spec["cycles"]["udds"]["wall_wh_per_km"], hwy = spec["cycles"]["hwfet"]["wall_wh_per_km"];
    std::ostringstream csv;
    csv << "Represented Test Veh Make,Represented Test Veh Model,Test Vehicle ID,Rated Horsepower,"
           "Drive System Description,Equivalent Test Weight (lbs.),Test Procedure Description,RND_ADJ_FE,"
           "Target Coef A (lbf),Target Coef B (lbf/mph),Target Coef C (lbf/mph**2)\n";
    const auto car = [&](const std::string& model, double cityWh, double hwyWh) {
        const std::string common = "Make," + model + ",ID" + model + "," + std::to_string(200 / 0.7457) +
                                   ",Rear-Wheel Drive," + std::to_string(1930 / 0.45359237) + ",";
        const std::string coef = "," + std::to_string(165.3 / lbf) + "," + std::to_string(0.47 / lbf * mph) + "," +
                                 std::to_string(0.64 / lbf * mph * mph) + "\n";
        csv << common << "Charge Depleting UDDS," << mpge(cityWh) << coef;
        csv << common << "Charge Depleting Highway," << mpge(hwyWh) << coef;
    };
    car("Typical", city, hwy);
    car("Standby", city + 35, hwy + 14);
    const Json v = runJson({KIOSKCTL_PATH, "range", "validate", "--data", writeTemp("list.csv", csv.str()), "--content",
                            content, "--json"});
    REQUIRE(v["vehicles"].size() == 2);
    for (const auto& row : v["vehicles"]) {
        INFO(row.dump());
        for (const char* field : {"city_error_percent", "highway_error_percent", "group", "fitted_standby_w",
                                  "signature_standby_w", "city_measured_wh_per_km", "highway_model_wh_per_km"})
            CHECK(row.contains(field));
        if (row["vehicle"] == "Make Typical") {
            CHECK(row["group"] == "typical");
            // The list's test runs at 23 degC, the spec's EPA label at 24: a few tenths of a percent.
            CHECK(std::abs(row["city_error_percent"].get<double>()) < 1.0);
            CHECK(std::abs(row["highway_error_percent"].get<double>()) < 1.0);
            CHECK(row["fitted_standby_w"] == 0);
        } else {
            CHECK(row["group"] == "standby");
            // Predicted as a typical car (no standby load): city under-predicted, more than highway.
            CHECK(row["city_error_percent"].get<double>() < -15);
            CHECK(row["highway_error_percent"].get<double>() > row["city_error_percent"].get<double>());
            CHECK(row["fitted_standby_w"].get<double>() == Approx(1000).margin(150));
        }
    }
    for (const char* group : {"typical", "standby", "all", "fit", "check"})
        for (const char* part : {"city", "highway"}) {
            INFO(group << " " << part);
            CHECK(v[group][part].contains("median_error_percent"));
            CHECK(v[group][part].contains("p90_abs_error_percent"));
        }
    CHECK(v["typical"]["cars"] == 1);
    CHECK(v["standby"]["city"]["median_error_percent"].get<double>() < -15);
}
