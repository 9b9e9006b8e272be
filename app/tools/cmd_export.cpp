// kioskctl export bookings: the kiosk's bookings as CSV (UTF-8, RFC 4180), personal fields
// decrypted where not yet purged. An operator action: the output holds personal data.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "Commands.h"
#include "store/KioskConfig.h"
#include "store/KioskStore.h"

namespace tools {

store::KioskConfig kioskConfigOrThrow(const Args& args);

namespace {

// Quotes as RFC 4180 needs, and defuses spreadsheet formulas (a cell starting with = + - @).
std::string csv(const std::string& value) {
    std::string v = value;
    if (!v.empty() && (v[0] == '=' || v[0] == '@' || v[0] == '-' || (v[0] == '+' && v.find_first_not_of("+0123456789") != std::string::npos)))
        v = "'" + v;
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

int cmdExport(const Args& args) {
    if (args.empty() || args[0] != "bookings") {
        std::fputs("usage: kioskctl export bookings [--config FILE] [--out FILE.csv]\n", stderr);
        return 2;
    }
    const store::KioskConfig config = kioskConfigOrThrow(args);
    store::KioskStore db(config.databasePath, store::SecretKey::fromHex(config.storeKeyHex), config.kioskId);
    std::fprintf(stderr, "kiosk store: %s\n", db.path().c_str());
    const std::string outPath = optionValue(args, "--out");
    std::ofstream file;
    if (!outPath.empty()) {
        file.open(outPath, std::ios::binary);
        if (!file) throw std::runtime_error("cannot write " + outPath);
    }
    std::ostream& out = outPath.empty() ? std::cout : file;
    out << "booking_id,created_ms,kiosk_id,model,trim,mode,slot,queue_date,queue_place,status,status_at_booking,"
           "name,mobile,email,contact_permission,consent_version,config_code,alternative_slot,waitlist_place,"
           "hub_acknowledged_ms,purged\r\n";
    size_t n = 0;
    for (const auto& sb : db.bookings()) {
        const core::Booking& b = sb.booking;
        out << csv(b.id) << ',' << b.createdMs << ',' << csv(b.kioskId) << ',' << csv(b.model) << ',' << csv(b.trim) << ','
            << core::toString(b.mode) << ',' << csv(b.slot) << ',' << csv(b.queueDate) << ',' << b.queuePlace << ','
            << core::toString(sb.status) << ',' << core::toString(sb.localStatus) << ',' << csv(b.name) << ','
            << csv(b.mobile) << ',' << csv(b.email) << ',' << (b.consent.contactPermission ? "yes" : "no") << ','
            << csv(b.consent.version) << ',' << csv(b.configCode) << ',' << csv(sb.alternativeSlot) << ','
            << sb.waitlistPlace << ',' << sb.ackedMs << ',' << (sb.purged ? "yes" : "no") << "\r\n";
        ++n;
    }
    std::fprintf(stderr, "%zu bookings exported%s\n", n, outPath.empty() ? "" : (" to " + outPath).c_str());
    return 0;
}

}  // namespace tools
