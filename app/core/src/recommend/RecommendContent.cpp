// Loads and checks content/recommend/<market>.json (see Recommend.h).
#include <algorithm>
#include <set>
#include <type_traits>

#include "core/JsonReader.h"
#include "core/recommend/Recommend.h"
#include "Sentences.h"

namespace core::recommend {
namespace {

// Every sentence the guide can show; content must give each in every language.
const char* const kTextIds[] = {
    "week_one_charge", "week_charges",     "week_public",      "winter_trip",       "energy_week",
    "seats",           "seats_only",       "luggage",          "monthly_budget",    "price_ceiling",
    "includes",        "performance",      "drive_awd",        "drive_2wd",         "give_up_range",
    "give_up_option",  "give_up_power",    "give_up_seats",    "saves",             "blocked_seats",
    "blocked_child_seats", "blocked_luggage", "blocked_budget", "blocked_price",     "blocked_longest",
    "blocked_public",  "blocked_combined", "list_separator", "answer_seats", "answer_child_seats", "answer_luggage",
    "answer_longest_km", "answer_home_charging", "answer_budget_monthly", "answer_max_price"};
const char* const kBenefits[] = {"assistance", "comfort", "space"};
const char* const kWeights[] = {"cost", "range", "space", "comfort", "assistance", "performance"};

class Loader {
public:
    Loader(const std::string& file, ContentErrors& errors, const Catalog& catalog)
        : m_r(file, errors, catalog.market.languages), m_catalog(catalog) {}

    RecommendContent load(const Json& root) {
        RecommendContent c;
        c.sourceFile = m_r.file();
        if (!m_r.expectObject(root, "")) return c;
        m_r.allowOnly(root, "", {"format", "source", "note", "climate_regions", "unknown_climate", "assumptions", "luggage",
                                 "choices", "models", "benefits", "weights", "priorities", "texts"});
        (void)m_r.integer(root, "", "format", 1, 1);
        c.source = m_r.text(root, "", "source").value_or(Text{});
        (void)m_r.string(root, "", "note", false);
        climates(root, c);
        assumptions(root, c);
        luggage(root, c);
        choices(root, c);
        models(root, c);
        benefits(root, c);
        weights(root, c);
        priorities(root, c);
        texts(root, c);
        return c;
    }

private:
    // Calls f(object, its JSON pointer, its id) for each object of the array root[key] (allowing
    // only `allowed` fields and refusing a missing, empty or repeated id).
    template <class F>
    void eachObject(const Json& root, const char* key, std::initializer_list<const char*> allowed, F&& f) {
        const Json* arr = m_r.array(root, "", key);
        if (arr && arr->empty()) m_r.fail(jsonPointer("", key), "must not be empty");
        std::set<std::string> seen;
        for (size_t i = 0; arr && i < arr->size(); ++i) {
            const std::string p = jsonPointer(jsonPointer("", key), i);
            if (!m_r.expectObject((*arr)[i], p)) continue;
            m_r.allowOnly((*arr)[i], p, allowed);
            const std::string id = m_r.nonEmptyString((*arr)[i], p, "id").value_or("");
            if (!id.empty() && !seen.insert(id).second) m_r.fail(p + "/id", "duplicate id \"" + id + "\"");
            f((*arr)[i], p, id);
        }
    }

    void climates(const Json& root, RecommendContent& c) {
        std::set<std::string> seen;
        eachObject(root, "climate_regions", {"id", "winter_c", "name"}, [&](const Json& o, const std::string& p, const std::string& id) {
            c.climates.push_back({id, m_r.text(o, p, "name").value_or(Text{}), m_r.number(o, p, "winter_c", -20, 40).value_or(0)});
            seen.insert(id);
        });
        c.unknownClimate = m_r.nonEmptyString(root, "", "unknown_climate").value_or("");
        if (!c.unknownClimate.empty() && !seen.count(c.unknownClimate))
            m_r.fail("/unknown_climate", "\"" + c.unknownClimate + "\" is not a climate region of /climate_regions");
    }

    void assumptions(const Json& root, RecommendContent& c) {
        const Json* a = m_r.object(root, "", "assumptions");
        if (!a) return;
        const std::string p = "/assumptions";
        m_r.allowOnly(*a, p, {"daily_km", "highway_share", "highway_speed_kmh", "reserve_share", "home_charging_share",
                              "public_charges_per_week_max", "fast_charge_window_share", "payload_kg_per_person",
                              "payload_kg_per_child_seat"});
        c.defaultDailyKm = m_r.number(*a, p, "daily_km", 1, 1000).value_or(40);
        c.defaultHighwayShare = m_r.number(*a, p, "highway_share", 0, 1).value_or(0.3);
        c.highwaySpeedKmh = m_r.number(*a, p, "highway_speed_kmh", 60, 160).value_or(110);
        c.reserveShare = m_r.number(*a, p, "reserve_share", 0, 0.5).value_or(0.1);
        c.homeChargingShare = m_r.number(*a, p, "home_charging_share", 0, 1).value_or(0.9);
        c.publicChargesPerWeekMax = static_cast<int>(m_r.integer(*a, p, "public_charges_per_week_max", 1, 14).value_or(2));
        c.fastChargeWindowShare = m_r.number(*a, p, "fast_charge_window_share", 0.1, 1).value_or(0.7);
        c.payloadKgPerPerson = m_r.number(*a, p, "payload_kg_per_person", 30, 150).value_or(75);
        c.payloadKgPerChildSeat = m_r.number(*a, p, "payload_kg_per_child_seat", 0, 60).value_or(25);
    }

    void luggage(const Json& root, RecommendContent& c) {
        eachObject(root, "luggage", {"id", "litres", "name"}, [&](const Json& o, const std::string& p, const std::string& id) {
            c.luggage.push_back({id, m_r.text(o, p, "name").value_or(Text{}),
                                 static_cast<int>(m_r.integer(o, p, "litres", 0, 5000).value_or(0))});
        });
    }

    // A non-empty ascending list of numbers within [lo, hi].
    template <class T>
    std::vector<T> ascending(const Json& obj, const char* key, double lo, double hi) {
        std::vector<T> out;
        const std::string p = jsonPointer("/choices", key);
        const Json* arr = m_r.array(obj, "/choices", key);
        if (!arr) return out;
        if (arr->empty()) m_r.fail(p, "must not be empty");
        for (size_t i = 0; i < arr->size(); ++i) {
            const Json& v = (*arr)[i];
            if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi || (!std::is_floating_point_v<T> && !v.is_number_integer())) {
                m_r.fail(jsonPointer(p, i), "expected a " + std::string(std::is_floating_point_v<T> ? "number" : "whole number") +
                                                " in " + num(lo) + ".." + num(hi));
                continue;
            }
            if (!out.empty() && v.get<double>() <= static_cast<double>(out.back())) m_r.fail(jsonPointer(p, i), "must be above the one before");
            out.push_back(v.get<T>());
        }
        return out;
    }

    void choices(const Json& root, RecommendContent& c) {
        const Json* obj = m_r.object(root, "", "choices");
        if (!obj) return;
        m_r.allowOnly(*obj, "/choices", {"daily_km", "highway_share", "longest_km", "seats", "child_seats",
                                         "budget_monthly_minor", "max_price_minor"});
        c.choices.dailyKm = ascending<double>(*obj, "daily_km", 1, 1000);
        c.choices.highwayShare = ascending<double>(*obj, "highway_share", 0, 1);
        c.choices.longestKm = ascending<double>(*obj, "longest_km", 1, 2000);
        c.choices.seats = ascending<int>(*obj, "seats", 1, 9);
        c.choices.childSeats = ascending<int>(*obj, "child_seats", 0, 8);
        c.choices.budgetMonthlyMinor = ascending<std::int64_t>(*obj, "budget_monthly_minor", 1, 1e12);
        c.choices.maxPriceMinor = ascending<std::int64_t>(*obj, "max_price_minor", 1, 1e13);
    }

    void models(const Json& root, RecommendContent& c) {
        const Json* obj = m_r.object(root, "", "models");
        if (!obj) return;
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            const std::string p = jsonPointer("/models", it.key());
            if (!m_catalog.findModel(it.key())) m_r.fail(p, "\"" + it.key() + "\" is not a model of the catalog");
            if (!m_r.expectObject(it.value(), p)) continue;
            m_r.allowOnly(it.value(), p, {"luggage_l", "luggage_l_all_seats", "child_seat_positions"});
            ModelFacts f;
            f.luggageL = static_cast<int>(m_r.integer(it.value(), p, "luggage_l", 0, 5000).value_or(0));
            f.luggageAllSeatsL = static_cast<int>(m_r.integer(it.value(), p, "luggage_l_all_seats", 0, 5000).value_or(0));
            f.childSeatPositions = static_cast<int>(m_r.integer(it.value(), p, "child_seat_positions", 0, 9).value_or(0));
            c.models[it.key()] = f;
        }
        for (const auto& m : m_catalog.models)
            if (!c.models.count(m.id)) m_r.fail("/models", "no facts for model \"" + m.id + "\" (luggage_l, child_seat_positions)");
    }

    void benefits(const Json& root, RecommendContent& c) {
        const Json* obj = m_r.object(root, "", "benefits");
        if (!obj) return;
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            const std::string p = jsonPointer("/benefits", it.key());
            if (std::none_of(std::begin(kBenefits), std::end(kBenefits), [&](const char* b) { return it.key() == b; }))
                m_r.fail(p, "unknown benefit \"" + it.key() + "\" (assistance, comfort or space)");
            const auto ids = m_r.stringArray(*obj, "/benefits", it.key().c_str());
            for (size_t i = 0; i < ids.size(); ++i)
                if (!optionExists(ids[i])) m_r.fail(jsonPointer(p, i), "\"" + ids[i] + "\" is not an option of any model");
            c.benefits[it.key()] = ids;
        }
    }

    void weights(const Json& root, RecommendContent& c) {
        const Json* obj = m_r.object(root, "", "weights");
        if (!obj) return;
        m_r.allowOnly(*obj, "/weights", {"cost", "range", "space", "comfort", "assistance", "performance", "priority_factor"});
        for (const char* w : kWeights) c.weights[w] = m_r.number(*obj, "/weights", w, 0, 10).value_or(0);
        c.priorityFactor = m_r.number(*obj, "/weights", "priority_factor", 1, 20).value_or(4);
    }

    void priorities(const Json& root, RecommendContent& c) {
        eachObject(root, "priorities", {"id", "name"}, [&](const Json& o, const std::string& p, const std::string& id) {
            if (!id.empty() && !priorityFromName(id)) m_r.fail(p + "/id", "unknown priority \"" + id + "\"");
            c.priorities.emplace_back(id, m_r.text(o, p, "name").value_or(Text{}));
        });
    }

    void texts(const Json& root, RecommendContent& c) {
        const Json* obj = m_r.object(root, "", "texts");
        if (!obj) return;
        for (const char* id : kTextIds)
            if (auto t = m_r.text(*obj, "/texts", id)) c.texts[id] = *t;
        for (auto it = obj->begin(); it != obj->end(); ++it)
            if (!c.texts.count(it.key())) m_r.fail(jsonPointer("/texts", it.key()), "unknown text (the guide never shows it)");
    }

    bool optionExists(const std::string& id) const {
        return std::any_of(m_catalog.models.begin(), m_catalog.models.end(),
                           [&](const Model& m) { return m.findOption(id) != nullptr; });
    }

    JsonReader m_r;
    const Catalog& m_catalog;
};

}  // namespace

const ClimateRegion* RecommendContent::findClimate(const std::string& id) const {
    auto it = std::find_if(climates.begin(), climates.end(), [&](const ClimateRegion& r) { return r.id == id; });
    return it == climates.end() ? nullptr : &*it;
}

const LuggageLevel* RecommendContent::findLuggage(const std::string& id) const {
    auto it = std::find_if(luggage.begin(), luggage.end(), [&](const LuggageLevel& l) { return l.id == id; });
    return it == luggage.end() ? nullptr : &*it;
}

RecommendLoadResult loadRecommendContent(const Catalog& catalog) {
    RecommendLoadResult result;
    const auto file = catalog.requireModuleFile("recommend", "the buying guide needs content/recommend/<market>.json", result.errors);
    if (!file) return result;
    auto json = parseJsonFile(*file, result.errors);
    if (!json) return result;
    Loader loader(*file, result.errors, catalog);
    auto content = loader.load(*json);
    if (result.errors.empty()) result.content = std::move(content);
    return result;
}

}  // namespace core::recommend
