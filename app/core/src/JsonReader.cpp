#include "core/JsonReader.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace core {

std::string jsonPointer(const std::string& parent, const std::string& key) {
    std::string escaped;
    for (char c : key) {
        if (c == '~') escaped += "~0";
        else if (c == '/') escaped += "~1";
        else escaped += c;
    }
    return parent + "/" + escaped;
}

std::string jsonPointer(const std::string& parent, size_t index) { return parent + "/" + std::to_string(index); }

std::optional<Json> parseJsonFile(const std::string& file, ContentErrors& errors) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        errors.push_back({file, "", "cannot read file"});
        return std::nullopt;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string data = buffer.str();
    try {
        return Json::parse(data);
    } catch (const Json::parse_error& e) {
        // Turn the byte offset into a line and column a person can find in an editor.
        const size_t offset = std::min<size_t>(e.byte == 0 ? 0 : e.byte - 1, data.size());
        size_t line = 1, column = 1;
        for (size_t i = 0; i < offset; ++i) {
            if (data[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 3, column 5: "; keep the reason.
        auto colon = what.find(": ");
        std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
        errors.push_back({file, "", "malformed JSON at line " + std::to_string(line) + ", column " +
                                        std::to_string(column) + ": " + reason});
        return std::nullopt;
    }
}

void JsonReader::fail(const std::string& path, std::string message) {
    m_errors.push_back({m_file, path, std::move(message)});
}

const char* JsonReader::typeName(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::object: return "an object";
        case Json::value_t::array: return "an array";
        case Json::value_t::string: return "a string";
        case Json::value_t::boolean: return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned: return "an integer";
        case Json::value_t::number_float: return "a number";
        default: return "an unsupported value";
    }
}

const Json* JsonReader::field(const Json& obj, const std::string& path, const char* key, bool required) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required) fail(path, std::string("missing field \"") + key + "\"");
        return nullptr;
    }
    return &*it;
}

bool JsonReader::expectObject(const Json& value, const std::string& path) {
    if (value.is_object()) return true;
    fail(path, std::string("expected an object, found ") + typeName(value));
    return false;
}

std::optional<std::string> JsonReader::string(const Json& obj, const std::string& path, const char* key,
                                              bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        fail(jsonPointer(path, key), std::string("expected a string, found ") + typeName(*v));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<std::string> JsonReader::nonEmptyString(const Json& obj, const std::string& path, const char* key,
                                                      bool required) {
    auto s = string(obj, path, key, required);
    if (s && s->empty()) {
        fail(jsonPointer(path, key), "must not be empty");
        return std::nullopt;
    }
    return s;
}

static std::string formatNumber(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

std::optional<double> JsonReader::number(const Json& obj, const std::string& path, const char* key, double min,
                                         double max, bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        fail(jsonPointer(path, key), std::string("expected a number, found ") + typeName(*v));
        return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        fail(jsonPointer(path, key),
             "value " + formatNumber(d) + " is outside " + formatNumber(min) + ".." + formatNumber(max));
        return std::nullopt;
    }
    return d;
}

std::optional<std::int64_t> JsonReader::integer(const Json& obj, const std::string& path, const char* key,
                                                std::int64_t min, std::int64_t max, bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return std::nullopt;
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        fail(jsonPointer(path, key), "value " + v->dump() + " does not fit in a 64-bit integer");
        return std::nullopt;
    }
    if (!v->is_number_integer()) {
        fail(jsonPointer(path, key), std::string("expected an integer, found ") + typeName(*v));
        return std::nullopt;
    }
    const std::int64_t i = v->get<std::int64_t>();
    if (i < min || i > max) {
        fail(jsonPointer(path, key),
             "value " + std::to_string(i) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
        return std::nullopt;
    }
    return i;
}

std::optional<std::int64_t> JsonReader::price(const Json& obj, const std::string& path, const char* key,
                                              std::int64_t maxMinor, bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return std::nullopt;
    const std::string where = jsonPointer(path, key);
    if (v->is_number_float()) {
        fail(where, "price " + v->dump() + " must be an integer number of minor units");
        return std::nullopt;
    }
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        fail(where, "price " + v->dump() + " does not fit in 64-bit minor units");
        return std::nullopt;
    }
    if (!v->is_number_integer()) {
        fail(where, std::string("expected an integer price in minor units, found ") + typeName(*v));
        return std::nullopt;
    }
    const std::int64_t p = v->get<std::int64_t>();
    if (p < 0) {
        fail(where, "price " + std::to_string(p) + " is negative");
        return std::nullopt;
    }
    if (p > maxMinor) {
        fail(where, "price " + std::to_string(p) + " is above the limit of " + std::to_string(maxMinor) +
                        " minor units");
        return std::nullopt;
    }
    return p;
}

std::optional<bool> JsonReader::boolean(const Json& obj, const std::string& path, const char* key, bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        fail(jsonPointer(path, key), std::string("expected true or false, found ") + typeName(*v));
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<Text> JsonReader::text(const Json& obj, const std::string& path, const char* key, bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return std::nullopt;
    const std::string where = jsonPointer(path, key);
    if (!v->is_object()) {
        fail(where, std::string("expected an object of translations, found ") + typeName(*v));
        return std::nullopt;
    }
    std::map<std::string, std::string> byLanguage;
    bool ok = true;
    for (const auto& language : m_languages) {
        auto it = v->find(language);
        if (it == v->end()) {
            fail(where, "missing translation \"" + language + "\"");
            ok = false;
        } else if (!it->is_string() || it->get<std::string>().empty()) {
            fail(jsonPointer(where, language), "translation must be a non-empty string");
            ok = false;
        }
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
        if (std::find(m_languages.begin(), m_languages.end(), it.key()) == m_languages.end()) {
            if (std::find(m_otherLanguages.begin(), m_otherLanguages.end(), it.key()) != m_otherLanguages.end()) continue;
            fail(where, "unknown language \"" + it.key() + "\"");
            ok = false;
        } else if (it->is_string()) {
            byLanguage[it.key()] = it->get<std::string>();
        }
    }
    if (!ok) return std::nullopt;
    return Text(std::move(byLanguage));
}

const Json* JsonReader::array(const Json& obj, const std::string& path, const char* key, bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_array()) {
        fail(jsonPointer(path, key), std::string("expected an array, found ") + typeName(*v));
        return nullptr;
    }
    return v;
}

const Json* JsonReader::object(const Json& obj, const std::string& path, const char* key, bool required) {
    const Json* v = field(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_object()) {
        fail(jsonPointer(path, key), std::string("expected an object, found ") + typeName(*v));
        return nullptr;
    }
    return v;
}

std::vector<std::string> JsonReader::stringArray(const Json& obj, const std::string& path, const char* key,
                                                 bool required) {
    std::vector<std::string> out;
    const Json* a = array(obj, path, key, required);
    if (!a) return out;
    const std::string where = jsonPointer(path, key);
    for (size_t i = 0; i < a->size(); ++i) {
        const Json& e = (*a)[i];
        if (!e.is_string()) {
            fail(jsonPointer(where, i), std::string("expected a string, found ") + typeName(e));
            continue;
        }
        out.push_back(e.get<std::string>());
    }
    return out;
}

void JsonReader::allowOnly(const Json& obj, const std::string& path, std::initializer_list<const char*> allowed) {
    if (!obj.is_object()) return;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool known = false;
        for (const char* a : allowed)
            if (it.key() == a) known = true;
        if (!known) fail(path, "unknown field \"" + it.key() + "\"");
    }
}

}  // namespace core
