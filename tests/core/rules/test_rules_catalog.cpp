// The catalog facade on our real content: every model compiled and checked against a brute-force
// enumeration of cars judged by core::checkConfiguration (the plain direct checker).
#include <catch2/catch.hpp>

#include <limits>
#include <random>

#include "core/Configuration.h"
#include "core/ContentLoader.h"
#include "core/rules/CatalogConfigurator.h"
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
                std::int64_t price = trim.basePriceMinor;
                for (const auto& id : c.options) {
                    bool included = false;
                    for (const auto& r : model.rules)
                        if (r.kind == core::RuleKind::Includes && c.has(r.subject) &&
                            std::find(r.targets.begin(), r.targets.end(), id) != r.targets.end())
                            included = true;
                    if (!included) price += model.findOption(id)->priceMinor;
                }
                out.push_back({c, price});
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
    REQUIRE(repair.changes.size() == 2);
    CHECK(repair.changes[0].category == "trim");
    CHECK(repair.changes[0].from == "crane-standard");
    CHECK(repair.changes[0].to == "crane-flagship");
    CHECK(repair.changes[1].to == "crane-wheel-22");
    CHECK(repair.priceDeltaMinor > 0);
    const auto before = cfg.priceBounds();
    REQUIRE(cfg.applyRepair(repair));
    CHECK(cfg.state("crane-wheel-22")->picked);
    CHECK(cfg.priceBounds().minMinor == before.minMinor + repair.priceDeltaMinor);

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
