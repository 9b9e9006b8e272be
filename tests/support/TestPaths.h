#pragma once
// Where tests find their inputs. ../shared/data is public test data that a user's machine
// does not have: tests that need it call sharedData() and skip with KIOSK_SKIP when it is absent.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace testing_paths {

inline std::string fixtures() { return KIOSK_TEST_FIXTURES_DIR; }
inline std::string sourceDir() { return KIOSK_TEST_SOURCE_DIR; }
inline std::string contentDir() { return std::string(KIOSK_TEST_SOURCE_DIR) + "/content"; }
inline std::string binaryDir() { return KIOSK_TEST_BINARY_DIR; }

// The public data folder: KIOSK_TEST_SHARED_DATA_DIR from the environment when set (point it at
// a folder that does not exist to see what a machine without ../shared runs), else the configured
// one (CMake cache variable KIOSK_TEST_SHARED_DATA_DIR, default ../shared/data).
inline std::filesystem::path sharedDataRoot() {
    const char* env = std::getenv("KIOSK_TEST_SHARED_DATA_DIR");
    return (env && *env) ? std::filesystem::path(env) : std::filesystem::path(KIOSK_TEST_SHARED_DATA_DIR);
}

// The shared data path `sub`, or nullopt when this machine has none: the caller skips with
// KIOSK_SKIP(sharedDataAbsent(sub)) (support/Skip.h).
inline std::optional<std::string> sharedData(const std::string& sub = "") {
    const std::filesystem::path p = sharedDataRoot() / sub;
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) return std::nullopt;
    return p.lexically_normal().string();
}

// Why a test that needs shared data path `sub` is skipped.
inline std::string sharedDataAbsent(const std::string& sub = "") {
    return (sharedDataRoot() / sub).lexically_normal().string() +
           " is absent (public test data only present on development machines)";
}

}  // namespace testing_paths
