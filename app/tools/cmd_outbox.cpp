// kioskctl outbox show: the kiosk's outbox (events waiting for or acknowledged by the hub),
// without personal data.
#include <cstdio>

#include "Commands.h"
#include "store/KioskConfig.h"
#include "store/KioskStore.h"

namespace tools {

store::KioskConfig kioskConfigOrThrow(const Args& args) {
    std::string error;
    auto config = store::loadKioskConfig(optionValue(args, "--config"), error);
    if (!config) throw std::runtime_error("kiosk configuration: " + error);
    return *config;
}

int cmdOutbox(const Args& args) {
    if (args.empty() || args[0] != "show") {
        std::fputs("usage: kioskctl outbox show [--config FILE] [--pending] [--limit N]\n", stderr);
        return 2;
    }
    const store::KioskConfig config = kioskConfigOrThrow(args);
    store::KioskStore db(config.databasePath, store::SecretKey::fromHex(config.storeKeyHex), config.kioskId);
    std::printf("kiosk store: %s (kiosk %s, %s)\n", db.path().c_str(), config.kioskId.c_str(),
                config.hasHub() ? ("hub " + config.hubUrl).c_str() : "embedded: no hub configured");
    const auto entries = db.outbox(static_cast<size_t>(std::stoul(optionValue(args, "--limit", "1000"))), hasFlag(args, "--pending"));
    std::printf("%-6s %-15s %-36s %-36s %-9s %-8s %-6s %-16s %-10s %s\n", "seq", "type", "event", "booking/survey",
                "state", "attempts", "model", "slot/day", "status", "hub answer");
    for (const auto& e : entries)
        std::printf("%-6lld %-15s %-36s %-36s %-9s %-8d %-6s %-16s %-10s %s\n", static_cast<long long>(e.seq), e.type.c_str(),
                    e.eventId.c_str(), e.bookingId.empty() ? "-" : e.bookingId.c_str(), e.state.c_str(), e.attempts,
                    e.model.c_str(), e.slot.c_str(), e.status.c_str(), e.outcome.c_str());
    std::printf("%zu pending\n", db.pendingCount());
    return 0;
}

}  // namespace tools
