// The buying guide's engine: candidates, constraints, score and the choice of three (Recommend.h).
#include "core/recommend/Recommend.h"

#include "Sentences.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/pricing/ConfigCode.h"
#include "core/pricing/Financing.h"
#include "core/pricing/PriceBreakdown.h"
#include "core/range/Estimate.h"
#include "core/rules/CatalogConfigurator.h"

namespace core::recommend {
namespace {

// The answers that can rule a car out, in the order the guide asks them.
const char* const kConstraintAnswers[] = {"seats", "child_seats", "luggage", "longest_km", "home_charging",
                                          "budget_monthly", "max_price"};

double clamp01(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

// Share of [lo, hi] that v reaches; 1 when every candidate is the same.
double spread(double v, double lo, double hi) { return hi - lo < 1e-9 ? 1.0 : clamp01((v - lo) / (hi - lo)); }

// The plain loan (no balloon, no lease) with the lowest monthly payment on `date`, at its minimum
// down payment and longest term: the honest figure to hold against a monthly budget.
FinanceChoice cheapestMonthly(const pricing::PricingContent& pricing, pricing::Date date, std::int64_t cashMinor) {
    FinanceChoice best;
    for (const auto& offer : pricing.offers) {
        if (offer.kind != pricing::FinanceKind::Loan || offer.balloonBp != 0 || offer.termsMonths.empty() ||
            !offer.period.contains(date))
            continue;
        const std::int64_t down = mulDivRound(cashMinor, offer.minDownBp, 10'000, {pricing.contract.incrementMinor, RoundingMode::Up});
        const int term = *std::max_element(offer.termsMonths.begin(), offer.termsMonths.end());
        const auto loan = pricing::computeOffer(offer, date, cashMinor, down, term);
        if (!loan) continue;
        if (best.monthlyMinor < 0 || loan->monthlyPaymentMinor < best.monthlyMinor)
            best = {offer.id, down, term, loan->monthlyPaymentMinor};
    }
    return best;
}

}  // namespace

// Every priority with its name; "assist" and "driver-assistance" are read as "assistance" too.
constexpr std::pair<Priority, const char*> kPriorityNames[] = {
    {Priority::Cost, "cost"},           {Priority::Space, "space"},
    {Priority::Comfort, "comfort"},     {Priority::Assistance, "assistance"},
    {Priority::Performance, "performance"}, {Priority::Assistance, "assist"},
    {Priority::Assistance, "driver-assistance"}};

const char* priorityName(Priority p) {
    for (const auto& [priority, name] : kPriorityNames)
        if (priority == p) return name;
    return "";
}

std::optional<Priority> priorityFromName(const std::string& name) {
    for (const auto& [priority, text] : kPriorityNames)
        if (name == text) return priority;
    return std::nullopt;
}

std::vector<std::string> checkAnswers(const Answers& a, const RecommendContent& content) {
    std::vector<std::string> p;
    auto range = [&](const char* name, const std::optional<double>& v, double lo, double hi) {
        if (v && !(std::isfinite(*v) && *v >= lo && *v <= hi))
            p.push_back(std::string(name) + " " + num(*v) + " is outside " + num(lo) + ".." + num(hi));
    };
    range("daily_km", a.dailyKm, 0, 1000);
    range("longest_km", a.longestKm, 0, 2000);
    range("highway_share", a.highwayShare, 0, 1);
    if (a.seats) range("seats", static_cast<double>(*a.seats), 1, 9);
    if (a.childSeats) range("child_seats", static_cast<double>(*a.childSeats), 0, 8);
    if (a.seats && a.childSeats && *a.childSeats >= *a.seats)
        p.push_back("child_seats " + std::to_string(*a.childSeats) + " leaves no seat for the driver of " +
                    std::to_string(*a.seats) + " seats");
    if (a.budgetMonthlyMinor && *a.budgetMonthlyMinor <= 0) p.push_back("budget_monthly must be above 0");
    if (a.maxPriceMinor && *a.maxPriceMinor <= 0) p.push_back("max_price must be above 0");
    if (a.budgetMonthlyMinor && a.maxPriceMinor) p.push_back("give budget_monthly or max_price, not both");
    if (!a.climate.empty() && !content.findClimate(a.climate)) p.push_back("climate \"" + a.climate + "\" is not a region of the market");
    if (!a.luggage.empty() && !content.findLuggage(a.luggage)) p.push_back("luggage \"" + a.luggage + "\" is not a luggage level");
    return p;
}

Recommender::Recommender(const Catalog& catalog, const pricing::PricingContent& pricing, const range::RangeData& range,
                         const RecommendContent& content, pricing::Date date)
    : m_catalog(catalog), m_pricing(pricing), m_range(range), m_content(content), m_date(date) {
    for (const auto& model : catalog.models) addCandidates(model);
}

void Recommender::addCandidates(const Model& model) {
    std::optional<rules::CatalogConfigurator> cfg;
    try {
        cfg.emplace(m_catalog, model);
    } catch (const std::exception& e) {
        m_buildErrors.push_back(model.id + ": " + e.what());
        return;
    }
    auto facts = m_content.models.find(model.id);
    std::set<Configuration, bool (*)(const Configuration&, const Configuration&)> seen(
        [](const Configuration& x, const Configuration& y) { return std::tie(x.trim, x.options) < std::tie(y.trim, y.options); });
    for (size_t t = 0; t < model.trims.size(); ++t) {
        const Trim& trim = model.trims[t];
        // The trim's own battery, and every battery it offers at extra cost (an upgrade a customer can buy).
        std::vector<std::string> batteries;
        if (auto it = trim.defaults.find("battery"); it != trim.defaults.end()) batteries.push_back(it->second);
        for (const auto& id : trim.options)
            if (const Option* o = model.findOption(id); o && o->battery && o->priceMinor > 0 && id != batteries.front())
                batteries.push_back(id);
        if (batteries.empty()) batteries.push_back("");
        std::vector<std::string> extras = {""};
        for (const auto& [benefit, ids] : m_content.benefits)
            for (const auto& id : ids)
                if (std::find(trim.options.begin(), trim.options.end(), id) != trim.options.end() &&
                    std::find(extras.begin(), extras.end(), id) == extras.end())
                    extras.push_back(id);
        for (const auto& battery : batteries) {
            for (const auto& extra : extras) {
                cfg->reset();
                if (!cfg->pick(trim.id)) break;
                for (const auto& [category, id] : trim.defaults)
                    if (category != "battery") cfg->pick(id);  // a default the rules refuse here is left to the engine
                if (!battery.empty() && !cfg->pick(battery)) break;
                if (!extra.empty() && !cfg->pick(extra)) continue;
                auto config = cfg->toConfiguration();
                if (!config || !seen.insert(*config).second) continue;
                pricing::PriceOptions options;
                options.date = m_date;
                const auto priced = pricing::priceConfiguration(m_catalog, m_pricing, *config, options);
                if (!priced) {
                    m_buildErrors.push_back(model.id + "/" + trim.id + ": " + priced.error());
                    continue;
                }
                Candidate c;
                c.config = *config;
                c.code = pricing::encodeConfiguration(m_catalog, c.config, priced->vehiclePriceMinor);
                c.totalMinor = priced->totalMinor;
                c.finance = cheapestMonthly(m_pricing, m_date, priced->vehiclePriceMinor);
                for (const auto& [benefit, ids] : m_content.benefits)
                    for (const auto& id : ids)
                        if (c.config.options.count(id) &&
                            std::find(c.benefitOptions.begin(), c.benefitOptions.end(), id) == c.benefitOptions.end())
                            c.benefitOptions.push_back(id);
                c.seats = model.seats;
                c.facts = facts == m_content.models.end() ? ModelFacts{} : facts->second;
                c.motorPowerKw = trim.physics.motorPowerKw;
                c.awd = trim.physics.drivetrain == "awd";
                c.trimRank = static_cast<int>(t);
                c.trimCount = static_cast<int>(model.trims.size());
                m_candidates.push_back(std::move(c));
            }
        }
    }
}

Evaluated Recommender::evaluate(const Candidate& c, const Answers& a) const {
    Evaluated e;
    e.candidate = &c;
    const ClimateRegion* region = m_content.findClimate(a.climate.empty() ? m_content.unknownClimate : a.climate);
    range::Conditions mild;
    mild.highwaySpeedKmh = m_content.highwaySpeedKmh;
    mild.cityShare = 1.0 - a.highwayShare.value_or(m_content.defaultHighwayShare);
    const int children = a.childSeats.value_or(0);
    const int people = a.seats.value_or(children + 1);
    mild.payloadKg = std::clamp(m_content.payloadKgPerPerson * (people - children) + m_content.payloadKgPerChildSeat * children, 0.0, 1000.0);
    mild.dailyKm = a.dailyKm.value_or(m_content.defaultDailyKm);
    mild.homeChargingShare = a.homeCharging.value_or(true) ? m_content.homeChargingShare : 0.0;
    range::Conditions winter = mild;
    winter.ambientC = region ? region->winterC : mild.ambientC;
    const auto em = range::estimate(m_range, m_catalog, c.config, mild);
    const auto ew = range::estimate(m_range, m_catalog, c.config, winter);
    if (!em || !ew) {
        e.failed.push_back("range");
        return e;
    }
    e.officialKm = em->official.rangeKm;
    e.mildKm = em->customerRangeKm;
    e.winterKm = ew->customerRangeKm;
    e.weeklyKm = em->weeklyKm;
    e.energyPerWeekMinor = ew->costPerWeekMinor;
    e.dcMinutes = ew->dc10To80Min;
    const double usable = 1.0 - m_content.reserveShare;
    e.publicChargesPerWeek = e.weeklyKm / std::max(1.0, e.winterKm * m_content.fastChargeWindowShare);

    const int luggageNeed = a.luggage.empty() ? 0 : m_content.findLuggage(a.luggage)->litres;
    e.luggageL = people > 5 ? c.facts.luggageAllSeatsL : c.facts.luggageL;
    if (a.seats && *a.seats > c.seats) e.failed.push_back("seats");
    if (children > c.facts.childSeatPositions || children + 1 > c.seats) e.failed.push_back("child_seats");
    if (luggageNeed > e.luggageL) e.failed.push_back("luggage");
    if (a.longestKm && e.winterKm * usable < *a.longestKm) e.failed.push_back("longest_km");
    if (a.homeCharging && !*a.homeCharging && e.publicChargesPerWeek > m_content.publicChargesPerWeekMax)
        e.failed.push_back("home_charging");
    if (a.budgetMonthlyMinor && (c.finance.monthlyMinor < 0 || c.finance.monthlyMinor > *a.budgetMonthlyMinor))
        e.failed.push_back("budget_monthly");
    if (a.maxPriceMinor && c.totalMinor > *a.maxPriceMinor) e.failed.push_back("max_price");
    return e;
}

void Recommender::score(std::vector<Evaluated*>& feasible, const Answers& a) const {
    if (feasible.empty()) return;
    auto bounds = [&](auto f) {
        double lo = f(*feasible.front()), hi = lo;
        for (const auto* e : feasible) lo = std::min(lo, f(*e)), hi = std::max(hi, f(*e));
        return std::pair(lo, hi);
    };
    // Five years of electricity at this week's cost, on top of the price: what the car really costs.
    auto cost = [](const Evaluated& e) { return static_cast<double>(e.candidate->totalMinor) + 260.0 * e.energyPerWeekMinor; };
    auto space = [](const Evaluated& e) { return e.candidate->seats * 100.0 + e.luggageL; };
    auto power = [](const Evaluated& e) { return e.candidate->motorPowerKw + (e.candidate->awd ? 50.0 : 0.0); };
    const auto [costLo, costHi] = bounds(cost);
    const auto [spaceLo, spaceHi] = bounds(space);
    const auto [powerLo, powerHi] = bounds(power);
    // Range counts up to twice what the customer needs (their longest trip, or their day when they
    // charge at home, else the stretch between two public charges): more is not worth paying for.
    const double need = std::max({a.longestKm.value_or(0.0), a.dailyKm.value_or(m_content.defaultDailyKm),
                                  a.homeCharging.value_or(true) ? 0.0 : feasible.front()->weeklyKm / m_content.publicChargesPerWeekMax,
                                  1.0});
    auto has = [&](const Evaluated& e, const char* benefit) {
        auto it = m_content.benefits.find(benefit);
        if (it == m_content.benefits.end()) return 0.0;
        for (const auto& id : it->second)
            if (e.candidate->config.options.count(id)) return 1.0;
        return 0.0;
    };
    for (auto* e : feasible) {
        const Candidate& c = *e->candidate;
        e->parts["cost"] = costHi > 0 ? clamp01(costLo / cost(*e)) : 1.0;
        e->parts["range"] = clamp01(std::log2(e->winterKm * (1.0 - m_content.reserveShare) / need));
        e->parts["space"] = 0.7 * spread(space(*e), spaceLo, spaceHi) + 0.3 * has(*e, "space");
        e->parts["comfort"] = 0.5 * (c.trimCount > 1 ? static_cast<double>(c.trimRank) / (c.trimCount - 1) : 0.0) + 0.5 * has(*e, "comfort");
        e->parts["assistance"] = has(*e, "assistance");
        e->parts["performance"] = spread(power(*e), powerLo, powerHi);
        double sum = 0, weights = 0;
        for (const auto& [part, value] : e->parts) {
            auto w = m_content.weights.count(part) ? m_content.weights.at(part) : 0.0;
            if (part == priorityName(a.priority)) w *= m_content.priorityFactor;
            sum += w * value;
            weights += w;
        }
        e->score = weights > 0 ? sum / weights : 0.0;
    }
}

RecommendResult Recommender::recommend(const Answers& answers) const {
    RecommendResult result;
    result.errors = checkAnswers(answers, m_content);
    if (!result.errors.empty()) return result;
    std::vector<Evaluated> all;
    all.reserve(m_candidates.size());
    for (const auto& c : m_candidates) all.push_back(evaluate(c, answers));
    std::vector<Evaluated*> feasible;
    for (auto& e : all)
        if (e.failed.empty()) feasible.push_back(&e);
    if (feasible.empty()) {
        result.blockers = explainEmpty(all, answers);
        return result;
    }
    score(feasible, answers);
    std::stable_sort(feasible.begin(), feasible.end(), [](const Evaluated* x, const Evaluated* y) {
        if (std::abs(x->score - y->score) > 1e-9) return x->score > y->score;
        return x->candidate->totalMinor < y->candidate->totalMinor;
    });
    // Three different cars: never the same trim twice, so each answer is a real alternative.
    std::vector<const Evaluated*> chosen;
    for (const auto* e : feasible) {
        if (chosen.size() == 3) break;
        const bool sameTrim = std::any_of(chosen.begin(), chosen.end(), [&](const Evaluated* x) {
            return x->candidate->config.model == e->candidate->config.model && x->candidate->config.trim == e->candidate->config.trim;
        });
        if (!sameTrim) chosen.push_back(e);
    }
    for (const auto* e : chosen) result.recommendations.push_back(describe(*e, answers, chosen.front() == e ? nullptr : chosen.front()));
    return result;
}

std::vector<Blocker> Recommender::explainEmpty(const std::vector<Evaluated>& all, const Answers& a) const {
    std::vector<Blocker> blockers;
    const Sentences say(m_catalog, m_content);
    for (const char* answer : kConstraintAnswers) {
        // The cars that fail this answer alone: relaxing it would give one of them.
        std::vector<const Evaluated*> only;
        for (const auto& e : all)
            if (e.failed.size() == 1 && e.failed.front() == answer) only.push_back(&e);
        if (only.empty()) continue;
        blockers.push_back({answer, say.blocker(answer, only, a)});
    }
    if (!blockers.empty()) return blockers;
    std::set<std::string> involved;
    for (const auto& e : all)
        for (const auto& f : e.failed) involved.insert(f);
    std::vector<std::string> names(involved.begin(), involved.end());
    blockers.push_back({"combined", say.combined(names)});
    return blockers;
}

Recommendation Recommender::describe(const Evaluated& e, const Answers& a, const Evaluated* first) const {
    const Candidate& c = *e.candidate;
    Recommendation r{c.config,   c.code,       c.totalMinor, c.finance, e.officialKm, e.mildKm, e.winterKm,
                     e.weeklyKm, e.energyPerWeekMinor, e.score, e.parts, {}, {}};
    const Sentences say(m_catalog, m_content);
    r.reasons = say.reasons(e, a);
    if (first) {
        if (auto saved = say.saves(e, *first)) r.reasons.push_back(*saved);
        r.givesUp = say.givesUp(e, *first, a);
    }
    return r;
}

}  // namespace core::recommend
