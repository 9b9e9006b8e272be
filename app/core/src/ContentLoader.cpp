#include "core/ContentLoader.h"

#include <filesystem>
#include <regex>
#include <set>

#include "core/JsonReader.h"

namespace core {
namespace fs = std::filesystem;
namespace {

std::string joinPath(const std::string& dir, const std::string& relative) {
    if (dir.empty()) return relative;
    return (fs::path(dir) / relative).lexically_normal().string();
}

std::optional<TyreSize> parseTyre(const std::string& s) {
    static const std::regex kTyre(R"(^(\d{3})/(\d{2}) ?Z?R(\d{2})$)");
    std::smatch m;
    if (!std::regex_match(s, m, kTyre)) return std::nullopt;
    TyreSize t;
    t.widthMm = std::stoi(m[1]);
    t.aspectPercent = std::stoi(m[2]);
    t.rimInch = std::stoi(m[3]);
    t.text = s;
    if (t.widthMm < 135 || t.widthMm > 355 || t.aspectPercent < 25 || t.aspectPercent > 80 || t.rimInch < 13 ||
        t.rimInch > 24)
        return std::nullopt;
    return t;
}

std::optional<TyreSize> readTyre(JsonReader& r, const Json& obj, const std::string& path, const char* key) {
    auto s = r.string(obj, path, key);
    if (!s) return std::nullopt;
    auto t = parseTyre(*s);
    if (!t) r.fail(jsonPointer(path, key), "tyre size \"" + *s + "\" is not of the form 235/45 R19 within usual limits");
    return t;
}

std::optional<std::array<float, 3>> parseHexColor(const std::string& s) {
    static const std::regex kHex("^#([0-9a-fA-F]{6})$");
    std::smatch m;
    if (!std::regex_match(s, m, kHex)) return std::nullopt;
    const unsigned long v = std::stoul(m[1], nullptr, 16);
    return std::array<float, 3>{static_cast<float>((v >> 16) & 0xff) / 255.0f,
                                static_cast<float>((v >> 8) & 0xff) / 255.0f, static_cast<float>(v & 0xff) / 255.0f};
}

bool validId(const std::string& id) {
    static const std::regex kId("^[a-z0-9][a-z0-9-]{0,47}$");
    return std::regex_match(id, kId);
}

std::optional<std::string> readId(JsonReader& r, const Json& obj, const std::string& path) {
    auto id = r.string(obj, path, "id");
    if (id && !validId(*id)) {
        r.fail(jsonPointer(path, "id"), "id \"" + *id + "\" must be 1-48 lower-case letters, digits or '-'");
        return std::nullopt;
    }
    return id;
}

// ---- brand.json -------------------------------------------------------------------------

void loadBrand(JsonReader& r, const Json& doc, Catalog& c) {
    if (!r.expectObject(doc, "")) return;
    r.allowOnly(doc, "", {"id", "name", "slogan", "categories"});
    if (auto v = readId(r, doc, "")) c.brand.id = *v;
    if (auto v = r.text(doc, "", "name")) c.brand.name = *v;
    if (auto v = r.text(doc, "", "slogan")) c.brand.slogan = *v;
    const Json* cats = r.array(doc, "", "categories");
    if (!cats) return;
    std::set<std::string> seen;
    for (size_t i = 0; i < cats->size(); ++i) {
        const std::string p = jsonPointer("/categories", i);
        const Json& j = (*cats)[i];
        if (!r.expectObject(j, p)) continue;
        r.allowOnly(j, p, {"id", "name", "select"});
        Category cat;
        cat.order = static_cast<int>(i);
        if (auto v = readId(r, j, p)) cat.id = *v;
        if (auto v = r.text(j, p, "name")) cat.name = *v;
        if (auto v = r.string(j, p, "select")) {
            if (*v == "one") cat.single = true;
            else if (*v == "any") cat.single = false;
            else r.fail(jsonPointer(p, "select"), "select \"" + *v + "\" must be \"one\" or \"any\"");
        }
        if (!cat.id.empty() && !seen.insert(cat.id).second) r.fail(jsonPointer(p, "id"), "duplicate category \"" + cat.id + "\"");
        c.categories.push_back(std::move(cat));
    }
}

// ---- markets/*.json ---------------------------------------------------------------------

// "formats": {"de-DE": {"group": ".", "decimal": ",", "money": "{amount} {symbol}", "date": "{dd}.{mm}.{yyyy}",
//             "short_date": "{d}.{m}.", "percent": "{number} %", "quantity": "{number} {unit}"}, ...}
void loadFormats(JsonReader& r, const Json& formats, Market& m) {
    for (auto it = formats.begin(); it != formats.end(); ++it) {
        const std::string p = jsonPointer("/formats", it.key());
        if (std::find(m.languages.begin(), m.languages.end(), it.key()) == m.languages.end()) {
            r.fail(p, "\"" + it.key() + "\" is not a language of this market");
            continue;
        }
        if (!r.expectObject(*it, p)) continue;
        r.allowOnly(*it, p, {"group", "decimal", "money", "date", "short_date", "percent", "quantity"});
        NumberFormat f;
        if (auto v = r.string(*it, p, "group")) f.group = *v;
        if (auto v = r.nonEmptyString(*it, p, "decimal")) f.decimal = *v;
        if (auto v = r.nonEmptyString(*it, p, "money")) {
            if (v->find("{amount}") == std::string::npos) r.fail(jsonPointer(p, "money"), "\"" + *v + "\" has no {amount}");
            f.money = *v;
        }
        if (auto v = r.nonEmptyString(*it, p, "date")) {
            if (v->find("{yyyy}") == std::string::npos || v->find('d') == std::string::npos)
                r.fail(jsonPointer(p, "date"), "\"" + *v + "\" needs {yyyy}, a month and a day");
            f.date = *v;
        }
        if (auto v = r.nonEmptyString(*it, p, "short_date", false)) f.shortDate = *v;
        if (auto v = r.nonEmptyString(*it, p, "percent", false)) {
            if (v->find("{number}") == std::string::npos) r.fail(jsonPointer(p, "percent"), "\"" + *v + "\" has no {number}");
            f.percent = *v;
        }
        if (auto v = r.nonEmptyString(*it, p, "quantity", false)) {
            if (v->find("{number}") == std::string::npos || v->find("{unit}") == std::string::npos)
                r.fail(jsonPointer(p, "quantity"), "\"" + *v + "\" needs {number} and {unit}");
            f.quantity = *v;
        }
        m.currency.formats[it.key()] = f;
    }
}

void loadMarket(JsonReader& r, const Json& doc, Market& m) {
    if (!r.expectObject(doc, "")) return;
    // Later modules (pricing) read further sections of the market file themselves.
    if (auto v = readId(r, doc, "")) m.id = *v;
    if (const Json* cur = r.object(doc, "", "currency")) {
        r.allowOnly(*cur, "/currency", {"code", "minor_digits", "symbol"});
        static const std::regex kCode("^[A-Z]{3}$");
        if (auto v = r.string(*cur, "/currency", "code")) {
            if (std::regex_match(*v, kCode)) m.currency.code = *v;
            else r.fail("/currency/code", "currency \"" + *v + "\" is not an ISO 4217 code");
        }
        if (auto v = r.integer(*cur, "/currency", "minor_digits", 0, 4)) m.currency.minorDigits = static_cast<int>(*v);
        if (auto v = r.nonEmptyString(*cur, "/currency", "symbol")) m.currency.symbol = *v;
    }
    m.languages = r.stringArray(doc, "", "languages");
    if (m.languages.empty()) r.fail("/languages", "at least one language is required");
    m.otherLanguages = r.stringArray(doc, "", "other_languages", false);
    for (const auto& l : m.otherLanguages)
        if (std::find(m.languages.begin(), m.languages.end(), l) != m.languages.end())
            r.fail("/other_languages", "\"" + l + "\" is offered by this market (in languages)");
    if (auto v = r.string(doc, "", "official_cycle")) m.officialCycle = *v;
    // The market's civil time (prices by date, bookings, "today"): an IANA zone of the system's
    // zone database, with its daylight-saving rules.
    m.timeZone = TimeZone::fixed("", 0);  // no name until one loads: later checks skip a zone already reported
    if (auto v = r.nonEmptyString(doc, "", "time_zone")) {
        TimeZoneResult zone = loadTimeZone(*v);
        if (zone.zone) m.timeZone = std::move(*zone.zone);
        else r.fail("/time_zone", zone.error);
    }
    if (auto v = r.string(doc, "", "share_base_url", false)) {
        static const std::regex kUrl("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$");
        if (std::regex_match(*v, kUrl) && v->back() != '/') m.shareBaseUrl = *v;
        else r.fail("/share_base_url", "\"" + *v + "\" is not an http(s) address without a trailing slash");
    }
    if (const Json* formats = r.object(doc, "", "formats", false)) loadFormats(r, *formats, m);
}

// ---- models/*.json ----------------------------------------------------------------------

void loadOption(JsonReader& r, const Json& j, const std::string& p, const Catalog& c, Option& o) {
    r.allowOnly(j, p, {"id", "category", "name", "description", "price_minor", "paint", "wheel", "battery"});
    if (auto v = readId(r, j, p)) o.id = *v;
    if (auto v = r.string(j, p, "category")) {
        o.category = *v;
        if (!c.findCategory(*v)) r.fail(jsonPointer(p, "category"), "unknown category \"" + *v + "\"");
    }
    if (auto v = r.text(j, p, "name")) o.name = *v;
    if (auto v = r.text(j, p, "description", false)) o.description = *v;
    if (auto v = r.price(j, p, "price_minor", kMaxContentPriceMinor)) o.priceMinor = *v;
    if (const Json* paint = r.object(j, p, "paint", o.category == "paint")) {
        const std::string pp = jsonPointer(p, "paint");
        r.allowOnly(*paint, pp, {"base_color", "metallic", "roughness", "clearcoat", "clearcoat_roughness", "flake"});
        PaintSpec s;
        if (auto v = r.string(*paint, pp, "base_color")) {
            if (auto rgb = parseHexColor(*v)) s.baseColorSrgb = *rgb;
            else r.fail(jsonPointer(pp, "base_color"), "colour \"" + *v + "\" is not of the form #RRGGBB");
        }
        if (auto v = r.number(*paint, pp, "metallic", 0, 1)) s.metallic = static_cast<float>(*v);
        if (auto v = r.number(*paint, pp, "roughness", 0, 1)) s.roughness = static_cast<float>(*v);
        if (auto v = r.number(*paint, pp, "clearcoat", 0, 1)) s.clearcoat = static_cast<float>(*v);
        if (auto v = r.number(*paint, pp, "clearcoat_roughness", 0, 1)) s.clearcoatRoughness = static_cast<float>(*v);
        if (auto v = r.number(*paint, pp, "flake", 0, 1, false)) s.flake = static_cast<float>(*v);
        o.paint = s;
    }
    if (const Json* wheel = r.object(j, p, "wheel", o.category == "wheels")) {
        const std::string wp = jsonPointer(p, "wheel");
        r.allowOnly(*wheel, wp, {"diameter_in", "design", "tyre"});
        WheelSpec s;
        if (auto v = r.integer(*wheel, wp, "diameter_in", 14, 24)) s.diameterInch = static_cast<int>(*v);
        if (auto v = r.nonEmptyString(*wheel, wp, "design")) s.design = *v;
        if (auto t = readTyre(r, *wheel, wp, "tyre")) {
            s.tyre = *t;
            if (s.diameterInch != 0 && t->rimInch != s.diameterInch)
                r.fail(jsonPointer(wp, "tyre"), "tyre \"" + t->text + "\" does not fit a " +
                                                     std::to_string(s.diameterInch) + "-inch wheel");
        }
        o.wheel = s;
    }
    if (const Json* bat = r.object(j, p, "battery", o.category == "battery")) {
        const std::string bp = jsonPointer(p, "battery");
        r.allowOnly(*bat, bp, {"usable_kwh", "mass_kg", "chemistry", "max_dc_charge_kw", "dc_charge_curve"});
        BatterySpec s;
        if (auto v = r.number(*bat, bp, "usable_kwh", 5, 250)) s.usableKwh = *v;
        if (auto v = r.number(*bat, bp, "mass_kg", 20, 1500)) s.massKg = *v;
        if (auto v = r.nonEmptyString(*bat, bp, "chemistry")) s.chemistry = *v;
        if (auto v = r.number(*bat, bp, "max_dc_charge_kw", 10, 1000)) s.maxDcChargeKw = *v;
        // Optional DC charge curve: [[soc_percent, kw], ...], SoC strictly rising from 0 to 100, power
        // positive and never above max_dc_charge_kw.
        if (const Json* curve = r.array(*bat, bp, "dc_charge_curve", false)) {
            const std::string cp = jsonPointer(bp, "dc_charge_curve");
            for (size_t i = 0; i < curve->size(); ++i) {
                const Json& e = (*curve)[i];
                const std::string ep = jsonPointer(cp, i);
                if (!e.is_array() || e.size() != 2 || !e[0].is_number() || !e[1].is_number()) {
                    r.fail(ep, "expected a [soc_percent, kw] pair of numbers");
                    continue;
                }
                const ChargePoint pt{e[0].get<double>(), e[1].get<double>()};
                if (pt.socPercent < 0 || pt.socPercent > 100) r.fail(ep, "state of charge " + Json(pt.socPercent).dump() + " % is outside 0..100");
                else if (!s.dcChargeCurve.empty() && pt.socPercent <= s.dcChargeCurve.back().socPercent)
                    r.fail(ep, "state of charge " + Json(pt.socPercent).dump() + " % does not rise");
                else if (pt.kw <= 0 || (s.maxDcChargeKw > 0 && pt.kw > s.maxDcChargeKw))
                    r.fail(ep, "power " + Json(pt.kw).dump() + " kW is not within 0..max_dc_charge_kw (" + Json(s.maxDcChargeKw).dump() + ")");
                else s.dcChargeCurve.push_back(pt);
            }
            if (curve->size() < 2) r.fail(cp, "a charge curve needs at least two points");
            else if (!s.dcChargeCurve.empty() && (s.dcChargeCurve.front().socPercent != 0 || s.dcChargeCurve.back().socPercent != 100))
                r.fail(cp, "a charge curve must run from 0 % to 100 % state of charge");
        }
        o.battery = s;
    }
}

void loadPhysics(JsonReader& r, const Json& j, const std::string& p, Physics& ph) {
    r.allowOnly(j, p, {"curb_mass_kg", "drag_coefficient", "frontal_area_m2", "tyre", "drivetrain", "motor_power_kw",
                       "heat_pump", "onboard_charger_kw", "coast_down"});
    if (auto v = r.number(j, p, "curb_mass_kg", 500, 4000)) ph.curbMassKg = *v;
    if (auto v = r.number(j, p, "drag_coefficient", 0.15, 0.6)) ph.dragCoefficient = *v;
    if (auto v = r.number(j, p, "frontal_area_m2", 1.5, 4.5)) ph.frontalAreaM2 = *v;
    if (auto t = readTyre(r, j, p, "tyre")) ph.tyre = *t;
    if (auto v = r.string(j, p, "drivetrain")) {
        if (*v == "fwd" || *v == "rwd" || *v == "awd") ph.drivetrain = *v;
        else r.fail(jsonPointer(p, "drivetrain"), "drivetrain \"" + *v + "\" must be fwd, rwd or awd");
    }
    if (auto v = r.number(j, p, "motor_power_kw", 20, 1500)) ph.motorPowerKw = *v;
    if (auto v = r.boolean(j, p, "heat_pump")) ph.heatPump = *v;
    if (auto v = r.number(j, p, "onboard_charger_kw", 3, 22)) ph.onboardChargerKw = *v;
    if (const Json* cd = r.object(j, p, "coast_down", false)) {
        const std::string cp = jsonPointer(p, "coast_down");
        r.allowOnly(*cd, cp, {"a_n", "b_n_per_mps", "c_n_per_mps2"});
        CoastDown k;
        auto a = r.number(*cd, cp, "a_n", 20, 1000);
        auto b = r.number(*cd, cp, "b_n_per_mps", -20, 50);
        auto c = r.number(*cd, cp, "c_n_per_mps2", 0.05, 3);
        if (a && b && c) ph.coastDown = CoastDown{*a, *b, *c};
    }
}

void loadTrim(JsonReader& r, const Json& j, const std::string& p, Trim& t) {
    r.allowOnly(j, p, {"id", "name", "base_price_minor", "options", "defaults", "physics", "official",
                       "purchase_tax_qualified"});
    t.sourcePath = p;
    if (auto v = readId(r, j, p)) t.id = *v;
    if (auto v = r.text(j, p, "name")) t.name = *v;
    if (auto v = r.price(j, p, "base_price_minor", kMaxContentPriceMinor)) t.basePriceMinor = *v;
    t.options = r.stringArray(j, p, "options");
    if (const Json* d = r.object(j, p, "defaults")) {
        for (auto it = d->begin(); it != d->end(); ++it) {
            if (!it->is_string()) {
                r.fail(jsonPointer(jsonPointer(p, "defaults"), it.key()), "expected an option id string");
                continue;
            }
            t.defaults[it.key()] = it->get<std::string>();
        }
    }
    if (const Json* ph = r.object(j, p, "physics")) loadPhysics(r, *ph, jsonPointer(p, "physics"), t.physics);
    if (const Json* off = r.array(j, p, "official")) {
        for (size_t i = 0; i < off->size(); ++i) {
            const std::string op = jsonPointer(jsonPointer(p, "official"), i);
            const Json& e = (*off)[i];
            if (!r.expectObject(e, op)) continue;
            r.allowOnly(e, op, {"battery", "cltc_range_km", "cltc_kwh_per_100km"});
            OfficialRange o;
            if (auto v = r.string(e, op, "battery")) o.batteryOption = *v;
            if (auto v = r.number(e, op, "cltc_range_km", 50, 2000)) o.cltcRangeKm = *v;
            if (auto v = r.number(e, op, "cltc_kwh_per_100km", 5, 40)) o.cltcKwhPer100km = *v;
            t.official.push_back(o);
        }
    }
    if (auto v = r.boolean(j, p, "purchase_tax_qualified", false)) t.purchaseTaxQualified = *v;
}

void loadRule(JsonReader& r, const Json& j, const std::string& p, Rule& rule) {
    r.allowOnly(j, p, {"id", "type", "if", "then", "message"});
    rule.sourcePath = p;
    if (auto v = readId(r, j, p)) rule.id = *v;
    if (auto v = r.string(j, p, "type")) {
        if (*v == "requires") rule.kind = RuleKind::Requires;
        else if (*v == "excludes") rule.kind = RuleKind::Excludes;
        else if (*v == "includes") rule.kind = RuleKind::Includes;
        else r.fail(jsonPointer(p, "type"), "rule type \"" + *v + "\" must be requires, excludes or includes");
    }
    if (auto v = r.string(j, p, "if")) rule.subject = *v;
    rule.targets = r.stringArray(j, p, "then");
    if (rule.targets.empty() && j.contains("then")) r.fail(jsonPointer(p, "then"), "a rule needs at least one target");
    if (auto v = r.text(j, p, "message")) rule.message = *v;
}

// Cross-references inside one model, checked once every part has been read.
void checkModel(JsonReader& r, const Catalog& c, const Model& m) {
    std::set<std::string> ids;
    for (size_t i = 0; i < m.options.size(); ++i)
        if (!m.options[i].id.empty() && !ids.insert(m.options[i].id).second)
            r.fail(jsonPointer(jsonPointer("/options", i), "id"), "duplicate id \"" + m.options[i].id + "\"");
    for (size_t i = 0; i < m.trims.size(); ++i)
        if (!m.trims[i].id.empty() && !ids.insert(m.trims[i].id).second)
            r.fail(jsonPointer(jsonPointer("/trims", i), "id"), "duplicate id \"" + m.trims[i].id + "\"");

    for (size_t ti = 0; ti < m.trims.size(); ++ti) {
        const Trim& t = m.trims[ti];
        const std::string tp = jsonPointer("/trims", ti);
        std::set<std::string> offered;
        for (size_t oi = 0; oi < t.options.size(); ++oi) {
            const std::string& id = t.options[oi];
            if (!m.findOption(id)) r.fail(jsonPointer(jsonPointer(tp, "options"), oi), "unknown option \"" + id + "\"");
            else if (!offered.insert(id).second)
                r.fail(jsonPointer(jsonPointer(tp, "options"), oi), "option \"" + id + "\" listed twice");
        }
        // Every single-choice category the trim offers needs a default, and the default must be offered.
        for (const auto& cat : c.categories) {
            if (!cat.single) continue;
            bool any = false;
            for (const auto& id : offered)
                if (const Option* o = m.findOption(id); o && o->category == cat.id) any = true;
            if (any && !t.defaults.count(cat.id))
                r.fail(jsonPointer(tp, "defaults"), "missing default for category \"" + cat.id + "\"");
        }
        for (const auto& [category, optionId] : t.defaults) {
            const std::string dp = jsonPointer(jsonPointer(tp, "defaults"), category);
            const Category* cat = c.findCategory(category);
            const Option* o = m.findOption(optionId);
            if (!cat) r.fail(dp, "unknown category \"" + category + "\"");
            else if (!o) r.fail(dp, "unknown option \"" + optionId + "\"");
            else if (o->category != category)
                r.fail(dp, "option \"" + optionId + "\" is in category \"" + o->category + "\", not \"" + category + "\"");
            else if (!offered.count(optionId)) r.fail(dp, "option \"" + optionId + "\" is not offered on this trim");
        }
        // One official CLTC figure for each battery the trim offers, and none for others.
        std::set<std::string> batteries;
        for (const auto& id : offered)
            if (const Option* o = m.findOption(id); o && o->battery) batteries.insert(id);
        if (batteries.empty()) r.fail(jsonPointer(tp, "options"), "trim offers no battery option");
        std::set<std::string> covered;
        for (size_t oi = 0; oi < t.official.size(); ++oi) {
            const auto& off = t.official[oi];
            const std::string op = jsonPointer(jsonPointer(tp, "official"), oi);
            if (off.batteryOption.empty()) continue;
            if (!batteries.count(off.batteryOption))
                r.fail(jsonPointer(op, "battery"), "battery \"" + off.batteryOption + "\" is not offered on this trim");
            else if (!covered.insert(off.batteryOption).second)
                r.fail(jsonPointer(op, "battery"), "battery \"" + off.batteryOption + "\" has two official figures");
        }
        for (const auto& b : batteries)
            if (!covered.count(b)) r.fail(jsonPointer(tp, "official"), "no official CLTC figure for battery \"" + b + "\"");
    }

    for (size_t ri = 0; ri < m.rules.size(); ++ri) {
        const Rule& rule = m.rules[ri];
        const std::string rp = jsonPointer("/rules", ri);
        auto known = [&](const std::string& id) { return m.findOption(id) || m.findTrim(id); };
        if (!rule.subject.empty() && !known(rule.subject))
            r.fail(jsonPointer(rp, "if"), "unknown option or trim \"" + rule.subject + "\"");
        for (size_t k = 0; k < rule.targets.size(); ++k)
            if (!known(rule.targets[k]))
                r.fail(jsonPointer(jsonPointer(rp, "then"), k), "unknown option or trim \"" + rule.targets[k] + "\"");
        if (rule.kind == RuleKind::Includes) {
            for (size_t k = 0; k < rule.targets.size(); ++k)
                if (m.findTrim(rule.targets[k]))
                    r.fail(jsonPointer(jsonPointer(rp, "then"), k), "a package cannot include a trim");
        }
    }
}

void loadModel(JsonReader& r, const Json& doc, const Catalog& c, Model& m) {
    if (!r.expectObject(doc, "")) return;
    r.allowOnly(doc, "", {"id", "name", "tagline", "body_style", "seats", "dimensions", "trims", "options", "rules"});
    if (auto v = readId(r, doc, "")) m.id = *v;
    if (auto v = r.text(doc, "", "name")) m.name = *v;
    if (auto v = r.text(doc, "", "tagline")) m.tagline = *v;
    if (auto v = r.string(doc, "", "body_style")) {
        if (*v == "hatchback" || *v == "sedan" || *v == "suv") m.bodyStyle = *v;
        else r.fail("/body_style", "body style \"" + *v + "\" must be hatchback, sedan or suv");
    }
    if (auto v = r.integer(doc, "", "seats", 1, 9)) m.seats = static_cast<int>(*v);
    if (const Json* d = r.object(doc, "", "dimensions")) {
        r.allowOnly(*d, "/dimensions", {"length_mm", "width_mm", "height_mm", "wheelbase_mm", "track_mm",
                                         "ground_clearance_mm"});
        auto mm = [&](const char* key, std::int64_t lo, std::int64_t hi, int& out) {
            if (auto v = r.integer(*d, "/dimensions", key, lo, hi)) out = static_cast<int>(*v);
        };
        mm("length_mm", 2500, 6000, m.dimensions.lengthMm);
        mm("width_mm", 1400, 2300, m.dimensions.widthMm);
        mm("height_mm", 1100, 2200, m.dimensions.heightMm);
        mm("wheelbase_mm", 1800, 3600, m.dimensions.wheelbaseMm);
        mm("track_mm", 1200, 1900, m.dimensions.trackMm);
        mm("ground_clearance_mm", 80, 350, m.dimensions.groundClearanceMm);
    }
    if (const Json* opts = r.array(doc, "", "options")) {
        for (size_t i = 0; i < opts->size(); ++i) {
            const std::string p = jsonPointer("/options", i);
            if (!r.expectObject((*opts)[i], p)) continue;
            Option o;
            o.sourceFile = r.file();
            o.sourcePath = p;
            loadOption(r, (*opts)[i], p, c, o);
            m.options.push_back(std::move(o));
        }
    }
    if (const Json* trims = r.array(doc, "", "trims")) {
        if (trims->empty() || trims->size() > 4) r.fail("/trims", "a model has 1 to 4 trims, found " + std::to_string(trims->size()));
        for (size_t i = 0; i < trims->size(); ++i) {
            const std::string p = jsonPointer("/trims", i);
            if (!r.expectObject((*trims)[i], p)) continue;
            Trim t;
            loadTrim(r, (*trims)[i], p, t);
            m.trims.push_back(std::move(t));
        }
    }
    if (const Json* rules = r.array(doc, "", "rules", false)) {
        for (size_t i = 0; i < rules->size(); ++i) {
            const std::string p = jsonPointer("/rules", i);
            if (!r.expectObject((*rules)[i], p)) continue;
            Rule rule;
            loadRule(r, (*rules)[i], p, rule);
            m.rules.push_back(std::move(rule));
        }
    }
    checkModel(r, c, m);
}

// ---- showroom.json ----------------------------------------------------------------------

void loadShowroom(JsonReader& r, const Json& doc, Catalog& c, bool checkModels) {
    Showroom& s = c.showroom;
    if (!r.expectObject(doc, "")) return;
    // Booking sections (hours, slots) are read by the booking module.
    if (auto v = readId(r, doc, "")) s.id = *v;
    if (auto v = r.text(doc, "", "name")) s.name = *v;
    if (auto v = r.text(doc, "", "address")) s.address = *v;
    if (auto v = r.string(doc, "", "phone")) s.phone = *v;
    if (auto v = r.string(doc, "", "timezone", false)) {
        s.timezone = *v;
        if (!c.market.timeZone.name().empty() && s.timezone != c.market.timeZone.name())
            r.fail("/timezone", "\"" + s.timezone + "\" differs from the market's time_zone \"" + c.market.timeZone.name() +
                                    "\" (" + c.market.sourceFile + "): the showroom keeps the market's time");
    }
    if (const Json* fleet = r.array(doc, "", "demo_fleet")) {
        std::set<std::string> seen;
        for (size_t i = 0; i < fleet->size(); ++i) {
            const std::string p = jsonPointer("/demo_fleet", i);
            const Json& j = (*fleet)[i];
            if (!r.expectObject(j, p)) continue;
            r.allowOnly(j, p, {"id", "model", "trim", "paint", "plate"});
            DemoVehicle d;
            if (auto v = readId(r, j, p)) d.id = *v;
            if (!d.id.empty() && !seen.insert(d.id).second) r.fail(jsonPointer(p, "id"), "duplicate demo vehicle \"" + d.id + "\"");
            if (auto v = r.string(j, p, "model")) d.model = *v;
            if (auto v = r.string(j, p, "trim")) d.trim = *v;
            if (auto v = r.string(j, p, "paint")) d.paint = *v;
            if (auto v = r.nonEmptyString(j, p, "plate")) d.plate = *v;
            const Model* m = c.findModel(d.model);
            if (checkModels && !d.model.empty() && !m) r.fail(jsonPointer(p, "model"), "unknown model \"" + d.model + "\"");
            if (m && !d.trim.empty() && !m->findTrim(d.trim))
                r.fail(jsonPointer(p, "trim"), "unknown trim \"" + d.trim + "\" of model \"" + d.model + "\"");
            if (m && !d.paint.empty()) {
                const Option* o = m->findOption(d.paint);
                if (!o || o->category != "paint") r.fail(jsonPointer(p, "paint"), "unknown paint \"" + d.paint + "\"");
            }
            s.demoFleet.push_back(std::move(d));
        }
    }
}

// The first strings file defines the keys; a later one (a market's own labels: its test cycle,
// its taxes) replaces some of them and may add none, so a misspelt key is an error, not a new string.
void loadStrings(JsonReader& r, const Json& doc, Catalog& c, bool overlay) {
    if (!r.expectObject(doc, "")) return;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (overlay && !c.strings.count(it.key())) {
            r.fail(jsonPointer("", it.key()), "no such string in the earlier strings files");
            continue;
        }
        if (auto t = r.text(doc, "", it.key().c_str())) c.strings[it.key()] = *t;
    }
}

// "strings": one file, or a list of files where later ones replace labels of earlier ones.
std::vector<std::string> stringFiles(JsonReader& mr, const Json& manifest) {
    const auto it = manifest.find("strings");
    if (it == manifest.end() || !it->is_array()) {
        auto one = mr.string(manifest, "", "strings");
        return one ? std::vector<std::string>{*one} : std::vector<std::string>{};
    }
    auto files = mr.stringArray(manifest, "", "strings");
    if (files.empty()) mr.fail("/strings", "at least one strings file is required");
    return files;
}

}  // namespace

std::string defaultContentDirectory() {
    std::error_code ec;
    if (fs::exists("content/content.json", ec)) return "content";
    return KIOSK_DEFAULT_CONTENT_DIR;
}

Result<std::string> marketContentDirectory(const std::string& directory, const std::string& marketId) {
    if (marketId.empty()) return directory;
    if (!validId(marketId)) return fail("market \"" + marketId + "\" is not a market id (lower-case letters, digits, '-')");
    std::error_code ec;
    const std::string own = joinPath(directory, "markets/" + marketId);
    if (fs::exists(joinPath(own, "content.json"), ec)) return own;
    // The folder's own market: the one its content.json names.
    ContentErrors errors;
    std::string ownId;
    if (auto manifest = parseJsonFile(joinPath(directory, "content.json"), errors); manifest && manifest->is_object()) {
        const auto file = manifest->find("market");
        if (file != manifest->end() && file->is_string())
            if (auto market = parseJsonFile(joinPath(directory, file->get<std::string>()), errors);
                market && market->is_object() && market->contains("id") && (*market)["id"].is_string())
                ownId = (*market)["id"].get<std::string>();
    }
    if (ownId == marketId) return directory;
    return fail("no market \"" + marketId + "\" in " + directory + ": no " + joinPath(own, "content.json") +
                (ownId.empty() ? std::string() : ", and the folder's own market is \"" + ownId + "\""));
}

LoadResult loadContent(const std::string& directory) {
    LoadResult result;
    ContentErrors& errors = result.errors;
    Catalog c;
    c.directory = directory;

    const std::string manifestFile = joinPath(directory, "content.json");
    auto manifest = parseJsonFile(manifestFile, errors);
    if (!manifest) return result;
    JsonReader mr(manifestFile, errors);
    if (!mr.expectObject(*manifest, "")) return result;
    mr.allowOnly(*manifest, "", {"format", "content_version", "brand", "market", "showroom", "strings", "models", "modules"});
    mr.integer(*manifest, "", "format", 1, 1);
    if (auto v = mr.nonEmptyString(*manifest, "", "content_version")) c.contentVersion = *v;
    auto brandFile = mr.string(*manifest, "", "brand");
    auto marketFile = mr.string(*manifest, "", "market");
    auto showroomFile = mr.string(*manifest, "", "showroom");
    const auto stringsFiles = stringFiles(mr, *manifest);
    auto modelFiles = mr.stringArray(*manifest, "", "models");
    if (manifest->contains("models") && modelFiles.empty()) mr.fail("/models", "at least one model file is required");
    if (const Json* modules = mr.object(*manifest, "", "modules", false)) {
        for (auto it = modules->begin(); it != modules->end(); ++it) {
            if (!it->is_string()) {
                mr.fail(jsonPointer("/modules", it.key()), "expected a file path string");
                continue;
            }
            const std::string f = joinPath(directory, it->get<std::string>());
            std::error_code ec;
            if (!fs::exists(f, ec)) mr.fail(jsonPointer("/modules", it.key()), "file \"" + f + "\" does not exist");
            c.moduleFiles[it.key()] = f;
        }
    }

    // The market comes first: it declares the languages every text must have.
    if (marketFile) {
        const std::string f = joinPath(directory, *marketFile);
        c.market.sourceFile = f;
        if (auto doc = parseJsonFile(f, errors)) {
            JsonReader r(f, errors);
            loadMarket(r, *doc, c.market);
            if (!c.market.languages.empty()) {
                JsonReader tr(f, errors, c.market.languages);
                tr.tolerate(c.market.otherLanguages);
                if (auto v = tr.text(*doc, "", "name")) c.market.name = *v;
            }
        }
    }
    const auto& languages = c.market.languages;
    if (languages.empty()) {
        if (errors.empty()) errors.push_back({manifestFile, "/market", "no market with languages could be loaded"});
        return result;
    }
    // Texts in the market's languages; shared files may also carry those of other markets.
    auto reader = [&](const std::string& file) {
        JsonReader r(file, errors, languages);
        r.tolerate(c.market.otherLanguages);
        return r;
    };
    if (brandFile) {
        const std::string f = joinPath(directory, *brandFile);
        if (auto doc = parseJsonFile(f, errors)) {
            JsonReader r = reader(f);
            loadBrand(r, *doc, c);
        }
    }
    std::set<std::string> modelIds;
    bool everyModelRead = true;
    for (size_t i = 0; i < modelFiles.size(); ++i) {
        const std::string f = joinPath(directory, modelFiles[i]);
        auto doc = parseJsonFile(f, errors);
        if (!doc) {
            everyModelRead = false;
            continue;
        }
        JsonReader r = reader(f);
        Model m;
        m.sourceFile = f;
        loadModel(r, *doc, c, m);
        if (!m.id.empty() && !modelIds.insert(m.id).second) r.fail("/id", "duplicate model \"" + m.id + "\"");
        c.models.push_back(std::move(m));
    }
    for (size_t i = 0; i < stringsFiles.size(); ++i) {
        const std::string f = joinPath(directory, stringsFiles[i]);
        if (auto doc = parseJsonFile(f, errors)) {
            JsonReader r = reader(f);
            loadStrings(r, *doc, c, i > 0);
        }
    }
    if (showroomFile) {
        const std::string f = joinPath(directory, *showroomFile);
        c.showroom.sourceFile = f;
        if (auto doc = parseJsonFile(f, errors)) {
            JsonReader r = reader(f);
            // A model file that could not be parsed would make every demo vehicle of it look unknown.
            loadShowroom(r, *doc, c, everyModelRead);
        }
    }
    if (errors.empty()) result.catalog = std::move(c);
    return result;
}

}  // namespace core
