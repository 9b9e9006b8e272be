#include "core/pricing/ConfigCode.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

namespace core::pricing {
namespace {

constexpr std::uint8_t kScheme = 1;
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32

std::uint16_t crc16(const std::vector<std::uint8_t>& data) {  // CRC-16/CCITT-FALSE
    std::uint16_t crc = 0xFFFF;
    for (std::uint8_t byte : data) {
        crc ^= static_cast<std::uint16_t>(byte << 8);
        for (int i = 0; i < 8; ++i) crc = static_cast<std::uint16_t>(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return crc;
}

// "2026.11.0" -> {26, 11, 0}; anything else -> {0, hash high, hash low}.
std::array<std::uint8_t, 3> versionBytes(const std::string& version) {
    int y = 0, m = 0, p = 0;
    char tail = 0;
    if (std::sscanf(version.c_str(), "%4d.%2d.%3d%c", &y, &m, &p, &tail) == 3 && y > 2000 && y <= 2255 && m >= 1 &&
        m <= 12 && p >= 0 && p <= 255 && version == std::to_string(y) + "." + std::to_string(m) + "." + std::to_string(p))
        return {static_cast<std::uint8_t>(y - 2000), static_cast<std::uint8_t>(m), static_cast<std::uint8_t>(p)};
    const std::uint16_t h = codeHash(version);
    return {0, static_cast<std::uint8_t>(h >> 8), static_cast<std::uint8_t>(h & 0xFF)};
}

std::string versionText(const std::array<std::uint8_t, 3>& b) {
    char buf[24];
    if (b[0] != 0) std::snprintf(buf, sizeof buf, "%d.%d.%d", 2000 + b[0], b[1], b[2]);
    else std::snprintf(buf, sizeof buf, "#%02x%02x", b[1], b[2]);
    return buf;
}

std::string toBase32(const std::vector<std::uint8_t>& bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::uint8_t b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::vector<std::uint8_t>> fromBase32(const std::string& text) {
    std::vector<std::uint8_t> out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const char* at = std::find(kAlphabet, kAlphabet + 32, c);
        if (at == kAlphabet + 32) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(at - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;  // padding must be zero
    return out;
}

std::string group(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i != 0 && i % 4 == 0) out += '-';
        out += s[i];
    }
    return out;
}

void putVarint(std::vector<std::uint8_t>& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

std::optional<std::uint64_t> getVarint(const std::vector<std::uint8_t>& in, size_t& pos, size_t end) {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && pos < end; shift += 7) {
        const std::uint8_t b = in[pos++];
        v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
    }
    return std::nullopt;
}

const Option* optionByHash(const Model& m, std::uint16_t h) {
    for (const auto& o : m.options)
        if (codeHash(o.id) == h) return &o;
    return nullptr;
}

}  // namespace

std::uint16_t codeHash(const std::string& id) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : id) {
        h ^= c;
        h *= 16777619u;
    }
    return static_cast<std::uint16_t>((h >> 16) ^ (h & 0xFFFF));
}

std::string normalizeCode(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'I' || c == 'L') c = '1';
        if (c == 'O') c = '0';
        out += c;
    }
    return out;
}

std::string encodeConfiguration(const Catalog& catalog, const Configuration& config, std::int64_t vehiclePriceMinor) {
    std::vector<std::uint8_t> bytes{kScheme};
    for (std::uint8_t b : versionBytes(catalog.contentVersion)) bytes.push_back(b);
    const std::uint16_t trim = codeHash(config.trim);
    bytes.push_back(static_cast<std::uint8_t>(trim >> 8));
    bytes.push_back(static_cast<std::uint8_t>(trim & 0xFF));
    // Options a chosen package brings are implied by the package: not stored, restored by the rules.
    std::set<std::string> implied;
    if (const Model* model = catalog.findModel(config.model))
        for (const auto& rule : model->rules)
            if (rule.kind == RuleKind::Includes && config.has(rule.subject))
                implied.insert(rule.targets.begin(), rule.targets.end());
    std::vector<std::uint16_t> options;
    for (const auto& id : config.options)
        if (!implied.count(id)) options.push_back(codeHash(id));
    std::sort(options.begin(), options.end());
    options.resize(std::min<size_t>(options.size(), 255));
    bytes.push_back(static_cast<std::uint8_t>(options.size()));
    for (std::uint16_t h : options) {
        bytes.push_back(static_cast<std::uint8_t>(h >> 8));
        bytes.push_back(static_cast<std::uint8_t>(h & 0xFF));
    }
    std::uint64_t major = 0;  // 0: no price; else price in major units + 1
    if (vehiclePriceMinor >= 0) {
        std::int64_t scale = 1;
        for (int i = 0; i < catalog.market.currency.minorDigits; ++i) scale *= 10;
        major = static_cast<std::uint64_t>(vehiclePriceMinor / scale) + 1;
    }
    putVarint(bytes, major);
    const std::uint16_t crc = crc16(bytes);
    bytes.push_back(static_cast<std::uint8_t>(crc >> 8));
    bytes.push_back(static_cast<std::uint8_t>(crc & 0xFF));
    return group(toBase32(bytes));
}

Result<RestoredCode> restoreConfiguration(const Catalog& catalog, const std::string& code) {
    RestoredCode r;
    const auto bytes = fromBase32(normalizeCode(code));
    if (!bytes || bytes->size() < 10) {
        return fail("\"" + code + "\" is not a configuration code");
    }
    const size_t end = bytes->size() - 2;
    const std::uint16_t stored = static_cast<std::uint16_t>(((*bytes)[end] << 8) | (*bytes)[end + 1]);
    if (crc16(std::vector<std::uint8_t>(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(end))) != stored) {
        return fail("the configuration code's checksum does not match: it was mistyped or damaged");
    }
    const auto& b = *bytes;
    if (b[0] != kScheme) {
        return fail("configuration code scheme " + std::to_string(b[0]) + " is not known to this kiosk");
    }
    const std::array<std::uint8_t, 3> version{b[1], b[2], b[3]};
    r.codeContentVersion = versionText(version);
    const bool sameVersion = version == versionBytes(catalog.contentVersion);
    const std::uint16_t trimHash = static_cast<std::uint16_t>((b[4] << 8) | b[5]);
    const size_t count = b[6];
    size_t pos = 7;
    if (pos + 2 * count > end) {
        return fail("the configuration code is truncated");
    }
    std::vector<std::uint16_t> optionHashes;
    for (size_t i = 0; i < count; ++i, pos += 2) optionHashes.push_back(static_cast<std::uint16_t>((b[pos] << 8) | b[pos + 1]));
    auto price = getVarint(b, pos, end);
    if (!price || pos != end) {
        return fail("the configuration code is malformed");
    }
    r.codedVehiclePriceMajor = *price == 0 ? -1 : static_cast<std::int64_t>(*price - 1);

    const Model* model = nullptr;
    const Trim* trim = nullptr;
    for (const auto& m : catalog.models)
        for (const auto& t : m.trims)
            if (codeHash(t.id) == trimHash) model = &m, trim = &t;
    if (!trim) {
        return fail("the trim of this code (content " + r.codeContentVersion + ") is no longer sold");
    }
    const std::string versionNote = sameVersion ? "" : " (code made with content " + r.codeContentVersion + ", now " + catalog.contentVersion + ")";
    Configuration& c = r.config;
    c.model = model->id;
    c.trim = trim->id;
    for (std::uint16_t h : optionHashes) {
        const Option* o = optionByHash(*model, h);
        if (!o) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "%04x", h);
            r.changes.push_back(std::string("an option of the code (#") + hex + ") no longer exists" + versionNote);
        } else if (std::find(trim->options.begin(), trim->options.end(), o->id) == trim->options.end()) {
            r.changes.push_back("option " + o->id + " is no longer offered on trim " + trim->id + versionNote);
        } else {
            c.options.insert(o->id);
        }
    }
    for (const auto& rule : model->rules)
        if (rule.kind == RuleKind::Includes && c.has(rule.subject))
            for (const auto& t : rule.targets)
                if (std::find(trim->options.begin(), trim->options.end(), t) != trim->options.end()) c.options.insert(t);
    // Repair what the removals broke, one visible step at a time: defaults for empty single-choice
    // categories, options a package brings, then drop picks whose rules no longer hold.
    auto fillDefaults = [&] {
        for (const auto& [category, option] : trim->defaults) {
            const Category* cat = catalog.findCategory(category);
            if (!cat || !cat->single) continue;
            bool has = false;
            for (const auto& id : c.options)
                if (const Option* o = model->findOption(id); o && o->category == category) has = true;
            if (!has) {
                c.options.insert(option);
                r.changes.push_back(category + ": the trim's default " + option + " was used");
            }
        }
    };
    fillDefaults();
    for (int round = 0; round < 8; ++round) {
        const auto violations = checkConfiguration(catalog, c);
        if (violations.empty()) break;
        for (const auto& v : violations) {
            const Rule* rule = nullptr;
            for (const auto& x : model->rules)
                if (x.id == v.ruleId) rule = &x;
            if (rule && rule->kind == RuleKind::Includes) {
                for (const auto& t : rule->targets)
                    if (!c.has(t) && std::find(trim->options.begin(), trim->options.end(), t) != trim->options.end()) {
                        c.options.insert(t);
                        r.changes.push_back(t + " added: " + rule->subject + " now includes it");
                    }
            } else if (rule && c.options.erase(rule->subject)) {
                r.changes.push_back(rule->subject + " removed: " + v.message);
            } else if (v.ruleId.rfind("category:", 0) == 0) {
                // Two picks in a single-choice category: keep none, then the default.
                const std::string category = v.ruleId.substr(9);
                for (auto it = c.options.begin(); it != c.options.end();) {
                    const Option* o = model->findOption(*it);
                    it = o && o->category == category ? c.options.erase(it) : std::next(it);
                }
            }
        }
        fillDefaults();
    }
    if (!checkConfiguration(catalog, c).empty()) {
        c = defaultConfiguration(*model, *trim);
        r.changes.push_back("the configuration could not be repaired; the trim's default car was used");
    }
    r.sameContentVersion = sameVersion;
    r.exact = r.changes.empty();
    return r;
}

}  // namespace core::pricing
