// The buying guide's sentences: benefits, not specifications, from the market's templates.
#include "Sentences.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace core::recommend {
namespace {

std::string kmText(double km) { return std::to_string(static_cast<long long>(std::llround(km))); }

// Share of the range left after a distance, in whole percent (never below 0).
std::string spareText(double rangeKm, double distanceKm) {
    if (!(rangeKm > 0)) return "0";
    return std::to_string(std::max(0LL, static_cast<long long>(std::floor((rangeKm - distanceKm) / rangeKm * 100.0))));
}

}  // namespace

std::string num(double v) {
    char buf[32];
    if (std::isfinite(v) && std::abs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

Text Sentences::fill(const std::string& textId, const Values& values) const {
    std::map<std::string, std::string> out;
    auto t = m_content.texts.find(textId);
    for (const auto& lang : m_catalog.market.languages) {
        std::string s = t == m_content.texts.end() ? textId : t->second.get(lang);
        for (const auto& [key, value] : values) {
            const std::string token = "{" + key + "}";
            for (size_t at = s.find(token); at != std::string::npos; at = s.find(token, at + value.get(lang).size()))
                s.replace(at, token.size(), value.get(lang));
        }
        out[lang] = s;
    }
    return Text(std::move(out));
}

Text Sentences::plain(const std::string& s) const {
    std::map<std::string, std::string> out;
    for (const auto& lang : m_catalog.market.languages) out[lang] = s;
    return Text(std::move(out));
}

Text Sentences::money(std::int64_t minor) const {
    std::map<std::string, std::string> out;
    for (const auto& lang : m_catalog.market.languages) out[lang] = formatMoney(minor, m_catalog.market.currency, lang);
    return Text(std::move(out));
}

Text Sentences::carName(const Candidate& c) const {
    const Model* model = m_catalog.findModel(c.config.model);
    const Trim* trim = model ? model->findTrim(c.config.trim) : nullptr;
    std::map<std::string, std::string> out;
    for (const auto& lang : m_catalog.market.languages)
        out[lang] = (model ? model->name.get(lang) : c.config.model) + " " + (trim ? trim->name.get(lang) : c.config.trim);
    return Text(std::move(out));
}

Text Sentences::optionName(const Candidate& c, const std::string& optionId) const {
    const Model* model = m_catalog.findModel(c.config.model);
    const Option* o = model ? model->findOption(optionId) : nullptr;
    return o ? o->name : plain(optionId);
}

std::vector<std::pair<std::string, Text>> Sentences::reasons(const Evaluated& e, const Answers& a) const {
    const Candidate& c = *e.candidate;
    std::vector<std::pair<std::string, Text>> out;
    const double usableMild = e.mildKm * (1.0 - m_content.reserveShare);
    if (a.dailyKm) {
        if (a.homeCharging.value_or(true)) {
            if (usableMild >= e.weeklyKm)
                out.emplace_back("week", fill("week_one_charge", {{"km", plain(kmText(e.weeklyKm))}, {"spare", plain(spareText(e.mildKm, e.weeklyKm))}}));
            else
                out.emplace_back("week", fill("week_charges", {{"km", plain(kmText(e.weeklyKm))},
                                                               {"n", plain(num(std::ceil(e.weeklyKm / std::max(1.0, usableMild))))}}));
        } else {
            out.emplace_back("week", fill("week_public", {{"n", plain(num(std::max(1.0, std::ceil(e.publicChargesPerWeek))))},
                                                          {"min", plain(kmText(e.dcMinutes))}}));
        }
    }
    if (a.longestKm && *a.longestKm > 0)
        out.emplace_back("winter_trip", fill("winter_trip", {{"km", plain(kmText(*a.longestKm))}, {"spare", plain(spareText(e.winterKm, *a.longestKm))}}));
    if (a.dailyKm) out.emplace_back("energy_week", fill("energy_week", {{"money", money(e.energyPerWeekMinor)}}));
    if (a.childSeats && *a.childSeats > 0)
        out.emplace_back("seats", fill("seats", {{"seats", plain(std::to_string(c.seats))}, {"child", plain(std::to_string(c.facts.childSeatPositions))}}));
    else if (a.seats)
        out.emplace_back("seats", fill("seats_only", {{"seats", plain(std::to_string(c.seats))}}));
    if (const LuggageLevel* l = m_content.findLuggage(a.luggage); l && l->litres > 0)
        out.emplace_back("luggage", fill("luggage", {{"litres", plain(std::to_string(e.luggageL))}}));
    if (a.budgetMonthlyMinor && c.finance.monthlyMinor >= 0)
        out.emplace_back("budget", fill("monthly_budget", {{"money", money(c.finance.monthlyMinor)},
                                                           {"term", plain(std::to_string(c.finance.termMonths))},
                                                           {"down", money(c.finance.downPaymentMinor)}}));
    if (a.maxPriceMinor)
        out.emplace_back("budget", fill("price_ceiling", {{"money", money(c.totalMinor)}, {"max", money(*a.maxPriceMinor)}}));
    const std::string priority = priorityName(a.priority);
    if (auto it = m_content.benefits.find(priority); it != m_content.benefits.end())
        for (const auto& id : it->second)
            if (c.config.options.count(id)) out.emplace_back("includes", fill("includes", {{"option", optionName(c, id)}}));
    if (a.priority == Priority::Performance)
        out.emplace_back("performance", fill("performance", {{"kw", plain(kmText(c.motorPowerKw))},
                                                             {"drive", fill(c.awd ? "drive_awd" : "drive_2wd", {})}}));
    return out;
}

std::vector<std::pair<std::string, Text>> Sentences::givesUp(const Evaluated& e, const Evaluated& first, const Answers& a) const {
    const Candidate& c = *e.candidate;
    const Candidate& f = *first.candidate;
    std::vector<std::pair<std::string, Text>> out;
    if (first.winterKm - e.winterKm >= 5)
        out.emplace_back("range", fill("give_up_range", {{"km", plain(kmText(first.winterKm - e.winterKm))}}));
    for (const auto& id : f.benefitOptions)
        if (!c.config.options.count(id)) {
            // The same benefit from another option of this car is no loss.
            bool replaced = false;
            for (const auto& [benefit, ids] : m_content.benefits)
                if (std::find(ids.begin(), ids.end(), id) != ids.end())
                    for (const auto& mine : c.benefitOptions)
                        replaced = replaced || std::find(ids.begin(), ids.end(), mine) != ids.end();
            if (!replaced) out.emplace_back("option", fill("give_up_option", {{"option", optionName(f, id)}}));
        }
    if (f.motorPowerKw - c.motorPowerKw >= 10 && a.priority == Priority::Performance)
        out.emplace_back("power", fill("give_up_power", {{"kw", plain(kmText(f.motorPowerKw - c.motorPowerKw))}}));
    if (f.seats > c.seats) out.emplace_back("seats", fill("give_up_seats", {{"n", plain(std::to_string(f.seats - c.seats))}}));
    return out;
}

std::optional<std::pair<std::string, Text>> Sentences::saves(const Evaluated& e, const Evaluated& first) const {
    const std::int64_t less = first.candidate->totalMinor - e.candidate->totalMinor;
    if (less <= 0) return std::nullopt;
    return std::pair<std::string, Text>("saves", fill("saves", {{"money", money(less)}}));
}

Text Sentences::blocker(const std::string& answer, const std::vector<const Evaluated*>& only, const Answers& a) const {
    auto best = [&](auto better) {
        return *std::min_element(only.begin(), only.end(), [&](const Evaluated* x, const Evaluated* y) { return better(*x, *y); });
    };
    if (answer == "seats") {
        const auto* e = best([](const Evaluated& x, const Evaluated& y) { return x.candidate->seats > y.candidate->seats; });
        return fill("blocked_seats", {{"seats", plain(std::to_string(a.seats.value_or(0)))}, {"max", plain(std::to_string(e->candidate->seats))}});
    }
    if (answer == "child_seats") {
        const auto* e = best([](const Evaluated& x, const Evaluated& y) {
            return x.candidate->facts.childSeatPositions > y.candidate->facts.childSeatPositions;
        });
        return fill("blocked_child_seats", {{"n", plain(std::to_string(a.childSeats.value_or(0)))},
                                            {"max", plain(std::to_string(e->candidate->facts.childSeatPositions))}});
    }
    if (answer == "luggage") {
        const auto* e = best([](const Evaluated& x, const Evaluated& y) { return x.luggageL > y.luggageL; });
        const LuggageLevel* fits = nullptr;
        for (const auto& l : m_content.luggage)
            if (l.litres <= e->luggageL && (!fits || l.litres > fits->litres)) fits = &l;
        return fill("blocked_luggage", {{"level", fits ? fits->name : plain("-")}, {"car", carName(*e->candidate)}});
    }
    if (answer == "budget_monthly") {
        const auto* e = best([](const Evaluated& x, const Evaluated& y) {
            return x.candidate->finance.monthlyMinor >= 0 &&
                   (y.candidate->finance.monthlyMinor < 0 || x.candidate->finance.monthlyMinor < y.candidate->finance.monthlyMinor);
        });
        return fill("blocked_budget", {{"money", money(e->candidate->finance.monthlyMinor)}, {"car", carName(*e->candidate)}});
    }
    if (answer == "max_price") {
        const auto* e = best([](const Evaluated& x, const Evaluated& y) { return x.candidate->totalMinor < y.candidate->totalMinor; });
        return fill("blocked_price", {{"money", money(e->candidate->totalMinor)}, {"car", carName(*e->candidate)}});
    }
    if (answer == "longest_km") {
        const auto* e = best([](const Evaluated& x, const Evaluated& y) { return x.winterKm > y.winterKm; });
        const double reach = std::floor(e->winterKm * (1.0 - m_content.reserveShare));
        return fill("blocked_longest", {{"km", plain(kmText(a.longestKm.value_or(0)))}, {"max", plain(kmText(reach))}, {"car", carName(*e->candidate)}});
    }
    const auto* e = best([](const Evaluated& x, const Evaluated& y) { return x.publicChargesPerWeek < y.publicChargesPerWeek; });
    return fill("blocked_public", {{"n", plain(std::to_string(m_content.publicChargesPerWeekMax))}, {"car", carName(*e->candidate)}});
}

Text Sentences::combined(const std::vector<std::string>& answers) const {
    std::map<std::string, std::string> out;
    for (const auto& lang : m_catalog.market.languages) {
        std::string list;
        for (const auto& answer : answers) {
            auto t = m_content.texts.find("answer_" + answer);
            if (!list.empty()) list += m_content.texts.at("list_separator").get(lang);
            list += t == m_content.texts.end() ? answer : t->second.get(lang);
        }
        out[lang] = list;
    }
    return fill("blocked_combined", {{"answers", Text(std::move(out))}});
}

}  // namespace core::recommend
