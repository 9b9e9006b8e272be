#pragma once
// Validation of the range model on real cars it was not tuned to: the EPA test car list
// (raw dynamometer city/UDDS and highway/HWFET results with each car's road-load coefficients and
// test weight), a deterministic split into a fitting half and a checking half, a fit of the global
// drive constants on the first, and the per-vehicle error on both. Pure functions; any thread.
#include <optional>
#include <string>
#include <vector>

#include "core/ContentError.h"
#include "core/range/DriveCycle.h"
#include "core/range/Simulation.h"

namespace core::range {

// One tested car: a charge-depleting UDDS result paired with the HWFET result of the same car.
struct ReferenceTest {
    std::string name;              // "Tesla Model Y Standard Range RWD (WTSL...)"
    std::string group;             // make + model: every test of one group lands in the same half
    Vehicle vehicle;               // test weight, target road-load coefficients, rated power, drive
    double cityWallWhPerKm = 0;    // raw (unadjusted) UDDS result at the wall
    double highwayWallWhPerKm = 0; // raw HWFET result at the wall
    bool fitting = false;          // in the half the constants are fitted on
    int fold = 0;                  // cross-validation fold, 0..kCrossValidationFolds-1 (by make+model)
    std::string excluded;          // why the row is not used (empty when used)
};

// Folds of the cross-validation: sorted make+model groups are dealt round-robin, so every test of a
// group lands in the same fold and the assignment never changes with the constants.
constexpr int kCrossValidationFolds = 5;

// Reads the EPA test car list CSV. The RND_ADJ_FE unit is read from its magnitude: below 60 it is
// kWh/100 mi (Hyundai, Kia, some Ford and Rivian rows), else MPGe (33.705 kWh per US gallon
// equivalent). A car whose city and highway results come in different units is excluded as a
// typing error. Cars are split by sorted make+model: even positions fit, odd positions check.
std::optional<std::vector<ReferenceTest>> loadEpaTestCarList(const std::string& csvFile, ContentErrors& errors);

// A tested car whose model-free standby reading (below) stays under this behaves like a typical car
// (the "P ~ 0" group of src/range/README.md); above it the car draws a load that runs with time.
constexpr double kTypicalStandbyW = 300;

// Model-free reading of one car's two results: wall energy = x (traction work - 0.6 braking work) +
// P (test time), with the wheel work of its own road load and test mass; solved exactly per car.
struct StandbySignature {
    double wallPerWheel = 0;  // x: wall energy per unit of net wheel work
    double standbyW = 0;      // P: power drawn for the whole test (may come out negative)
};
StandbySignature standbySignature(const ReferenceTest& test, const ModelConstants& constants, const DriveCycle& udds,
                                  const DriveCycle& hwfet);

// The standby load (0..kMaxStandbyW) that best explains one car's two results with `constants`,
// under the fit's robust error and its cost per kilowatt (a car only gets a standby load that its
// city and highway results together ask for). The modelled energies come in with no standby load.
double fittedStandbyW(const ReferenceTest& test, const ModelConstants& constants, double cityModelWhPerKm,
                      double highwayModelWhPerKm, const DriveCycle& udds, const DriveCycle& hwfet);

struct ValidationRow {
    const ReferenceTest* test = nullptr;
    double cityModelWhPerKm = 0, highwayModelWhPerKm = 0;  // predicted: the default (zero) standby load
    double cityError = 0, highwayError = 0;  // model / measured - 1 (signed)
    StandbySignature signature;              // model-free; typical when signature.standbyW < kTypicalStandbyW
    double fittedStandbyW = 0;               // this car's own standby load (validation only, never a prediction)
    double cityErrorOwnStandby = 0, highwayErrorOwnStandby = 0;  // errors with fittedStandbyW
    bool typical() const { return signature.standbyW < kTypicalStandbyW; }
};

struct ErrorFigures {
    size_t cars = 0;
    double medianAbs = 0;  // over city and highway errors together, as a share (0.04 = 4 %)
    double p90Abs = 0;
    double meanSigned = 0;
    // City (UDDS) and highway (HWFET) apart, signed median (a one-sided bias shows) and |error|.
    double cityMedianSigned = 0, cityMedianAbs = 0, cityP90Abs = 0;
    double highwayMedianSigned = 0, highwayMedianAbs = 0, highwayP90Abs = 0;
};

struct ValidationReport {
    std::vector<ValidationRow> rows;
    ErrorFigures fitting;   // on the half the constants were fitted on
    ErrorFigures checking;  // on the other half: the honest figure
    ErrorFigures all;       // every car
    ErrorFigures typical;   // cars that behave typically (signature standby < kTypicalStandbyW)
    ErrorFigures standby;   // the others: they draw a load the default car does not
};

ValidationReport validate(const std::vector<ReferenceTest>& tests, const ModelConstants& constants,
                          const DriveCycle& udds, const DriveCycle& hwfet);

// Fits the drive constants (gear, inverter, copper and iron loss, regeneration share, bench base
// load) on the fitting half by Nelder-Mead on a robust log error, starting from `start`. Every car
// gets its own standby load (fittedStandbyW) inside the fit, at a cost per kilowatt, so a minority
// of cars that draw a load with time does not push that load into the constants of every car.
ModelConstants fitConstants(const std::vector<ReferenceTest>& tests, const ModelConstants& start,
                            const DriveCycle& udds, const DriveCycle& hwfet);

// K-fold cross-validation: for each fold, the constants are fitted (as fitConstants does) on the other
// folds and the errors taken on the fold left out. `pooled` gathers every held-out error once.
struct CrossValidation {
    std::vector<ErrorFigures> folds;  // held-out figures of each fold
    std::vector<ModelConstants> constants;  // fitted without that fold
    ErrorFigures pooled;
    ErrorFigures pooledTypical;  // held-out errors of the typical cars
    ErrorFigures pooledStandby;  // and of the others
    // Every held-out car with its own standby load fitted to its two results (the fold's constants
    // otherwise): what the model gives once a trim's standby load is known, not a prediction.
    ErrorFigures pooledOwnStandby;
};
CrossValidation crossValidate(const std::vector<ReferenceTest>& tests, const ModelConstants& start,
                              const DriveCycle& udds, const DriveCycle& hwfet);

}  // namespace core::range
