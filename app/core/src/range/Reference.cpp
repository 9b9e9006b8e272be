#include "core/range/Reference.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace core::range {
namespace {

constexpr double kLbToKg = 0.45359237;
constexpr double kLbfToN = 4.4482216;
constexpr double kMphToMps = 0.44704;
constexpr double kMileKm = 1.609344;
constexpr double kWhPerGallonEquivalent = 33705.0;
constexpr double kDefaultBatteryKwh = 80;  // not in the list; only the battery loss and regen cap use it

std::vector<std::string> splitCsvLine(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

std::optional<double> toNumber(const std::string& s) {
    try {
        size_t used = 0;
        const double v = std::stod(s, &used);
        if (used == 0 || !std::isfinite(v)) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Wall Wh per km from RND_ADJ_FE, and whether it was read as kWh/100 mi.
std::pair<double, bool> wallWhPerKm(double value) {
    if (value < 60) return {value * 10.0 / kMileKm, true};
    return {kWhPerGallonEquivalent / value / kMileKm, false};
}

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

ErrorFigures figuresOf(const std::vector<ValidationRow>& rows, const std::function<bool(const ValidationRow&)>& use) {
    ErrorFigures f;
    std::vector<double> abs, city, cityAbs, highway, highwayAbs;
    double sum = 0;
    for (const auto& r : rows) {
        if (!use(r)) continue;
        ++f.cars;
        for (double e : {r.cityError, r.highwayError}) {
            abs.push_back(std::abs(e));
            sum += e;
        }
        city.push_back(r.cityError);
        cityAbs.push_back(std::abs(r.cityError));
        highway.push_back(r.highwayError);
        highwayAbs.push_back(std::abs(r.highwayError));
    }
    if (abs.empty()) return f;
    f.medianAbs = quantile(abs, 0.5);
    f.p90Abs = quantile(abs, 0.9);
    f.meanSigned = sum / static_cast<double>(abs.size());
    f.cityMedianSigned = quantile(city, 0.5);
    f.cityMedianAbs = quantile(cityAbs, 0.5);
    f.cityP90Abs = quantile(cityAbs, 0.9);
    f.highwayMedianSigned = quantile(highway, 0.5);
    f.highwayMedianAbs = quantile(highwayAbs, 0.5);
    f.highwayP90Abs = quantile(highwayAbs, 0.9);
    return f;
}

ErrorFigures figures(const std::vector<ValidationRow>& rows, bool fitting) {
    return figuresOf(rows, [fitting](const ValidationRow& r) { return r.test->fitting == fitting; });
}

// The fit's error on one result: soft L1 of the log error at a 2 % scale (robust to the odd
// mistyped row, smooth for the simplex).
double robustCost(double modelled, double measured) {
    const double e = std::log(modelled / measured) / 0.02;
    return std::sqrt(1.0 + e * e) - 1.0;
}

// What a kilowatt of a car's own standby load costs in the fit, in units of robustCost: about a
// 4 % error on one result. A car takes a standby load only when both its results ask for it.
constexpr double kStandbyCostPerKw = 2.0;

// Wall Wh/km that one watt of standby adds on a cycle (the small cell loss on it left out).
double standbyWhPerKmPerW(const DriveCycle& c, const ModelConstants& k) {
    const double km = c.distanceKm();
    return km > 0 ? c.durationS() / 3600.0 / km / k.acChargeEfficiency : 0.0;
}

// The standby load in 0..kMaxStandbyW minimising the two robust errors plus its cost, by golden
// section. Each error term has a single minimum in the load and the cost is linear; the sum of the
// two can have a second local minimum when city and highway disagree, and golden section may settle
// in either (both sit between the two terms' own minima); 0 W (no standby load) is compared at the end.
double bestStandbyW(double city0, double cityPerW, double cityMeasured, double hwy0, double hwyPerW,
                    double hwyMeasured) {
    const auto cost = [&](double w) {
        return robustCost(city0 + w * cityPerW, cityMeasured) + robustCost(hwy0 + w * hwyPerW, hwyMeasured) +
               kStandbyCostPerKw * w / 1000.0;
    };
    const double g = (std::sqrt(5.0) - 1.0) / 2.0;
    double lo = 0, hi = kMaxStandbyW;
    double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
    double f1 = cost(x1), f2 = cost(x2);
    for (int i = 0; i < 40; ++i) {
        if (f1 <= f2) {
            hi = x2, x2 = x1, f2 = f1;
            x1 = hi - g * (hi - lo), f1 = cost(x1);
        } else {
            lo = x1, x1 = x2, f1 = f2;
            x2 = lo + g * (hi - lo), f2 = cost(x2);
        }
    }
    const double best = 0.5 * (lo + hi);
    return cost(0.0) <= cost(best) ? 0.0 : best;
}

// Nelder-Mead minimisation; small and dependency-free, enough for a handful of parameters.
std::vector<double> nelderMead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x0,
                               double step, int iterations) {
    const size_t n = x0.size();
    std::vector<std::vector<double>> pts(n + 1, x0);
    for (size_t i = 0; i < n; ++i) pts[i + 1][i] += step;
    std::vector<double> val(n + 1);
    for (size_t i = 0; i <= n; ++i) val[i] = f(pts[i]);
    for (int it = 0; it < iterations; ++it) {
        std::vector<size_t> order(n + 1);
        for (size_t i = 0; i <= n; ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return val[a] < val[b]; });
        std::vector<std::vector<double>> p2;
        std::vector<double> v2;
        for (size_t i : order) {
            p2.push_back(pts[i]);
            v2.push_back(val[i]);
        }
        pts = p2;
        val = v2;
        std::vector<double> centroid(n, 0.0);
        for (size_t i = 0; i < n; ++i)
            for (size_t j = 0; j < n; ++j) centroid[j] += pts[i][j] / static_cast<double>(n);
        auto along = [&](double t) {
            std::vector<double> x(n);
            for (size_t j = 0; j < n; ++j) x[j] = centroid[j] + t * (pts[n][j] - centroid[j]);
            return x;
        };
        auto xr = along(-1.0);
        const double fr = f(xr);
        if (fr < val[0]) {
            auto xe = along(-2.0);
            const double fe = f(xe);
            if (fe < fr) pts[n] = xe, val[n] = fe;
            else pts[n] = xr, val[n] = fr;
        } else if (fr < val[n - 1]) {
            pts[n] = xr, val[n] = fr;
        } else {
            auto xc = along(fr < val[n] ? -0.5 : 0.5);
            const double fc = f(xc);
            if (fc < std::min(fr, val[n])) {
                pts[n] = xc, val[n] = fc;
            } else {
                for (size_t i = 1; i <= n; ++i) {
                    for (size_t j = 0; j < n; ++j) pts[i][j] = pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]);
                    val[i] = f(pts[i]);
                }
            }
        }
    }
    size_t best = 0;
    for (size_t i = 1; i <= n; ++i)
        if (val[i] < val[best]) best = i;
    return pts[best];
}

}  // namespace

std::optional<std::vector<ReferenceTest>> loadEpaTestCarList(const std::string& csvFile, ContentErrors& errors) {
    std::ifstream in(csvFile);
    if (!in) {
        errors.push_back({csvFile, "", "cannot read file"});
        return std::nullopt;
    }
    std::string line;
    std::getline(in, line);
    const auto header = splitCsvLine(line);
    std::map<std::string, size_t> col;
    for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
    static const std::array<const char*, 11> kNeeded = {
        "Represented Test Veh Make", "Represented Test Veh Model", "Test Vehicle ID", "Rated Horsepower",
        "Drive System Description", "Equivalent Test Weight (lbs.)", "Test Procedure Description", "RND_ADJ_FE",
        "Target Coef A (lbf)", "Target Coef B (lbf/mph)", "Target Coef C (lbf/mph**2)"};
    for (const char* name : kNeeded)
        if (!col.count(name)) {
            errors.push_back({csvFile, "line 1", std::string("missing column \"") + name + "\""});
            return std::nullopt;
        }

    // Key: everything that identifies one tested car; value: its city and highway results in file order.
    std::map<std::string, std::pair<ReferenceTest, std::array<std::vector<double>, 2>>> cars;
    std::vector<std::string> order;
    size_t lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty()) continue;
        const auto f = splitCsvLine(line);
        if (f.size() < header.size()) {
            errors.push_back({csvFile, "line " + std::to_string(lineNo), "too few columns"});
            return std::nullopt;
        }
        const std::string& proc = f[col["Test Procedure Description"]];
        int which = -1;
        if (proc == "Charge Depleting UDDS") which = 0;
        else if (proc == "Charge Depleting Highway") which = 1;
        if (which < 0) continue;  // 20 degF FTP and others: not a city/highway pair
        auto weight = toNumber(f[col["Equivalent Test Weight (lbs.)"]]);
        auto a = toNumber(f[col["Target Coef A (lbf)"]]);
        auto b = toNumber(f[col["Target Coef B (lbf/mph)"]]);
        auto c = toNumber(f[col["Target Coef C (lbf/mph**2)"]]);
        auto fe = toNumber(f[col["RND_ADJ_FE"]]);
        if (!weight || !a || !b || !c || !fe || *fe <= 0) {
            errors.push_back({csvFile, "line " + std::to_string(lineNo), "weight, coefficients or result not a number"});
            return std::nullopt;
        }
        const std::string make = f[col["Represented Test Veh Make"]];
        const std::string model = f[col["Represented Test Veh Model"]];
        const std::string key = make + "|" + model + "|" + f[col["Test Vehicle ID"]] + "|" + f[col["Target Coef A (lbf)"]] +
                                "|" + f[col["Target Coef B (lbf/mph)"]] + "|" + f[col["Target Coef C (lbf/mph**2)"]];
        auto it = cars.find(key);
        if (it == cars.end()) {
            ReferenceTest t;
            t.name = make + " " + model;
            std::string g = t.name;
            std::transform(g.begin(), g.end(), g.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            t.group = g;
            Vehicle& v = t.vehicle;
            v.name = t.name;
            v.massKg = *weight * kLbToKg;
            v.roadLoad.aN = *a * kLbfToN;
            v.roadLoad.bNPerMps = *b * kLbfToN / kMphToMps;
            v.roadLoad.cNPerMps2 = *c * kLbfToN / (kMphToMps * kMphToMps);
            const std::string drive = f[col["Drive System Description"]];
            if (drive.find("Front") != std::string::npos) v.drive = Drive::Fwd;
            else if (drive.find("Rear") != std::string::npos) v.drive = Drive::Rwd;
            else v.drive = Drive::Awd;
            auto hp = toNumber(f[col["Rated Horsepower"]]);
            // A few makers fill the column with something else (37 "hp" for a 150 kW Kona): below
            // 80 hp the figure is treated as missing and the power estimated from test weight.
            v.motorPowerKw = hp && *hp >= 80 ? *hp * 0.7457 : 0.075 * v.massKg;
            v.usableBatteryKwh = kDefaultBatteryKwh;
            it = cars.emplace(key, std::make_pair(t, std::array<std::vector<double>, 2>{})).first;
            order.push_back(key);
        }
        it->second.second[which].push_back(*fe);
    }

    std::vector<ReferenceTest> tests;
    for (const auto& key : order) {
        const auto& [proto, results] = cars[key];
        const size_t pairs = std::max(results[0].size(), results[1].size());
        for (size_t i = 0; i < pairs; ++i) {
            ReferenceTest t = proto;
            if (pairs > 1) t.name += " #" + std::to_string(i + 1);
            if (i >= results[0].size() || i >= results[1].size()) {
                t.excluded = "no matching city/highway pair";
                tests.push_back(t);
                continue;
            }
            const auto [city, cityKwh] = wallWhPerKm(results[0][i]);
            const auto [hwy, hwyKwh] = wallWhPerKm(results[1][i]);
            t.cityWallWhPerKm = city;
            t.highwayWallWhPerKm = hwy;
            if (cityKwh != hwyKwh) t.excluded = "city and highway results in different units (a typing error in the list)";
            tests.push_back(t);
        }
    }
    std::set<std::string> groups;
    for (const auto& t : tests) groups.insert(t.group);
    std::map<std::string, int> index;
    int next = 0;
    for (const auto& g : groups) index[g] = next++;
    for (auto& t : tests) {
        t.fitting = index[t.group] % 2 == 0;
        t.fold = index[t.group] % kCrossValidationFolds;
    }
    return tests;
}

StandbySignature standbySignature(const ReferenceTest& test, const ModelConstants& constants, const DriveCycle& udds,
                                  const DriveCycle& hwfet) {
    RunConditions run;
    run.ambientC = 23;
    run.auxW = 0;
    Vehicle v = test.vehicle;
    v.standbyW = 0;
    const RunEnergy c = simulateCycle(v, constants, udds, run);
    const RunEnergy h = simulateCycle(v, constants, hwfet, run);
    // wall = x w + P t, per cycle: w the net wheel work with 60 % of braking returned, t in hours.
    const double wc = c.tractionWh - 0.6 * c.brakingWh, wh = h.tractionWh - 0.6 * h.brakingWh;
    const double tc = c.durationS / 3600.0, th = h.durationS / 3600.0;
    const double ec = test.cityWallWhPerKm * c.distanceKm, eh = test.highwayWallWhPerKm * h.distanceKm;
    const double det = wc * th - wh * tc;
    StandbySignature s;
    if (std::abs(det) < 1e-12) return s;
    s.wallPerWheel = (ec * th - eh * tc) / det;
    s.standbyW = (wc * eh - wh * ec) / det;
    return s;
}

double fittedStandbyW(const ReferenceTest& test, const ModelConstants& constants, double cityModelWhPerKm,
                      double highwayModelWhPerKm, const DriveCycle& udds, const DriveCycle& hwfet) {
    return bestStandbyW(cityModelWhPerKm, standbyWhPerKmPerW(udds, constants), test.cityWallWhPerKm, highwayModelWhPerKm,
                        standbyWhPerKmPerW(hwfet, constants), test.highwayWallWhPerKm);
}

ValidationReport validate(const std::vector<ReferenceTest>& tests, const ModelConstants& constants,
                          const DriveCycle& udds, const DriveCycle& hwfet) {
    ValidationReport report;
    RunConditions run;
    run.ambientC = 23;  // EPA tests run at 20-30 degC
    run.auxW = constants.labAuxW;
    for (const auto& t : tests) {
        if (!t.excluded.empty()) continue;
        ValidationRow row;
        row.test = &t;
        Vehicle v = t.vehicle;
        v.standbyW = 0;  // the prediction: a test car is taken as typical
        row.cityModelWhPerKm = simulateCycle(v, constants, udds, run).wallWhPerKm();
        row.highwayModelWhPerKm = simulateCycle(v, constants, hwfet, run).wallWhPerKm();
        row.cityError = row.cityModelWhPerKm / t.cityWallWhPerKm - 1.0;
        row.highwayError = row.highwayModelWhPerKm / t.highwayWallWhPerKm - 1.0;
        row.signature = standbySignature(t, constants, udds, hwfet);
        row.fittedStandbyW = fittedStandbyW(t, constants, row.cityModelWhPerKm, row.highwayModelWhPerKm, udds, hwfet);
        v.standbyW = row.fittedStandbyW;
        row.cityErrorOwnStandby = simulateCycle(v, constants, udds, run).wallWhPerKm() / t.cityWallWhPerKm - 1.0;
        row.highwayErrorOwnStandby = simulateCycle(v, constants, hwfet, run).wallWhPerKm() / t.highwayWallWhPerKm - 1.0;
        report.rows.push_back(row);
    }
    report.fitting = figures(report.rows, true);
    report.checking = figures(report.rows, false);
    report.all = figuresOf(report.rows, [](const ValidationRow&) { return true; });
    report.typical = figuresOf(report.rows, [](const ValidationRow& r) { return r.typical(); });
    report.standby = figuresOf(report.rows, [](const ValidationRow& r) { return !r.typical(); });
    return report;
}

namespace {

ModelConstants fitOn(const std::vector<const ReferenceTest*>& fit, const ModelConstants& start, const DriveCycle& udds,
                     const DriveCycle& hwfet) {
    // Each constant is kept inside its physically credible range (a sigmoid between bounds), so the fit
    // cannot buy a lower error with a 15 % gear loss or a regeneration that recovers every joule.
    const auto bounded = [](double x, double lo, double hi) { return lo + (hi - lo) / (1.0 + std::exp(-x)); };
    const auto unbounded = [](double v, double lo, double hi) {
        const double u = std::clamp((v - lo) / (hi - lo), 1e-6, 1.0 - 1e-6);
        return std::log(u / (1.0 - u));
    };
    struct Bound {
        double ModelConstants::*field;
        double lo, hi;
    };
    static const std::array<Bound, 7> kBounds = {{{&ModelConstants::gearLossShare, 0.01, 0.08},
                                                  {&ModelConstants::inverterLossMps, 0.02, 1.0},
                                                  {&ModelConstants::copperLossMps, 1.0, 40.0},
                                                  {&ModelConstants::ironLossShare, 0.0002, 0.01},
                                                  {&ModelConstants::regenMaxShare, 0.5, 0.95},
                                                  {&ModelConstants::labAuxW, 100.0, 600.0},
                                                  {&ModelConstants::regenFullSpeedMps, 2.0, 6.0}}};
    const auto apply = [&](const std::vector<double>& x) {
        ModelConstants k = start;
        for (size_t i = 0; i < kBounds.size(); ++i) k.*kBounds[i].field = bounded(x[i], kBounds[i].lo, kBounds[i].hi);
        return k;
    };
    const double cityPerW = standbyWhPerKmPerW(udds, start), hwyPerW = standbyWhPerKmPerW(hwfet, start);
    // A car whose two results show a load that runs with time (model-free, kTypicalStandbyW) gets
    // its own standby load in the fit; the others are typical cars and set the constants.
    std::vector<bool> ownStandby;
    for (const ReferenceTest* t : fit) ownStandby.push_back(standbySignature(*t, start, udds, hwfet).standbyW >= kTypicalStandbyW);
    const auto objective = [&](const std::vector<double>& x) {
        const ModelConstants k = apply(x);
        RunConditions run;
        run.ambientC = 23;
        run.auxW = k.labAuxW;
        double sum = 0;
        for (size_t i = 0; i < fit.size(); ++i) {
            const ReferenceTest* t = fit[i];
            Vehicle v = t->vehicle;
            v.standbyW = 0;
            const double c0 = simulateCycle(v, k, udds, run).wallWhPerKm();
            const double h0 = simulateCycle(v, k, hwfet, run).wallWhPerKm();
            const double w =
                ownStandby[i] ? bestStandbyW(c0, cityPerW, t->cityWallWhPerKm, h0, hwyPerW, t->highwayWallWhPerKm) : 0.0;
            sum += robustCost(c0 + w * cityPerW, t->cityWallWhPerKm) + robustCost(h0 + w * hwyPerW, t->highwayWallWhPerKm) +
                   kStandbyCostPerKw * w / 1000.0;
        }
        return sum;
    };
    std::vector<double> x0;
    for (const auto& b : kBounds) x0.push_back(unbounded(start.*b.field, b.lo, b.hi));
    std::vector<double> x = nelderMead(objective, x0, 0.5, 600);
    x = nelderMead(objective, x, 0.1, 400);
    return apply(x);
}

}  // namespace

ModelConstants fitConstants(const std::vector<ReferenceTest>& tests, const ModelConstants& start,
                            const DriveCycle& udds, const DriveCycle& hwfet) {
    std::vector<const ReferenceTest*> fit;
    for (const auto& t : tests)
        if (t.fitting && t.excluded.empty()) fit.push_back(&t);
    return fitOn(fit, start, udds, hwfet);
}

CrossValidation crossValidate(const std::vector<ReferenceTest>& tests, const ModelConstants& start,
                              const DriveCycle& udds, const DriveCycle& hwfet) {
    CrossValidation cv;
    std::vector<ValidationRow> heldOut;
    for (int fold = 0; fold < kCrossValidationFolds; ++fold) {
        std::vector<const ReferenceTest*> fit;
        for (const auto& t : tests)
            if (t.fold != fold && t.excluded.empty()) fit.push_back(&t);
        const ModelConstants k = fitOn(fit, start, udds, hwfet);
        const ValidationReport rep = validate(tests, k, udds, hwfet);
        const auto inFold = [fold](const ValidationRow& r) { return r.test->fold == fold; };
        cv.folds.push_back(figuresOf(rep.rows, inFold));
        cv.constants.push_back(k);
        for (const auto& r : rep.rows)
            if (r.test->fold == fold) heldOut.push_back(r);
    }
    cv.pooled = figuresOf(heldOut, [](const ValidationRow&) { return true; });
    cv.pooledTypical = figuresOf(heldOut, [](const ValidationRow& r) { return r.typical(); });
    cv.pooledStandby = figuresOf(heldOut, [](const ValidationRow& r) { return !r.typical(); });
    std::vector<ValidationRow> own = heldOut;
    for (auto& r : own) {
        r.cityError = r.cityErrorOwnStandby;
        r.highwayError = r.highwayErrorOwnStandby;
    }
    cv.pooledOwnStandby = figuresOf(own, [](const ValidationRow&) { return true; });
    return cv;
}

}  // namespace core::range
