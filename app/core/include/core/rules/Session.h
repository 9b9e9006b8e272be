#pragma once
// Session: one customer's picks over a compiled Diagram, answering what the configurator screen
// needs after every tap: valid domains (exact), explanations, repairs, counts and price bounds.
// Owns its picks and scratch buffers; shares the immutable Diagram. One thread (the UI's) per
// Session; several Sessions may share one Diagram across threads.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/rules/BigUint.h"
#include "core/rules/Diagram.h"
#include "core/rules/Problem.h"
#include "core/rules/Search.h"

namespace core::rules {

struct ValueChange {
    int var = -1;
    int from = kUnset;  // the current pick (kUnset when the variable was not picked)
    int to = kUnset;
};

// The smallest set of picks to change so that a wanted value becomes valid; among equally small
// sets, the one whose cheapest completion costs least.
struct Repair {
    bool possible = false;               // false when the value is in no valid configuration at all
    std::vector<ValueChange> changes;    // other picks to change, then the wanted value itself (last)
    std::int64_t cheapestPriceMinor = 0; // cheapest completion once applied
    std::int64_t priceDeltaMinor = 0;    // against the cheapest completion of the current picks
};

struct PriceBounds {
    bool valid = false;  // false when the picks have no completion
    std::int64_t minMinor = 0;
    std::int64_t maxMinor = 0;
};

class Session {
public:
    explicit Session(std::shared_ptr<const Diagram> diagram);
    // Search mode: the same answers from a SearchModel (a rule set over the compile budget).
    explicit Session(std::shared_ptr<const SearchModel> search);
    // Whichever mode the rule set loaded in (it must be loaded: bool(rules)).
    explicit Session(const RuleSet& rules);

    // "compiled" or "search".
    const char* mode() const { return m_diagram ? "compiled" : "search"; }
    bool compiled() const { return m_diagram != nullptr; }
    // Compiled mode only.
    const Diagram& diagram() const { return *m_diagram; }
    const std::shared_ptr<const Diagram>& diagramShared() const { return m_diagram; }
    const std::shared_ptr<const SearchModel>& searchShared() const { return m_search; }
    const Problem& problem() const { return m_diagram ? m_diagram->problem() : m_search->problem(); }

    // Picks never fail: a conflicting pick is kept and consistent() turns false, so the screen
    // can offer a repair. Each call updates the valid domains at once (one pass over the diagram).
    void pick(int var, int value);
    void unpick(int var);
    void clear();
    void setPicks(const Assignment& picks);
    const Assignment& picks() const { return m_picks; }
    // Picked variables, oldest pick first.
    const std::vector<int>& pickOrder() const { return m_order; }

    // The picks extend to at least one valid configuration.
    bool consistent() const { return m_consistent; }
    // `value` of `var` extends, together with every pick of the other variables, to a valid
    // configuration. For an unpicked variable this is exactly its valid domain; for a picked one
    // it lists the values the customer could switch to.
    bool available(int var, int value) const { return m_available[m_offset[static_cast<size_t>(var)] + static_cast<size_t>(value)] != 0; }
    int availableCount(int var) const { return m_availableCount[static_cast<size_t>(var)]; }
    // The value `var` is bound to: its pick, or the only value left to it; kUnset otherwise.
    int boundValue(int var) const;
    // Every variable is bound and the picks are consistent.
    bool complete() const;

    // A subset-minimal set of picked variables whose picks rule `value` of `var` out: dropping any
    // one of them makes the value available again. Empty when the value is available or when no
    // valid configuration has it at all (then it is ruled out by the rules alone).
    std::vector<int> explain(int var, int value) const;
    // Whether `value` of `var` is possible together with the given partial assignment.
    bool possibleWith(const Assignment& partial, int var, int value) const;

    Repair repair(int var, int value) const;
    void apply(const Repair& repair);

    // Valid configurations extending the picks. Exact in compiled mode; in search mode they are
    // enumerated up to kSearchCountLimit and countExact() says whether that was all of them
    // (otherwise the result is a lower bound).
    BigUint count() const;
    bool countExact() const { return m_countExact; }
    static constexpr std::uint64_t kSearchCountLimit = 200'000;
    // Per-value counts: for every variable and value, how many valid configurations extending the
    // picks of the other variables have that value (result[var][value]). A picked variable counts
    // its alternatives as if it were switched; at the root these are the range's marginals.
    // Compiled mode only: empty in search mode (unknown).
    std::vector<std::vector<BigUint>> valueCounts() const;
    // Cheapest and dearest completion of the picks, with each variable's additive value prices.
    PriceBounds priceBounds() const;
    // The cheapest valid completion of the picks (every variable set), or nullopt if none.
    std::optional<Assignment> cheapestCompletion() const;
    // The preferred valid completion of `partial` (not of the picks): least total `penalty`
    // (penalty[var][value], empty rows = 0), then cheapest. The catalog uses it to keep a trim's
    // defaults in the car; nullopt when `partial` has no completion.
    std::optional<Assignment> preferredCompletion(const Assignment& partial,
                                                  const std::vector<std::vector<std::int64_t>>& penalty) const;

private:
    void init();
    void update();
    bool reachable(const Assignment& a) const;
    // Search mode (SessionSearch.cpp).
    void updateBySearch();
    Repair repairBySearch(int var, int value) const;
    Repair repairFrom(const Assignment& car, int var, int value) const;
    PriceBounds priceBoundsBySearch() const;
    std::optional<Assignment> preferredBySearch(const Assignment& partial, const ValueCosts& penalty) const;

    std::uint32_t root() const { return 0; }

    std::shared_ptr<const Diagram> m_diagram;
    std::shared_ptr<const SearchModel> m_search;
    mutable bool m_countExact = true;
    void remember(const Assignment& car) const;
    mutable std::vector<Assignment> m_witnesses;  // search mode: recent valid cars, reused across clicks
    mutable std::size_t m_nextWitness = 0;
    Assignment m_picks;
    std::vector<int> m_order;
    std::vector<std::size_t> m_offset;
    std::vector<std::uint8_t> m_available;
    std::vector<int> m_availableCount;
    std::vector<std::uint8_t> m_down, m_up;
    bool m_consistent = false;
    mutable std::optional<PriceBounds> m_bounds;
    // Scratch for reachability tests (explanations), reused to avoid allocation per test.
    mutable std::vector<std::uint32_t> m_mark;
    mutable std::uint32_t m_generation = 0;
    mutable std::vector<std::uint32_t> m_frontA, m_frontB;
};

}  // namespace core::rules
