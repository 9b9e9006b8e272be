#pragma once
// VehicleSpec: any vehicle described in a JSON file, so the model can be checked on real cars
// (kioskctl range spec FILE.json). Fields and defaults are documented in src/range/README.md.
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/ContentError.h"
#include "core/range/Simulation.h"

namespace core::range {

struct VehicleSpec {
    Vehicle vehicle;                 // massKg is the test mass, used as is on every cycle
    std::string chemistry = "NMC";
    double maxDcChargeKw = 150;
    std::vector<ChargePoint> dcChargeCurve;
    double epaAdjustmentFactor = 0.7;
};

std::optional<VehicleSpec> loadVehicleSpec(const std::string& file, ContentErrors& errors);

}  // namespace core::range
