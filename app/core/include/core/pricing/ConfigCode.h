#pragma once
// Configuration codes: a short, checksummed, case-insensitive text (Crockford base32 in groups of
// four, e.g. "1A2B-C3D4-...") that the kiosk prints as a QR code and the kiosk or kioskctl restore.
// Scheme 1 (see app/core/src/pricing/README.md): scheme byte, content version, trim hash, option
// hashes, the car's price in major units when coded, CRC-16. Hashes instead of list positions let a
// code from an older content version restore what still exists and name what changed.
#include <cstdint>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/Result.h"

namespace core::pricing {

// 16-bit hash of an id as the code stores it (FNV-1a 32 folded).
std::uint16_t codeHash(const std::string& id);

// Encodes a configuration. `vehiclePriceMinor` (>= 0) is stored in major units so a restore can
// say whether the price changed; pass -1 to leave it out.
std::string encodeConfiguration(const Catalog& catalog, const Configuration& config, std::int64_t vehiclePriceMinor = -1);

// A configuration restored from a code.
struct RestoredCode {
    Configuration config;
    bool exact = false;              // every pick of the code restored as it was
    bool sameContentVersion = false; // the code was made with the catalog's content version
    std::string codeContentVersion;  // as stored ("2026.11.0", or "#1a2b" for a hashed version)
    std::int64_t codedVehiclePriceMajor = -1;  // -1 when the code has none
    std::vector<std::string> changes;  // English, one per change ("paint: option no longer offered; ...")
};

// The car of a code; fails (malformed, bad checksum, unknown scheme or trim) with the reason.
Result<RestoredCode> restoreConfiguration(const Catalog& catalog, const std::string& code);

// Normalizes for comparison: upper case, hyphens and spaces removed, I/L -> 1, O -> 0.
std::string normalizeCode(const std::string& code);

}  // namespace core::pricing
