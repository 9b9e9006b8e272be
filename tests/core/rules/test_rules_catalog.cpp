// The catalog facade on our real content: every model compiled and checked against a brute-force
// enumeration of cars judged by core::checkConfiguration (the plain direct checker).
#include <catch2/catch.hpp>

#include <limits>
#include <random>

#include "core/Configuration.h"
#include "core/ContentLoader.h"
#include "core/rules/CatalogConfigurator.h"
#include "core/rules/TrimCheck.h"
#include "support/TestPaths.h"

using namespace core::rules;

namespace {

const core::Catalog& catalog() {
    static const core::LoadResult loaded = core::loadContent(testing_paths::contentDir());
    REQUIRE(loaded.catalog);
    return *loaded.catalog;
}

// Every complete car of the model that checkConfiguration accepts, with its price.
struct Car {
    core::Configuration config;
    std::int64_t priceMinor = 0;
};

// Trim base price plus every option not included by a package in the car.
std::int64_t carPrice(const core::Model& model, const core::Configuration& c) {
    std::int64_t price = model.findTrim(c.trim)->basePriceMinor;
    for (const auto& id : c.options) {
        bool included = false;
        for (const auto& r : model.rules)
            if (r.kind == core::RuleKind::Includes && c.has(r.subject) &&
                std::find(r.targets.begin(), r.targets.end(), id) != r.targets.end())
                included = true;
        if (!included) price += model.findOption(id)->priceMinor;
    }
    return price;
}

std::vector<Car> validCars(const core::Catalog& cat, const core::Model& model) {
    std::vector<std::vector<std::string>> oneOf;  // per one-of category: its options, plus "" (none)
    std::vector<std::string> anyOf;
    for (const auto& c : cat.categories) {
        if (c.id == "trim") continue;
        std::vector<std::string> ids;
        for (const auto& o : model.options)
            if (o.category == c.id) ids.push_back(o.id);
        if (ids.empty()) continue;
        if (c.single) {
            ids.push_back("");
            oneOf.push_back(ids);
        } else {
            anyOf.insert(anyOf.end(), ids.begin(), ids.end());
        }
    }
    std::vector<Car> out;
    for (const auto& trim : model.trims) {
        std::vector<size_t> idx(oneOf.size(), 0);
        for (;;) {
            for (std::uint32_t mask = 0; mask < (1u << anyOf.size()); ++mask) {
                core::Configuration c;
                c.model = model.id;
                c.trim = trim.id;
                for (size_t i = 0; i < oneOf.size(); ++i)
                    if (!oneOf[i][idx[i]].empty()) c.options.insert(oneOf[i][idx[i]]);
                for (size_t i = 0; i < anyOf.size(); ++i)
                    if (mask & (1u << i)) c.options.insert(anyOf[i]);
                if (!core::checkConfiguration(cat, c).empty()) continue;
                out.push_back({c, carPrice(model, c)});
            }
            size_t i = 0;
            while (i < idx.size() && ++idx[i] == oneOf[i].size()) idx[i++] = 0;
            if (i == idx.size()) break;
        }
    }
    return out;
}

// The ids that decide the same thing as `id` (its one-of category, or itself).
bool sameSlot(const core::Catalog& cat, const core::Model& m, const std::string& a, const std::string& b) {
    if (a == b) return true;
    if (m.findTrim(a) && m.findTrim(b)) return true;
    const core::Option* oa = m.findOption(a);
    const core::Option* ob = m.findOption(b);
    return oa && ob && oa->category == ob->category && cat.findCategory(oa->category)->single;
}

bool agrees(const core::Catalog& cat, const core::Model& m, const Car& car, const std::vector<std::string>& picks,
            const std::string& except) {
    for (const auto& p : picks)
        if ((except.empty() || !sameSlot(cat, m, p, except)) && !car.config.has(p)) return false;
    return true;
}

void checkAgainstBruteForce(const CatalogConfigurator& cfg, const std::vector<Car>& cars) {
    const auto& cat = catalog();
    const auto& m = cfg.model();
    const auto picks = cfg.pickedIds();
    std::uint64_t n = 0;
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
    for (const auto& car : cars)
        if (agrees(cat, m, car, picks, "")) {
            ++n;
            lo = std::min(lo, car.priceMinor);
            hi = std::max(hi, car.priceMinor);
        }
    REQUIRE(cfg.count() == BigUint(n));
    const PriceRange b = cfg.priceBounds();
    CHECK(b.valid == (n > 0));
    if (n > 0) {
        CHECK(b.minMinor == lo);
        CHECK(b.maxMinor == hi);
    }
    for (const auto& category : cfg.categories())
        for (const auto& choice : cfg.choices(category)) {
            bool expected = false;
            for (const auto& car : cars) expected = expected || (car.config.has(choice.id) && agrees(cat, m, car, picks, choice.id));
            INFO(m.id << ": " << choice.id);
            REQUIRE(choice.available == expected);
            if (!expected) {
                const auto why = cfg.explain(choice.id);
                REQUIRE(why);
                CHECK_FALSE(why->reasons.empty());
                for (const auto& r : why->reasons) {
                    CHECK_FALSE(r.message.get("en").empty());
                    CHECK_FALSE(r.message.get("zh-CN").empty());
                }
            }
        }
}

}  // namespace

TEST_CASE("Catalog models: count, domains and prices equal brute force over checkConfiguration") {
    for (const auto& model : catalog().models) {
        const auto cars = validCars(catalog(), model);
        CatalogConfigurator cfg(catalog(), model);
        INFO(model.id);
        CHECK(cfg.session().diagram().solutionCount() == BigUint(cars.size()));
        CHECK(cars.size() > 10);
        checkAgainstBruteForce(cfg, cars);
        // Seeded customer sessions: tap available choices, sometimes un-pick, until complete.
        std::mt19937_64 rng(3);
        for (int seqNo = 0; seqNo < 25; ++seqNo) {
            cfg.reset();
            for (int click = 0; click < 40 && !cfg.isComplete(); ++click) {
                const auto picked = cfg.pickedIds();
                if (!picked.empty() && rng() % 8 == 0) {
                    cfg.unpick(picked[rng() % picked.size()]);
                } else {
                    std::vector<std::string> offered;
                    for (const auto& category : cfg.categories())
                        for (const auto& c : cfg.choices(category))
                            if (c.available && !c.selected) offered.push_back(c.id);
                    if (offered.empty()) break;
                    REQUIRE(cfg.pick(offered[rng() % offered.size()]));
                }
                checkAgainstBruteForce(cfg, cars);
            }
            const auto car = cfg.toConfiguration();
            REQUIRE(car);
            CHECK(core::checkConfiguration(catalog(), *car).empty());
        }
    }
}

TEST_CASE("Catalog: explanations name the customer's picks and the content rule") {
    const core::Model* crane = catalog().findModel("crane");
    REQUIRE(crane);
    CatalogConfigurator cfg(catalog(), *crane);
    REQUIRE(cfg.pick("crane-standard"));
    const auto s = cfg.state("crane-wheel-22");
    REQUIRE(s);
    CHECK_FALSE(s->available);
    CHECK_FALSE(cfg.pick("crane-wheel-22"));
    const auto why = cfg.explain("crane-wheel-22");
    REQUIRE(why);
    CHECK(why->picks == std::vector<std::string>{"crane-standard"});
    REQUIRE(why->reasons.size() == 1);
    // Either the content rule or per-trim availability, both worded for the customer.
    const std::string en = why->reasons[0].message.get("en");
    CHECK((en.find("Flagship") != std::string::npos || en.find("not offered on the") != std::string::npos));

    // Tapping it anyway: one change (the trim), applied in one step.
    const auto repair = cfg.proposeRepair("crane-wheel-22");
    REQUIRE(repair.possible);
    // Two pick changes (the trim, then the wheels); the flagship's defaults follow as further lines.
    REQUIRE(repair.changes.size() >= 2);
    CHECK(repair.changes[0].category == "trim");
    CHECK(repair.changes[0].from == "crane-standard");
    CHECK(repair.changes[0].to == "crane-flagship");
    CHECK(repair.changes[0].pick);
    CHECK(repair.changes[1].to == "crane-wheel-22");
    CHECK(repair.changes[1].pick);
    for (size_t i = 2; i < repair.changes.size(); ++i) CHECK_FALSE(repair.changes[i].pick);
    CHECK(repair.priceDeltaMinor > 0);
    const auto before = cfg.toConfiguration();
    REQUIRE(cfg.applyRepair(repair));
    CHECK(cfg.state("crane-wheel-22")->picked);
    CHECK(cfg.pickedIds() == std::vector<std::string>{"crane-flagship", "crane-wheel-22"});

    // A package brings its content: selected, not removable, and the reason is the package rule.
    cfg.reset();
    REQUIRE(cfg.pick("crane-pkg-family"));
    const auto screen = cfg.state("crane-rear-screen");
    CHECK(screen->selected);
    CHECK_FALSE(screen->picked);
    CHECK_FALSE(screen->removable);
    const auto removal = cfg.explainRemoval("crane-rear-screen");
    REQUIRE(removal);
    CHECK(removal->picks == std::vector<std::string>{"crane-pkg-family"});
    REQUIRE(removal->reasons.size() == 1);
    CHECK(removal->reasons[0].ruleId == "crane-family-includes");
}

TEST_CASE("Catalog: per-trim availability is explained in both languages") {
    for (const auto& model : catalog().models) {
        CatalogConfigurator cfg(catalog(), model);
        for (const auto& trim : model.trims) {
            cfg.reset();
            REQUIRE(cfg.pick(trim.id));
            for (const auto& o : model.options) {
                if (std::find(trim.options.begin(), trim.options.end(), o.id) != trim.options.end()) continue;
                const auto s = cfg.state(o.id);
                CHECK_FALSE(s->offered);
                CHECK_FALSE(s->available);
                const auto why = cfg.explain(o.id);
                REQUIRE(why);
                CHECK(why->picks == std::vector<std::string>{trim.id});
                bool offerReason = false;
                for (const auto& r : why->reasons)
                    if (r.ruleId == "offer:" + o.id) {
                        offerReason = true;
                        CHECK(r.message.get("en").find(trim.name.get("en")) != std::string::npos);
                        CHECK(r.message.get("zh-CN").find(trim.name.get("zh-CN")) != std::string::npos);
                    }
                CHECK((offerReason || !why->reasons.empty()));
            }
        }
    }
}

namespace {

// The id the car has in a category ("" for none / without a package or accessory).
std::string inCar(const core::Catalog& cat, const core::Model& m, const core::Configuration& car, const std::string& category,
                  const std::string& option = "") {
    if (category == "trim") return car.trim;
    if (!cat.findCategory(category)->single) return car.has(option) ? option : "";
    for (const auto& id : car.options)
        if (m.findOption(id)->category == category) return id;
    return "";
}

}  // namespace

TEST_CASE("Catalog: a trim's car is the trim's default car, and later packs keep its defaults") {
    for (const auto& model : catalog().models) {
        CatalogConfigurator cfg(catalog(), model);
        for (const auto& trim : model.trims) {
            cfg.reset();
            REQUIRE(cfg.pick(trim.id));
            const auto car = cfg.toConfiguration();
            REQUIRE(car);
            INFO(model.id << " " << trim.id);
            CHECK(car->options == core::defaultConfiguration(model, trim).options);
            // The tab of each one-of category shows exactly the default as selected.
            for (const auto& [category, option] : trim.defaults) {
                int selected = 0;
                for (const auto& c : cfg.choices(category)) selected += c.selected ? 1 : 0;
                CHECK(selected == 1);
                CHECK(cfg.state(option)->selected);
            }
            // A package or accessory added later changes another category only when the rules
            // rule its value out together with the picks.
            for (const auto& o : model.options) {
                if (catalog().findCategory(o.category)->single || !cfg.state(o.id)->available) continue;
                CatalogConfigurator with(catalog(), model);
                REQUIRE(with.pick(trim.id));
                REQUIRE(with.pick(o.id));
                const auto after = with.toConfiguration();
                REQUIRE(after);
                for (const auto& [category, option] : trim.defaults) {
                    if (after->has(option)) continue;
                    INFO("after " << o.id << ", " << category << " left the default " << option);
                    CatalogConfigurator probe(catalog(), model);
                    REQUIRE(probe.pick(trim.id));
                    REQUIRE(probe.pick(o.id));
                    CHECK_FALSE(probe.pick(option));
                }
            }
        }
    }
    // The walk-through's case: the Long Range Heron has the long-range battery, and the pilot pack keeps it.
    const core::Model* heron = catalog().findModel("heron");
    REQUIRE(heron);
    CatalogConfigurator cfg(catalog(), *heron);
    REQUIRE(cfg.pick("heron-long-range"));
    CHECK(cfg.toConfiguration()->has("heron-bat-94"));
    CHECK(cfg.state("heron-bat-94")->selected);
    CHECK_FALSE(cfg.state("heron-bat-73")->selected);
    REQUIRE(cfg.pick("heron-pkg-tech"));
    CHECK(cfg.toConfiguration()->has("heron-bat-94"));
}

TEST_CASE("Catalog: a repair lists every change it makes, and the lines add up to the price change") {
    std::mt19937_64 rng(11);
    int proposals = 0;
    for (const auto& model : catalog().models) {
        CatalogConfigurator cfg(catalog(), model);
        for (int seqNo = 0; seqNo < 30; ++seqNo) {
            cfg.reset();
            const int clicks = static_cast<int>(rng() % 6);
            for (int click = 0; click < clicks; ++click) {
                std::vector<std::string> offered;
                for (const auto& category : cfg.categories())
                    for (const auto& c : cfg.choices(category))
                        if (c.available && !c.picked) offered.push_back(c.id);
                if (offered.empty()) break;
                REQUIRE(cfg.pick(offered[rng() % offered.size()]));
            }
            const auto before = cfg.toConfiguration();
            REQUIRE(before);
            for (const auto& category : cfg.categories())
                for (const auto& c : cfg.choices(category)) {
                    if (c.available) continue;
                    const auto repair = cfg.proposeRepair(c.id);
                    if (!repair.possible) continue;
                    ++proposals;
                    INFO(model.id << ": fix for " << c.id);
                    std::int64_t sum = 0;
                    for (const auto& line : repair.changes) sum += line.priceDeltaMinor;
                    CHECK(sum == repair.priceDeltaMinor);
                    CatalogConfigurator applied = cfg;
                    REQUIRE(applied.applyRepair(repair));
                    const auto after = applied.toConfiguration();
                    REQUIRE(after);
                    CHECK(after->has(c.id));
                    CHECK(repair.priceDeltaMinor == carPrice(model, *after) - carPrice(model, *before));
                    // Every category whose choice differs is a line, from the old choice to the new one.
                    for (const auto& cat : cfg.categories()) {
                        std::vector<std::string> slots{""};
                        if (cat != "trim" && !catalog().findCategory(cat)->single) {
                            slots.clear();
                            for (const auto& o : model.options)
                                if (o.category == cat) slots.push_back(o.id);
                        }
                        for (const auto& slot : slots) {
                            const std::string was = inCar(catalog(), model, *before, cat, slot);
                            const std::string now = inCar(catalog(), model, *after, cat, slot);
                            if (was == now) continue;
                            bool listed = false;
                            for (const auto& line : repair.changes)
                                listed = listed || (line.category == cat && line.from == was && line.to == now);
                            INFO(cat << ": " << was << " -> " << now);
                            CHECK(listed);
                        }
                    }
                }
        }
    }
    CHECK(proposals > 100);
}

TEST_CASE("Catalog: the walk-through's fixes list the interior and the battery they change") {
    const auto total = [](const RepairProposal& r) {
        std::int64_t sum = 0;
        for (const auto& line : r.changes) sum += line.priceDeltaMinor;
        return sum;
    };
    const auto hasLine = [](const RepairProposal& r, const std::string& category) {
        for (const auto& line : r.changes)
            if (line.category == category) return true;
        return false;
    };
    CatalogConfigurator lark(catalog(), *catalog().findModel("lark"));
    REQUIRE(lark.pick("lark-standard"));
    const auto assist = lark.proposeRepair("lark-pkg-assist");
    REQUIRE(assist.possible);
    CHECK(total(assist) == assist.priceDeltaMinor);
    if (assist.priceDeltaMinor == 2'500'000) CHECK(hasLine(assist, "interior"));

    CatalogConfigurator crane(catalog(), *catalog().findModel("crane"));
    REQUIRE(crane.pick("crane-standard"));
    const auto wheels = crane.proposeRepair("crane-wheel-22");
    REQUIRE(wheels.possible);
    CHECK(hasLine(wheels, "battery"));
    CHECK(total(wheels) == wheels.priceDeltaMinor);
}

TEST_CASE("Content check: a trim's defaults must be a valid car, the engine's car, and differ from a cheaper trim's") {
    for (const auto& model : catalog().models) {
        INFO(model.id);
        CHECK(checkTrimDefaults(catalog(), model).empty());
    }
    const core::Model& heron = *catalog().findModel("heron");
    auto messages = [](const core::ContentErrors& errors) {
        std::string all;
        for (const auto& e : errors) all += e.toString() + "\n";
        return all;
    };
    // A Long Range trim whose defaults keep the standard battery: the Standard's car at +30,000.
    core::Model sameCar = heron;
    sameCar.trims[1].defaults["battery"] = "heron-bat-73";
    const auto same = messages(checkTrimDefaults(catalog(), sameCar));
    INFO(same);
    CHECK(same.find("/trims/1/defaults: trim \"heron-long-range\": the same default car as \"heron-standard\"") != std::string::npos);
    // A dearer trim with a smaller battery than a cheaper one (and otherwise another car): the
    // Standard given the 94 kWh pack, the Long Range left with the 73.6 kWh one in blue.
    core::Model smaller = heron;
    smaller.trims[0].options.push_back("heron-bat-94");
    smaller.trims[0].defaults["battery"] = "heron-bat-94";
    smaller.trims[1].defaults["battery"] = "heron-bat-73";
    smaller.trims[1].defaults["paint"] = "heron-paint-blue";
    const auto battery = messages(checkTrimDefaults(catalog(), smaller));
    INFO(battery);
    CHECK(battery.find("/trims/1/defaults: trim \"heron-long-range\": a smaller default battery") != std::string::npos);
    CHECK(battery.find("than \"heron-standard\"") != std::string::npos);
    CHECK(battery.find("/trims/2/defaults") == std::string::npos);
    // Defaults that break a rule (21-inch wheels need the AWD trim).
    core::Model broken = heron;
    broken.trims[1].defaults["wheels"] = "heron-wheel-21-forged";
    const auto rule = messages(checkTrimDefaults(catalog(), broken));
    INFO(rule);
    CHECK(rule.find("/trims/1/defaults: trim \"heron-long-range\": the default car breaks heron-21-needs-awd") != std::string::npos);
    CHECK(rule.find("tapping the trim gives") != std::string::npos);
}
