#include "core/analytics/Event.h"

#include <algorithm>
#include <charconv>

namespace core::analytics {
namespace {

constexpr const char* kTypeNames[kEventTypeCount] = {"session_started", "model_viewed", "option_picked", "option_greyed_out",
                                                      "quote_shown",     "qr_taken",     "booking_made",  "abandoned",
                                                      "guide_answered",  "recommendation_taken", "share_opened"};

bool hasBuild(EventType t) {
    return t == EventType::QuoteShown || t == EventType::QrTaken || t == EventType::BookingMade || t == EventType::Abandoned ||
           t == EventType::RecommendationTaken || t == EventType::SharePageOpened;
}
bool isOptionEvent(EventType t) { return t == EventType::OptionPicked || t == EventType::OptionGreyedOut; }

bool in(const std::set<std::string, std::less<>>& set, std::string_view v) { return set.find(v) != set.end(); }

void appendField(std::string& out, const char* key, std::string_view value) {
    if (value.empty()) return;
    out += ",\"";
    out += key;
    out += "\":\"";
    out += value;
    out += '"';
}

bool isWs(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

const char* toString(EventType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::optional<EventType> eventTypeFromString(std::string_view s) {
    for (size_t i = 0; i < kEventTypeCount; ++i)
        if (s == kTypeNames[i]) return static_cast<EventType>(i);
    return std::nullopt;
}

Build buildOf(const Catalog& catalog, const std::string& model, const std::string& trim, const std::set<std::string>& options) {
    Build b;
    b.model = model;
    b.trim = trim;
    const Model* m = catalog.findModel(model);
    if (!m) return b;
    for (const auto& id : options) {
        const Option* o = m->findOption(id);
        if (!o) continue;
        if (o->category == "battery") b.battery = id;
        else if (o->category == "paint") b.paint = id;
        else if (o->category == "wheels") b.wheels = id;
    }
    return b;
}

std::string sessionIdFromRandom(const std::array<unsigned char, kSessionIdLetters>& random) {
    std::string s(kSessionIdLetters, 'a');
    for (size_t i = 0; i < kSessionIdLetters; ++i) s[i] = static_cast<char>('a' + random[i] % 26);
    return s;
}

bool isSessionId(std::string_view s) {
    return s.size() == kSessionIdLetters && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool isKioskId(std::string_view s) {
    if (s.empty() || s.size() > 32 || s[0] < 'a' || s[0] > 'z') return false;
    int digits = 0;
    for (char c : s) {
        const bool digit = c >= '0' && c <= '9';
        if (!digit && !(c >= 'a' && c <= 'z') && c != '-') return false;
        digits = digit ? digits + 1 : 0;
        if (digits > 4) return false;
    }
    return true;
}

Vocabulary vocabularyOf(const Catalog& catalog, const std::vector<std::string>& screens) {
    Vocabulary v;
    for (const auto& m : catalog.models) {
        v.models.insert(m.id);
        for (const auto& t : m.trims) v.trims.insert(t.id);
        for (const auto& o : m.options) v.options.insert(o.id);
    }
    for (const auto& c : catalog.categories) v.categories.insert(c.id);
    v.categories.insert("trim");
    v.screens.insert(screens.begin(), screens.end());
    return v;
}

std::vector<std::string> checkEvent(const EventView& e, const Vocabulary& v) {
    std::vector<std::string> p;
    if (!isSessionId(e.session)) p.push_back("session is not a session id of 22 letters a-z");
    if (!isKioskId(e.kiosk)) p.push_back("kiosk is not a kiosk id");
    // 2020-01-01 .. 2100-01-01 in UTC seconds.
    if (e.timeS < 1577836800LL || e.timeS > 4102444800LL) p.push_back("t is not a plausible UTC time in seconds");
    auto need = [&](std::string_view value, const char* field, const std::set<std::string, std::less<>>& set, bool required) {
        if (value.empty()) {
            if (required) p.push_back(std::string(field) + " is required for " + toString(e.type));
        } else if (!in(set, value)) {
            p.push_back(std::string(field) + " is not a known id");
        }
    };
    auto none = [&](std::string_view value, const char* field) {
        if (!value.empty()) p.push_back(std::string(field) + " does not belong to " + toString(e.type));
    };
    const bool build = hasBuild(e.type), option = isOptionEvent(e.type);
    const bool fullBuild = e.type == EventType::QuoteShown || e.type == EventType::QrTaken ||
                           e.type == EventType::RecommendationTaken || e.type == EventType::SharePageOpened;
    const bool guide = e.type == EventType::GuideAnswered;
    if (e.type == EventType::SessionStarted || guide) none(e.model, "model");
    else need(e.model, "model", v.models, e.type != EventType::Abandoned);
    if (option || build) need(e.trim, "trim", v.trims, option || fullBuild);
    else none(e.trim, "trim");
    if (option) {
        need(e.category, "category", v.categories, true);
        need(e.option, "option", e.category == "trim" ? v.trims : v.options, true);
    } else if (guide) {
        static const std::set<std::string, std::less<>> noAnswers;
        const auto question = v.guideAnswers.find(e.category);
        if (e.category.empty()) p.push_back("category is required for guide_answered");
        else if (question == v.guideAnswers.end()) p.push_back("category is not a question of the guide");
        need(e.option, "option", question == v.guideAnswers.end() ? noAnswers : question->second, true);
    } else {
        none(e.category, "category");
        none(e.option, "option");
    }
    if (build) {
        need(e.battery, "battery", v.options, fullBuild);
        need(e.paint, "paint", v.options, fullBuild);
        need(e.wheels, "wheels", v.options, fullBuild);
        if (e.model.empty() && !(e.trim.empty() && e.battery.empty() && e.paint.empty() && e.wheels.empty()))
            p.push_back("a build needs its model");
    } else {
        none(e.battery, "battery");
        none(e.paint, "paint");
        none(e.wheels, "wheels");
    }
    if (e.type == EventType::Abandoned) need(e.screen, "screen", v.screens, true);
    else none(e.screen, "screen");
    if (e.type == EventType::BookingMade) need(e.kind, "kind", v.kinds, true);
    else if (e.type == EventType::RecommendationTaken) need(e.kind, "kind", v.ranks, true);
    else none(e.kind, "kind");
    return p;
}

EventView viewOf(const Event& e) {
    EventView v;
    v.type = e.type;
    v.session = e.session;
    v.kiosk = e.kiosk;
    v.timeS = e.timeS;
    if (hasBuild(e.type)) {
        v.model = e.build.model;
        v.trim = e.build.trim;
        v.battery = e.build.battery;
        v.paint = e.build.paint;
        v.wheels = e.build.wheels;
    } else {
        v.model = e.model;
        v.trim = e.trim;
    }
    v.category = e.category;
    v.option = e.option;
    v.screen = e.screen;
    v.kind = e.kind;
    return v;
}

Event eventFromView(const EventView& v) {
    Event e;
    e.type = v.type;
    e.session = v.session;
    e.kiosk = v.kiosk;
    e.timeS = v.timeS;
    if (hasBuild(v.type)) e.build = {std::string(v.model), std::string(v.trim), std::string(v.battery), std::string(v.paint), std::string(v.wheels)};
    else {
        e.model = v.model;
        e.trim = v.trim;
    }
    e.category = v.category;
    e.option = v.option;
    e.screen = v.screen;
    e.kind = v.kind;
    return e;
}

std::optional<std::string> eventToJsonLine(const Event& e, const Vocabulary& vocabulary) {
    const EventView v = viewOf(e);
    if (!checkEvent(v, vocabulary).empty()) return std::nullopt;
    std::string out;
    out.reserve(200);
    out += "{\"v\":1";
    appendField(out, "session", v.session);
    appendField(out, "kiosk", v.kiosk);
    out += ",\"t\":";
    out += std::to_string(v.timeS);
    appendField(out, "type", toString(v.type));
    appendField(out, "model", v.model);
    appendField(out, "trim", v.trim);
    appendField(out, "category", v.category);
    appendField(out, "option", v.option);
    appendField(out, "battery", v.battery);
    appendField(out, "paint", v.paint);
    appendField(out, "wheels", v.wheels);
    appendField(out, "screen", v.screen);
    appendField(out, "kind", v.kind);
    out += '}';
    return out;
}

bool parseEventLine(std::string_view s, EventView& out, std::string& error) {
    out = EventView{};
    size_t i = 0;
    const size_t n = s.size();
    auto ws = [&] {
        while (i < n && isWs(s[i])) ++i;
    };
    auto fail = [&](std::string what) {
        error = std::move(what) + " at column " + std::to_string(i + 1);
        return false;
    };
    auto readString = [&](std::string_view& v) {
        if (i >= n || s[i] != '"') return false;
        const size_t start = ++i;
        while (i < n && s[i] != '"') {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c == '\\' || c < 0x20 || c >= 0x80) return false;  // ids are plain ASCII without escapes
            ++i;
        }
        if (i >= n) return false;
        v = s.substr(start, i - start);
        ++i;
        return true;
    };
    ws();
    if (i >= n || s[i] != '{') return fail("expected '{'");
    ++i;
    bool haveVersion = false, haveType = false, haveTime = false;
    unsigned seen = 0;
    for (bool first = true;; first = false) {
        ws();
        if (i < n && s[i] == '}' && first) return fail("empty object");
        std::string_view key;
        if (!readString(key)) return fail("expected a key string");
        ws();
        if (i >= n || s[i] != ':') return fail("expected ':'");
        ++i;
        ws();
        static constexpr std::string_view kKeys[] = {"v",      "session", "kiosk",  "t",     "type",   "model",  "trim",
                                                     "category", "option", "battery", "paint", "wheels", "screen", "kind"};
        size_t k = 0;
        while (k < std::size(kKeys) && kKeys[k] != key) ++k;
        if (k == std::size(kKeys)) return fail("unknown key");
        if (seen & (1u << k)) return fail("duplicate key");
        seen |= 1u << k;
        if (k == 0 || k == 3) {
            std::int64_t value = 0;
            const auto r = std::from_chars(s.data() + i, s.data() + n, value);
            if (r.ec != std::errc() || r.ptr == s.data() + i) return fail("expected an integer");
            i = static_cast<size_t>(r.ptr - s.data());
            if (k == 0) {
                if (value != kEventFormat) return fail("unsupported event format");
                haveVersion = true;
            } else {
                out.timeS = value;
                haveTime = true;
            }
        } else {
            std::string_view v;
            if (!readString(v)) return fail("expected a plain ASCII string without escapes");
            if (v.empty()) return fail("empty string");
            switch (k) {
                case 1: out.session = v; break;
                case 2: out.kiosk = v; break;
                case 4: {
                    auto t = eventTypeFromString(v);
                    if (!t) return fail("unknown event type");
                    out.type = *t;
                    haveType = true;
                    break;
                }
                case 5: out.model = v; break;
                case 6: out.trim = v; break;
                case 7: out.category = v; break;
                case 8: out.option = v; break;
                case 9: out.battery = v; break;
                case 10: out.paint = v; break;
                case 11: out.wheels = v; break;
                case 12: out.screen = v; break;
                default: out.kind = v; break;
            }
        }
        ws();
        if (i < n && s[i] == ',') {
            ++i;
            continue;
        }
        if (i < n && s[i] == '}') {
            ++i;
            break;
        }
        return fail("expected ',' or '}'");
    }
    ws();
    if (i != n) return fail("text after the object");
    if (!haveVersion) return fail("missing \"v\"");
    if (!haveType) return fail("missing \"type\"");
    if (!haveTime) return fail("missing \"t\"");
    if (out.session.empty() || out.kiosk.empty()) return fail("missing \"session\" or \"kiosk\"");
    return true;
}

nlohmann::json eventToJson(const Event& e) {
    const EventView v = viewOf(e);
    nlohmann::json j = {{"v", kEventFormat}, {"session", v.session}, {"kiosk", v.kiosk}, {"t", v.timeS}, {"type", toString(v.type)}};
    auto put = [&](const char* key, std::string_view value) {
        if (!value.empty()) j[key] = std::string(value);
    };
    put("model", v.model);
    put("trim", v.trim);
    put("category", v.category);
    put("option", v.option);
    put("battery", v.battery);
    put("paint", v.paint);
    put("wheels", v.wheels);
    put("screen", v.screen);
    put("kind", v.kind);
    return j;
}

static std::optional<Event> eventFromJsonInto(const nlohmann::json& j, const Vocabulary& vocabulary, std::string& error) {
    // One strict path: the JSON value is written as a line and read by the line parser.
    if (!j.is_object()) {
        error = "an event must be a JSON object";
        return std::nullopt;
    }
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!it->is_string() && !it->is_number_integer()) {
            error = "event fields are strings or integers";
            return std::nullopt;
        }
    const std::string line = j.dump();
    EventView v;
    if (!parseEventLine(line, v, error)) return std::nullopt;
    if (auto problems = checkEvent(v, vocabulary); !problems.empty()) {
        error = problems.front();
        return std::nullopt;
    }
    return eventFromView(v);
}

Result<Event> eventFromJson(const nlohmann::json& j, const Vocabulary& vocabulary) {
    std::string error;
    auto e = eventFromJsonInto(j, vocabulary, error);
    if (!e) return fail(error);
    return std::move(*e);
}

}  // namespace core::analytics
