#include "core/charging/FitCheck.h"

#include <algorithm>

namespace core::charging {
namespace {

bool appliesTo(const Item& item, const std::string& parking) {
    return std::find(item.parking.begin(), item.parking.end(), parking) != item.parking.end();
}

void addNote(FitAnswer& a, const ChargingContent& content, const std::string& code, bool blocking, bool condition) {
    auto it = content.notes.find(code);
    a.notes.push_back({code, blocking, condition, it == content.notes.end() ? Text{} : it->second});
}

// The most powerful wallbox a supply of `phases` can feed (0 = unknown: any).
const Wallbox* bestWallboxFor(const ChargingContent& content, int phases) {
    const Wallbox* best = nullptr;
    for (const auto& w : content.wallboxes)
        if ((phases == 0 || w.phases <= phases) && (!best || w.powerKw > best->powerKw)) best = &w;
    return best;
}

PublicPicture publicPicture(const ChargingContent& content) {
    PublicPicture p;
    p.area = content.publicCharging.area;
    p.radiusKm = content.publicCharging.radiusKm;
    p.stations = content.publicCharging.stations;
    int most = -1;
    for (const auto& s : p.stations) {
        if (s.kind != "dc") continue;
        p.dcStationCount += s.count;
        if (s.count > most) {
            most = s.count;
            p.typicalDcKw = s.powerKw;
        }
    }
    return p;
}

}  // namespace

const char* toString(PropertyConsent c) {
    switch (c) {
        case PropertyConsent::Yes: return "yes";
        case PropertyConsent::No: return "no";
        case PropertyConsent::NotAsked: return "not_asked";
    }
    return "not_asked";
}

std::optional<PropertyConsent> propertyConsentFromString(const std::string& s) {
    for (auto c : {PropertyConsent::Yes, PropertyConsent::No, PropertyConsent::NotAsked})
        if (s == toString(c)) return c;
    return std::nullopt;
}

const char* toString(Verdict v) {
    switch (v) {
        case Verdict::Possible: return "possible";
        case Verdict::Conditional: return "conditional";
        case Verdict::NotPossible: return "not_possible";
    }
    return "not_possible";
}

Result<FitAnswer> checkHomeCharging(const FitAnswers& answers, const ChargingContent& content, const range::RangeData& rangeData,
                                    const Catalog& catalog, const Configuration& config, const range::Conditions& conditions) {
    const ParkingSituation* parking = content.findParking(answers.parking);
    if (!parking) {
        return fail("parking \"" + answers.parking + "\" is not in the charging content");
    }
    const Supply* supply = content.findSupply(answers.supply);
    if (!supply) {
        return fail("supply \"" + answers.supply + "\" is not in the charging content");
    }
    const Wallbox* asked = content.findWallbox(answers.wallbox);
    if (!asked) {
        return fail("wallbox \"" + answers.wallbox + "\" is not in the charging content");
    }
    if (answers.distanceFromMeterM < 0 || answers.distanceFromMeterM > 10000) {
        return fail("distance_from_meter_m " + std::to_string(answers.distanceFromMeterM) + " is outside 0..10000");
    }

    FitAnswer a;
    a.parking = parking->id;
    a.publicCharging = publicPicture(content);

    // Installation: each answer either blocks it, adds a condition, or changes what is installed.
    const Wallbox* box = asked;
    if (!parking->homeCharging) {
        addNote(a, content, "no_fixed_space", true, false);
    } else {
        if (parking->propertyConsent) {
            if (answers.propertyConsent == PropertyConsent::No) addNote(a, content, "property_refused", true, false);
            else if (answers.propertyConsent == PropertyConsent::NotAsked) addNote(a, content, "property_consent_needed", false, true);
        }
        if (answers.distanceFromMeterM > content.maxCableM) addNote(a, content, "too_far_from_meter", true, false);
        if (asked->phases > 1 && supply->phases == 1) {
            box = bestWallboxFor(content, 1);
            addNote(a, content, "single_phase_limits_power", false, false);
        } else if (asked->phases > 1 && supply->phases == 0) {
            addNote(a, content, "supply_to_confirm", false, true);
        }
    }
    const bool blocked = std::any_of(a.notes.begin(), a.notes.end(), [](const FitNote& n) { return n.blocking; });
    const bool conditional = std::any_of(a.notes.begin(), a.notes.end(), [](const FitNote& n) { return n.condition; });
    a.verdict = blocked ? Verdict::NotPossible : conditional ? Verdict::Conditional : Verdict::Possible;

    // Public charging: the configured car on the area's typical DC charger, all energy bought there.
    range::Conditions publicOnly = conditions;
    publicOnly.homeChargingShare = 0;
    publicOnly.dcChargerKw = a.publicCharging.typicalDcKw > 0 ? a.publicCharging.typicalDcKw : conditions.dcChargerKw;
    const auto pub = range::estimate(rangeData, catalog, config, publicOnly);
    if (!pub) return fail(pub.error());
    a.publicCharging.dc10To80Min = pub->dc10To80Min;
    a.publicCharging.chargesPerWeek = pub->chargesPerWeek;
    a.publicCharging.costPerWeekMinor = pub->costPerWeekMinor;

    if (a.verdict == Verdict::NotPossible) {
        a.costPerWeekMinor = a.publicCharging.costPerWeekMinor;
        return a;
    }

    range::Conditions home = conditions;
    home.wallboxKw = box->powerKw;
    home.dcChargerKw = publicOnly.dcChargerKw;
    const auto est = range::estimate(rangeData, catalog, config, home);
    if (!est) return fail(est.error());
    const range::Estimate& e = *est;
    a.wallbox = box->id;
    a.wallboxKw = box->powerKw;
    a.wallboxPriceMinor = box->priceMinor;
    a.carAcKw = e.acKw;
    if (e.acKw + 1e-9 < box->powerKw) addNote(a, content, "car_limits_ac_power", false, false);
    a.hours0To100 = e.ac0To100H;
    a.hoursForDailyKm = e.acKw > 0 ? conditions.dailyKm * e.customerKwhPer100km / 100.0 / e.acKw : 0;
    a.costPerWeekMinor = e.costPerWeekMinor;
    if (answers.distanceFromMeterM > box->includedCableM) {
        a.extraCableM = answers.distanceFromMeterM - box->includedCableM;
        a.extraCableMinor = mulMinor(a.extraCableM, content.extraCableMinorPerM);
        addNote(a, content, "extra_cable", false, false);
    }
    for (const auto& s : content.steps)
        if (appliesTo(s, parking->id)) a.steps.push_back({s.id, s.text});
    for (const auto& d : content.documents)
        if (appliesTo(d, parking->id)) a.documents.push_back({d.id, d.text});
    return a;
}

}  // namespace core::charging
