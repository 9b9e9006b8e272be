#include "core/booking/Booking.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <regex>

#include "core/Catalog.h"
#include "core/booking/BookingSettings.h"

namespace core {
namespace {

// Decodes UTF-8 strictly (no overlongs, no surrogates); nullopt when malformed.
std::optional<std::vector<char32_t>> decodeUtf8(const std::string& s) {
    std::vector<char32_t> out;
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = 0;
        char32_t cp = 0;
        if (c < 0x80) {
            cp = c;
            len = 1;
        } else if ((c & 0xe0) == 0xc0) {
            cp = c & 0x1f;
            len = 2;
        } else if ((c & 0xf0) == 0xe0) {
            cp = c & 0x0f;
            len = 3;
        } else if ((c & 0xf8) == 0xf0) {
            cp = c & 0x07;
            len = 4;
        } else {
            return std::nullopt;
        }
        if (i + static_cast<size_t>(len) > s.size()) return std::nullopt;
        for (int k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((cc & 0xc0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (cc & 0x3f);
        }
        static constexpr std::array<char32_t, 5> kMin{0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[static_cast<size_t>(len)] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
        out.push_back(cp);
        i += static_cast<size_t>(len);
    }
    return out;
}

// C0/C1 controls, line/paragraph separators, bidi overrides and invisible format characters: a
// name that renders differently from what is stored is as bad as a control character.
bool isControl(char32_t c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
           (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || c == 0xfffe || c == 0xffff;
}

bool isHan(char32_t c) {
    return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x2ebef) ||
           (c >= 0xf900 && c <= 0xfaff);
}

bool isLatinLetter(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7);
}

void add(FieldErrors& errors, const std::string& field, const std::string& code, const std::string& message) {
    errors.push_back({field, code, message});
}

// Common checks for any free-text field; returns the code points when the text is usable.
std::optional<std::vector<char32_t>> checkText(FieldErrors& errors, const std::string& field, const std::string& value,
                                               size_t maxBytes) {
    if (value.size() > maxBytes) {
        add(errors, field, "too_long", field + " is longer than " + std::to_string(maxBytes) + " bytes");
        return std::nullopt;
    }
    auto cps = decodeUtf8(value);
    if (!cps) {
        add(errors, field, "invalid_utf8", field + " is not valid UTF-8");
        return std::nullopt;
    }
    for (char32_t c : *cps)
        if (isControl(c)) {
            add(errors, field, "control_chars", field + " contains control or invisible formatting characters");
            return std::nullopt;
        }
    return cps;
}

void checkName(FieldErrors& errors, const std::string& name) {
    if (name.empty()) {
        add(errors, "name", "required", "name is required");
        return;
    }
    auto cps = checkText(errors, "name", name, 4 * kNameMaxLatinChars);
    if (!cps) return;
    if (cps->front() == ' ' || cps->back() == ' ') {
        add(errors, "name", "invalid_name", "name must not start or end with a space");
        return;
    }
    bool han = false, latin = false;
    for (char32_t c : *cps) {
        if (isHan(c)) han = true;
        else if (isLatinLetter(c)) latin = true;
    }
    if (han && !latin) {
        // Chinese script: Han characters and the middle dot of transliterated names (阿卜杜·热合曼).
        for (char32_t c : *cps)
            if (!isHan(c) && c != 0xb7 && c != 0x30fb) {
                add(errors, "name", "invalid_name", "a Chinese name may hold only Han characters and the middle dot");
                return;
            }
        if (cps->size() > kNameMaxChineseChars)
            add(errors, "name", "too_long", "a Chinese name is at most " + std::to_string(kNameMaxChineseChars) + " characters");
        return;
    }
    if (latin && !han) {
        if (!isLatinLetter(cps->front())) {
            add(errors, "name", "invalid_name", "name must start with a letter");
            return;
        }
        char32_t prev = 0;
        for (char32_t c : *cps) {
            const bool punct = c == ' ' || c == '-' || c == '\'' || c == 0x2019 || c == '.';
            if (!isLatinLetter(c) && !punct) {
                add(errors, "name", "invalid_name", "a Latin-script name may hold letters, spaces, '-', '.' and apostrophes only");
                return;
            }
            if (punct && prev != 0 && !isLatinLetter(prev) && !(prev == '.' && c == ' ')) {
                add(errors, "name", "invalid_name", "name has two separators in a row");
                return;
            }
            prev = c;
        }
        if (cps->size() > kNameMaxLatinChars)
            add(errors, "name", "too_long", "a Latin-script name is at most " + std::to_string(kNameMaxLatinChars) + " characters");
        return;
    }
    add(errors, "name", "invalid_name", "name must be written in Chinese or in Latin script, not mixed");
}

const std::regex& e164() {
    static const std::regex r(R"(^\+[1-9][0-9]{7,14}$)");
    return r;
}

}  // namespace

const char* toString(BookingMode mode) { return mode == BookingMode::Slot ? "slot" : "queue"; }

const char* toString(BookingStatus status) {
    switch (status) {
        case BookingStatus::Requested: return "requested";
        case BookingStatus::Confirmed: return "confirmed";
        case BookingStatus::Conflict: return "conflict";
        case BookingStatus::Rejected: return "rejected";
        case BookingStatus::CheckedIn: return "checked_in";
        case BookingStatus::Started: return "started";
        case BookingStatus::Completed: return "completed";
        case BookingStatus::NoShow: return "no_show";
        case BookingStatus::Cancelled: return "cancelled";
    }
    return "requested";
}

std::optional<BookingMode> bookingModeFromString(const std::string& s) {
    if (s == "slot") return BookingMode::Slot;
    if (s == "queue") return BookingMode::Queue;
    return std::nullopt;
}

std::optional<BookingStatus> deskTransition(BookingStatus from, const std::string& action) {
    using S = BookingStatus;
    if (action == "check-in" && from == S::Confirmed) return S::CheckedIn;
    if (action == "start" && (from == S::CheckedIn || from == S::Confirmed)) return S::Started;
    if (action == "complete" && from == S::Started) return S::Completed;
    if (action == "no-show" && (from == S::Confirmed || from == S::CheckedIn)) return S::NoShow;
    return std::nullopt;
}

std::vector<std::string> deskActions(BookingStatus status) {
    // A confirmed visitor either arrives or does not; one already checked in is taken to the car.
    switch (status) {
        case BookingStatus::Confirmed: return {"check-in", "no-show", "start"};
        case BookingStatus::CheckedIn: return {"start", "no-show"};
        case BookingStatus::Started: return {"complete"};
        default: return {};
    }
}

std::optional<BookingStatus> bookingStatusFromString(const std::string& s) {
    for (auto st : {BookingStatus::Requested, BookingStatus::Confirmed, BookingStatus::Conflict, BookingStatus::Rejected,
                    BookingStatus::CheckedIn, BookingStatus::Started, BookingStatus::Completed, BookingStatus::NoShow,
                    BookingStatus::Cancelled})
        if (s == toString(st)) return st;
    return std::nullopt;
}

std::optional<std::string> normalizeMobile(const std::string& input) { return normalizeMobile(input, PhoneRules{}); }

std::optional<std::string> normalizeMobile(const std::string& input, const PhoneRules& rules) {
    if (input.size() > 32) return std::nullopt;
    std::string s;
    for (char c : input)
        if (c != ' ' && c != '-') s += c;
    const std::regex mobile(rules.mobilePattern);
    const std::string cc = "+" + rules.countryCode;
    if (s.rfind("00", 0) == 0) s = "+" + s.substr(2);
    if (s.rfind(cc, 0) == 0) {
        std::string rest = s.substr(cc.size());
        if (!rules.trunkPrefix.empty() && rest.rfind(rules.trunkPrefix, 0) == 0 && !std::regex_match(rest, mobile))
            rest = rest.substr(rules.trunkPrefix.size());  // "+49 (0)151 ..." written with the trunk prefix
        if (std::regex_match(rest, mobile)) return cc + rest;
        return std::nullopt;  // the market's code but not one of its mobiles: refuse rather than accept a landline
    }
    if (s.rfind("+", 0) != 0) {
        std::string national = s;
        if (!rules.trunkPrefix.empty() && national.rfind(rules.trunkPrefix, 0) == 0) national = national.substr(rules.trunkPrefix.size());
        if (std::regex_match(national, mobile)) return cc + national;
    }
    if (std::regex_match(s, e164())) return s;
    return std::nullopt;
}

bool isUuid(const std::string& s, bool v7) {
    static const std::regex r("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    if (s.size() != 36 || !std::regex_match(s, r)) return false;
    if (v7 && (s[14] != '7' || (s[19] != '8' && s[19] != '9' && s[19] != 'a' && s[19] != 'b'))) return false;
    return true;
}

std::string formatUuidV7(std::int64_t unixMs, const unsigned char (&random)[10]) {
    unsigned char b[16];
    const auto ms = static_cast<std::uint64_t>(unixMs);
    for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    std::memcpy(b + 6, random, 10);
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0f));
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 0x0f];
    }
    return out;
}

bool isValidId(const std::string& s) {
    static const std::regex r("^[a-z0-9][a-z0-9-]{0,47}$");
    return std::regex_match(s, r);
}

FieldErrors validateBookingFields(const Booking& b) {
    FieldErrors errors;
    if (!isUuid(b.id, true)) add(errors, "booking_id", "invalid_id", "booking_id must be a lower-case UUIDv7");
    checkName(errors, b.name);
    if (b.mobile.empty()) add(errors, "mobile", "required", "mobile is required");
    else if (!std::regex_match(b.mobile, e164()) || normalizeMobile(b.mobile) != b.mobile)
        add(errors, "mobile", "invalid_mobile",
            "mobile must be a mainland China mobile number or an international number in E.164 form");
    if (!b.email.empty()) {
        static const std::regex r(R"(^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$)");
        if (checkText(errors, "email", b.email, kEmailMaxChars) && !std::regex_match(b.email, r))
            add(errors, "email", "invalid_email", "email is not an address of the form name@example.com");
    }
    if (!isValidId(b.model)) add(errors, "model", "invalid_id", "model must be a content id");
    if (!b.trim.empty() && !isValidId(b.trim)) add(errors, "trim", "invalid_id", "trim must be a content id");
    if (b.mode == BookingMode::Slot) {
        if (!parseLocalDateTime(b.slot)) add(errors, "slot", "invalid_slot", "slot must be a local time YYYY-MM-DDTHH:MM");
        if (!b.queueDate.empty()) add(errors, "queue_date", "unexpected", "queue_date is only for queue bookings");
    } else {
        if (!parseLocalDate(b.queueDate)) add(errors, "queue_date", "invalid_date", "queue_date must be YYYY-MM-DD");
        if (!b.slot.empty()) add(errors, "slot", "unexpected", "slot is only for slot bookings");
    }
    if (b.queuePlace < 0 || b.queuePlace > 100000) add(errors, "queue_place", "out_of_range", "queue_place is out of range");
    if (b.consent.purpose != "test_drive")
        add(errors, "consent.purpose", "invalid_consent", "consent.purpose must be \"test_drive\"");
    {
        static const std::regex r("^[A-Za-z0-9._-]{1,32}$");
        if (!std::regex_match(b.consent.version, r))
            add(errors, "consent.version", "invalid_consent", "consent.version must be 1-32 of [A-Za-z0-9._-]");
    }
    if (!b.configCode.empty()) {
        static const std::regex r("^[A-Z0-9-]{4,96}$");
        if (!std::regex_match(b.configCode, r))
            add(errors, "config_code", "invalid_config_code", "config_code must be 4-96 of [A-Z0-9-]");
    }
    if (!isValidId(b.kioskId)) add(errors, "kiosk_id", "invalid_id", "kiosk_id must be 1-48 of [a-z0-9-]");
    // 2020-01-01 .. 2100-01-01: anything else is a broken clock or a forged request.
    if (b.createdMs < 1577836800000LL || b.createdMs > 4102444800000LL)
        add(errors, "created_ms", "out_of_range", "created_ms is not a plausible UTC time in milliseconds");
    return errors;
}

FieldErrors validateBooking(const Booking& b, const Catalog& catalog, const BookingSettings& settings) {
    FieldErrors errors = validateBookingFields(b);
    for (const auto& e : errors)
        if (e.field == "model" || e.field == "trim" || e.field == "slot" || e.field == "queue_date") return errors;
    const Model* model = catalog.findModel(b.model);
    if (!model) add(errors, "model", "unknown_model", "model is not in the catalog");
    else if (!b.trim.empty() && !model->findTrim(b.trim)) add(errors, "trim", "unknown_trim", "trim is not offered on this model");
    if (model && slotCapacity(catalog, b.model) == 0)
        add(errors, "model", "no_demo_car", "the showroom has no demo car of this model");
    if (b.mode == BookingMode::Slot) {
        if (!isSlotStart(settings, b.slot))
            add(errors, "slot", "not_a_slot", "slot is not a slot start inside the showroom's opening hours");
    } else if (auto d = parseLocalDate(b.queueDate); d && !settings.hours[static_cast<size_t>(d->weekday())].open) {
        add(errors, "queue_date", "closed", "the showroom is closed on queue_date");
    }
    if (!b.licenceConfirmed) add(errors, "licence_confirmed", "licence_required", "the driving licence must be confirmed");
    const auto& versions = settings.consent.acceptedVersions;
    if (std::find(versions.begin(), versions.end(), b.consent.version) == versions.end())
        add(errors, "consent.version", "unknown_consent_version", "consent.version is not a known consent text version");
    return errors;
}

nlohmann::json bookingToJson(const Booking& b) {
    nlohmann::json j = {{"booking_id", b.id},
                        {"name", b.name},
                        {"mobile", b.mobile},
                        {"model", b.model},
                        {"mode", toString(b.mode)},
                        {"licence_confirmed", b.licenceConfirmed},
                        {"consent",
                         {{"purpose", b.consent.purpose},
                          {"version", b.consent.version},
                          {"contact_permission", b.consent.contactPermission}}},
                        {"kiosk_id", b.kioskId},
                        {"created_ms", b.createdMs},
                        {"via_allocation", b.viaAllocation}};
    if (!b.email.empty()) j["email"] = b.email;
    if (!b.trim.empty()) j["trim"] = b.trim;
    if (b.mode == BookingMode::Slot) j["slot"] = b.slot;
    else j["queue_date"] = b.queueDate;
    if (b.queuePlace > 0) j["queue_place"] = b.queuePlace;
    if (!b.configCode.empty()) j["config_code"] = b.configCode;
    return j;
}

std::optional<Booking> bookingFromJson(const nlohmann::json& j, FieldErrors& errors) {
    const size_t before = errors.size();
    if (!j.is_object()) {
        add(errors, "booking", "wrong_type", "booking must be an object");
        return std::nullopt;
    }
    static const std::vector<std::string> kKeys = {
        "booking_id", "name", "mobile", "email", "model", "trim", "mode", "slot", "queue_date", "queue_place",
        "licence_confirmed", "consent", "config_code", "kiosk_id", "created_ms", "via_allocation"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (std::find(kKeys.begin(), kKeys.end(), it.key()) == kKeys.end())
            add(errors, "booking", "unknown_field", "booking has an unknown field (only documented fields are accepted)");
    Booking b;
    auto str = [&](const nlohmann::json& obj, const char* key, const std::string& field, std::string& out, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) add(errors, field, "required", field + " is required");
            return;
        }
        if (!it->is_string()) {
            add(errors, field, "wrong_type", field + " must be a string");
            return;
        }
        out = it->get<std::string>();
    };
    auto boolean = [&](const nlohmann::json& obj, const char* key, const std::string& field, bool& out, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) add(errors, field, "required", field + " is required");
            return;
        }
        if (!it->is_boolean()) {
            add(errors, field, "wrong_type", field + " must be true or false");
            return;
        }
        out = it->get<bool>();
    };
    str(j, "booking_id", "booking_id", b.id, true);
    str(j, "name", "name", b.name, true);
    str(j, "mobile", "mobile", b.mobile, true);
    str(j, "email", "email", b.email, false);
    str(j, "model", "model", b.model, true);
    str(j, "trim", "trim", b.trim, false);
    std::string mode;
    str(j, "mode", "mode", mode, true);
    if (auto it = j.find("mode"); it != j.end() && it->is_string()) {
        if (auto m = bookingModeFromString(mode)) b.mode = *m;
        else add(errors, "mode", "invalid_mode", "mode must be \"slot\" or \"queue\"");
    }
    str(j, "slot", "slot", b.slot, false);
    str(j, "queue_date", "queue_date", b.queueDate, false);
    if (auto it = j.find("queue_place"); it != j.end()) {
        if (!it->is_number_integer()) add(errors, "queue_place", "wrong_type", "queue_place must be an integer");
        else if (it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 100000)
            add(errors, "queue_place", "out_of_range", "queue_place is out of range");
        else b.queuePlace = static_cast<int>(it->get<std::int64_t>());
    }
    boolean(j, "licence_confirmed", "licence_confirmed", b.licenceConfirmed, true);
    if (auto it = j.find("consent"); it == j.end()) {
        add(errors, "consent", "required", "consent is required");
    } else if (!it->is_object()) {
        add(errors, "consent", "wrong_type", "consent must be an object");
    } else {
        for (auto k = it->begin(); k != it->end(); ++k)
            if (k.key() != "purpose" && k.key() != "version" && k.key() != "contact_permission")
                add(errors, "consent", "unknown_field", "consent has an unknown field");
        str(*it, "purpose", "consent.purpose", b.consent.purpose, true);
        str(*it, "version", "consent.version", b.consent.version, true);
        boolean(*it, "contact_permission", "consent.contact_permission", b.consent.contactPermission, true);
    }
    str(j, "config_code", "config_code", b.configCode, false);
    str(j, "kiosk_id", "kiosk_id", b.kioskId, true);
    if (auto it = j.find("created_ms"); it == j.end()) add(errors, "created_ms", "required", "created_ms is required");
    else if (!it->is_number_integer()) add(errors, "created_ms", "wrong_type", "created_ms must be an integer");
    else b.createdMs = it->get<std::int64_t>();
    boolean(j, "via_allocation", "via_allocation", b.viaAllocation, false);
    if (errors.size() != before) return std::nullopt;
    return b;
}

}  // namespace core
