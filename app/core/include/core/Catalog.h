#pragma once
// Catalog: the validated, immutable content the kiosk sells from (brand, market, models,
// trims, options, rules, showroom). Built once by ContentLoader; shared read-only by every
// module and thread. Units are in the field names.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ContentError.h"
#include "core/Money.h"
#include "core/Text.h"
#include "core/TimeZone.h"

namespace core {

// An option category such as paint or wheels.
struct Category {
    std::string id;
    Text name;
    bool single = true;    // exactly one option of this category per car ("one"); else any number ("any")
    int order = 0;         // display order in the option panel
};

struct PaintSpec {
    std::array<float, 3> baseColorSrgb{1, 1, 1};  // 0..1, sRGB-encoded as the catalog shows it
    float metallic = 0;
    float roughness = 0.4f;
    float clearcoat = 1;
    float clearcoatRoughness = 0.03f;
    float flake = 0;  // metallic flake density 0..1
};

struct TyreSize {
    int widthMm = 0;       // 235
    int aspectPercent = 0; // 45
    int rimInch = 0;       // 19
    std::string text;      // "235/45 R19"
    double diameterM() const { return (rimInch * 25.4 + 2.0 * widthMm * aspectPercent / 100.0) / 1000.0; }
};

struct WheelSpec {
    int diameterInch = 0;
    std::string design;  // rim design id used by the model generator: "aero", "5-spoke", "multi-spoke", ...
    TyreSize tyre;
};

// One point of a DC charge curve: power into the battery at a state of charge.
struct ChargePoint {
    double socPercent = 0;
    double kw = 0;
};

struct BatterySpec {
    double usableKwh = 0;
    double massKg = 0;          // pack mass, so a bigger battery also weighs more
    std::string chemistry;      // "LFP", "NMC"
    double maxDcChargeKw = 0;
    std::vector<ChargePoint> dcChargeCurve;  // ascending SoC 0..100; empty: the chemistry's default shape (range module)
};

struct Option {
    std::string id;
    std::string category;
    Text name;
    Text description;
    std::int64_t priceMinor = 0;
    std::optional<PaintSpec> paint;
    std::optional<WheelSpec> wheel;
    std::optional<BatterySpec> battery;
    std::string sourceFile;
    std::string sourcePath;  // JSON pointer of the option in sourceFile
};

enum class RuleKind { Requires, Excludes, Includes };

// A rule between picks of one model. `subject` and `targets` are option or trim ids.
// Requires: subject needs at least one of targets. Excludes: subject and each target never together.
// Includes: picking subject (a package) brings every target with it, priced inside the package.
struct Rule {
    std::string id;
    RuleKind kind = RuleKind::Requires;
    std::string subject;
    std::vector<std::string> targets;
    Text message;  // the customer-facing reason, e.g. "22-inch wheels need the Performance trim"
    std::string sourcePath;
};

struct CoastDown {
    double aN = 0;           // F = a + b v + c v^2, v in m/s
    double bNPerMps = 0;
    double cNPerMps2 = 0;
};

struct Physics {
    double curbMassKg = 0;
    double dragCoefficient = 0;
    double frontalAreaM2 = 0;
    TyreSize tyre;               // the trim's standard tyre
    std::string drivetrain;      // "fwd", "rwd", "awd"
    double motorPowerKw = 0;     // total peak
    bool heatPump = false;
    double onboardChargerKw = 0; // AC limit
    std::optional<CoastDown> coastDown;
};

// The published CLTC figure for the trim fitted with one battery.
struct OfficialRange {
    std::string batteryOption;
    double cltcRangeKm = 0;
    double cltcKwhPer100km = 0;
};

struct Trim {
    std::string id;
    Text name;
    std::int64_t basePriceMinor = 0;
    std::vector<std::string> options;               // option ids offered on this trim
    std::map<std::string, std::string> defaults;    // category -> option id
    Physics physics;
    std::vector<OfficialRange> official;
    bool purchaseTaxQualified = true;               // on the NEV purchase-tax reduction catalogue
    std::string sourcePath;
};

struct Dimensions {
    int lengthMm = 0, widthMm = 0, heightMm = 0, wheelbaseMm = 0, trackMm = 0, groundClearanceMm = 0;
};

struct Model {
    std::string id;
    Text name;
    Text tagline;
    std::string bodyStyle;  // "hatchback", "sedan", "suv"
    int seats = 5;
    Dimensions dimensions;
    std::vector<Trim> trims;
    std::vector<Option> options;
    std::vector<Rule> rules;
    std::string sourceFile;

    const Trim* findTrim(const std::string& id) const;
    const Option* findOption(const std::string& id) const;
    std::int64_t fromPriceMinor() const;  // cheapest trim base price
};

struct Brand {
    std::string id;
    Text name;
    Text slogan;
};

struct Market {
    std::string id;
    Text name;
    CurrencyFormat currency;             // with the number, money and date format of each language
    std::vector<std::string> languages;  // offered, in the order the language switch shows them; first is the default
    // Languages that shared content files (models, strings) also carry for other markets: read past, not refused.
    std::vector<std::string> otherLanguages;
    std::string officialCycle;           // the cycle of the official range figure: "cltc_p", "wltc3b", ...
    TimeZone timeZone;                   // "time_zone": the market's civil time (IANA zone, with its DST rules)
    // The dealer's public address the summary's QR code links to ("{shareBaseUrl}/c/{code}", served
    // by the sales hub); "" when the market has none: the QR then carries the bare code.
    std::string shareBaseUrl;
    std::string sourceFile;
};

struct DemoVehicle {
    std::string id;
    std::string model;
    std::string trim;
    std::string paint;
    std::string plate;
};

struct Showroom {
    std::string id;
    Text name;
    Text address;
    std::string phone;
    std::string timezone;
    std::vector<DemoVehicle> demoFleet;
    std::string sourceFile;
};

struct Catalog {
    std::string contentVersion;
    std::string directory;  // folder it was loaded from
    Brand brand;
    Market market;
    std::vector<Category> categories;
    std::vector<Model> models;
    Showroom showroom;
    std::map<std::string, Text> strings;  // UI strings by key
    // Further content files read by their own modules (range, pricing, booking, ...), by module
    // name, as paths ready to open: content.json's "modules" object.
    std::map<std::string, std::string> moduleFiles;

    const Model* findModel(const std::string& id) const;
    const Category* findCategory(const std::string& id) const;
    // A UI string in `language`; the key itself when missing, so a gap is visible, never blank.
    std::string ui(const std::string& key, const std::string& language) const;
    const std::string& defaultLanguage() const { return market.languages.front(); }
    // The path of a module's content file; when the manifest names none, records
    // `content.json: /modules: no "<module>" module: <why>` in `errors` and returns nullopt.
    std::optional<std::string> requireModuleFile(const std::string& module, const std::string& why,
                                                 ContentErrors& errors) const;
};

}  // namespace core
