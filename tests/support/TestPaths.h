#pragma once
// Where tests find their inputs. ../shared/data is public test data that a user's machine
// does not have: tests that need it call sharedData() and skip with a message when it is absent.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

namespace testing_paths {

inline std::string fixtures() { return KIOSK_TEST_FIXTURES_DIR; }
inline std::string sourceDir() { return KIOSK_TEST_SOURCE_DIR; }
inline std::string contentDir() { return std::string(KIOSK_TEST_SOURCE_DIR) + "/content"; }
inline std::string binaryDir() { return KIOSK_TEST_BINARY_DIR; }

// The shared data folder, or nullopt (after printing why) when this machine has none.
inline std::optional<std::string> sharedData(const std::string& sub = "") {
    std::filesystem::path p = std::filesystem::path(KIOSK_TEST_SHARED_DATA_DIR) / sub;
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
        std::fprintf(stderr, "SKIPPED: %s is absent (public test data only present on development machines)\n",
                     p.string().c_str());
        return std::nullopt;
    }
    return p.lexically_normal().string();
}

}  // namespace testing_paths
