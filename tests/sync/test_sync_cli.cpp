// kioskctl sync as its help shows it: `kioskctl sync --config F` runs a round (here: an embedded
// kiosk, so it reports the outbox), it does not print the usage.
#include <catch2/catch.hpp>

#include <fstream>

#include "store/StoreTestSupport.h"
#include "support/Process.h"

TEST_CASE("kioskctl sync --config F runs a sync round instead of printing the usage") {
#ifndef KIOSKCTL_PATH
    WARN("SKIPPED: kioskctl is not built in this configuration");
#else
    testing_store::TempDir dir("sync-cli");
    std::ofstream(dir.file("kiosk.json")) << "{\"kiosk_id\": \"kiosk-a\", \"database\": \"" << dir.file("k.db")
                                          << "\", \"store_key\": \"" << std::string(64, 'b') << "\"}";
    const auto r = testing_process::run({KIOSKCTL_PATH, "sync", "--config", dir.file("kiosk.json")});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("embedded mode") != std::string::npos);
    CHECK(r.err.find("usage") == std::string::npos);
#endif
}
