#pragma once
// The home-charging fit check: from the customer's answers (where they park, whether the property
// management consents, distance from the meter, the building's supply, the wallbox on offer), the
// charging content and the configured car, a plain answer: what installation is possible, the
// charging time it gives (range model), the steps and documents, and, where home charging is not
// possible, the public-charging picture of the showroom's area with its weekly cost.
// checkHomeCharging() is a pure function of its arguments; safe on any thread. Power in kW, time
// in hours or minutes as named, money in minor units.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Result.h"
#include "core/Configuration.h"
#include "core/charging/ChargingContent.h"
#include "core/range/Estimate.h"
#include "core/range/RangeData.h"

namespace core::charging {

enum class PropertyConsent { Yes, No, NotAsked };
const char* toString(PropertyConsent c);
std::optional<PropertyConsent> propertyConsentFromString(const std::string& s);  // "yes", "no", "not_asked"

// What the customer answered on the fit-check screen.
struct FitAnswers {
    std::string parking;                                 // ChargingContent parking id
    PropertyConsent propertyConsent = PropertyConsent::NotAsked;  // only asked where the parking needs it
    int distanceFromMeterM = 10;                         // cable run from the meter to the space
    std::string supply = "unknown";                      // ChargingContent supply id
    std::string wallbox;                                 // ChargingContent wallbox id the customer looks at
};

enum class Verdict {
    Possible,     // can be installed as answered
    Conditional,  // can be installed once the notes' conditions are met (consent, supply confirmed)
    NotPossible,  // no home wallbox: public charging instead
};
const char* toString(Verdict v);

// One reason or condition behind the verdict; `code` is stable for the UI and tests.
struct FitNote {
    std::string code;     // "property_consent_needed", "single_phase_limits_power", ...
    bool blocking = false;   // makes the verdict NotPossible
    bool condition = false;  // makes the verdict Conditional
    Text text;
};

struct FitItem {
    std::string id;
    Text text;
};

struct PublicPicture {
    Text area;
    double radiusKm = 0;
    std::vector<PublicStation> stations;
    int dcStationCount = 0;
    double typicalDcKw = 0;          // the DC class with the most stations: the one the estimate uses
    double dc10To80Min = 0;          // the configured car on that charger
    double chargesPerWeek = 0;
    std::int64_t costPerWeekMinor = 0;  // all energy from public DC
};

struct FitAnswer {
    Verdict verdict = Verdict::NotPossible;
    std::string parking;
    std::vector<FitNote> notes;
    // Home installation (empty wallbox id when NotPossible).
    std::string wallbox;             // what can be installed: the one asked for, or the 7 kW one on single phase
    double wallboxKw = 0;
    double carAcKw = 0;              // power into the car: the wallbox or the car's on-board charger, the lower
    double hours0To100 = 0;          // a full charge on that wallbox, with the taper
    double hoursForDailyKm = 0;      // putting back one day's driving (Conditions::dailyKm)
    int extraCableM = 0;             // beyond the package's included cable
    std::int64_t extraCableMinor = 0;
    std::int64_t wallboxPriceMinor = 0;
    std::int64_t costPerWeekMinor = 0;  // home share from Conditions::homeChargingShare, the rest public DC
    std::vector<FitItem> steps;
    std::vector<FitItem> documents;
    // Always filled: the public picture is the fallback when NotPossible and a comparison otherwise.
    PublicPicture publicCharging;
};

// `conditions` gives daily km, the home share of charging and the climate for the estimate; its
// wallbox and DC charger fields are set by the check itself.
// Fails naming the answer ("parking \"garage\" is not in the charging content").
Result<FitAnswer> checkHomeCharging(const FitAnswers& answers, const ChargingContent& content, const range::RangeData& rangeData,
                                    const Catalog& catalog, const Configuration& config,
                                    const range::Conditions& conditions = {});

}  // namespace core::charging
