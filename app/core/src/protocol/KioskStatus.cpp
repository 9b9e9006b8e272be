#include "core/protocol/KioskStatus.h"

#include <set>

#include "core/booking/Booking.h"
#include "core/protocol/SyncProtocol.h"

namespace core {
namespace {

using Json = nlohmann::json;

bool onlyKeys(const Json& j, const std::set<std::string>& allowed, const std::string& prefix, std::string& error) {
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!allowed.count(it.key())) {
            error = prefix + it.key() + ": unknown field";
            return false;
        }
    return true;
}

// Plain printable text (UTF-8 allowed), no control characters, within the length limit.
bool text(const Json& j, const char* key, const std::string& prefix, bool required, std::string& out, std::string& error) {
    const auto it = j.find(key);
    if (it == j.end()) {
        if (required) error = prefix + key + ": missing";
        return !required;
    }
    if (!it->is_string()) {
        error = prefix + key + ": must be a string";
        return false;
    }
    out = it->get<std::string>();
    if (out.size() > kMaxStatusTextBytes) {
        error = prefix + key + ": longer than " + std::to_string(kMaxStatusTextBytes) + " bytes";
        return false;
    }
    for (unsigned char c : out)
        if (c < 0x20 || c == 0x7F) {
            error = prefix + key + ": control characters are not allowed";
            return false;
        }
    return true;
}

bool integer(const Json& j, const char* key, std::int64_t min, std::int64_t& out, std::string& error) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer() || it->get<std::int64_t>() < min) {
        error = std::string(key) + ": must be an integer of at least " + std::to_string(min);
        return false;
    }
    out = it->get<std::int64_t>();
    return true;
}

}  // namespace

Json toJson(const KioskStatus& s) {
    Json store = {{"status", s.store.ok ? "ok" : "failing"}};
    if (!s.store.ok) store["problem"] = s.store.problem;
    return {{"protocol", kSyncProtocolVersion},      {"kiosk_id", s.kioskId},
            {"software_version", s.softwareVersion}, {"content_version", s.contentVersion},
            {"outbox_backlog", s.outboxBacklog},     {"last_sync_ms", s.lastSyncMs},
            {"sync_ok", s.syncOk},                   {"store", store}};
}

Result<KioskStatus> parseKioskStatus(const Json& j) {
    if (!j.is_object()) return fail("the status must be a JSON object");
    std::string error;
    if (!onlyKeys(j, {"protocol", "kiosk_id", "software_version", "content_version", "outbox_backlog", "last_sync_ms",
                      "sync_ok", "store"},
                  "", error))
        return fail(error);
    KioskStatus s;
    std::int64_t protocol = 0;
    if (!integer(j, "protocol", 1, protocol, error)) return fail(error);
    if (protocol != kSyncProtocolVersion) return fail("protocol: unsupported version " + std::to_string(protocol));
    if (!text(j, "kiosk_id", "", true, s.kioskId, error)) return fail(error);
    if (!isValidId(s.kioskId)) return fail("kiosk_id: not a valid id");
    if (!text(j, "software_version", "", true, s.softwareVersion, error) ||
        !text(j, "content_version", "", true, s.contentVersion, error) ||
        !integer(j, "outbox_backlog", -1, s.outboxBacklog, error) || !integer(j, "last_sync_ms", 0, s.lastSyncMs, error))
        return fail(error);
    const auto ok = j.find("sync_ok");
    if (ok == j.end() || !ok->is_boolean()) return fail("sync_ok: must be true or false");
    s.syncOk = ok->get<bool>();
    const auto store = j.find("store");
    if (store == j.end() || !store->is_object()) return fail("store: must be an object");
    if (!onlyKeys(*store, {"status", "problem"}, "store.", error)) return fail(error);
    std::string status;
    if (!text(*store, "status", "store.", true, status, error)) return fail(error);
    if (status != "ok" && status != "failing") return fail("store.status: must be \"ok\" or \"failing\"");
    s.store.ok = status == "ok";
    if (!text(*store, "problem", "store.", !s.store.ok, s.store.problem, error)) return fail(error);
    if (s.store.ok) s.store.problem.clear();
    return s;
}

}  // namespace core
