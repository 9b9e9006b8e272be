#pragma once
// ChargingContent: what the home-charging fit check and the site-survey booking read from
// content/charging/*.json (content.json "modules"."charging"): the wallboxes on offer, parking
// situations, building supplies, installation steps and documents, the public-charging picture of
// the showroom's area, customer notes and the survey booking's settings and consent text.
// Loaded once; immutable afterwards and shared read-only by every thread. Power in kW, lengths in
// metres, money in minor units of the market's currency.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/ContentError.h"
#include "core/Text.h"

namespace core::charging {

struct Wallbox {
    std::string id;
    Text name;
    double powerKw = 0;
    int phases = 1;                 // 1: single-phase supply is enough; 3: needs three-phase
    std::int64_t priceMinor = 0;
    int includedCableM = 0;         // cable run from the meter included in the installation package
};

struct ParkingSituation {
    std::string id;                 // "private_garage", "own_space", "shared_parking"
    Text name;
    bool homeCharging = false;      // a wallbox can be installed at all
    bool propertyConsent = false;   // the property management must consent first
};

struct Supply {
    std::string id;                 // "single_phase", "three_phase", "unknown"
    Text name;
    int phases = 0;                 // 0: the customer does not know
};

// One installation step or document; shown for the parking situations it lists.
struct Item {
    std::string id;
    Text text;
    std::vector<std::string> parking;
};

struct PublicStation {
    std::string id;
    Text name;
    std::string kind;               // "dc" or "ac"
    double powerKw = 0;
    int count = 0;
};

struct PublicCharging {
    Text area;
    double radiusKm = 0;
    std::vector<PublicStation> stations;
};

struct SurveyPeriod {
    std::string id;
    Text name;
};

struct SurveyConsentTexts {
    std::string version;                        // stored with each survey booking
    std::vector<std::string> acceptedVersions;  // current plus earlier versions the hub still accepts
    Text purpose;
    Text contact;                               // the separate, never pre-ticked contact permission
};

struct SurveySettings {
    int leadDays = 1;               // earliest survey day: today + leadDays
    int horizonDays = 30;           // latest: today + horizonDays
    int districtMaxChars = 40;      // the optional residential-area field, in code points
    std::vector<SurveyPeriod> periods;
    SurveyConsentTexts consent;
};

struct ChargingContent {
    std::vector<Wallbox> wallboxes;
    std::int64_t extraCableMinorPerM = 0;
    int maxCableM = 100;            // beyond this a standard installation is not possible
    std::vector<ParkingSituation> parking;
    std::vector<Supply> supplies;
    std::vector<Item> steps;
    std::vector<Item> documents;
    PublicCharging publicCharging;
    std::map<std::string, Text> notes;  // note code -> customer text
    SurveySettings survey;
    std::string sourceFile;

    const Wallbox* findWallbox(const std::string& id) const;
    const ParkingSituation* findParking(const std::string& id) const;
    const Supply* findSupply(const std::string& id) const;
    const SurveyPeriod* findPeriod(const std::string& id) const;
};

struct ChargingLoadResult {
    std::optional<ChargingContent> content;  // set only when errors is empty
    ContentErrors errors;
};

// Reads and validates the file; every problem with file and JSON pointer. Texts must exist in
// every market language.
ChargingLoadResult loadChargingContent(const std::string& file, const std::vector<std::string>& languages);
// The file named by the catalog's "charging" module, or an error when it is not registered.
ChargingLoadResult loadChargingContent(const Catalog& catalog);

}  // namespace core::charging
