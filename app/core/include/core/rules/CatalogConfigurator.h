#pragma once
// CatalogConfigurator: the rules engine for one catalog model, in the kiosk's own terms (trim and
// option ids, content rule ids and texts). Compiles the model's trims, offers and rules into a
// Diagram at construction, then holds one customer's picks. Every query is exact: an option shown
// available always leads to a complete valid car, and every greyed-out one can be explained.
//
// Typical UI use, on the UI thread (one instance per kiosk session; not thread-safe):
//   CatalogConfigurator cfg(catalog, model);          // throws std::runtime_error on broken rules
//   cfg.choices("wheels")   -> ChoiceState per option: offered / available / selected / picked
//   cfg.explain(id)         -> why a greyed-out choice cannot be picked (minimal picks + rule texts)
//   cfg.pick(id) / cfg.unpick(id)
//   cfg.proposeRepair(id) then cfg.applyRepair(proposal) when the customer taps a greyed choice
//   cfg.priceBounds(), cfg.isComplete(), cfg.toConfiguration()
// pick/unpick cost one pass over the compiled diagram (microseconds for our catalog); choices()
// and priceBounds() are cached between picks, so they are fine to call every frame.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/Text.h"
#include "core/rules/Session.h"

namespace core::rules {

struct ChoiceState {
    std::string id;          // trim or option id
    std::string category;    // "trim" for trims
    bool offered = false;    // offered on the current trim (on some trim while none is chosen)
    bool available = false;  // picking it now keeps a valid car (switching within its category included)
    bool selected = false;   // in the car now: picked, implied by the picks (a package's content), or the trim's default
    bool picked = false;     // explicitly picked by the customer
    bool removable = true;   // for packages/accessories that are selected: the car stays valid without it
};

// One rule behind a greyed-out choice, in every content language.
struct Reason {
    std::string ruleId;  // content rule id, or "offer:<option id>" for per-trim availability
    Text message;
};

struct Explanation {
    std::vector<std::string> picks;  // the customer's picks (ids) that rule the choice out; minimal
    std::vector<Reason> reasons;     // the rules involved; minimal for those picks
};

// One line of a repair: a category whose choice in the car changes.
struct PickChange {
    std::string category;
    std::string from;  // id in the car now ("" when none / without)
    std::string to;    // id in the car after ("" when none / without; for a pick change: the pick is dropped)
    bool pick = true;  // true: a change of the customer's picks (applied); false: follows from them (the new
                       // trim's default, a package's content, a choice freed by a dropped pick)
    std::int64_t priceDeltaMinor = 0;  // what this line adds to the car's price (a package's content is priced in it)
};

struct RepairProposal {
    bool possible = false;             // false: no car at all has this choice
    std::string target;                // the id the customer tapped
    // Every change the repair makes to the car: the picks to change (smallest set, the target
    // last), then each other category whose choice changes with them.
    std::vector<PickChange> changes;
    std::int64_t priceDeltaMinor = 0;  // price of the car after minus before: the sum of the lines' prices
};

struct PriceRange {
    bool valid = false;
    std::int64_t minMinor = 0;  // cheapest completion: trim base price plus options, packages' content free
    std::int64_t maxMinor = 0;
};

class CatalogConfigurator {
public:
    CatalogConfigurator(const Catalog& catalog, const Model& model);

    const Model& model() const { return m_model; }
    // "trim" first, then every category with options on this model, in display order.
    const std::vector<std::string>& categories() const { return m_categoryOrder; }
    std::vector<ChoiceState> choices(const std::string& category) const;
    // State of one trim or option id; nullopt for an id this model does not have.
    std::optional<ChoiceState> state(const std::string& id) const;

    // Why `id` cannot be picked now; nullopt when it can (or is unknown). For a selected package or
    // accessory that cannot be removed, explainRemoval says why.
    std::optional<Explanation> explain(const std::string& id) const;
    std::optional<Explanation> explainRemoval(const std::string& id) const;

    // Picks an available choice (replacing the category's pick for one-of categories); returns
    // false, changing nothing, for an unknown or unavailable id: use proposeRepair for those.
    bool pick(const std::string& id);
    // Drops the customer's pick of `id` (a package or accessory, or a one-of category's option).
    void unpick(const std::string& id);
    void reset();

    RepairProposal proposeRepair(const std::string& id) const;
    // Applies a proposal made for the current picks in one step; false if the picks changed since.
    bool applyRepair(const RepairProposal& proposal);

    // Trim and every one-of category decided (picked or implied).
    bool isComplete() const;
    PriceRange priceBounds() const;
    // Number of complete valid cars with the current picks (packages and accessories included).
    BigUint count() const { return m_session.count(); }
    // The car the picks make: the trim's defaults for every one-of category not picked (where the
    // rules allow them), otherwise the cheapest valid completion; nullopt only if the picks conflict.
    std::optional<Configuration> toConfiguration() const;
    // The customer's picks as ids, oldest first.
    std::vector<std::string> pickedIds() const;

    // The compiled model, for tests and tools.
    const Session& session() const { return m_session; }
    // (variable, value) of a trim or option id being present.
    std::optional<std::pair<int, int>> literalOf(const std::string& id) const;

private:
    struct ValueInfo {
        std::string id;  // option/trim id, "" for "none" / "absent"
    };
    std::optional<Explanation> explainValue(int var, int value) const;
    // The car (every variable set) that `picks` make; see toConfiguration().
    std::optional<Assignment> carFor(const Assignment& picks) const;
    const std::optional<Assignment>& car() const;
    std::vector<PickChange> carChanges(const Assignment& before, const Assignment& after,
                                       const std::vector<ValueChange>& pickChanges) const;
    std::string idOf(int var, int value) const;
    std::string categoryOf(int var) const;
    Text offerMessage(const std::string& option, const Assignment& context) const;

    const Catalog& m_catalog;
    const Model& m_model;
    std::vector<std::string> m_categoryOrder;
    std::vector<std::string> m_varCategory;   // per variable: "trim", category id, or "" (auxiliary)
    std::vector<std::vector<std::string>> m_valueId;  // per variable and value: id or ""
    std::vector<std::string> m_constraintRule;        // per constraint: rule id, "offer:<var>", or "" (bookkeeping)
    int m_trimVar = -1;
    Session m_session;
    mutable std::optional<std::optional<Assignment>> m_car;  // car() cache, reset on every change of the picks
};

// Compiles a catalog model into the general Problem (exposed for tests and `kioskctl rules`).
// Variables: "trim"; one per one-of category (values: its options, plus "-" when some trim offers
// none); one 0/1 per package or accessory; and auxiliary "charged:<id>" 0/1 variables that carry
// the price of an option a package can include (so a package's content is priced inside it).
Problem compileCatalogModel(const Catalog& catalog, const Model& model);

}  // namespace core::rules
