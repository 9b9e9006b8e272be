#include "core/charging/ChargingContent.h"

#include <algorithm>
#include <regex>
#include <set>

#include "core/JsonReader.h"

namespace core::charging {
namespace {

// Note codes the fit check produces; content must give each a text.
const char* const kNoteCodes[] = {"no_fixed_space",        "property_consent_needed", "property_refused",
                                  "too_far_from_meter",    "extra_cable",             "single_phase_limits_power",
                                  "supply_to_confirm",     "car_limits_ac_power"};

// Parking ids the fit check's questions and the survey booking know.
const char* const kParkingIds[] = {"private_garage", "own_space", "shared_parking"};
const char* const kSupplyIds[] = {"single_phase", "three_phase", "unknown"};

template <class T>
const T* findById(const std::vector<T>& v, const std::string& id) {
    auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
    return it == v.end() ? nullptr : &*it;
}

bool isContentId(const std::string& s) {
    static const std::regex r("^[a-z][a-z0-9_-]{0,47}$");
    return std::regex_match(s, r);
}

class Loader {
public:
    Loader(const std::string& file, ContentErrors& errors, const std::vector<std::string>& languages)
        : m_r(file, errors, languages) {}

    std::optional<ChargingContent> load(const Json& root) {
        ChargingContent c;
        c.sourceFile = m_r.file();
        if (!m_r.expectObject(root, "")) return std::nullopt;
        m_r.allowOnly(root, "", {"format", "wallboxes", "extra_cable_minor_per_m", "max_cable_m", "parking", "supplies",
                                 "steps", "documents", "public_charging", "notes", "survey"});
        if (auto f = m_r.integer(root, "", "format", 1, 1)) (void)f;
        c.extraCableMinorPerM = m_r.price(root, "", "extra_cable_minor_per_m", 10'000'000).value_or(0);
        c.maxCableM = static_cast<int>(m_r.integer(root, "", "max_cable_m", 1, 1000).value_or(100));
        wallboxes(root, c);
        parking(root, c);
        supplies(root, c);
        c.steps = items(root, "steps", c);
        c.documents = items(root, "documents", c);
        publicCharging(root, c);
        notes(root, c);
        survey(root, c);
        return c;
    }

private:
    template <class F>
    void eachObject(const Json& obj, const std::string& path, const char* key, F&& f) {
        const Json* arr = m_r.array(obj, path, key);
        if (!arr) return;
        if (arr->empty()) m_r.fail(jsonPointer(path, key), "must not be empty");
        std::set<std::string> seen;
        for (size_t i = 0; i < arr->size(); ++i) {
            const std::string p = jsonPointer(jsonPointer(path, key), i);
            if (!m_r.expectObject((*arr)[i], p)) continue;
            std::string id = m_r.nonEmptyString((*arr)[i], p, "id").value_or("");
            if (!id.empty() && !isContentId(id)) m_r.fail(p + "/id", "\"" + id + "\" is not an id of [a-z0-9_-]");
            if (!id.empty() && !seen.insert(id).second) m_r.fail(p + "/id", "duplicate id \"" + id + "\"");
            f((*arr)[i], p, id);
        }
    }

    void wallboxes(const Json& root, ChargingContent& c) {
        eachObject(root, "", "wallboxes", [&](const Json& o, const std::string& p, const std::string& id) {
            m_r.allowOnly(o, p, {"id", "name", "power_kw", "phases", "price_minor", "included_cable_m"});
            Wallbox w;
            w.id = id;
            w.name = m_r.text(o, p, "name").value_or(Text{});
            w.powerKw = m_r.number(o, p, "power_kw", 1, 50).value_or(0);
            w.phases = static_cast<int>(m_r.integer(o, p, "phases", 1, 3).value_or(1));
            if (w.phases == 2) m_r.fail(p + "/phases", "phases must be 1 or 3, not 2");
            w.priceMinor = m_r.price(o, p, "price_minor", 100'000'000).value_or(0);
            w.includedCableM = static_cast<int>(m_r.integer(o, p, "included_cable_m", 0, 1000).value_or(0));
            c.wallboxes.push_back(std::move(w));
        });
        if (c.wallboxes.size() > 0 &&
            std::none_of(c.wallboxes.begin(), c.wallboxes.end(), [](const Wallbox& w) { return w.phases == 1; }))
            m_r.fail("/wallboxes", "at least one wallbox must work on a single-phase supply");
    }

    void parking(const Json& root, ChargingContent& c) {
        eachObject(root, "", "parking", [&](const Json& o, const std::string& p, const std::string& id) {
            m_r.allowOnly(o, p, {"id", "name", "home_charging", "property_consent"});
            if (!id.empty() && std::none_of(std::begin(kParkingIds), std::end(kParkingIds), [&](const char* k) { return id == k; }))
                m_r.fail(p + "/id", "unknown parking situation \"" + id + "\" (private_garage, own_space, shared_parking)");
            ParkingSituation s;
            s.id = id;
            s.name = m_r.text(o, p, "name").value_or(Text{});
            s.homeCharging = m_r.boolean(o, p, "home_charging").value_or(false);
            s.propertyConsent = m_r.boolean(o, p, "property_consent").value_or(false);
            c.parking.push_back(std::move(s));
        });
        for (const char* k : kParkingIds)
            if (!c.parking.empty() && !findById(c.parking, k)) m_r.fail("/parking", std::string("parking situation \"") + k + "\" is missing");
    }

    void supplies(const Json& root, ChargingContent& c) {
        eachObject(root, "", "supplies", [&](const Json& o, const std::string& p, const std::string& id) {
            m_r.allowOnly(o, p, {"id", "name", "phases"});
            if (!id.empty() && std::none_of(std::begin(kSupplyIds), std::end(kSupplyIds), [&](const char* k) { return id == k; }))
                m_r.fail(p + "/id", "unknown supply \"" + id + "\" (single_phase, three_phase, unknown)");
            Supply s;
            s.id = id;
            s.name = m_r.text(o, p, "name").value_or(Text{});
            s.phases = static_cast<int>(m_r.integer(o, p, "phases", 0, 3).value_or(0));
            const int expected = id == "single_phase" ? 1 : id == "three_phase" ? 3 : 0;
            if (s.phases != expected) m_r.fail(p + "/phases", "phases of \"" + id + "\" must be " + std::to_string(expected));
            c.supplies.push_back(std::move(s));
        });
        for (const char* k : kSupplyIds)
            if (!c.supplies.empty() && !findById(c.supplies, k)) m_r.fail("/supplies", std::string("supply \"") + k + "\" is missing");
    }

    std::vector<Item> items(const Json& root, const char* key, const ChargingContent& c) {
        std::vector<Item> out;
        eachObject(root, "", key, [&](const Json& o, const std::string& p, const std::string& id) {
            m_r.allowOnly(o, p, {"id", "text", "parking"});
            Item it;
            it.id = id;
            it.text = m_r.text(o, p, "text").value_or(Text{});
            it.parking = m_r.stringArray(o, p, "parking");
            for (size_t i = 0; i < it.parking.size(); ++i) {
                const ParkingSituation* s = findById(c.parking, it.parking[i]);
                if (!s) m_r.fail(jsonPointer(p + "/parking", i), "unknown parking situation \"" + it.parking[i] + "\"");
                else if (!s->homeCharging)
                    m_r.fail(jsonPointer(p + "/parking", i), "\"" + it.parking[i] + "\" has no home charging: no installation step applies");
            }
            out.push_back(std::move(it));
        });
        return out;
    }

    void publicCharging(const Json& root, ChargingContent& c) {
        const Json* o = m_r.object(root, "", "public_charging");
        if (!o) return;
        const std::string p = "/public_charging";
        m_r.allowOnly(*o, p, {"area", "radius_km", "stations"});
        c.publicCharging.area = m_r.text(*o, p, "area").value_or(Text{});
        c.publicCharging.radiusKm = m_r.number(*o, p, "radius_km", 0.1, 100).value_or(0);
        eachObject(*o, p, "stations", [&](const Json& s, const std::string& sp, const std::string& id) {
            m_r.allowOnly(s, sp, {"id", "name", "kind", "power_kw", "count"});
            PublicStation st;
            st.id = id;
            st.name = m_r.text(s, sp, "name").value_or(Text{});
            st.kind = m_r.nonEmptyString(s, sp, "kind").value_or("");
            if (!st.kind.empty() && st.kind != "dc" && st.kind != "ac") m_r.fail(sp + "/kind", "kind \"" + st.kind + "\" must be \"dc\" or \"ac\"");
            st.powerKw = m_r.number(s, sp, "power_kw", 3, 1000).value_or(0);
            st.count = static_cast<int>(m_r.integer(s, sp, "count", 0, 100000).value_or(0));
            c.publicCharging.stations.push_back(std::move(st));
        });
        if (!c.publicCharging.stations.empty() &&
            std::none_of(c.publicCharging.stations.begin(), c.publicCharging.stations.end(),
                         [](const PublicStation& s) { return s.kind == "dc" && s.count > 0; }))
            m_r.fail(p + "/stations", "at least one DC station class with a count above 0 is needed for the weekly cost");
    }

    void notes(const Json& root, ChargingContent& c) {
        const Json* o = m_r.object(root, "", "notes");
        if (!o) return;
        for (auto it = o->begin(); it != o->end(); ++it) {
            if (std::none_of(std::begin(kNoteCodes), std::end(kNoteCodes), [&](const char* k) { return it.key() == k; })) {
                m_r.fail(jsonPointer("/notes", it.key()), "unknown note \"" + it.key() + "\"");
                continue;
            }
            if (auto t = m_r.text(*o, "/notes", it.key().c_str())) c.notes[it.key()] = *t;
        }
        for (const char* k : kNoteCodes)
            if (!o->contains(k)) m_r.fail("/notes", std::string("note \"") + k + "\" is missing");
    }

    void survey(const Json& root, ChargingContent& c) {
        const Json* o = m_r.object(root, "", "survey");
        if (!o) return;
        const std::string p = "/survey";
        m_r.allowOnly(*o, p, {"lead_days", "horizon_days", "district_max_chars", "periods", "consent"});
        SurveySettings& s = c.survey;
        s.leadDays = static_cast<int>(m_r.integer(*o, p, "lead_days", 0, 30).value_or(1));
        s.horizonDays = static_cast<int>(m_r.integer(*o, p, "horizon_days", 1, 365).value_or(30));
        if (s.horizonDays < s.leadDays) m_r.fail(p + "/horizon_days", "horizon_days must not be below lead_days");
        s.districtMaxChars = static_cast<int>(m_r.integer(*o, p, "district_max_chars", 1, 200).value_or(40));
        eachObject(*o, p, "periods", [&](const Json& po, const std::string& pp, const std::string& id) {
            m_r.allowOnly(po, pp, {"id", "name"});
            s.periods.push_back({id, m_r.text(po, pp, "name").value_or(Text{})});
        });
        const Json* co = m_r.object(*o, p, "consent");
        if (!co) return;
        const std::string cp = p + "/consent";
        m_r.allowOnly(*co, cp, {"version", "accepted_versions", "purpose", "contact"});
        static const std::regex versionRe("^[A-Za-z0-9._-]{1,32}$");
        s.consent.version = m_r.nonEmptyString(*co, cp, "version").value_or("");
        if (!s.consent.version.empty() && !std::regex_match(s.consent.version, versionRe))
            m_r.fail(cp + "/version", "version \"" + s.consent.version + "\" must be 1-32 of [A-Za-z0-9._-]");
        s.consent.acceptedVersions = m_r.stringArray(*co, cp, "accepted_versions");
        if (!s.consent.version.empty() &&
            std::find(s.consent.acceptedVersions.begin(), s.consent.acceptedVersions.end(), s.consent.version) ==
                s.consent.acceptedVersions.end())
            m_r.fail(cp + "/accepted_versions", "must include the current version \"" + s.consent.version + "\"");
        s.consent.purpose = m_r.text(*co, cp, "purpose").value_or(Text{});
        s.consent.contact = m_r.text(*co, cp, "contact").value_or(Text{});
    }

    JsonReader m_r;
};

}  // namespace

const Wallbox* ChargingContent::findWallbox(const std::string& id) const { return findById(wallboxes, id); }
const ParkingSituation* ChargingContent::findParking(const std::string& id) const { return findById(parking, id); }
const Supply* ChargingContent::findSupply(const std::string& id) const { return findById(supplies, id); }
const SurveyPeriod* ChargingContent::findPeriod(const std::string& id) const { return findById(survey.periods, id); }

ChargingLoadResult loadChargingContent(const std::string& file, const std::vector<std::string>& languages) {
    ChargingLoadResult result;
    auto json = parseJsonFile(file, result.errors);
    if (!json) return result;
    Loader loader(file, result.errors, languages);
    auto content = loader.load(*json);
    if (result.errors.empty()) result.content = std::move(content);
    return result;
}

ChargingLoadResult loadChargingContent(const Catalog& catalog) {
    ChargingLoadResult r;
    const auto file =
        catalog.requireModuleFile("charging", "the home-charging check needs content/charging/cn.json", r.errors);
    return file ? loadChargingContent(*file, catalog.market.languages) : r;
}

}  // namespace core::charging
