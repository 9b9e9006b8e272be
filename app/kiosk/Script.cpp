#include "Script.h"

#include "core/JsonReader.h"

namespace kiosk {

ScriptParse parseScript(const std::string& path) {
    ScriptParse out;
    core::ContentErrors errors;
    auto doc = core::parseJsonFile(path, errors);
    core::JsonReader r(path, errors);
    if (doc) {
        if (const core::Json* steps = r.array(*doc, "", "steps")) {
            for (size_t i = 0; i < steps->size(); ++i) {
                const std::string p = core::jsonPointer("/steps", i);
                const core::Json& j = (*steps)[i];
                if (!r.expectObject(j, p) || j.size() != 1) {
                    if (j.is_object()) r.fail(p, "a step has exactly one action");
                    continue;
                }
                const std::string key = j.begin().key();
                const core::Json& v = j.begin().value();
                ScriptStep s;
                if (key == "tap" && v.is_string()) {
                    s.kind = ScriptStep::Kind::Tap;
                    s.text = v.get<std::string>();
                } else if (key == "tap_if_shown" && v.is_string()) {
                    s.kind = ScriptStep::Kind::TapIfShown;
                    s.text = v.get<std::string>();
                } else if (key == "tap_first" && v.is_string()) {
                    s.kind = ScriptStep::Kind::TapFirst;
                    s.text = v.get<std::string>();
                } else if (key == "monkey" && v.is_object() && v.contains("taps") && v["taps"].is_number_integer() &&
                           v["taps"].get<int>() > 0 && v["taps"].get<int>() <= 100000) {
                    const unsigned seed = v.contains("seed") && v["seed"].is_number_unsigned() ? v["seed"].get<unsigned>() : 1;
                    for (int t = 0; t < v["taps"].get<int>(); ++t) {
                        ScriptStep m;
                        m.kind = ScriptStep::Kind::TapRandom;
                        m.seed = seed * 2654435761u + static_cast<unsigned>(t);
                        out.steps.push_back(m);
                    }
                    continue;
                } else if (key == "tap" && v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number()) {
                    s.kind = ScriptStep::Kind::TapAt;
                    s.x = v[0].get<float>();
                    s.y = v[1].get<float>();
                } else if (key == "drag" && v.is_object()) {
                    auto point = [&](const char* name, float& x, float& y) {
                        if (!v.contains(name) || !v[name].is_array() || v[name].size() != 2 || !v[name][0].is_number() ||
                            !v[name][1].is_number())
                            return false;
                        x = v[name][0].get<float>();
                        y = v[name][1].get<float>();
                        return true;
                    };
                    s.kind = ScriptStep::Kind::Drag;
                    s.frames = v.contains("frames") && v["frames"].is_number_integer() ? v["frames"].get<int>() : 10;
                    if (!point("from", s.x, s.y) || !point("to", s.toX, s.toY) || s.frames < 1 || s.frames > 1000) {
                        r.fail(core::jsonPointer(p, key), "a drag is {\"from\": [x, y], \"to\": [x, y], \"frames\": 1..1000}");
                        continue;
                    }
                } else if (key == "open_code" && (v.is_string() || (v.is_object() && v.contains("code") && v["code"].is_string()))) {
                    s.kind = ScriptStep::Kind::OpenCode;
                    s.text = v.is_string() ? v.get<std::string>() : v["code"].get<std::string>();
                    if (v.is_object() && v.contains("discount_minor")) {
                        if (!v["discount_minor"].is_number_integer() || v["discount_minor"].get<long long>() < 0) {
                            r.fail(core::jsonPointer(p, key) + "/discount_minor", "a discount is a whole number of minor units, 0 or more");
                            continue;
                        }
                        s.discountMinor = v["discount_minor"].get<long long>();
                    }
                } else if (key == "frames" && v.is_number_integer() && v.get<int>() > 0 && v.get<int>() < 100000) {
                    s.kind = ScriptStep::Kind::Frames;
                    s.frames = v.get<int>();
                } else if (key == "advance_s" && v.is_number() && v.get<double>() >= 0) {
                    s.kind = ScriptStep::Kind::Advance;
                    s.seconds = v.get<double>();
                } else if ((key == "type" || key == "key" || key == "screenshot" || key == "dump" ||
                            key == "expect_screen") &&
                           v.is_string()) {
                    s.kind = key == "type"         ? ScriptStep::Kind::Type
                             : key == "key"        ? ScriptStep::Kind::Key
                             : key == "screenshot" ? ScriptStep::Kind::Screenshot
                             : key == "dump"       ? ScriptStep::Kind::Dump
                                                   : ScriptStep::Kind::Expect;
                    s.text = v.get<std::string>();
                } else {
                    r.fail(core::jsonPointer(p, key), "unknown action or wrong value");
                    continue;
                }
                out.steps.push_back(std::move(s));
            }
        }
    }
    if (!errors.empty()) out.error = errors.front().toString();
    return out;
}

}  // namespace kiosk
