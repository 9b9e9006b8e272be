#include "core/pricing/PricingContent.h"

#include <cmath>
#include <set>

#include "core/ContentLoader.h"
#include "core/JsonReader.h"
#include "core/pricing/ConfigCode.h"

namespace core::pricing {
namespace {

constexpr std::int64_t kMaxBp = 100'000;  // 1000 %: far above any real rate, catches unit mistakes

std::optional<PriceRuleKind> parseKind(const std::string& s) {
    if (s == "delivery_fee") return PriceRuleKind::DeliveryFee;
    if (s == "purchase_tax") return PriceRuleKind::PurchaseTax;
    if (s == "incentive") return PriceRuleKind::Incentive;
    if (s == "registration_fee") return PriceRuleKind::RegistrationFee;
    if (s == "plate_fee") return PriceRuleKind::PlateFee;
    if (s == "insurance_estimate") return PriceRuleKind::InsuranceEstimate;
    return std::nullopt;
}

class Loader {
public:
    Loader(const Catalog& catalog, JsonReader& r, PricingContent& p) : m_catalog(catalog), m_r(r), m_p(p) {}

    void load(const Json& doc) {
        if (!m_r.expectObject(doc, "")) return;
        m_r.allowOnly(doc, "", {"format", "market", "currency", "vat_bp", "rounding", "contract_rounding",
                                "quote_validity_days", "citations", "price_list", "rules", "finance_offers", "tco",
                                "labels"});
        m_r.integer(doc, "", "format", 1, 1);
        if (auto v = m_r.string(doc, "", "market")) {
            m_p.market = *v;
            if (*v != m_catalog.market.id)
                m_r.fail("/market", "pricing is for market \"" + *v + "\" but the catalog's market is \"" +
                                        m_catalog.market.id + "\"");
        }
        if (auto v = m_r.string(doc, "", "currency")) {
            const auto digits = iso4217MinorDigits(*v);
            if (!digits) {
                m_r.fail("/currency", "unknown currency \"" + *v + "\" (not an ISO 4217 code the product knows)");
            } else if (*v != m_catalog.market.currency.code) {
                m_r.fail("/currency", "currency \"" + *v + "\" differs from the market's currency \"" +
                                          m_catalog.market.currency.code + "\"");
            } else if (*digits != m_catalog.market.currency.minorDigits) {
                m_r.fail("/currency", "currency \"" + *v + "\" has " + std::to_string(*digits) +
                                          " minor digits but the market declares " +
                                          std::to_string(m_catalog.market.currency.minorDigits));
            } else {
                m_p.currency = CurrencyCode(*v);
                m_p.minorDigits = *digits;
            }
        }
        if (auto v = m_r.integer(doc, "", "vat_bp", 0, 10'000)) m_p.vatBp = *v;
        if (auto v = m_r.integer(doc, "", "quote_validity_days", 1, 365)) m_p.quoteValidityDays = *v;
        loadRoundings(doc);
        if (auto v = m_r.string(doc, "", "contract_rounding")) m_p.contract = rounding(*v, "/contract_rounding");
        loadCitations(doc);
        loadPriceList(doc);
        loadRules(doc);
        loadOffers(doc);
        loadTco(doc);
        loadLabels(doc);
        checkCodeHashes();
    }

private:
    void loadRoundings(const Json& doc) {
        const Json* obj = m_r.object(doc, "", "rounding");
        if (!obj) return;
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            const std::string p = jsonPointer("/rounding", it.key());
            if (!m_r.expectObject(*it, p)) continue;
            m_r.allowOnly(*it, p, {"increment_minor", "mode"});
            RoundingRule rule;
            if (auto v = m_r.integer(*it, p, "increment_minor", 1, 1'000'000)) rule.incrementMinor = *v;
            if (auto v = m_r.string(*it, p, "mode")) {
                if (auto mode = parseRoundingMode(*v)) rule.mode = *mode;
                else m_r.fail(jsonPointer(p, "mode"), "rounding mode \"" + *v + "\" must be half_up, half_even, down or up");
            }
            m_p.roundings[it.key()] = rule;
        }
    }

    RoundingRule rounding(const std::string& name, const std::string& where) {
        auto it = m_p.roundings.find(name);
        if (it == m_p.roundings.end()) {
            m_r.fail(where, "unknown rounding rule \"" + name + "\"");
            return {};
        }
        return it->second;
    }

    void loadCitations(const Json& doc) {
        const Json* arr = m_r.array(doc, "", "citations");
        if (!arr) return;
        for (size_t i = 0; i < arr->size(); ++i) {
            const std::string p = jsonPointer("/citations", i);
            const Json& j = (*arr)[i];
            if (!m_r.expectObject(j, p)) continue;
            m_r.allowOnly(j, p, {"id", "title", "issuer", "issued", "url", "note"});
            Citation c;
            if (auto v = m_r.nonEmptyString(j, p, "id")) c.id = *v;
            if (auto v = m_r.text(j, p, "title")) c.title = *v;
            if (auto v = m_r.nonEmptyString(j, p, "issuer")) c.issuer = *v;
            if (auto v = m_r.string(j, p, "issued")) {
                c.issued = *v;
                if (!Date::parse(*v)) m_r.fail(jsonPointer(p, "issued"), "date \"" + *v + "\" is not YYYY-MM-DD");
            }
            if (auto v = m_r.string(j, p, "url")) c.url = *v;
            if (auto v = m_r.nonEmptyString(j, p, "note")) c.note = *v;
            if (!c.id.empty() && !m_p.citations.emplace(c.id, c).second)
                m_r.fail(jsonPointer(p, "id"), "duplicate citation \"" + c.id + "\"");
        }
    }

    std::string citation(const Json& j, const std::string& p) {
        auto v = m_r.string(j, p, "citation");
        if (!v) return {};
        if (!m_p.citations.count(*v)) m_r.fail(jsonPointer(p, "citation"), "unknown citation \"" + *v + "\"");
        return *v;
    }

    std::optional<Period> period(const Json& j, const std::string& p) {
        Period out;
        bool ok = true;
        if (auto v = m_r.string(j, p, "from")) {
            if (auto d = Date::parse(*v)) out.from = *d;
            else ok = false, m_r.fail(jsonPointer(p, "from"), "date \"" + *v + "\" is not YYYY-MM-DD");
        } else {
            ok = false;
        }
        if (auto v = m_r.string(j, p, "until", false)) {
            if (auto d = Date::parse(*v)) out.until = *d;
            else ok = false, m_r.fail(jsonPointer(p, "until"), "date \"" + *v + "\" is not YYYY-MM-DD");
        }
        if (ok && out.until < out.from) {
            m_r.fail(jsonPointer(p, "until"), "period ends (" + out.until.str() + ") before it starts (" + out.from.str() + ")");
            ok = false;
        }
        if (!ok) return std::nullopt;
        return out;
    }

    void loadPriceList(const Json& doc) {
        const Json* list = m_r.object(doc, "", "price_list", false);
        if (!list) return;
        m_r.allowOnly(*list, "/price_list", {"citation", "trims", "options"});
        m_p.priceListCitation = citation(*list, "/price_list");
        auto readMap = [&](const char* key, std::map<std::string, std::int64_t>& out) {
            const Json* obj = m_r.object(*list, "/price_list", key);
            if (!obj) return;
            const std::string base = jsonPointer("/price_list", key);
            for (auto it = obj->begin(); it != obj->end(); ++it)
                if (auto v = m_r.price(*obj, base, it.key().c_str(), kMaxContentPriceMinor)) {
                    checkContract(*v, jsonPointer(base, it.key()));
                    out[it.key()] = *v;
                }
        };
        readMap("trims", m_p.trimPrices);
        readMap("options", m_p.optionPrices);
        // Every trim and option the catalog sells needs a price in this market; no stray ids.
        std::set<std::string> trims, options;
        for (const auto& m : m_catalog.models) {
            for (const auto& t : m.trims) {
                trims.insert(t.id);
                if (!m_p.trimPrices.count(t.id))
                    m_r.fail("/price_list/trims", "no price for trim \"" + t.id + "\" of model \"" + m.id + "\"");
            }
            for (const auto& o : m.options) {
                options.insert(o.id);
                if (!m_p.optionPrices.count(o.id))
                    m_r.fail("/price_list/options", "no price for option \"" + o.id + "\" of model \"" + m.id + "\"");
            }
        }
        for (const auto& [id, price] : m_p.trimPrices)
            if (!trims.count(id)) m_r.fail(jsonPointer("/price_list/trims", id), "unknown trim \"" + id + "\"");
        for (const auto& [id, price] : m_p.optionPrices)
            if (!options.count(id)) m_r.fail(jsonPointer("/price_list/options", id), "unknown option \"" + id + "\"");
    }

    void checkContract(std::int64_t minor, const std::string& where) {
        if (m_p.contract.incrementMinor > 1 && minor % m_p.contract.incrementMinor != 0)
            m_r.fail(where, "price " + std::to_string(minor) + " is not a multiple of the contract rounding (" +
                                std::to_string(m_p.contract.incrementMinor) + " minor units)");
    }

    void loadRules(const Json& doc) {
        const Json* arr = m_r.array(doc, "", "rules");
        if (!arr) return;
        std::set<std::string> ruleIds, versionIds;
        size_t purchaseTaxRules = 0;
        for (size_t i = 0; i < arr->size(); ++i) {
            const std::string p = jsonPointer("/rules", i);
            const Json& j = (*arr)[i];
            if (!m_r.expectObject(j, p)) continue;
            m_r.allowOnly(j, p, {"id", "kind", "versions"});
            PriceRule rule;
            if (auto v = m_r.nonEmptyString(j, p, "id")) {
                rule.id = *v;
                if (!ruleIds.insert(*v).second) m_r.fail(jsonPointer(p, "id"), "duplicate rule \"" + *v + "\"");
            }
            bool kindOk = false;
            if (auto v = m_r.string(j, p, "kind")) {
                if (auto k = parseKind(*v)) rule.kind = *k, kindOk = true;
                else m_r.fail(jsonPointer(p, "kind"), "unknown rule kind \"" + *v + "\"");
            }
            if (kindOk && rule.kind == PriceRuleKind::PurchaseTax && ++purchaseTaxRules > 1)
                m_r.fail(jsonPointer(p, "kind"), "a market has at most one purchase_tax rule (give it versions instead)");
            const Json* versions = m_r.array(j, p, "versions");
            if (!versions || !kindOk) continue;
            if (versions->empty()) m_r.fail(jsonPointer(p, "versions"), "a rule needs at least one version");
            for (size_t k = 0; k < versions->size(); ++k) {
                const std::string vp = jsonPointer(jsonPointer(p, "versions"), k);
                PriceRuleVersion v;
                if (loadVersion((*versions)[k], vp, rule.kind, v)) {
                    if (!versionIds.insert(v.id).second) m_r.fail(jsonPointer(vp, "id"), "duplicate rule version \"" + v.id + "\"");
                    for (const auto& other : rule.versions)
                        if (other.period.overlaps(v.period))
                            m_r.fail(jsonPointer(vp, "from"), "period " + v.period.from.str() + ".." + v.period.until.str() +
                                                                  " of \"" + v.id + "\" overlaps \"" + other.id + "\" (" +
                                                                  other.period.from.str() + ".." + other.period.until.str() +
                                                                  ") of the same rule \"" + rule.id + "\"");
                    rule.versions.push_back(std::move(v));
                }
            }
            m_p.rules.push_back(std::move(rule));
        }
    }

    bool loadVersion(const Json& j, const std::string& p, PriceRuleKind kind, PriceRuleVersion& v) {
        if (!m_r.expectObject(j, p)) return false;
        const size_t before = m_r.errorCount();
        m_r.allowOnly(j, p, {"id", "label", "from", "until", "citation", "rounding", "amount_minor", "rate_bp",
                             "cap_minor", "reduction_share_bp", "max_list_price_minor", "in_invoice", "qualified_only",
                             "payer", "condition", "paid", "models"});
        v.path = p;
        if (auto s = m_r.nonEmptyString(j, p, "id")) v.id = *s;
        if (auto t = m_r.text(j, p, "label")) v.label = *t;
        if (auto per = period(j, p)) v.period = *per;
        v.citation = citation(j, p);
        if (auto s = m_r.string(j, p, "rounding")) v.rounding = rounding(*s, jsonPointer(p, "rounding"));
        const bool fixed = kind == PriceRuleKind::DeliveryFee || kind == PriceRuleKind::RegistrationFee || kind == PriceRuleKind::PlateFee;
        if (fixed) {
            if (auto a = m_r.price(j, p, "amount_minor", kMaxContentPriceMinor)) v.amountMinor = *a;
            if (auto b = m_r.boolean(j, p, "in_invoice", false)) v.inInvoice = *b;
        } else if (kind == PriceRuleKind::PurchaseTax) {
            if (auto a = m_r.integer(j, p, "rate_bp", 0, kMaxBp)) v.rateBp = *a;
            if (auto a = m_r.integer(j, p, "reduction_share_bp", 0, 10'000)) v.reductionShareBp = *a;
            if (auto a = m_r.price(j, p, "cap_minor", kMaxContentPriceMinor, false)) v.capMinor = *a;
        } else if (kind == PriceRuleKind::InsuranceEstimate) {
            if (auto a = m_r.price(j, p, "amount_minor", kMaxContentPriceMinor)) v.amountMinor = *a;
            if (auto a = m_r.integer(j, p, "rate_bp", 0, kMaxBp)) v.rateBp = *a;
        } else if (kind == PriceRuleKind::Incentive) {
            const bool hasAmount = j.contains("amount_minor"), hasRate = j.contains("rate_bp");
            if (hasAmount == hasRate) m_r.fail(p, "an incentive has either \"amount_minor\" or \"rate_bp\" (with an optional \"cap_minor\")");
            if (hasAmount)
                if (auto a = m_r.price(j, p, "amount_minor", kMaxContentPriceMinor)) v.amountMinor = *a;
            if (hasRate)
                if (auto a = m_r.integer(j, p, "rate_bp", 0, 10'000)) v.rateBp = *a;
            if (auto a = m_r.price(j, p, "cap_minor", kMaxContentPriceMinor, false)) v.capMinor = *a;
            if (auto a = m_r.price(j, p, "max_list_price_minor", kMaxContentPriceMinor, false)) v.maxListPriceMinor = *a;
            if (auto b = m_r.boolean(j, p, "qualified_only", false)) v.qualifiedOnly = *b;
            if (auto s = m_r.string(j, p, "payer")) {
                if (*s == "state") v.payer = Payer::State;
                else if (*s == "brand") v.payer = Payer::Brand;
                else m_r.fail(jsonPointer(p, "payer"), "payer \"" + *s + "\" must be \"state\" or \"brand\"");
            }
            if (auto s = m_r.string(j, p, "condition", false)) {
                if (*s == "always") v.condition = Condition::Always;
                else if (*s == "trade_in_scrappage") v.condition = Condition::TradeInScrappage;
                else if (*s == "trade_in_replacement") v.condition = Condition::TradeInReplacement;
                else m_r.fail(jsonPointer(p, "condition"), "condition \"" + *s + "\" must be always, trade_in_scrappage or trade_in_replacement");
            }
            if (auto s = m_r.string(j, p, "paid", false)) {
                if (*s == "at_purchase") v.paid = PaidWhen::AtPurchase;
                else if (*s == "after_purchase") v.paid = PaidWhen::AfterPurchase;
                else m_r.fail(jsonPointer(p, "paid"), "paid \"" + *s + "\" must be at_purchase or after_purchase");
            }
            if (v.payer == Payer::Brand && v.paid == PaidWhen::AfterPurchase)
                m_r.fail(jsonPointer(p, "paid"), "a brand promotion is a price reduction at purchase, not paid later");
            if (j.contains("models")) {
                v.models = m_r.stringArray(j, p, "models");
                for (size_t k = 0; k < v.models.size(); ++k)
                    if (!m_catalog.findModel(v.models[k]))
                        m_r.fail(jsonPointer(jsonPointer(p, "models"), k), "unknown model \"" + v.models[k] + "\"");
            }
        }
        return m_r.errorCount() == before;
    }

    void loadOffers(const Json& doc) {
        const Json* arr = m_r.array(doc, "", "finance_offers", false);
        if (!arr) return;
        std::set<std::string> ids;
        for (size_t i = 0; i < arr->size(); ++i) {
            const std::string p = jsonPointer("/finance_offers", i);
            const Json& j = (*arr)[i];
            if (!m_r.expectObject(j, p)) continue;
            const size_t before = m_r.errorCount();
            m_r.allowOnly(j, p, {"id", "kind", "label", "from", "until", "citation", "rounding", "apr_bp", "terms_months",
                                 "min_down_bp", "max_down_bp", "balloon_bp"});
            FinanceOffer o;
            o.path = p;
            if (auto v = m_r.nonEmptyString(j, p, "id")) {
                o.id = *v;
                if (!ids.insert(*v).second) m_r.fail(jsonPointer(p, "id"), "duplicate finance offer \"" + *v + "\"");
            }
            if (auto v = m_r.string(j, p, "kind")) {
                if (*v == "loan") o.kind = FinanceKind::Loan;
                else if (*v == "lease") o.kind = FinanceKind::Lease;
                else m_r.fail(jsonPointer(p, "kind"), "finance kind \"" + *v + "\" must be loan or lease");
            }
            if (auto v = m_r.text(j, p, "label")) o.label = *v;
            if (auto per = period(j, p)) o.period = *per;
            o.citation = citation(j, p);
            if (auto s = m_r.string(j, p, "rounding")) o.rounding = rounding(*s, jsonPointer(p, "rounding"));
            if (auto v = m_r.integer(j, p, "apr_bp", 0, 10'000)) o.aprBp = *v;
            if (const Json* terms = m_r.array(j, p, "terms_months")) {
                for (size_t k = 0; k < terms->size(); ++k) {
                    const Json& t = (*terms)[k];
                    if (!t.is_number_integer() || t.get<std::int64_t>() < 1 || t.get<std::int64_t>() > 120)
                        m_r.fail(jsonPointer(jsonPointer(p, "terms_months"), k), "term " + t.dump() + " must be 1..120 months");
                    else o.termsMonths.push_back(t.get<int>());
                }
                if (terms->empty()) m_r.fail(jsonPointer(p, "terms_months"), "at least one term is required");
            }
            if (auto v = m_r.integer(j, p, "min_down_bp", 0, 10'000, false)) o.minDownBp = *v;
            if (auto v = m_r.integer(j, p, "max_down_bp", 0, 10'000, false)) o.maxDownBp = *v;
            if (auto v = m_r.integer(j, p, "balloon_bp", 0, 9'999, false)) o.balloonBp = *v;
            if (o.minDownBp > o.maxDownBp) m_r.fail(jsonPointer(p, "min_down_bp"), "minimum down payment is above the maximum");
            if (o.minDownBp + o.balloonBp > 10'000)
                m_r.fail(jsonPointer(p, "balloon_bp"), "down payment plus final payment exceed the price");
            if (m_r.errorCount() == before) m_p.offers.push_back(std::move(o));
        }
    }

    void loadTco(const Json& doc) {
        const Json* t = m_r.object(doc, "", "tco");
        if (!t) return;
        const std::string p = "/tco";
        m_r.allowOnly(*t, p, {"years", "km_per_year", "citation", "home_charging_share_bp", "home_minor_per_kwh",
                              "public_minor_per_kwh", "petrol_minor_per_litre", "ev_maintenance_minor_per_year",
                              "ev_insurance_minor_per_year", "petrol_cars"});
        TcoAssumptions& a = m_p.tco;
        a.path = p;
        if (auto v = m_r.integer(*t, p, "years", 1, 30)) a.years = static_cast<int>(*v);
        if (auto v = m_r.integer(*t, p, "km_per_year", 1, 200'000)) a.kmPerYear = *v;
        a.citation = citation(*t, p);
        if (auto v = m_r.integer(*t, p, "home_charging_share_bp", 0, 10'000)) a.homeChargingShareBp = *v;
        constexpr std::int64_t kMaxTariff = 1'000'000;  // minor units per kWh or litre
        if (auto v = m_r.price(*t, p, "home_minor_per_kwh", kMaxTariff)) a.homeMinorPerKwh = *v;
        if (auto v = m_r.price(*t, p, "public_minor_per_kwh", kMaxTariff)) a.publicMinorPerKwh = *v;
        if (auto v = m_r.price(*t, p, "petrol_minor_per_litre", kMaxTariff)) a.petrolMinorPerLitre = *v;
        if (auto v = m_r.price(*t, p, "ev_maintenance_minor_per_year", kMaxContentPriceMinor)) a.evMaintenanceMinorPerYear = *v;
        if (auto v = m_r.price(*t, p, "ev_insurance_minor_per_year", kMaxContentPriceMinor)) a.evInsuranceMinorPerYear = *v;
        const Json* cars = m_r.array(*t, p, "petrol_cars");
        if (!cars) return;
        for (size_t i = 0; i < cars->size(); ++i) {
            const std::string cp = jsonPointer("/tco/petrol_cars", i);
            const Json& j = (*cars)[i];
            if (!m_r.expectObject(j, cp)) continue;
            m_r.allowOnly(j, cp, {"id", "body_style", "label", "on_the_road_price_minor", "litres_per_100km",
                                  "maintenance_minor_per_year", "insurance_minor_per_year"});
            PetrolCar c;
            if (auto v = m_r.nonEmptyString(j, cp, "id")) c.id = *v;
            if (auto v = m_r.nonEmptyString(j, cp, "body_style")) c.bodyStyle = *v;
            if (auto v = m_r.text(j, cp, "label")) c.label = *v;
            if (auto v = m_r.price(j, cp, "on_the_road_price_minor", kMaxContentPriceMinor)) c.onTheRoadPriceMinor = *v;
            // Consumption is a measured figure, not money: kept as an exact integer of centilitres.
            if (auto v = m_r.number(j, cp, "litres_per_100km", 1.0, 40.0)) c.litresPer100kmCenti = std::llround(*v * 100.0);
            if (auto v = m_r.price(j, cp, "maintenance_minor_per_year", kMaxContentPriceMinor)) c.maintenanceMinorPerYear = *v;
            if (auto v = m_r.price(j, cp, "insurance_minor_per_year", kMaxContentPriceMinor)) c.insuranceMinorPerYear = *v;
            a.petrolCars.push_back(std::move(c));
        }
    }

    void loadLabels(const Json& doc) {
        const Json* obj = m_r.object(doc, "", "labels");
        if (!obj) return;
        for (auto it = obj->begin(); it != obj->end(); ++it)
            if (auto t = m_r.text(*obj, "/labels", it.key().c_str())) m_p.labels[it.key()] = *t;
        for (const char* key : {"quote_title", "configuration", "price_breakdown", "dealer_discount", "vehicle_price",
                                "vat_included", "due_at_purchase", "paid_later", "total", "financing", "cash_price",
                                "down_payment", "monthly_payment", "final_payment", "total_interest", "total_cost", "range",
                                "official_range", "consumption", "tco", "tco_note", "valid_until", "quote_date", "showroom",
                                "configuration_code", "picture_placeholder"})
            if (!obj->contains(key)) m_r.fail("/labels", std::string("missing label \"") + key + "\"");
    }

    // Configuration codes store 16-bit hashes of ids: every trim (all models) and every option of
    // one model must hash apart, or a code could not be restored unambiguously.
    void checkCodeHashes() {
        std::map<std::uint16_t, std::string> trims;
        for (const auto& m : m_catalog.models) {
            std::map<std::uint16_t, std::string> options;
            for (const auto& t : m.trims)
                if (auto [it, fresh] = trims.emplace(codeHash(t.id), t.id); !fresh)
                    m_r.fail("", "trims \"" + it->second + "\" and \"" + t.id + "\" share a configuration-code hash; rename one");
            for (const auto& o : m.options)
                if (auto [it, fresh] = options.emplace(codeHash(o.id), o.id); !fresh)
                    m_r.fail("", "options \"" + it->second + "\" and \"" + o.id + "\" share a configuration-code hash; rename one");
        }
    }

    const Catalog& m_catalog;
    JsonReader& m_r;
    PricingContent& m_p;
};

}  // namespace

const PriceRuleVersion* PriceRule::at(Date date) const {
    for (const auto& v : versions)
        if (v.period.contains(date)) return &v;
    return nullptr;
}

std::int64_t PricingContent::trimPrice(const Trim& t) const {
    if (trimPrices.empty()) return t.basePriceMinor;
    auto it = trimPrices.find(t.id);
    return it == trimPrices.end() ? t.basePriceMinor : it->second;
}

std::int64_t PricingContent::optionPrice(const Option& o) const {
    if (optionPrices.empty()) return o.priceMinor;
    auto it = optionPrices.find(o.id);
    return it == optionPrices.end() ? o.priceMinor : it->second;
}

const FinanceOffer* PricingContent::findOffer(const std::string& id) const {
    for (const auto& o : offers)
        if (o.id == id) return &o;
    return nullptr;
}

const Citation* PricingContent::findCitation(const std::string& id) const {
    auto it = citations.find(id);
    return it == citations.end() ? nullptr : &it->second;
}

const Text& PricingContent::label(const std::string& key) const {
    auto it = labels.find(key);
    if (it != labels.end()) return it->second;
    // Unreachable for loaded content (missing labels are load errors); a default-built content gets a blank.
    static const Text kEmpty;
    return kEmpty;
}

std::string priceRuleKindName(PriceRuleKind kind) {
    switch (kind) {
        case PriceRuleKind::DeliveryFee: return "delivery_fee";
        case PriceRuleKind::PurchaseTax: return "purchase_tax";
        case PriceRuleKind::Incentive: return "incentive";
        case PriceRuleKind::RegistrationFee: return "registration_fee";
        case PriceRuleKind::PlateFee: return "plate_fee";
        case PriceRuleKind::InsuranceEstimate: return "insurance_estimate";
    }
    return "unknown";
}

PricingLoadResult loadPricing(const Catalog& catalog, const std::string& file) {
    PricingLoadResult result;
    auto doc = parseJsonFile(file, result.errors);
    if (!doc) return result;
    PricingContent p;
    p.file = file;
    JsonReader r(file, result.errors, catalog.market.languages);
    Loader(catalog, r, p).load(*doc);
    if (result.errors.empty()) result.content = std::move(p);
    return result;
}

PricingLoadResult loadPricing(const Catalog& catalog) {
    PricingLoadResult r;
    const auto file = catalog.requireModuleFile("pricing", "the kiosk cannot price cars", r.errors);
    return file ? loadPricing(catalog, *file) : r;
}

}  // namespace core::pricing
