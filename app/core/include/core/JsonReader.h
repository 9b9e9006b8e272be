#pragma once
// JsonReader: typed access to one parsed content file that records every problem (file,
// JSON pointer, message) instead of stopping at the first. Used by every content loader,
// so all content errors read the same. Not thread-safe; one per file being read.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ContentError.h"
#include "core/Text.h"

namespace core {

using Json = nlohmann::json;

// Appends one element to a JSON pointer, escaping '~' and '/'.
std::string jsonPointer(const std::string& parent, const std::string& key);
std::string jsonPointer(const std::string& parent, size_t index);

// Reads a file and parses it; on failure records "malformed JSON at line L, column C: ..." or
// "cannot read file" and returns nullopt.
std::optional<Json> parseJsonFile(const std::string& file, ContentErrors& errors);

class JsonReader {
public:
    JsonReader(std::string file, ContentErrors& errors, std::vector<std::string> languages = {})
        : m_file(std::move(file)), m_errors(errors), m_languages(std::move(languages)) {}

    // Translations into these languages are skipped, not refused: shared files (models, strings)
    // carry the languages of every market, and each market reads only its own.
    void tolerate(std::vector<std::string> otherLanguages) { m_otherLanguages = std::move(otherLanguages); }

    const std::string& file() const { return m_file; }
    void fail(const std::string& path, std::string message);
    size_t errorCount() const { return m_errors.size(); }

    // Each getter records an error when the field is missing (and required) or has the wrong type.
    std::optional<std::string> string(const Json& obj, const std::string& path, const char* key, bool required = true);
    std::optional<std::string> nonEmptyString(const Json& obj, const std::string& path, const char* key, bool required = true);
    std::optional<double> number(const Json& obj, const std::string& path, const char* key, double min, double max,
                                 bool required = true);
    std::optional<std::int64_t> integer(const Json& obj, const std::string& path, const char* key, std::int64_t min,
                                        std::int64_t max, bool required = true);
    // A price in minor units: an integer, not negative, at most maxMinor.
    std::optional<std::int64_t> price(const Json& obj, const std::string& path, const char* key, std::int64_t maxMinor,
                                      bool required = true);
    std::optional<bool> boolean(const Json& obj, const std::string& path, const char* key, bool required = true);
    // A {"zh-CN": "...", "en": "..."} object with a non-empty string for every language.
    std::optional<Text> text(const Json& obj, const std::string& path, const char* key, bool required = true);
    const Json* array(const Json& obj, const std::string& path, const char* key, bool required = true);
    const Json* object(const Json& obj, const std::string& path, const char* key, bool required = true);
    std::vector<std::string> stringArray(const Json& obj, const std::string& path, const char* key,
                                         bool required = true);

    // Records an error for every key of `obj` not in `allowed` (catches misspelt fields).
    void allowOnly(const Json& obj, const std::string& path, std::initializer_list<const char*> allowed);
    // Records an error unless `value` is an object.
    bool expectObject(const Json& value, const std::string& path);

    static const char* typeName(const Json& value);

private:
    const Json* field(const Json& obj, const std::string& path, const char* key, bool required);

    std::string m_file;
    ContentErrors& m_errors;
    std::vector<std::string> m_languages;
    std::vector<std::string> m_otherLanguages;
};

}  // namespace core
